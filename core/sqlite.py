"""SQLite as a serious local database: WAL, foreign keys, and writer transactions that queue.

Every transaction starts with ``BEGIN IMMEDIATE``: SQLite then serializes writers up front
(waiting up to the busy timeout) instead of failing with "database is locked" when two
readers both try to upgrade to writers, which is what makes gapless sequences safe here.
"""

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _on_connect(dbapi_connection, connection_record) -> None:
    if type(dbapi_connection).__module__.split(".")[0] != "sqlite3":
        return
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _on_begin(conn) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
