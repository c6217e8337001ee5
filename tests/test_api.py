"""The public API: what ``trucewatch`` exports is what the README promises."""

from __future__ import annotations

import re
from pathlib import Path

import trucewatch
from conftest import REPO


def test_exported_names_are_exactly_the_documented_ones() -> None:
    expected = {
        "open",
        "Trucewatch",
        "__version__",
        "Report",
        "Strike",
        "Pledge",
        "Reading",
        "Scope",
        "Verdict",
        "Place",
        "Quantity",
        "Credibility",
        "GeoPrecision",
        "PledgeStatus",
        "SourceKind",
        "TimePrecision",
        "VerdictKind",
        "TrucewatchError",
        "InputError",
        "PledgeError",
        "PolicyError",
        "RowError",
        "NotFoundError",
        "LedgerError",
        "IntegrityError",
        "FetchError",
        "PolicyFileError",
        "Claim",
        "ClaimAssertion",
        "ClaimError",
        "RenderError",
    }
    assert set(trucewatch.__all__) == expected
    for name in expected:
        assert hasattr(trucewatch, name), name


def test_open_creates_a_ledger(tmp_path: Path) -> None:
    with trucewatch.open(str(tmp_path / "a.db")) as tw:
        assert tw.verify().ok
        assert tw.strike_records() == []
        assert tw.strikes().height == 0


def test_every_error_has_a_stable_code() -> None:
    codes = set()
    for name in trucewatch.__all__:
        obj = getattr(trucewatch, name)
        if isinstance(obj, type) and issubclass(obj, trucewatch.TrucewatchError):
            assert re.fullmatch(r"E\d{3}", obj.code), name
            codes.add(obj.code)
    assert len(codes) == 11  # PolicyFileError shares PolicyError's


def test_readme_opens_with_the_two_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    assert block[0].endswith("trucewatch demo")
    assert "pytest" in block[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert block[1] in ci
