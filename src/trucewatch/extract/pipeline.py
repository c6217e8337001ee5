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
from trucewatch.extract.dates import dateline_day
from trucewatch.extract.pledges import extract_pledges
from trucewatch.extract.results import Extraction
from trucewatch.extract.spaces import plain_spaces
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

    def prepare(self, text: str) -> str:
        """`text` as the pipeline reads it (`plain_spaces`), the pipeline let to read it whole.

        spaCy refuses a text over `max_length` (1,000,000 characters, E088) to guard the memory
        of a parser or tagger, which this pipeline does not have; the texts it is given are
        already held to the text limit (`TRUCEWATCH_MAX_TEXT_CHARS`), and a Ukrainian or
        Russian text's English gloss may be longer than the text.
        """
        if len(text) >= self.nlp.max_length:
            self.nlp.max_length = len(text) + 1
        return plain_spaces(text)

    def extract(self, text: str, published: date) -> Extraction:
        """Strikes and pledges in `text`, dates resolved against `published` (Kyiv-local)."""
        return self._read(self.nlp(self.prepare(text)), text, published)

    def extract_many(
        self, items: Iterable[tuple[K, str, date]], batch_size: int = 64
    ) -> Iterator[tuple[K, Extraction]]:
        """(id, extraction) for each (id, text, published), in order, using nlp.pipe for speed."""

        def texts() -> Iterator[tuple[str, tuple[K, str, date]]]:
            for item_id, text, published in items:
                yield self.prepare(text), (item_id, text, published)

        for doc, (item_id, text, published) in self.nlp.pipe(
            texts(), as_tuples=True, batch_size=batch_size
        ):
            yield item_id, self._read(doc, text, published)

    def _read(self, doc: Doc, text: str, published: date) -> Extraction:
        """What `doc` (of `text`, its spaces made plain) reports; the result quotes `text`.
        Relative days count from the day the dateline names, when it names one."""
        filed = dateline_day(doc_tokens(doc).text, published)
        return Extraction(
            text=text,
            published=published,
            strikes=extract_strikes(doc, filed),
            pledges=extract_pledges(doc, filed),
        )


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The shared extractor, built on first use."""
    return Extractor()


def extract(text: str, published: date) -> Extraction:
    """Extract with the shared extractor."""
    return default_extractor().extract(text, published)
