"""One label registry: codes shown as words, with the code as a tooltip."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale

from core.api import field_sentences, label, labels
from core.company_form import CompanyForm
from core.i18n.results import job_result_value


def test_codes_and_job_results_have_labels_in_both_languages(app):
    with app.test_request_context():
        assert label("emirate", "AE-DU") == "Dubai"
        assert label("country", "AE") == "United Arab Emirates"
        assert label("currency", "AED") == "United Arab Emirates Dirham"
        assert label("role", "COMPANY_ADMIN") == "Company admin"
        with force_locale("ar"):
            assert label("emirate", "AE-DU") == "دبي"
            assert label("country", "AE") == "الإمارات العربية المتحدة"
            assert label("currency", "AED") == "درهم إماراتي"
    # The jobs page shows a result's values as labels and numbers, not codes (a Peppol send's
    # state, an AP rematch's count per match status); registration types by their label.
    with app.test_request_context():
        assert job_result_value("SENT", "state") == label("peppol_state", "SENT") != "SENT"
        assert job_result_value(1200, "polled") == "1,200"
        assert job_result_value(True, "x") == "Yes"
        counts = job_result_value({"VARIANCE_DETECTED": 2}, "match_status")
        assert counts == f"{label('ap_match', 'VARIANCE_DETECTED')}: 2"
        assert job_result_value("anything.csv", "filename") == "anything.csv"
        with force_locale("ar"):
            assert job_result_value(False, "x") == "لا"
            assert job_result_value("SENT", "state") == label("peppol_state", "SENT")
            assert "VARIANCE_DETECTED" not in job_result_value(
                {"VARIANCE_DETECTED": 2}, "match_status"
            )
            types = {
                c.value: c.label for c in CompanyForm(meta={"csrf": False}).legal_id_type.choices
            }
            assert str(types["PAS"]) == "جواز السفر"
            # A refusal's field errors flashed as sentences, no field names (core.api).
            fields = {"lines[1].received_quantity": "X", "reason": "Y", "po_line_id": "Z"}
            said = field_sentences(fields, {"reason": "السبب"})
            assert said == ["السطر 2: X", "السبب: Y", "Z"]
            said = field_sentences(fields, {"received_quantity": "المستلم"})
            assert said[0] == "السطر 2، المستلم: X"


def test_an_empty_chart_says_so_in_the_readers_language(app):
    from core.api import bar_chart

    with app.test_request_context(), force_locale("ar"):
        empty = bar_chart([], "النقد <المستلم>")
    assert empty == '<p class="ll-chart-empty">النقد &lt;المستلم&gt;: لا شيء لعرضه بعد.</p>'


def test_a_chart_runs_in_the_readers_direction(app):
    """Arabic reads right to left: the first bar (not yet due, January...) stands on the right,
    while the SVG keeps them in reading order for a screen reader."""
    import re

    from core.api import bar_chart

    def first_bar_x(locale):
        with app.test_request_context(), force_locale(locale):
            svg = str(bar_chart([("أ", 1), ("ب", 2), ("ج", 3)], "T"))
        xs = [float(x) for x in re.findall(r'<rect[^>]* x="([\d.]+)"', svg)]
        assert svg.index(">أ<") < svg.index(">ب<")  # reading order kept
        return xs

    assert first_bar_x("en") == sorted(first_bar_x("en"))
    assert first_bar_x("ar") == sorted(first_bar_x("ar"), reverse=True)


def test_unknown_codes_and_kinds_show_the_code_itself(app):
    with app.test_request_context():
        assert label("emirate", "XX-YY") == "XX-YY"
        assert label("no-such-kind", "C62") == "C62"
        assert label("emirate", None) == ""


def test_choices_keep_the_registration_order(app):
    with app.test_request_context():
        assert labels("emirate")[:2] == [("AE-AZ", "Abu Dhabi"), ("AE-DU", "Dubai")]


def test_the_label_filter_puts_the_code_in_the_title(app):
    with app.test_request_context():
        html = render_template_string('{{ "AE-DU" | label("emirate") }}')
        assert html == '<span class="ll-code" title="AE-DU">Dubai</span>'
        assert render_template_string('{{ "AE-DU" | label_text("emirate") }}') == "Dubai"
        unknown = render_template_string('{{ "<b>" | label("emirate") }}')
        assert unknown == "&lt;b&gt;"


def test_a_plugin_adds_its_own_code_list_through_the_hook(app):
    from core.hookimpl import hookimpl

    class Plugin:
        @hookimpl
        def code_labels(self):
            return {"emirate": {"AE-ZZ": "Test emirate"}, "fx_colour": {"R": "Red"}}

    pm = app.extensions["ledgerline.plugins"].pm
    plugin = pm.register(Plugin(), name="fx_labels")
    app.extensions.pop("ledgerline.labels", None)
    try:
        with app.test_request_context():
            assert label("fx_colour", "R") == "Red"
            assert label("emirate", "AE-ZZ") == "Test emirate"
            assert label("emirate", "AE-DU") == "Dubai"  # merged, not replaced
    finally:
        pm.unregister(name=plugin)
