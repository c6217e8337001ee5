"""spaCy components of the extraction pipeline: sentence bounds, place and target matchers."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from trucewatch.extract.lexicon import lexicon, place_index
from trucewatch.extract.tokens import TABLE_KEY, DocTokens, doc_tokens

__all__ = [
    "BLOCKERS_KEY",
    "PLACES_KEY",
    "TARGETS_KEY",
    "Mark",
    "component_names",
    "marks",
    "phrase_tokenizer",
]

PLACES_KEY = "tw_places"
TARGETS_KEY = "tw_targets"
BLOCKERS_KEY = "tw_blockers"

_NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it: "not a sentence start"
_ENDERS = frozenset({".", "!", "?", "•", "…"})
_CLOCK = frozenset({"a.m.", "p.m.", "A.M.", "P.M."})


class SentenceBounds:
    """Sentence starts after . ! ? and line breaks, so headlines and live-blog lines stand alone."""

    def __call__(self, doc: Doc) -> Doc:
        """Mark sentence starts on `doc` (one array write, not one setter call per token).

        The token tables (`doc_tokens`) are built here from the one pass over the tokens, their
        sentences from the starts marked, so the rules never walk the Doc again."""
        n = len(doc)
        if n == 0:
            return doc
        flags = numpy.full((n, 1), _NOT_START, dtype="uint64")
        table = DocTokens(doc, starts=[])
        texts = [t.text for t in table.toks]
        starts: list[int] = []
        start_next = True
        for i, text in enumerate(texts):
            if start_next:
                flags[i, 0] = 1
                starts.append(i)
            if text.isspace():
                if "\n" in text:
                    start_next = True
                continue
            start_next = text in _ENDERS
            if text in _CLOCK and i + 1 < n:
                # "... at about 11 a.m. The first missile ...": the abbreviation ends a sentence
                # when a capitalised function word follows (not "a.m. Kyiv time")
                nxt_tok = doc[i + 1]
                start_next = nxt_tok.is_title and nxt_tok.is_stop
            if text == "." and i + 1 < n:
                nxt = texts[i + 1]
                start_next = not (nxt.islower() and nxt.isalpha()) and nxt not in (",", ";", ")")
        flags[0, 0] = 1
        doc.from_array([SENT_START], flags)  # type: ignore[arg-type]
        table.set_sents(starts)
        doc.user_data[TABLE_KEY] = table
        return doc


class Mark:
    """A tagged phrase as plain values (duck-types the Span attributes the rules read)."""

    __slots__ = ("end", "end_char", "label_", "start", "start_char", "text")

    def __init__(self, span: Span, text: str) -> None:
        self.start = span.start
        self.end = span.end
        self.start_char = span.start_char
        self.end_char = span.end_char
        self.label_ = span.label_
        self.text = text


def _marks_key(key: str) -> str:
    return key + "_marks"


def _make_marks(doc: Doc, spans: Iterable[Span]) -> list[Mark]:
    table = doc_tokens(doc)
    return [Mark(s, table.span_text(s.start, s.end)) for s in spans]


def marks(doc: Doc, key: str) -> list[Mark]:
    """The phrases tagged under `key` in `doc`, in order, made once per doc (a SpanGroup makes
    new Span objects on every pass over it)."""
    got = doc.user_data.get(_marks_key(key))
    if not isinstance(got, list):
        got = _make_marks(doc, doc.spans[key]) if key in doc.spans else []
        doc.user_data[_marks_key(key)] = got
    return got


class PhraseTagger:
    """Tag phrases from a label -> phrases table into `doc.spans[key]` (longest match wins)."""

    def __init__(self, nlp: Language, key: str, table: dict[str, list[str]]) -> None:
        self.key = key
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        tokenizer = phrase_tokenizer(nlp)
        for label, phrases in table.items():
            docs = [tokenizer(p) for p in phrases]
            self.matcher.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        """Add matched spans to `doc.spans[self.key]`."""
        matches = self.matcher(doc, as_spans=True)
        matches.sort(key=lambda s: (s.start, -(s.end - s.start)))
        kept: list[Span] = []
        last_end = -1
        for span in matches:
            if span.start >= last_end:
                kept.append(span)
                last_end = span.end
        doc.spans[self.key] = kept
        doc.user_data[_marks_key(self.key)] = _make_marks(doc, kept)
        return doc


def phrase_tokenizer(nlp: Language) -> Tokenizer:
    """A tokenizer that splits as `nlp.tokenizer` does, with a chunk cache of its own.

    spaCy's tokenizer caches how it split each chunk of text, up to `max_cache_size` (10,000)
    chunks, then no more: the gazetteer's thousands of names, split by `nlp.tokenizer`, would
    fill it before the first text, and every word of every text would be split afresh (about
    five times the tokenizer's time on news texts)."""
    own = nlp.tokenizer
    if not isinstance(own, Tokenizer):  # pragma: no cover - a blank pipeline's is one
        raise TypeError(f"not a spaCy Tokenizer: {type(own).__name__}")
    tokenizer = copy.copy(own)  # Tokenizer.__reduce__: its vocabulary, rules and affix regexes
    tokenizer.faster_heuristics = own.faster_heuristics
    return tokenizer


def _place_table(nlp: Language) -> dict[str, list[str]]:
    idx = place_index()
    names = sorted(set(idx.surfaces()))
    return {"PLACE": names}


@Language.factory("tw_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceBounds:
    """Factory for the sentence-bound component."""
    return SentenceBounds()


@Language.factory("tw_places")
def make_places(nlp: Language, name: str) -> PhraseTagger:
    """Factory for the place tagger (gazetteer names plus fallback list)."""
    return PhraseTagger(nlp, PLACES_KEY, _place_table(nlp))


@Language.factory("tw_targets")
def make_targets(nlp: Language, name: str) -> PhraseTagger:
    """Factory for the target-category tagger."""
    lex = lexicon()
    table: dict[str, list[str]] = {k: list(v) for k, v in lex.targets.items()}
    return PhraseTagger(nlp, TARGETS_KEY, table)


@Language.factory("tw_blockers")
def make_blockers(nlp: Language, name: str) -> PhraseTagger:
    """Factory for phrases that cancel a target match ("power cuts", "in hospital")."""
    return PhraseTagger(nlp, BLOCKERS_KEY, {"BLOCK": list(lexicon().target_blockers)})


def component_names() -> list[str]:
    """The components in pipeline order."""
    return ["tw_sentences", "tw_places", "tw_targets", "tw_blockers"]


def config() -> dict[str, Any]:
    """Nothing to configure yet; kept for the pipeline's meta."""
    return {}
