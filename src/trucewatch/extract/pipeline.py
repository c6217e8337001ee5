"""The extractor: a blank English spaCy pipeline with our components, and its entry points."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract import components
from trucewatch.extract.pledges import extract_pledges
from trucewatch.extract.results import Extraction
from trucewatch.extract.strikes import extract_strikes
from trucewatch.extract.tokens import doc_tokens

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Extractor", "default_extractor", "extract"]

K = TypeVar("K")

EXTRACTOR_NAME = "trucewatch.extract.rules"
EXTRACTOR_VERSION = "1"


def build_nlp() -> Language:
    """A blank English pipeline with sentence bounds, place, target and blocker taggers."""
    nlp = spacy.blank("en")
    for name in components.component_names():
        nlp.add_pipe(name)
    return nlp


class Extractor:
    """Reads strikes and pledges from English news text; build once, call many times."""

    name = EXTRACTOR_NAME
    version = EXTRACTOR_VERSION

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else build_nlp()

    def extract(self, text: str, published: date) -> Extraction:
        """Strikes and pledges in `text`, dates resolved against `published` (Kyiv-local)."""
        return self._read(self.nlp(text), published)

    def extract_many(
        self, items: Iterable[tuple[K, str, date]], batch_size: int = 64
    ) -> Iterator[tuple[K, Extraction]]:
        """(id, extraction) for each (id, text, published), in order, using nlp.pipe for speed."""

        def texts() -> Iterator[tuple[str, tuple[K, date]]]:
            for item_id, text, published in items:
                yield text, (item_id, published)

        for doc, (item_id, published) in self.nlp.pipe(
            texts(), as_tuples=True, batch_size=batch_size
        ):
            yield item_id, self._read(doc, published)

    def _read(self, doc: Doc, published: date) -> Extraction:
        return Extraction(
            text=doc_tokens(doc).text,
            published=published,
            strikes=extract_strikes(doc, published),
            pledges=extract_pledges(doc, published),
        )


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The shared extractor, built on first use."""
    return Extractor()


def extract(text: str, published: date) -> Extraction:
    """Extract with the shared extractor."""
    return default_extractor().extract(text, published)
