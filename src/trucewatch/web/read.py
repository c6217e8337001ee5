"""The read API under ``/api/v1``: reports, strikes, pledges, verdicts, protocol, exports.

Every answer carries a weak ETag derived from the chain head and the URL, so a client that
sends ``If-None-Match`` gets a 304 without the ledger being read again. Lists are pages of at
most ``limit`` items with a ``next`` cursor; nothing builds a ledger-sized response.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from collections.abc import AsyncIterator, Callable
from datetime import UTC as _UTC
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, StreamingResponse
from starlette.background import BackgroundTask

from trucewatch.model import Strike, VerdictKind
from trucewatch.respond.service import find_reading, parse_scope
from trucewatch.web import shapes
from trucewatch.web.desk import Desk, Version
from trucewatch.web.errors import WebError
from trucewatch.web.params import (
    MAX_LIMIT,
    Seq,
    bundled_policy,
    day,
    decode_cursor,
    encode_cursor,
    moment,
)
from trucewatch.web.walk import EVERYTHING, clip, windows_of

__all__ = [
    "EXPORTS",
    "Limit",
    "answer",
    "brief",
    "checkpoint",
    "desk_of",
    "entries",
    "events",
    "export",
    "get_pledge",
    "get_report",
    "get_strike",
    "head",
    "list_pledges",
    "list_reports",
    "list_strikes",
    "list_verdicts",
    "replay",
    "router",
    "timeline",
    "verify",
    "whoami",
]

router = APIRouter(prefix="/api/v1", tags=["read"])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
EXPORTS = {
    "csv": ("text/csv", "csv"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "geojson": ("application/geo+json", "geojson"),
    "acled-csv": ("text/csv", "csv"),
}


def desk_of(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def answer(
    request: Request, build: Callable[[Version], Any], *, etag_parts: tuple[str, ...] = ()
) -> Response:
    """JSON of ``build(version)`` with an ETag; 304 when the client's copy is current."""
    desk = desk_of(request)
    version = desk.version()
    tag = version.etag(request.url.path, request.url.query, *etag_parts)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    wanted = request.headers.get("if-none-match", "")
    if tag in {t.strip() for t in wanted.split(",")}:
        return Response(status_code=304, headers=headers)
    body = desk.memo(
        f"api:{request.url.path}?{request.url.query}:{'|'.join(etag_parts)}",
        version,
        lambda: json.dumps(build(version), ensure_ascii=False, separators=(",", ":")),
    )
    return Response(body, media_type="application/json", headers=headers)


# -- reports -------------------------------------------------------------------------------


@router.get("/reports", summary="Reports in ledger order, paged")
def list_reports(request: Request, limit: Limit = 100, cursor: str | None = None) -> Response:
    key = decode_cursor(cursor, ("seq",))
    after = int(key["seq"]) if key else 0

    def build(_: Version) -> dict[str, Any]:
        rows = desk_of(request).tw.reports_page(after, limit + 1)
        page = rows[:limit]
        more = len(rows) > limit
        return {
            "items": [shapes.report(r, content=False) | {"seq": seq} for seq, r in page],
            "next": encode_cursor({"seq": page[-1][0]}) if more and page else None,
        }

    return answer(request, build)


@router.get("/reports/{report_id}", summary="One report with its text")
def get_report(request: Request, report_id: str) -> Response:
    def build(_: Version) -> dict[str, Any]:
        tw = desk_of(request).tw
        found = tw.reports([report_id])
        if not found:
            raise WebError(404, "E207", f"report {report_id!r} is not in the ledger")
        return shapes.report(found[0])

    return answer(request, build)


# -- strikes -------------------------------------------------------------------------------


def _matches(
    s: Strike, oblast: str | None = None, grade: str | None = None, weapon: str | None = None
) -> bool:
    if grade and s.credibility.value != grade.lower():
        return False
    if weapon:
        w = weapon.lower()
        names = [x.lower() for x in (*s.weapons, *s.models)]
        if (w == "drone" and s.drones is None) or (w == "missile" and s.missiles is None):
            return False
        if w not in ("drone", "missile") and not any(w in n for n in names):
            return False
    if oblast:
        o = oblast.lower().replace(" oblast", "")
        names = [(p.oblast or p.name).lower() for p in s.places if p.kind != "country"]
        if not any(o in n for n in names):
            return False
    return True


def _key(s: Strike) -> tuple[str, str]:
    return (s.start.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), s.id)


@router.get("/strikes", summary="Strikes, filtered, oldest first, paged")
def list_strikes(
    request: Request,
    from_: Annotated[str | None, Query(alias="from", description="day or ISO time")] = None,
    to: Annotated[str | None, Query(description="day (inclusive) or ISO time")] = None,
    attacker: str | None = None,
    oblast: str | None = None,
    grade: str | None = None,
    weapon: Annotated[str | None, Query(description="drone, missile or a model name")] = None,
    merged: bool = True,
    limit: Limit = 100,
    cursor: str | None = None,
) -> Response:
    start, end = moment(from_, "from"), moment(to, "to", end=True)
    key = decode_cursor(cursor, ("start", "id"))
    after = (str(key["start"]), str(key["id"])) if key else None
    desk = desk_of(request)

    def build(version: Version) -> dict[str, Any]:
        if merged:
            keep = partial(_matches, oblast=oblast, grade=grade, weapon=weapon)
            found, nxt = desk.walker.strike_page(
                clip(EVERYTHING, start, end), after, limit, keep, attacker=attacker
            )
            return {
                "items": [shapes.strike(s) for _, s in found],
                "next": encode_cursor({"start": nxt[0], "id": nxt[1]}) if nxt else None,
            }
        page: list[Strike] = []
        cur = after
        while len(page) <= limit:
            batch = desk.tw.strikes_page(cur, 500, start=start, end=end, attacker=attacker)
            page.extend(s for s in batch if _matches(s, oblast, grade, weapon))
            if len(batch) < 500:
                break
            cur = _key(batch[-1])
        more = len(page) > limit
        page = page[:limit]
        last = page[-1] if page else None
        return {
            "items": [shapes.strike(s) for s in page],
            "next": encode_cursor(dict(zip(("start", "id"), _key(last), strict=True)))
            if more and last
            else None,
        }

    return answer(request, build)


@router.get("/strikes/{strike_id}", summary="A strike with its reports, merge reasons, evidence")
def get_strike(request: Request, strike_id: str, merged: bool = True) -> Response:
    desk = desk_of(request)

    def build(version: Version) -> dict[str, Any]:
        found = desk.tw.strike(strike_id, merged=merged)
        reports = desk.tw.reports(list(found.reports))
        items = []
        for r in reports:
            spans = desk.tw.evidence(r)
            mine = spans.get(found.id) or {k: v for s in spans.values() for k, v in s.items()}
            items.append(shapes.report(r) | {"evidence": mine})
        verdicts = desk.strike_verdicts(found)
        return {
            "strike": shapes.strike(found),
            "reports": items,
            "merge_reasons": [n for n in found.notes if n.startswith(("merge", "grade"))],
            "notes": list(found.notes),
            "verdicts": [shapes.verdict(v) for v in verdicts],
        }

    return answer(request, build)


# -- pledges -------------------------------------------------------------------------------


@router.get("/pledges", summary="Every pledge (drafts too unless drafts=false)")
def list_pledges(request: Request, drafts: bool = True) -> Response:
    desk = desk_of(request)

    def build(version: Version) -> dict[str, Any]:
        counts = desk.counts(version)
        return {
            "items": [
                shapes.pledge(p)
                | {"verdict_counts": {r.by: counts.get((p.id, r.by), {}) for r in p.readings}}
                for p in desk.tw.pledges(include_drafts=drafts)
            ]
        }

    return answer(request, build)


@router.get("/pledges/{pledge_id}", summary="A pledge with its readings, counts and history")
def get_pledge(request: Request, pledge_id: str) -> Response:
    desk = desk_of(request)

    def build(version: Version) -> dict[str, Any]:
        p = desk.tw.pledge(pledge_id)
        counts = desk.counts(version)
        return {
            "pledge": shapes.pledge(p),
            "verdict_counts": {r.by: counts.get((p.id, r.by), {}) for r in p.readings},
            "history": [shapes.entry(e) for e in desk.tw.history(p.id)],
        }

    return answer(request, build)


@router.get(
    "/pledges/{pledge_id}/readings/{reading}/timeline",
    summary="The response protocol's stages over one reading",
)
def timeline(request: Request, pledge_id: str, reading: str, policy: str | None = None) -> Response:
    policy = bundled_policy(policy)
    desk = desk_of(request)

    def build(version: Version) -> dict[str, Any]:
        if policy is None:
            p = desk.tw.pledge(pledge_id)
            found = desk.response(p, find_reading(p, reading).by, version)
            return dict(found.to_json())
        strikes = [s for _, s in desk.walker.strikes(windows_of([desk.tw.pledge(pledge_id)]))]
        return dict(
            desk.tw.respond(pledge_id, reading, policy=policy, strikes=strikes).response.to_json()
        )

    return answer(request, build)


# -- verdicts ------------------------------------------------------------------------------


@router.get("/verdicts", summary="Verdicts of confirmed pledges, filtered, paged")
def list_verdicts(
    request: Request,
    pledge: str | None = None,
    reading: str | None = None,
    verdict: Annotated[
        list[VerdictKind] | None,
        Query(description="default: breach and undetermined (no_breach only when asked)"),
    ] = None,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
    limit: Limit = 100,
    cursor: str | None = None,
) -> Response:
    """The stored verdicts, paged in SQL order (strike start, strike, pledge, reading). With
    ``no_breach`` (never stored) the merged strikes are judged page by page instead, and a page
    may come back short, with a ``next``, when a rare filter needs more of the ledger than one
    request reads."""
    start, end = moment(from_, "from"), moment(to, "to", end=True)
    key = decode_cursor(cursor, ("t", "p", "r", "s"))
    after = ((str(key["t"]), str(key["s"])), (str(key["p"]), str(key["r"]))) if key else None
    wanted = set(verdict or (VerdictKind.BREACH, VerdictKind.UNDETERMINED))
    desk = desk_of(request)
    chosen = [desk.tw.pledge(pledge)] if pledge else None  # 404 for an unknown pledge

    def build(version: Version) -> dict[str, Any]:
        if VerdictKind.NO_BREACH not in wanted:  # the stored verdicts, paged in SQL
            page, last = desk.tw.verdict_page(
                pledge=pledge,
                reading=reading,
                kinds=wanted,
                start=start,
                end=end,
                lookback=desk.lookback() if start else None,
                after=(after[0][0], after[0][1], after[1][0], after[1][1]) if after else None,
                limit=limit,
            )
            return {
                "items": [shapes.verdict(v) for v in page],
                "next": encode_cursor(dict(zip(("t", "s", "p", "r"), last, strict=True)))
                if last
                else None,
            }
        # no_breach verdicts are not stored: judged page by page over the merged strikes
        pledges = chosen or desk.tw.pledges(include_drafts=False)
        found, nxt = desk.walker.verdict_page(
            desk.tw.judge_engine,
            pledges,
            clip(EVERYTHING, start, end),
            after,
            limit,
            lambda v: v.verdict in wanted and (not reading or v.reading == reading),
            include_no_breach=True,
        )
        return {
            "items": [shapes.verdict(v) for v in found],
            "next": encode_cursor({"t": nxt[0][0], "s": nxt[0][1], "p": nxt[1][0], "r": nxt[1][1]})
            if nxt
            else None,
        }

    return answer(request, build)


# -- replay, brief, exports ----------------------------------------------------------------


@router.get("/replay", summary="What-if: the protocol over a period, computed now, never stored")
def replay(
    request: Request,
    from_: Annotated[str, Query(alias="from", description="first Kyiv day")],
    to: Annotated[str, Query(description="last Kyiv day (inclusive)")],
    parties: Annotated[str, Query(description="comma-separated, e.g. RU")] = "RU",
    scope: Annotated[list[str] | None, Query(description="e.g. targets=energy")] = None,
    policy: str | None = None,
) -> Response:
    lo, hi = day(from_, "from"), day(to, "to")
    policy = bundled_policy(policy)
    tw = desk_of(request).tw
    return answer(
        request,
        lambda _: tw.replay(
            lo, hi, parties=parties.split(","), scope=parse_scope(scope or []), policy=policy
        ).to_json(),
    )


@router.get("/brief/{day_text}", summary="The daily brief for a Kyiv day, as HTML or PDF")
def brief(request: Request, day_text: str, format: str = "html") -> Response:
    when = day(day_text, "day")
    if format not in ("html", "pdf"):
        raise WebError(422, "E610", f"format={format!r}: use html or pdf")
    desk = desk_of(request)
    version = desk.version()
    tag = version.etag(request.url.path, request.url.query)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    if format == "pdf":
        with tempfile.TemporaryDirectory(prefix="trucewatch-brief-") as tmp:
            pdf = desk.tw.write_brief(when, Path(tmp) / "brief.pdf").read_bytes()
        return Response(pdf, media_type="application/pdf", headers=headers)
    return HTMLResponse(desk.tw.brief_html(when), headers=headers)


@router.get("/exports/{fmt}", summary="Strikes with verdicts as csv, parquet, geojson, acled-csv")
def export(
    request: Request,
    fmt: str,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
    attacker: str | None = None,
) -> Response:
    if fmt not in EXPORTS:
        raise WebError(404, "E620", f"export {fmt!r}: use one of {', '.join(EXPORTS)}")
    start, end = moment(from_, "from"), moment(to, "to", end=True)
    media, ext = EXPORTS[fmt]
    handle, name = tempfile.mkstemp(prefix="trucewatch-export-", suffix=f".{ext}")
    os.close(handle)
    path = Path(name)
    try:
        desk_of(request).tw.export(fmt, path, start=start, end=end, attacker=attacker)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type=media,
        filename=f"trucewatch-strikes.{ext}",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )


# -- the ledger itself ---------------------------------------------------------------------


def _head(version: Version) -> dict[str, Any]:
    return {
        "seq": version.seq,
        "hash": version.hash,
        "recorded_at": version.recorded_at,
        "age_seconds": version.age_seconds(),
    }


@router.get("/head", summary="The chain head: newest entry, and how long ago it was written")
def head(request: Request) -> Response:
    version = desk_of(request).version()
    return Response(
        json.dumps(_head(version)),
        media_type="application/json",
        headers={"Cache-Control": "no-cache"},
    )


@router.get("/verify", summary="Walk the hash chain and check the projections")
def verify(request: Request) -> Response:
    desk = desk_of(request)

    def build(version: Version) -> dict[str, Any]:
        result = desk.cached("verify", desk.tw.verify, version)  # asked for: run now
        return {
            "ok": result.ok,
            "entries": result.chain.entries,
            "head": result.chain.head,
            "bad_seq": result.chain.bad_seq,
            "problem": result.chain.problem,
            "projection_problems": list(result.projection_problems),
        }

    return answer(request, build)


@router.get("/checkpoint", summary="The latest signed checkpoint and whether the ledger holds it")
def checkpoint(request: Request) -> Response:
    tw = desk_of(request).tw

    def build(_: Version) -> dict[str, Any]:
        found = tw.latest_checkpoint_check()
        if found is None:
            return {"checkpoint": None}
        cp = found.checkpoint
        return {
            "checkpoint": {
                "seq": cp.seq,
                "head": cp.head,
                "time": cp.time,
                "public_key": cp.public_key,
                "signature": cp.signature,
            },
            "holds": found.ok,
            "bad_seq": found.bad_seq,
            "problem": found.problem,
        }

    return answer(request, build)


@router.get("/entries", summary="The newest ledger entries with their authors")
def entries(request: Request, limit: Limit = 50, before: Seq | None = None) -> Response:
    tw = desk_of(request).tw

    def build(_: Version) -> dict[str, Any]:
        rows = tw.recent_entries(limit, before)
        return {
            "items": [shapes.entry(e) for e in rows],
            "next_before": rows[-1].seq if len(rows) == limit else None,
        }

    return answer(request, build)


@router.get("/whoami", summary="The caller's token name and role (null when anonymous)")
def whoami(request: Request) -> dict[str, Any]:
    caller = request.state.caller
    token = caller.token
    return {"name": token.name, "role": token.role.label} if token else {"name": None, "role": None}


@router.get(
    "/events",
    summary="Server-sent events: `head` whenever the ledger changes",
    response_class=StreamingResponse,
)
async def events(request: Request, once: bool = False) -> StreamingResponse:
    desk = desk_of(request)

    async def stream() -> AsyncIterator[str]:
        last = ""
        for _ in range(600):  # ten minutes; EventSource reconnects by itself
            version = await anyio.to_thread.run_sync(desk.version)
            if version.hash != last:
                last = version.hash
                yield f"event: head\ndata: {json.dumps(_head(version))}\n\n"
                if once:
                    return
            else:
                yield ": keep-alive\n\n"
            if await request.is_disconnected():
                return
            await asyncio.sleep(1.0)

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
    )
