"""Response policies: named, versioned stage schemes loaded from YAML with line-exact errors.

A policy file names its stages (number, name, responders, when each begins after the first
breach and whether it requires continued breaches), when quiet resets the protocol, and an
optional severity threshold (``counts_as_breach``) a breach must meet to count. Thresholds are
"any of": a strike counts when it meets at least one listed minimum. Every problem is reported
with the file, the line and the field, e.g. ``policy.yaml:9: stages[1].begins_after: ...``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import yaml

from trucewatch._yaml import DuplicateKeyError, key_lines, parse_documents, syntax_problem
from trucewatch.errors import PolicyError, PolicyFileError
from trucewatch.model import Strike
from trucewatch.times import parse_duration

DEFAULT_POLICY_ID = "coalition-three-stage"
THRESHOLD_KEYS: tuple[str, ...] = ("min_drones", "min_missiles", "min_killed", "min_injured")

_TOP_KEYS = ("id", "version", "title", "stages", "resets_after", "counts_as_breach", "notes")
_REQUIRED_TOP = ("id", "version", "title", "stages", "resets_after")
_STAGE_KEYS = ("stage", "name", "responders", "begins_after", "requires")
_REQUIRED_STAGE = ("stage", "name", "responders", "begins_after")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_Key = tuple[str | int, ...]


def format_duration(value: timedelta) -> str:
    """Write a duration as ISO 8601 in hours, minutes and seconds (``PT72H``, ``PT0H``)."""
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    out = "PT" + (f"{hours}H" if hours or not (minutes or seconds) else "")
    return out + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")


@dataclass(frozen=True)
class Stage:
    """One stage of a response: who responds, and when it begins after the first breach."""

    stage: int
    name: str
    responders: tuple[str, ...]
    begins_after: timedelta
    requires: Literal["continued"] | None = None

    @property
    def requires_continued(self) -> bool:
        """Whether the stage waits for a breach at or after its time."""
        return self.requires == "continued"


@dataclass(frozen=True)
class Threshold:
    """Severity minimums; a strike counts when it meets any of them (none set: all count)."""

    min_drones: int | None = None
    min_missiles: int | None = None
    min_killed: int | None = None
    min_injured: int | None = None

    def is_empty(self) -> bool:
        """True when no minimum is set, so every breach counts."""
        return all(getattr(self, k) is None for k in THRESHOLD_KEYS)

    def as_dict(self) -> dict[str, int]:
        """The minimums that are set, keyed as in the policy file."""
        return {k: v for k in THRESHOLD_KEYS if (v := getattr(self, k)) is not None}

    def shortfall(self, strike: Strike | None) -> str | None:
        """None when the strike meets the threshold, else the reason it does not."""
        if self.is_empty():
            return None
        if strike is None:
            return "strike counts not available, so the severity threshold cannot be met"
        counts = {
            "min_drones": ("drones", strike.drones.min if strike.drones else None),
            "min_missiles": ("missiles", strike.missiles.min if strike.missiles else None),
            "min_killed": ("killed", strike.killed),
            "min_injured": ("injured", strike.injured),
        }
        reasons = []
        for key, minimum in self.as_dict().items():
            label, have = counts[key]
            if have is not None and have >= minimum:
                return None
            shown = "unknown" if have is None else str(have)
            reasons.append(f"{label} {shown} < {key} {minimum}")
        return "below threshold: " + "; ".join(reasons)


def structure_problems(
    stages: list[Stage], resets_after: timedelta
) -> list[tuple[int | None, str, str]]:
    """Order rules between stages: (stage index or None, field, message) for each violation."""
    out: list[tuple[int | None, str, str]] = []
    if not stages:
        out.append((None, "stages", "a policy needs at least one stage"))
    if resets_after <= timedelta(0):
        out.append((None, "resets_after", "must be longer than zero (e.g. PT72H)"))
    for i, st in enumerate(stages):
        if st.stage != i + 1:
            msg = f"stage numbers ascend from 1 in steps of one: expected {i + 1}, got {st.stage}"
            out.append((i, "stage", msg))
        if i == 0 and st.begins_after != timedelta(0):
            msg = "stage 1 begins at the first breach, so it must be PT0H"
            out.append((i, "begins_after", msg))
        if i > 0:
            prev = stages[i - 1]
            if st.begins_after < prev.begins_after:
                msg = (
                    f"{format_duration(st.begins_after)} is earlier than the stage before "
                    f"({format_duration(prev.begins_after)}); begins_after must not decrease"
                )
                out.append((i, "begins_after", msg))
            if prev.requires_continued and not st.requires_continued:
                msg = (
                    "an earlier stage requires continued breaches, so this one must too "
                    "(add `requires: continued`); otherwise it could begin before the earlier one"
                )
                out.append((i, "requires", msg))
    return out


@dataclass(frozen=True)
class Policy:
    """A named, versioned response policy."""

    id: str
    version: int
    title: str
    stages: tuple[Stage, ...]
    resets_after: timedelta
    counts_as_breach: Threshold = field(default_factory=Threshold)
    notes: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        problems = structure_problems(list(self.stages), self.resets_after)
        if problems:
            raise PolicyError(
                f"policy {self.id}: " + "; ".join(f"{f}: {m}" for _, f, m in problems)
            )

    @property
    def name(self) -> str:
        """The versioned name recorded with every response, e.g. ``coalition-three-stage.v1``."""
        return f"{self.id}.v{self.version}"

    def to_dict(self) -> dict[str, Any]:
        """The policy as plain data, durations written as ISO 8601."""
        stages = []
        for st in self.stages:
            row: dict[str, Any] = {
                "stage": st.stage,
                "name": st.name,
                "responders": list(st.responders),
                "begins_after": format_duration(st.begins_after),
            }
            if st.requires:
                row["requires"] = st.requires
            stages.append(row)
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "stages": stages,
            "resets_after": format_duration(self.resets_after),
            "counts_as_breach": self.counts_as_breach.as_dict(),
        }


def _read_yaml(text: str, path: str) -> tuple[Any, dict[_Key, int]]:
    """Load the one YAML document with the line of every mapping key and sequence item."""
    try:
        docs = parse_documents(text)
    except DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise PolicyFileError(path, [(line, str(exc.key), "duplicate key")], code="E121") from exc
    except yaml.YAMLError as exc:
        line, detail = syntax_problem(exc, text)
        raise PolicyFileError(path, [(line, "(yaml)", detail)], code="E121") from exc
    if not docs:
        raise PolicyFileError(path, [(1, "(file)", "the file is empty")], code="E121")
    if len(docs) > 1:
        raise PolicyFileError(
            path, [(docs[1][1], "(yaml)", "expected one document, found more")], code="E121"
        )
    doc, line = docs[0]
    lines = key_lines(doc)
    lines[()] = line
    return doc, lines


class _Checker:
    """Collects problems with their lines while reading one policy document."""

    def __init__(self, path: str, lines: dict[_Key, int]) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[tuple[int, str, str]] = []

    def line(self, key: _Key) -> int:
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key, 1)

    def add(self, key: _Key, message: str) -> None:
        name = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in key).lstrip(".")
        self.problems.append((self.line(key), name or "(file)", message))

    def mapping(
        self, value: Any, key: _Key, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> bool:
        if not isinstance(value, dict):
            self.add(key, f"expected a mapping, got {type(value).__name__}")
            return False
        for k in value:
            if k not in allowed:
                self.add((*key, str(k)), f"unknown key; allowed keys: {', '.join(allowed)}")
        for k in required:
            if k not in value:
                self.add(key, f"missing required key `{k}`")
        return True

    def text(self, value: Any, key: _Key) -> str:
        if not isinstance(value, str) or not value.strip():
            self.add(key, f"expected non-empty text, got {value!r}")
            return ""
        return value

    def integer(self, value: Any, key: _Key, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.add(key, f"expected a whole number >= {minimum}, got {value!r}")
            return minimum
        return value

    def duration(self, value: Any, key: _Key) -> timedelta:
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return parse_duration(value)
        self.add(key, f"{value!r} is not an ISO 8601 duration such as PT24H, PT30M or P3D")
        return timedelta(0)


def _build(doc: Any, path: str, lines: dict[_Key, int]) -> Policy:
    chk = _Checker(path, lines)
    if not chk.mapping(doc, (), _TOP_KEYS, _REQUIRED_TOP):
        raise PolicyFileError(path, chk.problems, code="E122")
    pid = chk.text(doc.get("id", "x"), ("id",))
    if pid and not _ID_RE.match(pid):
        chk.add(("id",), f"{pid!r}: use lower-case letters, digits and hyphens")
    version = chk.integer(doc.get("version", 1), ("version",), 1)
    title = chk.text(doc.get("title", "x"), ("title",))
    notes = doc.get("notes")
    if notes is not None:
        chk.text(notes, ("notes",))
    resets = chk.duration(doc.get("resets_after", "PT72H"), ("resets_after",))
    threshold: dict[str, int] = {}
    raw_threshold = doc.get("counts_as_breach") or {}
    if chk.mapping(raw_threshold, ("counts_as_breach",), THRESHOLD_KEYS, ()):
        for k, v in raw_threshold.items():
            if k in THRESHOLD_KEYS:
                threshold[k] = chk.integer(v, ("counts_as_breach", k), 0)
    stages: list[Stage] = []
    raw_stages = doc.get("stages", [])
    if not isinstance(raw_stages, list):
        chk.add(("stages",), "expected a list of stages")
        raw_stages = []
    for i, raw in enumerate(raw_stages):
        key: _Key = ("stages", i)
        if not chk.mapping(raw, key, _STAGE_KEYS, _REQUIRED_STAGE):
            continue
        responders = raw.get("responders", ["x"])
        if not isinstance(responders, list) or not responders:
            chk.add((*key, "responders"), "expected a non-empty list of responders")
            responders = []
        requires = raw.get("requires")
        if requires is not None and requires != "continued":
            chk.add((*key, "requires"), f"{requires!r}: the only value is `continued` (or omit it)")
            requires = None
        stages.append(
            Stage(
                stage=chk.integer(raw.get("stage", i + 1), (*key, "stage"), 1),
                name=chk.text(raw.get("name", "x"), (*key, "name")),
                responders=tuple(
                    chk.text(r, (*key, "responders", j)) for j, r in enumerate(responders)
                ),
                begins_after=chk.duration(raw.get("begins_after", "PT0H"), (*key, "begins_after")),
                requires="continued" if requires == "continued" else None,
            )
        )
    if not chk.problems:
        for index, fld, msg in structure_problems(stages, resets):
            chk.add((fld,) if index is None else ("stages", index, fld), msg)
    if chk.problems:
        raise PolicyFileError(path, chk.problems, code="E122")
    return Policy(
        id=pid,
        version=version,
        title=title,
        stages=tuple(stages),
        resets_after=resets,
        counts_as_breach=Threshold(**threshold),
        notes=notes,
        source=path,
    )


def parse_policy(text: str, path: str = "<policy>") -> Policy:
    """Validate the text of a policy file; ``path`` names it in error messages."""
    doc, lines = _read_yaml(text, path)
    return _build(doc, path, lines)


def _bundled_dir() -> Any:
    return files("trucewatch") / "data" / "policies"


def bundled_policies() -> list[Policy]:
    """Every policy shipped with trucewatch, sorted by id."""
    folder = _bundled_dir()
    out = []
    for entry in folder.iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            label = f"trucewatch/data/policies/{entry.name}"
            out.append(parse_policy(entry.read_text(encoding="utf-8"), label))
    return sorted(out, key=lambda p: p.id)


def load_policy(path_or_id: str | Path) -> Policy:
    """Load a policy from a file path, or a bundled policy by its id."""
    text_id = str(path_or_id)
    if (
        isinstance(path_or_id, Path)
        or Path(text_id).suffix in (".yaml", ".yml")
        or "/" in text_id
        or Path(text_id).is_file()
    ):
        path = Path(path_or_id)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise PolicyError(f"{path}: cannot read policy file: {exc}", code="E124") from exc
        return parse_policy(text, str(path))
    for entry in _bundled_dir().iterdir():
        if entry.name in (f"{path_or_id}.yaml", f"{path_or_id}.yml"):
            label = f"trucewatch/data/policies/{entry.name}"
            return parse_policy(entry.read_text(encoding="utf-8"), label)
    bundled = bundled_policies()
    for policy in bundled:
        if policy.id == text_id:
            return policy
    known = ", ".join(p.id for p in bundled)
    raise PolicyError(
        f"no bundled policy {text_id!r}; known: {known}; or give a path to a .yaml file",
        code="E124",
    )


def policy_from_mapping(data: Mapping[str, Any], path: str = "<mapping>") -> Policy:
    """Validate a policy given as plain data (no line numbers are known)."""
    return _build(dict(data), path, {})
