"""Our own English strike passages (tests/fixtures/own/en_own_strikes.jsonl, OS01-OS40).

Hard and misleading cases written and labelled by us before the extractor was run on them:
totals over weeks and months, threats and hypotheticals, numbers that are not counts, midnight
and publication-date arithmetic, corrections, headline against body, attacks in neighbouring
states, several attacks or nights in one text, reporter against attacker. Their floors are in
test_extract_own_passages.FLOORS with every own file's; here, the passages that must give no strike.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from test_extract_own_passages import FIXTURES, predictions

NAME = "own/en_own_strikes.jsonl"


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    lines = (FIXTURES / NAME).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def pred() -> dict[str, dict[str, Any]]:
    return predictions(NAME)


# The passages with no strike: a month's totals (OS02), threats and warnings (OS04), an alert
# with no launch (OS27). OS02's "officials in Kyiv say ..." names where the government
# speaks, not a place hit (a capital after a state's officials and before a speech verb; a
# city's own officials still tell its hits).
NEGATIVES = ["OS02", "OS04", "OS27"]


@pytest.mark.parametrize("pid", NEGATIVES)
def test_totals_threats_and_alerts_give_no_strike(
    gold: list[dict[str, Any]], pred: dict[str, dict[str, Any]], pid: str
) -> None:
    assert next(g for g in gold if g["id"] == pid)["strikes"] == []
    assert pred[pid]["strikes"] == []
