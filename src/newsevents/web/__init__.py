"""The web dashboard: HTML pages, our own JS/CSS, and the front-end libraries installed from npm.

Pages (one HTML shell; /static/app.js draws the page its path names, from the /api endpoints):

    /                    overview: events by PLOVER type over time, top dyads, movers this week
    /events              event list with filters           /event/{id}   the document, evidence highlighted
    /dyad/{a}/{b}        conflict-cooperation timeline A->B and B->A
    /country/{code}      a country's summary               /map          country shapes and event points
    /network             the actor or country network

The libraries (chart.js, d3-geo, d3-force, topojson-client, world-atlas) are npm packages pinned in
web/package-lock.json and installed by `make install` (`npm ci`) into web/node_modules; they are served
under /vendor/ from there (or from $NEWSEVENTS_WEB_ASSETS), nothing from a CDN, none copied here.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"

# name served under /vendor/ -> file inside node_modules (only these are served)
VENDOR = {
    "chart.js": "chart.js/dist/chart.umd.min.js",
    "d3-array.js": "d3-array/dist/d3-array.min.js",
    "d3-geo.js": "d3-geo/dist/d3-geo.min.js",
    "d3-dispatch.js": "d3-dispatch/dist/d3-dispatch.min.js",
    "d3-quadtree.js": "d3-quadtree/dist/d3-quadtree.min.js",
    "d3-timer.js": "d3-timer/dist/d3-timer.min.js",
    "d3-force.js": "d3-force/dist/d3-force.min.js",
    "topojson-client.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
}
SCRIPTS = ("chart.js", "d3-array.js", "d3-geo.js", "d3-dispatch.js", "d3-quadtree.js", "d3-timer.js",
           "d3-force.js", "topojson-client.js")
PAGES = ("/", "/events", "/event/{event_id}", "/dyad", "/dyad/{a}/{b}", "/country", "/country/{code}", "/map",
         "/network")


def node_modules() -> Path | None:
    """Where the npm packages are installed: $NEWSEVENTS_WEB_ASSETS, else web/node_modules of the source
    tree this package runs from (an editable install, as `make install` makes). None when absent."""
    env = os.environ.get("NEWSEVENTS_WEB_ASSETS")
    candidates = [Path(env)] if env else [HERE.parents[2] / "web" / "node_modules", Path.cwd() / "web" / "node_modules"]
    for c in candidates:
        if (c / "chart.js").is_dir():
            return c
    return None


def shell() -> str:
    scripts = "\n".join(f'<script src="/vendor/{name}"></script>' for name in SCRIPTS)
    return (HERE / "index.html").read_text(encoding="utf-8").replace("<!-- vendor scripts -->", scripts)


def mount(app: FastAPI) -> None:
    """Add the dashboard's pages, /static and /vendor to the app (none of them in the OpenAPI schema)."""
    page = shell()

    def index() -> HTMLResponse:
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    for path in PAGES:
        app.add_api_route(path, index, methods=["GET"], response_class=HTMLResponse, include_in_schema=False)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        rel = VENDOR.get(name)
        root = node_modules()
        if rel is None:
            raise HTTPException(404, f"no front-end asset {name!r}")
        if root is None or not (root / rel).is_file():
            raise HTTPException(404, f"front-end asset {name!r} is not installed: run `make install` "
                                     "(npm ci in web/) or set NEWSEVENTS_WEB_ASSETS to a node_modules folder")
        return FileResponse(root / rel, headers={"Cache-Control": "public, max-age=3600"})
