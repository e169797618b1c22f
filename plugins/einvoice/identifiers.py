"""Tax and participant identifiers: UAE TRN, ISO-prefixed VAT ids, Peppol participant ids.

Each ``validate_*`` returns the canonical form or raises IdentifierError with a message a user
can act on. Check digits come from python-stdnum; the UAE shapes are the ones the PINT-AE rules
enforce (ibr-132-ae: TRN is 15 digits, starts with 1, ends with 03; the 0235 endpoint is the
10-digit TIN, i.e. the first ten digits of the TRN, ibr-149-ae).
"""

from __future__ import annotations

import re

from stdnum import ean
from stdnum.be import vat as be_vat
from stdnum.dk import cvr as dk_cvr
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from core.api import gettext as _
from core.api import lazy_gettext as _l
from plugins.einvoice.codes import EAS_SCHEMES, is_country


class IdentifierError(ValueError):
    """An identifier that is malformed or fails its check digits; str() is the user message."""


def _squeeze(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value or "")


def validate_trn(value: str) -> str:
    trn = _squeeze(value)
    if not trn.isdigit() or len(trn) != 15:
        raise IdentifierError(
            _("A UAE TRN has exactly 15 digits; got %(value)s.", value=repr(value))
        )
    if not trn.startswith("1"):
        raise IdentifierError(_("A UAE TRN starts with 1; got %(value)s.", value=repr(value)))
    if not trn.endswith("03"):
        raise IdentifierError(
            _("A UAE TRN ends with 03 (VAT registration); got %(value)s.", value=repr(value))
        )
    return trn


def tin_from_trn(trn: str) -> str:
    """The 10-digit Tax Identification Number inside a TRN: the Peppol 0235 endpoint value."""
    return validate_trn(trn)[:10]


def validate_vat_id(value: str) -> str:
    """An ISO-prefixed VAT id: AE + TRN, an EU VAT number (checked), or another country's."""
    vat_id = _squeeze(value).upper()
    prefix = vat_id[:2]
    if prefix == "EL":  # Greece uses EL for VAT although its ISO code is GR
        prefix = "GR"
    if not is_country(prefix):
        raise IdentifierError(
            _(
                "A VAT id starts with the ISO country code (e.g. AE100123456700003); "
                "got %(value)s.",
                value=repr(value),
            )
        )
    if vat_id.startswith("AE"):
        return "AE" + validate_trn(vat_id[2:])
    if vat_id[:2].lower() in eu_vat.MEMBER_STATES:
        try:
            return eu_vat.validate(vat_id)
        except ValidationError as exc:
            raise IdentifierError(
                _(
                    "%(value)s is not a valid %(country)s VAT number: %(reason)s",
                    value=repr(value),
                    country=prefix,
                    reason=exc,
                )
            ) from None
    if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{2,18}", vat_id):
        raise IdentifierError(
            _("A VAT id is letters and digits after the prefix; got %(value)s.", value=repr(value))
        )
    return vat_id


def _tin_0235(value: str) -> str:
    # 1XXXXXXXXX is a TIN; 9XXXXXXXXX is what the FTA assigns to buyers without a TRN.
    if not re.fullmatch(r"[19]\d{9}", value):
        raise IdentifierError(
            _(
                "A 0235 (UAE) participant id is the 10-digit TIN: the first ten digits of the "
                "TRN, starting with 1 (or 9 for a buyer without a TRN); got %(value)s.",
                value=repr(value),
            )
        )
    return value


def _stdnum(module, label: str, digits: int | None = None):
    def check(value: str) -> str:
        if digits and not re.fullmatch(rf"\d{{{digits}}}", value):
            raise IdentifierError(
                _(
                    "A %(label)s has %(digits)s digits; got %(value)s.",
                    label=label,
                    digits=digits,
                    value=repr(value),
                )
            )
        try:
            return module.validate(value)
        except ValidationError as exc:
            raise IdentifierError(
                _(
                    "%(value)s is not a valid %(label)s: %(reason)s",
                    value=repr(value),
                    label=label,
                    reason=exc,
                )
            ) from None

    return check


def _vat_with_prefix(country: str):
    def check(value: str) -> str:
        normalized = validate_vat_id(value)
        if not normalized.startswith(country):
            raise IdentifierError(
                _(
                    "This scheme takes a %(country)s VAT number; got %(value)s.",
                    country=country,
                    value=repr(value),
                )
            )
        return normalized

    return check


_SCHEME_CHECKS = {
    "0235": _tin_0235,
    "0088": _stdnum(ean, _l("GLN (13 digits with the GS1 check digit)"), 13),
    "0192": _stdnum(no_orgnr, _l("Norwegian organisation number (9 digits, mod 11)"), 9),
    "0208": _stdnum(be_vat, _l("Belgian enterprise number (10 digits, mod 97)"), 10),
    "0007": _stdnum(se_orgnr, _l("Swedish organisation number (10 digits)"), 10),
    "0184": _stdnum(dk_cvr, _l("Danish CVR number (8 digits)"), 8),
    "9925": _vat_with_prefix("BE"),
    "9930": _vat_with_prefix("DE"),
    "9957": _vat_with_prefix("FR"),
}
assert set(_SCHEME_CHECKS) == set(EAS_SCHEMES)


def validate_peppol_id(value: str) -> str:
    """A Peppol participant id "scheme:value", checked by the rules of its scheme."""
    scheme, sep, ident = (value or "").strip().partition(":")
    if not sep or not scheme or not ident.strip():
        raise IdentifierError(
            _(
                'A Peppol participant id is "scheme:value", e.g. 0235:1000000000; got %(value)s.',
                value=repr(value),
            )
        )
    if scheme not in _SCHEME_CHECKS:
        known = ", ".join(f"{code} ({name})" for code, name in EAS_SCHEMES.items())
        raise IdentifierError(
            _(
                "Unknown Peppol scheme %(scheme)s; supported: %(known)s.",
                scheme=repr(scheme),
                known=known,
            )
        )
    return f"{scheme}:{_SCHEME_CHECKS[scheme](ident.strip())}"


def split_peppol_id(value: str) -> tuple[str, str]:
    scheme, _, ident = validate_peppol_id(value).partition(":")
    return scheme, ident
