"""Code lists an invoice draws from: VAT categories, units, currencies, countries, EAS schemes.

Countries and currencies come from pycountry (ISO 3166-1 / ISO 4217); the short lists here are
the subsets the e-invoicing rules name and pycountry does not carry (minor units, Rec 20 units
people actually invoice in, Peppol EAS codes, UAE emirates, UAE credit-note reasons).
Names marked ``N_`` are also the lists' labels (``labels.py``): English here, translated there.
"""

from __future__ import annotations

import pycountry

from core.api import N_

# UNCL 5305 subset used in the UAE (PINT-AE also knows "N", which Peppol BIS does not).
VAT_CATEGORIES = {
    "S": N_("Standard rate"),
    "Z": N_("Zero rated"),
    "E": N_("Exempt from VAT"),
    "O": N_("Not subject to VAT"),
    "AE": N_("Reverse charge"),
}
# EN 16931 (BR-E-10, BR-O-10, BR-AE-10) wants a reason wherever no VAT is charged by law.
EXEMPTION_REQUIRED = frozenset({"E", "O", "AE"})
# Categories whose tax amount is always zero, whatever rate the line carries.
ZERO_TAX = frozenset({"Z", "E", "O", "AE"})
UAE_STANDARD_RATE = "5"

# VATEX code a profile writes when the user gave a reason text but no code.
DEFAULT_EXEMPTION_CODES = {"E": "VATEX-EU-132", "O": "VATEX-EU-O", "AE": "VATEX-EU-AE"}

# UN/ECE Recommendation 20 (with Rec 21 "X" packaging codes excluded): the units people invoice
# in. All of them are in the code lists of both EN 16931 (BR-CL-23) and PINT (ibr-cl-23).
UNIT_CODES = {
    "C62": "one (unit)",
    "H87": "piece",
    "EA": "each",
    "SET": "set",
    "PR": "pair",
    "HUR": "hour",
    "MIN": "minute",
    "DAY": "day",
    "WEE": "week",
    "MON": "month",
    "ANN": "year",
    "KGM": "kilogram",
    "GRM": "gram",
    "TNE": "tonne",
    "MTR": "metre",
    "KMT": "kilometre",
    "MTK": "square metre",
    "MTQ": "cubic metre",
    "LTR": "litre",
    "KWH": "kilowatt hour",
}

# ISO 4217 minor units that differ from the usual 2 (pycountry does not carry them).
_MINOR_UNIT_EXCEPTIONS = {
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    "CLF": 4,
    "UYW": 4,
}
# Funds, precious metals and testing codes are not money an invoice is issued in.
_NOT_TENDER = frozenset(
    ["XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"]
)

# The seven emirates, as PINT-AE wants them in CountrySubentity (ibr-128-ae).
UAE_EMIRATES = {
    "AUH": N_("Abu Dhabi"),
    "DXB": N_("Dubai"),
    "SHJ": N_("Sharjah"),
    "AJM": N_("Ajman"),
    "UAQ": N_("Umm Al Quwain"),
    "RAK": N_("Ras Al Khaimah"),
    "FUJ": N_("Fujairah"),
}

# Peppol Electronic Address Schemes this project can check (identifiers.py has the rules).
EAS_SCHEMES = {
    "0235": N_("UAE Tax Identification Number (TIN)"),
    "0088": N_("Global Location Number (GS1 GLN)"),
    "0192": N_("Norwegian organisation number"),
    "0208": N_("Belgian enterprise number"),
    "0007": N_("Swedish organisation number"),
    "0184": N_("Danish CVR number"),
    "9925": N_("Belgian VAT number"),
    "9930": N_("German VAT number"),
    "9957": N_("French VAT number"),
}

# UNCL 4461 payment means; 30 and 58 are credit transfers that need a payee account (BR-61).
PAYMENT_MEANS = {
    "1": N_("Instrument not defined"),
    "10": N_("In cash"),
    "30": N_("Credit transfer"),
    "31": N_("Debit transfer"),
    "42": N_("Payment to bank account"),
    "48": N_("Bank card"),
    "49": N_("Direct debit"),
    "54": N_("Credit card"),
    "55": N_("Debit card"),
    "57": N_("Standing agreement"),
    "58": N_("SEPA credit transfer"),
    "59": N_("SEPA direct debit"),
    "97": N_("Clearing between partners"),
}
CREDIT_TRANSFER = frozenset({"30", "58"})

# UAE credit-note reasons (BTAE-03, ibr-001-ae): the paragraphs of Article 61(1) of Federal
# Decree-Law No. 8 of 2017 on VAT, plus VD for a volume discount over several invoices.
CREDIT_NOTE_REASONS = {
    "DL8.61.1.A": N_("Art. 61(1)(a)"),
    "DL8.61.1.B": N_("Art. 61(1)(b)"),
    "DL8.61.1.C": N_("Art. 61(1)(c)"),
    "DL8.61.1.D": N_("Art. 61(1)(d)"),
    "DL8.61.1.E": N_("Art. 61(1)(e)"),
    "VD": N_("Volume discount"),
}

# UAE legal registration identifier types (BTAE-15/16): trade licence, Emirates ID, passport,
# cabinet decision.
LEGAL_ID_TYPES = {"TL": "Trade licence", "EID": "Emirates ID", "PAS": "Passport", "CD": "Cabinet"}

# Types of goods and services under the UAE domestic reverse charge (BTAE-09, ibr-166-ae): the
# paragraphs of Article 48 of Federal Decree-Law No. 8 of 2017 the PINT-AE rules name.
REVERSE_CHARGE_GOODS = {
    "DL8.48.3.1": N_("Art. 48(3)(1)"),
    "DL8.48.3.2": N_("Art. 48(3)(2)"),
    "DL8.48.3.3": N_("Art. 48(3)(3)"),
    "DL8.48.8.1": N_("Art. 48(8)(1)"),
    "DL8.48.8.2": N_("Art. 48(8)(2)"),
}


def is_country(code: str) -> bool:
    return bool(code) and len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def is_currency(code: str) -> bool:
    return (
        bool(code)
        and len(code) == 3
        and code not in _NOT_TENDER
        and pycountry.currencies.get(alpha_3=code) is not None
    )


def minor_unit(currency: str) -> int:
    """Decimal places of the currency (ISO 4217); ValueError for an unknown code."""
    if not is_currency(currency):
        raise ValueError(f"unknown currency code {currency!r} (ISO 4217, e.g. AED, USD, EUR)")
    return _MINOR_UNIT_EXCEPTIONS.get(currency, 2)


def amount_places(currency: str) -> int:
    """Places an e-invoice amount is rounded to: EN 16931 allows at most 2 (BR-DEC-*), so a
    3-decimal currency such as KWD is still invoiced to 2 places."""
    return min(minor_unit(currency), 2)
