"""The column-based ACLED ingest writes exactly the entries and projections of the row path.

Both paths ingest the same file into fresh ledgers under one fixed clock; every stored entry
(seq, kind, key, payload, hashes), every projection row and the stored clusters must be equal
byte for byte, and both ledgers verify (which replays the log and recomputes ``merge.v1``).
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from conftest import bench_module, run_cli
from trucewatch.api import IngestResult, Trucewatch
from trucewatch.errors import RowError
from trucewatch.ingest import columns, csvutil
from trucewatch.ingest.acled import ACLED_COLUMNS, read_acled
from trucewatch.ingest.acled_batch import acled_batches
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.columns import SPACE, read_columns
from trucewatch.ledger import store
from trucewatch.model import Credibility, Quantity, Report, SourceKind, Strike, TimePrecision

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "formats" / "acled.csv"
TABLES = ("entries", "chain_head", "reports", "strikes", "strike_reports", "merge_members")
BATCH = 400


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every entry recorded at one instant, so two ledgers can hash alike."""

    class Fixed(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Fixed:
            return cls(2026, 12, 2, 7, 30, tzinfo=UTC)

    monkeypatch.setattr(store, "datetime", Fixed)


def _synthetic(path: Path, rows: int) -> None:
    """``bench/formats.py``'s rows, newest first, with the quirks a real export has: an event
    re-issued with a newer timestamp, padded and quoted values, and bad rows of every kind."""
    formats = bench_module("formats")
    last = date(2024, 6, 30)
    lines = [formats.acled_row(rows - i, last - timedelta(days=i // 40)) for i in range(rows)]
    good = lines[5].split(",")
    reissue = good.copy()
    reissue[-1] = str(int(good[-1]) + 1000)  # newer timestamp, same event id, more killed
    reissue[-3] = "7"
    lines.insert(3, ",".join(reissue))
    padded = next(csv.reader([lines[11]]))
    padded[21] = "  " + padded[21] + " \t"
    padded[18] = "\x1f" + padded[18] + "\u3000"  # what str.strip strips beyond ASCII
    padded[27] = 'He said "ten, maybe more" drones\u2028and left'
    lines[11] = _csv_line(padded)
    for i, (column, value) in enumerate(
        [
            (1, "2024-13-45"),  # event_date
            (3, "7"),  # time_precision
            (22, "north"),  # latitude (strike row)
            (24, "9"),  # geo_precision (strike row)
            (28, "2.5"),  # fatalities (strike row)
            (30, "soon"),  # timestamp
            (0, ""),  # event_id_cnty
            (1, "0001-01-01"),  # out of range (E808)
            (1, ""),  # event_date empty
        ]
    ):
        at = 14 + 4 * i
        while "Explosions/Remote violence" not in lines[at]:  # a strike row: every check runs
            at += 1
        fields = next(csv.reader([lines[at]]))
        fields[column] = value
        lines[at] = _csv_line(fields)
    header = ",".join(ACLED_COLUMNS)
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def _csv_line(fields: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


def _rows_path(tw: Trucewatch, path: Path, batch: int = BATCH) -> IngestResult:
    note = f"ingest acled {path.name}"
    return tw.ingest(read_acled(path), source=str(path), note=note, batch=batch)


def _batch_path(tw: Trucewatch, path: Path, batch: int = BATCH) -> IngestResult:
    note = f"ingest acled {path.name}"
    return tw.ingest_batches(acled_batches(path, batch=batch), source=str(path), note=note)


def _dump(tw: Trucewatch) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    with tw.ledger.engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted(tuple(r) for r in rows)
    return out


def _errors(result: IngestResult) -> list[tuple[int, str, str]]:
    return [(e.line, e.reason, e.code) for e in result.errors]


def _same_ledgers(
    tmp_path: Path,
    files: list[Path],
    before: list[Report | Strike] | None = None,
    *,
    batch: int = BATCH,
) -> list[IngestResult]:
    """Ingest ``files`` in turn through both paths (after ``before``); all must be equal.
    Returns the batch path's results."""
    found = []
    results: list[IngestResult] = []
    for name, ingest in (("rows", _rows_path), ("batch", _batch_path)):
        tw = Trucewatch(str(tmp_path / f"{name}.db"))
        if before:
            reports = [m for m in before if isinstance(m, Report)]
            tw.ledger.record(reports, [m for m in before if isinstance(m, Strike)])
        results = [ingest(tw, path, batch) for path in files]
        check = tw.verify()
        assert check.ok, check
        found.append((_dump(tw), [(_errors(r), r.rows, r.summary) for r in results]))
        tw.close()
    (rows_tables, rows_results), (batch_tables, batch_results) = found
    assert batch_results == rows_results
    for table in TABLES:
        assert batch_tables[table] == rows_tables[table], table
    assert rows_tables["entries"], "nothing was written"
    return results


def test_synthetic_export_gives_the_same_ledger(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    _synthetic(path, 1500)
    _same_ledgers(tmp_path, [path])


def test_every_bad_row_is_reported_as_the_row_reader_reports_it(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    _synthetic(path, 200)
    rows = [e for e in read_acled(path) if isinstance(e, RowError)]
    batch = [e for b in acled_batches(path) for e in b.errors]
    assert [(e.line, e.reason, e.code) for e in batch] == [(e.line, e.reason, e.code) for e in rows]
    assert len(batch) == 9
    assert {e.code for e in batch} == {"E130", "E808"}


def test_the_fixture_and_its_quirks_read_alike() -> None:
    """The fixture has a quoted line break, a blank line and short rows: the streaming reader
    reads it, and the batches hold what ``read_acled`` yields."""
    rows = list(read_acled(FIXTURE))
    batch = list(acled_batches(FIXTURE))
    parsed = [r for r in rows if isinstance(r, Parsed)]
    assert [r.report.model_dump(mode="json") for r in parsed] == [
        d for b in batch for d in b.reports
    ]
    strikes = [s.model_dump(mode="json") for r in parsed for s in r.strikes]
    assert strikes == [d for b in batch for d in b.strikes]
    errors = [(e.line, e.reason, e.code) for e in rows if isinstance(e, RowError)]
    assert [(e.line, e.reason, e.code) for b in batch for e in b.errors] == errors
    assert sum(b.rows for b in batch) == len(rows)


def test_values_are_stripped_of_what_str_strip_strips() -> None:
    assert "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()) == SPACE


def test_polars_reads_a_plain_file_and_refuses_short_rows_by_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    _synthetic(path, 60)
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines[7] = ",".join(lines[7].split(",")[:12])  # fields missing
    lines[9] = "," * 30  # every field empty: skipped, as the streaming reader skips it
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = read_columns(path, columns=("event_id_cnty",), required=("event_id_cnty",))
    assert found.polars
    assert [(e.line, e.code) for e in found.errors] == [(8, "E131")]
    assert 8 not in found.frame["__line"] and 10 not in found.frame["__line"]
    rows = [(e.line, e.reason) for e in read_acled(path) if isinstance(e, RowError)]
    assert [(e.line, e.reason) for b in acled_batches(path) for e in b.errors] == rows


def test_pieces_of_the_file_keep_their_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """polars reads the file a few lines at a time: records, lines and bad rows as one read."""
    monkeypatch.setattr(columns, "_SCAN", 997)
    path = tmp_path / "export.csv"
    _synthetic(path, 300)
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines[150] = ",".join(lines[150].split(",")[:9])  # fields missing, in a later piece
    path.write_text("\n".join(lines), encoding="utf-8")  # no final line feed
    assert read_columns(path, columns=("notes",), required=()).polars
    rows = list(read_acled(path))
    batch = list(acled_batches(path))
    errors = [(e.line, e.reason, e.code) for e in rows if isinstance(e, RowError)]
    assert [(e.line, e.reason, e.code) for b in batch for e in b.errors] == errors
    assert (151, "E131") in [(e[0], e[2]) for e in errors]
    parsed = [r for r in rows if isinstance(r, Parsed)]
    assert [r.report.model_dump(mode="json") for r in parsed] == [
        d for b in batch for d in b.reports
    ]
    strikes = [s.model_dump(mode="json") for r in parsed for s in r.strikes]
    assert strikes == [d for b in batch for d in b.strikes]


@pytest.mark.parametrize(
    "quirk",
    [b"\r\n", b"blank", b"\x00", b"\r", b"bad-utf8", b"quoted-break"],
)
def test_a_file_polars_cannot_number_goes_to_the_streaming_reader(
    tmp_path: Path, quirk: bytes
) -> None:
    path = tmp_path / "quirk.csv"
    _synthetic(path, 80)
    data = path.read_bytes()
    lines = data.split(b"\n")
    if quirk == b"\r\n":
        data = data.replace(b"\n", b"\r\n")
    elif quirk == b"blank":
        data = b"\n".join([*lines[:5], b"", *lines[5:]])
    elif quirk == b"bad-utf8":
        data = b"\n".join([*lines[:5], lines[5].replace(b"Suspilne", b"Susp\xffilne"), *lines[6:]])
    elif quirk == b"quoted-break":
        data = data.replace(b"damaging a house", b"damaging\na house", 3)
    else:
        data = b"\n".join([*lines[:5], lines[5].replace(b"Suspilne", b"Susp" + quirk), *lines[6:]])
    path.write_bytes(data)
    found = read_columns(path, columns=("event_id_cnty",), required=("event_id_cnty",))
    assert found.polars == (quirk == b"\r\n")
    rows = list(read_acled(path))
    batch = list(acled_batches(path))
    errors = [(e.line, e.reason, e.code) for e in rows if isinstance(e, RowError)]
    assert [(e.line, e.reason, e.code) for b in batch for e in b.errors] == errors
    assert [r.report.model_dump(mode="json") for r in rows if isinstance(r, Parsed)] == [
        d for b in batch for d in b.reports
    ]


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        (21, '"Khar"kiv'),  # text after a closing quote: polars cut a letter off
        (28, '"2"0'),  # fatalities: polars read 2
        (19, '"Kharkivskyi" '),  # a space after the closing quote
        (21, 'Khar"kiv'),  # a quote inside an unquoted field
    ],
)
def test_a_stray_quote_reads_as_the_streaming_reader_reads_it(
    tmp_path: Path, column: int, cell: str
) -> None:
    """A quote that neither opens nor closes a field: the streaming reader refuses the record
    (E130, by line) or keeps the quote as text; the column path must not store a field cut
    differently, so such a file is read by the streaming reader there too."""
    path = tmp_path / "quote.csv"
    _synthetic(path, 60)
    lines = path.read_text(encoding="utf-8").split("\n")
    fields = lines[20].split(",")
    fields[column] = cell
    lines[20] = ",".join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")
    found = read_columns(path, columns=("event_id_cnty",), required=("event_id_cnty",))
    assert not found.polars
    _same_ledgers(tmp_path, [path])


def test_a_reissued_export_amends_alike_and_a_second_ingest_adds_nothing(tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    _synthetic(first, 600)
    later = tmp_path / "later.csv"
    lines = first.read_text(encoding="utf-8").rstrip("\n").split("\n")
    edited = [lines[0]]
    for line in lines[1:200]:
        fields = next(csv.reader([line]))
        if fields[0] and fields[-1].isdigit():
            fields[-1] = str(int(fields[-1]) + 50_000)
            fields[28] = "9"
        edited.append(_csv_line(fields))
    later.write_text("\n".join(edited) + "\n", encoding="utf-8")
    _same_ledgers(tmp_path, [first, later, first])


def test_strikes_of_another_source_merge_alike(tmp_path: Path) -> None:
    """Strikes of another source overlapping the export: those ACLED rows go through the stored
    merge's replay, the rest are placed alone; the clusters are equal and verify."""
    path = tmp_path / "export.csv"
    _synthetic(path, 900)
    day = date(2024, 6, 20)
    before: list[Report | Strike] = []
    for i, (place, n) in enumerate([("Kharkiv", 40), ("Odesa", 12), ("Kyiv", 30)]):
        rep = Report.of_content(
            f"{place}: {n} drones, night of {day + timedelta(days=i)}",
            source=f"official-{i}",
            source_kind=SourceKind.OFFICIAL_UA,
            format="airforce",
        )
        start = datetime(2024, 6, 19 + i, 20, tzinfo=UTC)
        before.append(rep)
        before.append(
            Strike(
                id=Strike.id_for(f"airforce:{i}"),
                attacker="RU",
                start=start,
                end=start + timedelta(hours=9),
                time_precision=TimePrecision.NIGHT,
                drones=Quantity.exact(n),
                weapons=("drones",),
                places=tuple(p for p in [csvutil.resolve_name(place)] if p is not None),
                place_names=(place,),
                reports=(rep.id,),
                credibility=Credibility.CONFIRMED,
            )
        )
    _same_ledgers(tmp_path, [path], before)
    tw = Trucewatch(str(tmp_path / "batch.db"))
    merged = [s for s in tw.ledger.merged_strikes() if len(s.reports) > 1]
    tw.close()
    assert merged, "the test means some ACLED rows to merge with the air-force strikes"


def test_places_are_resolved_alike_without_the_gazetteer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unknown names keep the row's own coordinates, as ``places_for`` does."""
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)
    path = tmp_path / "export.csv"
    _synthetic(path, 120)
    _same_ledgers(tmp_path, [path])


def test_postgresql_gets_the_same_log(tmp_path: Path, pg_url: str) -> None:
    """The batch path on PostgreSQL (COPY, the placement query) writes the log the row path
    writes on SQLite, entry for entry, with strikes of another source among the rows."""
    path = tmp_path / "export.csv"
    _synthetic(path, 700)
    day = datetime(2024, 6, 22, 20, tzinfo=UTC)
    rep = Report.of_content(
        "Kharkiv: 30 drones overnight",
        source="official",
        source_kind=SourceKind.OFFICIAL_UA,
        format="airforce",
    )
    other = Strike(
        id=Strike.id_for("airforce:pg"),
        attacker="RU",
        start=day,
        end=day + timedelta(hours=9),
        time_precision=TimePrecision.NIGHT,
        drones=Quantity.exact(30),
        places=tuple(p for p in [csvutil.resolve_name("Kharkiv")] if p is not None),
        reports=(rep.id,),
    )
    logs = []
    for db, ingest in ((str(tmp_path / "rows.db"), _rows_path), (pg_url, _batch_path)):
        tw = Trucewatch(db)
        tw.ledger.record([rep], [other])
        ingest(tw, path)
        assert tw.verify().ok
        with tw.ledger.engine.connect() as conn:
            logs.append(conn.execute(text("SELECT * FROM entries ORDER BY seq")).all())
        tw.close()
    assert [tuple(r) for r in logs[1]] == [tuple(r) for r in logs[0]]


def _two_versions(path: Path, newer_first: bool) -> None:
    """UKR1 twice, only ``fatalities`` and ``timestamp`` differing: 7 is the newer version."""
    header, row = list(csv.reader(io.StringIO(FIXTURE.read_text(encoding="utf-8-sig"))))[:2]
    newer = dict(zip(header, row, strict=True), event_id_cnty="UKR1")
    newer.update(fatalities="7", timestamp="1708300001")
    older = dict(newer, fatalities="9", timestamp="1708299999")
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows([newer, older] if newer_first else [older, newer])


@pytest.mark.parametrize("batch", [BATCH, 1], ids=["one-batch", "two-batches"])
@pytest.mark.parametrize("newer_first", [True, False], ids=["newer-first", "older-first"])
def test_two_versions_in_one_file_keep_the_newest_timestamp(
    tmp_path: Path, newer_first: bool, batch: int
) -> None:
    """ACLED's rule: the version with the newest ``timestamp`` is kept, whatever the file order
    and whether the versions share a batch; both paths write the same entries."""
    path = tmp_path / "both.csv"
    _two_versions(path, newer_first)
    (result,) = _same_ledgers(tmp_path, [path], batch=batch)
    assert (result.summary.reports_new, result.summary.strikes_new) == (2, 1)
    if batch == 1 and not newer_first:
        assert (result.summary.strikes_amended, result.summary.strikes_stale) == (1, 0)
    else:
        assert (result.summary.strikes_amended, result.summary.strikes_stale) == (0, 1)
    for name in ("rows", "batch"):
        with Trucewatch(str(tmp_path / f"{name}.db")) as tw:
            assert [s.killed for s in tw.strike_records()] == [7], name


@pytest.mark.parametrize("newer_first", [True, False], ids=["newer-first", "older-first"])
def test_the_cli_keeps_the_newest_of_two_versions_in_one_file(
    tmp_path: Path, newer_first: bool
) -> None:
    path = tmp_path / "both.csv"
    _two_versions(path, newer_first)
    result = run_cli("ingest", "acled", str(path), db=tmp_path / "one.db")
    assert result.returncode == 0, result.stderr
    assert "1 new strike," in result.stdout
    with Trucewatch(str(tmp_path / "one.db")) as tw:
        assert [s.killed for s in tw.strike_records()] == [7]
        assert tw.verify().ok
