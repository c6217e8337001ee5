"""Verdicts a newsroom can publish: in force or what-if, when the breach began, how it is known."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from factories import kyiv, pledge, strike
from trucewatch.api import Trucewatch
from trucewatch.errors import InputError, PledgeError
from trucewatch.judge.engine import CSV_COLUMNS, Judge, verdict_csv_row, verdict_json
from trucewatch.judge.rules import (
    fmt_night,
    fmt_strike_time,
    fmt_when,
    in_force_periods,
    night_of,
)
from trucewatch.model import (
    Credibility,
    PledgeStatus,
    Reading,
    SourceKind,
    StatusChange,
    TimePrecision,
    VerdictKind,
)
from trucewatch.pledges import dump_pledge, parse_pledges
from trucewatch.respond.engine import respond
from trucewatch.respond.policy import load_policy

JUDGE = Judge()
WINDOW = Reading(by="UA", start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 6))
AGREED_AT = kyiv(2026, 1, 31, 12)
REPUDIATED_AT = kyiv(2026, 2, 3, 12)


def repudiated_pledge():  # type: ignore[no-untyped-def]
    """Agreed at noon on 31 January, repudiated at noon on 3 February; window 30 Jan-6 Feb."""
    history = (
        StatusChange(status=PledgeStatus.PROPOSED, at=kyiv(2026, 1, 29)),
        StatusChange(status=PledgeStatus.AGREED, at=AGREED_AT),
        StatusChange(status=PledgeStatus.REPUDIATED, at=REPUDIATED_AT),
    )
    return pledge(readings=(WINDOW,), status=PledgeStatus.REPUDIATED).model_copy(
        update={"history": history}
    )


def judge(p, s):  # type: ignore[no-untyped-def]
    return JUDGE.verdict(p, p.readings[0], s)


# -- in force from the status history ---------------------------------------------------------


def test_a_pledge_agreed_then_repudiated_during_its_window() -> None:
    p = repudiated_pledge()
    assert in_force_periods(p) == [(AGREED_AT, REPUDIATED_AT)]
    before = judge(p, strike("a", kyiv(2026, 1, 30, 20), kyiv(2026, 1, 30, 23)))
    during = judge(p, strike("b", kyiv(2026, 2, 1, 20), kyiv(2026, 2, 1, 23)))
    after = judge(p, strike("c", kyiv(2026, 2, 4, 20), kyiv(2026, 2, 4, 23)))
    # All three are breaches of the terms; only the one while it was in force counts.
    assert [v.verdict for v in (before, during, after)] == [VerdictKind.BREACH] * 3
    assert [v.mode for v in (before, during, after)] == ["what_if", "in_force", "what_if"]
    assert [v.counts for v in (before, during, after)] == [False, True, False]
    assert before.why.startswith("pledge proposed from 2026-01-29 00:00 EET, not in force")
    assert after.why.startswith("pledge repudiated from 2026-02-03 12:00 EET, not in force")
    assert during.breach_at == kyiv(2026, 2, 1, 20)


def test_a_strike_under_way_when_the_pledge_came_into_force_breaches_from_then() -> None:
    p = repudiated_pledge()
    v = judge(p, strike("s", kyiv(2026, 1, 31, 10), kyiv(2026, 1, 31, 14)))
    assert v.verdict is VerdictKind.BREACH and v.in_force
    assert v.breach_at == AGREED_AT


def test_a_coarse_strike_cut_by_a_repudiation_is_undetermined() -> None:
    p = repudiated_pledge()
    night = strike("n", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9), precision=TimePrecision.NIGHT)
    assert judge(p, night).verdict is VerdictKind.BREACH  # wholly before noon on the 3rd
    day = strike("d", kyiv(2026, 2, 3), precision=TimePrecision.DAY)
    v = judge(p, day)
    assert v.verdict is VerdictKind.UNDETERMINED and v.rule == "status.v1" and v.in_force
    assert "in force for only part of the strike's span" in v.why
    minute = strike("m", kyiv(2026, 2, 3, 11), kyiv(2026, 2, 3, 13))
    assert judge(p, minute).counts  # under way at 11:00, while still in force


def test_without_a_history_the_status_stands_for_all_time() -> None:
    s = strike("s", kyiv(2026, 2, 2, 18))
    for status in (PledgeStatus.AGREED, PledgeStatus.EXPIRED, PledgeStatus.REPUDIATED):
        assert judge(pledge(status=status), s).counts, status
    for status in (PledgeStatus.PROPOSED, PledgeStatus.REJECTED):
        v = judge(pledge(status=status), s)
        assert v.verdict is VerdictKind.BREACH and v.mode == "what_if" and not v.counts
        assert v.why.startswith(f"pledge {status.value}, never in force")


def test_the_engine_leaves_what_ifs_out_when_asked() -> None:
    p = repudiated_pledge()
    strikes = [strike("a", kyiv(2026, 1, 30, 20)), strike("b", kyiv(2026, 2, 1, 20))]
    everything = JUDGE.judge([p], strikes)
    assert [v.mode for v in everything] == ["what_if", "in_force"]
    assert [v.strike for v in JUDGE.judge([p], strikes, what_if=False)] == ["b"]


# -- breach_at and the protocol -----------------------------------------------------------------


def test_breach_at_is_the_window_start_for_a_strike_begun_before_it() -> None:
    s = strike("s", kyiv(2026, 1, 29, 23), kyiv(2026, 1, 30, 3))
    v = judge(pledge(readings=(WINDOW,)), s)
    assert v.strike_start == kyiv(2026, 1, 29, 23)
    assert v.breach_at == kyiv(2026, 1, 30)
    assert verdict_json(v)["breach_at"] == "2026-01-30T00:00:00+02:00"
    assert judge(pledge(), strike("n", kyiv(2026, 2, 10, 18))).breach_at is None


def test_the_protocol_counts_from_breach_at_and_ignores_what_ifs() -> None:
    p = repudiated_pledge()
    policy = load_policy("coalition-three-stage")
    verdicts = [
        judge(p, strike("a", kyiv(2026, 1, 30, 20))),  # what-if: before it was agreed
        judge(p, strike("b", kyiv(2026, 1, 31, 10), kyiv(2026, 1, 31, 14))),
        judge(p, strike("c", kyiv(2026, 2, 4, 20))),  # what-if: after the repudiation
    ]
    resp = respond(policy, verdicts, window_start=WINDOW.start, as_of=kyiv(2026, 3, 1))
    assert len(resp.episodes) == 1
    assert resp.episodes[0].opened == AGREED_AT  # breach_at of b, not its start at 10:00
    assert "2026-01-31 12:00 EET" in resp.episodes[0].transitions[0].why
    never = [judge(pledge(status=PledgeStatus.REJECTED), strike("x", kyiv(2026, 2, 2, 18)))]
    assert respond(policy, never, window_start=None, as_of=kyiv(2026, 3, 1)).episodes == []


# -- evidence and the documented formats ----------------------------------------------------------


def test_evidence_is_structured_in_json_and_flat_in_csv() -> None:
    s = strike(
        "s",
        kyiv(2026, 2, 2, 18),
        credibility=Credibility.CONFIRMED,
        claimed_by="UA",
        reports=("r-1", "r-2"),
        sources=("ua-air-force/kpszsu", "Kyiv Independent"),
    )
    v = judge(pledge(), s)
    out = verdict_json(v)
    assert out["evidence"] == {
        "grade": "confirmed",
        "reports": 2,
        "sources": ["ua-air-force/kpszsu", "Kyiv Independent"],
        "claimed_by": "UA",
    }
    assert (out["mode"], out["in_force"], out["time_precision"]) == ("in_force", True, "minute")
    row = verdict_csv_row(v)
    assert list(row) == list(CSV_COLUMNS)
    assert row["evidence_grade"] == "confirmed" and row["evidence_reports"] == 2
    assert row["evidence_sources"] == "ua-air-force/kpszsu; Kyiv Independent"
    assert row["in_force"] == "true" and row["evidence_claimed_by"] == "UA"
    undetermined = verdict_csv_row(judge(pledge(), strike("u", kyiv(2026, 2, 2), attacker=None)))
    assert undetermined["breach_at"] == "" and undetermined["verdict"] == "undetermined"


def test_the_readme_documents_every_json_and_csv_field() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Verdict formats", 1)[1].split("\n## ", 1)[0]
    v = judge(pledge(), strike("s", kyiv(2026, 2, 2, 18)))
    fields = [*verdict_json(v), *(f"evidence.{k}" for k in verdict_json(v)["evidence"])]
    for name in [*fields, *CSV_COLUMNS]:
        assert f"`{name}`" in section, name


# -- night precision ------------------------------------------------------------------------------


def test_a_night_is_a_precision_of_its_own() -> None:
    s = strike("n", kyiv(2026, 1, 29, 18), kyiv(2026, 1, 30, 9), precision=TimePrecision.NIGHT)
    assert fmt_strike_time(s) == "known only to the night of 29-30 January 2026"
    assert fmt_when(s.start, s.time_precision) == "night 29-30 Jan 2026"
    assert night_of(kyiv(2026, 1, 30, 3)) == night_of(kyiv(2026, 1, 29, 20))
    assert fmt_night(night_of(kyiv(2026, 1, 31, 22))) == "31 January-1 February 2026"
    # The window opens at midnight inside the night: it cuts the span, so undetermined.
    v = judge(pledge(readings=(WINDOW,)), s)
    assert v.verdict is VerdictKind.UNDETERMINED and v.rule == "time.v1"
    assert "known only to the night of 29-30 January" in v.why
    inside = s.model_copy(update={"start": kyiv(2026, 1, 30, 18), "end": kyiv(2026, 1, 31, 9)})
    assert judge(pledge(readings=(WINDOW,)), inside).verdict is VerdictKind.BREACH


def test_the_demo_overnight_strikes_are_known_to_the_night() -> None:
    from trucewatch.demo import load_demo_strikes

    strikes = {s.id: s for _, s in load_demo_strikes()}
    nights = [s for s in strikes.values() if s.time_precision is TimePrecision.NIGHT]
    assert len(nights) >= 8
    for s in nights:
        assert night_of(s.start) == night_of(s.end - timedelta(minutes=1)), s.id


def test_the_extractor_dates_an_overnight_attack_to_the_night() -> None:
    from datetime import date

    from trucewatch.ingest.news import NewsItem, news_record

    text = (
        "Russia launched 120 drones at Ukraine overnight, the Ukrainian Air Force said. "
        "Air defences shot down 90 of them over Kharkiv."
    )
    item = NewsItem(text=text, published=date(2026, 2, 3), url=None, locator="t")
    record = news_record(item, source="t", kind=SourceKind.MEDIA, fmt="text")
    assert record.strikes, "nothing extracted"
    s = record.strikes[0]
    assert s.time_precision is TimePrecision.NIGHT
    assert fmt_strike_time(s) == "known only to the night of 2-3 February 2026"


def test_the_air_force_reader_knows_a_night_from_a_dateless_end(tmp_path: Path) -> None:
    from trucewatch.ingest.airforce import read_airforce

    header = "time_start,time_end,model,launch_place,target,target_main,launched,destroyed,source\n"
    rows = (
        "2024-07-07,2024-07-08 08:00,Shahed-136/131,,Ukraine,,20,18,kpszsu/posts/a\n"
        "2024-10-28 19:00,2024-10-29,Shahed-136/131,,Ukraine,,30,25,kpszsu/posts/b\n"
        "2024-11-02,2024-11-02,Shahed-136/131,,Ukraine,,10,9,kpszsu/posts/c\n"
        "2024-11-03 18:00,2024-11-04 08:00,Shahed-136/131,,Ukraine,,12,9,kpszsu/posts/d\n"
    )
    path = tmp_path / "missile_attacks_daily.csv"
    path.write_text(header + rows, encoding="utf-8")
    strikes = [s for item in read_airforce(path) for s in getattr(item, "strikes", ())]
    by_night = {fmt_when(s.start, s.time_precision): s for s in strikes}
    assert set(by_night) == {
        "night 7-8 Jul 2024",
        "night 28-29 Oct 2024",
        "2024-11-02",
        "2024-11-03 18:00",
    }
    first = by_night["night 7-8 Jul 2024"]
    assert (first.start, first.end) == (kyiv(2024, 7, 7, 18), kyiv(2024, 7, 8, 8))
    second = by_night["night 28-29 Oct 2024"]
    assert (second.start, second.end) == (kyiv(2024, 10, 28, 19), kyiv(2024, 10, 29, 9))
    assert by_night["2024-11-02"].time_precision is TimePrecision.DAY


# -- the pledge file and the ledger carry the history ----------------------------------------------

HISTORY_YAML = """\
id: p-hist
title: A pause agreed, then repudiated
parties: [RU]
status: repudiated
readings:
  - by: UA
    start: 2026-01-30T00:00:00+02:00
    end: 2026-02-06T00:00:00+02:00
history:
  - status: agreed
    at: "2026-01-31 12:00 Europe/Kyiv"
    sources: [https://example.org/agreed]
  - status: repudiated
    at: 2026-02-03T12:00:00+02:00
    note: the Kremlin said the pause was over
"""


def test_a_pledge_file_carries_a_dated_history() -> None:
    (p,) = parse_pledges(HISTORY_YAML, "hist.yaml")
    assert [c.status for c in p.history] == [PledgeStatus.AGREED, PledgeStatus.REPUDIATED]
    assert in_force_periods(p) == [(AGREED_AT, REPUDIATED_AT)]
    assert parse_pledges(dump_pledge(p)) == [p]
    # Files without a history load as before, and dump without one.
    (plain,) = parse_pledges(HISTORY_YAML.split("history:")[0].replace("repudiated", "agreed"))
    assert plain.history == () and "history" not in dump_pledge(plain)
    assert "history" not in plain.model_dump()


@pytest.mark.parametrize(
    ("change", "line", "code", "words"),
    [
        (("status: repudiated", "status: expired", 1), 13, "E182", "today's status"),
        (("2026-02-03T12:00:00+02:00", "2026-01-30T12:00:00+02:00", 1), 14, "E181", "oldest"),
        (("    at: 2026-02-03T12:00:00+02:00\n", "", 1), 13, "E180", "only the first"),
        (("    at: 2026-02-03T12:00:00+02:00", "    at: 2026-02-03 12:00", 1), 14, "E114", ""),
        (("status: agreed", "status: agred", 1), 10, "E113", "did you mean 'agreed'"),
    ],
)
def test_a_bad_history_names_the_line(
    change: tuple[str, str, int], line: int, code: str, words: str
) -> None:
    old, new, count = change
    text = HISTORY_YAML[::-1].replace(old[::-1], new[::-1], count)[::-1]
    with pytest.raises(PledgeError) as err:
        parse_pledges(text, "hist.yaml")
    assert err.value.code == code
    assert err.value.message.startswith(f"hist.yaml:{line}: history[")
    assert words in err.value.message


def test_the_ledger_records_a_status_change_and_judges_by_it(tmp_path: Path) -> None:
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.add_registry()
        tw.ledger.record([], [strike("s-1", kyiv(2026, 2, 4, 20), targets=("energy",))])
        assert [v.strike for v in tw.judge(pledge="kyiv26-cold-pause", reading="UA")] == ["s-1"]
        tw.set_pledge_status(
            "kyiv26-cold-pause",
            PledgeStatus.REPUDIATED,
            kyiv(2026, 2, 3, 12),
            sources=["https://example.org/over"],
            note="test",
        )
        stored = tw.pledge("kyiv26-cold-pause")
        assert stored.status is PledgeStatus.REPUDIATED
        assert [(c.status, c.at) for c in stored.history] == [
            (PledgeStatus.AGREED, None),
            (PledgeStatus.REPUDIATED, kyiv(2026, 2, 3, 12)),
        ]
        assert [e.kind for e in tw.history("kyiv26-cold-pause")][-1] == "pledge.amended"
        assert tw.judge(pledge="kyiv26-cold-pause", reading="UA") == []
        (v,) = tw.judge(pledge="kyiv26-cold-pause", reading="UA", what_if=True)
        assert v.mode == "what_if" and v.verdict is VerdictKind.BREACH
        assert tw.verify().ok and tw.rebuild() > 0
        assert tw.pledge("kyiv26-cold-pause") == stored
        with pytest.raises(InputError) as err:
            tw.set_pledge_status("kyiv26-cold-pause", PledgeStatus.AGREED, kyiv(2026, 2, 1))
        assert err.value.code == "E184"


# -- the brief and the alerts never count a what-if ---------------------------------------------


def test_the_brief_leaves_out_what_ifs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from trucewatch.report.brief import build_brief

    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ledger.add_pledge(repudiated_pledge())
        tw.ledger.add_pledge(pledge("p-never", readings=(WINDOW,), status=PledgeStatus.REJECTED))
        tw.ledger.record(
            [],
            [strike("s-in", kyiv(2026, 2, 2, 20), kyiv(2026, 2, 2, 23))],
        )
        before = build_brief(tw, date(2026, 2, 3))  # the night of 2-3 Feb: still in force
        tw.ledger.record([], [strike("s-after", kyiv(2026, 2, 4, 20), kyiv(2026, 2, 4, 23))])
        after = build_brief(tw, date(2026, 2, 5))  # repudiated at noon on the 3rd
    assert [b.pledge.id for b in before.in_force] == ["p-test"]
    (rd,) = before.in_force[0].readings
    assert rd.in_force and [v.verdict for v in rd.verdicts] == ["breach"]
    assert rd.stage == 1
    assert "p-never" not in {b.pledge.id for b in after.pledges}
    assert [b.pledge.id for b in after.ended] == ["p-test"]  # repudiated this week
    for block in after.pledges:
        for reading in block.readings:
            assert not reading.in_force
            assert all(v.strike != "s-after" for v in reading.verdicts)


def test_alerts_never_announce_a_what_if() -> None:
    from trucewatch.respond.alerts import diff_events

    p = repudiated_pledge()
    policy = load_policy("coalition-three-stage")
    verdicts = [
        judge(p, strike("b", kyiv(2026, 1, 31, 10), kyiv(2026, 1, 31, 14))),
        judge(p, strike("c", kyiv(2026, 2, 4, 20))),
    ]
    resp = respond(policy, verdicts, window_start=WINDOW.start, as_of=kyiv(2026, 3, 1))
    events = diff_events(None, resp, verdicts, window_start=WINDOW.start)
    breaches = [e for e in events if e.kind == "breach"]
    assert [(e.strike, e.at) for e in breaches] == [("b", AGREED_AT)]


def test_the_registry_dates_the_energy_moratorium_from_agreement_to_expiry() -> None:
    from zoneinfo import ZoneInfo

    from trucewatch.pledges import load_registry

    em25 = next(p for p in load_registry() if p.id == "em25-energy-moratorium")
    msk = ZoneInfo("Europe/Moscow")
    from datetime import datetime

    assert in_force_periods(em25) == [
        (datetime(2025, 3, 18, tzinfo=msk), datetime(2025, 4, 17, tzinfo=msk))
    ]
    # Kyiv's reading runs to about 24 April: a strike on 20 April is judged as a what-if.
    ua = em25.reading("UA")
    late = strike("late", kyiv(2025, 4, 20, 2), targets=("energy",))
    v = JUDGE.verdict(em25, ua, late)
    assert v.verdict is VerdictKind.BREACH and v.mode == "what_if"
    assert v.why.startswith("pledge expired from 2025-04-17 00:00 EEST")
    early = JUDGE.verdict(em25, ua, strike("early", kyiv(2025, 4, 10, 2), targets=("energy",)))
    assert early.counts
