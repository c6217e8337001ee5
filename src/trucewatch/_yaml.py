"""The one YAML reader for files people write: pledges, policies, the watch config, the demo.

Every such file is loaded here (and only here), so limits on what YAML may do belong here too.
Data files are written by hand, so errors must point at a line. The loader builds
:class:`LineDict` and :class:`LineList` (plain dict and list subclasses) that carry the
1-based line of each key or item; :func:`line_of` follows a field path (as pydantic reports
it) to the deepest line it can find. Timestamps stay text, so time fields are parsed by
our own rules (offset or zone required) and error messages quote what the user wrote.
A key that appears twice in one mapping is an error rather than a silent overwrite.

Limits (the input policy of ``_inputs.py``, error E807): aliases (``*name``) are refused, so
an alias bomb ("billion laughs") fails at its first alias with bounded memory, and nesting
deeper than ``$TRUCEWATCH_MAX_YAML_DEPTH`` levels (default 50) is refused before the
recursive parts of the loader run, so a file nested 1,000 deep is an error, not a crash.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, SequenceNode
from yaml.reader import ReaderError

from trucewatch._inputs import limits
from trucewatch.errors import InputError

__all__ = [
    "DuplicateKeyError",
    "LineDict",
    "LineList",
    "YamlLimitError",
    "key_lines",
    "line_of",
    "parse_documents",
    "read_yaml_documents",
    "syntax_problem",
]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class LineDict(dict[Any, Any]):
    """A mapping from YAML with the line where it starts and the line of each key."""

    line: int = 1
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence from YAML with the line where it starts and the line of each item."""

    line: int = 1
    item_lines: list[int]


class DuplicateKeyError(ConstructorError):
    """A key that appears twice in one mapping."""

    def __init__(self, key: Any, first: int, mark: yaml.Mark) -> None:
        super().__init__(
            None,
            None,
            f"key {key!r} appears twice in one mapping (first on line {first}); keep one",
            mark,
        )
        self.key = key


class YamlLimitError(yaml.MarkedYAMLError):
    """YAML that uses an alias or nests deeper than the limit (E807)."""


class LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LineDict/LineList, keeps timestamps as text, and has limits."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._max_depth = limits().yaml_depth

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            raise YamlLimitError(
                None,
                None,
                f"alias *{event.anchor} is not allowed in this file; write the value out "
                "(aliases can expand without bound)",
                event.start_mark,  # type: ignore[arg-type]
            )
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > self._max_depth:
            raise YamlLimitError(
                None,
                None,
                f"nested more than {self._max_depth} levels deep; flatten the file "
                "(or raise $TRUCEWATCH_MAX_YAML_DEPTH)",
                event.start_mark,  # type: ignore[arg-type]
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.Node) -> LineDict:
    if not isinstance(node, MappingNode):  # pragma: no cover - the tag guarantees a mapping
        raise ConstructorError(None, None, "expected a mapping", node.start_mark)
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        if key in out.key_lines:
            raise DuplicateKeyError(key, out.key_lines[key], key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.Node) -> LineList:
    if not isinstance(node, SequenceNode):  # pragma: no cover - the tag guarantees a sequence
        raise ConstructorError(None, None, "expected a sequence", node.start_mark)
    out = LineList(loader.construct_object(item, deep=True) for item in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [item.start_mark.line + 1 for item in node.value]
    return out


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def line_of(raw: Any, loc: Sequence[int | str]) -> int:
    """The line of the deepest part of ``loc`` present in ``raw`` (a LineDict or LineList)."""
    line = getattr(raw, "line", 1)
    node = raw
    for part in loc:
        if isinstance(node, LineDict) and part in node.key_lines:
            line = node.key_lines[part]
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return int(line)


def key_lines(value: Any, key: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """The line of every key path in a LineDict/LineList tree: ``{("stages", 0, "name"): 9}``."""
    out: dict[tuple[Any, ...], int] = {}
    if isinstance(value, LineDict):
        out[key] = value.line
        for k, v in value.items():
            out[(*key, k)] = value.key_lines.get(k, value.line)
            out.update({p: n for p, n in key_lines(v, (*key, k)).items() if p != (*key, k)})
    elif isinstance(value, LineList):
        out[key] = value.line
        for i, v in enumerate(value):
            out[(*key, i)] = value.item_lines[i]
            out.update({p: n for p, n in key_lines(v, (*key, i)).items() if p != (*key, i)})
    return out


def syntax_problem(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    """The line and a readable description of a YAML syntax error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line = mark.line + 1
    elif isinstance(exc, ReaderError):
        line = text.count("\n", 0, exc.position) + 1
    else:  # pragma: no cover - every YAML error we know carries a mark or a position
        line = 1
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    detail = f"{problem} ({context})" if context else str(problem)
    if not isinstance(exc, ConstructorError | YamlLimitError):
        detail += "; check indentation, colons and quoting on this line"
    return line, detail


def _syntax_error(name: str, exc: yaml.YAMLError, error: type[InputError], text: str) -> InputError:
    line, detail = syntax_problem(exc, text)
    code = "E807" if isinstance(exc, YamlLimitError) else f"{error.code[:-1]}1"
    return error(f"{name}:{line}: (yaml): {detail}", code=code)


def parse_documents(text: str) -> list[tuple[Any, int]]:
    """Every document of a YAML text with its start line; raises ``yaml.YAMLError``."""
    docs: list[tuple[Any, int]] = []
    loader = LineLoader(text)  # the reader rejects control characters up front
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - check_node() said there is one
                break
            docs.append((loader.construct_document(node), node.start_mark.line + 1))
    finally:
        loader.dispose()
    return docs


def read_yaml_documents(
    text: str, name: str, error: type[InputError] = InputError
) -> list[tuple[Any, int]]:
    """Every document of a YAML text with its start line; syntax errors raise ``error``."""
    try:
        return parse_documents(text)
    except yaml.YAMLError as exc:
        raise _syntax_error(name, exc, error, text) from None
