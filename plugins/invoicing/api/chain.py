"""/api/v1/chain/verify"""

from core.api import describe, require_permission
from plugins.invoicing import chain
from plugins.invoicing.api import bp
from plugins.invoicing.api.common import company_id


@bp.get("/chain/verify")
@require_permission("invoicing.invoice.read")
@describe(tags=("invoicing",))
def chain_verify():
    """Recompute the company's hash chain; name the first document that breaks it."""
    return chain.verify_company(company_id()).as_dict()
