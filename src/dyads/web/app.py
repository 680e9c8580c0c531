"""The web explorer: FastAPI with server-rendered pages and a JSON API under /api.

Every request opens the store read-only (waiting briefly while a run commits a batch), so
the explorer shows new articles without a restart. Queries are parameterised in
``dyads.store``; templates escape everything, article text included.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Annotated

import pandas as pd
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from dyads.analysis.queries import languages as event_languages
from dyads.analysis.resolve import UnknownActorError, resolve_actor
from dyads.kb.base import KnowledgeBase, load_knowledge_base
from dyads.store import READ_WAIT_SECONDS, StoreError, open_store
from dyads.store import queries as q

PERIODS = ("day", "week", "month", "year")
#: A language filter: ?language=ru&language=ar or ?language=ru,ar
Languages = Annotated[list[str] | None, Query(description="document languages (ISO 639-1): repeat the "
                                                          "parameter or separate codes with commas")]


def _records(frame: pd.DataFrame) -> list[dict]:
    """JSON-safe rows (dates as ISO strings, NaN as null)."""
    rows = frame.to_dict("records")
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
            elif hasattr(value, "isoformat"):
                row[key] = value.isoformat()[:10]
            elif hasattr(value, "tolist"):
                row[key] = value.tolist()
    return rows


def sparkline(values: list[int], width: int = 120, height: int = 24) -> str:
    """SVG polyline points for a sparkline (the template draws the SVG)."""
    if not values:
        return ""
    top = max(values) or 1
    step = width / max(1, len(values) - 1)
    return " ".join(f"{i * step:.1f},{height - v / top * (height - 2) - 1:.1f}" for i, v in enumerate(values))


def highlight(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The article text cut around the evidence sentence (the template escapes and marks it)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return text[:start], text[start:end], text[end:]


def create_app(db: str | Path, kb: KnowledgeBase | None = None) -> FastAPI:
    """The explorer over the database at ``db``."""
    db = str(db)
    knowledge = kb if kb is not None else load_knowledge_base()
    templates = Jinja2Templates(directory=str(resources.files("dyads.web") / "templates"))
    static = resources.files("dyads.web") / "static"
    # The docs UIs load their scripts from a CDN; the explorer must work offline, so only the
    # OpenAPI description is served (at /openapi.json).
    app = FastAPI(title="dyads explorer", docs_url=None, redoc_url=None)

    def store():
        try:
            return open_store(db, read_only=True, wait_seconds=READ_WAIT_SECONDS)
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from exc

    def actor_filter(spec: str, current):
        try:
            return resolve_actor(spec, knowledge, current)
        except UnknownActorError as exc:
            raise HTTPException(404, str(exc)) from exc

    # -- static files ----------------------------------------------------------------------
    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        # plotly.js as shipped inside the pinned plotly wheel: never fetched from a CDN
        return FileResponse(str(resources.files("plotly") / "package_data" / "plotly.min.js"),
                            media_type="application/javascript")

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> FileResponse:
        if name not in ("app.css", "app.js"):
            raise HTTPException(404, "no such file")
        return FileResponse(str(static / name))

    # -- JSON API ---------------------------------------------------------------------------
    @app.get("/api/summary")
    def api_summary(limit: int = Query(10, ge=1, le=100)) -> dict:
        """Counts, the most active dyads with monthly counts, and the latest events."""
        with store() as current:
            return {
                "counts": current.counts(),
                "dyads": _records(q.top_dyad_months(current, limit)),
                "latest": _records(q.list_events(current, q.EventQuery(limit=20))),
            }

    @app.get("/api/dyad")
    def api_dyad(a: str, b: str, by: str = Query("month", pattern="^(day|week|month|year)$"),
                 since: str | None = None, until: str | None = None) -> dict:
        """The dyad series (both directions) by period."""
        with store() as current:
            first, second = actor_filter(a, current), actor_filter(b, current)
            series = q.dyad_series(current, first, second, by, since, until)
        return {"a": first.label, "b": second.label, "by": by, "series": _records(series)}

    @app.get("/api/events")
    def api_events(source: str | None = None, target: str | None = None, either: bool = False,
                   code: str | None = None, since: str | None = None, until: str | None = None,
                   language: Languages = None,
                   limit: int = Query(100, ge=1, le=1000)) -> dict:
        """Events matching the filters; with ``either`` the dyad in both directions."""
        try:
            languages = event_languages(language)
        except ValueError as exc:
            raise HTTPException(400, f"language: {exc}") from exc
        with store() as current:
            src = actor_filter(source, current) if source else None
            tgt = actor_filter(target, current) if target else None
            frame = q.list_events(current, q.EventQuery(source=src, target=tgt, code=code or None, since=since or None,
                                                         until=until or None, languages=languages, limit=limit))
            if either and src and tgt:
                reverse = q.list_events(current, q.EventQuery(source=tgt, target=src, code=code or None,
                                                              since=since or None, until=until or None,
                                                              languages=languages, limit=limit))
                frame = pd.concat([frame, reverse]).sort_values("date", ascending=False).head(limit)
        return {"events": _records(frame)}

    @app.get("/api/languages")
    def api_languages() -> dict:
        """The languages of the stored events with their counts."""
        with store() as current:
            return {"languages": _records(q.event_languages(current))}

    @app.get("/api/actor/{name}")
    def api_actor(name: str) -> dict:
        """Profile, roles, partners and timeline of an actor."""
        with store() as current:
            selected = actor_filter(name, current)
            partners = q.actor_partners(current, selected, limit=15)
            src = q.list_events(current, q.EventQuery(source=selected, limit=100))
            tgt = q.list_events(current, q.EventQuery(target=selected, limit=100))
        timeline = pd.concat([src, tgt]).drop_duplicates("event_id").sort_values("date", ascending=False)
        actor = knowledge.actors.get(selected.actor_ids[0] if selected.actor_ids else selected.label)
        return {
            "label": selected.label,
            "actor": None if actor is None else {
                "actor_id": actor.actor_id, "name": actor.name, "type": actor.type, "country": actor.country,
                "codes": list(actor.codes), "aliases": list(actor.aliases),
                "roles": [{"title": r.title, "country": r.country, "start": r.start, "end": r.end}
                          for r in actor.roles]},
            "partners": _records(partners),
            "timeline": _records(timeline.head(100)),
        }

    @app.get("/api/event/{event_id}")
    def api_event(event_id: str) -> dict:
        """One event with its article and the other articles that reported it."""
        with store() as current:
            event = q.event_detail(current, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id}")
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in event.items()}

    @app.get("/api/search")
    def api_search(q_text: str = Query(..., alias="q", min_length=1, max_length=200),
                   limit: int = Query(30, ge=1, le=200)) -> dict:
        """Full-text search over articles and evidence sentences."""
        with store() as current:
            try:
                return {"results": _records(q.search(current, q_text, limit))}
            except StoreError as exc:
                raise HTTPException(503, str(exc)) from exc

    # -- pages --------------------------------------------------------------------------------
    def page(request: Request, template: str, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request) -> HTMLResponse:
        data = api_summary(limit=10)
        for dyad in data["dyads"]:
            dyad["spark"] = sparkline(dyad.get("monthly") or [])
        return page(request, "dashboard.html", **data)

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str, b: str, by: str = "month", since: str | None = None,
                  until: str | None = None) -> HTMLResponse:
        data = api_dyad(a, b, by if by in PERIODS else "month", since, until)
        return page(request, "dyad.html", query={"a": a, "b": b, "by": data["by"], "since": since or "",
                                                 "until": until or ""}, **data, periods=PERIODS)

    @app.get("/actor/{name}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, name: str) -> HTMLResponse:
        return page(request, "actor.html", name=name, **api_actor(name))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, source: str = "", target: str = "", code: str = "", since: str = "",
                    until: str = "", language: Languages = None) -> HTMLResponse:
        data = api_events(source or None, target or None, False, code, since, until, language, limit=200)
        chosen = set(event_languages(language) or ())  # valid: api_events refused anything else
        query = {"source": source, "target": target, "code": code, "since": since, "until": until}
        return page(request, "events.html", query=query, chosen=chosen,
                    languages=api_languages()["languages"], **data)

    @app.get("/event/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        event = api_event(event_id)
        before, evidence, after = highlight(event["text"], event["sentence_start"], event["sentence_end"])
        return page(request, "event.html", event=event, before=before, evidence=evidence, after=after)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q_text: str = Query("", alias="q")) -> HTMLResponse:
        results = api_search(q_text, limit=30)["results"] if q_text.strip() else []
        return page(request, "search.html", q=q_text, results=results)

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"message": exc.detail},
                                          status_code=exc.status_code)

    return app


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the explorer with uvicorn (binds to 127.0.0.1 unless told otherwise)."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
