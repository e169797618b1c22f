"""The code lists' names are their labels: English as the lists give them, Arabic from the
catalogue, the code as itself when unknown."""

from __future__ import annotations

from flask_babel import force_locale

from core.api import label

SHOWN = {
    ("vat_category", "S"): ("Standard rate", "النسبة الأساسية"),
    ("emirate", "DXB"): ("Dubai", "دبي"),
    ("emirate", "AE-DU"): ("Dubai", "دبي"),  # core's ISO code beside PINT-AE's
    ("eas_scheme", "0235"): (
        "UAE Tax Identification Number (TIN)",
        "رقم التعريف الضريبي الإماراتي (TIN)",
    ),
    ("payment_means", "30"): ("Credit transfer", "تحويل دائن"),
    ("credit_reason", "VD"): ("Volume discount", "خصم الكمية"),
    ("goods_type", "DL8.48.3.1"): ("Art. 48(3)(1)", "المادة 48(3)(1)"),
}


def test_each_code_list_shows_its_names_in_english_and_arabic(app):
    with app.test_request_context():
        with force_locale("en"):
            english = {key: label(*key) for key in SHOWN}
        with force_locale("ar"):
            arabic = {key: label(*key) for key in SHOWN}
        assert english == {key: words[0] for key, words in SHOWN.items()}
        assert arabic == {key: words[1] for key, words in SHOWN.items()}
        assert label("payment_means", "999") == "999"
