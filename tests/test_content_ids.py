"""Dataset report ids hash the fields each reader reads, not the raw line (issue 11).

An upstream column added or dropped that a reader does not read leaves every report id, and so
every strike, as it was: re-ingesting such a file adds nothing. A ledger built while ids hashed
the raw line keeps its strikes: re-ingesting the same file records each row's report once
under its new id and amends the strike to cite it (never a second strike), and from then on
the column changes add nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from trucewatch.api import Trucewatch
from trucewatch.ingest import acled, csvutil, gdelt, registry, ucdp, viina
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.csvutil import RawRow, Record, iter_raw_rows

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
LABELS = FIXTURES / "viina_event_labels.csv"


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)


# format -> (fixture, content columns, a column the reader does not read, or None (headerless))
CASES: dict[str, tuple[Path, tuple[str, ...], str | None]] = {
    "acled": (FIXTURES / "acled.csv", acled.CONTENT_COLUMNS, "assoc_actor_1"),
    "ucdp": (FIXTURES / "ucdp_ged.csv", ucdp.CONTENT_COLUMNS, "source_headline"),
    "gdelt": (FIXTURES / "gdelt_export.CSV", gdelt.CONTENT_COLUMNS, None),
    "viina": (FIXTURES / "viina_event_info.csv", viina.INFO_CONTENT, "address"),
}


def _read(fmt: str, path: Path, labels: Path | None = LABELS) -> list[Parsed]:
    if fmt == "acled":
        items: Iterator[object] = acled.read_acled(path)
    elif fmt == "ucdp":
        items = ucdp.read_ucdp(path)
    elif fmt == "gdelt":
        items = gdelt.read_gdelt(path)
    else:
        items = viina.read_viina(path, labels)
    return [p for p in items if isinstance(p, Parsed)]


def _table(path: Path, delimiter: str) -> list[list[str]]:
    """The file's well-formed records (the fixtures hold broken ones on purpose)."""
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    rows = iter_raw_rows(path, delimiter=delimiter, quoting=quoting)  # type: ignore[arg-type]
    return [r.fields for r in rows if isinstance(r, RawRow)]


def _write(path: Path, rows: list[list[str]], delimiter: str) -> Path:
    if delimiter == "\t":  # GDELT: tab-separated, no quoting
        path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
        return path
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _variants(fmt: str, folder: Path) -> dict[str, Path]:
    """The fixture's good rows as read, with a column added, and with an unread one dropped."""
    source, _columns, unread = CASES[fmt]
    delimiter = "\t" if fmt == "gdelt" else ","
    rows = _table(source, delimiter)
    out = {"base": _write(folder / f"{fmt}-base.csv", rows, delimiter)}
    if unread is None:  # headerless: an export may only grow at the end
        added = [[*r, "appended"] for r in rows]
    else:
        middle = len(rows[0]) // 2
        added = [
            [*r[:middle], "upstream_new" if i == 0 else f"v{i}", *r[middle:]]
            for i, r in enumerate(rows)
        ]
    out["added"] = _write(folder / f"{fmt}-added.csv", added, delimiter)
    if unread is not None:
        drop = rows[0].index(unread)
        dropped = [[v for j, v in enumerate(r) if j != drop] for r in rows]
        out["dropped"] = _write(folder / f"{fmt}-dropped.csv", dropped, delimiter)
    return out


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_every_column_read_is_in_the_content(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A column a reader reads but does not hash could change without changing the report."""
    seen: set[str] = set()
    real_get: Callable[[Record, str], str] = Record.get

    def get(self: Record, column: str) -> str:
        seen.add(column)
        return real_get(self, column)

    monkeypatch.setattr(Record, "get", get)
    assert _read(fmt, CASES[fmt][0])
    assert seen and seen <= set(CASES[fmt][1]), seen - set(CASES[fmt][1])


def test_viina_rebuild_reads_only_its_content_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = [*viina.REBUILD_CONTENT, "cluster_size"]
    row = [
        "e1",
        "20240215",
        "Kharkiv",
        "Kharkiv",
        "49.99",
        "36.23",
        "geonames",
        "1",
        "0",
        "drone strike",
        "ENERGY_GRID_SUPPORT",
        "Drones hit Kharkiv",
        "a|b",
        "https://x.example/1",
        "3",
    ]
    path = _write(tmp_path / "rebuild.csv", [header, row], ",")
    seen: set[str] = set()
    real_get: Callable[[Record, str], str] = Record.get

    def get(self: Record, column: str) -> str:
        seen.add(column)
        return real_get(self, column)

    monkeypatch.setattr(Record, "get", get)
    first = [p for p in viina.read_viina_rebuild(path) if isinstance(p, Parsed)]
    assert first and first[0].strikes and seen <= set(viina.REBUILD_CONTENT)
    monkeypatch.undo()
    moved = _write(tmp_path / "moved.csv", [header[::-1], row[::-1]], ",")
    again = [p for p in viina.read_viina_rebuild(moved) if isinstance(p, Parsed)]
    assert again[0].report.id == first[0].report.id  # columns in another order: the same report


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_an_unread_column_added_or_dropped_keeps_every_id(fmt: str, tmp_path: Path) -> None:
    files = _variants(fmt, tmp_path)
    base = _read(fmt, files["base"])
    assert base and any(p.strikes for p in base)
    for name, path in files.items():
        other = _read(fmt, path)
        assert [p.report.id for p in other] == [p.report.id for p in base], name
        assert [p.report.content for p in other] == [p.report.content for p in base], name
        assert [p.strikes for p in other] == [p.strikes for p in base], name


def test_a_read_column_changed_changes_the_id(tmp_path: Path) -> None:
    rows = _table(CASES["acled"][0], ",")
    fatalities = rows[0].index("fatalities")
    changed = [rows[0], *([*r[:fatalities], "99", *r[fatalities + 1 :]] for r in rows[1:])]
    base = _read("acled", _write(tmp_path / "a.csv", rows, ","))
    other = _read("acled", _write(tmp_path / "b.csv", changed, ","))
    assert all(a.report.id != b.report.id for a, b in zip(base, other, strict=True))


def _raw_line_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers as they were before: a report's content (and id) is the raw line."""
    for module in (acled, ucdp, gdelt, viina):
        monkeypatch.setattr(module, "row_content", lambda rec, columns: rec.text)
    # the column-based readers never had raw-line ids: the row readers wrote such ledgers
    monkeypatch.setattr(registry, "BATCH_READERS", {})


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_a_ledger_of_raw_line_ids_keeps_its_strikes(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _variants(fmt, tmp_path)
    labels = LABELS if fmt == "viina" else None
    db = str(tmp_path / "tw.db")
    with monkeypatch.context() as before:
        _raw_line_ids(before)
        with Trucewatch(db) as tw:
            built = tw.ingest_format(fmt, files["base"], labels=labels).summary
            strikes = tw.ledger.count("strikes")
    assert built.strikes_new == strikes > 0
    with Trucewatch(db) as tw:
        again = tw.ingest_format(fmt, files["base"], labels=labels).summary
        # Each report once more under its new id; each strike amended to cite it, none added.
        assert again.strikes_new == 0 and again.strikes_amended == strikes
        assert tw.ledger.count("strikes") == strikes
        for name, path in files.items():
            summary = tw.ingest_format(fmt, path, labels=labels).summary
            assert summary.added_nothing, (name, summary)
        assert tw.ledger.count("strikes") == strikes
        assert tw.verify().ok


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_column_changes_add_nothing_to_a_new_ledger(fmt: str, tmp_path: Path) -> None:
    files = _variants(fmt, tmp_path)
    labels = LABELS if fmt == "viina" else None
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        first = tw.ingest_format(fmt, files["base"], labels=labels).summary
        assert first.strikes_new > 0
        for name, path in files.items():
            assert tw.ingest_format(fmt, path, labels=labels).summary.added_nothing, name
        assert tw.verify().ok
