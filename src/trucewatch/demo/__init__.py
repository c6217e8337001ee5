"""The demo: the bundled registry and curated strikes in a fresh ledger, judged end to end.

``_strikes`` reads the curated, cited strikes of ``strikes.yaml``; ``_run`` builds the ledger,
judges it and writes ``verdicts.json`` and the brief. ``trucewatch demo`` (``cli/demo.py``)
prints the result.
"""

from trucewatch.demo._run import (
    AIRFORCE_FILE,
    DEMO_BRIEF_DAY,
    DemoResult,
    ReadingSummary,
    find_airforce,
    run_demo,
    summarise,
)
from trucewatch.demo._strikes import DemoStrike, demo_strikes_path, load_demo_strikes, strike_id

__all__ = [
    "AIRFORCE_FILE",
    "DEMO_BRIEF_DAY",
    "DemoResult",
    "DemoStrike",
    "ReadingSummary",
    "demo_strikes_path",
    "find_airforce",
    "load_demo_strikes",
    "run_demo",
    "strike_id",
    "summarise",
]
