"""One entry point for every language: English by the rules, Ukrainian and Russian by gloss."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from trucewatch.errors import InputError
from trucewatch.extract.clean import plain_text, restore
from trucewatch.extract.lang import LANGUAGES, detect_language
from trucewatch.extract.pipeline import Extractor, default_extractor
from trucewatch.extract.results import Extraction

__all__ = ["MultiExtractor", "check_language", "extract_any", "multi_extractor"]

#: (id, text, published, language or None to detect)
Item = tuple[str, str, date, str | None]


def check_language(lang: str | None, where: str) -> str | None:
    """`lang` when it is one we read (or None), else an error naming where it came from."""
    if lang is None or lang in LANGUAGES:
        return lang
    raise InputError(
        f"{where}: language {lang!r} is not one trucewatch reads; use one of "
        f"{', '.join(LANGUAGES)} (or leave it out to detect it)",
        code="E196",
    )


class MultiExtractor:
    """Routes each text to the English extractor or the Ukrainian/Russian one."""

    def __init__(self, english: Extractor | None = None) -> None:
        self.english = english if english is not None else default_extractor()

    def extract(self, text: str, published: date, lang: str | None = None) -> Extraction:
        """Strikes and pledges in `text`, in `lang` or the language detected."""
        lang = check_language(lang, "--lang") or detect_language(text)
        plain, where = plain_text(text)  # soft hyphens, stress marks, look-alike letters
        if lang == "en":
            return restore(self.english.extract(plain, published), text, where)
        from trucewatch.extract.slavic import SlavicExtractor

        found = SlavicExtractor(self.english).extract(plain, published, lang)
        return restore(found, text, where)

    def extract_many(self, items: Iterable[Item]) -> Iterator[tuple[str, Extraction]]:
        """(id, extraction) for each item, in order; texts of one language run as a batch."""
        from trucewatch.extract.slavic import SlavicExtractor

        slavic = SlavicExtractor(self.english)
        # Items are keyed by position, not id: a batch may repeat an id, and each item gets
        # its own result.
        groups: dict[str, list[tuple[int, str, date]]] = {}
        ids: list[str] = []
        given: list[tuple[str, list[int] | None]] = []
        for n, (item_id, text, published, lang) in enumerate(items):
            chosen = lang or detect_language(text)
            plain, where = plain_text(text)
            groups.setdefault(chosen, []).append((n, plain, published))
            ids.append(item_id)
            given.append((text, where))
        done: dict[int, Extraction] = {}
        for lang, group in groups.items():
            if lang == "en":
                done.update(self.english.extract_many(group))
            else:
                done.update(slavic.extract_many(group, lang))
        for n, item_id in enumerate(ids):
            yield item_id, restore(done[n], *given[n])


@lru_cache(maxsize=1)
def multi_extractor() -> MultiExtractor:
    """The shared multi-language extractor."""
    return MultiExtractor()


def extract_any(text: str, published: date, lang: str | None = None) -> Extraction:
    """Extract from a text in any language we read, detected unless given."""
    return multi_extractor().extract(text, published, lang)
