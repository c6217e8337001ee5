"""The Slavic reader's fast paths give what the plain ones give: the analyser's cached answers
(`slavic.morph`) are those pymorphy3 gives word by word; the gloss's tokens are its regex's; a
text glosses the same from warm caches as from empty ones; the readings the gloss tries only
at some words start nowhere else."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.extract.fold import Folded
from trucewatch.extract.numbers import word_value
from trucewatch.extract.pledges import BOTH, DAY_RANGE, DAYS, HOURS, NOT_A_PLEDGE, PLEDGE_NOUN, WEEK
from trucewatch.extract.slavic.gloss import _TOKEN, _opens_reading, glosser, tokenize
from trucewatch.extract.slavic.morph import fold, morph
from trucewatch.extract.slavic.pledges import (
    _DAYS_SINCE,
    _FOR_DAYS,
    _MONTH_LONG,
    _duration,
    _masked,
    _search,
)

WORDS = {
    "uk": ["киян", "ракета", "наносила", "оголошене", "володимира", "дронів", "xyz", "б", ""],
    "ru": ["горожан", "наносила", "объявленное", "владимира", "ракеты", "беспилотник", "qq"],
}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_cached_tags_answer_as_the_analyser(lang: str) -> None:
    m = morph(lang)
    for word in WORDS[lang]:
        parses = m._analyzer.parse(word)
        tag = parses[0].tag if parses else None
        for _ in range(2):  # asked again: from the cache
            assert m.animate(word) == (tag is not None and tag.POS == "NOUN" and "anim" in tag), (
                word
            )
            assert m.past(word) == (tag is not None and "past" in tag), word
            assert m.passive(word) == (tag is not None and "pssv" in tag), word
            assert m.first_name(word) == (tag is not None and "Name" in tag), word


@pytest.mark.parametrize(
    "text",
    [
        "Вночі 23 жовтня ворог атакував Х-101/Х-555 і 12 ударними БпЛА;  о 20:30 — вибух.",
        "  Ёлки, п’ятеро поранених\nв Харькове: 1 120 дронов, 12345678901234 рублей!",
        "",
    ],
)
def test_tokens_are_the_regex_matches_with_the_space_before(text: str) -> None:
    toks = tokenize(text)
    matches = list(_TOKEN.finditer(text))
    assert [(t.text, t.start, t.end, t.kind) for t in toks] == [
        (m.group(), m.start(), m.end(), m.lastgroup or "punct") for m in matches
    ]
    assert all(t.lower == fold(t.text) for t in toks)
    assert "".join(t.space + t.text for t in toks) == text[: toks[-1].end if toks else 0]


# Phrases the gloss reads as one piece from their first word (numbers, months, "в ніч на",
# "з 10 ракет", "від ... до", "за 7 днів", ages, victims) and other words, to draw texts from.
_VOCAB = {
    "uk": [
        "в ніч на 23 жовтня", "з 10 ракет вдалося збити 7", "від 350 до 500 дронів",
        "за останні 7 днів", "упродовж березня", "з початку березня", "Одна влучила в будинок",
        "протягом доби", "двадцять три", "1 120", "46-річна", "поранено водія", "загинув батько",
        "травмовано жінку", "у", "на", "з", "до", "за",
        "ракетами", "збито", "Харків", "Харківській", "області", "Київ", "атакували",
        "Зеленського", "Одесі", "ворог", ".", ",", ":", "—", "7", "2025",
    ],
    "ru": [
        "ночью 28 августа", "в ночь на 3 февраля", "из 10 ракет удалось сбить 7",
        "от 350 до 500", "за 3 суток", "в течение марта", "погибла 46-летняя женщина",
        "семилетний мальчик", "Одна попала в университет", "ранен водитель",
        "погибли супруги", "Пострадавших среди жителей, по предварительным данным, нет.",
        "Жертв среди мирных жителей нет.", "двадцать три",
        "в", "во", "с", "до", "за", "беспилотников", "сбито", "Белгород", "Курской",
        "области", "Москва", "Старом", "Осколе", "Воронеже", ".", ",", ":", "—", "7", "2025",
    ],
}  # fmt: skip


def _texts(lang: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_VOCAB[lang]), max_size=25).map(" ".join)


@pytest.mark.parametrize("lang", ["uk", "ru"])
@given(data=st.data())
def test_readings_of_several_tokens_open_only_where_the_gloss_tries_them(
    lang: str, data: st.DataObject
) -> None:
    """`Glosser._at` tries the readings of several tokens only where `_opens_reading` says one
    may start: elsewhere trying them finds none."""
    g = glosser(lang)
    toks = tokenize(data.draw(_texts(lang)))
    lemmas = [g._word_lemma(t.lower) if t.kind == "word" else t.lower for t in toks]
    for i, tok in enumerate(toks):
        if tok.kind in ("word", "num", "long") and not _opens_reading(tok, lemmas[i]):
            assert g._opened_at(toks, lemmas, i, date(2025, 5, 7)) is None, (tok.text, i)


def _clear(lang: str) -> None:
    """Empty every cache per word form the gloss reads through."""
    g, m = glosser(lang), morph(lang)
    g._word_lemma.cache_clear()
    g.places.word_places.cache_clear()
    g.places.unit_adjective.cache_clear()
    g.places.candidates.cache_clear()
    for cache in (m.lemmas, m.grammar, m.known, m.tense, m.gender, m._tags):
        cache.cache_clear()


@pytest.mark.parametrize("lang", ["uk", "ru"])
@given(first=st.data())
@settings(max_examples=30)
def test_a_text_glosses_the_same_from_warm_caches_as_from_empty_ones(
    lang: str, first: st.DataObject
) -> None:
    """Caches are keyed by all they depend on: a text glossed after others (warm caches)
    reads as it does with every cache emptied first."""
    g = glosser(lang)
    others = [first.draw(_texts(lang)) for _ in range(3)]
    text = first.draw(_texts(lang))
    for other in others:
        g(other, date(2025, 5, 7))
    warm = g(text, date(2025, 5, 7))
    _clear(lang)
    cold = g(text, date(2025, 5, 7))
    assert (warm.text, warm.starts, warm.spans, warm.words) == (
        cold.text,
        cold.starts,
        cold.spans,
        cold.words,
    )


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_a_place_word_cached_before_the_tables_say_otherwise_is_no_place(lang: str) -> None:
    """What a word names by itself is cached per form; whether the gloss tables read its lemma
    as another word ("Зеленського") is asked at each match, so a change to them is seen."""
    reader = glosser(lang).places
    word = "Зеленського" if lang == "uk" else "Зеленского"
    lemma, _, _ = reader.word_places(fold(word))
    assert lemma is not None and lemma in reader.not_places
    assert reader.match([word], [True], 0) is None
    saved = reader.not_places
    try:
        reader.not_places = saved - {lemma}
        found = reader.match([word], [True], 0)
        assert (found.name if found else None) == reader.word_places(fold(word))[2]
    finally:
        reader.not_places = saved


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_cached_tense_and_gender_answer_as_the_analyser(lang: str) -> None:
    m = morph(lang)
    for word in [*WORDS[lang], "атакував", "атакует", "атаковать", "припинити", "війська"]:
        for _ in range(2):  # asked again: from the cache
            assert m.tense(word) == m._tense(word), word
            assert m.gender(word) == m._gender(word), word


# English of pledges as the gloss writes it: lengths, dates, pledge nouns and their maskers.
_PLEDGE_ENGLISH = [
    "30-day", "30 days since", "72 hours", "48-hour", "a week", "week-long", "month-long",
    "for a month", "on 30 days", "from 5 to 7 May", "ceasefire", "Ceasefire", "truce",
    "moratorium", "energy", "possible", "a possible ceasefire", "future truce", "refrained",
    "not to strike", "strikes", "stop", "Russia", "Ukraine", "agreed", "on", ",", ".", "#",
    "Σ", "ſ", "day", "days", "hour", "thirty", "since", "halt to attacks", "the",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PLEDGE_ENGLISH), max_size=12).map(" ".join))
def test_folded_pledge_searches_find_what_the_patterns_find(english: str) -> None:
    """The pledge reader's gated searches (`_search`, `_masked`, `_duration`) give the
    patterns' own answers, match for match."""
    for pat in (PLEDGE_NOUN, NOT_A_PLEDGE, DAYS, HOURS, WEEK, DAY_RANGE, BOTH):
        got, want = _search(pat, english), pat.search(english)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))
    masked = NOT_A_PLEDGE.sub(lambda m: "#" * len(m.group(0)), english)
    assert _masked(Folded(english)).text == masked
    assert _duration(english) == _duration_by_the_patterns(english)


def _duration_by_the_patterns(text: str) -> int | None:
    """`_duration` as each pattern runs it on the text (no fast way)."""
    text = _DAYS_SINCE.sub(r"\1 from", text)
    if DAY_RANGE.search(text):
        return None
    m = DAYS.search(text) or _FOR_DAYS.search(text)
    if m:
        return word_value(m.group("n"))
    m = HOURS.search(text)
    if m:
        h = word_value(m.group("n"))
        return h // 24 if h and h % 24 == 0 else None
    if WEEK.search(text):
        return 7
    return 30 if _MONTH_LONG.search(text) else None
