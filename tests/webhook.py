"""A local webhook receiver for alert tests: counts what arrives, can fail on purpose."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Receiver:
    """What the local webhook saw; ``fail_next`` makes it answer ``fail_status`` N times."""

    url: str = ""
    fail_next: int = 0
    fail_status: int = 503
    requests: int = 0
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def delivered(self) -> Counter[str]:
        """How many times each alert key was accepted."""
        return Counter(b["key"] for b in self.bodies)

    def seen(self) -> list[tuple[str, str | None]]:
        """(kind, strike or stage) of each accepted alert, in order."""
        return [
            (b["kind"], b["strike"] if b["kind"] == "breach" else str(b["stage"]))
            for b in self.bodies
        ]


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    """A receiver on 127.0.0.1 (a free port) for the duration of the block."""
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with state.lock:
                state.requests += 1
                failing = state.fail_next > 0
                if failing:
                    state.fail_next -= 1
                else:
                    state.bodies.append(body)
                    state.headers.append(self.headers.get("Idempotency-Key") or "")
            self.send_response(state.fail_status if failing else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
