"""The dashboard: server-rendered pages over the same facade, readable without JavaScript.

Every page is plain HTML from a Jinja template with autoescaping on, so report text, pledge
titles and notes are always escaped; ``static/live.js`` only adds live updates (server-sent
events, polling as a fallback) and the "last changed N s ago" clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from trucewatch.extract.lang import LANGUAGES
from trucewatch.model import Pledge, PledgeStatus, Report, SourceKind, Verdict, VerdictKind
from trucewatch.plural import noun
from trucewatch.times import KYIV_ZONE
from trucewatch.web import mapsvg
from trucewatch.web.auth import COOKIE, Caller
from trucewatch.web.desk import Desk, Version, counted_as
from trucewatch.web.errors import WebError
from trucewatch.web.params import Seq, moment
from trucewatch.web.walk import EVERYTHING, clip
from trucewatch.web.write import as_uploaded, read_body, saved

__all__ = [
    "CSP",
    "FORMS",
    "SHOWN",
    "STATIC",
    "ZONE",
    "desk_airforce",
    "desk_confirm",
    "desk_page",
    "desk_text",
    "ledger_page",
    "login",
    "login_page",
    "logout",
    "map_page",
    "memo_page",
    "overview",
    "page",
    "pledge_page",
    "report_page",
    "router",
    "static",
    "strike_page",
]

router = APIRouter(include_in_schema=False)
ZONE = KYIV_ZONE
SHOWN = 500
FORMS = {"application/x-www-form-urlencoded", "multipart/form-data"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
STATIC = {"style.css": "text/css", "live.js": "text/javascript"}


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("trucewatch.web", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["kyiv"] = lambda t: t.astimezone(ZONE).strftime("%Y-%m-%d %H:%M") if t else "-"
    env.filters["qty"] = _qty
    env.filters["urlq"] = lambda s: quote(str(s), safe="")
    env.filters["href"] = _href
    env.filters["noun"] = noun
    return env


def _href(url: object) -> str:
    """A link target from report or pledge data: http(s) only, anything else goes nowhere."""
    text = str(url or "")
    return text if text.startswith(("http://", "https://")) else "#"


def _qty(q: Any) -> str:
    if q is None:
        return "-"
    if q.min == q.max:
        return str(q.min)
    if q.max is None:
        return f"{q.min}+"
    return f"{q.min or 0}-{q.max}"


def _desk(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def page(request: Request, template: str, version: Version, **context: Any) -> HTMLResponse:
    caller: Caller = request.state.caller
    html = _ENV.get_template(template).render(
        request=request, version=version, caller=caller, path=request.url.path, **context
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache"})


def memo_page(
    request: Request, version: Version, build: Callable[[], HTMLResponse]
) -> HTMLResponse:
    """A page rendered once per chain head, URL and caller, and shared (50 readers of one
    pledge page cost one rendering)."""
    caller: Caller = request.state.caller
    key = f"page:{request.url.path}?{request.url.query}:{caller.author}"
    body = _desk(request).memo(key, version, lambda: bytes(build().body))
    return HTMLResponse(body, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache"})


# -- overview ------------------------------------------------------------------------------


def _in_force(p: Pledge, now: datetime) -> bool:
    if p.status is not PledgeStatus.AGREED:
        return False
    return any(
        (r.start is None or r.start <= now) and (r.end is None or now < r.end) for r in p.readings
    )


def _focus_day(desk: Desk, version: Version) -> date:
    """The day the overview's chart ends on: today, or the newest strike's day if older."""
    today = datetime.now(ZONE).date()
    newest = desk.cached("newest_strike", desk.tw.newest_strike_start, version)
    return today if newest is None else min(today, newest.astimezone(ZONE).date())


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, day: str | None = None) -> HTMLResponse:
    version = _desk(request).version()
    return memo_page(request, version, lambda: _overview(request, day, version))


def _overview(request: Request, day: str | None, version: Version) -> HTMLResponse:
    desk = _desk(request)
    chosen = moment(day, "day")
    focus = chosen.astimezone(ZONE).date() if chosen else _focus_day(desk, version)
    now = datetime.now(UTC)
    pledges = desk.tw.pledges(include_drafts=False)
    counts = desk.counts(version)
    stages = desk.stages(version)
    rows: list[dict[str, Any]] = []
    for p in pledges:
        rows.append(
            {
                "pledge": p,
                "in_force": _in_force(p, now),
                "readings": [
                    {
                        "by": r.by,
                        "counts": counts.get((p.id, r.by), {}),
                        "stage": stages.get((p.id, r.by)),
                    }
                    for r in p.readings
                ],
            }
        )
    rows.sort(key=lambda row: (not row["in_force"], str(row["pledge"].id)))
    chart = desk.chart(focus, version)
    newest = desk.cached("newest_reports", lambda: _newest_reports(desk), version)
    drafts = [p for p in desk.tw.pledges() if p.draft]
    return page(
        request,
        "overview.html",
        version,
        rows=rows,
        chart=Markup(chart),
        focus=focus,
        newest=newest,
        drafts=drafts,
        totals={
            "strikes": desk.cached("merged_count", desk.tw.merged_count, version),
            "pledges": len(pledges),
        },
    )


def _newest_reports(desk: Desk, limit: int = 12) -> list[Report]:
    ids: list[str] = []
    before = None
    for _ in range(20):
        batch = desk.tw.recent_entries(500, before)
        ids.extend(e.key for e in batch if e.kind == "report.received")
        if len(ids) >= limit or len(batch) < 500:
            break
        before = batch[-1].seq
    wanted = ids[:limit]
    found = {r.id: r for r in desk.tw.reports(wanted)}
    return [found[i] for i in wanted if i in found]


# -- a pledge ------------------------------------------------------------------------------


@router.get("/pledges/{pledge_id}", response_class=HTMLResponse)
def pledge_page(
    request: Request, pledge_id: str, reading: str | None = None, verdict: str | None = None
) -> HTMLResponse:
    version = _desk(request).version()
    return memo_page(
        request, version, lambda: _pledge_page(request, pledge_id, reading, verdict, version)
    )


def _pledge_page(
    request: Request,
    pledge_id: str,
    reading: str | None,
    verdict: str | None,
    version: Version,
) -> HTMLResponse:
    desk = _desk(request)
    p = desk.tw.pledge(pledge_id)
    shown, more = _pledge_verdicts(desk, p, reading or None, verdict or None)
    timelines = {r.by: desk.response(p, r.by, version) for r in p.readings}
    claims = desk.cached(f"claims:{p.id}", lambda: desk.tw.claims(pledge=p.id), version)
    return page(
        request,
        "pledge.html",
        version,
        p=p,
        bars=_window_bars(p),
        verdicts=shown,
        more=more,
        claims=claims,
        counts=desk.counts(version),
        reading=reading or "",
        verdict=verdict or "",
        kinds=[k.value for k in VerdictKind] + ["what_if"],
        timelines=timelines,
        history=desk.tw.history(p.id),
        entry_author=_author,
    )


def _pledge_verdicts(
    desk: Desk, p: Pledge, reading: str | None, verdict: str | None
) -> tuple[list[Verdict], bool]:
    """The first SHOWN verdicts of the pledge page, and whether there are more: the stored
    verdicts paged in SQL, or for ``no_breach`` (never stored) judged over merged strikes."""
    if verdict == "no_breach":
        shown, nxt = desk.walker.verdict_page(
            desk.tw.judge_engine,
            [p],
            EVERYTHING,
            None,
            SHOWN,
            lambda v: (not reading or v.reading == reading) and counted_as(v) == verdict,
            include_no_breach=True,
        )
        return shown, nxt is not None
    kinds = {
        None: (VerdictKind.BREACH, VerdictKind.UNDETERMINED),
        "breach": (VerdictKind.BREACH,),
        "what_if": (VerdictKind.BREACH,),
        "undetermined": (VerdictKind.UNDETERMINED,),
    }.get(verdict, ())
    in_force = {"breach": True, "what_if": False}.get(verdict or "")
    found, last = desk.tw.verdict_page(
        pledge=p.id, reading=reading, kinds=kinds, in_force=in_force, limit=SHOWN
    )
    return found, last is not None


def _author(payload: str) -> str | None:
    import json

    try:
        found = json.loads(payload).get("author")
    except (ValueError, AttributeError):
        return None
    return str(found) if found else None


def _window_bars(p: Pledge) -> list[dict[str, Any]]:
    """Each reading's window as a bar on one shared axis (percent of the axis)."""
    times = [t for r in p.readings for t in (r.start, r.end) if t is not None]
    if not times:
        return [{"by": r.by, "left": 0, "width": 0, "label": "no dates"} for r in p.readings]
    lo, hi = min(times), max(times)
    span = max((hi - lo).total_seconds(), 3600.0)
    pad = timedelta(seconds=span * 0.05)
    lo, hi = lo - pad, hi + pad
    total = (hi - lo).total_seconds()
    bars = []
    for r in p.readings:
        a = r.start or lo
        b = r.end or hi
        left = 100 * (a - lo).total_seconds() / total
        width = max(0.5, 100 * (b - a).total_seconds() / total)
        label = f"{_fmt(r.start)} to {_fmt(r.end)}"
        bars.append({"by": r.by, "left": round(left, 2), "width": round(width, 2), "label": label})
    return bars


def _fmt(t: datetime | None) -> str:
    return t.astimezone(ZONE).strftime("%d %b %Y %H:%M") if t else "open"


# -- a strike, a report --------------------------------------------------------------------


def _segments(text: str, spans: dict[str, list[Any]]) -> list[tuple[str, str | None]]:
    """The text cut into (piece, field or None); overlapping spans keep the first field."""
    marks: list[tuple[int, int, str]] = []
    for fld, found in spans.items():
        for span in found:
            a, b = int(span[0]), int(span[1])
            if 0 <= a < b <= len(text):
                marks.append((a, b, fld))
    marks.sort()
    out: list[tuple[str, str | None]] = []
    pos = 0
    for a, b, fld in marks:
        if a < pos:
            continue
        if a > pos:
            out.append((text[pos:a], None))
        out.append((text[a:b], fld))
        pos = b
    if pos < len(text):
        out.append((text[pos:], None))
    return out


@router.get("/strikes/{strike_id}", response_class=HTMLResponse)
def strike_page(request: Request, strike_id: str) -> HTMLResponse:
    desk = _desk(request)
    version = desk.version()
    s = desk.tw.strike(strike_id)
    reports = []
    for r in desk.tw.reports(list(s.reports)):
        spans = desk.tw.evidence(r)
        mine = spans.get(s.id) or {k: v for found in spans.values() for k, v in found.items()}
        reports.append(
            {"report": r, "segments": _segments(r.content, mine), "fields": sorted(mine)}
        )
    verdicts = sorted(
        desk.strike_verdicts(s), key=lambda v: (v.verdict != VerdictKind.BREACH, v.pledge)
    )
    small_map = mapsvg.build(mapsvg.boundaries(), [s], set(), width=360)
    return page(
        request,
        "strike.html",
        version,
        s=s,
        reports=reports,
        verdicts=verdicts,
        small_map=small_map,
        counted_as=counted_as,
    )


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, report_id: str) -> HTMLResponse:
    desk = _desk(request)
    version = desk.version()
    found = desk.tw.reports([report_id])
    if not found:
        raise WebError(404, "E207", f"report {report_id!r} is not in the ledger")
    r = found[0]
    spans = desk.tw.evidence(r)
    merged = {k: v for s in spans.values() for k, v in s.items()}
    strikes = desk.tw.strikes_citing(r.id)
    return page(
        request, "report.html", version, r=r, segments=_segments(r.content, merged), strikes=strikes
    )


# -- the map -------------------------------------------------------------------------------


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, from_: str | None = None, to: str | None = None) -> HTMLResponse:
    desk = _desk(request)
    version = desk.version()
    params = request.query_params
    from_ = params.get("from") or from_
    if not from_ and not to:
        focus = _focus_day(desk, version)
        from_, to = (focus - timedelta(days=29)).isoformat(), focus.isoformat()
    lo, hi = moment(from_, "from"), moment(to, "to", end=True)
    chosen = [s for _, s in desk.walker.strikes(clip(EVERYTHING, lo, hi))]
    pledges = [p for p in desk.tw.pledges(include_drafts=False) if p.status is PledgeStatus.AGREED]
    view = mapsvg.build(mapsvg.boundaries(), chosen, mapsvg.pledged_isos(pledges))
    return page(
        request, "map.html", version, view=view, from_=from_ or "", to=to or "", strikes=len(chosen)
    )


# -- the ledger ----------------------------------------------------------------------------


@router.get("/ledger", response_class=HTMLResponse)
def ledger_page(request: Request, before: Seq | None = None) -> HTMLResponse:
    desk = _desk(request)
    version = desk.version()
    checked = desk.verify_status(version)
    rows = desk.tw.recent_entries(50, before)
    return page(
        request,
        "ledger.html",
        version,
        result=checked[1] if checked else None,
        checked_seq=checked[0] if checked else None,
        checkpoint=desk.cached("checkpoint", desk.tw.latest_checkpoint_check, version),
        rows=rows,
        author=_author,
        older=rows[-1].seq if len(rows) == 50 else None,
    )


# -- the desk: ingest and confirm from the browser ----------------------------------------


@router.get("/desk", response_class=HTMLResponse)
def desk_page(request: Request, done: str | None = None) -> HTMLResponse:
    desk = _desk(request)
    drafts = [p for p in desk.tw.pledges() if p.draft]
    return page(
        request,
        "desk.html",
        desk.version(),
        done=done or "",
        drafts=drafts,
        kinds=[k.value for k in SourceKind],
        langs=LANGUAGES,
        today=datetime.now(ZONE).date(),
    )


async def _form(request: Request) -> Any:
    await read_body(request, FORMS)
    return await request.form()


def _back(message: str) -> RedirectResponse:
    return RedirectResponse(f"/desk?done={quote(message)}", status_code=303)


@router.post("/desk/text")
async def desk_text(request: Request) -> RedirectResponse:
    import anyio

    form = await _form(request)
    text = str(form.get("text") or "").strip()
    source = str(form.get("source") or "").strip() or "desk"
    kind = str(form.get("kind") or "media")
    # "auto" (or nothing) detects the language; anything else the facade checks (E196)
    lang = str(form.get("lang") or "").strip() or None
    if lang == "auto":
        lang = None
    if not text:
        raise WebError(422, "E610", "text: paste the news text to ingest")
    try:
        published = date.fromisoformat(str(form.get("published") or ""))
        source_kind = SourceKind(kind)
    except ValueError:
        raise WebError(422, "E612", "published: a day as YYYY-MM-DD; kind: a source kind") from None
    caller: Caller = request.state.caller
    tw = _desk(request).tw
    result = await anyio.to_thread.run_sync(
        lambda: tw.ingest_text(
            text,
            published=published,
            source=source,
            kind=source_kind,
            author=caller.author,
            lang=lang,
        )
    )
    s = result.summary
    return _back(
        f"text ingested: {s.reports_new} new {noun(s.reports_new, 'report')}, "
        f"{s.strikes_new} new {noun(s.strikes_new, 'strike')}, "
        f"{len(result.drafts)} draft {noun(len(result.drafts), 'pledge')}"
    )


@router.post("/desk/airforce")
async def desk_airforce(request: Request) -> RedirectResponse:
    import anyio

    form = await _form(request)
    item = form.get("file")
    if item is None or isinstance(item, str):
        raise WebError(422, "E610", "file: choose the air-force CSV to upload")
    body = await item.read()
    name = Path(item.filename or "").name or "missile_attacks_daily.csv"
    if not body.strip():
        raise WebError(422, "E615", f"{name}: the upload is empty")
    caller: Caller = request.state.caller
    tw = _desk(request).tw
    folder, path = saved(body, "missile_attacks_daily.csv")
    with folder, as_uploaded(path, name):
        result = await anyio.to_thread.run_sync(
            lambda: tw.ingest_airforce(path, author=caller.author)
        )
    return _back(
        f"air-force file ingested: {result.rows} {noun(result.rows, 'row')}, "
        f"{result.summary.strikes_new} new {noun(result.summary.strikes_new, 'strike')}, "
        f"{len(result.errors)} bad {noun(len(result.errors), 'row')}"
    )


@router.post("/desk/confirm")
async def desk_confirm(request: Request) -> RedirectResponse:
    form = await _form(request)
    pledge_id = str(form.get("pledge") or "")
    caller: Caller = request.state.caller
    outcome = _desk(request).tw.confirm_pledge(pledge_id, author=caller.author)
    return _back(f"{pledge_id}: {outcome}")


# -- signing in ----------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, failed: bool = False) -> HTMLResponse:
    return page(request, "login.html", _desk(request).version(), failed=failed)


@router.post("/login")
async def login(request: Request) -> RedirectResponse:
    form = await _form(request)
    secret = str(form.get("token") or "").strip()
    if not secret or _desk(request).tw.authenticate(secret) is None:
        return RedirectResponse("/login?failed=true", status_code=303)
    response = RedirectResponse("/desk", status_code=303)
    response.set_cookie(COOKIE, secret, httponly=True, samesite="strict", max_age=12 * 3600)
    return response


@router.post("/logout")
def logout() -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/static/{path}")
def static(path: str) -> Response:
    if path not in STATIC:
        raise WebError(404, "E616", f"/static/{path}: no such file")
    text = (resources.files("trucewatch.web") / "static" / path).read_text(encoding="utf-8")
    return Response(text, media_type=STATIC[path], headers={"Cache-Control": "max-age=300"})


_ENV = _env()
