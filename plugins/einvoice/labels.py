"""Human labels for the e-invoicing code lists (registered through ``code_labels``): most are
the lists' own names in ``codes.py``, translated; units and registration types are worded for
people here (the Rec 20 names are "one (unit)", "piece"...)."""

from __future__ import annotations

from core.api import lazy_gettext as _l
from core.api import lazy_labels
from plugins.einvoice import codes

UNITS = {
    "C62": _l("Unit"),
    "H87": _l("Piece"),
    "EA": _l("Each"),
    "SET": _l("Set"),
    "PR": _l("Pair"),
    "HUR": _l("Hour"),
    "MIN": _l("Minute"),
    "DAY": _l("Day"),
    "WEE": _l("Week"),
    "MON": _l("Month"),
    "ANN": _l("Year"),
    "KGM": _l("Kilogram"),
    "GRM": _l("Gram"),
    "TNE": _l("Tonne"),
    "MTR": _l("Metre"),
    "KMT": _l("Kilometre"),
    "MTK": _l("Square metre"),
    "MTQ": _l("Cubic metre"),
    "LTR": _l("Litre"),
    "KWH": _l("Kilowatt hour"),
}

LEGAL_ID_TYPES = {
    "TL": _l("Trade licence"),
    "EID": _l("Emirates ID"),
    "PAS": _l("Passport"),
    "CD": _l("Cabinet decision"),
}


# The rule stacks by the names their publishers give them (the same in every language).
PROFILES = {"peppol": "Peppol BIS 3.0", "pint-ae": "PINT-AE", "en16931": "EN 16931"}


def code_labels() -> dict:
    return {
        "unit": UNITS,
        "vat_category": lazy_labels(codes.VAT_CATEGORIES),
        # The emirates as PINT-AE writes them (AUH...); core labels the ISO 3166-2 codes.
        "emirate": lazy_labels(codes.UAE_EMIRATES),
        "eas_scheme": lazy_labels(codes.EAS_SCHEMES),
        "payment_means": lazy_labels(codes.PAYMENT_MEANS),
        "credit_reason": lazy_labels(codes.CREDIT_NOTE_REASONS),
        "legal_id_type": LEGAL_ID_TYPES,
        "goods_type": lazy_labels(codes.REVERSE_CHARGE_GOODS),
        "einvoice_profile": PROFILES,
    }
