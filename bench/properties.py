"""Run the property suite (tests/test_properties.py) under a Hypothesis profile, target by target.

Each target runs in its own pytest process (niced) with ``TRUCEWATCH_HYPOTHESIS`` set to the
profile (``nightly``: 100,000 examples per target) and a wall-clock cap; a target still running
at its cap is interrupted (SIGINT, so pytest prints what it has). ``_bounded`` in the suite
appends a line per example to ``$TRUCEWATCH_PROPERTY_TALLY``, so a capped run still says how
many examples it got through. Printed: a Markdown table (target, examples, seconds, outcome)
for bench/RESULTS.md. Run:
``python bench/properties.py --profile nightly --cap 300 [--seed N] [--only yaml,verify]``.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "tests" / "test_properties.py"


def targets() -> list[str]:
    """The suite's test functions, in file order."""
    return re.findall(r"^def (test_\w+)\(", SUITE.read_text(encoding="utf-8"), flags=re.M)


def run_target(
    name: str, profile: str, cap: float, seed: int | None, nice: int, log: Path
) -> tuple[int, float, str]:
    """Run one target; return (examples, seconds, outcome) with outcome passed/failed/capped."""
    tally = log.with_suffix(f".{name}.tally")
    tally.unlink(missing_ok=True)
    env = dict(os.environ, TRUCEWATCH_HYPOTHESIS=profile, TRUCEWATCH_PROPERTY_TALLY=str(tally))
    command = ["nice", "-n", str(nice), sys.executable, "-m", "pytest", "-q", "-x"]
    command += ["-p", "no:cacheprovider", f"{SUITE}::{name}"]
    if seed is not None:
        command.append(f"--hypothesis-seed={seed}")
    started = time.monotonic()
    with log.open("a", encoding="utf-8") as out:
        out.write(f"\n===== {name} ({profile}, cap {cap:.0f} s, seed {seed})\n")
        out.flush()
        child = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=out)
        try:
            code = child.wait(timeout=cap)
            capped = False
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGINT)
            try:
                code = child.wait(timeout=120)
            except subprocess.TimeoutExpired:
                child.kill()
                code = child.wait()
            capped = True
    elapsed = time.monotonic() - started
    counts = Counter(tally.read_text(encoding="utf-8").split()) if tally.exists() else Counter()
    tally.unlink(missing_ok=True)
    examples = sum(counts.values())
    outcome = "capped" if capped else ("passed" if code == 0 else f"failed (exit {code})")
    return examples, elapsed, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="nightly")
    parser.add_argument("--cap", type=float, default=300.0, help="seconds per target")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--nice", type=int, default=15)
    parser.add_argument("--only", default="", help="comma-separated parts of target names")
    parser.add_argument("--log", type=Path, default=None, help="pytest output (default: a temp)")
    args = parser.parse_args()
    log = args.log or Path(tempfile.mkdtemp(prefix="tw-props-")) / "pytest.log"
    chosen = [t for t in targets() if not args.only or any(p in t for p in args.only.split(","))]
    print(f"profile {args.profile}, cap {args.cap:.0f} s per target, log {log}", flush=True)
    print(f"load average before: {os.getloadavg()}", flush=True)
    print("| target | examples | seconds | examples/s | outcome |")
    print("|---|---:|---:|---:|---|", flush=True)
    for name in chosen:
        examples, seconds, outcome = run_target(
            name, args.profile, args.cap, args.seed, args.nice, log
        )
        rate = examples / seconds if seconds else 0.0
        print(f"| `{name}` | {examples:,} | {seconds:.0f} | {rate:.1f} | {outcome} |", flush=True)
    print(f"load average after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
