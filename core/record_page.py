"""``core.api.record_page``: a page of one record, for a signed-in user allowed to see or act.

Most record pages start the same way: sign-in required, the permission checked (403), the
record of the URL's id loaded through the tenant filter (404 when missing or another
company's). The view receives the record in place of the id::

    @bp.post("/invoices/<int:invoice_id>/record")
    @record_page(Invoice, WRITE, "invoice")
    def record_payment(invoice: Invoice): ...

Other URL values (``<any(approve, reject):action>``) are passed on by name.
"""

from __future__ import annotations

import functools

from flask_login import login_required

from core.access import get_or_404, require


def record_page(model, permission: str, label: str | None = None):
    """Decorator: ``login_required``, ``require(permission)``, then ``view(record, **others)``
    with the ``model`` row of the URL's one ``..._id`` value (``get_or_404``, ``label``)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(**url):
            require(permission)
            (name,) = [key for key in url if key.endswith("_id")]
            return view(get_or_404(model, url.pop(name), label), **url)

        return login_required(wrapper)

    return decorate
