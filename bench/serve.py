"""Load on the monitoring desk: p50/p95 with 50 concurrent clients, and POST-to-visible.

Serves a ledger (``--db``; build it first with ``bench/serve_ledger.py``: the registry plus a
million synthetic strikes on PostgreSQL) with ``trucewatch serve`` in a subprocess on
127.0.0.1. For each endpoint, ``--clients`` threads each send requests one after another until
``--seconds`` have passed or they have sent ``--max-requests`` (a bounded loop); every request
that fails (a status other than 200, or no answer) is counted and reported with its latency
kept apart, never dropped. The chain-head endpoint (one indexed row) is the same-run baseline.

Then an analyst POSTs one new air-force row (an RU wave on Luhansk oblast on the night of 31
January 2026, inside the Kyiv cold pause's US window) and the script polls the overview until
that reading's breach count has gone up: the time from the POST to the overview showing the new
verdict (goal: 1 s).

    python bench/serve.py --db 'postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dbench_web'
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import httpx

ENDPOINTS = {
    "head (baseline)": "/api/v1/head",
    "pledge verdict page": "/pledges/kyiv26-cold-pause",
    "verdicts endpoint": "/api/v1/verdicts?pledge=kyiv26-cold-pause&limit=100",
    "strikes endpoint": "/api/v1/strikes?from=2026-01-01&limit=100",
}
AIRFORCE_HEADER = (
    "time_start,time_end,model,launch_place,target,target_main,launched,destroyed,"
    "not_reach_goal,still_attacking,border_crossing,is_shahed,num_hit_location,"
    "num_fall_fragment_location,carrier,turbojet,turbojet_destroyed,affected region,"
    "destroyed_details,launched_details,launch_place_details,source"
)
WATCHED = ("kyiv26-cold-pause", "US")


@dataclass
class Run:
    ok: list[float] = field(default_factory=list)
    failed: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)


def load(base: str, path: str, clients: int, seconds: float, max_requests: int) -> Run:
    """``clients`` threads requesting ``path`` until time or count runs out; ms per request."""
    run = Run()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        ok: list[float] = []
        failed: list[float] = []
        errors: dict[str, int] = {}
        with httpx.Client(base_url=base, timeout=60) as c:
            for _ in range(max_requests):
                if time.monotonic() >= stop:
                    break
                t = time.perf_counter()
                try:
                    r = c.get(path)
                    what = None if r.status_code == 200 else f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    what = type(exc).__name__
                ms = (time.perf_counter() - t) * 1000
                if what is None:
                    ok.append(ms)
                else:
                    failed.append(ms)
                    errors[what] = errors.get(what, 0) + 1
        with lock:
            run.ok.extend(ok)
            run.failed.extend(failed)
            for k, n in errors.items():
                run.errors[k] = run.errors.get(k, 0) + n

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return run


def pct(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def breaches(page: str) -> int | None:
    """The watched reading's breach count on the overview page."""
    row = re.search(
        rf'data-pledge="{WATCHED[0]}" data-reading="{WATCHED[1]}">(.*?)</tr>', page, re.S
    )
    if row is None:
        return None
    found = re.search(r'class="num breach-count">(\d+)<', row.group(1))
    return int(found.group(1)) if found else None


def post_to_visible(base: str, token: str) -> tuple[float, float, int, int]:
    """(seconds to the POST's answer, seconds until the overview shows the new verdict,
    breaches before, after)."""
    stamp = time.strftime("%H%M%S")
    # An air-force wave is known by its times, so each run's wave starts at its own minute:
    # the same times again would amend the earlier run's strike and add no breach.
    minute = int(stamp[2:4])
    row = (
        f"2026-01-31 22:{minute:02d},2026-02-01 04:{int(stamp[4:]):02d},Shahed-136/131,"
        f"Kursk oblast,Luhansk oblast,,{100 + int(stamp) % 800}.0,90.0,,,,,,,,,,,,,,bench/{stamp}"
    )
    body = AIRFORCE_HEADER + "\n" + row + "\n"
    with httpx.Client(base_url=base, timeout=120) as c:
        before = breaches(c.get("/").text)
        if before is None:
            raise SystemExit(f"the overview shows no row for {WATCHED}")
        t = time.perf_counter()
        r = c.post(
            "/api/v1/ingest/airforce",
            content=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"},
        )
        answered = time.perf_counter() - t
        if r.status_code != 200 or r.json().get("entries", 0) == 0:
            raise SystemExit(f"POST did not add anything: {r.status_code} {r.text[:300]}")
        while True:
            now = breaches(c.get("/").text)
            if now is not None and now > before:
                return answered, time.perf_counter() - t, before, now
            if time.perf_counter() - t > 300:
                return answered, float("inf"), before, now or before


def machine() -> str:
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{platform.node()}: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the ledger (bench/serve_ledger.py builds it)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--max-requests", type=int, default=400, help="per client and endpoint")
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    import trucewatch

    with trucewatch.open(args.db) as tw:
        strikes = tw.ledger.count("strikes")
        token = tw.create_token(f"bench {time.time():.0f}", "analyst")[1]
    env = {**os.environ, "TRUCEWATCH_DB": args.db}
    cmd = [sys.executable, "-m", "trucewatch", "serve", "--host", "127.0.0.1"]
    server = subprocess.Popen([*cmd, "--port", str(args.port)], env=env)
    base = f"http://127.0.0.1:{args.port}"
    try:
        began = time.perf_counter()
        while True:
            try:
                # the first overview reads the stored state (no tally to build any more)
                if httpx.get(base + "/", timeout=900).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.perf_counter() - began > 900 or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.5)
        print(f"server up, first overview: {time.perf_counter() - began:.1f} s", flush=True)
        for path in ENDPOINTS.values():
            httpx.get(base + path, timeout=300)
        print(f"machine: {machine()}")
        print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        print(f"load average before: {os.getloadavg()}")
        print(f"{strikes:,} recorded strikes; {args.clients} clients, up to {args.seconds:.0f} s")
        print("| endpoint | ok | failed | p50 (ms) | p95 (ms) | p95 / baseline p95 |")
        print("|---|---:|---:|---:|---:|---:|")
        base_p95 = None
        for name, path in ENDPOINTS.items():
            run = load(base, path, args.clients, args.seconds, args.max_requests)
            p50, p95 = pct(run.ok, 50), pct(run.ok, 95)
            base_p95 = base_p95 or p95
            print(
                f"| {name} | {len(run.ok)} | {len(run.failed)} | {p50:.1f} | {p95:.1f} | "
                f"{p95 / base_p95:.2f} |",
                flush=True,
            )
            if run.failed:
                print(f"  failures: {run.errors}; their p50 {pct(run.failed, 50):.0f} ms")
        print(f"load average after: {os.getloadavg()}")
        answered, seen, before, after = post_to_visible(base, token)
        print(
            f"POST air-force row: answered in {answered:.2f} s; overview shows the new verdict "
            f"({WATCHED[0]} {WATCHED[1]} breaches {before} -> {after}) {seen:.2f} s after the POST"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
