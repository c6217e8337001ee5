"""The judge in columns: every rule of ``rules.py`` over arrays of (reading, strike) pairs.

The per-row judge (``engine.Judge``) is the reference; this one gives the same verdict, rule
and why on every row (``tests/test_judge_columnar.py`` checks it over random ledgers) at a
fraction of the cost, because it never builds a Python object for a pair it does not return:

- the candidate pairs of each reading come from a sorted search over the strikes' starts, as
  the reference's index does, in batches of bounded size;
- each rule is an array expression giving ``in`` / ``out`` / ``unknown`` / ``skip`` per pair.
  Party, announced, evidence, time and the status history compare integer instants; the
  set-valued axes (weapons, targets, places) are dictionary-encoded: the rule is decided once
  per distinct (strike values, reading limit) pair and gathered to the rows;
- the combination (first ``out``, else first ``unknown``, else breach) is an array reduction;
- the sentence in ``why`` is rendered, with polars string expressions, for returned rows only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from trucewatch.geo import Gazetteer, default_gazetteer
from trucewatch.judge.frame import INSTANT, SCHEMA, ordered
from trucewatch.judge.rules import (
    AnnouncedRule,
    EvidenceRule,
    PartyRule,
    Period,
    PlaceRule,
    StatusRule,
    TargetRule,
    TimeRule,
    WeaponRule,
    _axis,
    announced_from,
    fmt_time,
    in_force_parts,
    in_force_periods,
    not_in_force_text,
    partly_in_force_text,
    status_history,
)
from trucewatch.model import (
    KYIV,
    Credibility,
    Evidence,
    Place,
    Pledge,
    Reading,
    Scope,
    Strike,
    TimePrecision,
    Verdict,
    VerdictKind,
)
from trucewatch.times import epoch_us

I64 = npt.NDArray[np.int64]
I8 = npt.NDArray[np.int8]
BOOL = npt.NDArray[np.bool_]

SKIP, IN, OUT, UNKNOWN = 0, 1, 2, 3
RULES = (
    PartyRule.name,
    AnnouncedRule.name,
    EvidenceRule.name,
    TimeRule.name,
    WeaponRule.name,
    TargetRule.name,
    PlaceRule.name,
)
PARTY, ANNOUNCED, EVIDENCE, TIME, WEAPONS, TARGETS, PLACES = range(len(RULES))
PRECISIONS = tuple(p.value for p in TimePrecision)
COARSE_FROM = PRECISIONS.index(TimePrecision.NIGHT.value)  # minute and hour are fine
GRADES = tuple(c.value for c in Credibility)
# How many (reading, strike) pairs one batch holds: bounds the arrays' memory.
BATCH = 2_000_000

VERDICT_SCHEMA: dict[str, pl.DataType] = {
    "pledge": pl.String(),
    "reading": pl.String(),
    "strike": pl.String(),
    "strike_start": INSTANT,
    "strike_end": INSTANT,
    "start_offset": pl.Int32(),
    "end_offset": pl.Int32(),
    "time_precision": pl.String(),
    "tz": pl.String(),
    "verdict": pl.String(),
    "rule": pl.String(),
    "why": pl.String(),
    "in_force": pl.Boolean(),
    "breach_at": INSTANT,
    "credibility": pl.String(),
    "reports": pl.List(pl.String()),
    "sources": pl.List(pl.String()),
    "claimed_by": pl.String(),
}
_ORDER = ("_pledge", "_reading")
_READING_TEXTS = ("_pledge_id", "_by", "_window", "_nodates", "_bound", "_ann_out", "_ann_unknown")


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class Tally:
    """What a judging left out: ``what_if``, the verdicts on pledges not in force that
    ``what_if=False`` dropped (counted without writing their reasons)."""

    what_if: int = 0


@dataclass
class _Axis:
    """A set-valued axis, dictionary-encoded: value ids per strike, limit ids per reading."""

    values: I64
    distinct: list[Any]
    limits: list[tuple[str, ...]] = field(default_factory=list)
    outcome: I8 = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int8))
    why: list[list[str]] = field(default_factory=list)

    def limit_id(self, limit: tuple[str, ...] | None) -> int:
        if limit is None:
            return -1
        if limit not in self.limits:
            self.limits.append(limit)
        return self.limits.index(limit)


@dataclass
class _Readings:
    """Per-reading facts as arrays (index = the reading's place in the judging order)."""

    pledges: list[Pledge]
    readings: list[Reading]
    pledge_pos: list[int]
    reading_pos: list[int]
    ws: I64
    has_ws: BOOL
    we: I64
    has_we: BOOL
    made: I64
    has_made: BOOL
    made_day: I64
    day_known: BOOL
    bound: BOOL  # [reading, attacker code]
    limits: dict[int, I64]  # axis -> limit id per reading (-1: the axis is not limited)
    # status.v1: the in-force periods, padded; the status history, padded
    trivial: BOOL
    never: BOOL
    pa: I64
    has_pa: BOOL
    pb: I64
    has_pb: BOOL
    pvalid: BOOL
    hat: I64
    has_hat: BOOL
    hvalid: BOOL
    periods: list[list[Period]]
    not_in_force: pl.Series | None = None


def _pad(rows: list[list[int | None]], width: int) -> tuple[I64, BOOL, BOOL]:
    """Ragged lists of optional integers as (values, present, in range) arrays."""
    n = len(rows)
    vals = np.zeros((n, max(width, 1)), dtype=np.int64)
    present = np.zeros((n, max(width, 1)), dtype=np.bool_)
    valid = np.zeros((n, max(width, 1)), dtype=np.bool_)
    for i, row in enumerate(rows):
        for k, v in enumerate(row):
            valid[i, k] = True
            if v is not None:
                vals[i, k] = v
                present[i, k] = True
    return vals, present, valid


def _opt_us(moment: datetime | None) -> int | None:
    return None if moment is None else epoch_us(moment)


class ColumnarJudge:
    """Judges a strike frame (``judge.frame``) against pledges, every reading, in columns."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.places = PlaceRule(self.gazetteer)
        self.status = StatusRule()

    # -- the public calls -------------------------------------------------------------------

    def judge(
        self,
        pledges: Iterable[Pledge],
        strikes: pl.DataFrame,
        *,
        reading: str | None = None,
        include_no_breach: bool = False,
        what_if: bool = True,
        tally: Tally | None = None,
    ) -> list[Verdict]:
        """Verdicts as the per-row judge returns them (same order, same fields)."""
        frame = self.judge_frame(
            pledges,
            strikes,
            reading=reading,
            include_no_breach=include_no_breach,
            what_if=what_if,
            tally=tally,
        )
        return verdicts_of(frame)

    def judge_frame(
        self,
        pledges: Iterable[Pledge],
        strikes: pl.DataFrame,
        *,
        reading: str | None = None,
        include_no_breach: bool = False,
        what_if: bool = True,
        order_keys: bool = False,
        tally: Tally | None = None,
        why: bool = True,
    ) -> pl.DataFrame:
        """The verdicts as a frame (``VERDICT_SCHEMA``): pledges in the order given, each
        reading in its order, strikes by (start, id). ``order_keys`` adds ``_pledge`` and
        ``_reading`` (the positions) so partial results can be put back in that order.

        ``why=False`` leaves ``why`` empty (null): writing the sentence is most of the cost
        of a large result, and a caller that shows a few rows of it (a page, a count, a
        comparison) writes theirs with :meth:`explain`."""
        frame = ordered(strikes.select(list(SCHEMA)))
        pledge_list = list(pledges)
        chosen = [
            (i, p, j, rd)
            for i, p in enumerate(pledge_list)
            for j, rd in enumerate(p.readings)
            if reading is None or rd.by == reading
        ]
        schema = dict(VERDICT_SCHEMA)
        if order_keys:
            schema |= {k: pl.Int64() for k in _ORDER}
        if not chosen or frame.height == 0:
            return pl.DataFrame(schema=schema)
        cols = _Columns(frame, self)
        rds = self._readings(chosen, cols)
        parts: list[pl.DataFrame] = []
        for ri, si in _pairs(cols, rds, include_no_breach):
            part = self._judge_pairs(cols, rds, ri, si, include_no_breach, what_if, tally, why)
            if part is not None and part.height:
                parts.append(part)
        if not parts:
            return pl.DataFrame(schema=schema)
        out = pl.concat(parts, how="vertical")
        if order_keys:
            out = out.with_columns(
                pl.Series("_pledge", [rds.pledge_pos[i] for i in range(len(rds.readings))])
                .gather(out["_ri"])
                .cast(pl.Int64),
                pl.Series("_reading", rds.reading_pos).gather(out["_ri"]).cast(pl.Int64),
            )
        return out.select(list(schema))

    def explain(
        self, pledges: Iterable[Pledge], strikes: pl.DataFrame, verdicts: pl.DataFrame
    ) -> pl.DataFrame:
        """``verdicts`` (rows of ``judge_frame(..., why=False)``) with ``why`` written.

        A verdict depends on its pledge, reading and strike alone, so only the strikes and
        pledges of these rows are judged again: the cost of the rows shown, not of the result.
        """
        if verdicts.height == 0:
            return verdicts
        wanted = set(verdicts["pledge"].to_list())
        chosen = [p for p in pledges if p.id in wanted]
        ids = verdicts["strike"].unique()
        again = self.judge_frame(
            chosen, strikes.filter(pl.col("id").is_in(ids.implode())), include_no_breach=True
        )
        keys = ["pledge", "reading", "strike"]
        written = again.select(*keys, "why")
        return verdicts.drop("why").join(written, on=keys, how="left", maintain_order="left")[
            verdicts.columns
        ]

    # -- per-reading facts ---------------------------------------------------------------------

    def _readings(
        self, chosen: list[tuple[int, Pledge, int, Reading]], cols: _Columns
    ) -> _Readings:
        n = len(chosen)
        ws = np.zeros(n, dtype=np.int64)
        has_ws = np.zeros(n, dtype=np.bool_)
        we = np.zeros(n, dtype=np.int64)
        has_we = np.zeros(n, dtype=np.bool_)
        made = np.zeros(n, dtype=np.int64)
        has_made = np.zeros(n, dtype=np.bool_)
        made_day = np.zeros(n, dtype=np.int64)
        day_known = np.zeros(n, dtype=np.bool_)
        bound = np.zeros((n, len(cols.attackers) + 1), dtype=np.bool_)
        limits = {a: np.full(n, -1, dtype=np.int64) for a in (WEAPONS, TARGETS, PLACES)}
        trivial = np.zeros(n, dtype=np.bool_)
        never = np.zeros(n, dtype=np.bool_)
        periods_of: dict[int, list[Period]] = {}
        period_rows: list[list[Period]] = []
        hist_rows: list[list[int | None]] = []
        for k, (i, p, _, rd) in enumerate(chosen):
            if rd.start is not None:
                ws[k], has_ws[k] = epoch_us(rd.start), True
            if rd.end is not None:
                we[k], has_we[k] = epoch_us(rd.end), True
            when = announced_from(p.announced)
            if when is not None:
                made[k], has_made[k] = epoch_us(when), True
                made_day[k] = epoch_us(when + timedelta(days=1))
                day_known[k] = len((p.announced or "").split("-")) == 3
            for code, name in enumerate(cols.attackers):
                bound[k, code] = name in p.parties
            limits[WEAPONS][k] = cols.axes[WEAPONS].limit_id(_limit(p, rd, "weapons"))
            limits[TARGETS][k] = cols.axes[TARGETS].limit_id(_limit(p, rd, "targets"))
            limits[PLACES][k] = cols.axes[PLACES].limit_id(_limit(p, rd, "places"))
            if i not in periods_of:
                periods_of[i] = in_force_periods(p)
            periods = periods_of[i]
            trivial[k] = periods == [(None, None)]
            never[k] = not periods
            period_rows.append(periods)
            hist_rows.append([_opt_us(c.at) for c in status_history(p)])
        cols.decide_axes(self)
        width = max((len(r) for r in period_rows), default=1)
        starts = [[_opt_us(a) for a, _ in r] for r in period_rows]
        ends = [[_opt_us(b) for _, b in r] for r in period_rows]
        pa, has_pa, pvalid = _pad(starts, width)
        pb, has_pb, _ = _pad(ends, width)
        hat, has_hat, hvalid = _pad(hist_rows, max((len(r) for r in hist_rows), default=1))
        return _Readings(
            pledges=[p for _, p, _, _ in chosen],
            readings=[rd for _, _, _, rd in chosen],
            pledge_pos=[i for i, _, _, _ in chosen],
            reading_pos=[j for _, _, j, _ in chosen],
            ws=ws,
            has_ws=has_ws,
            we=we,
            has_we=has_we,
            made=made,
            has_made=has_made,
            made_day=made_day,
            day_known=day_known,
            bound=bound,
            limits=limits,
            trivial=trivial,
            never=never,
            pa=pa,
            has_pa=has_pa,
            pb=pb,
            has_pb=has_pb,
            pvalid=pvalid,
            hat=hat,
            has_hat=has_hat,
            hvalid=hvalid,
            periods=period_rows,
        )

    # -- one batch of pairs --------------------------------------------------------------------

    def _judge_pairs(
        self,
        cols: _Columns,
        rds: _Readings,
        ri: I64,
        si: I64,
        include_no_breach: bool,
        what_if: bool,
        tally: Tally | None = None,
        why: bool = True,
    ) -> pl.DataFrame | None:
        start, end = cols.start[si], cols.end[si]
        prec, grade, attacker = cols.precision[si], cols.grade[si], cols.attacker[si]
        ws, has_ws, we, has_we = rds.ws[ri], rds.has_ws[ri], rds.we[ri], rds.has_we[ri]
        outcomes = np.zeros((len(RULES), len(ri)), dtype=np.int8)

        # party.v1
        known = attacker >= 0
        is_bound = rds.bound[ri, np.where(known, attacker, 0)]
        outcomes[PARTY] = np.where(known, np.where(is_bound, IN, OUT), UNKNOWN)
        # announced.v1
        has_made = rds.has_made[ri]
        before = has_made & (end <= rds.made[ri])
        same_day = has_made & ~before & rds.day_known[ri] & (start < rds.made_day[ri])
        outcomes[ANNOUNCED] = np.where(before, OUT, np.where(same_day, UNKNOWN, SKIP))
        # evidence.v1
        outcomes[EVIDENCE] = np.where(
            grade == GRADES.index(Credibility.DISCOUNTED.value),
            OUT,
            np.where(grade == GRADES.index(Credibility.CONTESTED.value), UNKNOWN, SKIP),
        )
        # time.v1
        dated = has_ws | has_we
        outside = (has_we & (start >= we)) | (has_ws & (end <= ws))
        coarse = prec >= COARSE_FROM
        inside = (~has_ws | (start >= ws)) & (~has_we | (end <= we))
        outcomes[TIME] = np.where(
            ~dated, UNKNOWN, np.where(outside, OUT, np.where(coarse & ~inside, UNKNOWN, IN))
        )
        # weapons.v1, targets.v1, places.v1
        combos: dict[int, I64] = {}
        for axis in (WEAPONS, TARGETS, PLACES):
            lid = rds.limits[axis][ri]
            enc = cols.axes[axis]
            vid = enc.values[si]
            if enc.outcome.size:
                got = enc.outcome[vid, np.where(lid >= 0, lid, 0)]
            else:
                got = np.zeros(len(ri), dtype=np.int8)
            outcomes[axis] = np.where(lid >= 0, got, SKIP)
            combos[axis] = vid * max(len(enc.limits), 1) + np.where(lid >= 0, lid, 0)

        # the combination: first out, else first unknown, else breach
        is_out = outcomes == OUT
        is_unknown = outcomes == UNKNOWN
        any_out = is_out.any(axis=0)
        any_unknown = is_unknown.any(axis=0)
        decisive = np.where(
            any_out,
            is_out.argmax(axis=0),
            np.where(any_unknown, is_unknown.argmax(axis=0), -1),
        )
        kind = np.where(any_out, 1, np.where(any_unknown, 2, 0))  # breach, no_breach, undet.

        # status.v1
        lo = np.where(has_ws, np.maximum(start, ws), start)
        hi = np.where(has_we, np.minimum(end, we), end)
        cut = lo < hi
        lo, hi = np.where(cut, lo, start), np.where(cut, hi, end)
        pvalid = rds.pvalid[ri]
        a = np.where(rds.has_pa[ri], np.maximum(lo[:, None], rds.pa[ri]), lo[:, None])
        b = np.where(rds.has_pb[ri], np.minimum(hi[:, None], rds.pb[ri]), hi[:, None])
        part = pvalid & (a < b)
        covered = np.where(part, b - a, 0).sum(axis=1)
        trivial = rds.trivial[ri]
        in_force = trivial | part.any(axis=1)
        first = part.argmax(axis=1)
        since = a[np.arange(len(ri)), first]
        has_since = ~trivial & in_force
        partial = ~trivial & in_force & (covered != hi - lo)
        state = np.full(len(ri), -1, dtype=np.int64)  # status_at(lo): the change in force
        for h in range(rds.hat.shape[1]):
            on = rds.hvalid[ri, h] & (~rds.has_hat[ri, h] | (rds.hat[ri, h] <= lo))
            state = np.where(on, h, state)
        demoted = partial & (kind == 0) & coarse
        kind = np.where(demoted, 2, kind)

        keep = np.ones(len(ri), dtype=np.bool_) if include_no_breach else kind != 1
        if not what_if:
            if tally is not None:
                tally.what_if += int(np.count_nonzero(keep & ~in_force))
            keep &= in_force
        rows = np.flatnonzero(keep)
        if rows.size == 0:
            return None
        at = np.where(has_ws, np.maximum(start, ws), start)
        at = np.where(has_since, np.maximum(at, since), at)
        picked = {
            "_ri": ri[rows],
            "_si": si[rows],
            "_kind": kind[rows],
            "_decisive": decisive[rows],
            "_demoted": demoted[rows],
            "_partial": partial[rows],
            "_state": state[rows],
            "in_force": in_force[rows],
            "_at": at[rows],
            "_lo": lo[rows],
            "_hi": hi[rows],
        }
        for r in range(len(RULES)):
            picked[f"_o{r}"] = outcomes[r][rows]
        for axis, combo in combos.items():
            picked[f"_c{axis}"] = combo[rows]
        return _Render(cols, rds, self).frame(picked, why)


def _limit(pledge: Pledge, reading: Reading, axis: str) -> tuple[str, ...] | None:
    """``pledge.effective_scope(reading)``'s limit on one axis, without copying models: the
    reading's value where its scope sets the key, else the pledge's."""
    scope = pledge.scope
    if reading.scope is not None and axis in reading.scope.model_fields_set:
        scope = reading.scope
    values: Sequence[str] | None = getattr(scope, axis)
    return None if values is None else tuple(values)


class _Columns:
    """The strike frame's columns as arrays and dictionary encodings (strikes in judge order)."""

    def __init__(self, frame: pl.DataFrame, judge: ColumnarJudge) -> None:
        self.frame = frame
        self.start = frame["start"].dt.epoch("us").to_numpy().astype(np.int64)
        self.end = frame["end"].dt.epoch("us").to_numpy().astype(np.int64)
        self.precision = (
            frame["time_precision"]
            .replace_strict(list(PRECISIONS), list(range(len(PRECISIONS))), return_dtype=pl.Int8)
            .to_numpy()
        )
        self.grade = (
            frame["credibility"]
            .replace_strict(list(GRADES), list(range(len(GRADES))), return_dtype=pl.Int8)
            .to_numpy()
        )
        self.attackers: list[str] = sorted(frame["attacker"].drop_nulls().unique().to_list())
        self.attacker = (
            frame["attacker"]
            .replace_strict(
                self.attackers, list(range(len(self.attackers))), default=-1, return_dtype=pl.Int64
            )
            .to_numpy()
        )
        self.longest = int((self.end - self.start).max()) if frame.height else 0
        self.axes: dict[int, _Axis] = {
            WEAPONS: self._encode(pl.col("weapons").list.join("\x1f"), ["weapons"]),
            TARGETS: self._encode(pl.col("targets").list.join("\x1f"), ["targets"]),
            PLACES: self._encode(
                pl.concat_str(
                    pl.col("places").list.eval(pl.element().struct.json_encode()).list.join("\x1e"),
                    pl.col("place_names").list.join("\x1f"),
                    separator="\x1d",
                ),
                ["places", "place_names"],
            ),
        }

    def _encode(self, key: pl.Expr, columns: list[str]) -> _Axis:
        """Dense ids of the distinct values of list columns (lengths keep [] and [''] apart)."""
        lengths = [pl.col(c).list.len().cast(pl.String) for c in columns]
        full = pl.concat_str([*lengths, key], separator="\x1c")
        keys = self.frame.select(full.alias("k"), *columns)
        firsts = keys.with_row_index("_row").unique("k", keep="first", maintain_order=True)
        ids = keys.select("k").join(
            firsts.select("k").with_row_index("_id"), on="k", how="left", maintain_order="left"
        )
        distinct = firsts.select(columns).rows()
        return _Axis(values=ids["_id"].to_numpy().astype(np.int64), distinct=distinct)

    def decide_axes(self, judge: ColumnarJudge) -> None:
        """Each axis's rule decided once per distinct (strike values, reading limit)."""
        for axis, enc in self.axes.items():
            n_v, n_l = len(enc.distinct), len(enc.limits)
            enc.outcome = np.zeros((max(n_v, 1), max(n_l, 1)), dtype=np.int8)
            enc.why = [[""] * max(n_l, 1) for _ in range(max(n_v, 1))]
            codes = {"in": IN, "out": OUT, "unknown": UNKNOWN, "skip": SKIP}
            for v, values in enumerate(enc.distinct):
                for lid, limit in enumerate(enc.limits):
                    if axis == PLACES:
                        finding = judge.places(
                            _NO_PLEDGE, _NO_READING, Scope(places=limit), _placed(values)
                        )
                    elif axis == WEAPONS:
                        finding = _axis(WeaponRule.name, limit, values[0], "weapons")
                    else:
                        finding = _axis(TargetRule.name, limit, values[0], "targets")
                    enc.outcome[v, lid] = codes[finding.outcome]
                    enc.why[v][lid] = finding.why


_NO_READING = Reading(by="", start=None, end=None)
_NO_PLEDGE = Pledge(id="", title="", parties=(), status="agreed", readings=())  # type: ignore[arg-type]


def _placed(values: tuple[Any, ...]) -> Strike:
    """A stand-in strike carrying only places (the place rule reads nothing else)."""
    places = tuple(Place.model_construct(**p) for p in values[0])
    return Strike.model_construct(places=places, place_names=tuple(values[1]))


def _pairs(cols: _Columns, rds: _Readings, everything: bool) -> Iterable[tuple[I64, I64]]:
    """(reading, strike) index pairs in the judging order, in batches of about BATCH pairs."""
    n = len(cols.start)
    lo = np.zeros(len(rds.readings), dtype=np.int64)
    hi = np.full(len(rds.readings), n, dtype=np.int64)
    if not everything:
        undated = ~rds.has_ws & ~rds.has_we
        lo = np.where(
            rds.has_ws, np.searchsorted(cols.start, rds.ws - cols.longest, side="left"), 0
        )
        hi = np.where(rds.has_we, np.searchsorted(cols.start, rds.we, side="left"), n)
        hi = np.where(undated, lo, np.maximum(hi, lo))
    counts = hi - lo
    k = 0
    while k < len(counts):
        j, total = k, 0
        while j < len(counts) and (j == k or total + counts[j] <= BATCH):
            total += int(counts[j])
            j += 1
        ri = np.repeat(np.arange(k, j, dtype=np.int64), counts[k:j])
        offsets = np.repeat(lo[k:j] - np.cumsum(counts[k:j]) + counts[k:j], counts[k:j])
        si = np.arange(total, dtype=np.int64) + offsets
        if not everything:
            touching = ~rds.has_ws[ri] | (cols.end[si] > rds.ws[ri])
            ri, si = ri[touching], si[touching]
        yield ri, si
        k = j


class _Render:
    """The sentences of the returned rows, as polars string expressions."""

    def __init__(self, cols: _Columns, rds: _Readings, judge: ColumnarJudge) -> None:
        self.cols = cols
        self.rds = rds
        self.judge = judge

    def frame(self, picked: dict[str, Any], why: bool = True) -> pl.DataFrame:
        cols = self.cols
        si = picked["_si"]
        rows = pl.DataFrame(picked)
        strikes = cols.frame[si]
        per_reading = self._reading_frame(why)
        rows = pl.concat(
            [rows, strikes, per_reading[picked["_ri"]]],
            how="horizontal",
        )
        if not why:
            return self._select(rows, self._rule(), pl.lit(None, dtype=pl.String))
        rows = rows.with_columns(self._strike_texts(si))
        for axis in (WEAPONS, TARGETS, PLACES):
            enc = self.cols.axes[axis]
            flat = pl.Series([w for row in enc.why for w in row], dtype=pl.String)
            rows = rows.with_columns(flat.gather(rows[f"_c{axis}"]).alias(f"_w{axis}"))
        rule_why = [self._why(r) for r in range(len(RULES))]
        used = [pl.col(f"_o{r}") == IN for r in range(len(RULES))]
        whys = pl.concat_str(
            [pl.when(u).then(rule_why[r]) for r, u in enumerate(used)],
            separator="; ",
            ignore_nulls=True,
        )
        decided_why = pl.lit(None, dtype=pl.String)
        for r in reversed(range(len(RULES))):
            hit = pl.col("_decisive") == r
            decided_why = pl.when(hit).then(rule_why[r]).otherwise(decided_why)
        said = pl.when(pl.col("_kind") == 0).then(whys).otherwise(decided_why)
        rows = rows.with_columns(said.alias("_base"))
        rows = rows.with_columns(self._status_why(rows).alias("_status"))
        base = pl.when(pl.col("_demoted")).then(pl.col("_status")).otherwise(pl.col("_base"))
        base = (
            pl.when(pl.col("in_force"))
            .then(base)
            .otherwise(pl.concat_str(pl.col("_status"), pl.lit(": "), base))
        )
        return self._select(rows, self._rule(), pl.concat_str(base, pl.lit("; "), pl.col("_note")))

    @staticmethod
    def _rule() -> pl.Expr:
        """The rule column alone (as ``frame`` computes it, without the sentences)."""
        used = [pl.col(f"_o{r}") == IN for r in range(len(RULES))]
        rules = pl.concat_str(
            [pl.when(u).then(pl.lit(RULES[r])) for r, u in enumerate(used)],
            separator="+",
            ignore_nulls=True,
        )
        decided_rule = pl.lit(None, dtype=pl.String)
        for r in reversed(range(len(RULES))):
            hit = pl.col("_decisive") == r
            decided_rule = pl.when(hit).then(pl.lit(RULES[r])).otherwise(decided_rule)
        rule = pl.when(pl.col("_kind") == 0).then(rules).otherwise(decided_rule)
        return pl.when(pl.col("_demoted")).then(pl.lit(StatusRule.name)).otherwise(rule)

    @staticmethod
    def _select(rows: pl.DataFrame, final_rule: pl.Expr, why: pl.Expr) -> pl.DataFrame:
        kinds = pl.Series(["breach", "no_breach", "undetermined"])
        out: pl.DataFrame = rows.select(
            pl.col("_pledge_id").alias("pledge"),
            pl.col("_by").alias("reading"),
            pl.col("id").alias("strike"),
            pl.col("start").alias("strike_start"),
            pl.col("end").alias("strike_end"),
            "start_offset",
            "end_offset",
            "time_precision",
            "tz",
            pl.col("_kind").replace_strict([0, 1, 2], kinds.to_list()).alias("verdict"),
            final_rule.alias("rule"),
            why.alias("why"),
            "in_force",
            pl.when(pl.col("_kind") == 0)
            .then(pl.from_epoch(pl.col("_at"), time_unit="us").dt.replace_time_zone("UTC"))
            .otherwise(None)
            .cast(INSTANT)
            .alias("breach_at"),
            "credibility",
            "reports",
            "sources",
            "claimed_by",
            "_ri",
        )
        return out

    def _strike_texts(self, si: I64) -> list[pl.Series]:
        """``fmt_strike_time`` and the evidence note, written once per strike returned."""
        used = np.zeros(len(self.cols.start), dtype=np.bool_)
        used[si] = True
        which = np.flatnonzero(used)
        position = np.zeros(len(used), dtype=np.int64)
        position[which] = np.arange(len(which))
        sub = self.cols.frame[which]
        zones = sub["tz"].unique().sort().to_list()
        texts = sub.select(_when(zones).alias("_when"), _evidence_note().alias("_note"))
        at = pl.Series(position[si])
        return [texts["_when"].gather(at), texts["_note"].gather(at)]

    def _reading_frame(self, why: bool = True) -> pl.DataFrame:
        rds = self.rds
        if not why:  # the reading's names only
            return pl.DataFrame(
                {
                    "_pledge_id": [p.id for p in rds.pledges],
                    "_by": [rd.by for rd in rds.readings],
                },
                schema=dict.fromkeys(("_pledge_id", "_by"), pl.String()),
            )
        windows, nodates, bound, ann_out, ann_unknown, pids, bys = [], [], [], [], [], [], []
        undated: list[bool] = []
        for p, rd in zip(rds.pledges, rds.readings, strict=True):
            pids.append(p.id)
            bys.append(rd.by)
            windows.append(f"{fmt_time(rd.start, rd.tz)} to {fmt_time(rd.end, rd.tz)}")
            nodates.append(f"{rd.by} reading gives no dates")
            undated.append(rd.start is None and rd.end is None)
            bound.append(", ".join(p.parties))
            ann_out.append(f"strike ended before the pledge was announced ({p.announced})")
            ann_unknown.append(
                f"strike began on or before the day the pledge was announced ({p.announced})"
            )
        return pl.DataFrame(
            {
                "_pledge_id": pids,
                "_by": bys,
                "_window": windows,
                "_nodates": nodates,
                "_bound": bound,
                "_ann_out": ann_out,
                "_ann_unknown": ann_unknown,
                "_nodates_flag": undated,
            },
            schema={**dict.fromkeys(_READING_TEXTS, pl.String()), "_nodates_flag": pl.Boolean()},
        )

    def _why(self, r: int) -> pl.Expr:
        o = pl.col(f"_o{r}")
        if r == PARTY:
            return (
                pl.when(o == IN)
                .then(pl.format("attacker {} is bound", "attacker"))
                .when(o == OUT)
                .then(pl.format("attacker {} is not bound (binds {})", "attacker", "_bound"))
                .otherwise(pl.lit("the attacker is not known"))
            )
        if r == ANNOUNCED:
            return pl.when(o == OUT).then(pl.col("_ann_out")).otherwise(pl.col("_ann_unknown"))
        if r == EVIDENCE:
            return (
                pl.when(o == OUT)
                .then(pl.lit("the evidence for this strike is discounted"))
                .otherwise(pl.lit("the parties' accounts of this strike conflict"))
            )
        if r == TIME:
            dated = pl.col("_window")
            return (
                pl.when(pl.col("_nodates_flag"))
                .then(pl.col("_nodates"))
                .when(o == OUT)
                .then(pl.format("strike ({}) is outside the window {}", "_when", dated))
                .when(o == UNKNOWN)
                .then(pl.format("strike is {}, a span the window {} cuts", "_when", dated))
                .otherwise(pl.format("strike ({}) overlaps the window {}", "_when", dated))
            )
        return pl.col(f"_w{r}")

    def _status_why(self, rows: pl.DataFrame) -> pl.Series:
        """status.v1's reason where one is needed: not in force (one sentence per pledge and
        status change, gathered), or in force for part of the span (written per row: rare)."""
        rds = self.rds
        width = rds.hat.shape[1] + 1
        if rds.not_in_force is None:
            texts: list[str] = []
            for pledge, periods in zip(rds.pledges, rds.periods, strict=True):
                history = status_history(pledge)
                row = [not_in_force_text(pledge, periods, None)]
                row += [not_in_force_text(pledge, periods, change) for change in history]
                texts.extend(row + [""] * (width - len(row)))
            rds.not_in_force = pl.Series(texts, dtype=pl.String)
        index = rows["_ri"] * width + rows["_state"] + 1
        out = rds.not_in_force.gather(index)
        out = pl.select(pl.when(~rows["in_force"]).then(out).otherwise(None)).to_series()
        partial = rows.select(pl.arg_where(pl.col("_partial"))).to_series().to_list()
        if not partial:
            return out
        found = rows[partial].select("_ri", "_lo", "_hi")
        shown_rows: list[str] = []
        for ri, lo, hi in found.iter_rows():
            parts = in_force_parts(_from_us(lo), _from_us(hi), rds.periods[ri])
            shown_rows.append(partly_in_force_text(parts))
        return out.scatter(partial, shown_rows)


def _from_us(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=int(us))


def _local(column: str, zones: Sequence[str]) -> pl.Expr:
    """``fmt_time``: 'YYYY-MM-DD HH:MM ABBR' in each row's own zone."""
    expr = pl.lit(None, dtype=pl.String)
    for zone in zones:
        local = pl.col(column).dt.convert_time_zone(zone).dt.strftime("%Y-%m-%d %H:%M %Z")
        expr = pl.when(pl.col("tz") == zone).then(local).otherwise(expr)
    return expr


def _local_day(column: str, zones: Sequence[str]) -> pl.Expr:
    expr = pl.lit(None, dtype=pl.String)
    for zone in zones:
        local = pl.col(column).dt.convert_time_zone(zone).dt.strftime("%Y-%m-%d")
        expr = pl.when(pl.col("tz") == zone).then(local).otherwise(expr)
    return expr


def _night() -> pl.Expr:
    """``fmt_night(night_of(start))``: the night D to D+1 in Kyiv (noon to noon, wall clock)."""
    wall = pl.col("start").dt.convert_time_zone(KYIV).dt.replace_time_zone(None)
    evening = (wall - pl.duration(hours=12)).dt.date()
    after = evening.dt.offset_by("1d")
    last = pl.format("{} {} {}", after.dt.day(), after.dt.strftime("%B"), after.dt.year())
    month = evening.dt.strftime("%B")
    return (
        pl.when(after.dt.month() == evening.dt.month())
        .then(pl.format("{}-{}", evening.dt.day(), last))
        .when(after.dt.year() == evening.dt.year())
        .then(pl.format("{} {}-{}", evening.dt.day(), month, last))
        .otherwise(pl.format("{} {} {}-{}", evening.dt.day(), month, evening.dt.year(), last))
    )


def _when(zones: Sequence[str]) -> pl.Expr:
    """``fmt_strike_time``: the strike's time at its precision, in its own zone."""
    precision = pl.col("time_precision")
    fine = pl.format("{} to {}", _local("start", zones), _local("end", zones))
    return (
        pl.when(precision.is_in([TimePrecision.MINUTE.value, TimePrecision.HOUR.value]))
        .then(fine)
        .when(precision == TimePrecision.NIGHT.value)
        .then(pl.format("known only to the night of {}", _night()))
        .otherwise(pl.format("known only to the {} of {}", precision, _local_day("start", zones)))
    )


def _evidence_note() -> pl.Expr:
    """``engine.evidence_note``: 'evidence GRADE (N report[s][, X's account])'."""
    n = pl.col("reports").list.len()
    claim = (
        pl.when(pl.col("claimed_by").is_not_null() & (pl.col("claimed_by") != ""))
        .then(pl.format(", {}'s account", "claimed_by"))
        .otherwise(pl.lit(""))
    )
    plural = pl.when(n != 1).then(pl.lit("s")).otherwise(pl.lit(""))
    return pl.format("evidence {} ({} report{}{})", "credibility", n, plural, claim)


def verdicts_of(frame: pl.DataFrame) -> list[Verdict]:
    """Verdict objects for the rows of a verdict frame (the returned rows only)."""
    out: list[Verdict] = []
    zones: dict[int, timezone] = {}

    def shown(moment: datetime | None, offset: int) -> datetime | None:
        if moment is None:
            return None
        if offset not in zones:
            zones[offset] = UTC if offset == 0 else timezone(timedelta(seconds=offset))
        return moment.astimezone(zones[offset])

    for row in frame.iter_rows(named=True):
        grade = Credibility(row["credibility"])
        reports = tuple(row["reports"])
        out.append(
            Verdict.model_construct(
                pledge=row["pledge"],
                reading=row["reading"],
                strike=row["strike"],
                strike_start=shown(row["strike_start"], row["start_offset"]),
                strike_end=shown(row["strike_end"], row["end_offset"]),
                verdict=VerdictKind(row["verdict"]),
                rule=row["rule"],
                why=row["why"],
                credibility=grade,
                reports=reports,
                time_precision=TimePrecision(row["time_precision"]),
                tz=row["tz"],
                in_force=row["in_force"],
                breach_at=shown(row["breach_at"], row["start_offset"]),
                evidence=Evidence.model_construct(
                    grade=grade,
                    reports=len(reports),
                    sources=tuple(row["sources"]),
                    claimed_by=row["claimed_by"],
                ),
            )
        )
    return out


__all__ = ["VERDICT_SCHEMA", "ColumnarJudge", "Tally", "verdicts_of"]
