"""The ledger: append-only log, hash chain, idempotent records, projections, on both backends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from factories import kyiv, pledge, report, strike
from trucewatch.ledger.chain import canonical_json
from trucewatch.ledger.store import Ledger, _payload_text
from trucewatch.model import Reading


def _fill(ledger: Ledger) -> None:
    r1, r2 = report("first report"), report("second report")
    s1 = strike("s-one", kyiv(2026, 2, 2, 18), places=("Kharkiv",), targets=("energy",))
    s2 = strike("s-two", kyiv(2026, 2, 3, 19))
    ledger.record([r1, r2], [s1, s2])
    ledger.add_pledge(pledge("p-one"))


def test_empty_ledger_verifies(db: str) -> None:
    result = Ledger(db).verify()
    assert result.ok and result.chain.entries == 0


def test_record_then_verify_chain(db: str) -> None:
    ledger = Ledger(db)
    _fill(ledger)
    result = ledger.verify()
    assert result.ok, result
    assert result.chain.entries == 5
    assert ledger.count("strikes") == 2 and ledger.count("reports") == 2


def test_same_input_twice_adds_nothing(db: str) -> None:
    ledger = Ledger(db)
    r = report("only once")
    s = strike("s-once", kyiv(2026, 1, 29, 18))
    first = ledger.record([r], [s])
    second = ledger.record([r], [s])
    assert first.entries == 2
    assert second.added_nothing and second.reports_known == 1 and second.strikes_unchanged == 1
    assert ledger.count("entries") == 2


def test_changed_strike_is_an_amendment_not_an_update(db: str) -> None:
    ledger = Ledger(db)
    s = strike("s-amend", kyiv(2026, 1, 29, 18), drones=100)
    ledger.record([], [s])
    summary = ledger.record([], [s.model_copy(update={"killed": 2})])
    assert summary.strikes_amended == 1
    assert ledger.strike("s-amend").killed == 2
    kinds = [e.kind for e in ledger.history("s-amend")]
    assert kinds == ["strike.recorded", "strike.amended"]
    assert ledger.verify().ok


def test_pledge_amendment_keeps_history(db: str) -> None:
    ledger = Ledger(db)
    p = pledge("p-hist")
    assert ledger.add_pledge(p) == "added"
    assert ledger.add_pledge(p) == "unchanged"
    later = p.model_copy(
        update={"readings": (Reading(by="RU", start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 1)),)}
    )
    assert ledger.add_pledge(later) == "amended"
    assert [e.kind for e in ledger.history("p-hist")] == ["pledge.added", "pledge.amended"]
    assert ledger.pledge("p-hist").readings[0].by == "RU"


def test_verify_catches_an_edited_entry(db: str) -> None:
    ledger = Ledger(db)
    _fill(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(
            text("UPDATE entries SET payload = replace(payload, 'Kharkiv', 'Lviv') WHERE seq = 3")
        )
    result = ledger.verify()
    assert not result.ok
    assert result.chain.bad_seq == 3
    assert "does not match its hash" in (result.chain.problem or "")


def test_verify_catches_a_deleted_entry(db: str) -> None:
    ledger = Ledger(db)
    _fill(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM entries WHERE seq = 2"))
    result = ledger.verify()
    assert not result.ok and result.chain.bad_seq == 2


def test_verify_catches_a_truncated_tail(db: str) -> None:
    ledger = Ledger(db)
    _fill(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM entries WHERE seq = 5"))
    result = ledger.verify()
    assert not result.ok and "chain head" in (result.chain.problem or "")


def test_edited_projection_is_caught_and_rebuild_restores_it(db: str) -> None:
    ledger = Ledger(db)
    _fill(ledger)
    before = ledger.strike("s-one")
    with ledger.engine.begin() as conn:
        conn.execute(text("UPDATE strikes SET payload = replace(payload, 'energy', 'military')"))
    result = ledger.verify()
    assert result.chain.ok and not result.ok
    assert any("s-one" in p for p in result.projection_problems)
    assert ledger.rebuild() == 5
    assert ledger.verify().ok
    assert ledger.strike("s-one") == before


def test_retraction_is_a_new_entry(db: str) -> None:
    ledger = Ledger(db)
    _fill(ledger)
    ledger.retract_strike("s-two", "duplicate of s-one")
    assert [s.id for s in ledger.strikes()] == ["s-one"]
    assert ledger.verify().ok
    ledger.rebuild()
    assert [s.id for s in ledger.strikes()] == ["s-one"]


def test_strikes_time_filter(db: str) -> None:
    ledger = Ledger(db)
    _fill(ledger)
    found = ledger.strikes(start=kyiv(2026, 2, 3, 12), end=kyiv(2026, 2, 4))
    assert [s.id for s in found] == ["s-two"]
    assert ledger.strike("s-one").places[0].name == "Kharkiv"


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(_json, st.none() | st.text(max_size=10))
def test_spliced_payload_is_the_canonical_json(data: object, note: str | None) -> None:
    payload = {"data": data, "note": note}
    text, data_text = _payload_text(payload)
    assert text == canonical_json(payload)
    assert data_text == canonical_json(data)
