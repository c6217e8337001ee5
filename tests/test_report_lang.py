"""The language a news text was read in is kept with its report, shown with it, and used to
read it again for the evidence (no other language is tried)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

import trucewatch.extract.dispatch as dispatch
from conftest import run_cli
from trucewatch import Trucewatch
from trucewatch.model import Report, SourceKind
from trucewatch.web import create_app
from webserver import serving

DAY = date(2026, 2, 3)
EN = "Overnight Russia attacked Odesa with 25 drones; two people were injured."
UK = "Уночі ворог атакував Одесу 25 ударними дронами, поранено двох людей."


def test_the_language_read_in_is_kept_given_or_detected(db: str) -> None:
    with Trucewatch(db) as tw:
        tw.ingest_text(EN, published=DAY, source="wire")
        tw.ingest_text(UK, published=DAY, source="ukrinform", lang="uk")
        assert {r.content: r.lang for r in tw.reports()} == {EN: "en", UK: "uk"}
        assert tw.verify().ok
        tw.rebuild()
        assert {r.lang for r in tw.reports()} == {"en", "uk"}


def test_a_report_without_a_language_hashes_and_reads_as_before() -> None:
    """Rows of datasets and texts recorded before the language was kept have none."""
    report = Report.of_content("x", source="s", source_kind=SourceKind.MEDIA, format="text")
    assert "lang" not in report.model_dump(mode="json")
    assert Report.model_validate_json(report.model_dump_json()).lang is None


def test_the_evidence_reads_the_text_in_its_recorded_language_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ingest_text(UK, published=DAY, source="ukrinform", lang="uk")
        (report,) = tw.reports()
        real = dispatch.extract_any
        tried: list[str | None] = []

        def spy(text: str, published: date, lang: str | None = None) -> Any:
            tried.append(lang)
            return real(text, published, lang)

        monkeypatch.setattr(dispatch, "extract_any", spy)
        assert tw.evidence(report)
        assert tried == ["uk"]
        # a report recorded before (no language) is read as it was: detected, then the others
        tried.clear()
        assert tw.evidence(report.model_copy(update={"lang": None}))
        assert tried[0] == "uk"


def test_the_language_is_shown_by_the_cli_and_the_api(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    with Trucewatch(db) as tw:
        tw.ingest_text(UK, published=DAY, source="ukrinform", lang="uk")
        (strike,) = tw.strike_records(merged=False)
        (report,) = tw.reports()
    shown = run_cli("strikes", "show", strike.id, db=db).stdout
    assert f"{report.id} ukrinform [media, uk]" in shown, shown
    details = json.loads(run_cli("strikes", "show", strike.id, "--format", "json", db=db).stdout)
    assert details["report_details"][0]["lang"] == "uk"
    app = create_app(db)
    with serving(app) as base, httpx.Client(base_url=base) as client:
        one = client.get(f"/api/v1/reports/{report.id}").json()
        listed = client.get("/api/v1/reports").json()["items"]
        page = client.get(f"/reports/{report.id}").text
    app.state.desk.tw.close()
    assert one["lang"] == "uk" and listed[0]["lang"] == "uk"
    assert "read as uk" in page
