from core.api import Manifest, hookimpl

MANIFEST = Manifest(name="fx_base", version="2.3.4", summary="Fixture: a base plugin")


@hookimpl
def register_models():
    from tests.fixtures_plugins.fx_base.models import Thing

    return [Thing]


@hookimpl
def seed_demo(company):
    from core.api import db
    from tests.fixtures_plugins.fx_base.models import Thing

    if not db.session.query(Thing).filter_by(company_id=company.id).count():
        db.session.add(Thing(company_id=company.id, label=f"demo thing of {company.name}"))
