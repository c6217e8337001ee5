"""Golden hashes: the canonical JSON and the entry hash are pinned, byte for byte.

A faster encoder (or a batch path) must give exactly these bytes, or every ledger written so
far would stop verifying. If a model gains a field on purpose, the model-level literals below
change for new entries only (stored payloads are hashed as stored); update them knowingly.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from trucewatch.ledger.chain import GENESIS, canonical_json, chain_hashes, entry_hash
from trucewatch.ledger.store import _payload_text
from trucewatch.model import Quantity, Report, SourceKind, Strike, TimePrecision

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
