"""The one SQLAlchemy object, with constraint names Alembic can rely on."""

from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

import core.sqlite  # noqa: F401  (SQLite pragmas and BEGIN IMMEDIATE)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Session(FlaskSession):
    """After a successful commit, deliver the domain events and callbacks it queued."""

    def commit(self) -> None:
        super().commit()
        from core.events import flush_delivered

        flush_delivered(self)


db = SQLAlchemy(model_class=Base, session_options={"class_": Session})
