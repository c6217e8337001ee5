"""``trucewatch extract``: strikes and pledges from news text, as JSON (no ledger needed)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from trucewatch._inputs import YEAR_MAX, YEAR_MIN, check_text, read_text_file
from trucewatch.cli.common import LangOpt, err_console, parse_date, read_text_arg
from trucewatch.errors import InputError


def extract(
    file: Annotated[
        Path | None, typer.Argument(help="Text file to read ('-' or none: standard input).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (resolves 'overnight').")
    ] = None,
    jsonl: Annotated[
        Path | None, typer.Option(help='JSON-lines batch: {"id","published","text"} per line.')
    ] = None,
    evidence: Annotated[
        bool, typer.Option(help="Include the character spans behind each field.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Extract strikes and pledges from news text (English, Ukrainian, Russian) as JSON
    (extraction contract v2). With --jsonl, each line gives its own text and date."""
    from trucewatch.api import Trucewatch
    from trucewatch.extract.dispatch import check_language
    from trucewatch.ingest.news import future_warning

    check_language(lang, "--lang")
    if jsonl is not None:
        if file is not None or published is not None:
            extra = " and ".join(
                x for x, v in (("FILE", file), ("--published", published)) if v is not None
            )
            raise InputError(
                f"--jsonl reads each text and its date from the batch; {extra} cannot be "
                "given with it",
                code="E104",
            )
        given, items = _batch(jsonl, lang)
        # one result per line, in order, with its id as given (ids may repeat; 1 is not "1")
        for item_id, (_, result) in zip(given, Trucewatch.extract_many(items), strict=True):
            line = {"id": item_id, **result.to_json(evidence=evidence)}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return
    day = parse_date(published, "--published")
    if day is None:
        raise InputError("--published YYYY-MM-DD is required for a single text", code="E104")
    name, text = read_text_arg(file)
    check_text(text, name)
    warning = future_warning(day, "--published")
    if warning is not None:
        err_console.print(f"[yellow]warning[/yellow] {warning}", highlight=False)
    result = Trucewatch.extract(text, day, lang)
    sys.stdout.write(
        json.dumps(result.to_json(evidence=evidence), ensure_ascii=False, indent=2) + "\n"
    )


def _batch(
    path: Path, lang: str | None
) -> tuple[list[str | int], list[tuple[str, str, date, str | None]]]:
    """Read a JSON-lines batch: each line's id as written, and its item; a line's "lang" wins.

    Lines end at "\n" only (a "\r" before it is dropped): U+2028 and the other breaks
    `str.splitlines` knows may stand raw inside a JSON string. A bad line is named by number.
    """
    from trucewatch.extract.dispatch import check_language

    given: list[str | int] = []
    items: list[tuple[str, str, date, str | None]] = []
    lines = read_text_file(path).split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{path}:{number}"
        obj = _batch_object(line, where)
        fields = {key: _batch_field(obj, key, where) for key in ("id", "text", "published")}
        try:
            day = date.fromisoformat(str(fields["published"]))
        except ValueError as exc:
            problem = f"'published' is {fields['published']!r}, not a date YYYY-MM-DD ({exc})"
            raise _bad_line(where, problem) from None
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            raise InputError(
                f"{where}: published {day} is outside the years {YEAR_MIN}-{YEAR_MAX}",
                code="E808",
            )
        text = str(fields["text"])
        check_text(text, where)
        line_lang = obj.get("lang", lang)
        if line_lang is not None and not isinstance(line_lang, str):
            line_lang = repr(line_lang)
        items.append((str(fields["id"]), text, day, check_language(line_lang, f"{where}: lang")))
        given.append(fields["id"])
    return given, items


def _bad_line(where: str, problem: str) -> InputError:
    """E173 for a batch line: where, what is wrong, and what a line must hold."""
    return InputError(
        f'{where}: {problem}; each line is {{"id", "published": "YYYY-MM-DD", "text"}}',
        code="E173",
    )


def _batch_object(line: str, where: str) -> dict[str, object]:
    """The JSON object on a batch line, or E173 saying why it is none."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _bad_line(where, f"not JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:  # "[[[[...": nested deeper than the parser's stack
        raise _bad_line(where, "not JSON a line can hold (nested too deep)") from None
    if not isinstance(obj, dict):
        raise _bad_line(where, f"{_JSON_KINDS.get(type(obj), 'a JSON value')}, not an object")
    return obj


_JSON_KINDS = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "an array",
    dict: "an object",
}


def _batch_field(obj: dict[str, object], key: str, where: str) -> str | int:
    """Field `key` of a batch line: text (or a whole number), of plain characters."""
    if key not in obj:
        raise _bad_line(where, f"{key!r} is missing")
    value = obj[key]
    if value is None:
        raise _bad_line(where, f"{key!r} is null; expected text")
    if not isinstance(value, str | int) or isinstance(value, bool):
        kind = _JSON_KINDS.get(type(value), type(value).__name__)
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise _bad_line(where, f"{key!r} is {kind} {shown}; expected text")
    if isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        # a "\ud800" escape with no pair: no character, and it cannot be written out as UTF-8
        raise _bad_line(where, f"{key!r} holds a lone surrogate escape (\\ud800-\\udfff)")
    return value


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
