"""Gloss a Ukrainian or Russian text into the English words the rule modules read.

Each token becomes its English gloss (by lemma), places their English gazetteer names, number
words digits, weapon codes Latin ("Х-101" -> "Kh-101"); words with no gloss are left out. The
gloss keeps line breaks and sentence punctuation, and records for each piece of English the
span of the original text it came from, so evidence can point at the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from trucewatch.extract.numbers import MAX_DIGITS
from trucewatch.extract.slavic.earlier import earlier_wounds
from trucewatch.extract.slavic.enumeration import Enumeration
from trucewatch.extract.slavic.lexicon import GlossTable, gloss_table
from trucewatch.extract.slavic.morph import Morph, fold, morph
from trucewatch.extract.slavic.places import PlaceReader, place_reader
from trucewatch.extract.slavic.tallies import tally_spans
from trucewatch.geo import default_gazetteer, transliterate

__all__ = ["Gloss", "Glosser", "Word", "gloss_text"]

_TOKEN = re.compile(
    r"(?P<code>(?<!\w)[^\W\d_]{1,3}-\d+[^\W\d_]*(?:/[^\W\d_]{1,3}-?\d+[^\W\d_]*)*)"
    r"|(?P<time>\d{1,2}:\d\d)"
    rf"|(?P<long>\d{{{MAX_DIGITS + 1},}})"  # no number: left to the English rules to skip
    r"|(?P<num>\d+(?:[.,]\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’ʼ′`-][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(slots=True)
class Token:
    """One token of the source: its text, where it is, its kind and lowercase form."""

    text: str
    start: int
    end: int
    kind: str
    lower: str = ""
    space: str = ""  # the whitespace before it in the source ("" when it touches the last)


class Word(NamedTuple):
    """One piece of the source as read: its English ("" when unread), source span, and the
    lowercase form of its first token (the word whose grammar the pledge reader asks about).
    (A named tuple: one is made for every token, and a frozen dataclass costs four times as
    much to make.)"""

    english: str
    start: int
    end: int
    lower: str
    kind: str


@dataclass
class Gloss:
    """The English gloss of a text and, for each piece of it, the source span it came from."""

    text: str
    source: str
    starts: list[int] = field(default_factory=list)  # gloss offset where each piece begins
    spans: list[tuple[int, int]] = field(default_factory=list)  # its source span
    words: list[Word] = field(default_factory=list)  # every piece, read or not, in order

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span behind the gloss span start..end."""
        if not self.starts:
            return 0, 0
        a = max(0, bisect.bisect_right(self.starts, start) - 1)
        b = max(a, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        return self.spans[a][0], self.spans[b][1]


def tokenize(text: str) -> list[Token]:
    """Tokens with the whitespace before each."""
    out: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        out.append(Token(word, start, end, m.lastgroup or "punct", fold(word), text[last:start]))
        last = end
    return out


class Glosser:
    """Glosses texts of one language; build once (it loads the dictionaries), call many times."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.morph: Morph = morph(lang)
        self.table: GlossTable = gloss_table(lang)
        self.places: PlaceReader = place_reader(lang)
        self.places.not_places = frozenset(self.table.words)
        # a word's lemma for the tables depends on its lowercase form only: asked once a form
        self._word_lemma = lru_cache(maxsize=200_000)(self._lemma_of)

    def __call__(self, text: str, published: date | None = None) -> Gloss:
        """The English gloss of `text`."""
        toks = tokenize(text)
        out = _Writer(text)
        lemma_of = self._word_lemma
        lemmas = [lemma_of(t.lower) if t.kind == "word" else t.lower for t in toks]
        words = [t.text for t in toks]
        capital = [t.kind == "word" and t.text[:1].isupper() for t in toks]
        i = 0
        last_unit = ""  # the first-level unit named last, for "над регионом" ("over the region")
        cities: list[str] = []  # the settlements named so far, for "по місту" ("on the city")
        last = ""  # the English of the piece written last
        each = ""  # the count of a distributive "по одному": "1 each" over every unit listed
        units_listed = 0  # units named since that count, joined by "and"
        dash = ""  # " -" when the list writes its counts with a dash ("по одному — над")
        listed = Enumeration(_ROLE_VERBS)  # "71 ракетою: 32 ..." -> "71 missiles: 32 of them ..."
        tallies = tally_spans(text)  # the General Staff's totals: no strike in them
        # "скончался мужчина, раненный при атаке на Раменское 2 июня": an earlier attack
        earlier = earlier_wounds(text) if self.lang == "ru" else []
        # days of mourning: the sentence of a date is searched only when the text names one
        mourning = self.lang == "uk" and _MOURNING.search(text) is not None
        truce_here = truce_before = False  # a truce named in this sentence, in the last one
        span_here = span_before = False  # a tally over a week or a month, here, in the last
        counted = False  # a figure in this sentence
        while i < len(toks):
            tok = toks[i]
            if tallies and any(a <= tok.start < b for a, b in tallies):
                out.add(tok.space, "", tok.start, tok.end)
                out.words.append(Word("", tok.start, tok.end, tok.lower, tok.kind))
                i += 1
                continue
            wound = (
                next(((a, b) for a, b in earlier if a <= tok.start < b), None) if earlier else None
            )
            if wound is not None:
                english = "of wounds from an earlier attack" if tok.start == wound[0] else ""
                out.add(tok.space, english, tok.start, tok.end)
                out.words.append(Word(english, tok.start, tok.end, tok.lower, tok.kind))
                last = english or last
                i += 1
                continue
            n, found = self._at(toks, lemmas, words, capital, i, published)
            english = found or ""
            if n == 0:
                n, english = 1, ""
            if lemmas[i] == "по" and self._count_at(toks, lemmas, i + 1):
                n, count = self._at(toks, lemmas, words, capital, i + 1, published)
                english = count or ""
                n, each, units_listed, dash = n + 1, english, 0, ""
            elif each and last == each and tok.text in ("—", "–", "-"):
                dash = " -"  # "по одному — над ...": each repeated item is written the same way
            elif english.removeprefix("of ") in self.places.units and each:
                if units_listed and last == "and":
                    # "по одному — над Брянской и Орловской": one over each of them
                    english = f"{each}{dash} over {english}"
                units_listed += 1
            elif english in (".", "!", "?", ";") or (english and _DIGITS.match(english)):
                each = ""
            if (
                found is None
                and _DIGITS.match(last)
                and "\n" not in tok.space
                and not self._adjective(tok)
                and not self._pronoun(tok)
            ):
                # "120 одиниць техніки": a number before a word we cannot read counts something
                # else; "items" keeps the English rules from taking it for the last weapon's.
                # An unread animate noun counts people ("десятеро киян", "трое горожан").
                english = "people" if self.morph.animate(tok.lower) else "items"
            if english == _WAR_TALLY and self._superlative_before(toks, i):
                english = "since the full-scale invasion"  # "the largest attack since ..."
            if english == "week" and n == 1 and self._for_a_week(toks, lemmas, i):
                english = "for a week"  # "погодився тиждень не бити": a length, no preposition
            if english == "during the day" and self._today(toks, lemmas, out.words, i + n):
                english = "today during the day"  # "Вдень ... вдарили по Чугуєву": today
            if english == "district" and self._settlement(last):
                english = ""  # "село Кутузівка Харківського району": where the village lies
            if english == "region" and lemmas[i] in _UNIT_NOUNS:
                # "в Одесі та області": the oblast of the city just named; else the region
                # named before ("глава области", "над регионом")
                english = self._city_oblast(out.words[-2:]) or last_unit or english
            if (
                self.lang == "uk"
                and english.removeprefix("of ") in self.places.units
                and _settlements_counted(out.pieces())
            ):
                english = ""  # "по 19 населених пунктах Запорізької області": where they lie
            elif (
                self.lang == "uk"
                and english.removeprefix("of ") in self.places.units
                and _launch_area(out.pieces())
            ):
                english = ""  # "з району Приморська на тимчасово окупованій частині Запорізької
                # області": where the drones were launched from, not a place hit
            if english.removeprefix("of ") in self.places.units:
                last_unit = english.removeprefix("of ")
            if lemmas[i] in _SUFFERED and self._place_after(words, capital, i + n):
                english = "attacks hit"  # "постраждали Київщина, Полтавщина": places hit
            if english in _ATTACK_VERBS and self._place_attacked(tok, out.words):
                english = "was " + english  # "Харків атакували 20 дронів": Kharkiv was attacked
            elif self.lang == "ru" and (
                english.startswith(_PASSIVE_ATTACKS)
                or (english in _ATTACK_VERBS and self._place_attacked_after(tok, out))
            ):
                # "Одессу ночью атаковали дроны", "Курск ночью подвергся атаке": the time
                # goes first, as English writes it, so that the place is the verb's subject
                _time_first(out)
                english = english if english.startswith(_PASSIVE_ATTACKS) else "was " + english
            first = self._place_after_weapon(out, english) if english else None
            if first is not None:
                # "атаковали беспилотниками Новороссийск": attacked Novorossiysk with drones;
                # "атакував ракетою «Іскандер-М» та дронами Балаклію", "обстріляли з
                # артилерії Херсон": the place goes right after the verb, as English has it
                # ("Суми" after the weapon is the object, not "of Sumy")
                english = english.removeprefix("of ")
                n_pieces = len(out.starts)
                out.add(tok.space, english, tok.start, toks[i + n - 1].end)
                out.words.append(Word(english, tok.start, toks[i + n - 1].end, tok.lower, tok.kind))
                weapon = out.pieces()[first]
                if weapon == "from":
                    weapon = "with"
                elif not weapon.startswith("with "):
                    weapon = "with " + weapon.removeprefix("from ")
                # the place takes the space after the verb, the weapons the one before it
                seps = [0, n_pieces - first, *range(1, n_pieces - first)]
                out.rewrite(first, [n_pieces, *range(first, n_pieces)], {first: weapon}, seps)
                last = english
                i += n
                continue
            if english and self._one_weapon_used(toks, out.words, i):
                english = "with a " + english  # "атакував балістичною ракетою": one missile
            elif english in _SINGULAR_WEAPONS and i > 0 and self._bare(toks, i + n - 1):
                english = "a " + english  # no articles in the source: "беспилотник атаковал"
            elif (
                self.lang == "ru"
                and english in _SINGULAR_WEAPONS
                and n > 1
                and i > 0
                and self._bare(toks, i)
                and self._one_noun(toks[i + n - 1])
            ):
                # "Баллистическая ракета «Искандер-М» попала", "ударный беспилотник повредил":
                # a weapon of two words, its adjective opening the clause: one weapon
                english = "a " + english
            elif english and n == 1 and self._weapon_named(toks, i) and self._bare(toks, i):
                english = "a " + english  # "Российская ракета попала": "a Russian missile hit"
            if (
                self.lang == "ru"
                and tok.lower == "их"
                and i + 1 < len(toks)
                and lemmas[i + 1] == "число"
            ):
                # "сообщалось о пяти раненых, затем их число выросло до шести": the number
                # of the victims named last, not a death toll
                victims = _last_victims(lemmas[max(0, i - 12) : i])
                if victims:
                    n, english = 2, victims
            if english == "they" and last.startswith("all ") and _DIGITS.match(last[4:]):
                english = ""  # "все они сбиты": all 8 shot down
            if english == "all" and self._downed_count_follows(toks, lemmas, out.words, i):
                english = ""  # "збито 365 дронів і всі 32 ракети": 32 downed, no new launch
            elif english == "all" and listed.count and self._all_downed(toks, lemmas, i):
                english = f"all {listed.count}"  # "5 ракет, усі збито": all 5 were shot down
            if (
                mourning
                and (any(month in english for month in _MONTHS) or self._day_of(toks, lemmas, i))
                and _MOURNING.search(_sentence(text, tok.start)) is not None
            ):
                english = ""  # "Оголошую 20–22 листопада днями жалоби": no day of the attack
            if english == "on" and self.lang == "uk" and _attack_carried_out(out):
                english = "hit"  # "здійснив чергову масовану атаку на енергосистему": it hit
            if english == "city" and self.lang == "uk" and len(set(cities)) == 1:
                if not (i + 1 < len(toks) and capital[i + 1]):
                    english = cities[0]  # "Тернопіль прокинувся від вибухів ... по місту"
            elif english[:1].isupper() and self.lang == "uk" and self._settlement(english):
                cities.append(english.removeprefix("of "))
            if english == "year-old" and self.lang == "uk":
                _one_of_age(out, tok)
            space = tok.space
            if self._list_item(toks, i, last):
                # "...:\n— 62 крилаті ракети ...;\n— 4 ракети ...": one list, as English
                # writes it on one line with commas, where its rules add the items up
                space, english = " ", ""
            elif tok.text == ";" and listed.count and self._item_follows(toks, i + 1, lemmas):
                english = ","  # "42 крилаті ракети ...; 9 «Калібрів» ...": the next item
            english = listed.piece(english, "\n" in space, tok.text)
            read = english  # what the pledge reader reads: the word's own gloss
            if self.lang == "ru":
                truce_here = truce_here or lemmas[i] in _TRUCE_LEMMAS
                # a figure of a tally; a day before its month ("до 1 февраля") is a date
                counted = counted or (tok.kind == "num" and not self._day_of(toks, lemmas, i))
                span_here = span_here or english in _SPAN_TALLIES
                if (
                    (truce_before or span_before)
                    and last in (".", "!", "?")
                    and english[:1].islower()
                ):
                    # After a sentence on a truce the next opens with a capital, as English
                    # writes it, so that the truce does not hide the attack told next (not
                    # after a tally of violations, whose parts the next sentence goes on with);
                    # so too after a tally over a week or a month ("За неделю Россия
                    # выпустила ... Только этой ночью Харьков атаковали 15 дронов").
                    english = english[0].upper() + english[1:]
                elif last in (".", "!", "?", "") and english.startswith(_TOLL_OPENERS):
                    # "Число погибших при обстреле 30 декабря выросло до 25": a sentence
                    # on a toll opens with a capital, as English writes it, so that the
                    # English rules read it as a toll update of the attack it names
                    english = english[0].upper() + english[1:]
                if tok.text in (".", "!", "?"):
                    truce_before = truce_here and not counted
                    span_before = span_here
                    truce_here = counted = span_here = False
            if self.lang == "uk":
                truce_here = truce_here or lemmas[i] in _TRUCE_LEMMAS_UK
                counted = counted or tok.kind == "num"
                opening = last in (".", "!", "?") and english[:1].islower()
                if opening and (truce_before or self._truce_told(text, tok)):
                    # A sentence on a truce and the one after it open with a capital, as
                    # English writes them, so that the truce neither hides the attack told
                    # before it ("FPV-дрон атакував ТЕС ... Це ще одне порушення перемир'я")
                    # nor the one told after it (not after a tally of violations).
                    english = english[0].upper() + english[1:]
                if truce_here and tok.text in _DASHES and self._and_already(lemmas, i + 1):
                    # "Перші години оголошеного «перемир'я» — і вже з 02:30 ворог скидає КАБи":
                    # what is told after "і вже" is done in spite of it, a sentence of its own
                    # for the strike rules (the pledge reader reads the dash)
                    english = "."
                if tok.text in (".", "!", "?") or english == ".":
                    truce_before = truce_here and not counted
                    truce_here = counted = False
            if (
                self.lang == "uk"
                and last in (".", "!", "?")
                and english[:1].islower()
                and self._span_told(text, tok)
            ):
                # "А загалом за тиждень — понад 1 100 «шахедів»": a sentence that tells a
                # week's or a month's tally opens with a capital, as English writes it, so
                # that the night told before it is not read into the tally
                english = english[0].upper() + english[1:]
            if (
                self.lang == "ru"
                and tok.kind == "word"
                and _DIGITS.match(english)
                and last.rsplit(" ", 1)[-1] in _MONTHS
            ):
                # "утром 13 апреля две ракеты попали": the count is not the date's year
                english = ", " + english
            out.add(space, english, tok.start, toks[i + n - 1].end)
            out.words.append(Word(read, tok.start, toks[i + n - 1].end, tok.lower, tok.kind))
            if self.lang == "uk" and _DIGITS.match(english) and "\n" not in space:
                _toll_first(out)
            if english:
                last = english
            i += n
        return out.gloss()

    def _day_of(self, toks: list[Token], lemmas: list[str], i: int) -> bool:
        """Token i is a number of a day whose month follows ("20–22 листопада")."""
        if toks[i].kind != "num":
            return False
        for j in range(i + 1, min(len(toks), i + 4)):
            if lemmas[j] in self.table.months:
                return True
            if toks[j].kind == "word":
                return False
        return False

    def _span_told(self, text: str, tok: Token) -> bool:
        """The sentence opening at `tok` tells a tally over a week, a month or the war."""
        end = min(
            (e for e in (text.find(m, tok.start) for m in ".!?") if e >= 0), default=len(text)
        )
        return _SPAN_TALLY.search(text, tok.start, end) is not None

    def _truce_told(self, text: str, tok: Token) -> bool:
        """The sentence opening at `tok` names a truce or a moratorium."""
        end = min(
            (e for e in (text.find(m, tok.start) for m in ".!?") if e >= 0), default=len(text)
        )
        return _TRUCE_WORD.search(text, tok.start, end) is not None

    def _street_before(self, toks: list[Token], lemmas: list[str], i: int) -> bool:
        """Token i names a street, square or avenue just named as such ("на вулиці
        Стрийській", "вул. Київська", "проспекті Перемоги")."""
        j = i - 1
        if j > 0 and toks[j].text == ".":
            j -= 1
        return j >= 0 and lemmas[j] in _STREET_WORDS

    def _today(self, toks: list[Token], lemmas: list[str], before: list[Word], j: int) -> bool:
        """ "Вдень" with no day of its own is the day of the post, as English says "today":
        after an overnight attack told first, the daytime one is another strike. Not when
        a date follows ("вдень 6 вересня") nor after a word that names another day."""
        if j < len(toks) and (toks[j].kind == "num" or lemmas[j] in self.table.numbers):
            return False
        told = " ".join(w.english for w in before if w.english)
        return _OTHER_DAY.search(told) is None

    def _count_at(self, toks: list[Token], lemmas: list[str], j: int) -> bool:
        """Token j is a number ("по 2", "по одному") followed by a dash or "над": the count
        of a distributive list."""
        if j + 1 >= len(toks):
            return False
        if toks[j].kind != "num" and lemmas[j] not in self.table.numbers:
            return False
        return toks[j + 1].text in ("—", "–", "-") or lemmas[j + 1] in ("над", "в", "у")

    def _common_opener(self, toks: list[Token], lemmas: list[str], i: int, name: str) -> bool:
        """A word the tables read, capitalised only because it opens a sentence ("Стороны
        обменялись", "Українська сторона"), which is also a small place's name ("Storona",
        "Ukrainsk"): the word, unless the place is a regional centre or a unit."""
        tok = toks[i]
        opens = i == 0 or "\n" in tok.space or toks[i - 1].text in _OPENERS
        if not opens or name in self.places.major:
            return False
        readings = (tok.lower, *(r[0] for r in self.morph.lemmas(tok.lower)[:3]))
        return any(self.table.words.get(r) for r in readings)

    def _all_downed(self, toks: list[Token], lemmas: list[str], i: int) -> bool:
        """ "усі збито", "всі вони були знищені": a verb of downing within three words."""
        for j in range(i + 1, min(len(toks), i + 4)):
            if toks[j].kind != "word":
                return False
            gloss = self.table.words.get(toks[j].lower) or self.table.words.get(lemmas[j], "")
            if gloss.split("|")[-1] in _DOWN_VERBS:
                return True
        return False

    def _downed_count_follows(
        self, toks: list[Token], lemmas: list[str], before: list[Word], i: int
    ) -> bool:
        """ "всі 32 ракети" after a verb of downing in its sentence: a count (the English rules
        read "all 32 missiles" as a launch of its own)."""
        j = i + 1
        if j >= len(toks) or (toks[j].kind != "num" and lemmas[j] not in self.table.numbers):
            return False
        for w in reversed(before[-12:]):
            if w.english in (".", "!", "?", ";", ":"):
                return False
            if w.english.split("/")[0] in _DOWN_VERBS:
                return True
        return False

    def _superlative_before(self, toks: list[Token], i: int) -> bool:
        """A superlative earlier in the sentence ("наймасованіша", "найбільша", "рекордна")."""
        for tok in reversed(toks[max(0, i - 12) : i]):
            if tok.text in (".", "!", "?"):
                return False
            if tok.kind == "word" and (tok.lower.startswith("най") or "рекорд" in tok.lower):
                return True
        return False

    def _settlement(self, english: str) -> bool:
        """The English of a piece is a settlement's name."""
        name = english.removeprefix("of ")
        if not name[:1].isupper():
            return False
        place = default_gazetteer().resolve(name)
        return place is not None and place.kind == "settlement"

    def _city_oblast(self, before: list[Word]) -> str | None:
        """The oblast of a settlement among the pieces just before, joined by "and"."""
        names = [w.english.removeprefix("of ") for w in before if w.english]
        if not names or names[-1] != "and" or len(names) < 2:
            return None
        place = default_gazetteer().resolve(names[-2])
        if place is None or place.kind != "settlement" or not place.oblast:
            return None
        return place.oblast

    def _place_after(self, words: list[str], capital: list[bool], j: int) -> bool:
        """Token j (after "найбільше", if there) is a place's name, not a person's."""
        if j < len(words) and self.morph.lemma(words[j].lower()) in _MOST:
            j += 1
        if j >= len(words):
            return False
        place = self.places.match(words, capital, j)
        return place is not None and place.name not in _NOT_NAMES

    def _place_attacked(self, verb: Token, before: list[Word]) -> bool:
        """A place right before a plural attack verb is its object, not its subject: "Харків
        атакували" (they attacked Kharkiv), "Одессу обстреляли"; places do not attack."""
        if not before or not before[-1].english or "\n" in verb.space:
            return False
        readings = self.morph.lemmas(verb.lower)
        if not readings or readings[0][1] != "VERB" or not readings[0][2]:
            return False
        place = default_gazetteer().resolve(before[-1].english)
        return place is not None and place.kind != "country"  # "Россия и Украина обстреляли"

    def _place_attacked_after(self, verb: Token, out: _Writer) -> bool:
        """A place, then only a time ("ночью", "в ночь на 2 марта"), then an attack verb whose
        subject the place cannot be: a plural verb ("Одессу ночью атаковали"), or one whose
        gender the place's noun does not share ("Харьков вечером атаковала авиация")."""
        pieces = out.pieces()
        k = len(pieces) - 1
        while k >= 0 and _TIME_PIECE.match(pieces[k]):
            k -= 1
        if k < 0 or k == len(pieces) - 1 or "\n" in verb.space:
            return False
        place = default_gazetteer().resolve(pieces[k])
        if place is None or place.kind == "country":
            return False
        readings = self.morph.lemmas(verb.lower)
        if not readings or readings[0][1] != "VERB":
            return False
        if readings[0][2]:
            return True
        noun = next((w for w in reversed(out.words) if w.english == pieces[k]), None)
        verb_gender = self.morph.gender(verb.lower)
        noun_gender = self.morph.gender(noun.lower) if noun is not None else ""
        return bool(verb_gender and noun_gender and verb_gender != noun_gender)

    def _place_after_weapon(self, out: _Writer, english: str) -> int | None:
        """Where the weapons begin when `english` is a place written right after an attack
        verb and its weapons in the instrumental ("атаковали беспилотниками Новороссийск",
        "атакував ракетою «Іскандер-М» та дронами Балаклію"); None when it is not."""
        parts = out.parts  # separators and pieces in turn: the last piece is the last part
        if len(parts) < 4 or not out.words or out.words[-1].english != parts[-1]:
            return None
        if parts[-1].split()[-1] not in _WEAPON_WORDS:
            return None
        pieces = out.pieces()
        k = len(pieces) - 1
        while k > 0 and pieces[k - 1] not in _ATTACK_VERBS:
            if self.lang == "ru" or not _WEAPON_RUN.match(pieces[k - 1]):
                return None
            k -= 1
        if k == 0:
            return None
        place = default_gazetteer().resolve(english.removeprefix("of "))
        if place is None or place.kind == "country":
            return None
        if pieces[k] == "from" or pieces[k].startswith("from "):
            return k  # "обстріляли з артилерії Херсон": shelled Kherson with artillery
        # the weapon's first word in the instrumental ("ударними безпілотниками")
        grammar = self.morph.grammar(out.words[-1].lower)[:1]
        cases = (("NOUN", "ablt"), ("ADJF", "ablt")) if self.lang == "uk" else (("NOUN", "ablt"),)
        return k if grammar and grammar[0] in cases else None

    def _adjective(self, tok: Token) -> bool:
        """An adjective or participle, which describes the counted noun after it ("шесть
        британских крылатых ракет") rather than being that noun."""
        readings = self.morph.lemmas(tok.lower)
        return bool(readings) and readings[0][1] in ("ADJF", "PRTF")

    def _and_already(self, lemmas: list[str], j: int) -> bool:
        """The words from j are "і вже", "а вже" ("and already")."""
        return lemmas[j : j + 1] in (["і"], ["й"], ["а"]) and lemmas[j + 1 : j + 2] == ["вже"]

    def _pronoun(self, tok: Token) -> bool:
        """A pronoun, which stands between a number and the noun it counts ("16 наших
        працівників", "5 інших") without being what is counted."""
        readings = self.morph.lemmas(tok.lower)
        return bool(readings) and readings[0][1] == "NPRO"

    def _bare(self, toks: list[Token], i: int) -> bool:
        """Token i is a subject (nominative) and nothing before it says how many or which (no
        number, adjective or pronoun): "беспилотник атаковал", not "відповіла ракетою"."""
        if not self.morph.nominative(toks[i].lower):
            return False
        prev = toks[i - 1]
        if prev.kind != "word":
            return prev.kind == "punct" and prev.text not in ("-", "—", "–")
        if prev.lower in self.table.numbers:
            return False
        readings = self.morph.lemmas(prev.lower)
        return not readings or readings[0][1] not in ("ADJF", "PRTF", "NUMR", "NPRO", "ADJS")

    def _one_weapon_used(self, toks: list[Token], before: list[Word], i: int) -> bool:
        """Token i opens a singular weapon in the instrumental after an attack verb: "ворог
        атакував балістичною ракетою" (with one missile), "вдарив по місту дроном"."""
        j = i
        while j < len(toks) and toks[j].kind == "word":
            grammar = self.morph.grammar(toks[j].lower)[:1]
            readings = self.morph.lemmas(toks[j].lower)[:1]
            if grammar and grammar[0][0] in ("ADJF", "PRTF"):
                # "баллистической ракетой": a feminine adjective reads first as a genitive;
                # its noun tells the case
                grammar = tuple(g for g in self.morph.grammar(toks[j].lower) if g[1] == "ablt")[:1]
            if not grammar or grammar[0][1] != "ablt" or not readings or readings[0][2]:
                return False
            if grammar[0][0] == "NOUN":
                gloss = self.table.words.get(readings[0][0], "")
                if gloss.split("|")[0] not in _SINGULAR_WEAPONS:
                    return False
                break
            if grammar[0][0] not in ("ADJF", "PRTF"):
                return False
            j += 1
        else:
            return False
        recent = [w.english for w in before[-6:] if w.english]
        if recent and (recent[-1] in ("a", "with") or _DIGITS.match(recent[-1])):
            return False
        for english in reversed(recent):
            if english in (".", "!", "?", ";", ":"):
                return False
            if english.split()[-1] in _ATTACK_VERBS:
                return True
            if english == "strike" and "carried out" in recent:
                return True  # "завдав удару балістичною ракетою": struck with one missile
        return False

    def _one_noun(self, tok: Token) -> bool:
        """The token's likeliest reading is a noun in the nominative singular ("ракета")."""
        readings = self.morph.lemmas(tok.lower)
        return bool(readings) and not readings[0][2] and self.morph.nominative(tok.lower)

    def _weapon_named(self, toks: list[Token], i: int) -> bool:
        """Token i is an adjective before one weapon named in the nominative singular
        ("российская ракета", "украинский беспилотник")."""
        if i + 1 >= len(toks) or toks[i + 1].kind != "word" or not self._adjective(toks[i]):
            return False
        j = i + 1
        if j + 1 < len(toks) and toks[j + 1].kind == "word" and self._adjective(toks[j]):
            j += 1  # "ворожий ударний дрон влучив": two adjectives before the one weapon
        nxt = self.morph.lemmas(toks[j].lower)
        if not nxt or nxt[0][2] or not self.morph.nominative(toks[j].lower):
            return False
        gloss = self.table.words.get(nxt[0][0], "")
        if not gloss and "-" in toks[j].lower and self.lang == "ru":
            # "украинский FPV-дрон": a compound weapon, named by its last part
            gloss = self.table.words.get(self.morph.lemma(toks[j].lower.rsplit("-", 1)[1]), "")
        return gloss.split("|")[0] in _SINGULAR_WEAPONS

    def _lemma_of(self, lower: str) -> str:
        """The lemma the tables read a lowercase word by."""
        readings = self.morph.lemmas(lower)
        # "до семи", "п'яти": a number word whose likeliest reading is a rarer noun's form
        numeral = next(
            (r[0] for r in readings if r[1] == "NUMR" and r[0] in self.table.numbers), None
        )
        return numeral if numeral is not None else self.morph.lemma(lower)

    def _at(
        self,
        toks: list[Token],
        lemmas: list[str],
        words: list[str],
        capital: list[bool],
        i: int,
        published: date | None,
    ) -> tuple[int, str | None]:
        """(tokens used, English) for the tokens from i; (0, "") when nothing applies, and
        None for English when the token is a word the tables do not know."""
        tok = toks[i]
        if tok.kind == "punct":
            return 1, self.table.punctuation.get(tok.text) or _PUNCT.get(tok.text, tok.text)
        if tok.kind == "time":
            dated = (
                i + 2 < len(toks)
                and toks[i + 1].kind == "num"
                and lemmas[i + 2] in self.table.months
            )
            # "з 20:30 6 травня": English dates a time with "on" ("from 20:30 on 6 May")
            return 1, f"{tok.text} on" if dated else tok.text
        if tok.kind == "code":
            return 1, _code(tok.text)
        if _opens_reading(tok, lemmas[i]):
            opened = self._opened_at(toks, lemmas, i, published)
            if opened is not None:
                return opened
        phrase = None
        if lemmas[i] in self.table.phrases:  # no phrase starts at any other word
            phrase = self.table.phrase_at(lemmas, i)
            if phrase is None and self.lang == "uk":
                phrase = self._phrase_past_asides(toks, lemmas, i)
        if phrase is not None:
            n, english = phrase
            if english in ("of which", "of them"):
                moved = self._partitive(toks, lemmas, i + n, english)
                if moved is not None:
                    return n + moved[0], moved[1]
                verb = self.table.words.get(lemmas[i + n], "") if i + n < len(toks) else ""
                if verb in _ROLE_VERBS:  # "43 з яких знищили" -> "43 of which were destroyed"
                    return n + 1, f"{english} were {verb}"
            if english == _NOT_TO_STRIKE and n > 1 and self.morph.past(toks[i + 1].lower):
                # "не наносила ударов", "не завдавала ударів": strikes held back, told in the
                # past (a claim of keeping)
                return n, "had not carried out strikes"
            return n, self._pick(english, toks, i + n - 1, i)
        if tok.kind == "num":
            return self._number(toks, lemmas, i, tok.text.replace(",", "."))
        if not _CYRILLIC.search(tok.text):
            return 1, tok.text  # Latin names and codes: Shahed, HIMARS, KN-23
        if tok.lower in self.table.numbers:  # `lower` is folded already
            # "Сорок людей у лікарнях": a number word as written, though capitalised at a
            # sentence's start, is no place whose form it shares (the village of Soroka)
            return self._number(toks, lemmas, i, None)
        place = self.places.match(words, capital, i)
        if place is not None and not self._common_opener(toks, lemmas, i, place.name):
            # GeoNames writes a soft sign as "’" ("Ryl’sk"), which the English tokenizer splits
            name = place.name.replace("’", "'")
            if self._street_before(toks, lemmas, i):
                return place.length, ""  # "на вулиці Стрийській" (Lviv): a street, not Stryi
            office = i > 0 and lemmas[i - 1] in _OFFICES
            if self.lang == "ru" and office and name in self.places.units:
                return place.length, "regional"  # "оперштаб Краснодарского края": who posts
            if name not in _NOT_NAMES and self._genitive_of(toks, i):
                return place.length, f"of {name}"
            return place.length, name
        if lemmas[i] in self.table.numbers:
            return self._number(toks, lemmas, i, None)
        gloss = self.table.words.get(tok.lower)
        if gloss is None:
            gloss = self.table.words.get(lemmas[i])
        if gloss is None:
            gloss = self._compound(tok.lower)
        if gloss is None:
            # the likeliest reading has no gloss; another may ("українська": a noun first)
            readings = self.morph.lemmas(tok.lower)[1:3]
            gloss = next(
                (self.table.words[r[0]] for r in readings if r[0] in self.table.words), None
            )
        if gloss is None and "-" in tok.text:
            # "FPV-дрон": the parts' glosses, the last in the word's own number
            parts = [self.table.words.get(self.morph.lemma(p), "") for p in tok.lower.split("-")]
            if self.lang != "ru" or not self.morph.nominative(tok.lower):
                return 1, " ".join(p.split("|")[-1] for p in parts if p)
            # "FPV-дрон атаковал": a subject, in the number of the part that inflects
            words = tok.lower.split("-")
            return 1, " ".join(
                self._pick(p, toks, i, i, words[k]) for k, p in enumerate(parts) if p
            )
        if gloss is None:
            return 1, None
        if gloss in _LAUNCH_VERBS and self._impersonal(tok):
            # "по Києву випущено 5 ракет": no subject, so the place before is not one
            return 1, "were " + gloss
        return 1, self._pick(gloss, toks, i, i)

    def _phrase_past_asides(
        self, toks: list[Token], lemmas: list[str], i: int
    ) -> tuple[int, str] | None:
        """A fixed phrase with words inside it that change nothing it says: an adverb or an
        adjective ("Під атакою також були", "Під ворожими обстрілами перебували") or an aside
        between commas ("Загиблих та постраждалих, на щастя, немає"); (tokens used, English)."""
        entries = self.table.phrases.get(lemmas[i])
        if not entries:
            return None
        longest = len(entries[0][0])  # the entries are sorted longest first
        kept = [i]
        j = i + 1
        skipped = False
        while j < len(toks) and len(kept) < longest:
            if lemmas[j] in _INSERTED:
                j, skipped = j + 1, True
                continue
            if toks[j].text == ",":
                k = j + 1
                while k < len(toks) and k - j <= 4 and lemmas[k] in _ASIDES:
                    k += 1
                if j + 1 < k < len(toks) and toks[k].text == ",":
                    j, skipped = k + 1, True
                    continue
            kept.append(j)
            j += 1
        if not skipped:
            return None  # nothing inside: the plain match has been tried
        found = self.table.phrase_at([lemmas[x] for x in kept], 0)
        if found is None or kept[found[0] - 1] - i + 1 == found[0]:
            return None  # no phrase, or one with nothing inside it (read as such already)
        return kept[found[0] - 1] - i + 1, found[1]

    def _opened_at(
        self, toks: list[Token], lemmas: list[str], i: int, published: date | None
    ) -> tuple[int, str] | None:
        """The readings of several tokens that a number or one of `_AT_OPENERS` opens (a
        night, a range, a span, a month, a victim, an age), tried in turn; None when none.
        (Tried only where `_opens_reading`: a reading added here names its first words in
        `_AT_OPENERS`.)"""
        night = self._night(toks, lemmas, i, published)
        if night is not None:
            return night
        out_of = self._out_of(toks, lemmas, i)
        if out_of is not None:
            return out_of
        between = self._between(toks, lemmas, i)
        if between is not None:
            return between
        span = self._days_span(toks, lemmas, i)
        if span is not None:
            return span
        month = self._whole_month(toks, lemmas, i, published)
        if month is not None:
            return month
        if self._one_of_them(toks, lemmas, i):
            return 1, "One of them"
        victim = self._one_victim(toks, lemmas, i) or self._victims_named(toks, lemmas, i)
        if victim is not None:
            return victim
        none = self._none_between(toks, lemmas, i)
        if none is not None:
            return none
        age = self._age(toks, lemmas, i)
        if age:
            return age, ""  # "46-летняя": an age, which no rule may count
        return None

    def _one_of_them(self, toks: list[Token], lemmas: list[str], i: int) -> bool:
        """ "Одна попала в университет": "one" opening a sentence (or what follows a colon:
        "двома ракетами: одна влучила в піцерію, друга ...") as the subject of a verb of
        hitting is one of the weapons just told, not a count of its own."""
        if toks[i].kind != "word" or lemmas[i] != "один":
            return False
        if not (i == 0 or toks[i - 1].text in (".", "!", "?", ":")) or i + 1 >= len(toks):
            return False
        verb = self.table.words.get(lemmas[i + 1], "")
        return self.morph.past(toks[i + 1].lower) and verb.split("|")[0] in _HIT_VERBS

    def _age(self, toks: list[Token], lemmas: list[str], i: int) -> int:
        """Tokens of an age at i ("46-летняя", "семилетний", "52-летнего"), or 0."""
        if (
            toks[i].kind == "num"
            and i + 2 < len(toks)
            and toks[i + 1].text == "-"
            and lemmas[i + 2].endswith(_AGE_ENDINGS)
        ):
            return 3
        if toks[i].kind == "word" and lemmas[i].endswith(_AGE_ENDINGS) and len(lemmas[i]) > 6:
            return 1
        return 0

    def _one_victim(self, toks: list[Token], lemmas: list[str], i: int) -> tuple[int, str] | None:
        """ "погибла 46-летняя женщина", "ранен водитель" -> "1 person was killed": a verb of
        death or wounding in the singular, then one person (ages and adjectives between), which
        English writes with its count first."""
        verbs = _VICTIM_VERBS if self.lang == "ru" else _VICTIM_VERBS_UK
        role = verbs.get(lemmas[i])
        if role is None or toks[i].kind != "word":
            return None
        readings = self.morph.lemmas(toks[i].lower)
        if not readings or readings[0][2] or readings[0][1] not in ("VERB", "PRTS"):
            return None
        # Ukrainian tells a wound by an impersonal passive with the person in the accusative
        # ("поранено водія", "травмовано жінку"), a death by the verb and the nominative
        # ("загинув батько"); Russian by the verb and the nominative alike
        impersonal = self.lang == "uk" and self._impersonal(toks[i])
        if self._toll_before(toks, lemmas, i, role):
            return None  # "ранены 46 человек ... ранен проводник": one of the toll told before
        j = i + 1
        while j < len(toks) and j < i + 6:
            age = self._age(toks, lemmas, j)
            if age:
                j += age
            elif toks[j].kind == "word" and self._adjective(toks[j]):
                j += 1
            else:
                break
        if j >= len(toks) or toks[j].kind != "word" or lemmas[j] in self.table.numbers:
            return None
        noun = self.morph.lemmas(toks[j].lower)
        if not noun or noun[0][1] != "NOUN" or noun[0][2]:
            return None
        case_ok = (
            self._accusative(toks[j].lower) if impersonal else self.morph.nominative(toks[j].lower)
        )
        if not (self.morph.animate(toks[j].lower) and case_ok):
            return None
        return j + 1 - i, f"1 person was {role}"

    def _accusative(self, word: str) -> bool:
        """A reading of a lowercase noun is in the accusative ("водія", "жінку")."""
        return any(pos == "NOUN" and case == "accs" for pos, case in self.morph.grammar(word))

    def _victims_named(
        self, toks: list[Token], lemmas: list[str], i: int
    ) -> tuple[int, str] | None:
        """ "погибли супруги", "ранены пожилые супруги": a verb of death or wounding in the
        plural, then the victims named as a married couple (adjectives between), which is two
        people, written as English does with its count first. (Persons joined by "и", "ранены
        водитель и фельдшер", are two as well; not read yet: after a colon the English rules
        give such a toll to the attack told next.)"""
        role = _VICTIM_VERBS.get(lemmas[i]) if self.lang == "ru" else None
        if role is None or toks[i].kind != "word":
            return None
        readings = self.morph.lemmas(toks[i].lower)
        if not readings or not readings[0][2] or readings[0][1] not in ("VERB", "PRTS"):
            return None
        if self._toll_before(toks, lemmas, i, role):
            return None
        j = i + 1
        while j < len(toks) and j < i + 4 and toks[j].kind == "word" and self._adjective(toks[j]):
            j += 1
        if j >= len(toks) or toks[j].lower not in _COUPLES:
            return None
        return j + 1 - i, f"2 people were {role}"

    def _none_between(self, toks: list[Token], lemmas: list[str], i: int) -> tuple[int, str] | None:
        """ "Пострадавших среди жителей, по предварительным данным, нет": a toll's noun and
        "нет" closing its clause, with words between that name no verb nor figure (who, by
        whose count); read as the toll's phrase without them ("no injuries")."""
        if (
            self.lang != "ru"
            or lemmas[i] not in _ZERO_TOLL_NOUNS
            or not toks[i].lower.endswith(("их", "жертв"))
        ):
            return None
        k = i + 1  # the toll's nouns: "погибших и пострадавших"
        if k + 1 < len(toks) and toks[k].lower == "и" and lemmas[k + 1] in _ZERO_TOLL_NOUNS:
            k += 2
        for j in range(k, min(len(toks), k + 14)):
            tok = toks[j]
            if tok.lower == "нет":
                if j == k or (j + 1 < len(toks) and toks[j + 1].text not in _CLAUSE_ENDS):
                    return None
                found = self.table.phrase_at([*lemmas[i:k], "нет"], 0)
                return (j + 1 - i, found[1]) if found is not None else None
            if tok.kind in ("num", "code", "time") or tok.text in _CLAUSE_ENDS - {","}:
                return None
            if tok.lower in ("и", "или", "ни"):
                return None  # "пострадавших и разрушений нет": the phrase table's, or none
            if (
                tok.kind == "word"
                and self.morph.lemmas(tok.lower)[:1]
                and self.morph.lemmas(tok.lower)[0][1] in _VERB_TAGS
            ):
                return None
        return None

    def _toll_before(self, toks: list[Token], lemmas: list[str], i: int, role: str) -> bool:
        """A count of the same role earlier in the text ("ранены 46", "12 погибли")."""
        verbs = _VICTIM_VERBS if self.lang == "ru" else _VICTIM_VERBS_UK
        for k in range(i):
            if verbs.get(lemmas[k]) != role:
                continue
            near = [toks[x] for x in (k - 1, k + 1) if 0 <= x < len(toks)]
            if any(t.kind == "num" or t.lower in self.table.numbers for t in near):
                return True
        return False

    def _impersonal(self, tok: Token) -> bool:
        """An impersonal passive ("випущено", "запущено"): a verb form in -но/-то."""
        if not tok.lower.endswith(("но", "то")):
            return False
        readings = self.morph.lemmas(tok.lower)
        return bool(readings) and readings[0][1] == "VERB"

    def _genitive_of(self, toks: list[Token], i: int) -> bool:
        """A settlement in the genitive right after a noun ("у центрі Харкова", "по сектору
        Краматорська"): English writes "of" ("in the centre of Kharkiv"), which is what its
        rules read as the place of the noun hit."""
        if i == 0 or toks[i - 1].kind != "word" or "\n" in toks[i].space:
            return False
        prev = self.morph.grammar(toks[i - 1].lower)
        if not prev or prev[0][0] != "NOUN" or toks[i - 1].text[:1].isupper():
            return False
        before = {r[0] for r in self.morph.lemmas(toks[i - 1].lower)[:3]}
        if before & _SETTLEMENT_NOUNS:
            return False  # "у селі Бірки": the name in apposition, in the nominative
        if before & _TIME_NOUNS:
            return False  # "цієї ночі Київ атакували": a time in the genitive owns no place
        return any(case == "gent" for _, case in self.morph.grammar(toks[i].lower)[:3])

    def _compound(self, word: str) -> str | None:
        """A number compounded with days or hours: "триденний" -> "3-day", "трехчасовой"."""
        m = _COMPOUND.match(word)
        if m is None:
            return None
        stems = (m.group(1), *(r[0] for r in self.morph.lemmas(m.group(1))))
        value = next((self.table.numbers[x] for x in stems if x in self.table.numbers), None)
        if value is None or value != int(value):
            return None
        return f"{int(value)}-{'day' if m.group(2) in ('денн', 'дневн') else 'hour'}"

    def _pick(self, gloss: str, toks: list[Token], head: int, first: int, word: str = "") -> str:
        """The singular or plural of a "singular|plural" gloss: plural after a number above
        one, adjectives between or not ("4 ракети", "144 украинских беспилотника" are
        grammatically singular), else by the head word's number (or by `word`'s, the part of
        a compound that inflects: "FPV-дрон", "дронами-камикадзе")."""
        if "|" not in gloss:
            return gloss
        singular, plural = gloss.split("|", 1)
        before = first - 1
        while before > first - 4 and before >= 0 and self._adjective(toks[before]):
            before -= 1  # "144 украинских беспилотника": the number before the adjectives
        if before >= 0 and toks[before].kind == "num":
            return singular if toks[before].text == "1" else plural
        if before >= 0 and toks[before].kind == "word" and toks[before].lower in self.table.numbers:
            return singular if self.table.numbers[toks[before].lower] == 1 else plural
        readings = self.morph.lemmas(word or toks[head].lower)
        return plural if readings and readings[0][2] else singular

    def _partitive(
        self, toks: list[Token], lemmas: list[str], j: int, english: str
    ) -> tuple[int, str] | None:
        """ "з яких збили 13" -> "13 of which were shot down" (English puts the number first)."""
        if j + 1 >= len(toks) or toks[j].kind != "word":
            return None
        verb = self.table.words.get(lemmas[j], "")
        if verb not in _ROLE_VERBS:
            return None
        if toks[j + 1].kind == "num" and self._two_weapons(toks, lemmas, j + 2):
            return 1, verb  # "з них збито 442 дрони та 41 ракету": each count is its own
        if toks[j + 1].kind == "num":
            return 2, f"{toks[j + 1].text} {english} were {verb}"
        return None

    def _two_weapons(self, toks: list[Token], lemmas: list[str], j: int) -> bool:
        """A weapon at j, then "та"/"і" and another count: "442 дрони та 41 ракету"."""
        if j + 2 >= len(toks):
            return False
        weapon = self.table.words.get(lemmas[j], "").split("|")[0]
        return (
            weapon in ("drone", "missile", "attack drone")
            and lemmas[j + 1] in ("та", "і", "й", "и")
            and (toks[j + 2].kind == "num" or lemmas[j + 2] in self.table.numbers)
        )

    def _whole_month(
        self, toks: list[Token], lemmas: list[str], i: int, published: date | None
    ) -> tuple[int, str] | None:
        """ "упродовж березня", "за март": a tally over a whole month, "in the whole of March
        2025" (the English rules' aggregate cue names the year: the latest such month)."""
        n = 2 if tuple(lemmas[i : i + 2]) in _SPAN_PAIRS else 1
        since = n == 2 and lemmas[i + 1] in ("початок", "начало")
        if n == 1 and lemmas[i] not in _SPAN_WORDS:
            return None
        j = i + n
        if j >= len(toks) or toks[j].kind != "word" or lemmas[j] not in self.table.months:
            return None
        month = self.table.months[lemmas[j]]
        if since:  # "з початку березня": a tally since the month began
            return j + 1 - i, f"since {_MONTHS[month - 1]}"
        year_num = j + 1 < len(toks) and toks[j + 1].kind == "num"
        if year_num and len(toks[j + 1].text) == 4 and toks[j + 1].text.isdecimal():
            year, used = int(toks[j + 1].text), j + 2 - i
        elif published is not None:
            year = published.year if month <= published.month else published.year - 1
            used = j + 1 - i
        else:
            return None
        return used, f"in the whole of {_MONTHS[month - 1]} {year}"

    def _between(self, toks: list[Token], lemmas: list[str], i: int) -> tuple[int, str] | None:
        """ "від 350 до 500 дронів" -> "between 350 and 500": a count's range as English writes
        it (English reads "from 350 to 500" as a change). Not a change ("зросла від 350 до
        500"), nor a range of days ("від 5 до 7 травня")."""
        if lemmas[i] not in _FROM or i + 3 >= len(toks):
            return None
        if i > 0 and self.table.words.get(lemmas[i - 1], "") in _CHANGE_VERBS:
            return None
        first = self._count(toks, lemmas, i + 1)
        if first is None:
            return None
        j = i + 1 + first[0]
        if j + 1 >= len(toks) or lemmas[j] != "до":
            return None
        second = self._count(toks, lemmas, j + 1)
        if second is None:
            return None
        end = j + 1 + second[0]
        if end < len(toks) and lemmas[end] in self.table.months:
            return None
        return end - i, f"between {first[1]} and {second[1]}"

    def _item_follows(self, toks: list[Token], j: int, lemmas: list[str] | None = None) -> bool:
        """A list item of weapons starts at j: a count, or a dash and a count on a new line
        (with `lemmas`, a count in words too: "...; шістьма крилатими ракетами")."""
        if j < len(toks) and toks[j].text in _DASHES and "\n" in toks[j].space:
            j += 1
        if j < len(toks) and lemmas is not None and lemmas[j] in self.table.numbers:
            return True
        return j < len(toks) and toks[j].kind == "num"

    def _list_item(self, toks: list[Token], i: int, last: str) -> bool:
        """The dash at i opens a new line's item of the list the last line opened (":") or
        went on with (";" read as ",") and the item starts with its count."""
        return (
            toks[i].text in _DASHES
            and "\n" in toks[i].space
            and last in (":", ",")
            and self._item_follows(toks, i)
        )

    def _for_a_week(self, toks: list[Token], lemmas: list[str], i: int) -> bool:
        """The week at i is how long something is done: in the accusative straight after a verb,
        an infinitive or a short adjective ("погодився тиждень не бити", "готова тиждень
        дотримуватися"), not a week named ("цей тиждень") nor a distance ("тиждень тому")."""
        if i == 0 or toks[i - 1].kind != "word":
            return False
        if i + 1 < len(toks) and toks[i + 1].lower in _BEFORE_WORDS:
            return False
        if not any(case == "accs" for _, case in self.morph.grammar(toks[i].lower)):
            return False
        grammar = self.morph.grammar(toks[i - 1].lower)
        return lemmas[i - 1] in _READY or (bool(grammar) and grammar[0][0] in _VERBAL)

    def _days_span(self, toks: list[Token], lemmas: list[str], i: int) -> tuple[int, str] | None:
        """ "за 7 днів", "протягом останніх 10 діб", "за 3 суток" -> "over the past 7 days": a
        tally over several days, as English writes it; not a distance ("за 30 днів до")."""
        if lemmas[i] not in _SPAN_WORDS:
            return None
        j = i + 1
        if j < len(toks) and lemmas[j] in _RECENT:
            j += 1
        if j + 1 >= len(toks):
            return None
        count = self._count(toks, lemmas, j)
        if count is None:
            return None
        k = j + count[0]
        unit = _SPAN_UNITS.get(lemmas[k]) if k < len(toks) else None
        if unit is None or (k + 1 < len(toks) and lemmas[k + 1] in _BEFORE_WORDS):
            return None
        return k + 1 - i, f"over the past {count[1]} {unit}"

    def _count(self, toks: list[Token], lemmas: list[str], i: int) -> tuple[int, str] | None:
        """(tokens used, digits) of the number at token i, or None when none starts there."""
        if toks[i].kind == "num":
            return self._number(toks, lemmas, i, toks[i].text.replace(",", "."))
        if toks[i].kind == "word" and lemmas[i] in self.table.numbers:
            return self._number(toks, lemmas, i, None)
        return None

    def _out_of(self, toks: list[Token], lemmas: list[str], i: int) -> tuple[int, str] | None:
        """ "з 10 ракет вдалося збити 7" -> "7 of 10 missiles were shot down": the part and the
        whole in the order the English rules read (the whole launched, the part downed)."""
        if lemmas[i] not in _OUT_OF or i + 1 >= len(toks):
            return None
        if toks[i + 1].kind != "num" and lemmas[i + 1] not in self.table.numbers:
            return None
        n, whole = self._number(
            toks, lemmas, i + 1, None if toks[i + 1].kind != "num" else toks[i + 1].text
        )
        j = i + 1 + n
        things: list[str] = []
        while j < len(toks) and len(things) < 2 and toks[j].kind == "word":
            gloss = self.table.words.get(toks[j].lower) or self.table.words.get(lemmas[j], "")
            if not gloss or gloss in _ROLE_VERBS or lemmas[j] in _MANAGED:
                break
            things.append(gloss.split("|")[-1])
            j += 1
        if not things or not any(w in _WEAPON_WORDS for t in things for w in t.split()):
            return None
        if j < len(toks) and lemmas[j] in _MANAGED:
            j += 1
        verb = self.table.words.get(lemmas[j], "") if j < len(toks) else ""
        if verb not in _ROLE_VERBS or j + 1 >= len(toks):
            return None
        if toks[j + 1].kind != "num" and lemmas[j + 1] not in self.table.numbers:
            return None
        m, part = self._number(
            toks, lemmas, j + 1, None if toks[j + 1].kind != "num" else toks[j + 1].text
        )
        return j + 1 + m - i, f"{part} of {whole} {' '.join(things)} were {verb}"

    def _number(
        self, toks: list[Token], lemmas: list[str], i: int, digits: str | None
    ) -> tuple[int, str]:
        """Digits and number words, added up ("двадцять три" -> 23; "13 тисяч" -> 13000)."""
        nums = self.table.numbers
        j = i
        if digits is not None:
            try:
                total = float(digits)
            except ValueError:
                return 1, digits
            j += 1
            groups = _thousands(toks, i)
            if groups:  # "985 430": Ukrainian and Russian group thousands with a space
                return groups, "".join(t.text for t in toks[i : i + groups])
        else:
            total = 0.0
            while j < len(toks) and toks[j].kind == "word" and lemmas[j] in nums:
                value = nums[lemmas[j]]
                if value >= 1000 and j > i:
                    total = max(total, 1) * value
                else:
                    total += value
                j += 1
        if j < len(toks) and toks[j].kind == "word" and nums.get(lemmas[j], 0) >= 1000:
            total = max(total, 1) * nums[lemmas[j]]
            j += 1
        text = str(int(total)) if total == int(total) else str(total)
        if digits is not None and j == i + 1:
            text = digits if "." not in digits else text
        return j - i, text

    def _night(
        self, toks: list[Token], lemmas: list[str], i: int, published: date | None
    ) -> tuple[int, str] | None:
        """ "в ніч на 23 жовтня" -> "on the night of 22 to 23 October" (and its variants)."""
        if (
            self.lang == "ru"
            and toks[i].lower == "ночью"
            and i + 2 < len(toks)
            and toks[i + 1].kind == "num"
            and toks[i + 1].text.isdecimal()
            and lemmas[i + 2] in self.table.months
        ):
            # "ночью 28 августа": in the small hours of the 28th, the night of 27 to 28
            small_hours, named = int(toks[i + 1].text), self.table.months[lemmas[i + 2]]
            before = _previous_day(small_hours, named, published)
            if before is not None:
                return 3, f"on the night of {before} to {small_hours} {_MONTHS[named - 1]}"
        if lemmas[i] not in ("в", "у", "во") or i + 2 >= len(toks):
            return None
        if lemmas[i + 1] not in ("ніч", "ночь"):
            return None
        j = i + 2
        first: int | None = None
        if lemmas[j] in ("з", "с", "із") and j + 2 < len(toks) and toks[j + 1].kind == "num":
            if not toks[j + 1].text.isdecimal():
                return None  # "в ночь с 1,5 на ...": no day
            first = int(toks[j + 1].text)
            j += 2
        if j >= len(toks) or lemmas[j] not in ("на", "проти"):
            return None
        j += 1
        if j + 1 < len(toks) and toks[j].kind == "num" and toks[j].text.isdecimal():
            day = int(toks[j].text)
            month = self.table.months.get(lemmas[j + 1])
            if month is None:
                return None
            if first is None:
                first = _previous_day(day, month, published)
            if first is None:
                return j + 2 - i, f"overnight into {day} {_MONTHS[month - 1]}"
            return j + 2 - i, f"on the night of {first} to {day} {_MONTHS[month - 1]}"
        weekday = self.table.words.get(lemmas[j], "") if j < len(toks) else ""
        if weekday in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"):
            return j + 1 - i, f"overnight into {weekday}"
        if weekday == "Sunday":
            return j + 1 - i, "overnight into Sunday"
        return None


#: Pieces that only say when: what may stand between a place and the verb it is object of.
_TIME_PIECE = re.compile(
    r"^(?:overnight(?: into \w+(?: \w+)?)?|last night|on the night of \d+ to \d+ \w+|"
    r"in the (?:morning|evening|afternoon)|during the day|at night|today|yesterday|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|again|also)$"
)
#: Tallies over a span: the sentence after one tells something else (a night's attack).
_SPAN_TALLIES = frozenset(
    {
        "over the past week",
        "during the past week",
        "over the past month",
        "since the start of the year",
        "since the start of the full-scale invasion",
    }
)
#: A place attacked, in the passive the gloss writes for "подвергся атаке" and the like.
_PASSIVE_ATTACKS = ("was attacked", "was shelled", "was struck", "were attacked")


#: Lemmas of the wounded and of the dead, for "их число" (their number).
_WOUNDED_LEMMAS = frozenset({"раненый", "ранить", "пострадавший", "пострадать"})
_DEAD_LEMMAS = frozenset({"погибший", "погибнуть", "жертва", "убитый", "убить"})


def _last_victims(lemmas: list[str]) -> str:
    """ "the number of injured" or "death toll" after the victims named last among `lemmas`,
    "" when none is."""
    for lemma in reversed(lemmas):
        if lemma in _WOUNDED_LEMMAS:
            return "the number of injured"
        if lemma in _DEAD_LEMMAS:
            return "death toll"
    return ""


def _time_first(out: _Writer) -> None:
    """Move the place (or places joined by "and" and commas) written before the time pieces
    that end the gloss after those pieces: "Odesa overnight" -> "overnight Odesa"."""
    pieces = out.pieces()
    k = len(pieces) - 1
    while k >= 0 and _TIME_PIECE.match(pieces[k]):
        k -= 1
    if k < 0 or k == len(pieces) - 1 or default_gazetteer().resolve(pieces[k]) is None:
        return
    first = k
    while (
        first >= 2
        and pieces[first - 1] in ("and", ",")
        and (default_gazetteer().resolve(pieces[first - 2]) is not None)
    ):
        first -= 2
    order = [*range(k + 1, len(pieces)), *range(first, k + 1)]
    out.rewrite(first, order)


def _thousands(toks: list[Token], i: int) -> int:
    """Tokens of a number written in groups of three ("1 120", "38 700"), or 0 when the
    number at i stands alone (a number of one to three digits, then groups of exactly three
    after a single space, and not itself after another number)."""
    if not _LEAD_GROUP.match(toks[i].text) or (i > 0 and toks[i - 1].kind == "num"):
        return 0
    j = i + 1
    while j < len(toks) and toks[j].kind == "num" and _GROUP.match(toks[j].text):
        if toks[j].space not in _GROUP_SPACES:
            break
        j += 1
    return j - i if j > i + 1 else 0


_FROM = frozenset({"від", "от"})
#: The English of verbs of change: after them "від 350 до 500" is a change, not a range.
_CHANGE_VERBS = frozenset({"rose", "fell", "increased", "decreased", "grew", "dropped"})
_LEAD_GROUP = re.compile(r"^\d{1,3}$")
_GROUP = re.compile(r"^\d{3}$")
_GROUP_SPACES = frozenset({" ", "\u00a0", "\u202f", "\u2009"})


def _previous_day(day: int, month: int, published: date | None) -> int | None:
    """The day before `day` when it falls in the same month (else None: the English rules
    read "night of D to D+1 Month" only within one month)."""
    del published, month
    return day - 1 if day > 1 else None


def _code(text: str) -> str:
    """Weapon and aircraft codes in Latin letters: "Х-101/Х-555" -> "Kh-101/Kh-555"; the
    aircraft names of the Mikoyan and Sukhoi bureaus as English spells them ("МіГ-31К" ->
    "MiG-31K", not the Ukrainian transliteration's "MiH")."""
    if not _CYRILLIC.search(text):
        return text
    m = _AIRCRAFT.match(text)
    if m is not None:
        return _AIRCRAFT_NAMES[m.group(1).lower()] + transliterate(text[m.end(1) :])
    return transliterate(text)


_AIRCRAFT = re.compile(r"^(міг|миг|су|ту)(?=-)", re.I)
_AIRCRAFT_NAMES = {"міг": "MiG", "миг": "MiG", "су": "Su", "ту": "Tu"}


#: Words that may stand inside a fixed phrase without changing it ("Під атакою також були",
#: "Під ворожими обстрілами перебували").
_INSERTED = frozenset({"також", "теж", "ворожий", "російський", "масований"})
#: Words of an aside between commas inside a fixed phrase ("Загиблих, на щастя, немає",
#: "поранених, за попередніми даними, немає").
_ASIDES = frozenset({"на", "щастя", "жаль", "наразі", "поки", "що", "за", "попередній", "даний"})
#: Glosses of verbs that give a count its role, which English writes after the number.
_ROLE_VERBS = frozenset(
    {
        "shot down",
        "destroyed",
        "intercepted",
        "suppressed",
        "neutralised",
        "lost",
        "killed",
        "injured",
        "hospitalised",
        "launched",
    }
)

#: Russian verbs of one person's death or wounding, in the singular before the person
#: ("погиб мальчик", "ранена женщина", "пострадал водитель"), and what English writes.
_VICTIM_VERBS = {
    "погибнуть": "killed",
    "ранить": "injured",
    "пострадать": "injured",
    "травмировать": "injured",
}
#: The same in Ukrainian: "загинув батько", "поранено водія", "травмовано жінку".
_VICTIM_VERBS_UK = {
    "загинути": "killed",
    "поранити": "injured",
    "травмувати": "injured",
    "постраждати": "injured",
}
#: A married couple named as victims ("погибли супруги"): two people.
_COUPLES = frozenset({"супруги", "супругов"})
#: Nouns of a toll that "нет" may close with words between ("Пострадавших ... нет").
_ZERO_TOLL_NOUNS = frozenset(
    {"пострадавший", "пострадать", "погибший", "погибнуть", "раненый", "жертва"}
)
#: What closes a clause after "нет"; and the parts of speech of a verb, which ends the search.
_CLAUSE_ENDS = frozenset({".", ";", ",", "!", "?", ")"})
_VERB_TAGS = frozenset({"VERB", "INFN", "PRTS", "GRND"})
#: Lemma endings of an age adjective ("46-летний", "семилетний").
_AGE_ENDINGS = ("летний",)

#: Glosses of the verbs of a weapon hitting or falling ("попала", "упал", "взорвалась").
_HIT_VERBS = frozenset({"hit", "struck", "fell", "exploded", "attacked", "damaged"})

#: Lemmas of a truce or a halt to strikes ("перемирие", "мораторий", "пауза в ударах").
_TRUCE_LEMMAS = frozenset({"перемирие", "мораторий", "пауза"})

_TRUCE_LEMMAS_UK = frozenset({"перемир'я", "мораторій"})
_TRUCE_WORD = re.compile(r"перемир|мораторі", re.I)

#: Russian offices named after the region they serve ("оперштаб Краснодарского края",
#: "правительство Белгородской области"): the region is who posts, not a place hit.
_OFFICES = frozenset({"штаб", "оперштаб", "правительство", "администрация", "минздрав"})

#: The gloss of a pledge not to strike ("не наносить ударов").
_NOT_TO_STRIKE = "not to strike"

#: Glosses of the verbs of downing a weapon.
_DOWN_VERBS = frozenset(
    {"shot down", "destroyed", "intercepted", "suppressed", "neutralised", "downed"}
)

#: The gloss of "з початку повномасштабного вторгнення": a tally over the whole war.
_WAR_TALLY = "since the start of the full-scale invasion"

#: Nouns a settlement's name stands in apposition to ("у селі Бірки", "місто Суми").
_SETTLEMENT_NOUNS = frozenset({"село", "селище", "місто", "смт", "хутір", "город", "поселок"})

#: Nouns of a time of day, whose genitive ("цієї ночі", "того ранку") tells when.
#: "постраждали Київщина, Полтавщина": a verb of harm whose subject is a place is the place hit.
_SUFFERED = frozenset({"постраждати"})
_MOST = frozenset({"найбільше"})
_TIME_NOUNS = frozenset({"ніч", "ранок", "вечір", "день", "ночь", "утро", "вечер"})

#: A tally over a span ("за тиждень", "за минулий місяць", "з початку вторгнення"):
#: the sentence that tells one is another sentence, not the night's told before it.
_SPAN_TALLY = re.compile(
    r"\b(?:за|впродовж|упродовж|протягом)\s+(?:цей\s+|минулий\s+|весь\s+|останній\s+)?"
    r"(?:тиждень|тижня|місяць|місяця|эту\s+неделю|неделю|месяц)\b|"
    r"\b(?:[зс]|від)\s+початку\s+(?:повномасштабного\s+)?(?:вторгнення|війни|року)\b",
    re.I,
)

#: Words for streets and squares: the name after one is the street's, not a town's.
_STREET_WORDS = frozenset(
    {"вулиця", "вул", "проспект", "просп", "провулок", "пров", "бульвар", "бульв", "площа",
     "узвіз", "шосе", "улица", "ул", "переулок", "пер", "площадь", "пл"}
)  # fmt: skip

#: Glosses that name a day other than the post's: after them "вдень" is that day's.
_OTHER_DAY = re.compile(
    r"\b(?:yesterday|the day before|over the past day|the same day|the next day|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)

#: Glosses of the verbs of attacking, which a place before them in the plural makes passive.
#: Glosses that open a sentence on a casualty toll ("Число погибших выросло до ...").
_TOLL_OPENERS = ("death toll", "the number of injured", "the number of dead")

_ATTACK_VERBS = frozenset({"attacked", "struck", "shelled", "hit"})

#: Glosses of the verbs of launching, which an impersonal passive writes with "were".
_LAUNCH_VERBS = frozenset({"launched", "used", "fired"})

#: Words before a month that make it the span of a tally ("упродовж березня", "за март").
_SPAN_WORDS = frozenset({"упродовж", "впродовж", "протягом", "за"})
_SPAN_PAIRS = frozenset(
    {("в", "течение"), ("на", "протяжение"), ("во", "течение"), ("з", "початок"),
     ("від", "початок"), ("с", "начало"), ("со", "начало")}
)  # fmt: skip
#: "останні"/"последние" between a span word and its count ("за останні 7 днів").
_RECENT = frozenset({"останній", "минулий", "последний", "прошлый", "прошедший"})
#: Units of a span of days and how English writes them after a count.
#: (Days only: "вторая атака за три недели" counts attacks, and weeks and months have their
#: own phrases, "за тиждень", "за месяц".)
_SPAN_UNITS = {"день": "days", "доба": "days", "сутки": "days"}
#: Dashes that open a list item on its own line.
_DASHES = frozenset({"—", "–", "-"})
#: Parts of speech after which a bare week is a length ("погодився тиждень").
_VERBAL = frozenset({"VERB", "INFN", "ADJS", "PRTS"})
_READY = frozenset({"готовий", "готовый"})
#: "за 30 днів до": a distance in time before something, not a span.
_BEFORE_WORDS = frozenset({"до", "перед", "тому", "назад"})
#: "з"/"из" before a whole ("з 10 ракет"), and "вдалося"/"удалось" (managed) before its verb.
_OUT_OF = frozenset({"з", "із", "зі", "из"})
_MANAGED = frozenset({"вдатися", "вдаватися", "удаться", "удаваться"})
#: Lemmas that open a reading of several tokens (besides numbers, ages and "ночью"): "в ніч
#: на", "з 10 ракет", "від 350 до 500", "за 7 днів", "упродовж березня", "одна влучила",
#: "погибла женщина", "поранено водія". `Glosser._at` tries those readings only at these: a
#: reading added to `Glosser._opened_at` adds the words it starts at here.
_AT_OPENERS = frozenset(
    {"в", "у", "во"}
    | _OUT_OF
    | _FROM
    | _SPAN_WORDS
    | {first for first, _ in _SPAN_PAIRS}
    | {"один"}
    | set(_VICTIM_VERBS)
    | set(_VICTIM_VERBS_UK)
    | _ZERO_TOLL_NOUNS
)


def _opens_reading(tok: Token, lemma: str) -> bool:
    """The token (of this lemma) may open a reading of several tokens (`Glosser._opened_at`):
    a number, an age, "ночью" or one of `_AT_OPENERS`; elsewhere none of them applies."""
    return (
        tok.kind == "num"
        or lemma in _AT_OPENERS
        or lemma.endswith(_AGE_ENDINGS)
        or tok.lower == "ночью"
    )


#: Words of a weapon's gloss: what an "out of N" whole must count.
_WEAPON_WORDS = frozenset(
    {"missile", "missiles", "drone", "drones", "rockets", "UAVs", "Shaheds", "artillery"}
)
#: Pieces between an attack verb and the last of its weapons: other weapons, their models
#: in quotes, "and" ("атакував ракетою «Іскандер-М» та дронами Балаклію").
_WEAPON_RUN = re.compile(
    r'^(?:and|from|"|with an? [\w -]+|(?:from )?[\w -]*(?:missiles?|drones?|artillery|rockets|UAVs|'
    r"Shaheds|KABs)|[A-Z][\w]*-[\w-]+)$"
)
#: Punctuation after which a word opens a sentence or a quote.
_OPENERS = frozenset({".", "!", "?", "…", "«", '"', "„", "—", "–", ":"})
#: Singular weapon glosses that English counts only with an article ("a drone hit ...").
_SINGULAR_WEAPONS = frozenset(
    {"drone", "attack drone", "missile", "cruise missile", "ballistic missile"}
)
#: A number word's stem compounded with "-денний"/"-дневный" (days) or "-годинний"/"-часовой".
_COMPOUND = re.compile(r"^([\w'’ʼ]{3,}?)(денн|дневн|годинн|часов)[^\W\d_]{1,3}$")
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")
#: Nouns that, standing alone, mean the first-level unit named last ("в регионе", "області").
_UNIT_NOUNS = frozenset({"область", "регион", "регіон"})

#: What the place reader answers for a name that is not a place ("Харківська ОВА", a raion).
_NOT_NAMES = frozenset({"regional", "district"})

_PUNCT = {"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "—": "-", "–": "-"}


#: Nouns of a count of settlements or hromadas ("27 населених пунктів у 14 громадах").
_COUNTED_PLACES = frozenset({"settlement", "settlements", "community", "communities"})


def _launch_area(pieces: list[str]) -> bool:
    """The pieces end in "from [the area of X] on the temporarily occupied part": the oblast
    named next holds a launch site, as the Air Force writes them."""
    if len(pieces) < 3 or pieces[-1] != "part" or "occupied" not in pieces[-2]:
        return False
    return any(p == "from" or p.startswith("from ") for p in pieces[-8:-2])


def _settlements_counted(pieces: list[str]) -> bool:
    """The pieces end in a count of settlements or hromadas: the oblast named next is where
    they lie ("обстрілював 35 населених пунктів Херсонщини"), not a place hit of its own."""
    return (
        len(pieces) >= 2 and pieces[-1] in _COUNTED_PLACES and _DIGITS.match(pieces[-2]) is not None
    )


def _attack_carried_out(out: _Writer) -> bool:
    """The pieces end in "carried out [another massive] attack", the object of which comes
    next: English tells such an attack as one that hit its object ("another massive attack
    hit the power grid"), the more so when nothing else (no count, no place) tells it. An
    article goes in where the source has none ("завдав масованого удару" -> "a massive")."""
    pieces = out.pieces()
    if not pieces or pieces[-1] not in ("attack", "strike"):
        return False
    k = next(
        (
            k
            for k in range(len(pieces) - 2, len(pieces) - 5, -1)
            if k >= 0 and pieces[k] == "carried out"
        ),
        None,
    )
    if k is None or any(p in (".", ",", ":", ";") for p in pieces[k + 1 :]):
        return False
    if not any(p in ("a", "an", "another", "the") for p in pieces[k + 1 :]):
        out.rewrite(k + 1, list(range(k + 1, len(pieces))), {k + 1: "a " + pieces[k + 1]})
    return True


#: Days of mourning, whose dates are no attack's ("20–22 листопада оголошено днями жалоби").
_MOURNING = re.compile(r"жалоб", re.I)


def _sentence(text: str, at: int) -> str:
    """The sentence of `text` around offset `at`."""
    start = max(text.rfind(m, 0, at) for m in ".!?\n") + 1
    end = min((e for e in (text.find(m, at) for m in ".!?\n") if e >= 0), default=len(text))
    return text[start:end]


#: Glosses of the tolls a post writes before their figures ("загиблих — 5, поранених — 12").
_TOLL_NOUNS = frozenset({"dead", "injured"})


def _toll_first(out: _Writer) -> None:
    """ "Загиблих двадцятеро, поранених — 279": the toll's noun opens its clause and its
    figure follows (after a dash or not); English writes the figure first ("279 injured")."""
    pieces = out.pieces()
    k = len(pieces) - 2
    if k >= 0 and pieces[k] in ("-", "—", "–"):
        k -= 1
    if k < 0 or pieces[k] not in _TOLL_NOUNS:
        return
    if k > 0 and pieces[k - 1] not in (".", ",", ";", ":", "!", "?"):
        return
    noun = next((w for w in reversed(out.words[:-1]) if w.english == pieces[k]), None)
    if noun is None or not noun.lower.endswith("их"):
        return  # "загиблих", "поранених": the genitive plural of a count of people
    out.rewrite(k, [len(pieces) - 1, k])  # the dash, if any, goes


def _one_of_age(out: _Writer, tok: Token) -> None:
    """ "Поранено 62-річного чоловіка": one man, whom English counts with an article ("a
    62-year-old man"); not "двох 40-річних чоловіків", a plural."""
    pieces = out.pieces()
    if len(pieces) < 2 or pieces[-1] != "-" or _DIGITS.match(pieces[-2]) is None:
        return
    if tok.lower.endswith(("і", "их", "ими")) or (len(pieces) > 2 and pieces[-3] == "a"):
        return
    n = len(pieces)
    out.rewrite(n - 2, [n - 2, n - 1], {n - 2: "a " + pieces[-2]})


class _Writer:
    """Builds the gloss text and its map back to the source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []
        self.pending = ""
        self.words: list[Word] = []

    def add(self, space: str, english: str, start: int, end: int) -> None:
        """Append one piece; dropped words keep only the line breaks of their whitespace."""
        gap = self.pending + space
        if not english:
            self.pending = "\n\n" if "\n\n" in gap else ("\n" if "\n" in gap else gap[:1])
            return
        self.pending = ""
        sep = "\n\n" if "\n\n" in gap else ("\n" if "\n" in gap else (" " if gap else ""))
        if not self.parts:
            sep = ""
        self.parts.append(sep)
        self.length += len(sep)
        self.starts.append(self.length)
        self.spans.append((start, end))
        self.parts.append(english)
        self.length += len(english)

    def pieces(self) -> list[str]:
        """The English of each piece written so far, in order."""
        return self.parts[1::2]

    def rewrite(
        self,
        first: int,
        order: list[int],
        texts: dict[int, str] | None = None,
        sep_order: list[int] | None = None,
    ) -> None:
        """Rewrite the pieces from `first` on in the given order of their indexes (each once),
        with new English for some; the separators stay where they were (or go in
        `sep_order`, counted from `first`), the source spans travel with their pieces."""
        texts = texts or {}
        seps = self.parts[2 * first :: 2]
        if sep_order is not None:
            seps = [seps[k] for k in sep_order]
        seps = seps[: len(order)]  # pieces left out of `order` are dropped
        items = [(texts.get(k, self.parts[2 * k + 1]), self.spans[k]) for k in order]
        del self.parts[2 * first :], self.starts[first:], self.spans[first:]
        self.length = sum(len(part) for part in self.parts)
        for sep, (english, span) in zip(seps, items, strict=True):
            if not sep and self.parts and self.parts[-1][-1:].isalnum() and english[:1].isalnum():
                sep = " "  # a word moved to where a comma was: "on Wednesday again"
            self.parts.append(sep)
            self.length += len(sep)
            self.starts.append(self.length)
            self.spans.append(span)
            self.parts.append(english)
            self.length += len(english)

    def gloss(self) -> Gloss:
        return Gloss("".join(self.parts), self.source, self.starts, self.spans, self.words)


@lru_cache(maxsize=2)
def glosser(lang: str) -> Glosser:
    """The shared glosser for "uk" or "ru"."""
    return Glosser(lang)


def gloss_text(text: str, lang: str, published: date | None = None) -> Gloss:
    """The English gloss of a Ukrainian ("uk") or Russian ("ru") text."""
    return glosser(lang)(text, published)
