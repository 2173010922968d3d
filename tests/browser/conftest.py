"""Browser tests: the dashboard in Debian's Chromium (/usr/bin/chromium) driven by Playwright, against a
real uvicorn server on 127.0.0.1 over a database the CLI built from tests/fixtures/api.

Locally they skip when /usr/bin/chromium is absent; with CI=true they fail instead (`make test` installs
the chromium package first in CI). Playwright never downloads a browser here. Screenshots of every page
go to build/screenshots/ (or $NEWSEVENTS_SCREENSHOTS) as test artifacts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..integration.apiserver import build_db, serve
from ..integration.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("NEWSEVENTS_SCREENSHOTS") or ROOT / "build" / "screenshots")


def _require_browser() -> None:
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is absent (apt-get install chromium)"
    elif not (ROOT / "web" / "node_modules" / "chart.js").is_dir() and not os.environ.get("NEWSEVENTS_WEB_ASSETS"):
        problem = "web/node_modules is absent (make install runs npm ci in web/)"
    if problem is None:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed (make install)"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    yield from serve(build_db(tmp_path_factory.mktemp("web")))


@pytest.fixture()
def page(browser: Any, base: str) -> Iterator[Any]:
    """A fresh page that records console errors and every request leaving 127.0.0.1 (there must be none)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base)
    pg = context.new_page()
    pg.errors = []
    pg.outside = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.outside.append(r.url) if not r.url.startswith(base) else None)
    pg.set_default_timeout(15_000)
    try:
        yield pg
        assert pg.outside == [], f"requests left the machine: {pg.outside}"
        assert pg.errors == [], f"errors in the page: {pg.errors}"
    finally:
        context.close()


def open_page(page: Any, path: str) -> None:
    """Go to path and wait until the dashboard says the page is drawn."""
    page.goto(path)
    wait_ready(page)


def wait_ready(page: Any) -> None:
    page.wait_for_selector("body[data-ready]", state="attached")
    state = page.get_attribute("body", "data-ready")
    assert state == "1", page.inner_text("main")


def shoot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path
