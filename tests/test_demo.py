"""The demo end to end: registry, curated strikes, the air-force file, verdicts.json."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import AIRFORCE, needs_shared
from trucewatch.demo import run_demo


def test_demo_without_shared_data_uses_the_bundled_strikes(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "out", None, brief_day=None)
    written = json.loads(result.verdicts_path.read_text(encoding="utf-8"))
    assert len(written) == len(result.verdicts) > 0
    pledges = {s.pledge.id for s in result.summaries}
    assert "kyiv26-cold-pause" in pledges and len(pledges) == 9
    assert result.claims == 15  # the bundled claim texts and claim file


@needs_shared
def test_demo_finds_the_breach_of_the_night_of_2_to_3_february(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "out", AIRFORCE, brief_day=None)
    assert result.airforce is not None and not result.airforce.errors
    ua = next(
        s for s in result.summaries if s.pledge.id == "kyiv26-cold-pause" and s.reading == "UA"
    )
    assert ua.first_breach is not None
    # The bundled claim texts add a news report known only to the day of 2 February, which
    # can come first; the night wave itself must be found as one confirmed breach.
    night = [
        v
        for v in result.verdicts
        if v.pledge == "kyiv26-cold-pause"
        and v.reading == "UA"
        and v.verdict == "breach"
        and v.strike_start.isoformat().startswith("2026-02-02T18:00")
    ]
    assert len(night) == 1
    # The official record and the reports of energy hits merge into one confirmed strike.
    assert "evidence confirmed" in night[0].why
    assert len(night[0].reports) > 2
    assert ua.first_breach.strike_start <= night[0].strike_start
