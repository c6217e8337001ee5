"""Response policies: named, versioned stage schemes loaded from YAML with line-exact errors.

A policy file names its stages (number, name, responders, when each begins after the first
breach and whether it requires continued breaches), when quiet resets the protocol, and an
optional severity threshold (``counts_as_breach``) a breach must meet to count. Thresholds are
"any of": a strike counts when it meets at least one listed minimum. Every problem is reported
with the file, the line and the field, e.g. ``policy.yaml:9: stages[1].begins_after: ...``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, PlainValidator, ValidationError

from trucewatch._inputs import read_text_file
from trucewatch._validate import (
    FILE_CONFIG,
    FieldProblem,
    FileRules,
    field_path,
    validation_problems,
)
from trucewatch._yaml import DuplicateKeyError, line_of, parse_documents, syntax_problem
from trucewatch.errors import ArgumentError, PolicyError, PolicyFileError
from trucewatch.model import Strike
from trucewatch.times import parse_duration

__all__ = [
    "DEFAULT_POLICY_ID",
    "THRESHOLD_KEYS",
    "Policy",
    "PolicyFile",
    "Stage",
    "StageFile",
    "Threshold",
    "ThresholdFile",
    "bundled_policies",
    "format_duration",
    "load_policy",
    "parse_policy",
    "policy_from_mapping",
    "structure_problems",
]

DEFAULT_POLICY_ID = "coalition-three-stage"
THRESHOLD_KEYS: tuple[str, ...] = ("min_drones", "min_missiles", "min_killed", "min_injured")

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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


def _read_yaml(text: str, path: str) -> Any:
    """Load the one YAML document (its mappings and lists carry their lines)."""
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
    return docs[0][0]


def _duration(value: object) -> timedelta:
    try:
        if isinstance(value, str):
            return parse_duration(value)
    except ArgumentError as exc:
        if exc.code == "E808":  # a duration, but too long: say so
            raise FieldProblem(exc.message, "E808") from None
    raise FieldProblem(f"{value!r} is not an ISO 8601 duration such as PT24H, PT30M or P3D", "E122")


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldProblem(f"expected non-empty text, got {value!r}", "E122")
    return value


def _policy_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise FieldProblem(f"{value!r}: use lower-case letters, digits and hyphens", "E122")
    return value


def _whole(minimum: int) -> Any:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise FieldProblem(f"expected a whole number >= {minimum}, got {value!r}", "E122")
        return value

    return PlainValidator(check)


def _requires(value: object) -> object:
    if value != "continued":
        raise FieldProblem(f"{value!r}: the only value is `continued` (or omit it)", "E122")
    return value


def _responders(value: object) -> object:
    if not isinstance(value, list) or not value:
        raise FieldProblem("expected a non-empty list of responders", "E122")
    return value


def _stages(value: object) -> object:
    if not isinstance(value, list):
        raise FieldProblem("expected a list of stages", "E122")
    return value


_Duration = Annotated[timedelta, PlainValidator(_duration)]
_Text = Annotated[str, PlainValidator(_text)]


class _FileModel(BaseModel):
    model_config = FILE_CONFIG


class StageFile(_FileModel):
    """One item of ``stages:`` in a policy file."""

    stage: Annotated[int, _whole(1)]
    name: _Text
    responders: Annotated[list[_Text], BeforeValidator(_responders)]
    begins_after: _Duration
    requires: Annotated[Literal["continued"], PlainValidator(_requires)] | None = None


class ThresholdFile(_FileModel):
    """``counts_as_breach:``: severity minimums, any of which makes a breach count."""

    min_drones: Annotated[int, _whole(0)] | None = None
    min_missiles: Annotated[int, _whole(0)] | None = None
    min_killed: Annotated[int, _whole(0)] | None = None
    min_injured: Annotated[int, _whole(0)] | None = None


class PolicyFile(_FileModel):
    """A response policy as written in a file."""

    id: Annotated[str, PlainValidator(_text), AfterValidator(_policy_id)]
    version: Annotated[int, _whole(1)]
    title: _Text
    stages: Annotated[list[StageFile], BeforeValidator(_stages)]
    resets_after: _Duration
    counts_as_breach: ThresholdFile | None = None
    notes: _Text | None = None


_RULES = FileRules(PolicyFile, "E122", "E122", family="E12", missing="missing required key `{key}`")


def _build(doc: Any, path: str) -> Policy:
    if not isinstance(doc, dict):
        problem = f"expected a mapping, got {type(doc).__name__}"
        raise PolicyFileError(path, [(line_of(doc, ()), "(file)", problem)], code="E122")
    try:
        data = PolicyFile.model_validate(doc)
    except ValidationError as exc:
        problems = validation_problems(doc, exc, _RULES)
        # The first problem's code: E122, or the input policy's E808 for a duration too long.
        code = problems[0][3] if problems else "E122"
        raise PolicyFileError(path, [p[:3] for p in problems], code=code) from None
    stages = [
        Stage(st.stage, st.name, tuple(st.responders), st.begins_after, st.requires)
        for st in data.stages
    ]
    found = structure_problems(stages, data.resets_after)
    if found:
        located = []
        for index, fld, msg in found:
            loc: tuple[str | int, ...] = (fld,) if index is None else ("stages", index, fld)
            located.append((line_of(doc, loc), field_path(loc), msg))
        raise PolicyFileError(path, located, code="E122")
    threshold = data.counts_as_breach or ThresholdFile()
    return Policy(
        id=data.id,
        version=data.version,
        title=data.title,
        stages=tuple(stages),
        resets_after=data.resets_after,
        counts_as_breach=Threshold(**threshold.model_dump(exclude_none=True)),
        notes=data.notes,
        source=path,
    )


def parse_policy(text: str, path: str = "<policy>") -> Policy:
    """Validate the text of a policy file; ``path`` names it in error messages."""
    return _build(_read_yaml(text, path), path)


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
        text = read_text_file(path, PolicyError, "E124")
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
    return _build(dict(data), path)
