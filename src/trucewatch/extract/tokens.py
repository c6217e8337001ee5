"""Per-doc token tables, read once from a Doc so the rules never iterate spaCy objects again."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

__all__ = ["TABLE_KEY", "DocTokens", "Tok", "doc_tokens"]

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
    ) -> None:
        self.i = i
        self.text = text
        self.lower_ = text.lower()
        self.idx = idx
        self.like_num = like_num
        self.is_punct = is_punct
        self.is_alpha = is_alpha
        self.is_title = is_title
        self.is_space = is_space

    def __len__(self) -> int:
        return len(self.text)


class DocTokens:
    """The text of a Doc, its tokens as `Tok`s, their lowercase forms and its sentence ranges."""

    __slots__ = ("lower", "sents", "text", "toks")

    def __init__(self, doc: Doc, starts: Sequence[int] | None = None) -> None:
        """The tables of `doc`; its sentences from `starts` (their first tokens) when given."""
        toks: list[Tok] = []
        parts: list[str] = []
        for t in doc:
            toks.append(
                Tok(
                    t.i,
                    t.text,
                    t.idx,
                    t.like_num,
                    t.is_punct,
                    t.is_alpha,
                    t.is_title,
                    t.is_space,
                )
            )
            parts.append(t.text_with_ws)
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


def doc_tokens(doc: Doc) -> DocTokens:
    """The token tables of `doc`, built on first use and kept in `doc.user_data`."""
    table = doc.user_data.get(TABLE_KEY)
    if not isinstance(table, DocTokens) or len(table) != len(doc):
        table = DocTokens(doc)
        doc.user_data[TABLE_KEY] = table
    return table
