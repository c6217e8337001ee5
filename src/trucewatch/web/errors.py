"""Errors as JSON: every failure a client can cause gets a stable code and a useful message.

Codes of the web layer (E6xx):

    E600 unexpected server error (a bug: please report it)
    E601 unknown role              E602 token without a name      E603 no such token
    E604 a token is needed (401)   E605 the token's role may not do this (403)
    E606 the server is private: reading needs a token too (401)
    E607 ``serve`` cannot listen on the address (port in use, not permitted; exit code 2)
    E610 a parameter or body field is missing or malformed (422)
    E611 a pagination cursor that this server did not issue
    E612 a date or time that cannot be read
    E613 upload larger than the server accepts (413)
    E614 wrong content type for this endpoint (415)
    E615 an empty upload
    E616 no such page or endpoint (404)      E617 method not allowed (405)
    E618 the id in a pledge body differs from the one in the URL
    E619 a pledge that exists already (adding needs an editor's amend)
    E620 an unknown export format
    E621 no_breach verdicts asked for without naming a pledge

Library errors keep their own codes and map to statuses by class (``status_of``).
"""

from __future__ import annotations

import logging
import re
from html import escape
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from trucewatch.errors import (
    FetchError,
    InputError,
    LedgerError,
    NotFoundError,
    PledgeError,
    RenderError,
    TrucewatchError,
)

__all__ = ["WebError", "error_body", "install", "problems", "status_of"]

log = logging.getLogger("trucewatch.web")
_PROBLEM = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.*)$")


class WebError(TrucewatchError):
    """An error of the web layer with its HTTP status."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.headers = headers


def status_of(exc: TrucewatchError) -> int:
    if isinstance(exc, WebError):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, FetchError):
        return 502
    if isinstance(exc, (LedgerError, RenderError)):
        return 503
    return 400


def problems(exc: PledgeError) -> list[dict[str, Any]]:
    """A pledge error's lines as (line, field, message) objects, as the CLI prints them."""
    out: list[dict[str, Any]] = []
    for line in exc.message.splitlines():
        m = _PROBLEM.match(line)
        if m:
            out.append(
                {"line": int(m["line"]), "field": m["field"], "message": m["message"].strip()}
            )
    return out


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def _for_a_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def _page(request: Request, status: int, code: str, message: str) -> Response:
    """The error as a small HTML page for a browser (a 401 goes to the sign-in page)."""
    if status == 401 and request.method == "GET":
        return RedirectResponse("/login", status_code=303)
    body = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{status}</title><link rel="stylesheet" href="/static/style.css"></head>'
        f'<body><main><h1>{status}</h1><p class="bad">{escape(code)}: {escape(message)}</p>'
        '<p><a href="/">Back to the overview</a></p></main></body></html>'
    )
    return HTMLResponse(body, status)


def install(app: FastAPI) -> None:
    """Map every exception to a JSON error body (a small HTML page for a browser's page)."""

    @app.exception_handler(TrucewatchError)
    async def _trucewatch(request: Request, exc: TrucewatchError) -> Response:
        if _for_a_page(request):
            return _page(request, status_of(exc), exc.code, exc.message)
        extra: dict[str, Any] = {}
        if isinstance(exc, PledgeError):
            extra["problems"] = problems(exc)
        headers = exc.headers if isinstance(exc, WebError) else None
        return JSONResponse(
            error_body(exc.code, exc.message, **extra), status_of(exc), headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {
                "field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                "message": str(e.get("msg", "")),
            }
            for e in exc.errors()
        ]
        text = "; ".join(f"{d['field']}: {d['message']}" for d in details) or "bad request"
        if _for_a_page(request):
            return _page(request, 422, "E610", text)
        return JSONResponse(error_body("E610", text, problems=details), 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "E616", 405: "E617", 413: "E613", 415: "E614"}.get(exc.status_code, "E610")
        if _for_a_page(request):
            return _page(request, exc.status_code, code, str(exc.detail))
        return JSONResponse(error_body(code, str(exc.detail)), exc.status_code, headers=exc.headers)

    @app.exception_handler(PoolTimeout)
    async def _busy(request: Request, exc: PoolTimeout) -> Response:
        # every database connection stayed busy: overload, not a fault; the client may retry
        message = "the server is busy (every database connection is in use); retry shortly"
        headers = {"Retry-After": "2"}
        if _for_a_page(request):
            return _page(request, 503, "E622", message)
        return JSONResponse(error_body("E622", message), 503, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(
            error_body("E600", f"unexpected server error ({type(exc).__name__}); please report it"),
            500,
        )
