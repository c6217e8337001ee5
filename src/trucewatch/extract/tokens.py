"""Per-doc token tables, read once from a Doc so the rules never iterate spaCy objects again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["TABLE_KEY", "DocTokens", "Piece", "Tok", "TokenRange", "doc_tokens"]

TABLE_KEY = "tw_tokens"


class Tok:
    """A token's text, offsets and flags as plain attributes (duck-types the spaCy Token we use)."""

    __slots__ = (
        "i",
        "idx",
        "is_alpha",
        "is_punct",
        "is_space",
        "is_title",
        "like_num",
        "lower_",
        "text",
    )

    def __init__(
        self,
        i: int,
        text: str,
        idx: int,
        like_num: bool,
        is_punct: bool,
        is_alpha: bool,
        is_title: bool,
        is_space: bool,
        lower: str | None = None,
    ) -> None:
        self.i = i
        self.text = text
        self.lower_ = text.lower() if lower is None else lower
        self.idx = idx
        self.like_num = like_num
        self.is_punct = is_punct
        self.is_alpha = is_alpha
        self.is_title = is_title
        self.is_space = is_space

    def __len__(self) -> int:
        return len(self.text)


#: A string's text and flags: like_num, is_punct, is_alpha, is_title, is_space; its lowercase.
_Lex = tuple[str, bool, bool, bool, bool, bool, str]


class DocTokens:
    """The text of a Doc, its tokens as `Tok`s, their lowercase forms and its sentence ranges."""

    __slots__ = ("lower", "sents", "text", "toks")

    def __init__(self, doc: Doc, starts: Sequence[int] | None = None) -> None:
        """The tables of `doc`; its sentences from `starts` (their first tokens) when given.

        Read from one array of the Doc (each token's string and trailing space), a token's
        flags from its string once per vocabulary: no spaCy Token is made."""
        lexes = _lexemes(doc)
        toks: list[Tok] = []
        parts: list[str] = []
        idx = 0
        rows = doc.to_array([ORTH, SPACY]).tolist() if len(doc) else []
        for i, (orth, space) in enumerate(rows):
            lex = lexes.get(orth)
            if lex is None:
                lex = lexes[orth] = _lexeme(doc.vocab, orth)
            text, like_num, is_punct, is_alpha, is_title, is_space, lower = lex
            toks.append(Tok(i, text, idx, like_num, is_punct, is_alpha, is_title, is_space, lower))
            parts.append(text)
            idx += len(text)
            if space:
                parts.append(" ")
                idx += 1
        self.text = "".join(parts)
        self.toks = toks
        self.lower = [t.lower_ for t in toks]
        self.sents: list[tuple[int, int]] = []
        if starts is None:
            self.sents = [(s.start, s.end) for s in doc.sents]
        else:
            self.set_sents(starts)

    def set_sents(self, starts: Sequence[int]) -> None:
        """The sentences, from their first tokens (the first of them 0), in order."""
        ends = [*starts[1:], len(self.toks)] if starts else []
        self.sents = list(zip(starts, ends, strict=True))

    def __len__(self) -> int:
        return len(self.toks)

    def space_after(self, i: int) -> bool:
        """Whether token i is followed by a space (`doc[i].whitespace_`); i < 0 counts from the
        end, as in a Doc."""
        i %= len(self.toks)
        end = self.toks[i].idx + len(self.toks[i].text)
        nxt = self.toks[i + 1].idx if i + 1 < len(self.toks) else len(self.text)
        return nxt > end

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Character offsets of tokens a..b (b exclusive, b > a), trailing whitespace excluded."""
        last = self.toks[b - 1]
        return self.toks[a].idx, last.idx + len(last.text)

    def span_text(self, a: int, b: int) -> str:
        """The text of tokens a..b, as `doc[a:b].text` gives it."""
        if b <= a:
            return ""
        s, e = self.chars(a, b)
        return self.text[s:e]


class TokenRange(Protocol):
    """Tokens start..end of a doc: a spaCy Span or a `Piece`."""

    @property
    def start(self) -> int: ...  # pragma: no cover - a protocol

    @property
    def end(self) -> int: ...  # pragma: no cover - a protocol


class Piece:
    """Tokens a..b (b > a) of a doc as plain values: the Span attributes the rules read
    (`doc[a:b]` makes a spaCy Token per token each time its text is read)."""

    __slots__ = ("end", "start", "start_char", "text")

    def __init__(self, table: DocTokens, a: int, b: int) -> None:
        self.start = a
        self.end = b
        self.start_char = table.toks[a].idx
        self.text = table.span_text(a, b)


# A token's string and flags by its string's id, per vocabulary (the flags of a string are the
# lexeme's: `like_num` is the language's); the vocabulary is kept so its id stays its own.
_LEXEMES: dict[int, tuple[Vocab, dict[int, _Lex]]] = {}


def _lexemes(doc: Doc) -> dict[int, _Lex]:
    vocab = doc.vocab
    entry = _LEXEMES.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        entry = _LEXEMES[id(vocab)] = (vocab, {})
    return entry[1]


def _lexeme(vocab: Vocab, orth: int) -> _Lex:
    lex = vocab[orth]
    text = lex.orth_
    return (
        text,
        lex.like_num,
        lex.is_punct,
        lex.is_alpha,
        lex.is_title,
        lex.is_space,
        text.lower(),
    )


def doc_tokens(doc: Doc) -> DocTokens:
    """The token tables of `doc`, built on first use and kept in `doc.user_data`."""
    table = doc.user_data.get(TABLE_KEY)
    if not isinstance(table, DocTokens) or len(table) != len(doc):
        table = DocTokens(doc)
        doc.user_data[TABLE_KEY] = table
    return table
