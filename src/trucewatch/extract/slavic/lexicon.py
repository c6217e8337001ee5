"""The gloss tables: Ukrainian and Russian lemmas and phrases to the English the rules read."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from trucewatch.errors import InputError
from trucewatch.extract.slavic.morph import fold, morph

__all__ = ["GlossTable", "gloss_table"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class GlossTable:
    """Words (by lemma), phrases (lemma sequences), number words, month names and marks."""

    words: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    punctuation: dict[str, str] = field(default_factory=dict)  # marks read as another

    def phrase_at(self, lemmas: list[str], i: int) -> tuple[int, str] | None:
        """The longest phrase starting at lemma i: (its length, its English)."""
        for seq, english in self.phrases.get(lemmas[i], ()):
            n = len(seq)
            if tuple(lemmas[i : i + n]) == seq:
                return n, english
        return None


def _read(lang: str) -> dict[str, Any]:
    path = resources.files("trucewatch").joinpath("data", "extract", f"gloss_{lang}.yaml")
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:  # pragma: no cover - a broken install
        raise InputError(f"gloss_{lang}.yaml: cannot read: {exc}", code="E195") from exc
    if not isinstance(loaded, dict):  # pragma: no cover - a broken install
        raise InputError(f"gloss_{lang}.yaml: expected a mapping", code="E195")
    return loaded


def _text(value: object, lang: str, section: str, key: object) -> str:
    """A gloss as text; YAML's bare on/no/yes are booleans and a sign of a missing quote."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(
            f"gloss_{lang}.yaml: {section}: {key}: {value!r} is not text; quote it",
            code="E195",
        )
    return value


@lru_cache(maxsize=2)
def gloss_table(lang: str) -> GlossTable:
    """The gloss table of "uk" or "ru", its keys lemmatised by the same analyser as texts."""
    m = morph(lang)
    raw = _read(lang)
    table = GlossTable()

    def lemmas(phrase: str) -> tuple[str, ...]:
        return tuple(m.lemma(w) for w in phrase.split())

    words = [(str(k), _text(v, lang, "words", k)) for k, v in (raw.get("words") or {}).items()]
    for key, english in words:  # a word as written wins over another word's lemma ("днем")
        table.words.setdefault(fold(key), english)
    for key, english in words:
        table.words.setdefault(m.lemma(key), english)
    for key, value in (raw.get("numbers") or {}).items():
        table.numbers[m.lemma(str(key))] = float(value)
        table.numbers[fold(str(key))] = float(value)
    for i, key in enumerate(raw.get("months") or [], start=1):
        for name in str(key).split():
            table.months[m.lemma(name)] = i
            table.months[fold(name)] = i
            table.words.setdefault(m.lemma(name), _MONTHS[i - 1])
            table.words.setdefault(fold(name), _MONTHS[i - 1])
    for key, value in (raw.get("punctuation") or {}).items():
        table.punctuation[str(key)] = _text(value, lang, "punctuation", key)
    for key, english in (raw.get("phrases") or {}).items():
        seq = lemmas(str(key))
        entries = table.phrases.setdefault(seq[0], [])
        entries.append((seq, _text(english, lang, "phrases", key)))
    for entries in table.phrases.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
