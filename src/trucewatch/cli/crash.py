"""Exit code 4: an internal error gets one line on the terminal and its traceback in a log file.

The log is ``$TRUCEWATCH_LOG_DIR/errors.log`` (default ``$XDG_STATE_HOME/trucewatch``, i.e.
``~/.local/state/trucewatch``; the system temp directory when that cannot be written).
"""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

INTERNAL_ERROR = 4


def log_dir() -> Path:
    configured = os.environ.get("TRUCEWATCH_LOG_DIR")
    if configured:
        return Path(configured)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "trucewatch"


def record(exc: BaseException, argv: list[str]) -> Path:
    """Append the traceback of ``exc`` to the error log; returns the log's path."""
    text = "".join(traceback.format_exception(exc))
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = f"--- {stamp} pid {os.getpid()}: {' '.join(argv)}\n{text}\n"
    for folder in (log_dir(), Path(tempfile.gettempdir()) / "trucewatch"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "errors.log"
            with path.open("a", encoding="utf-8") as out:
                out.write(entry)
            return path
        except OSError:
            continue
    return Path("(no writable log directory)")


def one_line(exc: BaseException) -> str:
    """The exception as one short line for the terminal."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    if len(message) > 200:
        message = message[:197] + "..."
    return f"{type(exc).__name__}: {message}"
