"""Pledges in Ukrainian and Russian text, read over the source words and their grammar.

The English pledge rules find who pledges by word order ("Russia proposed a truce"), which a
word-by-word gloss keeps only in part: in "Росії запропонували перемир'я" Russia is the one
offered to, and in "закликав Київ зробити те саме" Kyiv is the one called on. This reader keeps
the English lexicons, read off each word's gloss (pledge nouns, status cues, parties, targets,
lengths), and takes the grammar from the source words:

- the party of a cue is its subject: a party word in the nominative, not after a preposition,
  or a genitive party after a nominative head ("президент России принял решение"); failing
  those "в Кремле"/"у Києві" ("in the Kremlin they said"), then the party spoken of last;
- a proposal is the party's whose genitive follows it ("пропозиція Вашингтона");
- the object of an accusation (accusative) is the party said to break the pledge;
- "не" before a cue turns it (not keeping is breaking; not agreeing is refusing);
- a cue in the infinitive under a modal of obligation ("має прийняти", "должна соблюдать") or
  inside a conditional clause ("якщо ...", "если ...") commits no one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

from trucewatch.extract.dates import find_dates
from trucewatch.extract.fold import Folded
from trucewatch.extract.lexicon import lexicon
from trucewatch.extract.numbers import word_value
from trucewatch.extract.pledges import (
    BOTH,
    DAY_RANGE,
    DAYS,
    GRAIN_DEAL,
    HOURS,
    MIRROR,
    NOT_A_PLEDGE,
    PARTIES_IN_CONFLICT,
    PLEDGE_NOUN,
    STATUS_CUES,
    WEEK,
    WORD_NUM,
    Terms,
    settle,
)
from trucewatch.extract.results import ExtractedPledge
from trucewatch.extract.slavic.gloss import Gloss, Word
from trucewatch.extract.slavic.lexicon import gloss_table
from trucewatch.extract.slavic.morph import Morph
from trucewatch.geo import default_gazetteer

__all__ = ["read_pledges"]

#: Nouns that stand for a pledge named before ("the proposal", "the order"): Slavic has no
#: article, so the noun alone refers back.
_ANAPHORA = frozenset(
    {"proposal", "proposals", "offer", "order", "deal", "agreement", "agreements", "initiative",
     "plan", "request", "arrangement", "commitment", "commitments", "obligations", "idea"}
)  # fmt: skip
#: Lemmas of modals of obligation: an infinitive under them is what someone must do.
_MODALS = frozenset(
    {"мати", "мусити", "повинний", "повинен", "зобов'язаний", "треба", "потрібно", "слід",
     "должный", "должен", "обязанный", "обязан", "нужно", "надо", "следовать"}
)  # fmt: skip
#: Particles of a demand on a third person ("пусть прекратит огонь", "хай припинить"): what
#: another side is told to do, which commits no one.
_LET = frozenset({"пусть", "пускай", "хай", "нехай"})
#: Conjunctions that open a conditional clause.
_CONDITIONAL = frozenset({"якщо", "якби", "если", "коли-небудь", "ежели", "разі", "случае"})
#: Attack verbs (as glossed) and the nouns that make "carried out" one.
_ATTACK = re.compile(r"attacked|struck|shelled|launched|carried out|hit|dropped")
_ATTACK_NOUN = re.compile(r"\b(?:strikes?|attacks?|assaults?|shelling)\b")
#: Verbs of keeping or refraining, as glossed ("дотримуватися", "утримуватися").
_KEEPING = re.compile(r"adhered to|refrain", re.I)
#: Demonstratives that point a pledge noun back at one named before.
_DEMONSTRATIVES = frozenset({"такий", "такой", "цей", "этот"})
#: Nouns of an offer ("пропозиція", "ініціатива").
_OFFERS = frozenset({"proposal", "proposals", "offer", "initiative"})
#: Weapons counted after a verb: "Росія запустила 145 дронів", "випустила 71 ракету".
_WEAPONS_LAUNCHED = re.compile(r"^(?:\d+|[\w-]+ly)?\s*(?:drones?|missiles?|bombs?|rockets?)$")
#: Who attacks as a side's armed forces: "ВСУ", "російська армія", "украинские дроны".
_FORCES = re.compile(r"\b(?:forces|troops|army|military|drones?|missiles?)\b", re.I)
#: Weapons and attacks a side's forces are told with ("ворог скидає КАБи").
_WEAPON_WORDS = re.compile(
    r"\b(?:bombs?|KABs?|drones?|missiles?|shell\w*|strikes?|attacks?|assaults?)\b", re.I
)
#: "несмотря на перемирие": an attack made in spite of the pledge.
_DESPITE = re.compile(r"\bdespite\b", re.I)
#: Attacks told from a time on ("since 25 March", "after this date") or as going on
#: ("continued to strike").
_SINCE = re.compile(r"\bsince\b|\bafter this\b|\bcontinued\b", re.I)
#: Time before the pledge: an attack then breaks nothing ("за добу до перемир'я").
_BEFORE = re.compile(r"\b(?:before|the day before|ahead of|on the eve of)\b", re.I)
#: What comes before the things a pledge spares: "strikes on", "attacks against".
_SCOPE = re.compile(r"\b(?:on|against|at)\s+(?:\S+\s+)?$")
#: Pledge nouns proper (an adjective before one names what it spares: "energy ceasefire").
_NOUNS = re.compile(r"(?:ceasefire|cease-fire|truce|moratorium|pause|armistice)", re.I)
_CLAUSE_BREAK = re.compile(r"[;:,]")
#: "strikes on (such) (Russian) facilities:": a list of what is spared follows the colon.
_LIST_LEAD = re.compile(
    r"\b(?:strikes?|attacks?)\s+(?:on|against)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:facilities|objects|sites|targets|infrastructure)\s*$",
    re.I,
)
#: Seas a pledge can cover (a sea is never a place hit, so naming one scopes the pledge).
_SEAS = frozenset({"Black Sea", "Sea of Azov"})
#: Nouns that say what became of a pledge, which English says with a verb.
_NOUN_CUES = {
    "violation": "claimed_broken",
    "violations": "claimed_broken",
    "withdrawal": "rejected",
    "refusal": "rejected",
    "announcement": "agreed",
}
_KEPT_WORD = "kept its word"
#: Words that deny a claim of breach: "опровергло", "назвала ложью заявления о нарушениях".
_DENIALS = frozenset({"denied", "lie"})
#: "прекратить огонь" as glossed.
_CEASE = "cease fire"
#: Promises not to strike, as glossed ("не будет атаковать", "не бити").
_WILL_NOT = frozenset({"will not strike", "not to strike"})
#: "удары по которым прекращают Россия и Украина": strikes, then the verb that stops them.
_STRIKES_STOPPED = re.compile(r"\bstrikes\b(?:\s+[\w,]+){0,3}?\s+stop\b", re.I)
#: "прекращать", "припиняти" as glossed: a finite form commits its subject to stopping.
_STOP = "stop"
#: Glosses of the participles Ukrainian tags as adjectives ("оголошене", "узгоджене").
_PARTICIPLE_CUES = frozenset({"agreed", "announced", "proposed", "declared"})
#: Glosses that a bare "не" keeps (a phrase glossed whole, "не примет" -> "rejected", is no
#: negation of the word after it).
_BARE = frozenset({"", "not"})
#: "любые нарушения", "будь-які порушення": any violation, supposed.
_ANY = frozenset({"любой", "любые", "любых", "любое", "будь-які", "будь-яких", "будь-яке"})
_VIOLATION_NOUNS = frozenset({"violation", "violations"})
#: Verbs of saying that are not themselves cues when a "that" clause with a cue follows.
_SAYING = frozenset({"announced", "declared"})
#: A pledge said to be in force ("действует", "вступит в силу").
_IN_FORCE = frozenset({"in force", "took effect"})
#: Verbs that say a pledge ran its course ("мораторий истек"): it was in force.
_EXPIRY = frozenset({"expired", "lapsed", "ended", "expiry"})
#: Words that dismiss a pledge ("hypocrisy", "manipulation"): its refusal by the speaker.
_DISMISSALS = frozenset(
    {"hypocrisy", "manipulation", "trap", "farce", "idiotic", "senseless", "absurd", "respite"}
)
_SPEECH = frozenset(
    {"said", "called", "stated", "wrote", "described", "responded", "insisted", "claimed"}
)
#: Verbs of saying whose object noun carries the status ("заявила о нарушении").
_ANNOUNCE = frozenset({"announced", "declared", "confirmed", "said", "reported"})
#: Words after which a party is the one attacked: "попросил не атаковать Киев".
_OBJECT_OF = re.compile(r"(?:attack|strike|struck|hit|shell|bomb)\w*$|\bon$", re.I)
#: Time adverbials glossed whole from a preposition on ("В ночь на среду" -> "overnight into
#: Wednesday"): the word after one is not the preposition's object.
_TIME_PHRASE = re.compile(
    r"(?:overnight|on the night|in the night|at night|in the (?:morning|afternoon|evening)|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.I,
)
#: "The sides" in the nominative plural.
_SIDES = frozenset({"стороны", "сторони"})
#: Month and day names: a date before a subject ("з 25 березня Росія") is not its head.
_CALENDAR = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
     "Friday", "Saturday", "Sunday"}
)  # fmt: skip
#: Two subjects joined: "Росія та Україна", "Россия и Украина".
_AND = frozenset({"і", "й", "та", "и"})
#: The party of a cue whose subject is both sides.
_BOTH = "both"
#: Conjunctions of purpose: a past-tense verb after one is subjunctive ("чтобы стороны
#: воздерживались от ударов": that they should refrain), not what was done.
_PURPOSE = frozenset({"чтобы", "чтоб", "щоб", "щоби", "аби"})
#: Nouns that do not by themselves say what a pledge spares (unlike "ceasefire", which spares
#: everything): a later sentence that restates one with its scope gives it.
_SCOPELESS = frozenset({"moratorium", "pause", "halt"})
#: Negation particles.
_NEGATION = frozenset({"не", "ні", "ни"})
#: A negated cue: what not doing it means ("не дотримується" is breaking it).
_NEGATED = {
    "claimed_kept": "claimed_broken",
    "claimed_broken": "claimed_kept",
    "agreed": "rejected",
}
#: English glosses of the words that say who is blamed: "accused X of breaking it".
_ACCUSE = re.compile(r"\baccus\w*", re.I)
#: "з боку Росії", "со стороны Украины": the side a violation is laid on.
_SIDE_OF = frozenset({"бік", "сторона", "боку", "стороны"})
#: Target words by category: the English lexicon's phrases, one pattern, longest first.
_TARGET_OF = {w.lower(): cat for cat, words in lexicon().targets.items() for w in words}
_TARGETS = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(_TARGET_OF, key=len, reverse=True)) + r")\b",
    re.I,
)


#: "продолжает": a side going on with attacks, told by the noun or infinitive after it.
_CONTINUED = "continued"
#: Infinitives of striking the gloss leaves unread or reads as a noun ("продолжает бить").
_STRIKE_INFINITIVES = frozenset({"бить", "бити", "наносить", "атаковать", "обстреливать"})


def _verb_of(sent: _Sentence, k: int, mirror: re.Match[str]) -> bool:
    """The word at k is the verb the mirror phrase goes with ("действовать зеркально"):
    the phrase follows it with at most a space between."""
    at = sent.offsets[k]
    return at >= 0 and 0 <= mirror.start() - (at + len(sent.words[k].english)) <= 1


def _continued_attacks(words: list[Word], k: int) -> bool:
    """ "киевский режим продолжает обстрелы", "Украина продолжает бить по энергетике": "continued"
    and, within two words, the attacks it goes on with (a noun, or a verb of striking)."""
    if words[k].english != _CONTINUED:
        return False
    for w in words[k + 1 : k + 3]:
        if w.lower in _STRIKE_INFINITIVES or _ATTACK_NOUN.search(w.english or ""):
            return True
        if w.english and _ATTACK.fullmatch(w.english):
            return True
    return False


@dataclass
class _Sentence:
    words: list[Word]
    english: str  # the words' English joined by spaces
    offsets: list[int]  # where each word's English starts in it (-1 when unread)


class _Reader:
    """Reads one text's pledges (one instance per text)."""

    def __init__(self, gloss: Gloss, morph: Morph, published: date) -> None:
        self.gloss = gloss
        self.morph = morph
        self.published = published
        self.out: list[ExtractedPledge] = []
        self.last_party: str | None = None
        self.broker_seen: str | None = None
        self.last_terms: Terms | None = None
        self.last_noun = ""  # the pledge noun that named them
        self.last_attacker: str | None = None  # the side whose forces were last told attacking
        self.lengths: dict[tuple[str, ...], set[int]] = {}  # lengths stated per target scope
        self.months = gloss_table(morph.lang).months
        self.thirds: list[list[str]] = []  # the third parties each sentence names, in order
        self.made_in: list[int] = []  # the sentence each pledge in `out` was read from
        self.scopes: list[tuple[str, Terms]] = []  # each sentence's pledge noun and its terms

    def read(self) -> list[ExtractedPledge]:
        sentences = _sentences(self.gloss)
        for sent in sentences:
            self._sentence(sent)
            self.made_in.extend([len(self.thirds) - 1] * (len(self.out) - len(self.made_in)))
        if _headline(sentences, self.gloss.source):
            self._headline_restated()
        for p, at in zip(self.out, self.made_in, strict=True):
            if (
                p.broker is None
                and p.status != "proposed"
                and at + 1 < len(self.thirds)
                and at + 1 not in self.made_in
            ):
                # "Украина согласилась на перемирие. Переговоры прошли при посредничестве
                # США": a third party named in the next sentence is the one who brokered it
                p.broker = next(iter(self.thirds[at + 1]), None)
        self._scope_later()
        for p in self.out:
            # a pledge on some targets takes the one length the text gives that scope anywhere,
            # even in a sentence with no cue ("Тридцятиденний мораторій ... сплив")
            lengths = self.lengths.get(tuple(sorted(p.targets)), set())
            if p.targets and p.duration_days is None and len(lengths) == 1:
                p.duration_days = next(iter(lengths))
        return settle(self.out)

    def _headline_restated(self) -> None:
        """ "Трамп: Путін пообіцяв тиждень не бити по Києву" over "попросив ... тиждень не
        обстрілювати Київ, і той погодився": the body's pledge of the headline's side, told
        without the terms the headline gives, is the headline's; a headline's offer that the
        body tells as agreed is that agreement."""
        heads = [p for p, at in zip(self.out, self.made_in, strict=True) if at == 0]
        body = [p for p, at in zip(self.out, self.made_in, strict=True) if at > 0]
        for h in heads:
            # the same pledge: the same side, told with the same status or the offer agreed
            # (not "Путін погодився на енергетичну паузу" over a refused full ceasefire)
            same = [
                b
                for b in body
                if b.party == h.party
                and (b.status == h.status or (h.status, b.status) == ("proposed", "agreed"))
            ]
            for b in same:
                if not (b.targets or b.places) and (h.targets or h.places):
                    b.targets, b.places = list(h.targets), list(h.places)
                    b.duration_days = b.duration_days or h.duration_days
            if h.status == "proposed" and any(
                b.status == "agreed" and (b.targets, b.places) == (h.targets, h.places)
                for b in same
            ):
                self.made_in = [
                    at for p, at in zip(self.out, self.made_in, strict=True) if p is not h
                ]
                self.out = [p for p in self.out if p is not h]

    def _scope_later(self) -> None:
        """ "Мораторий истек. Речь идет о договоренности воздерживаться от ударов по
        энергетике": a pledge named by a noun that does not say what it spares ("moratorium",
        "pause") takes the scope a following sentence without a pledge of its own gives it; a
        moratorium with none in a text about energy spares energy (the 2025 moratorium)."""
        energy: bool | None = None
        for p, at in zip(self.out, self.made_in, strict=True):
            named = self.scopes[at][0]
            if p.targets or p.places or not any(x in named for x in _SCOPELESS):
                continue
            for nxt in (at + 1, at + 2):
                if nxt < len(self.scopes) and nxt not in self.made_in:
                    terms = self.scopes[nxt][1]
                    if terms.scoped():
                        p.targets, p.places = list(terms.targets), list(terms.places)
                        p.duration_days = p.duration_days or terms.duration
                        break
            else:
                if "moratorium" in named:
                    if energy is None:
                        energy = any(
                            _TARGET_OF[m.group().lower()] == "energy"
                            for m in _TARGETS.finditer(self.gloss.text)
                        )
                    if energy:
                        p.targets = ["energy"]

    def _sentence(self, sent: _Sentence) -> None:
        words = sent.words
        parties = [_party(w.english) for w in words]
        third = [
            p
            for k, p in enumerate(parties)
            if p is not None and p not in PARTIES_IN_CONFLICT and not _venue(words, k)
        ]
        self.thirds.append(third)
        self.scopes.append(("", Terms()))
        for k, w in enumerate(words):
            if _ATTACK.fullmatch(w.english):
                side = self._forces(words, parties, k, False)
                if side in PARTIES_IN_CONFLICT:
                    self.last_attacker = side
        if third:
            self.broker_seen = third[0]
        fm = _masked(Folded(sent.english))
        masked = fm.text
        noun = _search(PLEDGE_NOUN, fm) or _STRIKES_STOPPED.search(masked)
        # "Россия свое слово сдержала": keeping one's word is of the pledge named before
        ana = any(w.english.lower() in _ANAPHORA or w.english == _KEPT_WORD for w in words)
        # blame for an attack is no pledge claim unless a pledge or its breach is spoken of
        accusation = any(_ACCUSE.search(w.english) for w in words) and (
            self.last_terms is not None
            or ana
            or any(_NOUN_CUES.get(w.english) == "claimed_broken" for w in words)
            or any("violat" in w.english for w in words)
        )
        mirror = MIRROR.search(sent.english) if self.out else None
        # "вопреки заявлениям ..., Киев продолжает наносить удары": despite a pledge named before
        despite = self.last_terms is not None and _DESPITE.search(sent.english) is not None
        if noun is None and not (ana and self.last_terms) and not (accusation or mirror or despite):
            if self.last_terms is not None and self._after_start(sent, self.last_terms):
                # "починаючи з 25 березня Росія завдала багато ударів", "Россия продолжала бить
                # по энергетике и после этой даты": attacks told from the pledge's time on, after
                # it was named, are a claim that the side broke it
                self._breach(sent, parties, self.last_terms, set(), anyone=True)
            self._remember(words, parties)
            return
        terms = self._terms(sent, noun)
        if noun is not None:
            self.scopes[-1] = (noun.group().lower(), terms)
        if noun is None and self.last_terms is not None:
            terms = self.last_terms  # "the proposal", "the order": the pledge named before
        named = noun.group().lower() if noun is not None else ""
        if noun is not None and terms.empty() and self.last_terms and named.startswith("refrain"):
            # "Відтоді Київ утримується від таких ударів": refraining, with no scope of its
            # own, after a pledge was named, is refraining from what that pledge covers
            terms = self.last_terms
        if noun is not None and terms.empty() and self.last_terms and self._such(sent, noun):
            # "Київ на таке перемир'я готовий": "such a truce" is the one told before
            terms = self.last_terms
        if noun is not None and terms.empty() and self.last_terms and named == self.last_noun:
            # no article: "мораторий" again, with no terms of its own, is the one named before
            terms = self.last_terms
        if noun is not None:
            self.last_terms, self.last_noun = terms, named
            if terms.duration is not None:
                self.lengths.setdefault(tuple(sorted(terms.targets)), set()).add(terms.duration)
        skip = self._conditional(words)
        done: set[str] = set()
        first = len(self.out)  # the pledges this sentence makes start here
        mirror_verb = False  # the mirror promise has a verb of its own ("действовать зеркально")
        for k, w in enumerate(words):
            if k in skip or not w.english:
                continue
            found = self._cue(words, parties, k)
            if found is None:
                continue
            party, status = found
            if mirror is not None and status == "agreed" and _verb_of(sent, k, mirror):
                mirror_verb = True
                continue  # "Украина будет действовать зеркально": the mirror pledge, made below
            both = (
                party == _BOTH
                or BOTH.search(sent.english[: max(0, sent.offsets[k])])
                or (party not in PARTIES_IN_CONFLICT and self._sides_subject(words, k))
            )
            own = terms
            if both and not done:
                sides: tuple[str, ...] = PARTIES_IN_CONFLICT  # "обидві сторони погодилися"
            elif party in PARTIES_IN_CONFLICT and party not in done:
                sides = (party,)
                later = self._later_noun(sent, masked, k)
                if later is not None and 0 <= later.start() - sent.offsets[k] <= 40:
                    # "готова до перемир'я на 30 днів, ... у відповідь на оголошене Кремлем
                    # триденне перемир'я": a cue just before a pledge noun of its own takes
                    # that noun's terms
                    near = self._terms(sent, later, after=sent.offsets[k])
                    own = own if near.empty() else near
            elif (
                party in done
                and (later := self._later_noun(sent, masked, k)) is not None
                and not self._such(sent, later)
            ):
                # "отказался от трехдневного перемирия и потребовал прекращения огня на 30
                # дней": a second pledge of the same side, with the terms of its own noun
                sides, own = (party,), self._terms(sent, later, after=sent.offsets[k])
            elif (
                party in done
                and status in ("claimed_broken", "claimed_kept")
                and self.morph.tense(w.lower) != "infn"
            ):
                # "оголошене Путіним перемир'я російська армія порушила": the side that
                # announced it is then said to break (or keep) it
                for q in self.out[first:]:
                    if q.party == party and q.status == "agreed":
                        q.status = status
                        q.note("status", (w.start, w.end))
                continue
            else:
                continue
            for side in sides:
                done.add(side)
                p = ExtractedPledge(party=side, status=status)
                p.targets, p.places = list(own.targets), list(own.places)
                p.duration_days, p.start, p.end = own.duration, own.start, own.end
                if status != "proposed":
                    p.broker = third[0] if third else self.broker_seen
                p.note("status", (w.start, w.end))
                self.out.append(p)
                self.last_party = side
        if noun is not None or despite:
            # a side that only announced the pledge here can be said to break it in the same
            # breath ("від початку оголошеного Кремлем перемир'я російська армія здійснила")
            announced = {p.party for p in self.out[first:] if p.status == "agreed"}
            kept = {p.party for p in self.out[first:] if p.status != "agreed"}
            self._breach(sent, parties, terms, done - (announced - kept))
        if mirror is not None:
            self._mirror(words, parties, done, skip, first if mirror_verb else None)
        self._remember(words, parties)

    def _after_start(self, sent: _Sentence, terms: Terms) -> bool:
        """The sentence tells of a time from the pledge's start on ("since 25 March", "after
        this date", "continued"); not one from before it ("since 20:30 on 6 May" of a truce
        from 8 May)."""
        m = _SINCE.search(sent.english)
        if m is None:
            return False
        if terms.start is None:
            return True
        cues = find_dates(sent.english[m.end() : m.end() + 30], self.published, future_ok=True)
        return not any(c.value is not None and c.value < terms.start for c in cues)

    def _later_noun(self, sent: _Sentence, masked: str, k: int) -> re.Match[str] | None:
        """A pledge noun after the cue at k, when another pledge noun came before it."""
        at = sent.offsets[k]
        first = PLEDGE_NOUN.search(masked)
        if at < 0 or first is None or first.start() >= at:
            return None
        return PLEDGE_NOUN.search(masked, at)

    def _breach(
        self,
        sent: _Sentence,
        parties: list[str | None],
        terms: Terms,
        done: set[str],
        anyone: bool = False,
    ) -> None:
        """A side's forces attacking in a sentence that names the pledge: a claim that it broke
        it ("несмотря на перемирие, ВСУ атаковали ...", "російська армія здійснила 67 штурмів")."""
        words = sent.words
        before = _BEFORE.search(sent.english)
        for k, w in enumerate(words):
            if not _ATTACK.fullmatch(w.english) and not _continued_attacks(words, k):
                continue
            if w.english == "carried out" and not any(
                _ATTACK_NOUN.search(x.english) for x in words[k + 1 : k + 5]
            ):
                continue
            party = self._forces(
                words, parties, k, anyone or _DESPITE.search(sent.english) is not None
            )
            if party not in PARTIES_IN_CONFLICT or party in done:
                continue
            if before is not None and before.start() < max(0, sent.offsets[k]):
                continue  # "a day before the truce, Russia attacked": not a breach
            done.add(party)
            p = ExtractedPledge(party=party, status="claimed_broken", broker=self.broker_seen)
            p.targets, p.places = list(terms.targets), list(terms.places)
            p.duration_days, p.start, p.end = terms.duration, terms.start, terms.end
            p.note("status", (w.start, w.end))
            self.out.append(p)
        if _DESPITE.search(sent.english):
            self._despite_forces(sent, parties, terms, done)

    def _despite_forces(
        self, sent: _Sentence, parties: list[str | None], terms: Terms, done: set[str]
    ) -> None:
        """ "Попри оголошене Кремлем перемир'я, з 02:30 ворог скидає КАБи": after the clause
        that names the pledge, a side's forces told with their weapons (whose verb the gloss may
        not read) break it."""
        words = sent.words
        comma = next((k for k, w in enumerate(words) if w.english == ","), None)
        if comma is None:
            return
        for k in range(comma + 1, len(words)):
            party = parties[k]
            if party is None or not _FORCES.search(words[k].english):
                continue
            if party not in PARTIES_IN_CONFLICT or party in done:
                return
            rest = sent.english[max(0, sent.offsets[k]) :]
            if not _WEAPON_WORDS.search(rest):
                return
            done.add(party)
            p = ExtractedPledge(party=party, status="claimed_broken", broker=self.broker_seen)
            p.targets, p.places = list(terms.targets), list(terms.places)
            p.duration_days, p.start, p.end = terms.duration, terms.start, terms.end
            p.note("status", (words[k].start, words[k].end))
            self.out.append(p)
            return

    def _forces(
        self, words: list[Word], parties: list[str | None], k: int, despite: bool
    ) -> str | None:
        """The side whose armed forces are the subject of the attack verb at k (any side's
        name, when the sentence says the attack came despite the pledge)."""
        for j in range(k - 1, max(-1, k - 6), -1):
            if parties[j] is None or not self._subject_form(words, j):
                continue
            nxt = words[j + 1].english if j + 1 < k else ""
            if despite or _FORCES.search(words[j].english) or _FORCES.search(nxt):
                return parties[j]
            if self._weapons_counted(words, k):
                return parties[j]  # "Росія запустила 145 дронів": a side by its weapons
            return None
        return None

    def _such(self, sent: _Sentence, noun: re.Match[str]) -> bool:
        """The pledge noun is told as the one before: "таке перемир'я", "такої паузи",
        "цього мораторію" (a demonstrative just before it)."""
        at = next(
            (k for k, o in enumerate(sent.offsets) if o >= 0 and o >= noun.start()),
            len(sent.words),
        )
        return any(
            self.morph.lemma(x.lower) in _DEMONSTRATIVES for x in sent.words[max(0, at - 2) : at]
        )

    def _weapons_counted(self, words: list[Word], k: int) -> bool:
        """The attack verb at k is followed by a count of weapons ("запустила по Україні 145
        дронів"): the side named as its subject attacked with them."""
        seen_count = False
        for x in words[k + 1 : k + 6]:
            if x.kind == "num" or x.english.isdigit():
                seen_count = True
            elif seen_count and _WEAPONS_LAUNCHED.match(x.english):
                return True
            elif x.english in (".", ";", ":"):
                return False
        return False

    def _sides_subject(self, words: list[Word], k: int) -> bool:
        """ "стороны договорились": "the sides" in the nominative before the cue is both."""
        return any(
            x.english in ("side", "sides") and x.lower in _SIDES and self._nominative(x)
            for x in words[max(0, k - 4) : k]
        )

    def _remember(self, words: list[Word], parties: list[str | None]) -> None:
        """The side a later sentence's pronoun or missing subject stands for."""
        for k in range(len(words) - 1, -1, -1):
            if parties[k] in PARTIES_IN_CONFLICT and self._subject_form(words, k):
                self.last_party = parties[k]
                return

    def _mirror(
        self,
        words: list[Word],
        parties: list[str | None],
        done: set[str],
        skip: set[int],
        first: int | None,
    ) -> None:
        """ "Україна відповість дзеркально": the other side's last pledge, made by this one
        (the subject outside the conditional: "Якщо Росія ..., Україна діятиме дзеркально").
        A mirror promise told with a verb of its own beside an offer of the same side in one
        sentence ("будет действовать зеркально и предлагает продлить тишину на 30 дней") is a
        pledge of its own (`first`: where this sentence's pledges start; None otherwise)."""
        who = next(
            (
                p
                for k, p in enumerate(parties)
                if p and k not in skip and self._subject_form(words, k)
            ),
            None,
        )
        who = who or self.last_party
        made = self.out[len(self.out) if first is None else first :]
        offers = [q.status == "proposed" for q in made if q.party == who]
        if who not in PARTIES_IN_CONFLICT or (who in done and not (offers and all(offers))):
            return
        model = next((q for q in reversed(self.out) if q.party != who), None)
        if model is None:
            return
        p = ExtractedPledge(party=who or "", status="agreed", broker=model.broker)
        p.targets, p.places = list(model.targets), list(model.places)
        p.duration_days, p.start, p.end = model.duration_days, model.start, model.end
        if (p.start, p.end, p.duration_days) == (None, None, None):
            # "Путин объявил перемирие с 16:00 11 апреля ... Министру обороны поручено
            # прекратить боевые действия": the same pledge told again without its window;
            # the mirror takes the window told first
            same = [q for q in self.out if q.party == model.party and q.status == model.status]
            dated = next((q for q in reversed(same) if q.start or q.end), None)
            if dated is not None and not dated.targets and not model.targets:
                p.duration_days, p.start, p.end = dated.duration_days, dated.start, dated.end
        self.out.append(p)

    def _cue(self, words: list[Word], parties: list[str | None], k: int) -> tuple[str, str] | None:
        """(party, status) the word at k commits, or None."""
        w = words[k]
        if _ACCUSE.search(w.english):
            # the accused is the object: the first party after the verb, not after a preposition
            for j in range(k + 1, len(words)):
                if parties[j] is not None and not self._preposition(words[j - 1]):
                    return parties[j] or "", "claimed_broken"
            return "", "claimed_broken"  # no one named: "стороны обменялись обвинениями"
        if w.english in _DISMISSALS:
            # "назвав перемир'я маніпуляцією", "лицемірство хай лишить собі": the speaker's
            # side turns the pledge down
            speech = [j for j in range(k) if words[j].english in _SPEECH]
            party = self._subject(words, parties, speech[-1]) if speech else None
            return (party, "rejected") if party is not None else None
        if w.english in _EXPIRY:
            # "мораторий истек, заявил Песков": a pledge that ran its course was in force; it
            # is the speaker's side's own, unless the text says whose
            party = (
                self._named_subject(words, parties, k)
                or self._speaker(words, parties)
                or self._subject(words, parties, k)
            )
            return (party, "agreed") if party is not None else None
        if w.english in _IN_FORCE:
            # "договоренности вступят в силу", "Киев настаивает, что перемирие действует": in
            # force by the word of a side the sentence names
            party = self._named_subject(words, parties, k) or self._speaker(words, parties)
            return (party, "agreed") if party in PARTIES_IN_CONFLICT else None
        status = _status(w.english)
        grammar = self.morph.grammar(w.lower)
        pos = grammar[0][0] if grammar else ""
        tense = self.morph.tense(w.lower) if pos in ("VERB", "INFN") else ""
        if tense == "infn":
            pos = "INFN"  # Ukrainian tags the infinitive as a form of VERB
        if pos == "ADJF" and w.english in _PARTICIPLE_CUES:
            pos = "PRTF"  # Ukrainian reads "оголошене", "узгоджене" as adjectives
        if w.english == _CEASE and pos != "INFN":
            status = "agreed"  # "Россия прекратила огонь": the side ceasing fire (not "to")
        elif w.english == _STOP and pos == "VERB" and tense in ("pres", "futr"):
            # "российская сторона прекращает все боевые действия", "війська припинять бойові
            # дії": a side that stops (or will stop) fighting commits to it
            status = "agreed"
        elif _KEEPING.match(w.english) and pos == "VERB" and tense == "futr":
            # "Україна утримуватиметься від ударів ... протягом тижня", "дзеркально
            # дотримуватиметься паузи": keeping or refraining told in the future is a promise
            status = "agreed"
        elif (
            self.morph.lang == "uk"
            and w.english == "promised"
            and pos == "VERB"
            and self.morph.past(w.lower)
        ):
            # "Кремль пообіцяв зупинити удари", "Путін пообіцяв Трампу": a promise given is a
            # commitment made (one still asked for is an offer: "обіцяє")
            status = "agreed"
        elif w.english == "kept" and pos == "VERB" and tense == "past":
            status = "claimed_kept"  # "свою частину тиші дотримала": it kept it, a claim
        elif (
            w.english == "insisted"
            and words[k + 1 : k + 2]
            and words[k + 1].english == "on"
            and any(_NOUNS.search(x.english) for x in words[k + 2 : k + 5])
        ):
            # "Київ наполягає на повному припиненні вогню": its demand (not "настаивает, что
            # прекращение огня действует", a claim that it is in force)
            status = "proposed"
        elif w.english.startswith("refrain") and pos == "VERB" and tense in ("pres", "past"):
            # "Україна так само утримується від ударів": refraining now is keeping it; but
            # "предложение о том, чтобы стороны воздерживались" is what should be done
            if any(x.lower in _PURPOSE for x in words[max(0, k - 6) : k]):
                return None
            status = "claimed_kept"
        elif w.english in _VIOLATION_NOUNS and k > 0 and words[k - 1].lower in _ANY:
            return None  # "на любые нарушения ... ответ": a violation supposed, none claimed
        elif w.english == "ignored":
            status = "claimed_broken"  # "ВСУ продолжают обстрелы, игнорируя перемирие"
        elif w.english == "ready":
            # "готова продовжити" offers; "готовий прийняти" accepts (the next cue says it)
            nxt = next((_status(x.english) for x in words[k + 1 : k + 3] if x.english), None)
            status = None if nxt == "agreed" else "proposed"
            if nxt == "claimed_kept" and not any(x.lower in _CONDITIONAL for x in words[k:]):
                status = "agreed"  # "готова дотримуватися": readiness to keep it, unasked
        if w.english in _WILL_NOT and status in (None, "agreed") and self._on_condition(words, k):
            # "Київ не будет атаковать ..., если Москва откажется от ударов": a mirror offer
            status = "proposed"
        if status is None:
            return None
        # "опровергло заявления, что российские войска нарушают перемирие": a denied breach
        negated = (k > 0 and words[k - 1].lower in _NEGATION and words[k - 1].english in _BARE) or (
            status == "claimed_broken" and any(x.english in _DENIALS for x in words[:k])
        )
        if (
            negated
            and w.english == "withdrew"
            and any(x.english in _OFFERS for x in words[k + 1 : k + 4])
        ):
            # "Україна не відкликає своєї пропозиції": an offer not withdrawn still stands
            return self._subject(words, parties, k) or "", "proposed"
        if negated:
            turned = _NEGATED.get(status)
            if turned is None:
                return None
            status = turned
        if pos == "INFN" and any(
            self.morph.lemma(x.lower) in _MODALS for x in words[max(0, k - 3) : k]
        ):
            return None  # "Росія має його прийняти": what Russia must do, not what it does
        if any(x.lower in _LET for x in words[max(0, k - 3) : k]):
            return None  # "пусть прекратит огонь": a demand on the other side
        if w.english in _ANNOUNCE and any(_NOUN_CUES.get(x.english) for x in words[k + 1 : k + 4]):
            return None  # "объявила о выходе": the noun after says what was announced
        if w.english in _SAYING and self._says_that(words, k):
            return None  # "оголосило, що Москва призупиняє участь": what it says commits
        if pos == "PRTF" and grammar[0][0] == "PRTF" and not self.morph.passive(w.lower):
            # "переговорщиков, предложивших перемирие": the one the participle describes
            for j in range(k - 1, max(-1, k - 4), -1):
                if parties[j] is not None:
                    return parties[j] or "", status
        if pos == "PRTF":
            # "объявленное Путиным перемирие" names who announced it; "объявленное
            # перемирие" alone commits no one
            agent = self._agent(words, parties, k)
            return (agent, status) if agent is not None else None
        if pos == "NOUN" and w.english != "ready":  # "готові" read as a noun is still ready
            party = self._owner(words, parties, k)
            if party is None and status == "claimed_broken" and w.english in _VIOLATION_NOUNS:
                # "Це вже не перше порушення домовленості", "у Києві розцінили удар як
                # порушення": a violation no side is named for, with no side its subject, is
                # the side whose forces were last told attacking
                subjects = [
                    j
                    for j, p in enumerate(parties)
                    if p in PARTIES_IN_CONFLICT and self._subject_form(words, j)
                ]
                if not subjects:
                    return (self.last_attacker, status) if self.last_attacker else None
            if party is None and status != "claimed_broken":
                # "Россия объявила о выходе": the subject withdraws; but who reports violations
                # ("Україна зафіксувала порушення") is not who commits them
                party = self._subject(words, parties, k)
        else:
            party = self._subject(words, parties, k)
        return party or "", status

    def _agent(self, words: list[Word], parties: list[str | None], k: int) -> str | None:
        """Who the participle at k names as its doer, in the instrumental after it ("объявленное
        Путиным"); two doers joined ("узгоджене Києвом і Москвою") are both sides, or the side
        at war when the other is a third party ("достигнутую Путиным и Трампом")."""
        found: list[str] = []
        for j in range(k + 1, min(len(words), k + 7)):
            if parties[j] is not None and self._instrumental(words[j]):
                found.append(parties[j] or "")
            elif (words[j].lower not in _AND) if found else (words[j].kind != "word"):
                break
        at_war = [p for p in found if p in PARTIES_IN_CONFLICT]
        if set(at_war) == set(PARTIES_IN_CONFLICT):
            return _BOTH
        return at_war[0] if at_war else (found[0] if found else None)

    def _on_condition(self, words: list[Word], k: int) -> bool:
        """A conditional clause follows the word at k in its sentence ("..., якщо Росія")."""
        return any(x.lower in _CONDITIONAL for x in words[k + 1 :])

    def _says_that(self, words: list[Word], k: int) -> bool:
        """The verb of saying at k opens a clause ("оголосило, що ...", "заявили, что") that
        holds a cue of its own, which then says what was committed."""
        j = k + 1
        if j < len(words) and words[j].english == ",":
            j += 1
        if j >= len(words) or words[j].english != "that":
            return False
        return any(
            _status(x.english) is not None or x.english in (_STOP, *_IN_FORCE)
            for x in words[j + 1 :]
        )

    def _speaker(self, words: list[Word], parties: list[str | None]) -> str | None:
        """The side of who says the sentence: the party after its verb of saying ("заявил
        пресс-секретарь Кремля"), else that verb's subject."""
        for k, w in enumerate(words):
            if w.english not in _SPEECH and w.english not in _ANNOUNCE:
                continue
            for j in range(k + 1, min(len(words), k + 6)):
                if parties[j] in PARTIES_IN_CONFLICT:
                    return parties[j]
                if words[j].english in (",", ";", ".", ":"):
                    break
            party = self._subject(words, parties, k)
            if party in PARTIES_IN_CONFLICT:
                return party
        return None

    def _owner(self, words: list[Word], parties: list[str | None], k: int) -> str | None:
        """Whose the noun at k is: a genitive party after it or "з боку/со стороны" + party,
        else a party adjective before it ("українська пропозиція")."""
        for j in range(k + 1, min(len(words), k + 5)):
            if parties[j] is not None:
                return parties[j]
            if words[j].kind != "word":
                break
        if k > 0 and parties[k - 1] is not None:
            return parties[k - 1]
        return None

    def _subject(self, words: list[Word], parties: list[str | None], k: int) -> str | None:
        """The party whose verb the word at k is (its agent, for a passive participle); failing
        one named in the sentence, "в Кремле" ("in the Kremlin they said"), then the last."""
        party = self._named_subject(words, parties, k)
        if party is not None:
            return party
        for j in range(len(words)):
            if parties[j] is not None and j > 0 and words[j - 1].lower in ("в", "у", "во"):
                return parties[j]  # "у Києві наполягають", "в Кремле заявили"
        return self.last_party

    def _named_subject(self, words: list[Word], parties: list[str | None], k: int) -> str | None:
        """The subject of the word at k named in its sentence, or None."""
        if self.morph.grammar(words[k].lower)[:1] in ((("PRTS", ""),), (("PRTF", "nomn"),)):
            for j in range(k + 1, min(len(words), k + 5)):
                if parties[j] is not None and self._instrumental(words[j]):
                    return parties[j]  # "было нарушено украинской стороной"
        j = k + 1
        if (
            j + 2 < len(words)
            and words[j + 1].lower in _AND
            and {parties[j], parties[j + 2]} == set(PARTIES_IN_CONFLICT)
            and self._subject_form(words, j)
        ):
            return _BOTH  # "удары по которым прекращают Россия и Украина": both, just after
        cond = self._conditional(words)
        for j in range(k - 1, -1, -1):
            if j in cond and k not in cond:
                continue  # "Україна ..., а якщо Росія готова, запропонувала": not Russia
            if parties[j] is not None and self._subject_form(words, j):
                pair = parties[j - 2] if j >= 2 and words[j - 1].lower in _AND else None
                if pair is not None and {pair, parties[j]} == set(PARTIES_IN_CONFLICT):
                    return _BOTH  # "Росія та Україна домовилися"
                if pair in PARTIES_IN_CONFLICT and parties[j] not in PARTIES_IN_CONFLICT:
                    return pair  # "Россия и США договорились": the side at war commits
                return parties[j]
        for j in range(k + 1, len(words)):
            if words[j].english in (",", ";", ":", ".") or words[j].lower in _CONDITIONAL:
                break  # "готові не бити ..., якщо Москва": the subject of the condition
            if parties[j] is not None and self._subject_form(words, j):
                pair = parties[j + 2] if j + 2 < len(words) and words[j + 1].lower in _AND else None
                if pair is not None and {pair, parties[j]} == set(PARTIES_IN_CONFLICT):
                    return _BOTH  # "удары по которым прекращают Россия и Украина"
                if parties[j] not in PARTIES_IN_CONFLICT and pair in PARTIES_IN_CONFLICT:
                    return pair  # "домовилися президенти США і Росії": the side at war commits
                return parties[j]
        return None

    def _subject_form(self, words: list[Word], j: int) -> bool:
        """The party word at j can be a subject: nominative and not after a preposition, or a
        genitive after a nominative head noun ("президент России")."""
        prev = words[j - 1] if j > 0 else None
        if (
            prev is not None
            and prev.kind == "word"
            and self._preposition(prev)
            and not _TIME_PHRASE.match(prev.english)
        ):
            return False  # (not "В ночь на среду российские дроны": a time, read whole)
        if prev is not None and _OBJECT_OF.search(prev.english):
            return False  # "не атаковать Киев": the one spared, not the one who spares
        if (
            prev is not None
            and prev.kind == "word"
            and _party(prev.english) is None
            and prev.english not in _CALENDAR
        ):
            head = self.morph.grammar(prev.lower)
            own = self.morph.grammar(words[j].lower)
            if (
                head
                and all(pos == "NOUN" and case != "nomn" for pos, case in head)
                and any(pos == "NOUN" and case == "gent" for pos, case in own)
                # "У Джидді українська делегація": an adjective in the nominative agrees with
                # the noun after it, whatever noun stands before
                and ("ADJF", "nomn") not in own
            ):
                return False  # "президента США": the party names whose the noun is
        if self._nominative(words[j]):
            return True
        if prev is None or prev.kind != "word" or _party(prev.english) is not None:
            return False
        cases = {c for _, c in self.morph.grammar(words[j].lower)}
        head = self.morph.grammar(prev.lower)
        return "gent" in cases and bool(head) and head[0] == ("NOUN", "nomn")

    def _instrumental(self, w: Word) -> bool:
        return w.kind == "word" and any(c == "ablt" for _, c in self.morph.grammar(w.lower))

    def _nominative(self, w: Word) -> bool:
        if w.kind != "word":
            return False
        grammar = self.morph.grammar(w.lower)
        return not grammar or any(c == "nomn" for _, c in grammar) or all(not c for _, c in grammar)

    def _preposition(self, w: Word) -> bool:
        grammar = self.morph.grammar(w.lower)
        return bool(grammar) and grammar[0][0] == "PREP"

    def _conditional(self, words: list[Word]) -> set[int]:
        """Indexes of the words inside conditional clauses ("якщо ... ,")."""
        out: set[int] = set()
        inside = False
        for k, w in enumerate(words):
            if w.lower in _CONDITIONAL:
                inside = True
            elif inside and w.english in (",", ";", ":", "-"):
                inside = False
            if inside:
                out.add(k)
        return out

    def _places(self, sent: _Sentence, lo: int, hi: int) -> list[str]:
        """Places the pledge's clause (lo..hi of its English) spares: a sea named anywhere in it
        ("безопасное судоходство в Черном море"), a town or region after what is not to be
        struck ("воздержаться от ударов по Киеву")."""
        out: list[str] = []
        words = sent.words
        listed = -1  # the index of the last place taken, which a list goes on from
        for k, (w, at) in enumerate(zip(words, sent.offsets, strict=True)):
            if at < lo or at >= hi or not w.english[:1].isupper():
                continue
            sea = next((x for x in _SEAS if x in w.english), None)  # "Black Sea agreements"
            # "на київському та чернігівському напрямках": a place joined to one taken
            goes_on = listed >= 0 and k - listed == 2 and words[k - 1].lower in (*_AND, ",")
            if (
                sea is None
                and not goes_on
                and not _SCOPE.search(sent.english[max(0, at - 25) : at])
            ):
                continue
            if k + 1 < len(words) and _party(words[k + 1].english) is not None:
                continue  # "Володимир Зеленський": a first name, not the town
            place = None if sea else default_gazetteer().resolve(w.english)
            if sea is None and (place is None or place.kind == "country"):
                continue  # "на время выборов на Украине": the whole country is no scope
            name = sea or w.english
            listed = k
            if name not in out:
                out.append(name)
        return out

    def _terms(self, sent: _Sentence, noun: re.Match[str] | None, after: int = 0) -> Terms:
        """The terms stated near the pledge noun (none before `after`, where the cue of a
        second pledge of the sentence stands): target kinds, length, dates."""
        t = Terms()
        if noun is None:
            return t
        text = sent.english
        window = text[max(after, noun.start() - 30) : noun.end() + 70]
        if GRAIN_DEAL.search(text):
            t.targets, t.places = ["transport", "port"], ["Black Sea"]
        else:
            # what the pledge spares: "(strikes) on X" after the noun, or "X" just before it
            # ("енергетичне перемир'я"); not people ("наказав військовим")
            lo = max(after, noun.start() - 30)
            hi = _clause_end(text, noun.end())
            for m in _TARGETS.finditer(text, lo, hi):
                cat = _TARGET_OF[m.group().lower()]
                if cat in t.targets:
                    continue
                lead = text[max(0, m.start() - 25) : m.start()]
                named = _NOUNS.match(noun.group()) and 0 <= noun.start() - m.end() <= 2
                if _SCOPE.search(lead) or named:
                    t.targets.append(cat)
            if text[hi : hi + 1] == ":" and _LIST_LEAD.search(text, lo, hi):
                # "удари по таких об'єктах: генерація, нафтогазова інфраструктура, ...": the
                # list after the colon is what the strikes spare
                end = min(
                    (x for x in (text.find(";", hi), text.find(".", hi)) if x > 0),
                    default=len(text),
                )
                for m in _TARGETS.finditer(text, hi + 1, end):
                    if (cat := _TARGET_OF[m.group().lower()]) not in t.targets:
                        t.targets.append(cat)
            t.places = self._places(sent, lo, hi)
        # the length near the noun, else anywhere in the sentence ("продовжити її ..., а
        # тридцять днів можуть дати миру шанс")
        t.duration = _duration(window) or _duration(text[after:])
        for cue in find_dates(window, self.published, future_ok=True):
            if cue.value is None or cue.kind in ("report", "overnight", "today", "yesterday"):
                continue
            before = window[max(0, cue.start - 30) : cue.start].lower()
            if re.search(r"\b(?:until|till|through|to)\b[^,]*$", before):
                t.end = cue.value
                if cue.kind == "weekday" and t.start is not None and t.end < t.start:
                    # "с 18:00 субботы до полуночи понедельника": the Monday after the start
                    t.end += timedelta(days=7)
            elif t.start is None:
                t.start = cue.value
        if t.duration is None and sent.words:
            source = self.gloss.source[sent.words[0].start : sent.words[-1].end]
            t.duration = _days_through(source, self.months, self.morph.lemma)
            if t.duration is None and _WEEK_NOT.search(source):
                t.duration = 7  # "неделю не наносила ударов": a week held back
            if t.duration is None and t.start is not None and t.end is not None:
                t.duration = _whole_days(source, t.start, t.end)
        return t


#: A pledge that starts at midnight ("з півночі 8 травня", "с 00:00") and ends at one ("до
#: півночі 11 травня": the night into the 11th; "до 24:00 10 травня": the end of the 10th).
_FROM_MIDNIGHT = re.compile(r"(?<!\w)(?:з|із|від|с|со)\s+(?:півночі|полуночи|00:00)(?!\w)", re.I)
_TO_MIDNIGHT = re.compile(r"(?<!\w)до\s+(?P<at>півночі|полуночи|00:00|24:00)(?!\w)", re.I)


def _whole_days(source: str, start: date, end: date) -> int | None:
    """The length in days of a pledge from one midnight to another, else None (a truce from
    18:00 to the end of Sunday is some hours, not whole days)."""
    to = _TO_MIDNIGHT.search(source)
    if _FROM_MIDNIGHT.search(source) is None or to is None:
        return None
    days = (end - start).days + (1 if to.group("at") == "24:00" else 0)
    return days if 0 < days <= 366 else None


def _clause_end(text: str, start: int) -> int:
    """Where the clause from `start` ends: at ";" or ":", or at a comma before another
    party's clause ("погодився на паузу, Москва відповіла ракетою по порту")."""
    for m in _CLAUSE_BREAK.finditer(text, start):
        after = text[m.end() :].split(maxsplit=1)
        if m.group() != "," or (after and _party(after[0].strip(",.")) is not None):
            return m.start()
    return len(text)


#: "неделю не наносила ударов", "тиждень, «від неділі до неділі», не бив": a week as the
#: time a side held back (the accusative of time before the negated verb).
_WEEK_NOT = re.compile(r"(?<!\w)(?:неделю|тиждень)(?:,\s*«[^»]{1,40}»,)?\s+не\s", re.I)
#: "продовжити на 30 днів після Великодня": "на" + days is a length whatever follows (English
#: "30 days after" would be a date).
_FOR_DAYS = re.compile(rf"\bon\s+(?:at\s+least\s+)?(?P<n>{WORD_NUM})[- ]days?\b", re.I)
_DAYS_SINCE = re.compile(r"\b(days?)\s+since\b", re.I)
#: "місячне перемир'я", "на месяц": a month, which the contract counts as 30 days.
_MONTH_LONG = re.compile(r"\bmonth-long\b|\bfor\s+a\s+month\b", re.I)
#: "з 8 по 10 травня", "с 8 мая по 10 мая": days named from the first through the last ("по"
#: counts the last day in), in the source words.
_THROUGH = re.compile(
    r"(?<!\w)(?:з|із|с)\s+(?P<a>\d{1,2})(?:\s+(?P<m>[а-яіїєґ']+))?\s+по\s+(?P<b>\d{1,2})\s+"
    r"(?P<n>[а-яіїєґ']+)",
    re.I,
)


def _days_through(source: str, months: dict[str, int], lemma: Callable[[str], str]) -> int | None:
    """The days "з 8 по 10 травня" names, counted inclusively (3), else None."""
    m = _THROUGH.search(source)
    if m is None:
        return None
    month = months.get(lemma(m.group("n").lower()))
    first = months.get(lemma(m.group("m").lower())) if m.group("m") else month
    if month is None or first != month:
        return None
    days = int(m.group("b")) - int(m.group("a")) + 1
    return days if 1 < days <= 31 else None


def _duration(text: str) -> int | None:
    """A pledge's length in days from its English ("30-day", "72 hours", "a week")."""
    # "на 30 дней начиная с 12 мая" glosses "30 days since 12 May": a length, then its start
    ft = Folded(text)
    if _holds(_DAYS_SINCE, ft):
        ft = Folded(_DAYS_SINCE.sub(r"\1 from", text))
    if _holds(DAY_RANGE, ft):
        return None
    m = _search(DAYS, ft) or _search(_FOR_DAYS, ft)
    if m:
        return word_value(m.group("n"))
    m = _search(HOURS, ft)
    if m:
        h = word_value(m.group("n"))
        return h // 24 if h and h % 24 == 0 else None
    if _holds(WEEK, ft):
        return 7
    return 30 if _holds(_MONTH_LONG, ft) else None


def _holds(pat: re.Pattern[str], ft: Folded) -> bool:
    """`pat` matches in the text, by the folded search (`fold.Folded`), which finds a match
    exactly where `pat` does, faster: a pattern of many alternatives tries only those whose
    words the text holds (a pattern it cannot run, not lowercase, is run as it is)."""
    try:
        return ft.search(pat) is not None
    except ValueError:
        return pat.search(ft.text) is not None


def _search(pat: re.Pattern[str], text: str | Folded) -> re.Match[str] | None:
    """`pat.search(text)`, its own match (groups as written), run only where `_holds`."""
    ft = text if isinstance(text, Folded) else Folded(text)
    return pat.search(ft.text) if _holds(pat, ft) else None


def _masked(english: Folded) -> Folded:
    """The English with what is no pledge ("a possible ceasefire") masked by "#"s."""
    if not _holds(NOT_A_PLEDGE, english):
        return english  # nothing to mask: the same text, read for its words once
    return Folded(NOT_A_PLEDGE.sub(lambda m: "#" * len(m.group(0)), english.text))


@lru_cache(maxsize=8192)
def _status(english: str) -> str | None:
    """The status a word's English is a cue of, or None (asked of every word read: the same
    few hundred glosses, text after text)."""
    for status, pattern in STATUS_CUES:
        if pattern.search(english):
            return status
    return _NOUN_CUES.get(english)


@lru_cache(maxsize=8192)
def _party(english: str) -> str | None:
    """The party a word's English names ("Kremlin" -> "RU", "Ukrainian forces" -> "UA")."""
    if not english or not english[:1].isalpha():
        return None
    lex = lexicon()
    english = english.removeprefix("the ")  # "the White House"
    whole = lex.party_of(english)
    if whole is not None:
        return whole
    for part in english.split():
        code = lex.party_of(part.removesuffix("'s").removesuffix("’s"))
        if code is not None:
            return code
    return None


#: Cities where talks are held: "переговори в Стамбулі" name where, not who brokered.
_VENUE_CITIES = frozenset({"Istanbul", "Ankara", "Abu Dhabi", "Berlin", "Paris", "London"})
_IN = frozenset({"в", "у", "во"})


def _venue(words: list[Word], k: int) -> bool:
    """The party word at k is a city named as where something happens ("в Абу-Дабі")."""
    return k > 0 and words[k].english in _VENUE_CITIES and words[k - 1].lower in _IN


def _refraining(words: list[Word]) -> list[Word]:
    """ "отказ на 30 дней от ударов", "відмова від атак": a refusal *from strikes* is refraining
    from them (a pledge noun), not the refusal of a pledge."""
    out = list(words)
    for k, w in enumerate(words):
        if w.english != "refusal":
            continue
        after = [x.english for x in words[k + 1 : k + 7] if x.english]
        for a, b in pairwise(after):
            if a == "from" and _ATTACK_NOUN.match(b):
                out[k] = w._replace(english="refrain")
                break
    return out


def _headline(sentences: list[_Sentence], source: str) -> bool:
    """The first sentence is a headline: set off by a line break, with no full stop."""
    if len(sentences) < 2 or not sentences[0].words or not sentences[1].words:
        return False
    last = sentences[0].words[-1]
    return last.english != "." and "\n" in source[last.end : sentences[1].words[0].start]


def _sentences(gloss: Gloss) -> list[_Sentence]:
    """The gloss's words cut into sentences (at . ! ? and line breaks)."""
    out: list[_Sentence] = []
    current: list[Word] = []
    source = gloss.source
    last_end = 0
    for w in _refraining(gloss.words):
        if current and source.find("\n", last_end, w.start) >= 0:
            out.append(_join(current, source))
            current = []
        current.append(w)
        last_end = w.end
        if w.english in (".", "!", "?"):
            out.append(_join(current, source))
            current = []
    if current:
        out.append(_join(current, source))
    return out


def _join(words: list[Word], source: str) -> _Sentence:
    """The sentence's English, spaced as the source is ("30-денне" -> "30-day")."""
    parts: list[str] = []
    offsets: list[int] = []
    n = 0
    last = -1
    for w in words:
        if not w.english:
            offsets.append(-1)
            continue
        if parts and (w.start != last or (w.english[:1].isalnum() and parts[-1][-1:].isalnum())):
            parts.append(" ")
            n += 1
        offsets.append(n)
        parts.append(w.english)
        n += len(w.english)
        last = w.end
    return _Sentence(words, "".join(parts), offsets)


def read_pledges(gloss: Gloss, morph: Morph, published: date) -> list[ExtractedPledge]:
    """Every pledge, offer or refusal in a Ukrainian or Russian text, from its gloss."""
    return _Reader(gloss, morph, published).read()
