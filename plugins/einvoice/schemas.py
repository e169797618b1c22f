"""JSON Schemas of the einvoice API (for the OpenAPI description)."""

from plugins.einvoice.profiles import PROFILES, SEALING_PROFILES

FINDING = {
    "type": "object",
    "properties": {
        "rule": {"type": "string", "description": 'official rule id, or "XSD"'},
        "flag": {"type": "string", "enum": ["fatal", "warning"]},
        "location": {"type": "string"},
        "message": {"type": "string"},
    },
    "required": ["rule", "flag", "location", "message"],
}
REPORT = {
    "type": "object",
    "properties": {
        "valid": {"type": "boolean"},
        "profile": {"type": "string", "enum": list(PROFILES)},
        "errors": {"type": "array", "items": FINDING},
        "warnings": {"type": "array", "items": FINDING},
    },
    "required": ["valid", "profile", "errors", "warnings"],
}
_XML = {"schema": {"type": "string", "description": "a UBL 2.1 Invoice or CreditNote"}}
XML_BODY = {"application/xml": _XML, "text/xml": _XML}
PROFILE_QUERY = {
    "type": "string",
    "enum": list(PROFILES),
    "description": "rule stack; omitted: chosen from the document's CustomizationID",
}
SETTINGS = {
    "type": "object",
    "properties": {
        "required_profiles": {
            "type": "array",
            "items": {"type": "string", "enum": list(SEALING_PROFILES)},
            "description": "empty: automatic (PINT-AE for a UAE seller, plus Peppol BIS when "
            "the buyer is on Peppol outside the UAE; Peppol BIS elsewhere)",
        },
        "automatic": {"type": "boolean"},
        "rule_versions": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
SETTINGS_UPDATE = {
    "type": "object",
    "properties": {
        "required_profiles": SETTINGS["properties"]["required_profiles"],
        # What GET answers may come back unchanged (read-modify-write); a change is a 422.
        "automatic": {**SETTINGS["properties"]["automatic"], "readOnly": True},
        "rule_versions": {**SETTINGS["properties"]["rule_versions"], "readOnly": True},
    },
    "required": ["required_profiles"],
    "additionalProperties": False,
}
