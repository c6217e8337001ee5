"""merge.v1 and grade.v1 on hand-built strikes and reports."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import KYIV, kyiv, strike
from trucewatch.merge import merge_strikes
from trucewatch.model import Credibility, Quantity, Report, SourceKind, Strike, TimePrecision


def rep(rid: str, source: str, kind: SourceKind, fmt: str = "text") -> Report:
    return Report.model_construct(
        id=rid, source=source, source_kind=kind, format=fmt, content="", content_hash=rid
    )


REPORTS = {
    r.id: r
    for r in (
        rep("r-af", "ua-air-force/kpszsu", SourceKind.OFFICIAL_UA, "airforce"),
        rep("r-wire", "example-wire", SourceKind.WIRE),
        rep("r-paper", "example-paper", SourceKind.MEDIA),
        rep("r-mod", "ru-mod", SourceKind.OFFICIAL_RU),
        rep("r-acled1", "acled", SourceKind.DATASET, "acled"),
        rep("r-acled2", "acled", SourceKind.DATASET, "acled"),
    )
}


def official() -> Strike:
    return strike(
        "s-af",
        kyiv(2026, 2, 2, 18),
        kyiv(2026, 2, 3, 9, 30),
        drones=450,
        places=("Kyiv Oblast",),
        reports=("r-af",),
        claimed_by="UA",
    ).model_copy(update={"missiles": Quantity.exact(71)})


def news(
    sid: str = "s-news",
    report: str = "r-wire",
    drones: int | None = 450,
    places: tuple[str, ...] = ("Kyiv", "Kharkiv"),
    **kw: object,
) -> Strike:
    base = strike(
        sid,
        kyiv(2026, 2, 2, 18),
        kyiv(2026, 2, 3, 9),
        precision=TimePrecision.DAY,
        drones=drones,
        places=places,
        targets=("energy",),
        reports=(report,),
        killed=1,
    )
    return base.model_copy(update=kw)


def test_official_record_and_news_merge_and_are_confirmed() -> None:
    (merged,) = merge_strikes([news(), official()], REPORTS)
    assert merged.id == "s-af"  # the official record anchors the merge
    assert set(merged.reports) == {"r-af", "r-wire"}
    assert merged.targets == ("energy",) and merged.killed == 1
    assert merged.drones == Quantity.exact(450) and merged.missiles == Quantity.exact(71)
    assert merged.credibility is Credibility.CONFIRMED
    assert merged.time_precision is TimePrecision.MINUTE
    assert {p.name for p in merged.places} >= {"Kyiv Oblast", "Kharkiv"}
    assert merged.claimed_by is None
    assert any(n.startswith("merge.v1: merged with s-news") for n in merged.notes)


def test_counts_far_apart_do_not_merge() -> None:
    assert len(merge_strikes([news(drones=45), official()], REPORTS)) == 2


def test_close_counts_merge_and_the_official_figure_is_kept() -> None:
    (merged,) = merge_strikes([news(drones=430), official()], REPORTS)
    assert merged.drones == Quantity.exact(450)
    assert any("drones: reports differ" in n for n in merged.notes)


def test_other_attacker_other_time_or_same_source_do_not_merge() -> None:
    assert len(merge_strikes([news(attacker="UA"), official()], REPORTS)) == 2
    later = news(start=kyiv(2026, 2, 4, 18), end=kyiv(2026, 2, 5, 9))
    assert len(merge_strikes([later, official()], REPORTS)) == 2
    twin = news("s-twin", "r-af")
    assert len(merge_strikes([twin, official()], REPORTS)) == 2


def test_a_day_that_only_touches_a_night_wave_is_another_attack() -> None:
    daytime = news(
        "s-day",
        "r-paper",
        drones=None,
        start=kyiv(2026, 2, 2),
        end=kyiv(2026, 2, 3),
        places=("Kharkiv Oblast",),
    )
    wave = official().model_copy(update={"places": news().places})
    assert len(merge_strikes([daytime, wave], REPORTS)) == 2
    # The same day against a wave that ran through it is the same attack.
    through = wave.model_copy(update={"start": kyiv(2026, 2, 1, 22), "end": kyiv(2026, 2, 2, 16)})
    assert len(merge_strikes([daytime, through], REPORTS)) == 1


def test_rows_of_one_dataset_are_never_merged() -> None:
    a = news("s-a", "r-acled1")
    b = news("s-b", "r-acled2")
    assert len(merge_strikes([a, b], REPORTS)) == 2


def test_without_a_count_a_shared_place_is_needed() -> None:
    no_count = news("s-paper", "r-paper", drones=None, places=())
    assert len(merge_strikes([no_count, news()], REPORTS)) == 2
    same_place = news("s-paper", "r-paper", drones=None)
    (merged,) = merge_strikes([same_place, news()], REPORTS)
    assert merged.credibility is Credibility.FAIR  # two independent outlets


def test_casualties_keep_the_largest_and_note_it() -> None:
    (merged,) = merge_strikes([news(killed=3), news("s-paper", "r-paper", killed=5)], REPORTS)
    assert merged.killed == 5 and any("killed: reports differ" in n for n in merged.notes)


def test_attackers_own_ministry_confirms_and_conflict_contests() -> None:
    mod = news("s-mod", "r-mod")
    (merged,) = merge_strikes([mod, news()], REPORTS)
    assert merged.credibility is Credibility.CONFIRMED
    contested = news("s-paper", "r-paper", credibility=Credibility.CONTESTED)
    (merged,) = merge_strikes([contested, news()], REPORTS)
    assert merged.credibility is Credibility.CONTESTED


_hours = st.integers(min_value=0, max_value=24 * 10)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            _hours,
            st.sampled_from(["r-af", "r-wire", "r-paper"]),
            st.sampled_from([None, 100, 110, 400]),
        ),
        max_size=10,
    )
)
def test_every_report_is_cited_once(items: list[tuple[int, str, int | None]]) -> None:
    from datetime import timedelta

    base = datetime(2026, 2, 1, tzinfo=KYIV)
    strikes = [
        strike(f"s{i}", base + timedelta(hours=h), drones=d, places=("Kyiv",), reports=(r,))
        for i, (h, r, d) in enumerate(items)
    ]
    merged = merge_strikes(strikes, REPORTS)
    assert len(merged) <= len(strikes)
    # Every input strike is represented once: its report appears in exactly one output.
    assert sorted(r for m in merged for r in m.reports) == sorted(
        r for s in strikes for r in s.reports
    )
    assert {m.id for m in merged} <= {s.id for s in strikes}


CHANNELS = {
    r.id: r
    for r in (
        rep("r-af", "ua-air-force/kpszsu", SourceKind.OFFICIAL_UA, "airforce"),
        rep("r-tg1", "t.me/channel_one", SourceKind.MEDIA, "telegram"),
        rep("r-tg2", "t.me/channel_two", SourceKind.MEDIA, "telegram"),
        rep("r-kpszsu", "t.me/kpszsu", SourceKind.MEDIA, "telegram"),
        rep("r-aftext", "Air Force of Ukraine", SourceKind.OFFICIAL_UA, "text"),
    )
}


def test_posts_of_two_telegram_channels_merge_as_two_outlets() -> None:
    (merged,) = merge_strikes([news("s-1", "r-tg1"), news("s-2", "r-tg2")], CHANNELS)
    assert merged.credibility is Credibility.FAIR
    assert any("2 independent sources" in n for n in merged.notes)


@pytest.mark.parametrize("report", ["r-aftext", "r-kpszsu"])
def test_the_air_force_and_its_own_dataset_are_one_source(report: str) -> None:
    """An official_ua text from the Air Force, or the channel its dataset rows are taken from,
    tells nothing the air-force row does not: not two independent sources."""
    (merged,) = merge_strikes([news("s-text", report), official()], CHANNELS)
    assert merged.credibility is Credibility.WEAK, merged.notes
