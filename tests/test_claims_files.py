"""Claim files, claims in the ledger (both backends), settling links, and the claims commands."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from conftest import CliResult, run_cli
from trucewatch.api import Trucewatch
from trucewatch.claims.files import parse_claims
from trucewatch.errors import ClaimError, NotFoundError
from trucewatch.model import ClaimAssertion, Quantity, TimePrecision

KYIV = ZoneInfo("Europe/Kyiv")

CLAIMS = """\
- speaker: RU
  person: Dmitry Peskov
  said: 2026-01-30
  statement: Trump asked that Kyiv not be struck for a week, until 1 February.
  asserts: window
  about: RU
  window: {end: 2026-02-01}
  url: https://example.org/kremlin
- id: c-us-kept
  speaker: US
  said: "2026-02-03 18:30 America/New_York"
  statement: It was from Sunday to Sunday, and he kept his word.
  asserts: kept
  about: RU
  pledge: kyiv26-cold-pause
  window: {start: 2026-01-25, end: 2026-02-01}
- speaker: UA
  said: 2025-04-18
  statement: Russia broke the energy moratorium more than 30 times.
  asserts: broken
  about: RU
  count: {min: 30}
  since: 2025-03-25
  targets: [energy]
"""


def test_a_claim_file_reads_into_claims() -> None:
    peskov, us, ua = parse_claims(CLAIMS, "c.yaml")
    assert peskov.asserts is ClaimAssertion.WINDOW and peskov.start is None
    assert peskov.end == datetime(2026, 2, 2, tzinfo=KYIV)  # the last day counts whole
    assert peskov.said_precision is TimePrecision.DAY and peskov.id.startswith("c-")
    assert (us.id, us.pledge, us.link) == ("c-us-kept", "kyiv26-cold-pause", "given")
    assert us.said_precision is TimePrecision.MINUTE
    assert us.start == datetime(2026, 1, 25, tzinfo=KYIV)
    assert ua.count == Quantity(min=30, max=None) and ua.targets == ("energy",)
    assert ua.since == datetime(2025, 3, 25, tzinfo=KYIV)
    assert parse_claims(CLAIMS, "c.yaml") == [peskov, us, ua]  # ids are stable


@pytest.mark.parametrize(
    ("bad", "where", "code"),
    [
        (CLAIMS.replace("asserts: window", "asserts: windw"), "c.yaml:5: asserts:", "E703"),
        (CLAIMS.replace("  person: Dmitry", "  persn: Dmitry"), "c.yaml:2: persn:", "E702"),
        (CLAIMS.replace("  said: 2026-01-30\n", ""), "c.yaml:1: said:", "E702"),
        (CLAIMS.replace("said: 2025-04-18", "said: 18 April"), "c.yaml:18: said:", "E704"),
        (CLAIMS.replace("speaker: UA", "speaker: ua"), "c.yaml:17: speaker:", "E703"),
        (CLAIMS.replace("targets: [energy]", "targets: [enrgy]"), "c.yaml:24: targets[0]:", "E703"),
        (
            CLAIMS.replace("{start: 2026-01-25, end", "{start: 2026-02-05, end"),
            "c.yaml:16: window.end:",
            "E704",
        ),
        (CLAIMS.replace("window: {end: 2026-02-01}", "window: {}"), "c.yaml:7: window:", "E704"),
        (CLAIMS.replace("id: c-us-kept", "id: US kept"), "c.yaml:9: id:", "E703"),
        (CLAIMS + CLAIMS.split("- id")[0], "c.yaml:25: id:", "E705"),
        ("- speaker: [unclosed\n", "c.yaml:2: (yaml):", "E701"),
        ("- just text\n", "c.yaml:1: (claim):", "E706"),
        ("# nothing\n", "c.yaml:1: (file):", "E706"),
    ],
)
def test_bad_claim_files_name_the_line_and_field(bad: str, where: str, code: str) -> None:
    with pytest.raises(ClaimError) as err:
        parse_claims(bad, "c.yaml")
    assert where in err.value.message, err.value.message
    assert err.value.code == code


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_claims_or_a_claim_error(raw: str) -> None:
    with contextlib.suppress(ClaimError):
        parse_claims(raw, "x.yaml")


def _ledger(db: str, tmp_path: Path) -> Trucewatch:
    t = Trucewatch(db)
    t.add_registry()
    path = tmp_path / "claims.yaml"
    path.write_text(CLAIMS, encoding="utf-8")
    t.add_claims([path])
    return t


def test_claims_are_ledger_entries_that_verify_and_rebuild(db: str, tmp_path: Path) -> None:
    t = _ledger(db, tmp_path)
    assert t.ledger.count("claims") == 3
    again = t.add_claims([tmp_path / "claims.yaml"])
    assert [r.outcome for r in again] == ["unchanged"] * 3
    ua = next(c for c in t.claims() if c.speaker == "UA")
    assert t.claim(ua.id[:8]) == ua
    assert t.link_claim(ua.id, "em25-energy-moratorium") == "linked"
    assert t.link_claim(ua.id, "em25-energy-moratorium") == "unchanged"
    assert [e.kind for e in t.history(ua.id)] == ["claim.recorded", "claim.linked"]
    assert t.claim(ua.id).link == "manual"
    assert t.verify().ok
    before = [c.model_dump() for c in t.claims()]
    t.rebuild()
    assert [c.model_dump() for c in t.claims()] == before
    with t.ledger.engine.begin() as conn:
        conn.execute(text("UPDATE claims SET payload = '{}' WHERE id = :i"), {"i": ua.id})
    assert any("claims row" in p for p in t.verify().projection_problems)
    t.rebuild()
    assert t.verify().ok
    t.close()


def test_a_manual_link_survives_the_claim_being_recorded_again(tmp_path: Path) -> None:
    t = _ledger(str(tmp_path / "tw.db"), tmp_path)
    ua = next(c for c in t.claims() if c.speaker == "UA")
    t.link_claim(ua.id, "eas25-easter-truce")
    t.record_claims([ua.model_copy(update={"statement": ua.statement + " (corrected)"})])
    assert t.claim(ua.id).pledge == "eas25-easter-truce"
    assert t.claim_links()[ua.id].how == "manual"
    t.close()


def test_linking_to_an_unknown_pledge_or_claim_is_not_found(tmp_path: Path) -> None:
    t = _ledger(str(tmp_path / "tw.db"), tmp_path)
    with pytest.raises(NotFoundError) as err:
        t.link_claim("c-us-kept", "no-such-pledge")
    assert err.value.code == "E721"
    with pytest.raises(NotFoundError) as err:
        t.claim("c-nothing-here")
    assert err.value.code == "E720"
    t.close()


def test_a_stated_window_adds_the_speakers_missing_reading(tmp_path: Path) -> None:
    t = Trucewatch(str(tmp_path / "tw.db"))
    t.add_registry()
    assert "US" not in {r.by for r in t.pledge("vd25-victory-day-truce").readings}
    path = tmp_path / "us.yaml"
    path.write_text(
        "speaker: US\nsaid: 2025-05-07\nasserts: window\nabout: RU\n"
        "statement: Washington said the Victory Day truce would run from 8 May to 10 May.\n"
        "window: {start: 2025-05-08, end: 2025-05-10}\nurl: https://example.org/us\n",
        encoding="utf-8",
    )
    [done] = t.add_claims([path])
    assert done.link.pledge == "vd25-victory-day-truce"
    assert done.reading == "adds a US reading to vd25-victory-day-truce"
    us = t.pledge("vd25-victory-day-truce").reading("US")
    assert (us.start, us.end) == (
        datetime(2025, 5, 8, tzinfo=KYIV),
        datetime(2025, 5, 11, tzinfo=KYIV),
    )
    assert us.sources == ("https://example.org/us",) and done.claim.id in (us.note or "")
    assert t.history("vd25-victory-day-truce")[-1].kind == "pledge.amended"
    [again] = t.add_claims([path])  # the reading is now on record: matched, not added twice
    assert again.reading == "beside the US reading on record"
    [check] = [c for c in t.check_claims(claim=done.claim.id) if c.role == "speaker"]
    assert check.outcome == "supported" and "matches the US reading" in check.why
    t.close()


# -- the commands ------------------------------------------------------------------------


def run(*args: str, db: Path | str, check: bool = True) -> CliResult:
    result = run_cli(*args, db=db)
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def test_claims_commands_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    path = tmp_path / "claims.yaml"
    path.write_text(CLAIMS, encoding="utf-8")
    run("pledges", "registry", db=db)
    story = tmp_path / "story.txt"
    story.write_text(
        "Trump answered that the pause had run from Sunday to Sunday. Russia hit hard "
        "overnight, he said, but Putin kept his word on the pause.",
        encoding="utf-8",
    )
    ingested = run(
        "ingest", "text", str(story), "--published", "2026-02-03", "--source", "wire", db=db
    ).stdout
    assert "1 claim\n" in ingested and "trucewatch claims show c-" in ingested
    added = run("claims", "add", str(path), db=db).stdout
    assert "c-us-kept: added, about kyiv26-cold-pause (given)" in added
    assert "about kyiv26-cold-pause (linker)" in added
    listed = json.loads(run("claims", "list", "--format", "json", db=db).stdout)
    assert {r["speaker"] for r in listed} == {"RU", "US", "UA"} and len(listed) == 4
    told = next(r for r in listed if r["statement"].startswith("Trump answered"))
    assert (told["pledge"], told["asserts"], told["person"]) == (
        "kyiv26-cold-pause",
        "kept",
        "Trump",
    )
    ua = next(r for r in listed if r["speaker"] == "UA")
    assert ua["pledge"] == "em25-energy-moratorium"
    run("claims", "link", ua["id"], "eas25-easter-truce", db=db)
    shown = json.loads(run("claims", "show", ua["id"], "--format", "json", db=db).stdout)
    assert shown["linked"]["how"] == "manual" and shown["pledge"] == "eas25-easter-truce"
    assert [h["kind"] for h in shown["history"]] == ["claim.recorded", "claim.linked"]
    rows = json.loads(
        run("claims", "check", "--pledge", "kyiv26-cold-pause", "--format", "json", db=db).stdout
    )
    peskov = next(r["id"] for r in listed if r["speaker"] == "RU")
    assert {r["claim"] for r in rows} == {"c-us-kept", peskov, told["id"]}
    us = [r for r in rows if r["claim"] == "c-us-kept"]
    assert [r["role"] for r in us] == ["speaker", "other", "other", "strictest"]
    csv_out = run("claims", "check", "--format", "csv", db=db).stdout.splitlines()
    assert csv_out[0].startswith("claim,said,speaker,person,asserts")
    assert (
        len(csv_out)
        == len(json.loads(run("claims", "check", "--format", "json", db=db).stdout)) + 1
    )
    table = run("claims", "check", "--pledge", "kyiv26-cold-pause", db=db).stdout
    assert "c-us-kept" in table and "strictest" in table
    text_out = run("claims", "show", "c-us-kept", db=db).stdout
    assert "It was from Sunday to Sunday" in text_out and "claim.recorded" in text_out


def test_claims_command_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    bad = tmp_path / "bad.yaml"
    bad.write_text(CLAIMS.replace("asserts: kept", "asserts: kep"), encoding="utf-8")
    result = run("claims", "add", str(bad), db=db, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "bad.yaml:13: asserts:" in result.stderr and "E703" in result.stderr
    missing = run("claims", "show", "c-missing", db=db, check=False)
    assert missing.returncode == 2 and "E720" in missing.stderr
    nopledge = run("claims", "check", "--pledge", "nope", db=db, check=False)
    assert nopledge.returncode == 2 and "Traceback" not in nopledge.stderr


@pytest.mark.parametrize(
    ("pledge", "code", "says"),
    [
        ("p" * 100, "E801", "pledge is 100 characters long; the ledger stores at most 80"),
        ("nosuch", "E721", "pledge 'nosuch' is not in the ledger"),
    ],
)
def test_a_claim_naming_a_bad_pledge_is_refused_and_records_nothing(
    db: str, tmp_path: Path, pledge: str, code: str, says: str
) -> None:
    """Too long for the column (PostgreSQL's varchar would fail in the driver) or not in the
    ledger (as ``claims link`` refuses): E801 / E721 naming the claim and its file, exit 2,
    and none of the file's claims is recorded, on both backends."""
    run("pledges", "registry", db=db)
    path = tmp_path / "c.yaml"
    path.write_text(CLAIMS.replace("pledge: kyiv26-cold-pause", f"pledge: {pledge}"), "utf-8")
    result = run("claims", "add", str(path), db=db, check=False)
    assert result.returncode == 2, result.stderr
    assert code in result.stderr and says in result.stderr
    assert "claim c-us-kept" in result.stderr and "c.yaml" in result.stderr
    assert "Traceback" not in result.stderr and "E899" not in result.stderr
    with Trucewatch(db) as t:
        assert t.ledger.count("claims") == 0
    path.write_text(CLAIMS, "utf-8")
    run("claims", "add", str(path), db=db)
