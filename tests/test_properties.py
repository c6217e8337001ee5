"""Property tests for every reader, the YAML loaders, the extractor and ``verify`` (issue 11).

The law for each target: any input ends in data (parsed rows, a loaded file, an extraction, a
verify verdict) or in a typed ``TrucewatchError`` that names where (file and line, or the
entry), within a time bound (each example under ``LIMIT_S`` seconds) and a memory bound (the
process stays under ``LIMIT_RSS``). No other exception, no hang.

The number of examples comes from the Hypothesis profile (see conftest.py): 2,000 per target
under ``ci`` (the default), 100,000 under ``nightly``. ``verify`` examples each copy and check
a whole ledger, so that target runs a tenth of the profile's count (200 under ``ci``).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from test_formats_csvutil import HEADERS, READERS, WIDTH
from trucewatch._inputs import text_problem
from trucewatch.claims.files import load_claim_files
from trucewatch.errors import InputError, RowError, TrucewatchError
from trucewatch.ingest import csvutil
from trucewatch.ingest.airforce import read_airforce
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.news import NewsItem, html_item, rss_items
from trucewatch.ingest.telegram import telegram_items
from trucewatch.pledges import load_pledge_files
from trucewatch.respond.policy import load_policy
from trucewatch.respond.service import load_watch_config

LIMIT_S = 20.0  # seconds per example, generous for a loaded 2-core machine
LIMIT_RSS = 3 << 20  # KiB (3 GiB): the whole test process, high-water mark

_FIELD = st.sampled_from(
    [
        b"",
        b"1",
        b"-3",
        b"2.5",
        b"nan",
        b"1e400",
        b"2026-01-02",
        b"2026-01-02 03:30",
        b"0001-01-01",
        b"9999-12-31 23:59",
        b"2026-03-29 03:30",
        b"Shahed-136/131",
        b"Kyiv",
        b"Atlantis",
        b'"quoted, field"',
        b'"open',
        b"\xff\xfe",
        b"\x00",
        b"['Kyiv oblast']",
        b"UKR1",
        b"Explosions/Remote violence",
        b"Russia",
        b"Ukraine",
        b"20260102",
        # dates the datasets read as YYYYMMDD and the values that make a row a strike, so a
        # date out of range reaches the strike window (it crashed there before, OverflowError)
        b"00010101",
        b"99991231",
        b"Government of Russia (Soviet Union)",
        b"Government of Ukraine",
        b"195",
        b"RUS",
    ]
)


@pytest.fixture(autouse=True)
def _no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)


def _tally() -> None:
    """Count the example in $TRUCEWATCH_PROPERTY_TALLY, a line per example, if it is set.

    bench/properties.py runs each target under the nightly profile with a wall-clock cap and
    reads this file for the number of examples a capped run got through.
    """
    tally = os.environ.get("TRUCEWATCH_PROPERTY_TALLY")
    if tally:
        target = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
        with open(tally, "a", encoding="utf-8") as out:
            out.write(target + "\n")


def _bounded(run: Callable[[], object]) -> None:
    """Run one example and check it stayed within the time and memory bounds."""
    _tally()
    started = time.monotonic()
    run()
    elapsed = time.monotonic() - started
    assert elapsed < LIMIT_S, f"one example took {elapsed:.1f} s"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert rss < LIMIT_RSS, f"the process grew to {rss // 1024} MiB"


def _typed(error: TrucewatchError, path: Path) -> None:
    """A typed error names the file (and a line when it is about a line)."""
    assert error.code.startswith("E"), error
    assert str(path) in str(error) or getattr(error, "path", None) == str(path), error


# ---------------------------------------------------------------------------- readers

AIRFORCE_HEADER = (
    b"time_start,time_end,model,launch_place,target,target_main,launched,destroyed,"
    b"affected region,source\n"
)


@st.composite
def _table(draw: st.DrawFn, header: bytes, width: int, sep: bytes = b",") -> bytes:
    rows = draw(st.lists(st.lists(_FIELD, min_size=width - 1, max_size=width + 1), max_size=5))
    tail = draw(st.binary(max_size=120))
    return header + b"".join(sep.join(r) + b"\n" for r in rows) + tail


def _reader_items(items: Iterator[Parsed | RowError], path: Path) -> None:
    for item in items:
        assert isinstance(item, Parsed | RowError)
        if isinstance(item, RowError):
            assert item.path == str(path) and item.line >= 1


@settings()
@given(data=st.one_of(st.binary(max_size=300), _table(AIRFORCE_HEADER, 10)))
def test_airforce_reader(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "af.csv"
    path.write_bytes(data)

    def run() -> None:
        try:
            _reader_items(read_airforce(path), path)
        except InputError as exc:
            _typed(exc, path)

    _bounded(run)


@settings()
@given(
    name=st.sampled_from(sorted(READERS)),
    body=st.data(),
)
def test_dataset_readers(tmp_path: Path, name: str, body: st.DataObject) -> None:
    sep = b"\t" if name == "gdelt" else b","
    data = body.draw(st.one_of(st.binary(max_size=300), _table(HEADERS[name], WIDTH[name], sep)))
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)

    def run() -> None:
        try:
            _reader_items(READERS[name](path), path)
        except InputError as exc:
            _typed(exc, path)

    _bounded(run)


_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [
                "Russia",
                "launched",
                "drones",
                "at Kyiv",
                "overnight",
                "on 3 February",
                "ceasefire",
                "agreed",
                "12",
                "missiles",
                "were shot down",
                ".",
                ",",
                "\n",
                "Росія",
                "дронів",
                "\x00",
                "\ufffd",
            ]
        ),
        max_size=40,
    ).map(" ".join),
)


@pytest.fixture(scope="module")
def warm_extractor() -> None:
    """Load the language models once, outside the timed examples."""
    from trucewatch.extract.dispatch import extract_any

    for text in ("Russia launched drones at Kyiv.", "Росія запустила дрони по Києву."):
        extract_any(text, date(2026, 1, 2))


@settings()
@given(text=_TEXT, day=st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_extractor_and_text_policy(warm_extractor: None, text: str, day: date) -> None:
    from trucewatch.extract.dispatch import extract_any

    def run() -> None:
        if text_problem(text) is not None:
            return  # refused before extraction: the ingest and extract commands say why
        result = extract_any(text, day)
        json.dumps(result.to_json(evidence=True))

    _bounded(run)


@settings()
@given(raw=st.one_of(st.binary(max_size=400), _TEXT.map(lambda t: f"<html><p>{t}</p>".encode())))
def test_html_reader(raw: bytes) -> None:
    def run() -> None:
        try:
            item = html_item(raw, None, "page.html")
        except InputError as exc:
            assert "page.html" in str(exc)
            return
        assert isinstance(item.text, str)

    _bounded(run)


_FEED = st.builds(
    lambda title, body, pub: (
        "<?xml version='1.0'?><rss version='2.0'><channel><item>"
        f"<title>{title}</title><description>{body}</description><pubDate>{pub}</pubDate>"
        "</item></channel></rss>"
    ).encode(),
    st.text(max_size=40).map(lambda t: t.replace("<", "").replace("&", "")),
    _TEXT.map(lambda t: t.replace("<", "").replace("&", "")),
    st.sampled_from(["Mon, 02 Feb 2026 10:00:00 GMT", "", "garbage", "Tue, 01 Jan 0001 00:00:00"]),
)


@settings()
@given(raw=st.one_of(st.binary(max_size=300), _FEED))
def test_feed_and_telegram_readers(raw: bytes) -> None:
    def run() -> None:
        readers: tuple[Callable[[], list[NewsItem]], ...] = (
            lambda: list(rss_items(raw, "feed.xml")),
            lambda: list(telegram_items(raw, locator="page.html")),
        )
        for reader in readers:
            try:
                items = reader()
            except InputError as exc:
                assert "feed.xml" in str(exc) or "page.html" in str(exc)
                continue
            assert all(isinstance(i.text, str) for i in items)

    _bounded(run)


_JSON_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.just("2026-01-02")
)


@settings()
@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=40),
            st.dictionaries(
                st.sampled_from(["id", "text", "published", "lang"]), _JSON_VALUE, max_size=4
            ).map(json.dumps),
        ),
        max_size=4,
    )
)
def test_jsonl_batch_reader(tmp_path: Path, lines: list[str]) -> None:
    from trucewatch.cli.extract import _batch

    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")

    def run() -> None:
        try:
            given, items = _batch(path, None)
        except InputError as exc:
            assert f"{path}:" in str(exc), exc
            return
        assert len(given) == len(items)
        for item_id, text, day, _lang in items:
            assert isinstance(item_id, str) and text_problem(text) is None
            assert 1900 <= day.year <= 2100

    _bounded(run)


# ---------------------------------------------------------------------------- YAML loaders

_SCALAR = st.sampled_from(
    [
        "x",
        "1",
        "-1",
        "P7D",
        "P999999999D",
        "PT24H",
        "2026-01-30T00:00:00+02:00",
        "0001-01-01T00:00:00+14:00",
        "'2026-03-29 03:30 Europe/Kyiv'",
        "[RU]",
        "[UA, RU]",
        "agreed",
        "https://example.org/p",
        "~",
        "&a [1, 2]",
        "*a",
        "{a: 1}",
        "[[[[[[",
        "]]",
        "'\\x00'",
        "2026-01-30",
    ]
)
_KEYS = st.sampled_from(
    [
        "id",
        "title",
        "parties",
        "status",
        "sources",
        "readings",
        "by",
        "start",
        "end",
        "duration",
        "scope",
        "places",
        "stages",
        "stage",
        "name",
        "responders",
        "begins_after",
        "resets_after",
        "version",
        "webhook",
        "interval",
        "claims",
        "speaker",
        "said",
        "text",
    ]
)


@st.composite
def _yaml(draw: st.DrawFn, depth: int = 0) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        key = draw(_KEYS)
        indent = "  " * depth
        if depth < 3 and draw(st.booleans()):
            inner = draw(_yaml(depth + 1))
            bullet = "- " if draw(st.booleans()) else ""
            lines.append(f"{indent}{bullet}{key}:\n{inner}")
        else:
            lines.append(f"{indent}{key}: {draw(_SCALAR)}")
    return "\n".join(lines) + "\n"


_YAML_LOADERS: dict[str, Callable[[Path], Any]] = {
    "pledge": lambda p: load_pledge_files([p]),
    "policy": load_policy,
    "watch": load_watch_config,
    "claim": lambda p: load_claim_files([p]),
}


@settings()
@given(
    kind=st.sampled_from(sorted(_YAML_LOADERS)),
    body=st.one_of(_yaml(), st.binary(max_size=200).map(lambda b: b.decode("latin-1"))),
    raw=st.booleans(),
)
def test_yaml_loaders(tmp_path: Path, kind: str, body: str, raw: bool) -> None:
    path = tmp_path / "f.yaml"
    if raw:
        path.write_bytes(body.encode("latin-1", "replace"))
    else:
        path.write_text(body, encoding="utf-8")

    def run() -> None:
        try:
            _YAML_LOADERS[kind](path)
        except TrucewatchError as exc:
            assert str(path) in str(exc), exc

    _bounded(run)


# ---------------------------------------------------------------------------- verify


@pytest.fixture(scope="module")
def ledger_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small SQLite ledger: air-force rows, a pledge, a checkpoint."""
    folder = tmp_path_factory.mktemp("verify-prop")
    db = folder / "tw.db"
    rows = [
        "2026-06-06 18:00,2026-06-07 08:30,Shahed-136/131,,Ukraine,,236.0,215.0,,kpszsu",
        "2026-06-06 18:00,2026-06-07 08:30,Iskander-M,,Kyiv,,4.0,2.0,,kpszsu",
        "2026-06-08 19:00,2026-06-09 07:00,Shahed-136/131,,Odesa,,50.0,40.0,,kpszsu",
    ]
    csv_path = folder / "af.csv"
    csv_path.write_text(AIRFORCE_HEADER.decode() + "\n".join(rows) + "\n", encoding="utf-8")
    assert run_cli("ingest", "airforce", str(csv_path), db=db).returncode == 0
    assert run_cli("pledges", "registry", db=db).returncode == 0
    key = folder / "key.pem"
    done = run_cli("checkpoint", "--key", str(key), "--new-key", db=db)
    assert done.returncode == 0, done.stderr
    return db


def _cells(db: Path) -> list[tuple[str, str, int]]:
    raw = sqlite3.connect(db)
    try:
        out: list[tuple[str, str, int]] = []
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            if table.startswith("sqlite_") or table == "alembic_version":
                continue
            columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})")]
            rowids = [r[0] for r in raw.execute(f"SELECT rowid FROM {table}")]
            out.extend((table, c, rowid) for c in columns for rowid in rowids)
        return out
    finally:
        raw.close()


_NEW_VALUE = st.one_of(
    st.none(),
    st.integers(-5, 10**6),
    st.text(max_size=20),
    st.binary(max_size=20),
    st.just('{"not": "the payload"}'),
)


@settings(max_examples=max(settings().max_examples // 10, 1))
@given(data=st.data())
def test_verify_gives_a_verdict_for_any_edit(
    tmp_path: Path, ledger_file: Path, data: st.DataObject
) -> None:
    from trucewatch import open as open_ledger

    db = tmp_path / "edited.db"
    shutil.copyfile(ledger_file, db)
    if data.draw(st.booleans(), label="cell edit (else a byte of the file)"):
        table, column, rowid = data.draw(st.sampled_from(_cells(ledger_file)), label="cell")
        value = data.draw(_NEW_VALUE, label="value")
        raw = sqlite3.connect(db)
        try:
            raw.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (value, rowid))
            raw.commit()
        except sqlite3.Error:
            return  # the database itself refused the edit (a constraint): nothing to check
        finally:
            raw.close()
    else:
        blob = bytearray(db.read_bytes())
        offset = data.draw(st.integers(0, len(blob) - 1), label="offset")
        blob[offset] = data.draw(st.integers(0, 255), label="byte")
        db.write_bytes(bytes(blob))

    def run() -> None:
        try:
            tw = open_ledger(str(db))
        except TrucewatchError:
            return  # not a ledger any more: said so, with a code
        try:
            result = tw.verify()
            assert isinstance(result.ok, bool)
        except TrucewatchError:
            pass
        finally:
            tw.close()

    _bounded(run)
