"""The JSON objects the API returns, one function per noun."""

from __future__ import annotations

import json
from typing import Any

from trucewatch.judge.engine import verdict_json
from trucewatch.ledger.chain import StoredEntry
from trucewatch.model import Pledge, Report, Strike, Verdict
from trucewatch.web.desk import counted_as

__all__ = ["entry", "pledge", "report", "strike", "verdict"]


def report(r: Report, *, content: bool = True) -> dict[str, Any]:
    out = r.model_dump(mode="json")
    out["lang"] = r.lang  # null: not recorded (a dataset row, or a text recorded before)
    if not content:
        out.pop("content", None)
    return out


def strike(s: Strike) -> dict[str, Any]:
    out = s.model_dump(mode="json")
    out["oblasts"] = sorted({p.oblast or p.name for p in s.places if p.kind != "country"})
    return out


def verdict(v: Verdict) -> dict[str, Any]:
    out = verdict_json(v)
    # fields other work adds to a verdict (mode, breach_at, evidence) pass through as they are
    extra = v.model_dump(mode="json")
    for key, value in extra.items():
        out.setdefault(key, value)
    out["counted_as"] = counted_as(v)
    return out


def pledge(p: Pledge) -> dict[str, Any]:
    return p.model_dump(mode="json")


def entry(e: StoredEntry) -> dict[str, Any]:
    try:
        payload = json.loads(e.payload)
    except ValueError:
        payload = {}
    return {
        "seq": e.seq,
        "kind": e.kind,
        "key": e.key,
        "recorded_at": e.recorded_at,
        "hash": e.hash,
        "prev_hash": e.prev_hash,
        "note": payload.get("note") if isinstance(payload, dict) else None,
        "author": payload.get("author") if isinstance(payload, dict) else None,
    }
