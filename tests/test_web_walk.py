"""The service's paged reads and its counts and stages, against recomputing from scratch.

The merged strike list is paged in SQL and must list exactly the merged strikes the library
reads (each once, oldest first) for any window. The desk's counts, stages and timelines are the
stored state, read and never judged: after new strikes that merge with old ones, strikes
outside every window and a retraction they must equal the library's own verdicts and the
policy run over them; stored verdict pages must add up to the stored list in order.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

import trucewatch
from factories import kyiv, news_report, strike
from trucewatch.model import VerdictKind
from trucewatch.web.desk import Desk
from trucewatch.web.walk import EVERYTHING, clip, windows_of
from webserver import demo_ledger


def _ids(pages: list[tuple[tuple[str, str], trucewatch.model.Strike]]) -> list[str]:
    return [s.id for _, s in pages]


@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_merged_pages_list_each_merged_strike_once_in_order(db: str, limit: int) -> None:
    demo_ledger(db)
    with trucewatch.open(db) as tw:
        # a second source describing a demo strike, so at least one cluster has two members
        first = tw.strike_records()[0]
        echo = news_report("echo of the first strike", source="echo")
        copy = first.model_copy(update={"id": "s-echo0000000001", "reports": (echo.id,)})
        tw.ledger.record([echo], [copy])
        lookback = tw.longest_strike()
        assert lookback > timedelta(0)
        for lo, hi in [
            (None, None),
            (kyiv(2026, 1, 25), kyiv(2026, 2, 6)),
            (kyiv(2025, 5, 8), None),
        ]:
            expected = [s.id for s in tw.strike_records(start=lo, end=hi)]
            got: list[str] = []
            after = None
            while True:
                page = tw.merged_page(after, limit, start=lo, end=hi, lookback=lookback)
                got += _ids(page)
                if len(page) < limit:
                    break
                after = page[-1][0]
            assert got == expected or sorted(got) == sorted(expected), (lo, hi)
            assert len(got) == len(set(got))
        merged = [s for s in tw.strike_records() if len(s.reports) > 1]
        assert merged, "the echo should have merged with the first strike"
        listed = {s.id: s for _, s in tw.merged_page(None, 1000, lookback=lookback)}
        assert listed[merged[0].id].reports == merged[0].reports


def _library_counts(tw: trucewatch.Trucewatch) -> dict[tuple[str, str], Counter[str]]:
    """In-force verdict counts of the dated readings, as ``judge`` gives them pledge by pledge."""
    out: dict[tuple[str, str], Counter[str]] = {}
    for p in tw.pledges(include_drafts=False):
        for v in tw.judge(pledge=p.id):
            rd = p.reading(v.reading)
            if rd.start or rd.end:
                out.setdefault((v.pledge, v.reading), Counter())[v.verdict.value] += 1
    return out


def _dated(desk: Desk, tw: trucewatch.Trucewatch) -> dict[tuple[str, str], Counter[str]]:
    dated = {
        (p.id, rd.by)
        for p in tw.pledges(include_drafts=False)
        for rd in p.readings
        if rd.start or rd.end
    }
    return {
        pair: Counter({k: n for k, n in row.items() if n})
        for pair, row in desk.counts().items()
        if pair in dated and any(row.values())
    }


def test_counts_and_stages_are_the_stored_state_and_follow_new_entries(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_ledger(db)
    with trucewatch.open(db) as tw:
        desk = Desk(tw)
        assert _dated(desk, tw) == _library_counts(tw)
        # new strikes in the cold pause's window (one merging with a demo strike from another
        # source), one far outside every window, then a retraction
        inside = [
            strike(
                f"s-new{i:013d}",
                kyiv(2026, 1, 31, 2 + i),
                places=("Kyiv",),
                targets=("energy",),
                reports=(f"r-new{i}",),
            )
            for i in range(3)
        ]
        reps = [news_report(f"new strike {i}", source=f"wire{i}") for i in range(3)]
        inside = [
            s.model_copy(update={"reports": (r.id,)}) for s, r in zip(inside, reps, strict=True)
        ]
        demo = tw.strike_records(start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 6))[0]
        echo = news_report("another outlet on the same night", source="echo")
        twin = demo.model_copy(update={"id": "s-twin000000000001", "reports": (echo.id,)})
        far = strike("s-far0000000000001", kyiv(2019, 3, 1), reports=(reps[0].id,))
        seq = tw.head().seq  # type: ignore[union-attr]
        assert desk.changed_since(seq) == []
        tw.ledger.record([*reps, echo], [*inside, twin, far])
        changed = desk.changed_since(seq)
        assert changed and changed[0][0] is not None and changed[0][0] <= kyiv(2019, 3, 1)
        assert _dated(desk, tw) == _library_counts(tw)
        tw.retract_strike(inside[0].id, "test: a correction")
        want = _library_counts(tw)
        assert want[("kyiv26-cold-pause", "US")]["breach"] > 0
        # the desk reads what the writes stored: counts, stages and timelines judge nothing
        real = tw.judge_engine.judge

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("judged again")

        monkeypatch.setattr(tw.judge_engine, "judge", refuse)
        assert _dated(desk, tw) == want
        desk.stages()
        for p in tw.pledges(include_drafts=False):
            for rd in p.readings:
                got = desk.response(p, rd.by)
                found = tw.stored_verdicts(pledge=p.id, reading=rd.by)
                mine = tw.respond_to(p, rd.by, found, as_of=got.as_of)
                assert got.to_json() == mine.to_json(), (p.id, rd.by)
        monkeypatch.setattr(tw.judge_engine, "judge", real)
        # a pledge amended: the counts follow, and every span is changed
        seq = tw.head().seq  # type: ignore[union-attr]
        p = tw.pledge("kyiv26-cold-pause")
        tw.add_pledge(p.model_copy(update={"title": p.title + " (amended)"}))
        assert desk.changed_since(seq) is None
        assert _dated(desk, tw) == _library_counts(tw)


def test_stored_verdict_pages_add_up_to_the_stored_list(db: str) -> None:
    demo_ledger(db)
    with trucewatch.open(db) as tw:
        whole = tw.stored_verdicts(what_if=True)
        assert whole
        for pledge, limit in [(None, 1), (None, 7), ("kyiv26-cold-pause", 2)]:
            paged = []
            after = None
            while True:
                page, after = tw.verdict_page(pledge=pledge, after=after, limit=limit)
                assert len(page) <= limit
                paged += page
                if after is None:
                    break
            expected = sorted(
                (v for v in whole if pledge is None or v.pledge == pledge),
                key=lambda v: (v.strike_start, v.strike, v.pledge, v.reading),
            )
            assert [v.model_dump(mode="json") for v in paged] == [
                v.model_dump(mode="json") for v in expected
            ]
        # a time filter keeps the strikes overlapping it, with or without a lookback
        lo, hi = kyiv(2026, 1, 28), kyiv(2026, 2, 1)
        inside = [v for v in whole if v.strike_end > lo and v.strike_start < hi]
        for lookback in (None, tw.longest_strike()):
            page, _ = tw.verdict_page(start=lo, end=hi, lookback=lookback, limit=10_000)
            assert {(v.pledge, v.reading, v.strike) for v in page} == {
                (v.pledge, v.reading, v.strike) for v in inside
            }
        what_ifs, _ = tw.verdict_page(in_force=False, limit=10_000)
        assert all(not v.in_force for v in what_ifs)
        assert len(what_ifs) == sum(1 for v in whole if not v.in_force)


def test_verdict_walk_pages_equal_the_whole_list(db: str) -> None:
    demo_ledger(db)
    with trucewatch.open(db) as tw:
        desk = Desk(tw)
        pledges = tw.pledges(include_drafts=False)
        for no_breach, windows in [(False, windows_of(pledges)), (True, EVERYTHING)]:
            whole, end = desk.walker.verdict_page(
                tw.judge_engine,
                pledges,
                windows,
                None,
                10_000,
                lambda v: True,
                include_no_breach=no_breach,
            )
            assert end is None
            paged = []
            after = None
            while True:
                page, after = desk.walker.verdict_page(
                    tw.judge_engine,
                    pledges,
                    windows,
                    after,
                    3,
                    lambda v: True,
                    include_no_breach=no_breach,
                )
                paged += page
                if after is None:
                    break
            assert [(v.pledge, v.reading, v.strike) for v in paged] == [
                (v.pledge, v.reading, v.strike) for v in whole
            ]
            expected = tw.judge(include_no_breach=no_breach, what_if=True)
            if no_breach:
                assert {(v.pledge, v.reading, v.strike) for v in whole} == {
                    (v.pledge, v.reading, v.strike) for v in expected
                }
            else:
                assert {(v.pledge, v.reading, v.strike, v.verdict) for v in whole} == {
                    (v.pledge, v.reading, v.strike, v.verdict) for v in expected
                }
        # a scan budget gives a short page and a cursor, never the whole ledger at once
        page, after = desk.walker.verdict_page(
            tw.judge_engine,
            pledges,
            EVERYTHING,
            None,
            1000,
            lambda v: v.verdict is VerdictKind.NO_BREACH,
            include_no_breach=True,
            budget=2,
        )
        assert after is not None and len({v.strike for v in page}) <= 2
        assert clip(EVERYTHING, kyiv(2026, 1, 1), None) == [(kyiv(2026, 1, 1), None)]
