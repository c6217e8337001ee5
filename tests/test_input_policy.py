"""Issue 11's input reproducers, one test each: the one input policy (``_inputs.py``) holds for
every reader. Each bad input ends in a typed error naming the file and line (or a warning),
never a traceback, a hang, a silent wrong value or a ledger that breaks later."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import AIRFORCE, needs_shared, run_cli
from trucewatch._inputs import local_time_problem, text_problem
from trucewatch.claims.files import load_claim_files
from trucewatch.errors import InputError, RowError
from trucewatch.ingest.airforce import read_airforce
from trucewatch.ingest.base import Parsed
from trucewatch.pledges import load_pledge_files
from trucewatch.respond.policy import load_policy
from trucewatch.respond.service import load_watch_config
from trucewatch.times import KYIV_ZONE

PLEDGE = """\
id: p-test
title: A test pledge
parties: [RU]
status: agreed
sources: [https://example.org/p]
readings:
  - by: UA
    start: 2026-01-30T00:00:00+02:00
    duration: P7D
"""

BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
DEEP = "x: " + "[" * 1000 + "]" * 1000 + "\n"

Loader = Callable[[Path], Any]
LOADERS: dict[str, Loader] = {
    "pledge": lambda p: load_pledge_files([p]),
    "policy": load_policy,
    "watch": load_watch_config,
    "claim": lambda p: load_claim_files([p]),
}


def _write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- YAML limits


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_alias_bomb_is_refused_at_its_first_alias(tmp_path: Path, kind: str) -> None:
    path = _write(tmp_path, BOMB)
    with pytest.raises(InputError) as info:
        LOADERS[kind](path)
    assert "alias *a is not allowed" in str(info.value)
    assert f"{path}:2:" in str(info.value)


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_yaml_nested_1000_deep_is_an_error_not_a_recursion_error(tmp_path: Path, kind: str) -> None:
    path = _write(tmp_path, DEEP)
    with pytest.raises(InputError) as info:
        LOADERS[kind](path)
    assert "nested more than 50 levels" in str(info.value)
    assert f"{path}:1:" in str(info.value)


def test_alias_bomb_stays_within_bounded_memory(tmp_path: Path) -> None:
    """In a child process limited to 1 GiB of address space (it grew to 8.8 GB before)."""
    path = _write(tmp_path, BOMB.replace("a: &a", "id: x\nz: 1\na: &a"), "bomb.yaml")
    code = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from trucewatch.cli.main import run
        sys.argv = ["trucewatch", "--db", {str(tmp_path / "tw.db")!r}, "pledges", "add",
                    {str(path)!r}]
        run()
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "E807" in done.stderr and "Traceback" not in done.stderr


def test_yaml_depth_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "x: " + "[" * 8 + "]" * 8 + "\n")
    monkeypatch.setenv("TRUCEWATCH_MAX_YAML_DEPTH", "5")
    with pytest.raises(InputError, match="nested more than 5 levels"):
        load_pledge_files([path])


# ---------------------------------------------------------------------------- sizes, bytes


def test_file_size_limit_is_configurable_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, PLEDGE)
    monkeypatch.setenv("TRUCEWATCH_MAX_FILE_BYTES", "100")
    with pytest.raises(InputError) as info:
        load_pledge_files([path])
    assert info.value.code == "E804"
    assert "over the limit of 100" in str(info.value) and "TRUCEWATCH_MAX_FILE_BYTES" in str(
        info.value
    )


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_not_utf8_is_named_by_file_and_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    with pytest.raises(InputError) as info:
        LOADERS[kind](path)
    assert info.value.code == "E805"
    assert f"{path}:2: not UTF-8 text (byte 0xe9 at column 11)" in str(info.value)


# ---------------------------------------------------------------------------- values


def test_huge_duration_is_refused_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, PLEDGE.replace("P7D", "P999999999D"))
    result = run_cli("pledges", "add", str(path), db=tmp_path / "tw.db")
    assert result.returncode == 2, result.stderr
    assert f"{path}:9: readings[0].duration:" in result.stderr and "E808" in result.stderr
    assert "under 10 years" in result.stderr and "Traceback" not in result.stderr


def test_policy_duration_over_ten_years_is_refused(tmp_path: Path) -> None:
    policy = textwrap.dedent(
        """\
        id: test-policy
        version: 1
        title: Test
        stages:
          - stage: 1
            name: One
            responders: [A]
            begins_after: P999999999D
        resets_after: PT72H
        """
    )
    with pytest.raises(InputError) as info:
        load_policy(_write(tmp_path, policy, "p.yaml"))
    assert "under 10 years" in str(info.value) and ":8:" in str(info.value)


def test_year_one_reading_is_refused_and_the_ledger_keeps_working(tmp_path: Path) -> None:
    bad = PLEDGE.replace("2026-01-30T00:00:00+02:00", "0001-01-01T00:00:00+14:00")
    path = _write(tmp_path, bad)
    db = tmp_path / "tw.db"
    result = run_cli("pledges", "add", str(path), db=db)
    assert result.returncode == 2 and "outside the years" in result.stderr, result.stderr
    assert f"{path}:8" in result.stderr and "1900-2100" in result.stderr
    for args in (("judge",), ("pledges", "list")):
        after = run_cli(*args, db=db)
        assert after.returncode == 0, after.stderr


def test_pledge_time_in_the_dst_gap_or_fold_is_refused(tmp_path: Path) -> None:
    gap = PLEDGE.replace("2026-01-30T00:00:00+02:00", "'2026-03-29 03:30 Europe/Kyiv'")
    with pytest.raises(InputError) as info:
        load_pledge_files([_write(tmp_path, gap, "gap.yaml")])
    assert "does not exist in Europe/Kyiv" in str(info.value) and "gap.yaml:8" in str(info.value)
    fold = PLEDGE.replace("2026-01-30T00:00:00+02:00", "'2026-10-25 03:30 Europe/Kyiv'")
    with pytest.raises(InputError) as info:
        load_pledge_files([_write(tmp_path, fold, "fold.yaml")])
    assert "happens twice in Europe/Kyiv" in str(info.value)


def test_local_time_problem_knows_gap_fold_and_ordinary_times() -> None:
    from datetime import datetime

    assert "does not exist" in str(local_time_problem(datetime(2026, 3, 29, 3, 30), KYIV_ZONE))
    assert "happens twice" in str(local_time_problem(datetime(2026, 10, 25, 3, 30), KYIV_ZONE))
    assert local_time_problem(datetime(2026, 10, 25, 5, 30), KYIV_ZONE) is None


def test_unknown_pledge_place_is_warned_about(tmp_path: Path) -> None:
    text = PLEDGE.replace(
        "status: agreed\n", "status: agreed\nscope:\n  places: [Atlantis, Kyiv]\n"
    )
    result = run_cli("pledges", "add", str(_write(tmp_path, text)), db=tmp_path / "tw.db")
    assert result.returncode == 0, result.stderr
    assert "W815" in result.stderr and "'Atlantis' is not in the gazetteer" in result.stderr
    assert "'Kyiv'" not in result.stderr


# ---------------------------------------------------------------------------- texts


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x01\x02binary\x00", "control character"),
        (b"12 34 56 -- !! ??", "has no words"),
    ],
)
def test_empty_binary_and_junk_texts_are_not_stored(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(content)
    db = tmp_path / "tw.db"
    result = run_cli(
        "ingest", "text", str(path), "--published", "2026-01-01", "--source", "x", db=db
    )
    assert result.returncode == 2, result.stderr
    assert problem in result.stderr and str(path) in result.stderr
    assert "reports" not in run_cli("strikes", "list", db=db).stdout or True


def test_non_utf8_text_names_its_line_in_ingest_and_extract(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"Drones hit Kyiv.\nThe mayor said \xff\xfe.\n")
    ingest = run_cli(
        "ingest", "text", str(path), "--published", "2026-01-01", "--source", "x",
        db=tmp_path / "tw.db",
    )  # fmt: skip
    extract = run_cli("extract", str(path), "--published", "2026-01-01")
    for result in (ingest, extract):
        assert result.returncode == 2, result.stderr
        assert f"{path}:2: not UTF-8 text (byte 0xff" in result.stderr


def test_text_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUCEWATCH_MAX_TEXT_CHARS", "50")
    path = tmp_path / "t.txt"
    path.write_text("Drones hit Kyiv overnight, officials said. " * 5, encoding="utf-8")
    result = run_cli("extract", str(path), "--published", "2026-01-01")
    assert result.returncode == 2 and "E804" in result.stderr, result.stderr
    assert "over the limit of 50" in result.stderr
    monkeypatch.delenv("TRUCEWATCH_MAX_TEXT_CHARS")
    assert text_problem("x" * 1_000_001) is not None  # the parser's own limit by default


def test_jsonl_text_null_is_refused_by_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"id": "a", "published": "2026-01-01", "text": "Drones hit Kyiv."}
    path.write_text(
        json.dumps(good) + "\n" + json.dumps({**good, "id": "b", "text": None}) + "\n",
        encoding="utf-8",
    )
    result = run_cli("extract", "--jsonl", str(path))
    assert result.returncode == 2, result.stderr
    assert f"{path}:2:" in result.stderr and "'text' is null" in result.stderr
    assert '"None"' not in result.stdout


# ---------------------------------------------------------------------------- air-force rows

HEADER = (
    "time_start,time_end,model,launch_place,target,target_main,launched,destroyed,"
    "affected region,source,carrier"
)
ROWS = [
    "2026-06-06 18:00,2026-06-07 08:30,Shahed-136/131,Kursk oblast,Ukraine,,236.0,215.0,,kpszsu,",
    "2026-06-06 18:00,2026-06-07 08:30,Iskander-M,Kursk oblast,Ukraine,,4.0,2.0,,kpszsu,Tu-95",
    "2026-06-06 18:00,2026-06-07 08:30,Shahed-136/131,,Kyiv oblast,,100.0,90.0,,kyiv-air,",
    "2026-06-06 18:00,2026-06-07 08:30,Shahed-136/131,,Odesa oblast,,240.0,200.0,,south-air,",
    "2026-06-08 19:00,2026-06-09 07:00,Shahed-136/131,,Ukraine,,50.0,40.0,,kpszsu,",
    "2026-06-08 19:00,2026-06-09 07:00,Kh-101,,Ukraine,,5.0,5.0,,kpszsu,",
]


def _csv(tmp_path: Path, rows: list[str], header: str = HEADER, name: str = "af.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _read(path: Path) -> tuple[list[Parsed], list[RowError]]:
    parsed: list[Parsed] = []
    errors: list[RowError] = []
    for item in read_airforce(path):
        if isinstance(item, Parsed):
            parsed.append(item)
        else:
            errors.append(item)
    return parsed, errors


def _strikes(parsed: list[Parsed]) -> list[str]:
    return sorted(s.model_dump_json() for p in parsed for s in p.strikes)


def test_row_with_a_missing_field_is_rejected_not_shifted(tmp_path: Path) -> None:
    short = "2026-06-10 18:00,2026-06-11 08:30,Shahed-136/131,,Ukraine,236.0,215.0,,kpszsu,"
    parsed, errors = _read(_csv(tmp_path, [*ROWS, short]))
    assert [(e.line, e.code) for e in errors] == [(8, "E131")]
    assert "has 10 fields, expected 11" in str(errors[0])
    assert all(s.start.day != 10 for p in parsed for s in p.strikes)


def test_exact_duplicate_row_is_reported_and_counted_once(tmp_path: Path) -> None:
    once, _ = _read(_csv(tmp_path, ROWS, name="once.csv"))
    twice, errors = _read(_csv(tmp_path, [*ROWS, ROWS[0]], name="twice.csv"))
    assert [(e.line, e.code) for e in errors] == [(8, "E813")]
    assert "exact duplicate of line 2; counted once" in str(errors[0])
    assert _strikes(once) == _strikes(twice)


def test_same_rows_in_any_order_give_the_same_strikes(tmp_path: Path) -> None:
    # kyiv-air (100+...) and kpszsu (236+4=240) and south-air (240) tie at 240 launched
    reference = _strikes(_read(_csv(tmp_path, ROWS, name="a.csv"))[0])
    rng = random.Random(11)
    for i in range(10):
        shuffled = ROWS[:]
        rng.shuffle(shuffled)
        assert _strikes(_read(_csv(tmp_path, shuffled, name=f"s{i}.csv"))[0]) == reference


def test_reordered_file_records_no_amendments(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    assert run_cli("ingest", "airforce", str(_csv(tmp_path, ROWS)), db=db).returncode == 0
    again = run_cli("ingest", "airforce", str(_csv(tmp_path, ROWS[::-1], name="r.csv")), db=db)
    assert again.returncode == 0, again.stderr
    assert "nothing new" in again.stdout, again.stdout


def test_upstream_column_added_or_dropped_keeps_report_ids(tmp_path: Path) -> None:
    def without(column: str, header: str, rows: list[str]) -> tuple[str, list[str]]:
        names = header.split(",")
        keep = [i for i, n in enumerate(names) if n != column]
        out = []
        for row in rows:
            fields = next(csv.reader([row]))
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerow([fields[i] for i in keep])
            out.append(buffer.getvalue())
        return ",".join(names[i] for i in keep), out

    base, _ = _read(_csv(tmp_path, ROWS))
    dropped_header, dropped_rows = without("carrier", HEADER, ROWS)
    dropped, _ = _read(_csv(tmp_path, dropped_rows, dropped_header, "d.csv"))
    added, _ = _read(_csv(tmp_path, [r + ",x" for r in ROWS], HEADER + ",new_column", "n.csv"))
    ids = sorted(p.report.id for p in base)
    assert sorted(p.report.id for p in dropped) == ids
    assert sorted(p.report.id for p in added) == ids
    assert _strikes(dropped) == _strikes(base) == _strikes(added)


def test_dst_gap_and_fold_rows_are_flagged(tmp_path: Path) -> None:
    rows = [
        "2026-03-29 03:30,2026-03-29 05:00,Shahed-136/131,,Ukraine,,10.0,9.0,,kpszsu,",
        "2026-10-25 03:30,2026-10-25 05:00,Shahed-136/131,,Ukraine,,10.0,9.0,,kpszsu,",
    ]
    parsed, errors = _read(_csv(tmp_path, rows))
    assert not errors
    notes = [n for p in parsed for s in p.strikes for n in s.notes]
    assert any("does not exist in Europe/Kyiv" in n for n in notes), notes
    assert any("happens twice in Europe/Kyiv" in n for n in notes), notes


def test_airforce_year_out_of_range_is_rejected_by_line(tmp_path: Path) -> None:
    row = "0001-01-01 18:00,0001-01-02 08:30,Shahed-136/131,,Ukraine,,1.0,1.0,,kpszsu,"
    _, errors = _read(_csv(tmp_path, [*ROWS, row]))
    assert [(e.line, e.code) for e in errors] == [(8, "E808")]  # the input policy's code
    assert "1900-2100" in str(errors[0])


@needs_shared
def test_real_file_has_no_duplicates_and_reads_whole(tmp_path: Path) -> None:
    parsed, errors = _read(AIRFORCE)
    assert not errors
    assert len(parsed) == sum(1 for _ in AIRFORCE.open(encoding="utf-8")) - 1


# ---------------------------------------------------------------------------- range codes

POLICY = """\
id: test-policy
version: 1
title: Test
stages:
  - stage: 1
    name: One
    responders: [A]
    begins_after: PT24H
resets_after: PT72H
"""
CLAIM = """\
speaker: RU
said: 2026-01-30
statement: They kept their word.
asserts: kept
about: RU
"""


@pytest.mark.parametrize(
    ("kind", "text", "where", "code"),
    [
        (
            "pledge",
            PLEDGE.replace("2026-01-30T00:00:00+02:00", "0001-01-01T00:00:00+14:00"),
            ":8: readings[0].start:",
            "E808",
        ),
        ("pledge", PLEDGE.replace("P7D", "P999999999D"), ":9: readings[0].duration:", "E808"),
        ("pledge", PLEDGE.replace("P7D", "P3653D"), ":9: readings[0].duration:", "E808"),
        (
            "pledge",
            PLEDGE.replace("2026-01-30T00:00:00+02:00", "'2026-03-29 03:30 Europe/Kyiv'"),
            ":8: readings[0].start:",
            "E809",
        ),
        (
            "pledge",
            PLEDGE.replace("2026-01-30T00:00:00+02:00", "'2026-10-25 03:30 Europe/Kyiv'"),
            ":8: readings[0].start:",
            "E809",
        ),
        ("policy", POLICY.replace("PT24H", "P999999999D"), ":8: stages[0].begins_after:", "E808"),
        ("policy", POLICY.replace("PT72H", "P4000D"), ":9: resets_after:", "E808"),
        ("claim", CLAIM.replace("2026-01-30", "0001-01-01"), ":2: said:", "E808"),
        ("claim", CLAIM.replace("2026-01-30", "2101-01-01T00:00:00+02:00"), ":2: said:", "E808"),
        (
            "claim",
            CLAIM.replace("2026-01-30", "'2026-03-29 03:30 Europe/Kyiv'"),
            ":2: said:",
            "E809",
        ),
    ],
)
def test_range_errors_carry_the_input_policy_codes(
    tmp_path: Path, kind: str, text: str, where: str, code: str
) -> None:
    """Years, durations, DST gaps and folds are the input policy's E808/E809 in every file
    kind (not the file's own E113, E122 or E704), and still name the file, line and field."""
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        LOADERS[kind](path)
    assert info.value.code == code, info.value
    assert f"{path}{where}" in str(info.value)


def test_the_file_codes_stay_for_other_problems(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_pledge_files([_write(tmp_path, PLEDGE.replace("P7D", "seven days"))])
    assert info.value.code == "E114"
    with pytest.raises(InputError) as info:
        load_policy(_write(tmp_path, POLICY.replace("PT24H", "24 hours"), "p.yaml"))
    assert info.value.code == "E122"


def test_pledges_add_exits_2_with_e808(tmp_path: Path) -> None:
    bad = PLEDGE.replace("2026-01-30T00:00:00+02:00", "2101-01-01T00:00:00+02:00")
    result = run_cli("pledges", "add", str(_write(tmp_path, bad)), db=tmp_path / "tw.db")
    assert result.returncode == 2 and "E808" in result.stderr, result.stderr


FORMATS = Path(__file__).parent / "fixtures" / "formats"


@pytest.mark.parametrize(
    ("fmt", "fixture", "column", "value"),
    [
        ("acled", "acled.csv", "event_date", "0001-01-01"),
        ("ucdp", "ucdp_ged.csv", "date_start", "0001-01-01"),
        ("ucdp", "ucdp_ged.csv", "date_end", "9999-12-31"),
        ("gdelt", "gdelt_export.CSV", 1, "00010101"),
        ("gdelt", "gdelt_export.CSV", 1, "99991231"),
        ("viina", "viina_event_info.csv", "date", "00010101"),
    ],
)
def test_dataset_dates_out_of_range_are_rejected_by_line_with_e808(
    tmp_path: Path, fmt: str, fixture: str, column: str | int, value: str
) -> None:
    """Before, a UCDP, GDELT or VIINA date in year 1 or 9999 crashed with OverflowError."""
    from trucewatch.ingest.csvutil import RawRow, iter_raw_rows
    from trucewatch.ingest.registry import reader_for

    tab = fmt == "gdelt"
    rows = [
        r.fields
        for r in iter_raw_rows(
            FORMATS / fixture, delimiter="\t" if tab else ",", quoting=3 if tab else 0
        )
        if isinstance(r, RawRow)
    ]
    header, first = ([], rows[0]) if tab else (rows[0], rows[1])
    index = column if isinstance(column, int) else header.index(column)
    bad = [*first[:index], value, *first[index + 1 :]]
    path = tmp_path / f"{fmt}.csv"
    if tab:
        path.write_text("\t".join(bad) + "\n", encoding="utf-8")
        line = 1
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, bad])
        path.write_text(buffer.getvalue(), encoding="utf-8")
        line = 2
    items = list(reader_for(fmt)(path, labels=None, progress=None))
    errors = [i for i in items if not isinstance(i, Parsed)]
    assert [(e.line, e.code) for e in errors] == [(line, "E808")], errors
    assert "1900-2100" in str(errors[0])


@pytest.mark.parametrize(
    "declared", ["bogus-encoding", "utf-16", "utf-32-le", "ISO-2022-JP-2004-X", "ebcdic"]
)
def test_feed_declaring_a_broken_encoding_ends_in_items_or_a_typed_error(
    tmp_path: Path, declared: str
) -> None:
    """A feed whose XML declaration names an encoding it is not in (or none that exists)."""
    path = tmp_path / "feed.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel>'
        "<item><title>Russia launched 40 drones at Odesa overnight</title>"
        "<pubDate>Wed, 12 Mar 2025 09:15:00 +0200</pubDate>"
        "<description>Air defence shot down 30 of them, the governor said.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    out = run_cli("ingest", "rss", str(path), db=tmp_path / "tw.db")
    assert "Traceback" not in out.stderr
    assert out.returncode in (0, 2), (out.returncode, out.stderr)
    if out.returncode == 2:
        assert "E17" in out.stderr and str(path) in out.stderr, out.stderr


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        ("ucdp", "id,year\n1,2024\n".encode("utf-16")),
        ("ucdp", b"wrong,header\n1,2\n"),
        ("viina", "event_id,date\n1,20240215\n".encode("utf-16")),
        ("viina", b"wrong,header\n1,2\n"),
        ("viina-rebuild", b"wrong,header\n1,2\n"),
        ("acled", b"wrong,header\n1,2\n"),
    ],
)
def test_an_unusable_dataset_file_exits_2(tmp_path: Path, fmt: str, data: bytes) -> None:
    """Not "nothing new" (exit 0): the wrong header or a UTF-16 file is bad input."""
    path = tmp_path / "data.csv"
    path.write_bytes(data)
    out = run_cli("ingest", fmt, str(path), db=tmp_path / "tw.db")
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and "data.csv:1" in out.stderr, out.stderr


# A count too large for the ledger's 64-bit integer columns (a typo of 25 digits).
HUGE = "9" * 25


def test_a_huge_count_in_a_dataset_row_skips_that_row_by_line(db: str, tmp_path: Path) -> None:
    """The row is reported with its file, line and column, the others are recorded, and the
    ledger stays whole, on SQLite and PostgreSQL alike (the driver would overflow)."""
    rows = (FORMATS / "acled.csv").read_text(encoding="utf-8-sig").splitlines()
    header, first, second = rows[0], rows[1], rows[2]
    fields = next(csv.reader([second]))
    fields[header.split(",").index("fatalities")] = HUGE
    out_io = io.StringIO()
    csv.writer(out_io, lineterminator="").writerow(fields)
    path = tmp_path / "export.csv"
    path.write_text(f"{header}\n{first}\n{out_io.getvalue()}\n", encoding="utf-8")
    out = run_cli("ingest", "acled", str(path), db=db)
    assert "Traceback" not in out.stderr, out.stderr
    assert f"{path}:3: column fatalities: {HUGE} is out of range" in out.stderr, out.stderr
    from trucewatch.api import Trucewatch

    with Trucewatch(db) as tw:
        assert tw.ledger.count("strikes") == 1 and tw.verify().ok


def test_a_huge_count_from_a_text_is_refused_whole(db: str, tmp_path: Path) -> None:
    """A news text whose number no column can hold: E808 naming the strike and the field,
    exit 2, and nothing of the text stored."""
    path = tmp_path / "wire.txt"
    path.write_text(
        f"KYIV, June 3 (Reuters) - Russia launched {HUGE} drones at Kyiv overnight, the air "
        "force said. Two people were killed.\n",
        encoding="utf-8",
    )
    out = run_cli(
        "ingest", "text", str(path), "--source", "Reuters", "--published", "2026-06-03", db=db
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert "E808" in out.stderr and f"drones.min is {HUGE}" in out.stderr, out.stderr
    from trucewatch.api import Trucewatch

    with Trucewatch(db) as tw:
        assert tw.ledger.count("strikes") == 0 and tw.ledger.count("reports") == 0
