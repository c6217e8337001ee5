"""Golden hashes: the canonical JSON and the entry hash are pinned, byte for byte.

A faster encoder (or a batch path) must give exactly these bytes, or every ledger written so
far would stop verifying. If a model gains a field on purpose, the model-level literals below
change for new entries only (stored payloads are hashed as stored); update them knowingly.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trucewatch import geo
from trucewatch.ingest import csvutil
from trucewatch.ingest.acled import read_acled
from trucewatch.ingest.acled_batch import acled_batches
from trucewatch.ingest.airforce import read_airforce
from trucewatch.ingest.airforce_batch import airforce_batches
from trucewatch.ingest.base import Parsed
from trucewatch.ledger.chain import GENESIS, canonical_json, chain_hashes, entry_hash
from trucewatch.ledger.store import _payload_text
from trucewatch.model import Place, Quantity, Report, SourceKind, Strike, TimePrecision

K = ZoneInfo("Europe/Kyiv")
REPORT = Report(
    id="r-0123456789abcdef",
    source="ua-air-force/kpszsu",
    source_kind=SourceKind.OFFICIAL_UA,
    format="airforce",
    content="Вночі 2 лютого — 450 ударних БпЛА «Shahed»\n",
    content_hash="ab" * 32,
    published=datetime(2026, 2, 3, 9, 30, tzinfo=K),
    locator="missile_attacks_daily.csv:2",
)
STRIKE = Strike(
    id="s-0123456789abcdef",
    attacker="RU",
    start=datetime(2026, 2, 2, 18, tzinfo=K),
    end=datetime(2026, 2, 3, 9, 30, tzinfo=K),
    time_precision=TimePrecision.MINUTE,
    drones=Quantity(min=350, max=500),
    missiles=Quantity.exact(65),
    drones_downed=401,
    weapons=("drones", "missiles"),
    place_names=("Київ", "Kharkiv Oblast"),
    targets=("energy",),
    injured=3,
    reports=(REPORT.id,),
    notes=('1.5x more than "last" week',),
)
NOTE = "ingest airforce x.csv"
REPORT_PAYLOAD = (
    '{"data":{"content":"Вночі 2 лютого — 450 ударних БпЛА «Shahed»\\n","content_hash":"'
    + "ab" * 32
    + '","format":"airforce","id":"r-0123456789abcdef","key":null,"locator":'
    '"missile_attacks_daily.csv:2","published":"2026-02-03T09:30:00+02:00","source":'
    '"ua-air-force/kpszsu","source_kind":"official_ua","url":null},"note":"ingest airforce x.csv"}'
)
REPORT_HASH = "7c9afd962e6b28b8f6eb3cada3e63e71caf76ab19545c409dccd30f93a0ae1dd"
STRIKE_HASH = "7c0938e550369b0e0fa1293ba42aeec218621608881d95619108ad05a4c9c709"


def test_canonical_json_bytes() -> None:
    value = {"b": 1.5, "a": [None, True, 1e16, "ü\u2028\x01"], "é": {}}
    assert canonical_json(value) == '{"a":[null,true,1e+16,"ü\u2028\\u0001"],"b":1.5,"é":{}}'


def test_entry_hash_of_a_stored_payload() -> None:
    digest = entry_hash(
        7, "report.received", REPORT.id, "2026-02-03T10:00:00Z", GENESIS, REPORT_PAYLOAD
    )
    assert digest == REPORT_HASH


def test_report_and_strike_payloads_hash_as_pinned() -> None:
    payload, data = _payload_text({"data": REPORT.model_dump(mode="json"), "note": NOTE})
    assert payload == REPORT_PAYLOAD and data is not None and payload.startswith('{"data":' + data)
    payload, _ = _payload_text({"data": STRIKE.model_dump(mode="json"), "note": NOTE})
    digest = entry_hash(7, "strike.recorded", STRIKE.id, "2026-02-03T10:00:00Z", GENESIS, payload)
    assert digest == STRIKE_HASH


_text = st.text(max_size=12)


@given(
    st.integers(1, 10**12),
    st.lists(st.tuples(st.sampled_from(["strike.recorded", "report.received"]), _text, _text)),
)
def test_the_batch_hasher_gives_the_entry_hashes(
    first: int, items: list[tuple[str, str, str]]
) -> None:
    entries = [(kind, key, canonical_json({"data": value})) for kind, key, value in items]
    prev = GENESIS
    want = []
    for i, (kind, key, payload) in enumerate(entries):
        prev = entry_hash(first + i, kind, key, "2026-02-03T10:00:00Z", prev, payload)
        want.append(prev)
    assert chain_hashes(first, GENESIS, "2026-02-03T10:00:00Z", entries) == want


ACLED = Path(__file__).parent / "fixtures" / "formats" / "acled.csv"
ACLED_NOTE = "ingest acled acled.csv"
ACLED_STRIKE_PAYLOAD = (
    '{"data":{"attacker":"UA","claimed_by":null,"credibility":"weak","drones":null,'
    '"drones_downed":null,"end":"2024-02-18T22:00:00Z","geo_precision":"near",'
    '"id":"s-3a4b48214f00b9f7","injured":null,"killed":0,"missiles":null,"missiles_downed":null,'
    '"models":[],"notes":["Around 15 February 2024, Ukrainian forces shelled Horlivka, Donetsk, '
    'with artillery and a \\"Tochka-U\\" missile, per Russian sources."],'
    '"place_names":["Donetsk","Horlivka"],"places":[{"gazetteer_id":null,"kind":"settlement",'
    '"lat":48.3336,"lon":38.0925,"name":"Horlivka","oblast":"Donetsk"}],'
    '"reports":["r-f06f1969056d29b7"],"start":"2024-02-11T22:00:00Z","targets":[],'
    '"time_precision":"week","tz":"Europe/Kyiv","weapons":["artillery","missiles"]},'
    '"note":"ingest acled acled.csv"}'
)
ACLED_REPORT_HASH = "d27452f9c593c6d13f8fc628e1b87cb59e6fb3deacafa9495e7feb922f36ee47"
ACLED_STRIKE_HASH = "240517f35599f29db68750271ade9f7fb9ea6bf083bb2645ff0ac573a99cdf90"


def test_acled_payloads_hash_as_pinned_by_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """The column-based ACLED path builds payload dicts itself: pinned here, byte for byte, and
    the row reader's models encode to the same bytes (oldest row: UKR140002, a week)."""
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)
    (batch,) = list(acled_batches(ACLED))
    rows = [p for p in read_acled(ACLED) if isinstance(p, Parsed)]
    report, strike = rows[0].report.model_dump(mode="json"), rows[0].strikes[0]
    assert (batch.reports[0], batch.strikes[0]) == (report, strike.model_dump(mode="json"))
    payload, _ = _payload_text({"data": batch.reports[0], "note": ACLED_NOTE})
    digest = entry_hash(
        1, "report.received", report["id"], "2026-12-02T07:30:00Z", GENESIS, payload
    )
    assert digest == ACLED_REPORT_HASH
    payload, _ = _payload_text({"data": batch.strikes[0], "note": ACLED_NOTE})
    assert payload == ACLED_STRIKE_PAYLOAD
    digest = entry_hash(2, "strike.recorded", strike.id, "2026-12-02T07:30:00Z", GENESIS, payload)
    assert digest == ACLED_STRIKE_HASH


AIRFORCE_ROWS = (
    "time_start,time_end,model,launch_place,target,target_main,launched,destroyed,"
    "affected region,source\n"
    "2026-02-02 18:00,2026-02-03 09:30,Shahed-136/131,Kursk,Kyiv oblast and south,,450.0,401.0,"
    "\"['Kyiv']\",kpszsu/posts/pfbid0x\n"
    "2026-02-02 18:00,2026-02-03 09:30,X-101/X-555,,Kyiv oblast,,65,60,,kpszsu/posts/pfbid0x\n"
)
AIRFORCE_NOTE = "ingest airforce missile_attacks_daily.csv"
AIRFORCE_REPORT_PAYLOAD = (
    '{"data":{"content":"2026-02-02 18:00,2026-02-03 09:30,X-101/X-555,,Kyiv oblast,,,65,60,'
    'kpszsu/posts/pfbid0x","content_hash":'
    '"154adf60d70899a5276aaadafef4aad7f7c7d79d455f558a3d10a8f79b0e5a43","format":"airforce",'
    '"id":"r-154adf60d70899a5","key":null,"locator":"missile_attacks_daily.csv:3",'
    '"published":"2026-02-03T09:30:00+02:00","source":"ua-air-force/kpszsu",'
    '"source_kind":"official_ua","url":"https://www.facebook.com/kpszsu/posts/pfbid0x"},'
    '"note":"ingest airforce missile_attacks_daily.csv"}'
)
AIRFORCE_STRIKE_PAYLOAD = (
    '{"data":{"attacker":"RU","claimed_by":"UA","credibility":"weak",'
    '"drones":{"max":450,"min":450},"drones_downed":401,"end":"2026-02-03T09:30:00+02:00",'
    '"geo_precision":"oblast","id":"s-1af0bab48fefb44a","injured":null,"killed":null,'
    '"missiles":{"max":65,"min":65},"missiles_downed":60,"models":["X-101/X-555",'
    '"Shahed-136/131"],"notes":["place not resolved: south"],'
    '"place_names":["Kyiv oblast","south","Kyiv"],"places":[{"gazetteer_id":null,'
    '"kind":"oblast","lat":50.45,"lon":30.5236,"name":"Kyiv","oblast":"Kyiv"}],'
    '"reports":["r-154adf60d70899a5","r-8a899508cf6ecae3"],'
    '"start":"2026-02-02T18:00:00+02:00","targets":[],"time_precision":"minute",'
    '"tz":"Europe/Kyiv","weapons":["drones","missiles"]},'
    '"note":"ingest airforce missile_attacks_daily.csv"}'
)
AIRFORCE_REPORT_HASH = "44f2a470b93107f6aed719bf97558169d44ea055896e54ac3c430d0a4409f274"
AIRFORCE_STRIKE_HASH = "5c810edce68e22619afe409bbb9718b8c717918483bdad5e53a3ab8a9d6128b6"


class _Gazetteer:
    """One oblast known, pinned here (the real gazetteer's data may grow)."""

    def resolve(self, name: str) -> Place | None:
        if name.strip().lower() in ("kyiv oblast", "kyiv"):
            return Place(name="Kyiv", kind="oblast", oblast="Kyiv", lat=50.45, lon=30.5236)
        return None


def test_airforce_payloads_hash_as_pinned_by_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The air-force batch path builds payload dicts itself: pinned here, byte for byte, and
    the row reader's models encode to the same bytes (one wave: drones and missiles)."""
    monkeypatch.setattr(geo, "default_gazetteer", _Gazetteer)
    path = tmp_path / "missile_attacks_daily.csv"
    path.write_text(AIRFORCE_ROWS, encoding="utf-8")
    (batch,) = list(airforce_batches(path))
    rows = [p for p in read_airforce(path) if isinstance(p, Parsed)]
    assert [p.report.model_dump(mode="json") for p in rows] == batch.reports
    (strike,) = [s for p in rows for s in p.strikes]
    assert batch.strikes == [strike.model_dump(mode="json")]
    report = batch.reports[0]
    payload, _ = _payload_text({"data": report, "note": AIRFORCE_NOTE})
    assert payload == AIRFORCE_REPORT_PAYLOAD
    digest = entry_hash(
        1, "report.received", report["id"], "2026-12-02T07:30:00Z", GENESIS, payload
    )
    assert digest == AIRFORCE_REPORT_HASH
    payload, _ = _payload_text({"data": batch.strikes[0], "note": AIRFORCE_NOTE})
    assert payload == AIRFORCE_STRIKE_PAYLOAD
    digest = entry_hash(3, "strike.recorded", strike.id, "2026-12-02T07:30:00Z", GENESIS, payload)
    assert digest == AIRFORCE_STRIKE_HASH
