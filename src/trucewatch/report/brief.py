"""The daily brief: what an analyst or editor reads each morning, as plain data.

``build_brief(tw, day)`` gathers, for a Kyiv-local day D (including the night that ended that
morning, i.e. strikes overlapping [D-1 18:00, D+1 00:00) Kyiv):

- the strikes, with counts, places, targets, casualties and their sources (report, URL);
- every pledge with a reading in force during that period, and those whose windows ended in
  the 7 days before D, each reading with its verdicts on the period's strikes and the reasons;
- the response protocol's stage per reading as of the end of D, run over the ledger's stored
  verdicts (re-judged from the windows' strikes only when a caller passes its own ``judge``);
- a chart of drones and missiles per night over the 30 nights up to D, pledge windows shaded;
- an oblast map of the period's strikes (when boundaries are available; otherwise a note).

Rendering is separate (``trucewatch.report.render``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from trucewatch.geo import default_gazetteer
from trucewatch.judge.engine import Judge
from trucewatch.judge.rules import fmt_time, fmt_when, in_force_periods
from trucewatch.model import KYIV, Pledge, Quantity, Reading, Strike, VerdictKind
from trucewatch.plural import noun
from trucewatch.report.boundaries import find_boundaries, load_boundaries
from trucewatch.report.charts import (
    MapPoint,
    Night,
    Window,
    nightly_chart_svg,
    oblast_map_svg,
    window_days,
)
from trucewatch.report.claims import ClaimBlock, claims_of_day
from trucewatch.respond.policy import Policy
from trucewatch.respond.service import all_responses, get_policy
from trucewatch.times import KYIV_ZONE, kyiv_midnight
from trucewatch.view import LedgerView

__all__ = [
    "CHART_NIGHTS",
    "NIGHT_STARTS",
    "RECENT_DAYS",
    "Brief",
    "LedgerState",
    "PledgeBlock",
    "ReadingBlock",
    "SourceRef",
    "StrikeRow",
    "VerdictRow",
    "brief_period",
    "build_brief",
    "ledger_state",
    "night_of",
    "nightly_chart",
]

CHART_NIGHTS = 30
RECENT_DAYS = 7
NIGHT_STARTS = 18  # the brief's night begins at 18:00 Kyiv the evening before


@dataclass(frozen=True)
class SourceRef:
    name: str
    url: str | None


@dataclass(frozen=True)
class StrikeRow:
    """One strike as the brief shows it."""

    strike: Strike
    when: str
    drones: str
    missiles: str
    places: list[str]
    targets: list[str]
    killed: str
    injured: str
    sources: list[SourceRef]


@dataclass(frozen=True)
class VerdictRow:
    strike: str
    when: str
    verdict: str
    rule: str
    why: str


@dataclass(frozen=True)
class ReadingBlock:
    """One reading of a pledge: its window, scope, verdicts on the day and protocol stage."""

    by: str
    window: str
    scope: str
    in_force: bool
    note: str | None
    verdicts: list[VerdictRow]
    stage: int | None
    stage_name: str | None
    stage_since: str | None
    episodes: int


@dataclass(frozen=True)
class PledgeBlock:
    pledge: Pledge
    readings: list[ReadingBlock]
    recently_ended: bool


@dataclass(frozen=True)
class LedgerState:
    """What the brief was made from: the log's head, and its latest signed checkpoint."""

    entries: int
    head: str | None
    checkpoint_seq: int | None = None
    checkpoint_head: str | None = None
    checkpoint_time: str | None = None
    checkpoint_key: str | None = None
    checkpoint_valid: bool = False

    @property
    def entries_since_checkpoint(self) -> int | None:
        return None if self.checkpoint_seq is None else self.entries - self.checkpoint_seq


def ledger_state(tw: LedgerView) -> LedgerState:
    """The head and the latest checkpoint (its signature checked), for the brief's last lines."""
    head = tw.head()
    checkpoint = tw.latest_checkpoint()
    base = LedgerState(head.seq if head else 0, head.hash if head else None)
    if checkpoint is None:
        return base
    stamp = datetime.fromisoformat(checkpoint.time.replace("Z", "+00:00"))
    return LedgerState(
        base.entries,
        base.head,
        checkpoint_seq=checkpoint.seq,
        checkpoint_head=checkpoint.head,
        checkpoint_time=fmt_time(stamp, KYIV),
        checkpoint_key=checkpoint.key_id,
        checkpoint_valid=checkpoint.signature_ok(),
    )


@dataclass
class Brief:
    """Everything the brief shows, ready for a template."""

    day: date
    period_start: datetime
    period_end: datetime
    generated: datetime
    policy: Policy
    strikes: list[StrikeRow]
    totals: dict[str, int]
    pledges: list[PledgeBlock]
    chart_svg: str
    map_svg: str | None
    map_note: str | None
    nights: list[Night] = field(default_factory=list)
    claims: list[ClaimBlock] = field(default_factory=list)
    ledger: LedgerState | None = None

    @property
    def in_force(self) -> list[PledgeBlock]:
        return [p for p in self.pledges if not p.recently_ended]

    @property
    def ended(self) -> list[PledgeBlock]:
        return [p for p in self.pledges if p.recently_ended]


def brief_period(day: date) -> tuple[datetime, datetime]:
    """[D-1 18:00, D+1 00:00) in Kyiv: the day and the night that ended that morning."""
    start = kyiv_midnight(day) - timedelta(hours=24 - NIGHT_STARTS)
    return start, kyiv_midnight(day + timedelta(days=1))


def night_of(strike: Strike) -> date:
    """The morning a strike's night ended on: starts from noon on count for the next day."""
    local = strike.start.astimezone(KYIV_ZONE)
    return local.date() + timedelta(days=1) if local.hour >= 12 else local.date()


def _count(q: Quantity | None) -> int:
    if q is None:
        return 0
    return q.min if q.min is not None else (q.max or 0)


def _num(value: int | None) -> str:
    return "—" if value is None else str(value)


def _window_text(r: Reading) -> str:
    return f"{fmt_time(r.start, r.tz)} to {fmt_time(r.end, r.tz)}"


def _overlaps(r: Reading, lo: datetime, hi: datetime) -> bool:
    """Whether a dated window meets [lo, hi); a reading with no dates at all places nothing."""
    if r.start is None and r.end is None:
        return False
    return (r.start is None or r.start < hi) and (r.end is None or r.end > lo)


def _in_force_during(p: Pledge, lo: datetime, hi: datetime) -> bool:
    """Whether the pledge's status history puts it in force at some time in [lo, hi)."""
    return any((a is None or a < hi) and (b is None or b > lo) for a, b in in_force_periods(p))


def _scope_text(pledge: Pledge, r: Reading) -> str:
    scope = pledge.effective_scope(r).model_dump(exclude_none=True)
    return "; ".join(f"{k}: {', '.join(v)}" for k, v in scope.items()) or "all strikes"


def _strike_rows(tw: LedgerView, strikes: list[Strike]) -> list[StrikeRow]:
    ids = sorted({rid for s in strikes for rid in s.reports})
    reports = {r.id: r for r in tw.reports(ids)} if ids else {}
    rows = []
    for s in strikes:
        refs: dict[tuple[str, str | None], SourceRef] = {}
        for rid in s.reports:
            rep = reports.get(rid)
            if rep is not None:
                refs.setdefault((rep.source, rep.url), SourceRef(rep.source, rep.url))
        rows.append(
            StrikeRow(
                strike=s,
                when=(
                    f"{fmt_time(s.start, KYIV)} to {fmt_time(s.end, KYIV)} "
                    f"({s.time_precision.value})"
                ),
                drones=str(s.drones) if s.drones else "—",
                missiles=str(s.missiles) if s.missiles else "—",
                places=[p.name for p in s.places] or list(s.place_names),
                targets=list(s.targets),
                killed=_num(s.killed),
                injured=_num(s.injured),
                sources=list(refs.values()),
            )
        )
    return rows


def _nights(strikes: list[Strike], days: list[date]) -> list[Night]:
    drones: dict[date, int] = defaultdict(int)
    missiles: dict[date, int] = defaultdict(int)
    for s in strikes:
        d = night_of(s)
        drones[d] += _count(s.drones)
        missiles[d] += _count(s.missiles)
    return [Night(d, drones[d], missiles[d]) for d in days]


def _map(
    strikes: list[Strike], boundaries: Path | None, day: date
) -> tuple[str | None, str | None]:
    path = find_boundaries(boundaries)
    if path is None:
        return None, (
            "No oblast boundaries are available, so there is no map: run "
            "`trucewatch fetch boundaries` (geoBoundaries ADM1) or pass --boundaries FILE."
        )
    shapes = load_boundaries(path)
    gz = default_gazetteer()
    hits: dict[str, int] = defaultdict(int)
    points: list[MapPoint] = []
    for s in strikes:
        isos: set[str] = set()
        for p in s.places:
            if p.kind == "country":
                continue
            iso = gz.iso_for_oblast(p.oblast or p.name) if (p.oblast or p.name) else None
            if iso is None and p.kind == "oblast" and p.gazetteer_id:
                iso = p.gazetteer_id
            if iso:
                isos.add(iso)
            if p.kind == "settlement" and p.lat is not None and p.lon is not None:
                points.append(MapPoint(p.lon, p.lat, p.name))
        for iso in isos:
            hits[iso] += 1
    known = {s.iso for s in shapes}
    unplaced = sum(1 for s in strikes if not any(p.kind != "country" for p in s.places))
    title = f"Oblasts named in the strikes of {day:%d %B %Y} (and the night before)"
    svg = oblast_map_svg(shapes, {k: v for k, v in hits.items() if k in known}, points, title=title)
    note = None
    if unplaced:
        n = noun(unplaced, "strike")
        was, it = noun(unplaced, "was", "were"), noun(unplaced, "is", "are")
        note = f"{unplaced} {n} {was} reported without an oblast and {it} not on the map."
    return svg, note


def nightly_chart(tw: LedgerView, day: date) -> tuple[list[Night], str]:
    """The brief's chart: drones and missiles per night for the 30 nights to ``day``, with the
    windows of pledges in force shaded (only those nights' strikes are read)."""
    days = window_days(day, CHART_NIGHTS)
    chart_lo = kyiv_midnight(days[0]) - timedelta(hours=12)
    chart_hi = kyiv_midnight(day) + timedelta(hours=12)
    around = tw.strike_records(start=chart_lo - timedelta(microseconds=1), end=chart_hi)
    nights = _nights([s for s in around if chart_lo <= s.start < chart_hi], days)
    windows = [
        Window(
            f"{p.id} ({r.by})",
            r.start.astimezone(KYIV_ZONE) if r.start else None,
            r.end.astimezone(KYIV_ZONE) if r.end else None,
        )
        for p in tw.pledges(include_drafts=False)
        for r in p.readings
        if _in_force_during(p, chart_lo, chart_hi) and _overlaps(r, chart_lo, chart_hi)
    ]
    chart = nightly_chart_svg(
        nights,
        windows,
        title=f"Drones and missiles launched per night, {days[0]:%d %b} to {day:%d %b %Y}",
        highlight=day,
    )
    return nights, chart


def build_brief(
    tw: LedgerView,
    day: date,
    *,
    policy: Policy | str | Path | None = None,
    boundaries: Path | None = None,
    judge: Judge | None = None,
) -> Brief:
    """Gather the brief for Kyiv-local ``day`` from the ledger (see the module docstring)."""
    pol = policy if isinstance(policy, Policy) else get_policy(policy)
    lo, hi = brief_period(day)
    # Only the stretches of the ledger the brief shows are read: the day, the pledges' windows
    # (for the protocol's stages) and the chart's nights.
    day_strikes = tw.strike_records(start=lo, end=hi)
    recent_lo = kyiv_midnight(day - timedelta(days=RECENT_DAYS))

    chosen: list[PledgeBlock] = []
    pledges: list[tuple[Pledge, bool]] = []
    for p in tw.pledges(include_drafts=False):
        if not _in_force_during(p, recent_lo, hi):
            continue
        if _in_force_during(p, lo, hi) and any(_overlaps(r, lo, hi) for r in p.readings):
            pledges.append((p, False))
        elif any(r.end is not None and recent_lo <= r.end <= lo for r in p.readings) or any(
            b is not None and recent_lo <= b <= lo for _, b in in_force_periods(p)
        ):  # a window that closed, or a pledge that lapsed or was repudiated, this week
            pledges.append((p, True))
    engine = judge or tw.judge_engine
    verdicts = engine.judge([p for p, _ in pledges], day_strikes, include_no_breach=True)
    by_reading: dict[tuple[str, str], list[VerdictRow]] = defaultdict(list)
    for v in verdicts:
        if not v.in_force:
            continue  # a what-if is never a breach in the brief
        by_reading[(v.pledge, v.reading)].append(
            VerdictRow(
                v.strike,
                fmt_when(v.strike_start, v.time_precision),
                v.verdict.value,
                v.rule,
                v.why,
            )
        )
    shown = [p for p, _ in pledges]
    if judge is None:
        # The ledger keeps every reading's verdicts up to date on each write (what-ifs
        # included): the stages are run over those, so no window is read and judged again.
        responses = all_responses(
            tw,
            pol,
            as_of=hi,
            pledges=shown,
            verdicts=[v for p in shown for v in tw.stored_verdicts(pledge=p.id, what_if=True)],
        )
    else:
        responses = all_responses(tw, pol, as_of=hi, pledges=shown, strikes=tw.strikes_for(shown))
    stage = {(rr.pledge.id, rr.reading.by): rr.response for rr in responses}
    for p, ended in pledges:
        blocks = []
        for r in p.readings:
            resp = stage[(p.id, r.by)]
            current = resp.current_stage
            last = resp.episodes[-1].transitions[-1] if current is not None else None
            blocks.append(
                ReadingBlock(
                    by=r.by,
                    window=_window_text(r),
                    scope=_scope_text(p, r),
                    in_force=_overlaps(r, lo, hi) and _in_force_during(p, lo, hi),
                    note=r.note,
                    verdicts=sorted(
                        by_reading[(p.id, r.by)],
                        key=lambda row: row.verdict != VerdictKind.BREACH.value,
                    ),
                    stage=current,
                    stage_name=last.name if last else None,
                    stage_since=fmt_time(last.at, KYIV) if last else None,
                    episodes=len(resp.episodes),
                )
            )
        chosen.append(PledgeBlock(p, blocks, ended))

    nights, chart = nightly_chart(tw, day)
    map_svg, map_note = _map(day_strikes, boundaries, day)
    rows = _strike_rows(tw, day_strikes)
    totals = {
        "strikes": len(day_strikes),
        "drones": sum(_count(s.drones) for s in day_strikes),
        "missiles": sum(_count(s.missiles) for s in day_strikes),
        "killed": sum(s.killed or 0 for s in day_strikes),
        "injured": sum(s.injured or 0 for s in day_strikes),
    }
    return Brief(
        day=day,
        period_start=lo,
        period_end=hi,
        generated=datetime.now(KYIV_ZONE),
        policy=pol,
        strikes=rows,
        totals=totals,
        pledges=chosen,
        chart_svg=chart,
        map_svg=map_svg,
        map_note=map_note,
        nights=nights,
        claims=claims_of_day(tw, day, [b.pledge.id for b in chosen if not b.recently_ended]),
        ledger=ledger_state(tw),
    )
