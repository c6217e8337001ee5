"""The monitoring desk as an ASGI app: ``create_app(db)`` for uvicorn, tests and the bench."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute

from trucewatch.api import Trucewatch
from trucewatch.web import claims, errors, pages, read, write
from trucewatch.web.auth import Caller, authorize
from trucewatch.web.desk import MAX_UPLOAD, Desk
from trucewatch.web.head import HeadAsGet

__all__ = ["DESCRIPTION", "create_app", "endpoints"]

DESCRIPTION = """The trucewatch ledger over HTTP: reports, strikes, pledges and their readings,
verdicts, the response protocol, the daily brief and exports; ingest and pledge edits for
tokens with the analyst or editor role. Errors are JSON `{"error": {"code", "message"}}` with
stable codes (E6xx for the web layer). Uploads larger than the server's limit (64 MiB by
default) get 413; a wrong Content-Type gets 415."""


def _check(request: Request) -> Caller:
    caller = authorize(request, request.app.state.desk)
    request.state.caller = caller
    return caller


def create_app(
    db: str | None = None,
    *,
    private: bool = False,
    max_upload: int = MAX_UPLOAD,
    tw: Trucewatch | None = None,
    internal_urls: bool = False,
) -> FastAPI:
    """The app over the ledger at ``db`` (a SQLite path or postgresql:// URL).

    ``internal_urls``: let callers have the server fetch pages on loopback, private and
    link-local addresses (a desk on an intranet); off, such a page is refused (E176).
    """
    from trucewatch import __version__

    app = FastAPI(
        title="trucewatch",
        version=__version__,
        description=DESCRIPTION,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        dependencies=[Depends(_check)],
    )
    app.state.desk = Desk(
        tw or Trucewatch(db), private=private, max_upload=max_upload, internal_urls=internal_urls
    )
    errors.install(app)
    app.add_middleware(HeadAsGet)
    app.include_router(read.router)
    app.include_router(claims.api)
    app.include_router(write.router)
    app.include_router(claims.pages)
    app.include_router(pages.router)
    return app


def endpoints(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) the app routes, including those of routers it includes."""

    def walk(routes: Iterable[Any], prefix: str) -> Iterable[tuple[str, str]]:
        for route in routes:
            if isinstance(route, APIRoute):
                for method in sorted((route.methods or set()) - {"HEAD"}):
                    yield method, prefix + route.path
            inner = getattr(route, "original_router", None)
            if inner is not None:  # FastAPI keeps an included router as one branch route
                context = getattr(route, "include_context", None)
                yield from walk(inner.routes, prefix + str(getattr(context, "prefix", "")))

    return list(walk(app.routes, ""))
