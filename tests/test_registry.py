"""The curated registry of 2025-2026 pledges and the bundled demo strikes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from trucewatch.demo import load_demo_strikes, strike_id
from trucewatch.errors import InputError
from trucewatch.model import (
    TARGET_CATEGORIES,
    WEAPON_CLASSES,
    Credibility,
    Pledge,
    PledgeStatus,
    Report,
    SourceKind,
)
from trucewatch.pledges import dump_pledge, load_registry, parse_pledges, registry_paths

IDS = {
    "em25-energy-moratorium",
    "bs25-black-sea",
    "jed25-full-ceasefire",
    "eas25-easter-truce",
    "vd25-victory-day-truce",
    "kyiv26-cold-pause",
    "ad26-energy-pause",
    "xmas25-christmas-truce",
    "eas26-easter-truce",
}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture(scope="module")
def registry() -> dict[str, Pledge]:
    return {p.id: p for p in load_registry()}


def test_registry_has_exactly_the_nine_pledges(registry: dict[str, Pledge]) -> None:
    assert set(registry) == IDS
    assert len(load_registry()) == 9
    assert {p.stem for p in registry_paths()} == IDS  # one file per pledge, named by id


def test_every_reading_cites_https_sources(registry: dict[str, Pledge]) -> None:
    for pledge in registry.values():
        assert pledge.sources, pledge.id
        assert pledge.readings, pledge.id
        for reading in pledge.readings:
            assert reading.by in {"US", "RU", "UA"}, (pledge.id, reading.by)
            assert reading.sources, (pledge.id, reading.by)
            assert all(u.startswith("https://") for u in reading.sources)
            assert reading.note, (pledge.id, reading.by)


def test_registry_round_trips(registry: dict[str, Pledge]) -> None:
    for pledge in registry.values():
        assert parse_pledges(dump_pledge(pledge)) == [pledge]


def test_kyiv26_has_three_readings_with_their_windows(registry: dict[str, Pledge]) -> None:
    p = registry["kyiv26-cold-pause"]
    assert p.parties == ("RU",) and p.broker == "US" and p.status is PledgeStatus.AGREED
    us, ru, ua = p.reading("US"), p.reading("RU"), p.reading("UA")
    assert (us.start, us.end) == (utc("2026-01-24T22:00"), utc("2026-02-01T22:00"))
    assert p.effective_scope(us).targets is None and p.effective_scope(us).places is None
    assert ru.end == utc("2026-02-01T21:00")  # midnight Moscow after 1 February
    assert ru.tz == "Europe/Moscow"
    assert p.effective_scope(ru).places == ("Kyiv",)
    assert (ua.start, ua.end) == (utc("2026-01-29T22:00"), utc("2026-02-05T22:00"))
    assert p.effective_scope(ua).targets == ("energy",)
    assert p.effective_scope(ua).places is None


def test_easter_2025_window(registry: dict[str, Pledge]) -> None:
    ru = registry["eas25-easter-truce"].reading("RU")
    assert (ru.start, ru.end) == (utc("2025-04-19T15:00"), utc("2025-04-20T21:00"))


@pytest.mark.parametrize(
    ("pledge", "by", "start", "end"),
    [
        ("vd25-victory-day-truce", "RU", "2025-05-07T21:00", "2025-05-10T21:00"),
        ("em25-energy-moratorium", "RU", "2025-03-17T21:00", "2025-04-16T21:00"),
        ("em25-energy-moratorium", "UA", "2025-03-24T22:00", "2025-04-23T21:00"),
        ("jed25-full-ceasefire", "UA", "2025-05-11T21:00", "2025-06-10T21:00"),
        ("eas26-easter-truce", "RU", "2026-04-11T13:00", "2026-04-12T21:00"),
    ],
)
def test_other_windows(
    registry: dict[str, Pledge], pledge: str, by: str, start: str, end: str
) -> None:
    reading = registry[pledge].reading(by)
    assert (reading.start, reading.end) == (utc(start), utc(end))


def test_undated_readings_where_no_dates_were_given(registry: dict[str, Pledge]) -> None:
    us = registry["em25-energy-moratorium"].reading("US")
    assert us.start is None and us.end is None
    for pid in ("ad26-energy-pause", "xmas25-christmas-truce"):
        assert all(r.start is None and r.end is None for r in registry[pid].readings)


def test_demo_strikes_load_and_cite_sources() -> None:
    pairs = load_demo_strikes()
    assert 15 <= len(pairs) <= 30
    for report, strike in pairs:
        assert strike.reports == (report.id,)
        assert report.url is not None and report.url.startswith("https://")
        assert report.format == "curated"
        assert report.content_hash == Report.hash_content(report.content)
        assert report.id == "r-" + report.content_hash[:16]
        assert report.key is not None and strike.id == strike_id(report.key)
        assert strike.start <= strike.end
        assert strike.start.utcoffset() is not None
        assert set(strike.targets) <= set(TARGET_CATEGORIES)
        assert set(strike.weapons) <= set(WEAPON_CLASSES)
        assert strike.notes, strike.id  # the summary
    assert len({s.id for _, s in pairs}) == len(pairs)


def test_demo_strikes_key_cases() -> None:
    by_key = {r.key: (r, s) for r, s in load_demo_strikes()}
    _, night = by_key["demo-2026-02-02-night"]
    assert night.missiles is not None and night.missiles.min == 71
    assert night.drones is not None and night.drones.min == 450
    assert night.targets == ("energy",) and night.killed == 1 and night.injured == 9
    assert "Kharkiv" in night.place_names
    _, claim = by_key["demo-2025-03-19-kavkazskaya"]
    assert claim.attacker == "UA" and claim.claimed_by == "RU"
    assert claim.credibility is Credibility.WEAK
    tass, _ = by_key["demo-2026-02-02-stary-oskol-claim"]
    assert tass.source == "tass.com" and tass.source_kind is SourceKind.OFFICIAL_RU
    _, bus = by_key["demo-2026-02-01-ternivka-bus"]
    assert (bus.killed, bus.injured) == (12, 16)
    assert bus.start >= utc("2026-02-01T10:00")
    _, shaheds = by_key["demo-2025-04-19-shaheds"]
    assert shaheds.start == utc("2025-04-19T14:15")  # before the truce began at 15:00 UTC


def test_bad_demo_file_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(
        "- id: a\n  attacker: RU\n  start: 2026-02-02T18:00:00+02:00\n"
        "  end: 2026-02-03T09:00:00+02:00\n  time_precision: day\n"
        "  targets: [enrgy]\n  sources: [https://example.org/a]\n  summary: S\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"demo.yaml:6: targets\[0\]: 'enrgy' .*'energy'"):
        load_demo_strikes(path)
