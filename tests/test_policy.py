"""Policy files: bundled policies load; bad files fail naming file, line and field."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from trucewatch.errors import PolicyError, PolicyFileError
from trucewatch.model import Quantity, Strike, TimePrecision
from trucewatch.respond.policy import (
    DEFAULT_POLICY_ID,
    Policy,
    Stage,
    Threshold,
    bundled_policies,
    format_duration,
    load_policy,
    parse_policy,
)
from trucewatch.times import parse_duration

GOOD = """\
id: test-policy
version: 2
title: Test
stages:
  - stage: 1
    name: One
    responders: [A]
    begins_after: PT0H
  - stage: 2
    name: Two
    responders: [B]
    begins_after: PT24H
    requires: continued
resets_after: PT72H
"""


def _error(text: str) -> PolicyFileError:
    with pytest.raises(PolicyFileError) as info:
        parse_policy(text, "p.yaml")
    return info.value


def test_default_policy_is_bundled_three_stage() -> None:
    policy = load_policy(DEFAULT_POLICY_ID)
    assert policy.name == "coalition-three-stage.v1"
    assert [s.stage for s in policy.stages] == [1, 2, 3]
    assert [s.begins_after for s in policy.stages] == [
        timedelta(0),
        timedelta(hours=24),
        timedelta(hours=72),
    ]
    assert [s.requires for s in policy.stages] == [None, "continued", "continued"]
    assert policy.resets_after == timedelta(hours=72)
    assert policy.counts_as_breach.is_empty()


def test_bundled_policies_include_article5_example() -> None:
    policies = {p.id: p for p in bundled_policies()}
    assert set(policies) >= {"coalition-three-stage", "article5-like"}
    art5 = policies["article5-like"]
    assert len(art5.stages) == 1
    assert art5.counts_as_breach.as_dict() == {"min_missiles": 1, "min_killed": 1}


def test_load_by_path_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    policy = load_policy(path)
    assert policy.version == 2 and policy.source == str(path)
    assert load_policy(str(path)) == policy
    data = policy.to_dict()
    assert data["stages"][1] == {
        "stage": 2,
        "name": "Two",
        "responders": ["B"],
        "begins_after": "PT24H",
        "requires": "continued",
    }


def test_unknown_id_lists_known_policies() -> None:
    with pytest.raises(PolicyError, match="coalition-three-stage") as info:
        load_policy("no-such-policy")
    assert info.value.code == "E124"


def test_missing_file() -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(Path("/nonexistent/p.yaml"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT0H", timedelta(0)),
        ("PT24H", timedelta(hours=24)),
        ("PT1H30M", timedelta(hours=1, minutes=30)),
        ("P3D", timedelta(days=3)),
        ("P1DT12H", timedelta(hours=36)),
        ("P1W", timedelta(weeks=1)),
        ("PT45S", timedelta(seconds=45)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "P", "PT", "24h", "PT24", "P1Y", "P1M", "PT-1H", "P1DT"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_format_duration() -> None:
    assert format_duration(timedelta(0)) == "PT0H"
    assert format_duration(timedelta(hours=72)) == "PT72H"
    assert format_duration(timedelta(hours=1, minutes=5, seconds=3)) == "PT1H5M3S"


def test_bad_duration_names_line_and_field() -> None:
    err = _error(GOOD.replace("begins_after: PT24H", "begins_after: 24 hours"))
    assert (err.line, err.field) == (12, "stages[1].begins_after")
    assert str(err).startswith("E122: p.yaml:12: stages[1].begins_after: '24 hours'")
    assert "PT24H" in str(err)


def test_numeric_duration_rejected() -> None:
    err = _error(GOOD.replace("resets_after: PT72H", "resets_after: 72"))
    assert (err.line, err.field) == (14, "resets_after")


def test_stages_out_of_order() -> None:
    err = _error(GOOD.replace("  - stage: 2", "  - stage: 3"))
    assert (err.line, err.field) == (9, "stages[1].stage")
    assert "expected 2, got 3" in str(err)


def test_begins_after_must_not_decrease() -> None:
    text = GOOD.replace("begins_after: PT24H", "begins_after: PT0H")
    parse_policy(text, "p.yaml")  # equal is allowed
    three = GOOD.replace(
        "resets_after:",
        "  - stage: 3\n    name: Three\n    responders: [C]\n"
        "    begins_after: PT12H\n    requires: continued\nresets_after:",
    )
    err = _error(three)
    assert (err.line, err.field) == (17, "stages[2].begins_after")
    assert "must not decrease" in str(err)


def test_stage_one_must_begin_at_zero() -> None:
    err = _error(GOOD.replace("begins_after: PT0H", "begins_after: PT1H"))
    assert (err.line, err.field) == (8, "stages[0].begins_after")


def test_unknown_key() -> None:
    err = _error(GOOD.replace("    requires: continued", "    requires: continued\n    color: red"))
    assert (err.line, err.field) == (14, "stages[1].color")
    assert "unknown key" in str(err)
    err = _error(GOOD + "escalate: always\n")
    assert (err.line, err.field) == (15, "escalate")


def test_bad_requires() -> None:
    err = _error(GOOD.replace("requires: continued", "requires: sustained"))
    assert (err.line, err.field) == (13, "stages[1].requires")
    assert "continued" in str(err)


def test_requires_chain() -> None:
    three = GOOD.replace(
        "resets_after:",
        "  - stage: 3\n    name: Three\n    responders: [C]\n"
        "    begins_after: PT72H\nresets_after:",
    )
    err = _error(three)
    assert (err.line, err.field) == (14, "stages[2].requires")
    assert "add `requires: continued`" in str(err)


def test_bad_threshold_key_and_value() -> None:
    err = _error(GOOD + "counts_as_breach:\n  min_shells: 3\n  min_killed: -1\n")
    assert [(line, fld) for line, fld, _ in err.problems] == [
        (16, "counts_as_breach.min_shells"),
        (17, "counts_as_breach.min_killed"),
    ]


def test_several_problems_reported_together() -> None:
    err = _error(GOOD.replace("version: 2", "version: zero").replace("name: One", "name: ''"))
    assert [fld for _, fld, _ in err.problems] == ["version", "stages[0].name"]
    assert str(err).count("p.yaml:") == 2


def test_missing_key_and_syntax_errors() -> None:
    err = _error(GOOD.replace("title: Test\n", ""))
    assert "missing required key `title`" in str(err)
    err = _error("id: x\nstages: [\n")
    assert err.code == "E121" and err.field == "(yaml)" and err.line >= 2
    err = _error("id: a\nid: b\n")
    assert (err.line, err.field) == (2, "id")
    assert _error("").field == "(file)"
    assert _error("- just\n- a list\n").field == "(file)"


def test_policy_constructor_checks_structure() -> None:
    stage = Stage(2, "Two", ("B",), timedelta(0))
    with pytest.raises(PolicyError, match="ascend from 1"):
        Policy("x", 1, "X", (stage,), timedelta(hours=1))


def _strike(**counts: object) -> Strike:
    return Strike.model_validate(
        {
            "id": "s-1",
            "attacker": "Russia",
            "start": "2026-02-03T16:00:00+00:00",
            "end": "2026-02-03T18:00:00+00:00",
            "time_precision": TimePrecision.HOUR,
            **counts,
        }
    )


def test_threshold_any_of_and_unknown_counts() -> None:
    t = Threshold(min_drones=10, min_killed=1)
    assert t.shortfall(_strike(drones=Quantity(min=10, max=20))) is None
    assert t.shortfall(_strike(killed=2)) is None
    reason = t.shortfall(_strike(drones=Quantity(min=None, max=50)))
    assert (
        reason == "below threshold: drones unknown < min_drones 10; killed unknown < min_killed 1"
    )
    assert t.shortfall(_strike(drones=Quantity(min=9, max=400))) is not None
    assert t.shortfall(None) is not None
    assert Threshold().shortfall(None) is None
