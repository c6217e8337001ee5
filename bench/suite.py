"""Test-suite time against an earlier commit, measured in the same run (issue 13's goal).

    python bench/suite.py --base ae74049 [TEST FILES...]

Checks the base commit out into a temporary worktree (with ``shared`` linked beside it, so the
tests that read the shared data run there too), then runs pytest on the same test files in
the base tree and in this tree, one after the other, and prints wall and CPU time (the
children's user + system time, which other jobs on the machine disturb less than wall time)
and the ratios. The default files are the ones whose CLI tests started a subprocess each.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILES = [
    "tests/test_cli.py",
    "tests/test_datasets_cli.py",
    "tests/test_news.py",
    "tests/test_fetch.py",
    "tests/test_respond_cli.py",
]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(tree: Path, files: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and exit code of pytest over ``files`` in ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    cpu, began = _children_cpu(), time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall, used = time.monotonic() - began, _children_cpu() - cpu
    print(f"  {tree.name}: {proc.stdout.strip().splitlines()[-1]}", flush=True)
    return wall, used, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="Commit to compare against.")
    parser.add_argument("files", nargs="*", default=DEFAULT_FILES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tw-suite-") as tmp:
        base = Path(tmp) / "base"
        subprocess.run(
            ["git", "worktree", "add", "-q", "--detach", str(base), args.base],
            cwd=REPO,
            check=True,
        )
        shared = REPO.parent / "shared"
        if shared.is_dir():
            (Path(tmp) / "shared").symlink_to(shared)
        try:
            print(f"base {args.base}", flush=True)
            b_wall, b_cpu, b_rc = run(base, args.files)
            print("this tree", flush=True)
            n_wall, n_cpu, n_rc = run(REPO, args.files)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=REPO)
    print(f"{'':10} {'wall s':>8} {'cpu s':>8}")
    print(f"{'base':10} {b_wall:8.1f} {b_cpu:8.1f}")
    print(f"{'this':10} {n_wall:8.1f} {n_cpu:8.1f}")
    print(f"{'this/base':10} {n_wall / b_wall:8.2f} {n_cpu / b_cpu:8.2f}")
    if b_rc or n_rc:
        sys.exit(f"a run failed (base exit {b_rc}, this tree exit {n_rc})")


if __name__ == "__main__":
    main()
