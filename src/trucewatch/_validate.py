"""Validating files people write (pledges, claims, policies, the watch config) with pydantic.

Each kind of file has a pydantic model of what a person writes; this module turns what
pydantic reports into the one error format of every such file, ``file:line: field: problem``
(the line from :mod:`trucewatch._yaml`'s line marks), reads the file's text, and splits YAML
documents into the mappings a file holds. Validators raise :class:`FieldProblem`, whose
message quotes the value and says what to write instead.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from trucewatch._inputs import read_text_file
from trucewatch._yaml import LineDict, LineList, line_of, read_yaml_documents
from trucewatch.errors import InputError

__all__ = [
    "FILE_CONFIG",
    "INPUT_POLICY",
    "FieldProblem",
    "FileRules",
    "allowed_keys",
    "error_message",
    "field_path",
    "file_mappings",
    "read_file_text",
    "validation_problems",
]


class FieldProblem(ValueError):
    """A bad field value; the message quotes the value and says what to write."""

    def __init__(self, message: str, code: str = "E113") -> None:
        super().__init__(message)
        self.code = code


#: The family of the input policy's codes (``_inputs.py``), which every file keeps as they are.
INPUT_POLICY = "E8"

#: The config of every file model: unknown keys are errors, values are frozen. (Each schema
#: module subclasses ``BaseModel`` with it, so linters see pydantic models.)
FILE_CONFIG = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class FileRules:
    """How one kind of file words and codes its problems."""

    model: type[BaseModel]
    keys_code: str  # unknown or missing keys
    values_code: str  # bad values
    # FieldProblem codes starting with this, or with INPUT_POLICY (the input policy's own
    # codes: years and durations E808, DST gaps and folds E809), are kept; others become
    # values_code.
    family: str
    empty: str = "(file)"  # the field named when the problem is the whole mapping
    missing: str = "required key {key!r} is missing; {hint}"
    hints: Mapping[str, str] = field(default_factory=dict)


def field_path(loc: Sequence[int | str], empty: str = "(file)") -> str:
    """A field path as users read it: ``readings[1].start``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or empty


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, through ``X | None``, ``list[X]`` and ``Annotated``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _submodel(arg)
            if found is not None:
                return found
    return None


def allowed_keys(model: type[BaseModel], parent: Sequence[int | str]) -> tuple[str, ...]:
    """The keys a mapping at ``parent`` (a field path) may hold, following the model."""
    for part in parent:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        inner = _submodel(info.annotation) if info is not None else None
        if inner is None:
            break
        model = inner
    return tuple(model.model_fields)


def error_message(err: ErrorDetails, rules: FileRules) -> tuple[str, str]:
    """One pydantic error as (message with the value and the fix, error code)."""
    kind, value, loc = err["type"], err.get("input"), tuple(err["loc"])
    key = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        allowed = allowed_keys(rules.model, loc[:-1])
        close = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return f"unknown key {key!r}; {hint}allowed keys: {', '.join(allowed)}", rules.keys_code
    if kind == "missing":
        hint = rules.hints.get(str(key), "")
        return rules.missing.format(key=key, hint=hint).rstrip("; "), rules.keys_code
    if kind == "value_error":
        problem = err.get("ctx", {}).get("error")
        if isinstance(problem, FieldProblem):
            message = str(problem)
            if message.startswith("is "):
                message = f"{value!r} {message}"
            own = problem.code.startswith((rules.family, INPUT_POLICY))
            return message, problem.code if own else rules.values_code
    if kind == "list_type":
        return f"{value!r} should be a list; write [{value}]", rules.values_code
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        allowed = allowed_keys(rules.model, loc)
        return f"{value!r} should be a mapping with keys among: {', '.join(allowed)}", (
            rules.values_code
        )
    if kind == "string_type":
        return f"{value!r} should be text; put it in quotes", rules.values_code
    if kind == "bool_type":
        return f"{value!r} should be true or false", rules.values_code
    if kind.startswith("int_") or kind.startswith("greater_than"):
        return f"expected a whole number, got {value!r}", rules.values_code
    return f"{value!r}: {err['msg']}", rules.values_code


def validation_problems(
    raw: Any, exc: ValidationError, rules: FileRules
) -> list[tuple[int, str, str, str]]:
    """What pydantic found, as (line, field, message, code), in line order."""
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        message, code = error_message(err, rules)
        out.append((line_of(raw, loc), field_path(loc, rules.empty), message, code))
    return sorted(out, key=lambda p: p[0])


def read_file_text(path: Path, error: type[InputError], code: str) -> str:
    """A file's UTF-8 text under the input policy (``_inputs.py``: size limit E804, a bad byte
    named by line and column E805); a missing file raises ``error`` at line 1."""
    try:
        path.stat()
    except OSError as exc:
        raise error(
            f"{path}:1: (file): cannot read ({exc.strerror}); check the path", code=code
        ) from exc
    return read_text_file(path, error, code)


def file_mappings(
    text: str, name: str, error: type[InputError], *, code: str, what: str, example: str
) -> Iterator[tuple[LineDict, int]]:
    """Each mapping of a file that holds one, a list of them, or several YAML documents."""
    for value, line in read_yaml_documents(text, name, error):
        if value is None:
            continue
        items: list[tuple[Any, int]]
        if isinstance(value, LineList):
            items = list(zip(value, value.item_lines, strict=True))
        else:
            items = [(value, line)]
        for item, item_line in items:
            if not isinstance(item, LineDict):
                raise error(
                    f"{name}:{item_line}: ({what}): expected a mapping ({example}), "
                    f"got {type(item).__name__} {item!r:.40}; write one {what} per mapping",
                    code=code,
                )
            yield item, item_line
