"""`trucewatch demo --serve`: a newcomer's one command shows the dashboard."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from webserver import free_port


def test_demo_serve_shows_the_dashboard(tmp_path: Path) -> None:
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "trucewatch",
        "demo",
        "--out",
        str(tmp_path / "demo"),
        "--no-airforce",
        "--no-brief",
        "--serve",
        "--port",
        str(port),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        page = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/", timeout=120)
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert page is not None, proc.stderr.read() if proc.stderr else "no server"
        assert page.status_code == 200
        assert "kyiv26-cold-pause" in page.text and "<svg" in page.text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
