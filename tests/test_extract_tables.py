"""The token tables the rules read instead of spaCy objects (`extract.tokens`) agree with the
Doc they were read from: a speed change that reads a table must read what the Doc says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokenizer import Tokenizer

from trucewatch.extract.components import phrase_tokenizer
from trucewatch.extract.pipeline import default_extractor
from trucewatch.extract.tokens import Piece, doc_tokens

TEXTS = [
    "Russia launched 140 drones  and four missiles at Ukraine overnight.",
    "KYIV, May 9 (Reuters) -\nThe capital was hit - again -twice ; two people died.\n\n",
    "Drones flew from Russia's Kursk region -- and from   occupied Crimea -",
    "  Leading spaces,\ttabs\tand a trailing space ",
    "one",
    "Kharkiv\u00a0region: the village of Wyryki - and, later, Izium.",
]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return default_extractor().nlp


@pytest.mark.parametrize("text", TEXTS)
def test_space_after_is_the_tokens_whitespace(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    dt = doc_tokens(doc)
    assert dt.text == doc.text
    for i in range(-len(doc), len(doc)):
        assert dt.space_after(i) == bool(doc[i].whitespace_), (text, i)


@pytest.mark.parametrize("text", TEXTS)
def test_the_tables_read_as_the_doc(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    dt = doc_tokens(doc)
    for tok, t in zip(doc, dt.toks, strict=True):
        assert (t.i, t.text, t.idx, t.lower_) == (tok.i, tok.text, tok.idx, tok.lower_)
        assert (t.is_title, t.is_alpha, t.is_space, t.like_num, t.is_punct) == (
            tok.is_title,
            tok.is_alpha,
            tok.is_space,
            tok.like_num,
            tok.is_punct,
        )
    for a in range(len(doc) + 1):
        for b in range(a, len(doc) + 1):
            assert dt.span_text(a, b) == doc[a:b].text
    assert dt.sents == [(s.start, s.end) for s in doc.sents]


@pytest.mark.parametrize("text", TEXTS)
def test_a_piece_reads_as_its_span(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    dt = doc_tokens(doc)
    for a in range(len(doc)):
        for b in range(a + 1, len(doc) + 1):
            piece, span = Piece(dt, a, b), doc[a:b]
            assert (piece.start, piece.end, piece.start_char, piece.text) == (
                span.start,
                span.end,
                span.start_char,
                span.text,
            )


_PIECES = [w for t in TEXTS for w in t.split()] + ["U.S.", "don't", "10km", "e-mail", "a.m.", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from([" ", "", "  ", "\n"]))
def test_the_phrase_tokenizer_splits_as_the_pipelines(words: list[str], sep: str) -> None:
    """The gazetteer's phrases are split by a copy of the tokenizer (its own chunk cache): a
    phrase must split as the same words in a text do, or the tagger would miss it."""
    nlp = default_extractor().nlp
    text = sep.join(words)
    ours, theirs = phrase_tokenizer(nlp)(text), nlp.tokenizer(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in theirs]


def test_the_phrase_tokenizer_is_a_copy_on_the_same_vocabulary() -> None:
    nlp = default_extractor().nlp
    own, copy = nlp.tokenizer, phrase_tokenizer(nlp)
    assert isinstance(own, Tokenizer)
    assert copy is not own
    assert copy.vocab is nlp.vocab
    assert (copy.rules, copy.faster_heuristics) == (own.rules, own.faster_heuristics)
