"""Lemmas of Ukrainian and Russian words from pymorphy3 and its uk/ru dictionaries."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from trucewatch.errors import InputError

__all__ = ["Morph", "fold", "morph"]

# Ukrainian writes its apostrophe as ', ’, ʼ or ′ (and ` on some keyboards); the dictionaries
# and our tables use '.
_FOLD = str.maketrans({"ё": "е", "’": "'", "ʼ": "'", "′": "'", "`": "'"})


def fold(word: str) -> str:
    """A word as we look it up: lowercase, ё as е, every apostrophe as '."""
    low = word.lower()
    # translate() looks every character up in a dict: only for the words that need it
    if "ё" in low or "’" in low or "ʼ" in low or "′" in low or "`" in low:
        return low.translate(_FOLD)
    return low


class Morph:
    """A pymorphy3 analyser for one language, with its answers cached per word form."""

    def __init__(self, lang: str) -> None:
        try:
            import pymorphy3
        except ImportError as exc:  # pragma: no cover - a broken install
            raise InputError(
                "reading Ukrainian or Russian needs pymorphy3 with its uk/ru dictionaries: "
                "pip install 'trucewatch'",
                code="E195",
            ) from exc
        self.lang = lang
        self._analyzer: Any = pymorphy3.MorphAnalyzer(lang=lang)
        self.lemmas = lru_cache(maxsize=200_000)(self._lemmas)
        self._plurals = lru_cache(maxsize=50_000)(self._plural_forms)
        self._nominative = lru_cache(maxsize=50_000)(self._nominative_of)
        self.grammar = lru_cache(maxsize=50_000)(self._grammar)
        self.known = lru_cache(maxsize=50_000)(self._known)
        # the likeliest reading's tags, asked of the same words text after text
        self._tags = lru_cache(maxsize=50_000)(self._first_tags)
        # the pledge reader asks the tense of every word it reads as a cue, text after text
        self.tense = lru_cache(maxsize=50_000)(self._tense)
        self.gender = lru_cache(maxsize=50_000)(self._gender)

    def _lemmas(self, word: str) -> tuple[tuple[str, str, bool], ...]:
        """(lemma, part of speech, plural) for each reading of a lowercase word, likeliest first."""
        out: list[tuple[str, str, bool]] = []
        for parse in self._analyzer.parse(word):
            lemma = parse.normal_form.replace("ё", "е")
            reading = (lemma, str(parse.tag.POS or ""), "plur" in parse.tag)
            if reading not in out:
                out.append(reading)
        return tuple(out)

    def plural_nominatives(self, word: str) -> tuple[str, ...]:
        """Nominative plural forms of a plural noun ("Валуйок" -> "валуйки"), for place names."""
        return self._plurals(word)

    def _plural_forms(self, word: str) -> tuple[str, ...]:
        out: list[str] = []
        for parse in self._analyzer.parse(word)[:3]:
            if "plur" in parse.tag and parse.tag.POS == "NOUN":
                form = parse.inflect({"plur", "nomn"})
                if form is not None and form.word not in out:
                    out.append(form.word.replace("ё", "е"))
        return tuple(out)

    def nominative(self, word: str) -> bool:
        """The likeliest reading of a lowercase word is in the nominative (a subject)."""
        return self._nominative(word)

    def _nominative_of(self, word: str) -> bool:
        parses = self._analyzer.parse(word)
        return bool(parses) and "nomn" in parses[0].tag

    def _grammar(self, word: str) -> tuple[tuple[str, str], ...]:
        """(part of speech, case) of each reading of a lowercase word, likeliest first."""
        out: list[tuple[str, str]] = []
        for parse in self._analyzer.parse(word):
            reading = (str(parse.tag.POS or ""), str(parse.tag.case or ""))
            if reading not in out:
                out.append(reading)
        return tuple(out)

    def passive(self, word: str) -> bool:
        """The likeliest reading of a lowercase word is a passive participle ("объявленное")."""
        return "pssv" in self._tags(word)[1]

    def _gender(self, word: str) -> str:
        """The gender of the likeliest reading of a lowercase word ("masc", "femn", "neut"),
        "" when it has none (a plural, an adverb)."""
        parses = self._analyzer.parse(word)
        return str(parses[0].tag.gender or "") if parses else ""

    def animate(self, word: str) -> bool:
        """The likeliest reading of a lowercase word is an animate noun ("киян", "горожан")."""
        pos, tags = self._tags(word)
        return pos == "NOUN" and "anim" in tags

    def past(self, word: str) -> bool:
        """The likeliest reading of a lowercase word is a verb in the past tense ("наносила")."""
        return "past" in self._tags(word)[1]

    def _tense(self, word: str) -> str:
        """The likeliest reading's verb form: "infn" (the infinitive, which Ukrainian tags as a
        grammeme of VERB and Russian as a part of speech), "past", "pres", "futr", or ""."""
        parses = self._analyzer.parse(word)
        if not parses:
            return ""
        # the tag's grammemes as text: each dictionary knows only its own names ("infn" is
        # unknown to the Russian one, which raises on `in`)
        grammemes = set(str(parses[0].tag).replace(" ", ",").split(","))
        if grammemes & {"INFN", "infn"}:
            return "infn"
        return next((t for t in ("past", "pres", "futr") if t in grammemes), "")

    def first_name(self, word: str) -> bool:
        """The likeliest reading of a lowercase word is a person's first name ("Владимира")."""
        return "Name" in self._tags(word)[1]

    def _first_tags(self, word: str) -> tuple[str | None, frozenset[str]]:
        """The part of speech and grammemes of the likeliest reading of a lowercase word (none
        when it has no reading)."""
        parses = self._analyzer.parse(word)
        if not parses:
            return None, frozenset()
        tag = parses[0].tag
        return tag.POS, frozenset(tag.grammemes)

    def _known(self, word: str) -> bool:
        """The dictionary holds this lowercase word form (no guessing from its ending)."""
        return bool(self._analyzer.word_is_known(word))

    def lemma(self, word: str) -> str:
        """The likeliest lemma of a word (lowercased, ё as е)."""
        lower = fold(word)
        found = self.lemmas(lower)
        return found[0][0] if found else lower


@lru_cache(maxsize=2)
def morph(lang: str) -> Morph:
    """The shared analyser for "uk" or "ru"."""
    return Morph(lang)
