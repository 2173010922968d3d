"""The events endpoint's fast path (api.page_body): the same answer, of the documented shape, as the
records validated by the response model would give."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from newsevents.api import EventsPage, create_app
from newsevents.query import Database
from newsevents.store import Store

from ..unit.test_query import items


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> str:
    p = str(tmp_path_factory.mktemp("perf") / "p.duckdb")
    with Store.open(p) as st:
        st.write_batch(items())
    return p


@pytest.fixture(scope="module")
def client(path: str) -> Iterator[TestClient]:
    with TestClient(create_app(path, cache_bytes=0)) as c:
        yield c


@pytest.mark.parametrize("params", [
    {}, {"country": "JPN"}, {"dyad": "USA,JPN", "sort": "confidence", "order": "desc"}, {"limit": 2, "offset": 1},
    {"min_confidence": 0.65, "limit": 1}, {"offset": 50}, {"type": "NOPE"}, {"text": "“quoted” ünïcode \\ \""},
])
def test_events_page_is_what_the_response_model_gives(client: TestClient, path: str, params: dict[str, Any]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    adapter: TypeAdapter[EventsPage] = TypeAdapter(EventsPage)
    page = adapter.validate_json(r.content)  # the documented shape, no field missing or extra
    options = {k: v for k, v in params.items() if k not in ("limit", "offset", "sort", "order")}
    paging = {"limit": int(params.get("limit", 50)), "offset": int(params.get("offset", 0)),
              "sort": params.get("sort", "date"), "order": params.get("order", "asc")}
    with Database.open(path) as db:
        total, records = db.page(**paging, **options)
    want = adapter.dump_json(adapter.validate_python({"total": total, **paging, "items": records}), exclude_unset=True)
    assert r.json() == json.loads(want)
    assert page.total == total and len(page.items) == len(records)


def test_a_bad_filter_is_still_a_clear_400(client: TestClient) -> None:
    r = client.get("/api/events", params={"dyad": "JPN"})
    assert r.status_code == 400 and "dyad" in r.json()["detail"]


def test_page_body_keeps_unicode_and_escapes() -> None:
    from newsevents.api import page_body

    body = page_body({"total": 1, "limit": 1, "offset": 0, "sort": "date", "order": "asc"},
                     [(json.dumps({"a": "é \" \\ \n"}, ensure_ascii=False), 2, 1)])
    assert json.loads(body) == {"total": 1, "limit": 1, "offset": 0, "sort": "date", "order": "asc",
                                "items": [{"a": "é \" \\ \n", "num_articles": 2, "num_sources": 1}]}
