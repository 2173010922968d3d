"""newsevents: dated news articles in, an auditable political event database out.

    >>> import newsevents
    >>> events = newsevents.code("Japan and the United States held talks on Friday.", published="2022-01-07")
    >>> db = newsevents.open("newsevents.duckdb")
    >>> db.events(country="JPN", type="CONSULT")          # list of dicts; db.events_df(...), db.events_arrow(...)
    >>> db.dyad("JPN", "USA", by="month"); db.document(doc_id); db.close()

Names are imported lazily so that light commands (`newsevents timex`) don't load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import code, code_documents
    from .query import Database, Filters
    from .store import Store
    from .types import Actor, ActorMention, Document, Event, IngestError, Place, PlaceMention, Quantity, Timex

_LAZY = {
    "code": "pipeline", "code_documents": "pipeline", "Store": "store", "Database": "query", "Filters": "query",
    **{n: "types" for n in ("Actor", "ActorMention", "Document", "Event", "IngestError", "Place",
                            "PlaceMention", "Quantity", "Timex")},
}

__all__ = ["Actor", "ActorMention", "Database", "Document", "Event", "Filters", "IngestError", "Place",
           "PlaceMention", "Quantity", "Store", "Timex", "code", "code_documents", "open"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")


def open(path: str, *, read_only: bool = True) -> Database:  # noqa: A001 - mirrors duckdb.connect
    """Open an event database for queries: `.events(**filters)`, `.events_df`, `.events_arrow`, `.event(id)`,
    `.document(id)`, `.dyad(a, b, by=)`, `.country(code)`, `.actors()`, `.network()`, `.close()`
    (see `newsevents.query`)."""
    from .query import Database

    return Database.open(path, read_only=read_only)
