"""Form fields read what people type and show values the way the app prints them."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import force_locale, refresh
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from core.api import DateInputField, NumberField


class LineForm(FlaskForm):
    class Meta:
        csrf = False

    quantity = NumberField("Quantity")
    price = NumberField("Unit price", digits=2)
    day = DateInputField("Date")


def test_typed_values_reach_the_service_as_plain_digits_and_iso_dates(app):
    with app.test_request_context():
        form = LineForm(
            MultiDict({"quantity": "1,200", "price": "AED 1,000.50", "day": "Dec 5, 2026"})
        )
        assert form.data == {"quantity": "1200", "price": "1000.50", "day": "2026-12-05"}
        with force_locale("ar"):
            refresh()
            arabic = LineForm(
                MultiDict({"quantity": "١٬٢٠٠", "price": "٣٫٥", "day": "٥ ديسمبر ٢٠٢٦"})
            )
            assert arabic.data == {"quantity": "1200", "price": "3.5", "day": "2026-12-05"}


def test_what_cannot_be_read_is_kept_for_the_services_message_and_shown_back(app):
    with app.test_request_context():
        form = LineForm(MultiDict({"quantity": "lots", "price": "", "day": "soon"}))
        assert form.data == {"quantity": "lots", "price": "", "day": "soon"}
        assert 'value="lots"' in form.quantity()


def test_stored_values_are_shown_grouped_and_without_an_exponent(app):
    with app.test_request_context():
        form = LineForm(data={"quantity": Decimal("1.2E+3"), "price": Decimal("4.5E+2")})
        assert 'value="1,200"' in form.quantity()
        assert 'value="450.00"' in form.price()
        assert 'inputmode="decimal"' in form.price()
        assert 'type="date"' in form.day()
