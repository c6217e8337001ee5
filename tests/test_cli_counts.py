"""Counts the command line prints agree in number with their nouns ("1 strike", "2 strikes")."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import run_cli
from trucewatch.cli.strikes import write_plain

TEXT = "Overnight, Russia attacked Odesa with 12 Shahed drones; one person was injured."


def test_one_text_ingested_is_counted_in_the_singular(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    args = ("ingest", "text", str(story), "--published", "2025-06-04", "--source", "Ours")
    out = run_cli(*args, db=db).stdout
    assert "1 text, 1 new report (0 known), 1 new strike, 0 amended" in out, out
    assert "0 draft pledges, 0 claims" in out, out
    listed = run_cli("strikes", "list", "--from", "2025-06-01", "--to", "2025-06-30", db=db)
    assert listed.stdout.rstrip().endswith("\n1 strike"), listed.stdout
    again = run_cli(*args, db=db).stdout
    assert "1 text, 0 new reports (1 known), 0 new strikes" in again, again


def test_the_plain_list_counts_in_the_singular_and_plural() -> None:
    out = io.StringIO()
    write_plain([], out)
    assert out.getvalue().endswith("\n0 strikes\n")
