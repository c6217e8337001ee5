"""Exit codes: 0 done, 1 tampering, 2 bad input, 3 partial, 4 internal error (one line and a
log path, never a traceback); checkpoints from the CLI.

Commands run in this process (``run_cli``, which codes user errors as the entry point does);
the internal error runs the real entry point in a child process, since what it checks (the
crash handler of ``python -m trucewatch``, the traceback in errors.log) is that process's.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from conftest import AIRFORCE, CliResult, needs_shared, run_cli
from trucewatch.merge.stored import member_time

HEAD = 30  # air-force rows used: enough for a few waves, quick to ingest


def tw(*args: str, db: Path) -> CliResult:
    return run_cli(*args, db=db)


def tw_process(*args: str, db: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m trucewatch ARGS``: the real entry point, in a process of its own."""
    cmd = [sys.executable, "-m", "trucewatch", "--db", str(db), *args]
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=300, env={**os.environ, **env}
    )


def _airforce_sample(tmp_path: Path, extra: str = "") -> Path:
    lines = AIRFORCE.read_text(encoding="utf-8").splitlines(keepends=True)[: HEAD + 1]
    path = tmp_path / "af.csv"
    path.write_text("".join(lines) + extra, encoding="utf-8")
    return path


@needs_shared
def test_done_partial_and_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    clean = tw("ingest", "airforce", str(_airforce_sample(tmp_path)), db=db)
    assert clean.returncode == 0, clean.stderr
    again = tw("ingest", "airforce", str(_airforce_sample(tmp_path)), db=db)
    assert again.returncode == 0 and "nothing new" in again.stdout
    bad_row = "2026-13-45 18:00,2026-06-07 08:30,Shahed-136/131,,Ukraine,,1.0,1.0\n"
    partial = tw("ingest", "airforce", str(_airforce_sample(tmp_path, bad_row)), db=db)
    assert partial.returncode == 3, (partial.stdout, partial.stderr)
    assert f"af.csv:{HEAD + 2}" in partial.stderr
    utf16 = tmp_path / "acled.csv"
    utf16.write_text("event_id_cnty,event_date\nUKR1,2026-01-01\n", encoding="utf-16")
    wrong = tw("ingest", "acled", str(utf16), db=db)
    assert wrong.returncode == 2, (wrong.stdout, wrong.stderr)
    assert "Traceback" not in wrong.stderr
    missing = tw("strikes", "show", "s-none", db=db)
    assert missing.returncode == 2 and "not in the ledger" in missing.stderr
    assert tw("verify", db=db).returncode == 0


@needs_shared
def test_tampering_exits_1_and_names_the_row(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    assert tw("ingest", "airforce", str(_airforce_sample(tmp_path)), db=db).returncode == 0
    raw = sqlite3.connect(db)
    strike_id = raw.execute("SELECT id FROM strikes ORDER BY id LIMIT 1").fetchone()[0]
    raw.execute("UPDATE strikes SET retracted = 1 WHERE id = ?", (strike_id,))
    raw.commit()
    raw.close()
    result = tw("verify", db=db)
    assert result.returncode == 1
    assert f"strikes row {strike_id}" in result.stderr and "retracted" in result.stderr
    assert tw("rebuild", db=db).returncode == 0
    assert tw("verify", db=db).returncode == 0


def test_internal_error_is_one_line_with_a_log(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    assert tw("verify", db=db).returncode == 0
    raw = sqlite3.connect(db)
    raw.execute(
        'INSERT INTO strikes (id, attacker, start, "end", version, seq, retracted, payload) '
        "VALUES ('s-x', 'RU', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 1, 1, 0, 'junk')"
    )
    # Merged reads go through the stored clusters (merge.v1 as a projection): place it there too.
    start, end = (member_time(datetime(2026, 1, d, tzinfo=UTC)) for d in (1, 2))
    raw.execute(
        'INSERT INTO merge_members (strike_id, cluster_id, attacker, start, "end", reason) '
        "VALUES ('s-x', 's-x', 'RU', ?, ?, NULL)",
        (start, end),
    )
    raw.commit()
    raw.close()
    logs = tmp_path / "logs"
    result = tw_process("strikes", "list", db=db, env={"TRUCEWATCH_LOG_DIR": str(logs)})
    assert result.returncode == 4, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "E899" in lines[0] and str(logs / "errors.log") in lines[0]
    assert "Traceback" in (logs / "errors.log").read_text(encoding="utf-8")
    # verify explains what happened.
    verified = tw("verify", db=db)
    assert verified.returncode == 1 and "strikes row s-x" in verified.stderr


def test_checkpoint_commands(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    key, out = tmp_path / "signing.pem", tmp_path / "cp.json"
    no_key = tw("checkpoint", "--key", str(key), db=db)
    assert no_key.returncode == 2 and "--new-key" in no_key.stderr
    made = tw("checkpoint", "--key", str(key), "--new-key", "--out", str(out), db=db)
    assert made.returncode == 0, made.stderr
    assert "checkpoint: entry 0" in made.stdout and out.exists()
    pub = tmp_path / "signing.pem.pub"
    ok = tw("verify", "--checkpoint", str(out), "--public-key", str(pub), db=db)
    assert ok.returncode == 0 and "holds the prefix" in ok.stdout
    second = tw("checkpoint", "--key", str(key), "--out", str(out), db=db)
    assert second.returncode == 0 and "entry 1" in second.stdout
    raw = sqlite3.connect(db)
    raw.execute("DELETE FROM entries")
    raw.execute("UPDATE chain_head SET seq = 0, hash = ?", ("0" * 64,))
    raw.commit()
    raw.close()
    cut = tw("verify", "--checkpoint", str(out), db=db)
    assert cut.returncode == 1 and "truncated" in cut.stderr, cut.stderr
    junk = tmp_path / "junk.json"
    junk.write_text("{}")
    assert tw("verify", "--checkpoint", str(junk), db=db).returncode == 2


def test_serve_refuses_a_port_or_upload_limit_out_of_range(tmp_path: Path) -> None:
    """A port past 65535 was an internal error (OverflowError from bind, exit 4); a negative
    upload limit started a server that refused every upload."""
    for args in (["--port", "99999"], ["--port", "-1"], ["--max-upload", "0"]):
        out = tw("serve", *args, db=tmp_path / "tw.db")
        assert out.returncode == 2, (args, out.stderr)
        assert args[0] in out.stderr and "Traceback" not in out.stderr


def test_serve_on_a_port_in_use_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    """Uvicorn's own bind failure exited 3, which the README keeps for partial ingests."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        out = tw("serve", "--host", "127.0.0.1", "--port", port, db=tmp_path / "tw.db")
    assert out.returncode == 2, out.stderr
    assert "E607" in out.stderr and f"127.0.0.1:{port}" in out.stderr
    assert "in use" in out.stderr and "Traceback" not in out.stderr
