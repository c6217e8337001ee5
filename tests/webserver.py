"""A real uvicorn server on 127.0.0.1 for the web tests, in a thread of the test process."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

import trucewatch
from trucewatch.demo import load_demo_strikes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` on a free port; yields the base URL; stops the server afterwards."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def demo_ledger(db: str) -> None:
    """The bundled registry and curated strikes (the demo without the air-force file)."""
    with trucewatch.open(db) as tw:
        tw.add_registry()
        curated = load_demo_strikes()
        tw.ledger.record([r for r, _ in curated], [s for _, s in curated], note="demo strikes")
