"""The service's paged reads and its running verdict tally, against recomputing from scratch.

The merged strike list is paged in SQL and must list exactly the merged strikes the library
reads (each once, oldest first) for any window; the tally updated entry by entry must equal one
built afresh, and the library's own verdicts, after new strikes that merge with old ones,
strikes outside every window and a retraction.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

import trucewatch
from factories import kyiv, news_report, strike
from trucewatch.model import VerdictKind
from trucewatch.web.desk import Desk
from trucewatch.web.index import VerdictIndex
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


def test_the_tally_follows_new_entries_without_a_rebuild(db: str) -> None:
    demo_ledger(db)
    with trucewatch.open(db) as tw:
        desk = Desk(tw)
        assert _dated(desk, tw) == _library_counts(tw)
        index = desk.index
        assert index.rebuilds == 1
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
        tw.ledger.record([*reps, echo], [*inside, twin, far])
        assert _dated(desk, tw) == _library_counts(tw)
        assert index.rebuilds == 1 and index.steps == 1
        tw.retract_strike(inside[0].id, "test: a correction")
        assert _dated(desk, tw) == _library_counts(tw)
        assert index.rebuilds == 1 and index.steps == 2
        # the tally kept step by step equals one built afresh
        fresh = VerdictIndex(tw, desk.walker)
        fresh.refresh(tw.head().seq)  # type: ignore[union-attr]
        assert fresh.count_table() == index.count_table()
        cold = Counter(v.verdict.value for v in index.verdicts_of("kyiv26-cold-pause", "US"))
        assert cold["breach"] == index.count_table()[("kyiv26-cold-pause", "US")]["breach"] > 0
        # a new pledge rebuilds it
        p = tw.pledge("kyiv26-cold-pause")
        tw.add_pledge(p.model_copy(update={"title": p.title + " (amended)"}))
        desk.counts()
        assert index.rebuilds == 2


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
