"""Pledge files: valid files load, every kind of mistake names file, line and field."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trucewatch.errors import InputError, PledgeError
from trucewatch.model import (
    KYIV,
    TARGET_CATEGORIES,
    WEAPON_CLASSES,
    Pledge,
    PledgeStatus,
    Reading,
    Scope,
)
from trucewatch.pledges import (
    dump_pledge,
    dump_pledges,
    load_pledge_files,
    load_pledges,
    parse_pledges,
)

GOOD = """\
id: kyiv26-cold-pause
title: One-week pause on strikes during the January 2026 cold spell
parties: [RU]
broker: US
announced: 2026-01-29
status: agreed
scope:
  targets: [energy]
  places: [Kyiv]
  weapons: [drones, missiles]
sources: [https://example.org/pledge]
readings:
  - by: UA
    start: 2026-01-30T00:00:00+02:00
    end: 2026-02-06T00:00:00+02:00
    scope: {targets: [energy]}
    sources: [https://example.org/ua]
    note: Kyiv counted a week from the night of 29-30 January
  - by: RU
    end: 2026-02-02 00:00 Europe/Moscow
    duration: P7D
  - by: US
    start: '2026-01-25 00:00 Europe/Kyiv'
    duration: PT30H
"""


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_valid_file_loads(tmp_path: Path) -> None:
    [p] = load_pledges(write(tmp_path, GOOD))
    assert p.id == "kyiv26-cold-pause"
    assert p.parties == ("RU",) and p.broker == "US" and p.status is PledgeStatus.AGREED
    assert p.announced == "2026-01-29"
    assert p.scope == Scope(targets=("energy",), places=("Kyiv",), weapons=("drones", "missiles"))
    ua, ru, us = p.readings
    assert ua.start == utc("2026-01-29T22:00") and ua.end == utc("2026-02-05T22:00")
    assert ua.tz == KYIV and ua.sources == ("https://example.org/ua",)
    assert ru.end == utc("2026-02-01T21:00") and ru.start == utc("2026-01-25T21:00")
    assert ru.tz == "Europe/Moscow"
    assert us.start == utc("2026-01-24T22:00") and us.end == utc("2026-01-26T04:00")


def test_reading_scope_replaces_only_given_keys(tmp_path: Path) -> None:
    [p] = load_pledges(write(tmp_path, GOOD))
    ua = p.reading("UA")
    assert p.effective_scope(ua).places == ("Kyiv",)
    assert p.effective_scope(ua).targets == ("energy",)
    assert p.effective_scope(p.reading("RU")) == p.scope


def test_undated_reading_and_explicit_tz(tmp_path: Path) -> None:
    text = GOOD + "  - by: GB\n    tz: Europe/London\n    note: no dates published\n"
    [p] = load_pledges(write(tmp_path, text))
    gb = p.reading("GB")
    assert gb.start is None and gb.end is None and gb.tz == "Europe/London"


def test_list_and_multi_document_files(tmp_path: Path) -> None:
    one = "id: {id}\ntitle: T\nparties: [RU]\nstatus: proposed\nreadings: [{{by: UA}}]\n"
    listed = "\n".join("- " + one.format(id=i).replace("\n", "\n  ").rstrip() for i in ("a", "b"))
    assert [p.id for p in load_pledges(write(tmp_path, listed, "l.yaml"))] == ["a", "b"]
    docs = one.format(id="c") + "---\n" + one.format(id="d")
    assert [p.id for p in load_pledges(write(tmp_path, docs, "d.yaml"))] == ["c", "d"]


def test_daylight_saving_days_follow_the_wall_clock(tmp_path: Path) -> None:
    text = """\
    id: dst
    title: T
    parties: [RU]
    status: agreed
    readings:
      - by: UA
        start: 2025-03-25 00:00 Europe/Kyiv
        duration: P30D
    """
    [p] = load_pledges(write(tmp_path, text))
    end = p.readings[0].end
    assert end is not None and end == utc("2025-04-23T21:00")  # midnight Kyiv, UTC+3 by then


def error_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(PledgeError) as info:
        load_pledges(path)
    assert isinstance(info.value, InputError)
    return info.value.message


HEAD = "id: x\ntitle: T\nparties: [RU]\nstatus: agreed\nreadings:\n  - by: UA\n"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        pytest.param(
            HEAD + "    start: 2026-01-30 00:00\n",
            "7: readings[0].start",
            ["'2026-01-30 00:00' has no UTC offset or zone", "2026-01-30T00:00:00+02:00"],
            id="naive-time",
        ),
        pytest.param(
            HEAD + "    colour: red\n",
            "7: readings[0].colour",
            ["unknown key 'colour'", "allowed keys: by, start, end, duration"],
            id="unknown-key",
        ),
        pytest.param(
            HEAD.replace("status", "scope:\n  targets: [energy, enrgy]\nstatus"),
            "5: scope.targets[1]",
            ["'enrgy' is not a target category", "did you mean 'energy'?"],
            id="bad-target",
        ),
        pytest.param(
            HEAD.replace("status", "scope:\n  weapons:\n    - drones\n    - glidebombs\nstatus"),
            "7: scope.weapons[1]",
            ["'glidebombs' is not a weapon class", "did you mean 'glide_bombs'?"],
            id="bad-weapon",
        ),
        pytest.param(
            HEAD + "    start: 2026-01-30T00:00:00+02:00\n    end: 2026-02-06T00:00:00+02:00\n"
            "    duration: P7D\n",
            "9: readings[0].duration",
            ["'P7D' given with both start and end"],
            id="duration-with-both-ends",
        ),
        pytest.param(
            HEAD + "    start: 2026-01-30T00:00:00+02:00\n    end: 2026-01-29T00:00:00+02:00\n",
            "8: readings[0].end",
            ["before or when it starts", "end is exclusive"],
            id="end-before-start",
        ),
        pytest.param(
            "id: x\ntitle: [unclosed\nparties: [RU]\n",
            "3: (yaml)",
            ["check indentation"],
            id="bad-yaml",
        ),
        pytest.param(
            "id: x\ntitle: T\nparties: [RU]\nstatus: agreed\n",
            "1: readings",
            ["required key 'readings' is missing", "add at least one reading"],
            id="missing-readings",
        ),
        pytest.param(
            "id: x\ntitle: T\nparties: [RU]\nstatus: agreed\nreadings: []\n",
            "5: readings",
            ["empty list", "add at least one reading"],
            id="empty-readings",
        ),
        pytest.param(
            HEAD.replace("id: x", "id: Kyiv_26"),
            "1: id",
            ["'Kyiv_26' is not a valid id", "'kyiv-26'"],
            id="bad-id",
        ),
        pytest.param(
            HEAD.replace("- by: UA", "- by: ua"),
            "6: readings[0].by",
            ["'ua' is not an upper-case 2-letter country code", "write 'UA'"],
            id="lower-case-party",
        ),
        pytest.param(
            HEAD.replace("status: agreed", "status: agred"),
            "4: status",
            ["did you mean 'agreed'?"],
            id="bad-status",
        ),
        pytest.param(
            HEAD + "    start: '2026-01-30 00:00 Europe/Kiyv'\n",
            "7: readings[0].start",
            ["not a known time zone", "Europe/Kyiv"],
            id="bad-zone",
        ),
        pytest.param(
            HEAD + "    start: 2026-01-30T00:00:00+02:00\n    duration: P1M\n",
            "8: readings[0].duration",
            ["not an ISO 8601 duration"],
            id="month-duration",
        ),
        pytest.param(
            HEAD + "  - by: UA\n",
            "7: readings[1].by",
            ["already has a reading"],
            id="duplicate-reading",
        ),
        pytest.param(
            "id: x\ntitle: T\nid: y\n",
            "3: (yaml)",
            ["key 'id' appears twice", "first on line 1"],
            id="duplicate-key",
        ),
        pytest.param("", "1: (file)", ["no pledge found"], id="empty-file"),
    ],
)
def test_errors_name_line_and_field(
    tmp_path: Path, text: str, where: str, words: list[str]
) -> None:
    message = error_for(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'p.yaml'}:{where}:"), message
    for word in words:
        assert word in message


def test_several_problems_are_reported_in_line_order(tmp_path: Path) -> None:
    text = HEAD.replace("- by: UA", "- by: ua") + "    start: 2026-01-30 00:00\n"
    lines = error_for(tmp_path, text).splitlines()
    assert [line.split(":")[1] for line in lines] == ["6", "7"]


def test_duplicate_ids_within_and_across_files(tmp_path: Path) -> None:
    one = "id: same\ntitle: T\nparties: [RU]\nstatus: agreed\nreadings: [{by: UA}]\n"
    message = error_for(tmp_path, one + "---\n" + one)
    assert ":7: id: 'same' is already used on line 1" in message
    a = write(tmp_path, one, "a.yaml")
    b = write(tmp_path, "# another file\n" + one, "b.yaml")
    with pytest.raises(PledgeError) as info:
        load_pledge_files([a, b])
    assert f"{b}:2: id: 'same' is already used in {a}:1" in info.value.message


def test_unreadable_file_is_a_pledge_error(tmp_path: Path) -> None:
    with pytest.raises(PledgeError, match="cannot read"):
        load_pledges(tmp_path / "missing.yaml")


def test_round_trip_of_a_file(tmp_path: Path) -> None:
    [p] = load_pledges(write(tmp_path, GOOD))
    assert parse_pledges(dump_pledge(p)) == [p]
    again = parse_pledges(dump_pledges([p, p.model_copy(update={"id": "other"})]))
    assert [q.id for q in again] == ["kyiv26-cold-pause", "other"]
    ua = again[0].reading("UA")
    assert ua.scope is not None and ua.scope.model_fields_set == {"targets"}


CODES = st.sampled_from(["UA", "RU", "US", "GB", "DE", "NO"])
OFFSETS = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1
).filter(lambda s: s.strip() != "")
URLS = st.from_regex(r"https://[a-z]{1,10}\.org/[a-z0-9/-]{0,20}", fullmatch=True)
WORDS = st.lists(st.sampled_from(TARGET_CATEGORIES), min_size=1, max_size=3, unique=True)


@st.composite
def scopes(draw: st.DrawFn, partial: bool) -> Scope:
    given: dict[str, object] = {}
    options = {
        "targets": WORDS,
        "places": st.lists(TEXT, min_size=1, max_size=2),
        "weapons": st.lists(st.sampled_from(WEAPON_CLASSES), min_size=1, max_size=2),
    }
    for key, values in options.items():
        if draw(st.booleans()):
            given[key] = tuple(draw(values))
        elif partial and draw(st.booleans()):
            given[key] = None
    return Scope(**given)  # type: ignore[arg-type]


@st.composite
def readings(draw: st.DrawFn, by: str) -> Reading:
    start = draw(
        st.none() | st.datetimes(datetime(2000, 1, 1), datetime(2090, 1, 1), timezones=OFFSETS)
    )
    end = None
    if draw(st.booleans()):
        base = start or datetime(2030, 1, 1, tzinfo=UTC)
        end = base + draw(st.timedeltas(timedelta(seconds=1), timedelta(days=400)))
    return Reading(
        by=by,
        start=start,
        end=end,
        tz=draw(st.sampled_from([KYIV, "Europe/Moscow", "America/New_York"])),
        scope=draw(st.none() | scopes(partial=True)),
        sources=tuple(draw(st.lists(URLS, max_size=2))),
        note=draw(st.none() | TEXT),
    )


@st.composite
def pledges(draw: st.DrawFn) -> Pledge:
    by = draw(st.lists(CODES, min_size=1, max_size=3, unique=True))
    return Pledge(
        id=draw(st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True)),
        title=draw(TEXT),
        parties=tuple(draw(st.lists(CODES, min_size=1, max_size=2))),
        broker=draw(st.none() | CODES),
        announced=draw(
            st.none() | st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(lambda d: d.isoformat())
        ),
        status=draw(st.sampled_from(PledgeStatus)),
        scope=draw(scopes(partial=False)),
        sources=tuple(draw(st.lists(URLS, max_size=2))),
        readings=tuple(draw(readings(b)) for b in by),
        draft=draw(st.booleans()),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pledges())
def test_dump_then_load_is_identity(p: Pledge) -> None:
    assert parse_pledges(dump_pledge(p)) == [p]


@settings(max_examples=300, deadline=None)
@given(st.text() | st.sampled_from([GOOD[:n] for n in range(0, len(GOOD), 7)]))
def test_any_text_gives_pledges_or_a_pledge_error(text: str) -> None:
    try:
        parse_pledges(text)
    except PledgeError as exc:
        assert exc.message.startswith("<text>:")


def test_control_character_points_at_its_line() -> None:
    with pytest.raises(PledgeError, match=r"^E111: <text>:3: \(yaml\)"):
        parse_pledges("id: x\ntitle: T\nparties: [\x1f]\n")
