"""The brief shows the ledger's latest signed checkpoint (issue 11), in HTML and in the PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from factories import kyiv, pledge, report, strike
from trucewatch.api import Trucewatch
from trucewatch.report.brief import build_brief
from trucewatch.report.render import chromium_path, render_html, write_pdf

DAY = date(2026, 2, 3)


def _ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Trucewatch:
    monkeypatch.chdir(tmp_path)  # no boundaries: the brief says so, and is quicker to make
    tw = Trucewatch(str(tmp_path / "tw.db"))
    tw.ledger.add_pledge(pledge())
    tw.ledger.record([report("r")], [strike("s1", kyiv(2026, 2, 3, 1), places=("Kharkiv",))])
    return tw


def test_brief_without_a_checkpoint_says_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _ledger(tmp_path, monkeypatch) as tw:
        page = render_html(build_brief(tw, DAY))
    assert 'id="checkpoint"' in page and "No signed checkpoint yet" in page
    assert "trucewatch checkpoint --key FILE" in page


def test_brief_shows_the_latest_checkpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _ledger(tmp_path, monkeypatch) as tw:
        first = tw.checkpoint(tmp_path / "key.pem", new_key=True)
        tw.ledger.record([report("r2")], [strike("s2", kyiv(2026, 2, 3, 2))])
        latest = tw.checkpoint(tmp_path / "key.pem")
        tw.ledger.record([report("r3")], [])
        brief = build_brief(tw, DAY)
        page = render_html(brief)
    assert brief.ledger is not None and brief.ledger.checkpoint_seq == latest.seq > first.seq
    assert brief.ledger.checkpoint_valid
    assert f"entry <strong>{latest.seq}</strong>" in page
    assert latest.head[:16] in page and latest.key_id in page
    assert f"{brief.ledger.entries - latest.seq} entries" in page
    assert "trucewatch verify --checkpoint FILE" in page


@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_pdf_brief_carries_the_checkpoint_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _ledger(tmp_path, monkeypatch) as tw:
        signed = tw.checkpoint(tmp_path / "key.pem", new_key=True)
        pdf = write_pdf(render_html(build_brief(tw, DAY)), tmp_path / "brief.pdf")
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    text = " ".join(done.stdout.split())
    assert "Latest signed checkpoint: entry" in text
    assert signed.head[:16] in text and signed.key_id in text
