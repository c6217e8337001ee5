"""The fast way of running case-insensitive patterns (`extract.fold`): same spans as re.I.

`Folded.search` skips a pattern when the text holds none of the words its every match must
hold (`needs`, read from the parsed pattern). Wrong words would silently drop matches, so
every pattern of the extractor is checked here against plain re.I on sentences of our own.
"""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.extract import clauses, counts, dates, places, pledges, strikes, weapons
from trucewatch.extract.fold import Folded, needs, plain

SENTENCES = [
    "Russia launched 140 drones and four missiles at Ukraine overnight into Tuesday.",
    "The air force said 120 of them were shot down or lost locationally.",
    "Kyiv could not establish who fired, and each side blamed the other.",
    "Moscow's forces pounded Kharkiv again overnight, killing three people.",
    "A ceasefire took effect at 16:00 Moscow time on 8 May, but Ukraine said it was violated.",
    "The death toll rose to 17 on Thursday, the governor said.",
    "In January so far, strikes have killed 120 civilians.",
    "Ukrainian drones hit a refinery in the Rostov region; no one was hurt there.",
    "Debris fell on Moldova's territory after a drone crossed into Romanian airspace.",
    "Putin said Russia would not strike energy facilities for 30 days.",
    "RUSSIA AND UKRAINE AGREE A THREE-DAY TRUCE, THE KREMLIN SAYS",
    "Zelensky's office said Russian strikes had hit a power station that night.",
    "The Kelvin sign \u212a and the dotless \u0131 fold differently; Ukraine's \u2019s stays.",
    "Glide bombs fell on Sumy region from 02:30 on 8 May, hours after the truce began.",
    "",
]


def _patterns(mod: ModuleType) -> list[re.Pattern[str]]:
    """The module's lowercase re.I patterns: those `Folded` may be asked to run."""
    out = []
    for value in vars(mod).values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            pat = item[1] if isinstance(item, tuple) and len(item) == 2 else item
            if not isinstance(pat, re.Pattern) or not pat.flags & re.I:
                continue
            bare = pat.pattern.replace("(?P<", "").replace("(?P=", "")
            if bare == bare.lower():
                out.append(pat)
    return out


PATTERNS = [
    p for m in (clauses, counts, dates, places, pledges, strikes, weapons) for p in _patterns(m)
]


def test_needs_reads_the_words_every_match_holds() -> None:
    assert needs(re.compile(r"\b(?:could\s+not|cannot|unable\s+to)\s+verify")) == ("verify",)
    assert needs(re.compile(r"x(?:abc|de)+y?")) == ("de", "abc")
    # the longer words win; a word holding another ("russian") is found with it
    assert needs(re.compile(r"(?:russia|russian|moscow)\s+said")) == ("moscow", "russia")
    assert needs(re.compile(r"(?:kyiv|moscow)\s+said")) == ("said",)
    assert needs(re.compile(r"\b(?:russia|russians|moscow)\b")) == ("moscow", "russia")


def test_needs_gives_none_when_a_match_may_hold_no_word() -> None:
    assert needs(re.compile(r"(?:ab)*")) is None  # may match nothing
    assert needs(re.compile(r"\d+|drones")) is None  # one alternative has no word
    assert needs(re.compile(r"abc", re.I)) is None  # any case: `in` cannot look for it
    assert needs(re.compile(r"(?i)abc")) is None
    assert needs(re.compile(r"(?=abc)\w")) is None  # a lookahead consumes nothing


@pytest.mark.parametrize("text", SENTENCES)
def test_folded_search_finds_what_re_i_finds(text: str) -> None:
    assert PATTERNS, "no patterns collected"
    ft = Folded(text)
    for pat in PATTERNS:
        want = pat.search(text)
        got = ft.search(pat)
        assert (got and got.span()) == (want and want.span()), pat.pattern[:60]
        spans = [m.span() for m in ft.finditer(pat)]
        assert spans == [m.span() for m in pat.finditer(text)], pat.pattern[:60]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from([*" ".join(SENTENCES).split(), ",", ".", "\n", "'s", "on", "the"]),
        max_size=30,
    )
)
def test_folded_search_on_shuffled_words(words: list[str]) -> None:
    text = " ".join(words)
    ft = Folded(text)
    for pat in PATTERNS:
        want = pat.search(text)
        got = ft.search(pat)
        assert (got and got.span()) == (want and want.span()), pat.pattern[:60]


def test_a_gated_pattern_matches_only_where_its_words_are() -> None:
    checked = 0
    for pat in PATTERNS:
        fast = plain(pat)
        words = needs(fast)
        if words is None:
            continue
        for text in SENTENCES:
            low = text.lower()
            if fast.search(low) is not None:
                assert any(w in low for w in words), pat.pattern[:60]
                checked += 1
    assert checked > 10


def test_an_alternation_runs_with_the_alternatives_the_text_can_match() -> None:
    from trucewatch.extract.clauses import AGGREGATE
    from trucewatch.extract.fold import _entry, _runnable

    text = "Russia has launched 500 drones this week, more than in any week this year."
    low = text.lower()
    entry = _entry(AGGREGATE)
    run = _runnable(entry, low)
    assert run is not None and run is not entry[1]  # only some alternatives are tried
    assert [m.span() for m in run.finditer(low)] == [m.span() for m in AGGREGATE.finditer(text)]
    assert _runnable(entry, "no figure here at all") is None


def test_an_alternation_keeps_the_alternatives_that_need_no_word() -> None:
    from trucewatch.extract.fold import _entry, _runnable

    pat = re.compile(r"\b(?:alpha|beta\s+one|gamma|delta|epsilon|\d+\s+units)\b", re.I)
    entry = _entry(pat)
    assert entry[3] is not None  # read as an alternation
    for text in ("Beta one and 4 units", "12 UNITS only", "gamma, then Alpha", "none here"):
        low = text.lower()
        run = _runnable(entry, low)
        got = [] if run is None else [m.span() for m in run.finditer(low)]
        assert got == [m.span() for m in pat.finditer(text)], text
    # "\d+\s+units" needs "units": a text without it or any other word runs nothing
    assert _runnable(entry, "nothing to see, 12 of them") is None
    free = re.compile(r"\b(?:alpha|beta|gamma|delta|\d+)\b", re.I)  # \d+ needs no word
    run = _runnable(_entry(free), "just 12")
    assert run is not None and [m.span() for m in run.finditer("just 12")] == [(5, 7)]


@pytest.mark.parametrize("text", SENTENCES)
def test_a_text_holds_the_words_its_bits_say(text: str) -> None:
    from trucewatch.extract import fold

    for pat in PATTERNS:
        fold._entry(pat)  # every pattern's words given bits
    assert fold._WORD_BIT, "no word bits"
    low = text.lower()
    bits = fold._text_bits(low)
    for word, bit in fold._WORD_BIT.items():
        assert bool(bits & bit) == (word in low), word


def test_a_text_read_before_a_word_had_its_bit_is_read_again() -> None:
    from trucewatch.extract.fold import Folded

    ft = Folded("Zorblax and Quuxian forces met at dawn")
    first = re.compile(r"\b(?:zorblax|vexling)\s+\w+", re.I)
    assert ft.search(first) is not None
    later = re.compile(r"\bquuxian\s+forces\b", re.I)  # new words, given bits after `ft` was read
    got = ft.search(later)
    assert got is not None and got.span() == (12, 26)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=6))
def test_folded_judges_each_text_alone(texts: list[str]) -> None:
    """`folded` remembers the characters it found safe; a later text's answer never changes.

    Each text is judged as a fresh process would judge it: lowercased only when every one of
    its characters folds the way re.I folds it.
    """
    from trucewatch.extract.fold import _FOLD_UNSAFE, folded

    for text in texts:
        low = text.lower()
        safe = len(low) == len(text) and all(
            c.isascii() or (c not in _FOLD_UNSAFE and c.isalnum() == c.lower().isalnum())
            for c in text
        )
        assert folded(text) == (low if safe else None)
        assert folded(text) == (low if safe else None)  # again, with its characters remembered


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from([*" ".join(SENTENCES).split(), ",", ".", "\n", "'s", "on", "the"]),
        max_size=30,
    ),
    st.integers(min_value=0, max_value=80),
)
def test_a_shared_fold_searches_as_a_fresh_one(words: list[str], others: int) -> None:
    """`fold_of` hands the readers of one text one `Folded`: after any other texts (which may
    clear the memo) and any searches already run on it, it finds what a fresh one finds."""
    from trucewatch.extract.fold import fold_of

    text = " ".join(words)
    shared = fold_of(text)
    for pat in PATTERNS[::3]:
        shared.search(pat)
    for i in range(others):
        fold_of(f"{text} {i}")
    again, fresh = fold_of(text), Folded(text)
    assert (again.text, again.low) == (text, fresh.low)
    for pat in PATTERNS:
        got, want = again.search(pat), fresh.search(pat)
        assert (got and got.span()) == (want and want.span()), pat.pattern[:60]


def test_every_broker_match_holds_a_broker_word() -> None:
    """`_named_broker` skips a text with none of `BROKER_WORDS`: each alternative of
    BROKERED must hold one (its names, matched in any case, lowercased to be read)."""
    words = needs(re.compile(pledges.BROKERED.pattern.replace("[A-Z]", "[a-z]")))
    assert words is not None
    assert all(any(b in w for b in pledges.BROKER_WORDS) for w in words), words
    for text in ("a UN-brokered deal", "talks mediated by Turkey", "PRESIDED OVER BY the UN"):
        assert pledges.BROKERED.search(text) is not None
        assert any(b in text.lower() for b in pledges.BROKER_WORDS)
    assert pledges._named_broker("A deal Turkey brokered and no one else") is None
    assert pledges._named_broker("The ceasefire, brokered by Turkey, held.") == "TR"
