"""/api/v1/chain/verify"""

from core.api import company_id, describe, require_permission
from plugins.invoicing import chain
from plugins.invoicing.api import bp
from plugins.invoicing.permissions import INVOICE_READ


@bp.get("/chain/verify")
@require_permission(INVOICE_READ)
@describe(tags=("invoicing",))
def chain_verify():
    """Recompute the company's hash chain; name the first document that breaks it."""
    return chain.verify_company(company_id()).as_dict()
