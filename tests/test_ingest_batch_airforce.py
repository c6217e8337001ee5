"""The air-force ingest without models (``airforce_batch``) writes exactly the row path's ledger.

Both paths ingest the same file into fresh ledgers under one fixed clock (``fixed_clock`` from
``test_ingest_batch``); every stored entry, projection row and cluster must be equal byte for
byte, the same bad rows reported by line with the same messages, and both ledgers verify.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import AIRFORCE, bench_module
from test_ingest_batch import TABLES, _dump, _errors, fixed_clock  # noqa: F401
from trucewatch.api import IngestResult, Trucewatch
from trucewatch.ingest.airforce import read_airforce
from trucewatch.ingest.airforce_batch import airforce_batches

REPO = Path(__file__).resolve().parents[1]
BATCH = 300


# Hand-made rows after the bench's waves: bad rows of each kind, a duplicate, nights, a DST
# fold, two posts reporting one wave, unknown weapons and places, a single moment.
EXTRA = [
    "2024-13-01 10:00,2024-13-01 12:00,Shahed-136/131,,Ukraine,,5,4,,,,,,,,,,,,,,kpszsu",
    "1800-01-01 10:00,1800-01-01 12:00,Shahed-136/131,,Ukraine,,5,4,,,,,,,,,,,,,,kpszsu",
    "2024-03-01 10:00,2024-03-01 12:00,,,Ukraine,,5,4,,,,,,,,,,,,,,kpszsu",
    "2024-03-01 10:00,2024-03-01 12:00,Shahed-136/131,,Ukraine,,-5,4,,,,,,,,,,,,,,kpszsu",
    "2024-03-01 10:00,2024-03-01 12:00,Shahed-136/131,,Ukraine,,5,4,,,kpszsu",
    "2024-03-01 10:00,2024-03-01 12:00,Shahed-136/131,,Ukraine,,5,4,,,,,,,,,,,,,,kpszsu,extra",
    "2024-03-02 12:00,2024-03-01 10:00,Shahed-136/131,,Ukraine,,5,4,,,,,,,,,,,,,,kpszsu",
    "2024-03-03 18:00,2024-03-04 07:00,Shahed-136/131,,Kyiv oblast and Lviv oblast,,"
    "40,38,,,,,,,,,,\"['Kyiv', 'Odesa oblast']\",,,,kpszsu",
    "2024-03-03 18:00,2024-03-04 07:00,Shahed-136/131,,Kyiv oblast and Lviv oblast,,"
    "40,38,,,,,,,,,,\"['Kyiv', 'Odesa oblast']\",,,,kpszsu",
    "2024-03-03 18:00,2024-03-04 07:00,Shahed-136/131,,Kyiv oblast,,30,20,,,,,,,,,,,,,,PvKPivden",
    "2024-03-03 18:00,2024-03-04 07:00,Kalibr and Iskander-M,,Atlantis,,3,,,,,,,,,,,,,,,kpszsu",
    "2024-03-03 18:00,2024-03-04 07:00,Mystery-9,,south,,7,1,,,,,,,,,,,,,,kpszsu",
    "2024-03-05,2024-03-06 08:00,Shahed-136/131,,Odesa oblast,,12,12,,,,,,,,,,,,,,kpszsu",
    "2024-03-06 19:00,2024-03-07,Shahed-136/131,,Odesa oblast,,12,10,,,,,,,,,,,,,,kpszsu",
    "2024-03-08,2024-03-08,X-101/X-555,,Ukraine,,2,2,,,,,,,,,,,,,,https://t.me/kpszsu/1",
    "2024-10-27 03:30,2024-10-27 05:00,Shahed-136/131,,Ukraine,,9,9,,,,,,,,,,,,,,kpszsu",
    "2024-03-31 03:30,2024-03-31 05:00,Shahed-136/131,,Ukraine,,9,9,,,,,,,,,,,,,,kpszsu",
    "2024-04-01 15:00,2024-04-01 15:00,Iskander-M,,Kharkiv oblast,,1,0,,,,,,,,,,,,,,",
    '2024-04-02 10:00,2024-04-02 12:00,"Shahed-136/131,,Ukraine,,5,4,,,,,,,,,,,,,,kpszsu',
]


def _synthetic(path: Path, rows: int) -> None:
    bench = bench_module("ingest")
    bench.write_rows(path, rows, random.Random(5))
    with path.open("ab") as fh:
        fh.write("\n".join(EXTRA[:-1]).encode("utf-8") + b"\n")
        # a row that is not UTF-8 (E133)
        fh.write(b"2024-04-03 10:00,2024-04-03 12:00,Shahed,,Ukraine,,\xff\xfe,1,")
        fh.write(b",,,,,,,,,,,,,,kpszsu\n")
        fh.write(EXTRA[-1].encode("utf-8") + b"\n")


def _rows_path(tw: Trucewatch, path: Path) -> IngestResult:
    note = f"ingest airforce {path.name}"
    return tw.ingest(read_airforce(path), source=str(path), note=note, batch=BATCH)


def _batch_path(tw: Trucewatch, path: Path) -> IngestResult:
    note = f"ingest airforce {path.name}"
    return tw.ingest_batches(airforce_batches(path, batch=BATCH), source=str(path), note=note)


def _same_ledgers(tmp_path: Path, files: list[Path]) -> list[tuple[int, str, str]]:
    """Ingest ``files`` in turn through both paths; all must be equal. Returns the errors."""
    found = []
    for name, ingest in (("rows", _rows_path), ("batch", _batch_path)):
        tw = Trucewatch(str(tmp_path / f"{name}.db"))
        results = [ingest(tw, path) for path in files]
        check = tw.verify()
        assert check.ok, check
        found.append((_dump(tw), [(_errors(r), r.rows, r.summary) for r in results]))
        tw.close()
    (rows_tables, rows_results), (batch_tables, batch_results) = found
    assert batch_results == rows_results
    for table in TABLES:
        assert batch_tables[table] == rows_tables[table], table
    assert rows_tables["entries"], "nothing was written"
    assert rows_tables["merge_members"], "no clusters"
    return [e for r in rows_results for e in r[0]]


def test_synthetic_file_gives_the_same_ledger(tmp_path: Path) -> None:
    path = tmp_path / "missile_attacks_daily.csv"
    _synthetic(path, 1200)
    errors = _same_ledgers(tmp_path, [path])
    codes = ["E131", "E808", "E131", "E131", "E131", "E131", "E131", "E813", "E133", "E131"]
    lines = [1202, 1203, 1204, 1205, 1206, 1207, 1208, 1210, 1220, 1221]
    assert [(line, code) for line, _, code in errors] == list(zip(lines, codes, strict=True))
    assert errors[7][1] == "exact duplicate of line 1209; counted once"


def test_synthetic_file_twice_adds_nothing_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "missile_attacks_daily.csv"
    _synthetic(path, 700)
    _same_ledgers(tmp_path, [path, path])


@pytest.mark.skipif(not AIRFORCE.is_file(), reason="the shared air-force file is absent")
def test_real_file_gives_the_same_ledger(tmp_path: Path) -> None:
    _same_ledgers(tmp_path, [AIRFORCE])


BIG = "9223372036854775807"  # BIGINT_MOST: the largest count the ledger stores
WAVE = "2024-05-0{day} 18:00,2024-05-0{next} 07:00,Shahed-136/131,,Ukraine,,{launched},{destroyed}"


def _with_rows(path: Path, rows: list[str]) -> int:
    """The bench's waves with ``rows`` (air-force lines) after them; the first one's line."""
    bench_module("ingest").write_rows(path, 300, random.Random(5))
    first = path.read_bytes().count(b"\n") + 1
    with path.open("a", encoding="utf-8") as fh:
        fh.write("".join(row + ",,,,,,,,,,,,,,kpszsu\n" for row in rows))
    return first


@pytest.mark.parametrize(
    ("launched", "destroyed", "reason"),
    [
        ("2.5", "1", "column launched: '2.5' is not a whole number"),
        ("9" * 25, "1", f"column launched: {'9' * 25} is out of range (at most 9,223,372,036"),
        ("5", "9" * 25 + ".0", "column destroyed: 9999999999999999999999999.0 is out of range"),
        ("9223372036854775808", "1", "column launched: 9223372036854775808 is out of range"),
        ("-5", "1", "column launched: -5 is negative"),
        ("5", "0.5", "column destroyed: '0.5' is not a whole number"),
    ],
)
def test_a_bad_count_skips_its_row_by_line_and_column_on_both_paths(
    tmp_path: Path, launched: str, destroyed: str, reason: str
) -> None:
    path = tmp_path / "missile_attacks_daily.csv"
    line = _with_rows(path, [WAVE.format(day=1, next=2, launched=launched, destroyed=destroyed)])
    errors = _same_ledgers(tmp_path, [path])
    (found,) = [e for e in errors if e[0] == line]
    assert found[1].startswith(reason) and found[2] == "E131", found
    with Trucewatch(str(tmp_path / "batch.db")) as tw:
        assert tw.strike_records(), "the other rows are kept"


def test_the_largest_count_is_stored_exactly_and_a_sum_beyond_it_refuses_its_wave(
    tmp_path: Path,
) -> None:
    """One cell of BIGINT_MOST is stored as written (no float rounds it up); two in one wave
    add up beyond it, so both rows are refused by line, and the rest of the file is kept."""
    path = tmp_path / "missile_attacks_daily.csv"
    alone = WAVE.format(day=1, next=2, launched=BIG, destroyed="3.0")
    twice = WAVE.format(day=3, next=4, launched=BIG, destroyed="1")
    line = _with_rows(path, [alone, twice, twice.replace("Ukraine", "Odesa oblast")])
    errors = _same_ledgers(tmp_path, [path])
    refused = [e for e in errors if e[0] >= line]
    assert [(e[0], e[2]) for e in refused] == [(line + 1, "E131"), (line + 2, "E131")]
    assert refused[0][1] == (
        "column launched: the wave's drones launched add up to 18446744073709551614, "
        "out of range (at most 9,223,372,036,854,775,807)"
    )
    with Trucewatch(str(tmp_path / "rows.db")) as tw:
        big = [s for s in tw.strike_records() if s.drones and s.drones.max == int(BIG)]
    assert len(big) == 1 and big[0].drones is not None and big[0].drones.min == int(BIG)
    assert big[0].drones_downed == 3
