"""The write API: ingest files and texts, add, amend and confirm pledges, retract, tokens.

Every write is a ledger entry naming its author (the token's name and role). Bodies are read
here, not by FastAPI, so that a wrong content type is a 415, an oversized one a 413 (the limit
is ``Desk.max_upload``, 64 MiB unless ``serve --max-upload`` says otherwise), and neither
reaches the library.
"""

from __future__ import annotations

import re
import tempfile
from abc import abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from trucewatch.api import IngestResult, NewsResult, Trucewatch
from trucewatch.errors import InputError
from trucewatch.ledger.tokens import Role
from trucewatch.model import SourceKind
from trucewatch.web.auth import Caller
from trucewatch.web.desk import Desk
from trucewatch.web.errors import WebError

__all__ = [
    "CSV_TYPES",
    "DATASETS",
    "YAML_TYPES",
    "RetractIn",
    "TextIn",
    "TokenIn",
    "UrlIn",
    "add_pledges",
    "as_uploaded",
    "confirm",
    "content_type",
    "create_token",
    "ingest_airforce",
    "ingest_dataset",
    "ingest_text",
    "ingest_url",
    "list_tokens",
    "put_pledge",
    "read_body",
    "retract",
    "revoke_token",
    "router",
    "saved",
    "upload",
]

router = APIRouter(prefix="/api/v1", tags=["write"])
CSV_TYPES = {"text/csv", "application/csv", "application/octet-stream", "text/plain"}
YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"}
DATASETS = ("acled", "ucdp", "gdelt", "viina")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_M = TypeVar("_M", bound=BaseModel)
_R = TypeVar("_R")


def _desk(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def _caller(request: Request) -> Caller:
    caller: Caller = request.state.caller
    return caller


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_body(request: Request, allowed: set[str]) -> bytes:
    """The request body, checked for type (415) and size (413) before anything reads it."""
    ctype = content_type(request)
    if ctype not in allowed:
        raise WebError(
            415,
            "E614",
            f"Content-Type {ctype or '(none)'!r} is not accepted here; "
            f"send one of {', '.join(sorted(allowed))}",
        )
    limit = _desk(request).max_upload
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    body = b"".join(chunks)
    request._body = body  # so request.form() can parse what was already read
    return body


def _too_large(limit: int) -> WebError:
    return WebError(
        413, "E613", f"upload larger than {limit:,} bytes; split the file or ask for --max-upload"
    )


async def upload(request: Request, allowed: set[str]) -> tuple[bytes, str]:
    """A file sent raw (a CSV content type) or as the ``file`` field of a multipart form."""
    body = await read_body(request, allowed | {"multipart/form-data"})
    name = request.query_params.get("filename") or "upload.csv"
    if content_type(request) == "multipart/form-data":
        form = await request.form()
        item = form.get("file")
        if item is None or isinstance(item, str):
            raise WebError(422, "E610", "file: the form has no file field named 'file'")
        body = await item.read()
        name = item.filename or name
    if not body.strip():
        raise WebError(422, "E615", f"{name}: the upload is empty")
    return body, _SAFE.sub("_", Path(name).name) or "upload.csv"


def _ingest_json(result: IngestResult) -> dict[str, Any]:
    s = result.summary
    return {
        "rows": result.rows,
        "reports_new": s.reports_new,
        "reports_known": s.reports_known,
        "strikes_new": s.strikes_new,
        "strikes_amended": s.strikes_amended,
        "strikes_unchanged": s.strikes_unchanged,
        "entries": s.entries,
        "error_count": len(result.errors),
        "errors": [
            {"line": e.line, "code": e.code, "message": e.reason} for e in result.errors[:100]
        ],
    }


def _news_json(result: NewsResult) -> dict[str, Any]:
    s = result.summary
    return {
        "texts": result.rows,
        "reports_new": s.reports_new,
        "reports_known": s.reports_known,
        "strikes_new": s.strikes_new,
        "strikes_amended": s.strikes_amended,
        "entries": s.entries,
        "drafts": result.drafts,
        "warnings": result.warnings,
    }


async def _json_in(request: Request, model: type[_M]) -> _M:
    """The request's JSON body, validated by ``model`` (415, 413 or 422 when it is not)."""
    return _json_model(await read_body(request, {"application/json"}), model)


def _json_model(body: bytes, model: type[_M]) -> _M:
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        details = [
            {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
        ]
        text = "; ".join(f"{d['field'] or 'body'}: {d['message']}" for d in details)
        raise WebError(422, "E610", text or "the JSON body does not validate") from None


def _body_doc(model: type[BaseModel], *types: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {t: {"schema": schema} for t in types}}}


_FILE_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}
_YAML_DOC = {
    "requestBody": {
        "required": True,
        "content": {"application/yaml": {"schema": {"type": "string"}}},
    }
}


def saved(body: bytes, name: str) -> tuple[tempfile.TemporaryDirectory[str], Path]:
    """The upload written to a temporary folder as ``name`` (the folder removes it)."""
    folder = tempfile.TemporaryDirectory(prefix="trucewatch-upload-")
    path = Path(folder.name) / name
    path.write_bytes(body)
    return folder, path


@contextmanager
def as_uploaded(path: Path, name: str) -> Iterator[None]:
    """Errors name the upload as the caller sent it, not the server's temporary copy."""
    try:
        yield
    except InputError as exc:
        if str(path) not in exc.message:
            raise
        raise InputError(exc.message.replace(str(path), name), code=exc.code) from exc


# -- ingest --------------------------------------------------------------------------------


@router.post(
    "/ingest/airforce",
    summary="Ingest an air-force missile_attacks_daily.csv",
    openapi_extra=_FILE_DOC,
)
async def ingest_airforce(request: Request) -> dict[str, Any]:
    tw = _desk(request).tw
    return await _ingest_upload(
        request, CSV_TYPES, lambda path, author: tw.ingest_airforce(path, author=author)
    )


@router.post(
    "/ingest/dataset/{fmt}",
    summary="Ingest an ACLED, UCDP, GDELT or VIINA file",
    openapi_extra=_FILE_DOC,
)
async def ingest_dataset(request: Request, fmt: str) -> dict[str, Any]:
    if fmt not in DATASETS:
        raise WebError(404, "E616", f"dataset format {fmt!r}: use one of {', '.join(DATASETS)}")
    tw = _desk(request).tw
    return await _ingest_upload(
        request,
        CSV_TYPES | {"text/tab-separated-values"},
        lambda path, author: tw.ingest_format(fmt, path, author=author),
    )


async def _ingest_upload(
    request: Request, allowed: set[str], ingest: Callable[[Path, str | None], IngestResult]
) -> dict[str, Any]:
    """Save the uploaded file to a temporary folder and ingest it there as the caller."""
    body, name = await upload(request, allowed)
    folder, path = saved(body, name)
    author = _caller(request).author
    with folder, as_uploaded(path, name):
        result = await _run(lambda: ingest(path, author))
    return _ingest_json(result)


class _NewsIn(BaseModel):
    """A JSON body that asks for a news ingest: each kind says which facade call it is."""

    @abstractmethod
    def ingest(self, tw: Trucewatch, author: str | None, *, public_only: bool) -> NewsResult:
        """The facade call; ``public_only``: a page to fetch must be on a public address."""


class TextIn(_NewsIn):
    """A news text to ingest."""

    text: str = Field(min_length=1, max_length=2_000_000)
    published: date
    source: str = Field(min_length=1, max_length=200)
    kind: SourceKind = SourceKind.MEDIA
    url: str | None = Field(default=None, max_length=2000)
    lang: Literal["en", "uk", "ru"] | None = Field(
        default=None, description="language of the text; left out: detected"
    )

    def ingest(self, tw: Trucewatch, author: str | None, *, public_only: bool) -> NewsResult:
        return tw.ingest_text(
            self.text,
            published=self.published,
            source=self.source,
            kind=self.kind,
            url=self.url,
            author=author,
            lang=self.lang,
        )


class UrlIn(_NewsIn):
    """An HTML page to fetch and ingest."""

    url: str = Field(pattern=r"^https?://", max_length=2000)
    published: date | None = None
    source: str | None = Field(default=None, max_length=200)
    kind: SourceKind = SourceKind.MEDIA
    lang: Literal["en", "uk", "ru"] | None = Field(
        default=None, description="language of the page; left out: detected"
    )

    def ingest(self, tw: Trucewatch, author: str | None, *, public_only: bool) -> NewsResult:
        return tw.ingest_html(
            self.url,
            source=self.source,
            kind=self.kind,
            published=self.published,
            author=author,
            lang=self.lang,
            public_only=public_only,
        )


@router.post(
    "/ingest/text",
    summary="Ingest a news text (JSON)",
    openapi_extra=_body_doc(TextIn, "application/json"),
)
async def ingest_text(request: Request) -> dict[str, Any]:
    return await _ingest_news(request, TextIn)


@router.post(
    "/ingest/url",
    summary="Fetch an HTML page and ingest its main text",
    openapi_extra=_body_doc(UrlIn, "application/json"),
)
async def ingest_url(request: Request) -> dict[str, Any]:
    return await _ingest_news(request, UrlIn)


async def _ingest_news(request: Request, model: type[_NewsIn]) -> dict[str, Any]:
    """Ingest the JSON body (read as ``model``) as the caller, off the event loop, and say
    what it added."""
    item = await _json_in(request, model)
    desk, author = _desk(request), _caller(request).author
    public_only = not desk.internal_urls
    return _news_json(await _run(lambda: item.ingest(desk.tw, author, public_only=public_only)))


async def _run(work: Callable[[], _R]) -> _R:
    import anyio

    return await anyio.to_thread.run_sync(work)


# -- pledges -------------------------------------------------------------------------------


def _yaml_text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WebError(422, "E610", f"body: not UTF-8 text ({exc.reason})") from None


@router.post(
    "/pledges", summary="Add pledges from YAML (an analyst's are drafts)", openapi_extra=_YAML_DOC
)
async def add_pledges(request: Request) -> JSONResponse:
    text = _yaml_text(await read_body(request, YAML_TYPES))
    desk, caller = _desk(request), _caller(request)
    pledges = desk.tw.parse_pledges(text, name="body")
    editor = caller.role is not None and caller.role >= Role.EDITOR
    known = {p.id for p in desk.tw.pledges()}
    if not editor:
        taken = [p.id for p in pledges if p.id in known]
        if taken:
            raise WebError(
                409,
                "E619",
                f"pledge {taken[0]!r} exists; amending it needs an editor (PUT /api/v1/pledges/ID)",
            )
        pledges = [p.model_copy(update={"draft": True}) for p in pledges]
    done = [
        {"id": p.id, "outcome": desk.tw.add_pledge(p, author=caller.author), "draft": p.draft}
        for p in pledges
    ]
    status = 201 if any(d["outcome"] == "added" for d in done) else 200
    return JSONResponse({"items": done}, status)


@router.put(
    "/pledges/{pledge_id}",
    summary="Add or amend one pledge from YAML (editor)",
    openapi_extra=_YAML_DOC,
)
async def put_pledge(request: Request, pledge_id: str) -> dict[str, Any]:
    text = _yaml_text(await read_body(request, YAML_TYPES))
    desk, caller = _desk(request), _caller(request)
    pledges = desk.tw.parse_pledges(text, name="body")
    if len(pledges) != 1 or pledges[0].id != pledge_id:
        ids = ", ".join(p.id for p in pledges)
        raise WebError(
            422, "E618", f"body: holds {ids}; PUT to a pledge's URL takes that pledge only"
        )
    return {"id": pledge_id, "outcome": desk.tw.add_pledge(pledges[0], author=caller.author)}


@router.post("/pledges/{pledge_id}/confirm", summary="Confirm a drafted pledge (editor)")
def confirm(request: Request, pledge_id: str) -> dict[str, Any]:
    outcome = _desk(request).tw.confirm_pledge(pledge_id, author=_caller(request).author)
    return {"id": pledge_id, "outcome": outcome}


class RetractIn(BaseModel):
    """Why a strike no longer counts."""

    reason: str = Field(min_length=3, max_length=2000)


@router.post(
    "/strikes/{strike_id}/retract",
    summary="Retract a strike: a correction (editor)",
    openapi_extra=_body_doc(RetractIn, "application/json"),
)
async def retract(request: Request, strike_id: str) -> dict[str, Any]:
    item = await _json_in(request, RetractIn)
    _desk(request).tw.retract_strike(strike_id, item.reason, author=_caller(request).author)
    return {"id": strike_id, "outcome": "retracted"}


# -- tokens --------------------------------------------------------------------------------


class TokenIn(BaseModel):
    """A token to make."""

    name: str = Field(min_length=1, max_length=200)
    role: str = Field(pattern="^(reader|analyst|editor|admin)$")


def _token_json(t: Any) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "role": t.role.label,
        "created_at": t.created_at,
        "revoked_at": t.revoked_at,
    }


@router.get("/tokens", summary="Every token (never a secret)")
def list_tokens(request: Request) -> dict[str, Any]:
    return {"items": [_token_json(t) for t in _desk(request).tw.tokens()]}


@router.post(
    "/tokens",
    summary="Make a token; its secret is in this answer only",
    openapi_extra=_body_doc(TokenIn, "application/json"),
)
async def create_token(request: Request) -> JSONResponse:
    item = await _json_in(request, TokenIn)
    token, secret = _desk(request).tw.create_token(item.name, item.role)
    return JSONResponse(_token_json(token) | {"token": secret}, 201)


@router.delete("/tokens/{token_id}", summary="Revoke a token")
def revoke_token(request: Request, token_id: str) -> dict[str, Any]:
    return _token_json(_desk(request).tw.revoke_token(token_id))
