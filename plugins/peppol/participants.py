"""Peppol participant ids (``scheme:value``, scheme = ICD / EAS code), checked per scheme
before anything is sent.

Check digits come from python-stdnum where it knows the number; otherwise the documented
format is checked. Deprecated schemes and unknown ones are refused with a reason.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

# UAE special buyer endpoints (PINT-AE): the provider reports to the tax authority only.
UAE_SPECIAL = {
    "9900000097": "deemed_supply",
    "9900000098": "buyer_outside_network",
    "9900000099": "export",
}
DEPRECATED = {"0037", "0213", "9955", "0193", "9956", "9906", "9907"}


@dataclass(frozen=True)
class Rule:
    label: str
    pattern: str  # the whole value, after upper-casing
    stdnum: str | None = None  # module whose is_valid() checks the check digits


SCHEMES: dict[str, Rule] = {
    "0002": Rule("FR SIRENE", r"\d{9}", "stdnum.fr.siren"),
    "0007": Rule("SE organisation number", r"\d{10}", "stdnum.se.orgnr"),
    "0009": Rule("FR SIRET", r"\d{14}", "stdnum.fr.siret"),
    "0060": Rule("DUNS", r"\d{9}"),
    "0088": Rule("GLN", r"\d{13}", "stdnum.ean"),
    "0096": Rule("DK P-number", r"\d{10}"),
    "0106": Rule("NL KvK number", r"\d{8}"),
    "0130": Rule("EU Directorates-General", r"[A-Z0-9.-]{1,35}"),
    "0135": Rule("IT SIA", r"[A-Z0-9]{1,35}"),
    "0142": Rule("IT SECETI", r"[A-Z0-9]{1,35}"),
    "0151": Rule("AU ABN", r"\d{11}", "stdnum.au.abn"),
    "0183": Rule("CH UIDB", r"CHE\d{9}"),
    "0184": Rule("DK CVR", r"\d{8}", "stdnum.dk.cvr"),
    "0188": Rule("JP corporate number", r"\d{13}"),
    "0190": Rule("NL OIN", r"\d{20}"),
    "0191": Rule("EE company code", r"\d{8}"),
    "0192": Rule("NO organisation number", r"\d{9}", "stdnum.no.orgnr"),
    "0195": Rule("SG UEN", r"[A-Z0-9]{9,10}", "stdnum.sg.uen"),
    "0196": Rule("IS kennitala", r"\d{10}", "stdnum.is_.kennitala"),
    "0198": Rule("DK VAT (ERSTORG)", r"DK\d{8}", "stdnum.dk.cvr"),
    "0200": Rule("LT company code", r"\d{9}"),
    "0201": Rule("IT IPA code", r"[A-Z0-9]{6}"),
    "0204": Rule("DE Leitweg-ID", r"\d{2,12}(-[A-Z0-9]{1,30})?-\d{2}"),
    "0208": Rule("BE enterprise number", r"[01]\d{9}", "stdnum.be.vat"),
    "0209": Rule("GS1 identification key", r"\d{8,30}"),
    "0210": Rule("IT fiscal code", r"[A-Z0-9]{11,16}", "stdnum.it.codicefiscale"),
    "0211": Rule("IT VAT number", r"IT\d{11}", "stdnum.it.iva"),
    "0212": Rule("FI organisation id", r"\d{7}-\d", "stdnum.fi.ytunnus"),
    "0216": Rule("FI OVT code", r"0037\d{8}[A-Z0-9]{0,5}"),
    "0221": Rule("JP qualified invoice issuer", r"T\d{13}"),
    "0230": Rule("MY national e-invoicing", r"[A-Z0-9]{1,35}"),
    "0235": Rule("UAE TIN", r"\d{10}"),
    "9901": Rule("DK CPR", r"\d{10}"),
    "9910": Rule("HU VAT number", r"HU\d{8}", "stdnum.hu.anum"),
    "9914": Rule("AT VAT number", r"ATU\d{8}", "stdnum.at.uid"),
    "9915": Rule("AT Verwaltungskennzeichen", r"[A-Z0-9:]{1,35}"),
    "9918": Rule("IBAN", r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", "stdnum.iban"),
    "9919": Rule("AT company register", r"[A-Z0-9]{1,35}"),
    "9920": Rule("ES VAT number", r"ES[A-Z0-9]{9}", "stdnum.es.nif"),
    "9922": Rule("AD VAT number", r"AD[A-Z0-9]{1,20}"),
    "9925": Rule("BE VAT number", r"BE[01]\d{9}", "stdnum.be.vat"),
    "9930": Rule("DE VAT number", r"DE\d{9}", "stdnum.de.vat"),
    "9931": Rule("EE VAT number", r"EE\d{9}", "stdnum.ee.kmkr"),
    "9933": Rule("GR VAT number", r"(EL|GR)\d{9}", "stdnum.gr.vat"),
    "9937": Rule("LU VAT number", r"LU\d{8}", "stdnum.lu.tva"),
    "9938": Rule("LV VAT number", r"LV\d{11}", "stdnum.lv.pvn"),
    "9944": Rule("NL VAT number", r"NL\d{9}B\d{2}", "stdnum.nl.btw"),
    "9945": Rule("PL VAT number", r"PL\d{10}", "stdnum.pl.nip"),
    "9946": Rule("PT VAT number", r"PT\d{9}", "stdnum.pt.nif"),
    "9947": Rule("RO VAT number", r"RO\d{2,10}", "stdnum.ro.cf"),
    "9948": Rule("RS VAT number", r"RS\d{9}"),
    "9949": Rule("SI VAT number", r"SI\d{8}", "stdnum.si.ddv"),
    "9950": Rule("SK VAT number", r"SK\d{10}", "stdnum.sk.dph"),
    "9951": Rule("SM VAT number", r"SM\d{5}"),
    "9952": Rule("TR VAT number", r"TR\d{10}"),
    "9953": Rule("VA VAT number", r"VA[A-Z0-9]{1,20}"),
    "9957": Rule("FR VAT number", r"FR[A-Z0-9]{2}\d{9}", "stdnum.fr.tva"),
    "9959": Rule("US EIN", r"\d{9}"),
}
# Belgium moved from 9925 (VAT) to 0208 (enterprise number): one company, two ids.
SAME_COUNTRY = {"0208": ("9925", lambda v: "BE" + v), "9925": ("0208", lambda v: v[2:])}


@dataclass(frozen=True)
class Check:
    valid_format: bool
    scheme: str
    value: str
    reason: str | None = None
    special: str | None = None  # UAE special endpoint kind

    @property
    def participant_id(self) -> str:
        return f"{self.scheme}:{self.value}"

    def to_dict(self) -> dict:
        out = {"valid_format": self.valid_format, "scheme": self.scheme, "value": self.value}
        if self.reason:
            out["reason"] = self.reason
        if self.special:
            out["special"] = self.special
        return out


def check(participant_id: str) -> Check:
    """Parse and check ``scheme:value`` (an ``iso6523-actorid-upis::`` prefix is accepted)."""
    text = (participant_id or "").strip()
    text = text.removeprefix("iso6523-actorid-upis::")
    scheme, sep, value = text.partition(":")
    scheme, value = scheme.strip(), value.strip().upper().replace(" ", "")
    if not sep or not scheme or not value:
        return Check(False, scheme, value, "A participant id looks like 'scheme:value'.")
    return _check_value(scheme, value)


def _check_value(scheme: str, value: str) -> Check:
    if scheme in DEPRECATED:
        return Check(False, scheme, value, f"Scheme {scheme} is deprecated in Peppol.")
    rule = SCHEMES.get(scheme)
    if rule is None:
        return Check(False, scheme, value, f"Unknown participant scheme {scheme!r}.")
    if not re.fullmatch(rule.pattern, value):
        return Check(False, scheme, value, f"{value!r} is not a {rule.label} ({scheme}).")
    if rule.stdnum and not _digits_ok(rule.stdnum, value):
        return Check(False, scheme, value, f"The check digits of this {rule.label} are wrong.")
    if scheme == "0235":
        return _uae(value)
    return Check(True, scheme, value)


def _digits_ok(module: str, value: str) -> bool:
    try:
        return bool(importlib.import_module(module).is_valid(value))
    except ImportError:  # an older python-stdnum: the format check stands alone
        return True


def _uae(value: str) -> Check:
    special = UAE_SPECIAL.get(value)
    if special:
        return Check(True, "0235", value, special=special)
    if value.startswith("99"):
        return Check(False, "0235", value, "0235:99... is reserved for the UAE special endpoints.")
    if not value.startswith("1"):
        return Check(
            False, "0235", value, "A UAE TIN (the first 10 digits of the TRN) starts with 1."
        )
    return Check(True, "0235", value)


def alternative(check_result: Check) -> str | None:
    """The same company's id in its country's other scheme (Belgium: 0208 <-> 9925)."""
    other = SAME_COUNTRY.get(check_result.scheme)
    if other is None:
        return None
    scheme, convert = other
    return f"{scheme}:{convert(check_result.value)}"
