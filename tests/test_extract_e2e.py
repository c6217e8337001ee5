"""End to end: a news text about glide bombs in the first hours of the Victory Day truce,
ingested beside the air-force file, moves the truce's first breach to its first day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import AIRFORCE, needs_shared
from trucewatch.api import Trucewatch
from trucewatch.model import VerdictKind

TEXT = Path(__file__).parent / "fixtures" / "vd25_sumy_glide_bombs.txt"
PLEDGE = "vd25-victory-day-truce"


def _first_breach_day(tw: Trucewatch) -> date | None:
    verdicts = [v for v in tw.judge(pledge=PLEDGE, reading="RU") if v.verdict == VerdictKind.BREACH]
    if not verdicts:
        return None
    first = min(verdicts, key=lambda v: v.strike_start)
    return first.strike_start.astimezone(first.strike_start.tzinfo).date()


@needs_shared
def test_glide_bombs_on_sumy_make_the_first_breach_fall_on_8_may(tmp_path: Path) -> None:
    tw = Trucewatch(str(tmp_path / "tw.db"))
    tw.add_registry()
    assert not tw.ingest_airforce(AIRFORCE).errors
    before = _first_breach_day(tw)
    assert before is not None and before > date(2025, 5, 8)  # the official record alone is late

    result = tw.ingest_text(
        TEXT.read_text(encoding="utf-8"), published=date(2025, 5, 8), source="test-wire"
    )
    assert result.summary.strikes_new == 1
    strike = tw.strike_records(start=None, attacker="RU", merged=False)
    sumy = [s for s in strike if "Sumy Oblast" in s.place_names and "glide_bombs" in s.weapons]
    assert len(sumy) == 1
    assert _first_breach_day(tw) == date(2025, 5, 8)
