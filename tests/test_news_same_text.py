"""A text given again with other line endings or trailing whitespace is the same report."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch import Trucewatch
from trucewatch.errors import InputError
from trucewatch.ingest.news import text_forms
from trucewatch.model import Report

LINES = ["Overnight Russia attacked Odesa with 25 drones.", "", "Two people were injured."]
LF = "\n".join(LINES) + "\n"
DAY = date(2026, 2, 3)


def _id(text: str) -> str:
    return Report.id_of(Report.hash_content(text))


@pytest.mark.parametrize(
    "again",
    [
        LF.replace("\n", "\r\n"),  # Windows
        LF.replace("\n", "\r"),  # old Mac
        "\n".join(line + "  \t" for line in LINES) + "\n\n\n",
        LF.rstrip("\n"),
        LF.replace("\n", "\r\n").rstrip() + " \r\n",
    ],
)
def test_the_same_text_with_other_endings_is_the_report_stored(db: str, again: str) -> None:
    with Trucewatch(db) as tw:
        first = tw.ingest_text(LF, published=DAY, source="example-wire")
        assert first.summary.reports_new == 1
        (stored,) = tw.reports()
        assert stored.id == _id(LF) and stored.content == LF  # an LF text keeps its id
        second = tw.ingest_text(again, published=DAY, source="example-wire")
        assert (second.summary.reports_new, second.summary.reports_known) == (0, 1)
        assert second.summary.strikes_new == 0
        assert [r.id for r in tw.reports()] == [stored.id]
        with pytest.raises(InputError) as caught:  # and another day is still refused
            tw.ingest_text(again, published=date(2026, 3, 1), source="example-wire")
        assert caught.value.code == "E174"
        assert tw.verify().ok


def test_a_text_stored_without_a_final_newline_is_found_with_one(db: str) -> None:
    with Trucewatch(db) as tw:
        tw.ingest_text(LF.rstrip("\n"), published=DAY, source="api")
        again = tw.ingest_text(LF.replace("\n", "\r\n"), published=DAY, source="file")
        assert again.summary.reports_known == 1
        assert [r.id for r in tw.reports()] == [_id(LF.rstrip("\n"))]


def test_a_new_text_is_stored_with_lf_line_endings_and_no_trailing_blanks(db: str) -> None:
    with Trucewatch(db) as tw:
        tw.ingest_text(
            "A drone hit Sumy overnight.  \r\nNo one was hurt.\t\r\n", published=DAY, source="x"
        )
        (stored,) = tw.reports()
        assert stored.content == "A drone hit Sumy overnight.\nNo one was hurt.\n"


def test_the_forms_of_an_lf_text_begin_with_itself() -> None:
    """An LF text without trailing blanks is stored as it is, so its id is the id it always had."""
    for text in (LF, LF.rstrip("\n"), "one line"):
        assert text_forms(text)[0] == text
