"""Invoice search through the full-text index: parts of words, any order, kept up to date."""

from core.api import db
from plugins.invoicing.tests.test_pages_list import _ids, book  # noqa: F401  (fixture)


def test_words_in_any_order_and_parts_of_numbers(client, book):  # noqa: F811
    assert _ids(client, "?q=trading+desert") == [book["d"].id, book["b"].id]
    assert _ids(client, "?q=ROSE") == [book["d"].id, book["b"].id]
    number = book["c"].number
    assert book["c"].id in _ids(client, f"?q={number[-5:]}")  # the end of a number
    assert _ids(client, f"?q={number.lower()}") == [book["c"].id]
    # A number-shaped word is looked up by its digits, then checked whole on those rows.
    assert _ids(client, f"?q={number[:-1]}") == [book[k].id for k in "cba"]
    assert _ids(client, f"?q=X{number}") == []  # its digits are there, the word is not
    assert _ids(client, "?q=desert+nowhere") == []


def test_short_words_and_wildcards_are_plain_text(client, book):  # noqa: F811
    assert _ids(client, "?q=de+rose") == [book["d"].id, book["b"].id]
    assert _ids(client, "?q=%25") == []  # "%" is a character, not "anything"
    assert _ids(client, "?q=%22%27%5C") == []  # quotes and backslash never break the query


def test_a_renamed_customer_is_found_by_its_new_name(client, book):  # noqa: F811
    other = book["other"]
    other.name = "Oasis Palm Supplies"
    db.session.commit()
    assert _ids(client, "?q=desert") == []
    assert _ids(client, "?q=oasis+palm") == [book["d"].id, book["b"].id]


def test_a_deleted_draft_leaves_the_search(client, book):  # noqa: F811
    from plugins.invoicing.services import drafts

    drafts.delete(db.session.get(type(book["d"]), book["d"].id))
    db.session.commit()
    assert _ids(client, "?q=desert") == [book["b"].id]
