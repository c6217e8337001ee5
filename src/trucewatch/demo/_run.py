"""The demo: a fresh ledger from the bundled registry and curated strikes, judged end to end."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from trucewatch.api import IngestResult, Trucewatch
from trucewatch.judge.engine import verdict_json
from trucewatch.model import Pledge, Verdict, VerdictKind

#: Where the air-force file sits in a data directory (see :mod:`trucewatch.settings`).
AIRFORCE_FILE = Path("petroivaniuk_missile_attacks") / "missile_attacks_daily.csv"


@dataclass
class ReadingSummary:
    """Counts and the first breach for one pledge reading."""

    pledge: Pledge
    reading: str
    breaches: int = 0
    undetermined: int = 0
    first_breach: Verdict | None = None
    what_if: int = 0  # breaches of the reading while the pledge was not in force: not counted


@dataclass
class DemoResult:
    """What the demo built and where it wrote it."""

    db: Path
    verdicts_path: Path
    verdicts: list[Verdict]
    summaries: list[ReadingSummary]
    airforce: IngestResult | None = None
    extra: dict[str, Path] = field(default_factory=dict)
    claims: int = 0


def find_airforce(data: Path | None = None, cache: Path | None = None) -> Path | None:
    """The air-force file in the data directory, or a cached download, if present.

    ``data`` and ``cache`` default to :func:`trucewatch.settings.data_dir` and
    :func:`trucewatch.settings.cache_dir`.
    """
    from trucewatch import settings

    data = settings.data_dir() if data is None else data
    cache = settings.cache_dir() if cache is None else cache
    for candidate in (data / AIRFORCE_FILE, cache / AIRFORCE_FILE.name):
        if candidate.is_file():
            return candidate
    return None


def summarise(pledges: list[Pledge], verdicts: list[Verdict]) -> list[ReadingSummary]:
    """One summary per pledge reading, in registry order; what-ifs are counted apart."""
    by_key: dict[tuple[str, str], list[Verdict]] = defaultdict(list)
    for v in verdicts:
        by_key[(v.pledge, v.reading)].append(v)
    out = []
    for pledge in pledges:
        for reading in pledge.readings:
            summary = ReadingSummary(pledge, reading.by)
            for v in sorted(by_key[(pledge.id, reading.by)], key=lambda v: v.strike_start):
                if not v.in_force:
                    summary.what_if += v.verdict is VerdictKind.BREACH
                elif v.verdict is VerdictKind.BREACH:
                    summary.breaches += 1
                    summary.first_breach = summary.first_breach or v
                elif v.verdict is VerdictKind.UNDETERMINED:
                    summary.undetermined += 1
            out.append(summary)
    return out


DEMO_BRIEF_DAY = date(2026, 2, 3)


def run_demo(
    out: Path, airforce: Path | None = None, brief_day: date | None = DEMO_BRIEF_DAY
) -> DemoResult:
    """Build ``out/demo.db`` afresh, ingest, judge every reading, write verdicts and the brief.

    ``verdicts.json`` holds every verdict, what-ifs too (each with its ``mode``); the
    summaries count breaches of pledges in force only.
    """
    from trucewatch.demo._strikes import load_demo_strikes

    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    db.unlink(missing_ok=True)
    with Trucewatch(str(db)) as tw:
        tw.add_registry()
        curated = load_demo_strikes()
        tw.ledger.record([r for r, _ in curated], [s for _, s in curated], note="demo strikes")
        af = tw.ingest_airforce(airforce) if airforce else None
        claims = tw.add_bundled_claims()
        verdicts = tw.judge(what_if=True)
        pledges = tw.pledges()
        extra: dict[str, Path] = {}
        if brief_day is not None:
            from trucewatch.report.render import write_brief

            extra = {f"brief.{k}": v for k, v in write_brief(tw, brief_day, out).items()}
    path = out / "verdicts.json"
    path.write_text(
        json.dumps([verdict_json(v) for v in verdicts], indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return DemoResult(db, path, verdicts, summarise(pledges, verdicts), af, extra, len(claims))
