"""The hash chain: canonical JSON, entry hashes, and verification of a stored chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "GENESIS",
    "ChainCheck",
    "StoredEntry",
    "canonical_json",
    "chain_hashes",
    "entry_hash",
    "step",
    "walk",
]

GENESIS = "0" * 64
# The encoder json.dumps would build for these options, built once (tests/test_chain_golden.py
# pins its bytes).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    """JSON with sorted keys, no spaces and UTF-8 text: the same value gives the same bytes."""
    return _CANONICAL.encode(value)


def entry_hash(seq: int, kind: str, key: str, recorded_at: str, prev: str, payload: str) -> str:
    """SHA-256 of the canonical JSON of an entry, which includes the previous entry's hash.

    ``payload`` is already canonical JSON, so it is spliced in as it is: the result is the
    canonical JSON of ``{"key", "kind", "payload", "prev", "recorded_at", "seq"}``.
    """
    head = canonical_json({"key": key, "kind": kind})[:-1]
    tail = canonical_json({"prev": prev, "recorded_at": recorded_at, "seq": seq})[1:]
    body = f'{head},"payload":{payload},{tail}'
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def chain_hashes(
    first_seq: int, prev: str, recorded_at: str, items: Sequence[tuple[str, str, str]]
) -> list[str]:
    """Hashes of consecutive entries ``(kind, key, payload)`` from ``first_seq`` on, one pass.

    The same bytes as :func:`entry_hash` entry by entry (a test compares them), with the parts
    that do not change within a batch encoded once.
    """
    encode = _CANONICAL.encode
    when = encode(recorded_at)
    kinds: dict[str, str] = {}
    out: list[str] = []
    seq = first_seq
    for kind, key, payload in items:
        head = kinds.get(kind)
        if head is None:
            head = kinds[kind] = encode(kind)
        body = (
            f'{{"key":{encode(key)},"kind":{head},"payload":{payload},'
            f'"prev":"{prev}","recorded_at":{when},"seq":{seq}}}'
        )
        prev = hashlib.sha256(body.encode("utf-8")).hexdigest()
        out.append(prev)
        seq += 1
    return out


@dataclass(frozen=True)
class StoredEntry:
    """One row of the log as stored."""

    seq: int
    kind: str
    key: str
    recorded_at: str
    payload: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainCheck:
    """Outcome of walking the chain: ok, or the first entry that does not match and why."""

    ok: bool
    entries: int
    head: str
    bad_seq: int | None = None
    problem: str | None = None


def step(row: StoredEntry, prev: str, expected_seq: int) -> str | None:
    """What is wrong with one entry given the previous entry's hash, or None when it holds."""
    if row.seq != expected_seq:
        return f"entry {expected_seq} is missing"
    if row.prev_hash != prev:
        return "its link to the previous entry does not match"
    recomputed = entry_hash(row.seq, row.kind, row.key, row.recorded_at, row.prev_hash, row.payload)
    if recomputed != row.hash:
        return "its content does not match its hash"
    return None


def walk(rows: Iterable[StoredEntry], head: tuple[int, str] | None) -> ChainCheck:
    """Recompute every hash and link in order; stop at the first mismatch."""
    prev = GENESIS
    count = 0
    for row in rows:
        problem = step(row, prev, count + 1)
        if problem is not None:
            bad = count + 1 if row.seq != count + 1 else row.seq
            return ChainCheck(False, count, prev, bad, problem)
        prev = row.hash
        count += 1
    if head is not None and head[0] != count:
        return ChainCheck(
            False,
            count,
            prev,
            count + 1 if head[0] > count else head[0],
            f"the chain head says entry {head[0]} but the log ends at entry {count}",
        )
    if head is not None and head[1] != prev:
        return ChainCheck(
            False, count, prev, count, f"the chain head's hash does not match entry {count}'s hash"
        )
    return ChainCheck(True, count, prev)
