"""HTMX pages of the AP plugin (blueprint "ap" at /ap). Views call the same services as the API
and turn their refusals into messages on the page."""

from core.api import page_blueprint

bp = page_blueprint("ap", __name__, "/ap")


@bp.app_template_filter("ap_qty")
def _quantity(value) -> str:
    """A quantity without trailing zeros: 100.000000 -> 100, 2.500000 -> 2.5."""
    from plugins.ap.services.numbers import quantity_text

    return quantity_text(value) or ""


from plugins.ap.views import (  # noqa: E402,F401  (routes)
    bill_entry,
    bill_list,
    bill_review,
    forms,
    import_page,
    order_actions,
    order_edit,
    order_list,
    order_pages,
    vendor_edit,
    vendor_list,
)
