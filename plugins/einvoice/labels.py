"""Human labels for the e-invoicing code lists (registered through ``code_labels``)."""

from __future__ import annotations

from core.api import lazy_gettext as _l

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

VAT_CATEGORIES = {
    "S": _l("Standard rate"),
    "Z": _l("Zero rated"),
    "E": _l("Exempt from VAT"),
    "O": _l("Not subject to VAT"),
    "AE": _l("Reverse charge"),
}

# The emirates as PINT-AE writes them (AUH...); core labels the ISO 3166-2 codes (AE-AZ...).
EMIRATE_ABBREVIATIONS = {
    "AUH": _l("Abu Dhabi"),
    "DXB": _l("Dubai"),
    "SHJ": _l("Sharjah"),
    "AJM": _l("Ajman"),
    "UAQ": _l("Umm Al Quwain"),
    "RAK": _l("Ras Al Khaimah"),
    "FUJ": _l("Fujairah"),
}

EAS_SCHEMES = {
    "0235": _l("UAE Tax Identification Number (TIN)"),
    "0088": _l("Global Location Number (GS1 GLN)"),
    "0192": _l("Norwegian organisation number"),
    "0208": _l("Belgian enterprise number"),
    "0007": _l("Swedish organisation number"),
    "0184": _l("Danish CVR number"),
    "9925": _l("Belgian VAT number"),
    "9930": _l("German VAT number"),
    "9957": _l("French VAT number"),
}

PAYMENT_MEANS = {
    "1": _l("Instrument not defined"),
    "10": _l("In cash"),
    "30": _l("Credit transfer"),
    "31": _l("Debit transfer"),
    "42": _l("Payment to bank account"),
    "48": _l("Bank card"),
    "49": _l("Direct debit"),
    "54": _l("Credit card"),
    "55": _l("Debit card"),
    "57": _l("Standing agreement"),
    "58": _l("SEPA credit transfer"),
    "59": _l("SEPA direct debit"),
    "97": _l("Clearing between partners"),
}

CREDIT_NOTE_REASONS = {
    "DL8.61.1.A": _l("Art. 61(1)(a)"),
    "DL8.61.1.B": _l("Art. 61(1)(b)"),
    "DL8.61.1.C": _l("Art. 61(1)(c)"),
    "DL8.61.1.D": _l("Art. 61(1)(d)"),
    "DL8.61.1.E": _l("Art. 61(1)(e)"),
    "VD": _l("Volume discount"),
}

LEGAL_ID_TYPES = {
    "TL": _l("Trade licence"),
    "EID": _l("Emirates ID"),
    "PAS": _l("Passport"),
    "CD": _l("Cabinet decision"),
}

REVERSE_CHARGE_GOODS = {
    "DL8.48.3.1": _l("Art. 48(3)(1)"),
    "DL8.48.3.2": _l("Art. 48(3)(2)"),
    "DL8.48.3.3": _l("Art. 48(3)(3)"),
    "DL8.48.8.1": _l("Art. 48(8)(1)"),
    "DL8.48.8.2": _l("Art. 48(8)(2)"),
}


def code_labels() -> dict:
    return {
        "unit": UNITS,
        "vat_category": VAT_CATEGORIES,
        "emirate": EMIRATE_ABBREVIATIONS,
        "eas_scheme": EAS_SCHEMES,
        "payment_means": PAYMENT_MEANS,
        "credit_reason": CREDIT_NOTE_REASONS,
        "legal_id_type": LEGAL_ID_TYPES,
        "goods_type": REVERSE_CHARGE_GOODS,
    }
