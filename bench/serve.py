"""Load on the monitoring desk: p50/p95 latency with concurrent clients, and POST-to-visible.

Starts ``trucewatch serve`` (a subprocess, 127.0.0.1 only) on a ledger built here: the bundled
registry and curated strikes plus the air-force file (``--airforce``, default the shared copy),
on SQLite or PostgreSQL (``--db``). Then, for each endpoint, ``--clients`` threads send requests
for ``--seconds`` seconds (a bounded loop) and the script prints p50/p95 in milliseconds, with
the chain-head endpoint (``/api/v1/head``: one indexed row) as the baseline measured in the same
run. Finally it POSTs a new air-force row and times how long until the overview page shows it.

    python bench/serve.py                      # SQLite, 50 clients, 10 s per endpoint
    python bench/serve.py --db postgresql://postgres@127.0.0.1:5432/test --clients 50
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
AIRFORCE = REPO.parent / "shared/data/petroivaniuk_missile_attacks/missile_attacks_daily.csv"
ENDPOINTS = {
    "head (baseline)": "/api/v1/head",
    "pledge page": "/pledges/kyiv26-cold-pause",
    "verdicts": "/api/v1/verdicts?pledge=kyiv26-cold-pause&limit=100",
    "strikes": "/api/v1/strikes?from=2026-01-01&limit=100",
}


def build(db: str, airforce: Path | None) -> str:
    """Registry, curated strikes, air-force file, and an analyst token."""
    import trucewatch
    from trucewatch.demo import load_demo_strikes

    with trucewatch.open(db) as tw:
        tw.add_registry()
        curated = load_demo_strikes()
        tw.ledger.record([r for r, _ in curated], [s for _, s in curated], note="bench")
        if airforce and airforce.is_file():
            tw.ingest_airforce(airforce)
        return tw.create_token("bench", "analyst")[1]


def load(base: str, path: str, clients: int, seconds: float) -> list[float]:
    """``clients`` threads requesting ``path`` until the time is up; latencies in ms."""
    times: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=60) as c:
            while time.monotonic() < stop:
                t = time.perf_counter()
                r = c.get(path)
                mine.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{path}: {r.status_code} {r.text[:200]}")
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def post_to_visible(base: str, token: str, airforce: Path | None) -> float | None:
    """Seconds from POSTing a new air-force row to the overview showing its report."""
    if not airforce or not airforce.is_file():
        return None
    header = airforce.read_text(encoding="utf-8").splitlines()[0]
    cols = header.split(",")
    row = dict.fromkeys(cols, "")
    stamp = time.strftime("%M%S")
    row.update(
        {
            "time_start": "2026-02-05 18:00",
            "time_end": "2026-02-06 06:00",
            "model": "Shahed-136/131",
            "target": "Kyiv oblast",
            "launched": f"1{stamp}.0",
            "destroyed": "10.0",
        }
    )
    body = header + "\n" + ",".join(row[c] for c in cols) + "\n"
    with httpx.Client(base_url=base, timeout=60) as c:
        before = c.get("/api/v1/head").json()["seq"]
        t = time.perf_counter()
        r = c.post(
            "/api/v1/ingest/airforce",
            content=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"},
        )
        if r.status_code != 200 or r.json()["entries"] == 0:
            raise SystemExit(f"POST did not add anything: {r.status_code} {r.text[:300]}")
        while True:
            page = c.get("/")
            if f'data-seq="{before}"' not in page.text and "data-seq" in page.text:
                return time.perf_counter() - t
            if time.perf_counter() - t > 120:
                return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="ledger (default: a fresh SQLite file)")
    ap.add_argument("--airforce", type=Path, default=AIRFORCE)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="tw-bench-serve-")
    db = args.db or str(Path(tmp.name) / "bench.db")
    t = time.perf_counter()
    token = build(db, args.airforce)
    print(f"ledger built in {time.perf_counter() - t:.1f} s ({db.split('?')[0]})")
    env = {**os.environ, "TRUCEWATCH_DB": db}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "trucewatch",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(args.port),
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                # warm the per-head caches (merged strikes, verdicts) before timing
                if httpx.get(base + "/", timeout=300).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.5)
        for path in ENDPOINTS.values():
            httpx.get(base + path, timeout=300)
        with httpx.Client(base_url=base) as c:
            strikes = c.get("/api/v1/head").json()["seq"]
        print(f"{strikes} ledger entries; {args.clients} clients, {args.seconds:.0f} s each")
        print("| endpoint | requests | p50 (ms) | p95 (ms) | p95 / baseline p95 |")
        print("|---|---:|---:|---:|---:|")
        base_p95 = None
        for name, path in ENDPOINTS.items():
            times = load(base, path, args.clients, args.seconds)
            p50, p95 = pct(times, 50), pct(times, 95)
            base_p95 = base_p95 or p95
            print(f"| {name} | {len(times)} | {p50:.1f} | {p95:.1f} | {p95 / base_p95:.2f} |")
        seen = post_to_visible(base, token, args.airforce)
        print(
            f"POST air-force row -> overview shows it: {'n/a' if seen is None else f'{seen:.2f} s'}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()


if __name__ == "__main__":
    main()
