"""Assemble strikes from clauses: one frame per attacker and night or day, facts attached."""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from trucewatch.extract.blame import offers_cause, sides_told
from trucewatch.extract.clauses import ABROAD, NEIGHBOUR_NAMED, Clause, classify, split_clauses
from trucewatch.extract.counts import Count, read_counts
from trucewatch.extract.dates import (
    MONTHS,
    REPORT_KINDS,
    DateCue,
    find_dates,
    shift,
    year_anchors,
)
from trucewatch.extract.fold import fold_of
from trucewatch.extract.lexicon import PlaceRef, lexicon, place_index
from trucewatch.extract.numbers import Qty
from trucewatch.extract.ordinals import ordinal_tolls
from trucewatch.extract.places import PlaceHit, officials_region, places_hit, targets_named
from trucewatch.extract.results import ExtractedStrike
from trucewatch.extract.singles import ONE, Singles
from trucewatch.extract.tokens import doc_tokens
from trucewatch.extract.weapons import weapons_named
from trucewatch.model import WEAPON_CLASSES

__all__ = ["extract_strikes"]

_NOBODY = r"\b(?:nobody|no\s+one|no-one)\s+(?:was|were|had\s+been|has\s+been)\s+"
# No casualties at all, or no deaths only: "no casualties", "no injuries" (as the glossed
# "пострадавших нет" reads too) are 0 killed and 0 injured; "no deaths" only 0 killed ("some
# injuries but no deaths"). "Nobody was hurt there" speaks of one place, not of the attack.
ZERO_CASUALTIES = re.compile(
    rf"(?:\bno\s+casualties\b|{_NOBODY}(?:killed\s+or\s+)?(?:hurt|injured|wounded)\b|"
    r"\bno\s+injuries\b|\bwithout\s+(?:causing\s+)?(?:any\s+)?casualties\b|"
    r"\bno\s+damage\s+or\s+casualties\b)(?!\s+there\b)",
    re.I,
)
ZERO_KILLED = re.compile(
    rf"(?:{_NOBODY}killed\b|\bno\s+(?:deaths|fatalities)\b|\bno\s+one\s+died\b)(?!\s+there\b)",
    re.I,
)
TOLL_UPDATE = re.compile(r"\b(?:toll|number\s+of\s+(?:people\s+)?(?:killed|dead))\b", re.I)
# One attack told as an event, with no figures: "A large-scale attack struck the country".
EVENT = re.compile(
    r"\b(?:a|an|another|the)\s+(?:[\w-]+\s+){0,2}?(?:attack|strike|barrage|raid|bombardment|"
    r"assault|onslaught)\s+(?:\w+\s+){0,2}?(?:struck|hit|targeted|pounded|hammered|rocked|battered)\b",
    re.I,
)
# A mass attack with no time given is the night before the story ("A massive attack struck").
MASSIVE = re.compile(
    r"\b(?:large-scale|massive|massed|combined|mass)\s+(?:[\w-]+\s+)?"
    r"(?:attacks?|strikes?|barrages?|assaults?|bombardments?)\b",
    re.I,
)
# A truce named as the time of an attack, not pledged: "bombing Sumy region since the first
# hours of the ceasefire", "shelled Kherson despite the Easter truce".
IN_TRUCE = re.compile(
    r"\b(?:since|during|despite|amid|throughout|in\s+violation\s+of|violating|breaking|into)\s+"
    r"(?:the\s+|a\s+|its\s+|their\s+|moscow's\s+|russia's\s+|putin's\s+)?(?:[\w'-]+\s+){0,6}?"
    r"(?:ceasefire|cease-fire|truce)\b",
    re.I,
)
# A later casualty figure for the attack already told, not a new attack: "the death toll has
# risen to 17", "bringing the number of dead to 17", "another injured woman died".
TOLL_RISE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:people\s+)?(?:dead|killed|victims|injured|wounded))\b"
    r"[^.;]{0,40}?\b(?:rose|risen|rises|climbed|increased|reached|grew|stands|jumped)\b|"
    r"\bbringing\s+the\s+(?:death\s+)?(?:toll|number\s+of\s+(?:dead|killed|victims))\b|"
    r"\b(?:later\s+)?died\s+(?:of\s+(?:his|her|their)\s+(?:injuries|wounds)|in\s+hospital)\b",
    re.I,
)
# The side blamed for an attack denies it: "Russia's defence ministry denied involvement".
DISOWNED = re.compile(
    r"\bden(?:y|ies|ied|ying)\s+(?:any\s+)?(?:involvement|responsibility)\b|"
    r"\bhad\s+no\s+firing\s+missions\b|"
    r"\b(?:carried\s+out|conducted)\s+no\s+(?:combat\s+operations|strikes|attacks|shelling)\b|"
    r"\bden(?:y|ies|ied|ying)\s+(?:that\s+)?(?:it|its\s+(?:forces|troops|army))\s+(?:had\s+)?"
    r"(?:struck|hit|attacked|fired|shelled|carried\s+out)\b",
    re.I,
)
_DENIER = re.compile(
    r"\b(?P<RU>russia|russian|russia's|moscow|kremlin)\b|\b(?P<UA>ukraine|ukrainian|ukraine's|kyiv|kiev)\b",
    re.I,
)
# A downing figure told after another, in its own sentence, that adds to it.
DOWN_ADDED = re.compile(
    r"\b(?:another|a\s+further|further)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)|"
    r"\blocationally\b|\blost\s+(?:in\s+flight|on\s+the\s+radar)\b",
    re.I,
)
# A casualty figure told as an earlier one, which the attack's latest toll replaces: "the toll
# had climbed from the seven dead reported earlier", "initially officials counted 20 injured".
OLD_FIGURE = re.compile(
    r"\b(?:initially|initial\s+(?:reports?|figures?|counts?|tolls?)|"
    r"first\s+(?:reports?|figures?|counts?|tolls?)|"
    r"earlier\s+(?:reports?|figures?|counts?|tolls?|tally|versions?)|an\s+earlier\b|"
    r"reported\s+earlier|"
    r"previously|had\s+(?:earlier\s+|initially\s+)?put\b)",
    re.I,
)
# A side's own defence ministry or general staff telling what its strike did: the attacker's
# claim, which the victims' toll replaces ("Russia's defence ministry said the missiles killed
# 60 servicemen" beside "Ukrainian officials say they killed 34 civilians").
_OWN_CLAIM = re.compile(
    r"\b(?:(?P<RU>russia's|russian|moscow's)|(?P<UA>ukraine's|ukrainian|kyiv's))\s+"
    r"(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|general\s+staff|military|army)\b",
    re.I,
)
_COMBATANTS = re.compile(
    r"\b(?:servicemen|soldiers|troops|militants|fighters|mercenaries|personnel|officers)\b", re.I
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|an?\s+)?$", re.I)
# More weapons of the night told after its first count: "Russian forces also launched 35 S-300
# missiles", "it also fired seven ballistic missiles".
ALSO_LAUNCHED = re.compile(
    r"\balso\s+(?:launched|fired|sent|used|struck\s+with|attacked\s+with)\b", re.I
)
DOWN_TOTAL = re.compile(r"\b(?:in\s+total|in\s+all|altogether|a\s+total\s+of|overall)\b", re.I)
DAYTIME = re.compile(r"\b(?:morning|afternoon|daytime|midday|noon|evening|day)\b", re.I)
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
# A time frame set in the past without a day ("In March, ...", "In 1999"): no default date.
PAST_FRAME = re.compile(
    rf"\b(?:in|during|back\s+in)\s+(?:late\s+|early\s+|mid-)?(?P<mon>{_MONTH_NAMES})\b"
    rf"(?!\s+\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?|\bin\s+(?P<only>(?:19|20)\d\d)\b|"
    r"\blast\s+(?:year|spring|summer|autumn|winter)\b",
    re.I,
)
# Words that set what follows (in the sentence, or in the next) before the story's attack:
# "The onslaught came after Ukraine confirmed ...", "a response to ... strikes on Taganrog",
# "He recently explained why ...". An attack told there without a day has no date.
BACKGROUND = re.compile(
    r"\b(?:came|comes|follows|followed)\s+(?:(?:days?|hours?|weeks?|just|only)\s+)*after\b|"
    r"\b(?:response|retaliation|reply|revenge)\s+(?:to|for)\b|\brecently\b",
    re.I,
)
_CALENDAR = frozenset({"date", "night_dates", "overnight_into_date"})
_OVERNIGHT_KINDS = frozenset(
    {"overnight", "overnight_into", "overnight_into_date", "night_dates", "night_weekdays"}
)
# A later sentence that points back at the attack being told: "that night", "the strike",
# "last night's missile strike", "Tuesday's attack". Ordinals and superlatives name another.
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
ANAPHOR = re.compile(
    r"\b(?:that|the\s+same)\s+night\b|"
    rf"\b(?:the|this|that|last\s+night's|yesterday's|(?:{_DAYS})'s)\s+"
    r"(?!(?:[\w-]+\s+){0,2}?(?:first|second|third|next|latest|previous|earlier|largest|"
    r"biggest|new|another|separate|other|last)\b)"
    r"(?:[\w-]+\s+){0,2}?(?:strikes?|attacks?|barrage|raids?|bombardment|shelling|onslaught)\b"
    r"(?![\s-]+(?:drones?|uavs?|aircraft|helicopters?|jets?|groups?|units?)\b)",
    re.I,
)
# The weapons or the victims already told: "the two missiles, which struck ...", "21 of the
# wounded were in hospital".
ANAPHOR_NOUN = re.compile(
    r"\b(?:the|both|all)\s+(?:(?:two|three|four|five|\d+)\s+)?(?:missiles?|drones?|rockets?)\b|"
    r"\b(?:of|among)\s+the\s+(?:dead|wounded|injured|killed|victims)\b",
    re.I,
)


# A figure corrected or revised replaces the one told before it: "initially reported 60
# drones but later corrected the figure to 52".
CORRECTION = re.compile(
    r"\b(?:correct(?:ed|s|ing)|revis(?:ed|es|ing)|amend(?:ed|s)|updat(?:ed|es)\s+(?:the|its)\s+"
    r"(?:figure|count|tally|number))\b[^.;]{0,40}?\b(?:to|down\s+to|up\s+to)\s+"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)|"
    # "initially reported 64 drones but later said 85 had been launched"
    r"\b(?:initially|at\s+first|first)\s+(?:reported|said|put|gave|counted|spoke\s+of)\b"
    r"[^.;]{0,60}?\b(?:later|then|now|subsequently)\s+(?:said|says|reported|put|gave|counted|"
    r"corrected|revised|updated)\b",
    re.I,
)


def _corrected(counts: list[Count], text: str) -> tuple[list[Count], bool]:
    """The counts a clause keeps when it corrects a figure: the last one of each weapon."""
    if fold_of(text).search(CORRECTION) is None:
        return counts, False
    last: dict[str, Count] = {}
    for c in counts:
        if c.what in ("drone", "missile") and c.role in ("launched", "both"):
            last[c.what] = c
    keep = [
        c
        for c in counts
        if not (c.what in ("drone", "missile") and c.role in ("launched", "both"))
        or last[c.what] is c
    ]
    return keep, True


@dataclass
class Frame:
    """A strike being assembled, with bookkeeping on where its values came from."""

    strike: ExtractedStrike
    first: bool
    launched_sent: dict[str, int] = field(default_factory=dict)
    weak: set[str] = field(default_factory=set)
    downed_sent: dict[str, int] = field(default_factory=dict)  # the clause (start) of each
    weak_down: set[str] = field(default_factory=set)  # downed figures read from a headline
    killed_sent: int = -1
    facts: bool = False
    contested: bool = False
    sides: set[str] = field(default_factory=set)  # the sides its clauses lay it at the door of
    past: bool = False  # opened under a past time frame without a day ("In March, ...")
    event: bool = False  # an attack told as an event ("A large-scale attack struck ...")
    massive: bool = False  # a mass attack with no daytime word
    # The day a clause of this frame was reported on ("the air force said on Tuesday"): not
    # the attack's date, but within a day of it when the text gives no other.
    reported: DateCue | None = None
    # How the frame was opened, for the document pass that folds one attack told over several
    # sentences into one strike: the frame being told just before, whether the opening clause
    # points back at it or raises its toll, and the nights that clause names.
    prev: Frame | None = None
    anaphor: bool = False
    nights: frozenset[date] = frozenset()
    weekday: bool = False  # its date came from a weekday ("said on Thursday")
    old: set[str] = field(default_factory=set)  # casualty fields holding an earlier figure
    corrected: set[str] = field(default_factory=set)  # casualty fields corrected (to stand)
    # casualty figures told place by place in clauses of their own: {field: {places: figure}}
    by_place: dict[str, dict[frozenset[str], int]] = field(default_factory=dict)
    rise: bool = False  # opened by a clause raising a toll ("the death toll rose to 17")
    # opened as background to the story ("The onslaught came after ...", "in response to"):
    # an earlier attack of unknown day, which takes no default date
    background: bool = False
    other: bool = False  # opened telling another attack ("a week earlier a similar strike")
    told: dict[str, int] = field(default_factory=dict)  # the last casualty figure of each kind
    last_place: frozenset[str] = frozenset()  # the places of the last toll noted by place
    headline_day: bool = False  # dated by a headline's relative cue ("overnight")
    small_hours: bool = False  # dated by the small hours of its day ("at 02:00 on 11 May")
    # dated by a day named as the attack's, with no time of day ("Wednesday's strike")
    day_named: bool = False
    part: int = -1  # the part of the day its opening clause named (morning 0 ... evening 2)
    # the evening's attack this night's followed (never folded back into it); its places are
    # the night's when the night names none ("overnight drones struck the city again")
    apart: Frame | None = None
    singles: Singles = field(default_factory=Singles)  # weapons told one at a time

    @property
    def attacker(self) -> str | None:
        """The frame's attacker."""
        return self.strike.attacker

    @property
    def date(self) -> date | None:
        """The frame's date."""
        return self.strike.date


def _launched(counts: list[Count], weapon: str) -> tuple[Qty | None, bool, tuple[int, int] | None]:
    """A clause's launched total for one weapon: the total, or the sum of an enumeration."""
    items = [
        c
        for c in counts
        if c.what == weapon and c.role in ("launched", "both", "hit") and not c.partitive
    ]
    if not items:
        return None, False, None
    strong = [c for c in items if c.role != "hit"] or items
    weak = all(c.weak or c.role == "hit" for c in strong)
    first, rest = strong[0], strong[1:]
    if not rest:
        return first.qty, weak, first.span
    after = [
        c
        for c in counts
        if c.what == weapon and c.role in ("launched", "both") and c.sequence > first.sequence
    ]
    if after and _total(after) == first.qty:
        return (
            first.qty,
            weak,
            first.span,
        )  # "18 missiles: six Kinzhals, nine Kalibrs, three S-400s"
    total = first.qty
    for c in rest:
        total = total + c.qty
    return total, weak, (first.span[0], rest[-1].span[1])


def _every_one(counts: list[Count], weapon: str, launched: Qty | None) -> list[Count]:
    """ "All of them were shot down": as many downed as launched, when that is one number."""
    if not any(c.every for c in counts):
        return counts
    n = launched.exact if launched is not None else None
    out = [c for c in counts if not (c.every and c.what == weapon)]
    if n is not None:
        out.extend(
            dataclasses.replace(c, qty=Qty(n, n), every=False)
            for c in counts
            if c.every and c.what == weapon
        )
    return out


def _total(items: list[Count]) -> Qty:
    total = items[0].qty
    for c in items[1:]:
        total = total + c.qty
    return total


def _downed(counts: list[Count], weapon: str) -> tuple[int | None, bool, tuple[int, int] | None]:
    items = [c for c in counts if c.what == weapon and c.role in ("downed", "both")]
    whole = [c for c in items if c.whole and c.role == "downed" and not c.partitive]
    if whole:  # "76 cruise missiles and all three Kh-59s were shot down, 79 in all"
        items = whole[-1:]
    elif len(items) > 2 and not items[0].partitive and _total(items[1:]) == items[0].qty:
        items = items[:1]  # "15 missiles - one Kinzhal, four Iskander-M and ten Kalibrs"
    # "N of them" after a downed total breaks that total down; before one, it adds to it
    # ("shot down 138 of them ... and 119 decoys were lost locationally").
    first_whole = next((c.sequence for c in items if not c.partitive), None)
    if first_whole is not None:
        items = [c for c in items if not c.partitive or c.sequence < first_whole]
    if not items:
        return None, False, None
    partitive_only = all(c.partitive for c in items)
    total = 0
    for c in items:
        if c.qty.min is None:
            return None, partitive_only, None
        total += c.qty.min
    return total, partitive_only, (items[0].span[0], items[-1].span[1])


def _conflicts(frame: Frame, counts: list[Count], sent: int) -> bool:
    for weapon in ("drone", "missile"):
        qty, weak, _ = _launched(counts, weapon)
        have = frame.strike.drones if weapon == "drone" else frame.strike.missiles
        if qty is None or have is None or weak or weapon in frame.weak:
            continue
        if frame.launched_sent.get(weapon, sent) == sent:
            continue
        new = qty.min if qty.min is not None else qty.max
        old = have.min if have.min is not None else have.max
        if new is not None and old is not None and new > old:
            return True
    return False


def _report_cue(cues: list[DateCue]) -> DateCue | None:
    for cue in cues:
        if cue.kind in REPORT_KINDS and cue.value is not None:
            return cue
    return None


# A day's possessive naming the attack names its day: "in Friday's missile strike",
# "yesterday's attack", whatever other day the clause tells ("mourned on Monday for ...").
_DAYS_ATTACK = re.compile(
    r"(?:\s+(?:night|morning|afternoon|evening))?(?P<s>['’]s)?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:strike|attack|barrage|raid|bombardment|shelling|onslaught)\b",
    re.I,
)


def _date_cue(all_cues: list[DateCue], clause: Clause | None = None) -> DateCue | None:
    """The clause's first date cue, a vague one ("last month") only when no day follows it
    ("Last month, on November 21, ..." is 21 November); a day's possessive naming the attack
    ("Friday's strike") before any."""
    cues = [c for c in all_cues if c.kind not in REPORT_KINDS]
    if clause is not None and len(cues) > 1:
        for c in cues:
            at = c.end - clause.start_char
            m = _DAYS_ATTACK.match(clause.text, at)
            if m and c.value is not None and (m["s"] or clause.text[:at].endswith(("'s", "’s"))):
                return c
    if cues and cues[0].kind == "vague":
        return next((c for c in cues if c.value is not None), cues[0])
    return cues[0] if cues else None


def _future(cue: DateCue | None, published: date) -> bool:
    """A calendar date just after publication: the clause speaks of what is to come."""
    if (
        cue is None
        or cue.value is None
        or cue.kind not in ("date", "night_dates", "overnight_into_date")
    ):
        return False
    if cue.value.year >= published.year:
        return cue.value > published
    try:
        ahead = cue.value.replace(year=published.year)
    except ValueError:
        return False
    return 1 < (ahead - published).days < 120


def extract_strikes(doc: Doc, published: date) -> list[ExtractedStrike]:
    """Every strike the text of `doc` reports, in order of first mention."""
    frames: list[Frame] = []
    cur: Frame | None = None
    pending: DateCue | None = None
    pending_weapons: list[str] = []  # the weapons of the attack clause that dated `pending`
    weapon: str | None = None
    toll_last: str | None = None  # a casualty kind, when the last figure told was a toll
    past = False
    before: Clause | None = None
    abroad_sent = -1
    background = -2  # the last sentence that set a background frame
    anchors = year_anchors(doc_tokens(doc).text, published)
    early_weapons: list[str] = []  # weapons told before the first attack with facts
    lead: tuple[int, DateCue] | None = None  # a day told by a fact-less clause opening a sentence
    for clause in split_clauses(doc):
        if fold_of(clause.text).search(BACKGROUND):
            background = clause.sent
        classify(clause)
        _continued(clause, before)
        before = clause
        past = past or _past_frame(clause.text, published)
        in_past, past = past, past and "\n" not in clause.text
        _disowned(cur, clause)
        if clause.skip:
            continue
        counts, correction = _corrected(read_counts(clause.toks, weapon, toll_last), clause.text)
        if counts:
            last = max(counts, key=lambda c: c.span[0])
            toll_last = last.what if last.what in ("killed", "injured") else None
        ranked = ordinal_tolls(clause.toks)
        if ranked:
            # "A man died on Sunday, the ninth person to die": the rank is the toll, not the one
            counts = [c for c in counts if c.what != "killed" or c.qty.min not in (1, None)]
            counts += ranked if not any(c.what == "killed" for c in counts) else []
        counts = [c for c in counts if not _superseded(c, cur, clause)]
        if not counts and offers_cause(clause.text) and _laid_at(cur, clause):
            continue  # "analysts suggested a Russian glide bomb could have caused the blast"
        for c in counts:
            if c.what in ("drone", "missile"):
                weapon = c.what
        hard = [c for c in counts if not c.partitive and c.role != "hit"]
        attacker = clause.attacker or (cur.attacker if cur else None)
        if clause.pledge and not hard and not fold_of(clause.text).search(IN_TRUCE):
            continue
        hits = places_hit(doc, clause.span, attacker, report=True) if clause.attack else []
        if not clause.attack and any(c.what in ("killed", "injured") for c in counts):
            hits = _toll_place(doc, clause, attacker)
        if clause.attack and not hits:
            end = clause.start_char + len(clause.text)
            own = officials_region(doc_tokens(doc).text, clause.start_char, end)
            hits = [own] if own is not None else []
        _across_border(clause, cur, hits)
        if clause.pledge and not hard and not (hits and clause.attacker):
            continue  # "bombing Sumy region since the first hours of the truce" is an attack
        targets = targets_named(doc, clause.span, hit=True) if clause.attack else []
        if hits or targets:
            hits, targets = _not_background(clause, hits, targets)
        if _at_the_front(clause, counts):
            continue  # "Two soldiers were killed at the front near Pokrovsk": no strike's toll
        if not hits and fold_of(clause.text).search(OTHER_WAR):
            continue  # "Separately, an Israeli strike in Gaza killed 20": another war's toll
        abroad = bool(counts or clause.attack) and fold_of(clause.text).search(ABROAD) is not None
        neighbour = fold_of(clause.sentence_text).search(NEIGHBOUR_NAMED) is not None
        if hits and (abroad or neighbour or (abroad_sent >= 0 and clause.sent - abroad_sent == 1)):
            # "the village of Wyryki" told beside drones in Polish airspace: a village of the
            # neighbouring state, not one of this war's places (gazetteer places stay)
            kept = [h for h in hits if not _built(h)]
            if not kept:
                # "debris damaged the roof of a house in the village of Wyryki-Wola": the
                # neighbour's damage, not a target of this war's strike
                targets = []
            hits = kept
        if abroad:
            abroad_sent = clause.sent
        if not hits and abroad:
            # "a drone crashed in Romania; no one was hurt": not this war's strike, nor its
            # count ("300 drones at Ukraine, and one flew into Poland": the 300 stays)
            counts = [c for c in counts if not _in_stretch(ABROAD, c, clause)]
            if not counts:
                continue
        if neighbour and fold_of(clause.text).search(_AIRSPACE):
            # "Romania scrambled jets after a Russian drone entered its airspace": one drone of
            # the neighbour's account, not the attack's count
            counts = [c for c in counts if not c.weak]
        if not hits and neighbour:
            # "Romania's defence ministry said it had found fragments of a drone": the
            # neighbour's own account, not a count of this war's attack
            counts = [c for c in counts if not _neighbours_count(c, clause)]
        # "Debris fell on a Moldovan village. No one was hurt.": the neighbour's luck, not the
        # attack's toll
        abroad_near = abroad_sent >= 0 and clause.sent - abroad_sent <= 1
        zero = () if abroad_near and not hits else _zero(clause.text)
        has_facts = bool(counts or hits or targets or zero)
        cues = find_dates(clause.text, published, offset=clause.start_char, anchors=anchors)
        cue = _date_cue(cues, clause)
        if _future(cue, published):
            continue
        if _came_after(clause, cue):
            # "The attack on Lviv came a day after missiles hit Poltava": Lviv is the attack
            # told already, not the one the clause goes on to tell
            hits = [h for h in hits if cue is None or h.span[0] >= cue.start]
        if not has_facts and cur is not None and _redated(cur, clause, cues):
            continue
        if not has_facts:
            if cue is not None and cue.value is not None:
                lead = (clause.sent, cue)
            dated = _dated_back(cur, clause, cue)
            if clause.attack and cue is not None and cue.value is not None and not dated:
                pending = cue
                # "Overnight drones swooped on the city." told before the damage they did
                pending_weapons = weapons_named(clause.toks)
            _laid_at(cur, clause)
            if clause.attack:
                _weapons_told(cur, clause, cue, early_weapons)
                _attacker_told(cur, clause)
                if cur is not None:
                    cur.singles.read(clause, counts, facts=False)  # "a second drone hit the site"
            if (
                cur is not None
                and clause.attacker in (None, cur.attacker)
                and fold_of(clause.text).search(EVENT)
            ):
                _mark_event(cur, clause)  # "A large-scale attack struck the country."
                if cur.strike.date is None and pending is not None:
                    _set_date(cur.strike, pending.value, pending)
                    pending = None
            continue
        named_before: list[str] = []
        if cue is None and pending is not None:
            cue, named_before = pending, pending_weapons
        pending, pending_weapons = None, []
        # "After a quiet Tuesday night, when Russia sent 30 drones, ...": the day told before
        # the figures, in the same sentence, is one of the nights the clause may tell
        told_days = ([lead[1]] if lead is not None and lead[0] == clause.sent else []) + cues
        parts = _nights(cue, told_days, counts, hits, targets)
        for day, told_counts, told_hits, told_targets in parts:
            n_frames, prev = len(frames), cur
            if _toll_rise(cur, clause, told_counts):
                _toll_tells(cur, clause, day)
            else:
                # a corrected figure differs from the one it corrects without telling another
                told = [] if correction else told_counts
                cur = _choose_frame(frames, cur, clause, day, told, published, named_before)
            assert cur is not None
            if len(frames) > n_frames:
                # "A missile hit Kharkiv last week": a day the text does not tell, not the story's
                cur.past = in_past or (
                    day is not None and day.kind == "vague" and day.value is None
                )
                cur.background = clause.sent - background <= 1
                cur.other = clause.new_event
                _opened(cur, prev, clause, day, cues)
            if len(frames) > n_frames:
                cur.day_named = _named_day(clause, day)
                cur.part = _part_of_day(clause.text)
            elif cur.part < 0 and day is not None and day.kind in _DAY_KINDS:
                # a headline opened the frame; the clause that dates it tells its part of day
                cur.part = _part_of_day(clause.text)
            if len(frames) > n_frames and clause.headline and day is not None:
                cur.headline_day = day.kind not in _CALENDAR and cur.date is not None
            _apply(cur, clause, told_counts, told_hits, told_targets, zero, day, correction)
            _laid_at(cur, clause)
            cur.rise = cur.rise or fold_of(clause.text).search(TOLL_RISE) is not None
            _mark_event(cur, clause)
            if cur.reported is None and cur.strike.date is None:
                cur.reported = _report_cue(cues)
    text = doc_tokens(doc).text  # doc.text would make a spaCy Token per token, three times
    spared = _spared(text) if "not" in text or "no " in text else set()
    return _finish(frames, published, early_weapons, _explainer(text), spared)


_CAME_AFTER = re.compile(r"(?:came|comes|follows|followed)\b", re.I)

_AIRSPACE = re.compile(
    r"\b(?:entered|violated|crossed\s+into|flew\s+into|strayed\s+into)\s+(?:its|[\w-]+(?:'s|’s)?)\s+"
    r"air\s*space\b",
    re.I,
)


# Another war told beside this one, in a round-up: its strikes and tolls are none of these.
OTHER_WAR = re.compile(
    r"\b(?:israeli?|israel's|gaza|lebanon|lebanese|hezbollah|hamas|houthis?|yemen|sudan|"
    r"sudanese|syria|syrian|west\s+bank|myanmar)\b",
    re.I,
)


# A place or site told as hit before, in an aside: "The city's hospital, which was hit in March,
# treated the wounded" (the hospital is not a target of the attack told).
_HIT_BEFORE = re.compile(
    r",\s*(?:which|that|where)\s+(?:was|were|had\s+been)\s+(?:\w+\s+)?"
    r"(?:hit|struck|damaged|destroyed|shelled|bombed)\s+(?:in\s+(?:(?:early|late|mid-)\s*)?"
    rf"(?:{_MONTH_NAMES}|(?:19|20)\d\d)|last\s+(?:year|month|week|spring|summer|autumn|winter)|"
    r"earlier|before|previously|(?:a|two|three|several)\s+(?:weeks|months|years)\s+ago)\b[^,;]*",
    re.I,
)
_ASIDE_REACH = 40  # characters before the aside that its antecedent may take
# Attacks told as a habit or a campaign, not one attack: "has been repeatedly targeted",
# "Russia has intensified its attacks on Ukraine's energy system and railways".
_HABITUAL = re.compile(
    r"\b(?:has|have)\s+(?:been\s+)?(?:repeatedly|regularly|frequently|often|constantly|"
    r"routinely|systematically)\s+(?:been\s+)?(?:targeted|hit|attacked|struck|shelled|bombed)\b|"
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:intensified|stepped\s+up|escalated|increased|ramped\s+up)\s+"
    r"(?:its|their)\s+(?:[\w-]+\s+)?(?:attacks|strikes|shelling|bombardment)\b",
    re.I,
)


def _not_background(
    clause: Clause, hits: list[PlaceHit], targets: list[tuple[str, tuple[int, int]]]
) -> tuple[list[PlaceHit], list[tuple[str, tuple[int, int]]]]:
    """The places and targets of the clause less those an aside tells as hit before."""
    if _HABITUAL.search(clause.text) is not None:
        return [], []  # "The city's port has been repeatedly targeted": no one attack's
    asides = [
        (m.start() + clause.start_char - _ASIDE_REACH, m.end() + clause.start_char)
        for m in _HIT_BEFORE.finditer(clause.text)
    ]
    if not asides:
        return hits, targets

    def told_before(span: tuple[int, int]) -> bool:
        return any(a <= span[0] and span[1] <= b for a, b in asides)

    return (
        [h for h in hits if not told_before(h.span)],
        [t for t in targets if not told_before(t[1])],
    )


_FRONT = re.compile(
    r"\b(?:at|on|along|near)\s+the\s+front(?:\s*-?\s*lines?)?\b|"
    r"\bin\s+(?:the\s+)?(?:fighting|combat|battles?|clashes)\b",
    re.I,
)


def _at_the_front(clause: Clause, counts: list[Count]) -> bool:
    """Soldiers killed or wounded in fighting at the front: no toll of a strike."""
    if not counts or any(c.what not in ("killed", "injured") for c in counts):
        return False
    return _FRONT.search(clause.text) is not None and _COMBATANTS.search(clause.text) is not None


_NIGHT_CUES = frozenset(
    {"weekday", "overnight_into", "night_weekdays", "date", "overnight_into_date"}
)
_Part = tuple[DateCue | None, list[Count], list[PlaceHit], list[tuple[str, tuple[int, int]]]]


def _nights(
    cue: DateCue | None,
    cues: list[DateCue],
    counts: list[Count],
    hits: list[PlaceHit],
    targets: list[tuple[str, tuple[int, int]]],
) -> list[_Part]:
    """The clause cut into the nights it tells, when it launches the same weapon on two days
    ("48 drones on the night to Monday and 10 drones on the night to Tuesday"); each figure,
    place and target goes with the day told nearest it. Otherwise the clause whole."""
    whole: list[_Part] = [(cue, counts, hits, targets)]
    days = [c for c in cues if c.kind in _NIGHT_CUES and c.value is not None]
    if len({c.value for c in days}) < 2:
        return whole
    launched = [c for c in counts if c.role in ("launched", "both") and not c.partitive]
    kinds = [c.what for c in launched]
    if not any(kinds.count(k) >= 2 for k in ("drone", "missile")):
        return whole

    def nearest(span: tuple[int, int]) -> DateCue:
        return min(days, key=lambda d: min(abs(d.start - span[1]), abs(span[0] - d.end)))

    def own_day(c: Count) -> DateCue:
        # the day told after the figure and before the next figure of its weapon ("48 drones
        # on the night to Monday and 10 drones on the night to Tuesday"), else the last before
        later = [x.span[0] for x in launched if x.what == c.what and x.span[0] > c.span[0]]
        stop = min(later, default=1 << 30)
        after = [d for d in days if c.span[1] <= d.start < stop]
        if after:
            return after[0]
        before = [d for d in days if d.end <= c.span[0]]
        return before[-1] if before else nearest(c.span)

    owner = {id(c): own_day(c) for c in launched}
    if len({owner[id(c)].start for c in launched}) < 2:
        return whole
    parts: list[_Part] = []
    for day in sorted({id(d): d for d in owner.values()}.values(), key=lambda d: d.start):
        parts.append(
            (
                day,
                [c for c in counts if owner.get(id(c), nearest(c.span)) is day],
                [h for h in hits if nearest(h.span) is day],
                [t for t in targets if nearest(t[1]) is day],
            )
        )
    return parts


def _came_after(clause: Clause, cue: DateCue | None) -> bool:
    """Whether the clause's day is "came a day after", which turns to an earlier attack."""
    if cue is None or cue.kind != "before":
        return False
    return _CAME_AFTER.match(clause.text, cue.start - clause.start_char) is not None


_AND_IN = re.compile(
    r"\s*and\s+(?:(?:also\s+)?(?:in|over|near|around|across)|then|another|a\s+further)\s", re.I
)


# A figure that sums or includes the others told beside it: "more than 70 in all".
_INCLUSIVE = re.compile(
    r"\b(?:in\s+all|in\s+total|altogether|overall|including|among\s+them|of\s+them|of\s+whom)\b",
    re.I,
)


def _casualties_by_place(counts: list[Count], hits: list[PlaceHit], text: str) -> list[Count]:
    """Casualties told place by place in one clause are one attack's sum.

    "One person was injured in the Odesa region and a woman was hurt in the Vinnytsia region":
    2 injured. Not when a figure includes the others ("27 in the region, 70 in all"), nor for
    places in one oblast (a city's toll told again for its region).
    """
    places = {h.place.oblast or h.place.name for h in hits}  # a city and its oblast are one
    if _INCLUSIVE.search(text):
        return counts
    out = [c for c in counts if c.what not in ("killed", "injured")]
    for what in ("killed", "injured"):
        mine = [c for c in counts if c.what == what and c.qty.min is not None]
        if any(c.by_place for c in mine):
            # "five were wounded in Nikopol and two in Marhanets": each figure names its own
            # place, towns of one oblast too
            total = sum(c.qty.min or 0 for c in mine)
            out.append(Count(what, "value", Qty(total, total), (mine[0].span[0], mine[-1].span[1])))
            continue
        if len(places) < 2:
            out.extend(mine)
            continue
        starts = sorted(h.span[0] for h in hits)
        apart = all(
            any(a.span[1] <= x < b.span[0] for x in starts) for a, b in itertools.pairwise(mine)
        )  # each figure has its own place: "one in X and two in Y"
        if len(mine) < 2 or len(mine) > len(places) or not apart:
            out.extend(mine)
            continue
        total = sum(c.qty.min or 0 for c in mine)
        span = (mine[0].span[0], mine[-1].span[1])
        out.append(Count(what, "value", Qty(total, total), span))
    return out


def _zero(text: str) -> tuple[str, ...]:
    """The casualty fields a clause says are none: killed and injured, or killed only."""
    if fold_of(text).search(ZERO_CASUALTIES):
        return ("killed", "injured")
    return ("killed",) if fold_of(text).search(ZERO_KILLED) else ()


def _continued(clause: Clause, before: Clause | None) -> None:
    """A clause cut at ", and in ..." goes on with the attack its sentence began telling.

    "Missiles struck Kharkiv, and in the Kyiv, Cherkasy and Vinnytsia regions, ...": the second
    clause has no attack word of its own but lists more places of the same attack.
    """
    if clause.attack or before is None or not before.attack or before.sent != clause.sent:
        return
    if _AND_IN.match(clause.text):
        clause.attack = True


def _opened(
    frame: Frame, prev: Frame | None, clause: Clause, cue: DateCue | None, cues: list[DateCue]
) -> None:
    """Note how a new frame began: after which frame, pointing back at it or not."""
    frame.prev = prev
    frame.weekday = cue is not None and cue.kind == "weekday"
    if prev is None or clause.new_event or clause.item:
        return
    if cue is not None and cue.kind in ("before", "following"):
        return  # "in the night before the attack": another day
    text = clause.text
    folded = fold_of(text)
    frame.anaphor = any(folded.search(p) for p in (ANAPHOR, ANAPHOR_NOUN, TOLL_RISE))
    frame.nights = frozenset(
        cue.value for cue in cues if cue.kind in _OVERNIGHT_KINDS and cue.value is not None
    )


def _across_border(clause: Clause, cur: Frame | None, hits: list[PlaceHit]) -> None:
    """A clause naming no side whose places hit all lie in Russia, told after a Russian attack,
    tells the attack from the other side ("drone wreckage fell in Yelets" after a raid on Kyiv).
    Not the other way: Ukrainian strikes hit occupied towns the gazetteer files under Ukraine."""
    if clause.attacker is not None or cur is None or cur.attacker != "RU" or not hits:
        return
    if all(h.place.country == "RU" for h in hits):
        clause.attacker = "UA"


def _disowned(cur: Frame | None, clause: Clause) -> None:
    """The attack's side denies it (and so the text leaves the attacker open)."""
    if cur is None or cur.attacker is None:
        return
    m = fold_of(clause.text).search(DISOWNED)
    if m is None:
        return
    who = [w for w in _DENIER.finditer(clause.text, 0, m.start())]
    if who and who[-1].lastgroup == cur.attacker:
        cur.contested = True
        cur.strike.attacker = None
        cur.strike.claimed_by = None


def _laid_at(cur: Frame | None, clause: Clause) -> bool:
    """Sides blamed, denying, staging or offered as a cause: an attack laid at both sides'
    doors is disputed, and the text leaves its attacker open ("Pushilin said, blaming Ukrainian
    artillery" ... "denied that they had fired on the city and said Russia was responsible").
    True when the clause lays the attack at a side's door."""
    if cur is None or not cur.facts:
        return False
    told = sides_told(clause.text)
    if not told:
        return False
    if cur.strike.attacker is not None:
        cur.sides.add(cur.strike.attacker)
    cur.sides |= told
    if len(cur.sides) > 1:
        cur.contested = True
        cur.strike.attacker = None
        cur.strike.claimed_by = None
    return True


def _toll_rise(cur: Frame | None, clause: Clause, counts: list[Count]) -> bool:
    """A clause that only raises the casualty toll of the attack being told stays with it."""
    if cur is None or not cur.facts or clause.new_event:
        return False
    if not counts or any(c.what not in ("killed", "injured") for c in counts):
        return False
    if clause.attacker and cur.attacker and clause.attacker != cur.attacker:
        return False
    return fold_of(clause.text).search(TOLL_RISE) is not None


def _toll_tells(cur: Frame | None, clause: Clause, cue: DateCue | None) -> None:
    """A risen toll that names the attack's day or side fills them in when the attack had none
    ("Poltava toll rises to 14" ... "the death toll from Saturday's Russian missile strike")."""
    if cur is None:
        return
    if cur.strike.date is None and cue is not None and cue.kind not in REPORT_KINDS:
        when = _cue_date(cue, cur)
        if when is not None:
            _set_date(cur.strike, when, cue)
    if cur.strike.attacker is None and clause.attacker and not cur.contested:
        cur.strike.attacker = clause.attacker


def _mark_event(frame: Frame, clause: Clause) -> None:
    """Note an attack told as one event, and a mass attack with no daytime word."""
    if fold_of(clause.text).search(EVENT):
        frame.event = True
    if fold_of(clause.text).search(MASSIVE) and not fold_of(clause.sentence_text).search(DAYTIME):
        frame.massive = True


def _past_frame(text: str, published: date) -> bool:
    """Whether `text` sets a past time frame with no day: another month, an earlier year."""
    for m in fold_of(text).finditer(PAST_FRAME):
        year = m.group("year") or m.group("only")
        if year is not None and int(year) < published.year:
            return True
        mon = m.group("mon")
        if mon is not None and MONTHS[mon.lower()] != published.month:
            return True
        if mon is None and year is None:
            return True
    return False


def _cue_date(cue: DateCue | None, cur: Frame | None) -> date | None:
    if cue is None:
        return None
    if cue.kind == "same":
        return cur.date if cur else None
    if cue.kind == "that_night":
        return _last_date(cur.prev) if cur is not None and cur.date is None else None
    if cue.kind == "following":
        return shift(cur.date, 1) if cur else None
    if cue.kind == "before":
        return shift(cur.date, -1) if cur else None
    return cue.value


def _last_date(cur: Frame | None) -> date | None:
    """The day of the last dated frame told up to `cur` ("that night", told of an attack with
    no day of its own)."""
    f = cur
    while f is not None and f.date is None:
        f = f.prev
    return f.date if f is not None else None


def _dated_back(cur: Frame | None, clause: Clause, cue: DateCue | None) -> bool:
    """A dated clause pointing back at the undated attack being told dates it ("A missile hit
    a block in Lviv, the search ended on Friday ... The missile struck early on Thursday")."""
    if cur is None or not cur.facts or cur.date is not None or not clause.attack:
        return False
    if cue is None or cue.value is None or cue.kind not in _DATING_BACK:
        return False
    if clause.attacker is not None and clause.attacker != cur.attacker:
        return False
    if ANAPHOR_NOUN.search(clause.text) is None and ANAPHOR.search(clause.text) is None:
        return False
    _set_date(cur.strike, cue.value, cue)
    return True


_DATING_BACK = _CALENDAR | _OVERNIGHT_KINDS | {"weekday", "small_hours"}


def _choose_frame(
    frames: list[Frame],
    cur: Frame | None,
    clause: Clause,
    cue: DateCue | None,
    counts: list[Count],
    published: date,
    named_before: list[str] | None = None,
) -> Frame:
    when = _cue_date(cue, cur)
    attacker = clause.attacker
    if cur is None:
        return _new(frames, attacker, when, cue, first=True)
    switch = False
    if attacker and cur.attacker and attacker != cur.attacker:
        switch = True
    if when is not None and cur.date is not None and when != cur.date:
        switch = not _headline_day_told(cur, clause, cue, when) and not _same_night(cur, cue, when)
        switch = switch and not _day_of_night(cur, clause, cue, when)
    elif when is not None and _day_after_night(cur, clause, cue, when):
        switch = True
    apart = when is not None and _night_after_evening(cur, clause, cue, when, named_before)
    switch = switch or apart
    if when is not None and cur.date is None and cur.reported is not None and attacker:
        # an undated attack takes its report's day; a clause dated days away tells another
        # ("said on Monday that a drone was shot down ... On 5 December, drones attacked")
        far = cur.reported.value is not None and abs((when - cur.reported.value).days) > 1
        opening = cue is not None and cue.start - clause.start_char <= 12
        switch = switch or (far and opening)
    if when is not None and cur.date is None and cur.facts and cue is not None:
        # a paragraph opened by a day weeks before the report tells an earlier attack, not
        # the undated one before it ("Last month, on November 21, Russian forces ...")
        switch = switch or ((published - when).days > 7 and cue.start - clause.start_char <= 16)
    if cue is not None and cue.kind in ("following", "before"):
        switch = True
    if clause.new_event or _conflicts(cur, counts, clause.sent):
        switch = True
    if _later_in_the_day(cur, clause, counts):
        switch = True
        when = cur.date if when is None else when  # later on the same day
    elif when is None and _day_after_overnight(cur, clause):
        switch, when = True, published
    if clause.item and (when is None or when != cur.date):
        switch = True  # "Background: since Friday ...": another item, unless the same day
    if not switch:
        if cur.strike.date is None and when is not None:
            _set_date(cur.strike, when, cue)
        if cur.strike.attacker is None and attacker and not cur.contested:
            cur.strike.attacker = attacker
        return cur
    if not cur.facts:
        cur.strike.attacker = attacker or cur.strike.attacker
        _set_date(cur.strike, when, cue, note=False)
        return cur
    want_attacker = attacker or cur.attacker
    if not clause.new_event and not apart:
        for f in frames:
            same = f is not cur and f.attacker == want_attacker and _same_day(f, when)
            if same and when is not None and not _conflicts(f, counts, clause.sent):
                if f.strike.date is None:
                    _set_date(f.strike, when, cue)
                return f
    frame = _new(frames, want_attacker, when, cue, first=False)
    frame.apart = cur if apart else None
    if apart and named_before:
        frame.strike.weapons.extend(w for w in named_before if w not in frame.strike.weapons)
    return frame


# A note that corrects the attack's day: "Correction: the attack took place on Tuesday, not
# Monday", "An earlier version of this story said Monday; it was on Tuesday".
DATE_CORRECTION = re.compile(
    r"\bcorrect(?:ion|ed|s)\b|\b(?:earlier|previous)\s+version\b|\b(?:wrongly|mistakenly|"
    r"incorrectly|erroneously)\b",
    re.I,
)
_OLD_DAY = re.compile(
    r"\b(?:earlier|previous)\s+version\b|\b(?:wrongly|mistakenly|incorrectly|erroneously)\b|"
    r"\b(?:as\s+)?(?:reported|stated|said)\s+(?:earlier|previously|before)\b|\bhad\s+said\b",
    re.I,
)
_NOT_BEFORE = re.compile(r"\b(?:not|rather\s+than|instead\s+of)\s+(?:on\s+)?$", re.I)


def _redated(cur: Frame, clause: Clause, cues: list[DateCue]) -> bool:
    """A correction note re-dates the attack told: its day neither negated ("not Monday") nor
    the one the earlier version gave."""
    if DATE_CORRECTION.search(clause.sentence_text) is None:
        return False
    text = clause.text
    days = [
        c
        for c in cues
        if c.kind not in REPORT_KINDS
        and c.value is not None
        and _NOT_BEFORE.search(text, 0, c.start - clause.start_char) is None
        and not _old_day(text, c.start - clause.start_char)
    ]
    if not days or (clause.attacker and clause.attacker != cur.attacker):
        return False
    day = days[-1]
    _set_date(cur.strike, day.value, day)
    return True


def _old_day(text: str, at: int) -> bool:
    """Whether the stretch between commas holding `at` gives the day as the earlier version
    did ("An earlier version of this story said Monday", "not Monday as reported earlier")."""
    start = max(text.rfind(sep, 0, at) for sep in ",;:") + 1
    ends = [e for e in (text.find(sep, at) for sep in ",;:") if e >= 0]
    return _OLD_DAY.search(text, start, min(ends, default=len(text))) is not None


def _headline_day_told(cur: Frame, clause: Clause, cue: DateCue | None, when: date) -> bool:
    """The body names the day of the attack its headline dated from the publication day
    ("overnight", "on Sunday"): a calendar day within one of it re-dates the same attack."""
    if not cur.headline_day or clause.headline or cue is None or cue.kind not in _CALENDAR:
        return False
    if cur.date is None or abs((when - cur.date).days) > 1:
        return False
    if clause.attacker and cur.attacker and clause.attacker != cur.attacker:
        return False
    cur.strike.date = when
    cur.strike.overnight = cue.kind in _OVERNIGHT_KINDS
    cur.strike.note("date", (cue.start, cue.end))
    cur.headline_day = False
    return True


def _same_night(cur: Frame, cue: DateCue | None, when: date) -> bool:
    """The small hours of a day and the night into it are one night ("overnight into Sunday
    ... from 02:00 on 11 May"), whichever was told first."""
    if cue is None or cur.date is None:
        return False
    if cue.kind == "small_hours":
        return cur.strike.overnight and (when - cur.date).days == 1
    return cur.small_hours and cue.kind in _OVERNIGHT_KINDS and (cur.date - when).days == 1


_PARTS = {"morning": 0, "afternoon": 1, "evening": 2}
_PART_OF_DAY = re.compile(
    r"\b(?:in\s+the|this|that|early|late|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+"
    r"(morning|afternoon|evening)\b",
    re.I,
)


def _part_of_day(text: str) -> int:
    """The part of the day a clause names for what it tells, -1 for none."""
    m = fold_of(text).search(_PART_OF_DAY)
    return _PARTS[m.group(1).lower()] if m is not None else -1


# A live blog's or an official's "later in the morning" after the night's attack: the day's.
_LATER_DAY = re.compile(
    r"^\W*(?:\d{1,2}[:.]\d{2}\s+)?later\s+(?:in\s+the|that|this)\s+(?:morning|day|afternoon)\b",
    re.I,
)


def _day_after_overnight(cur: Frame, clause: Clause) -> bool:
    """An attack told "later in the morning" after an overnight one is the day's own attack
    ("Later in the morning, a drone struck a kindergarten in Kharkiv"), not the night's."""
    if not (cur.strike.overnight and cur.facts and clause.attack):
        return False
    if _LATER_DAY.search(clause.text) is None:
        return False
    return not any(p.search(clause.text) for p in (ANAPHOR, ANAPHOR_NOUN, TOLL_RISE))


def _later_in_the_day(cur: Frame, clause: Clause, counts: list[Count]) -> bool:
    """A wave told with its own launch figures or places at a later part of the same day
    than the attack being told is another attack ("In the morning, missiles struck Kyiv.
    In the afternoon Russia launched a second barrage of 38 missiles"); the evening's attack
    told before the next morning's news is not later."""
    if cur.part < 0 or not cur.facts:
        return False
    part = _part_of_day(clause.text)
    if part <= cur.part:
        return False
    if any(p.search(clause.text) for p in (ANAPHOR, ANAPHOR_NOUN, TOLL_RISE)):
        return False
    return any(c.what in ("drone", "missile") and c.role in ("launched", "both") for c in counts)


def _named_day(clause: Clause, cue: DateCue | None) -> bool:
    """Whether the clause dates its attack by a day named as the attack's, with no time of
    day: "Wednesday's strike on Ternopil" (the night into Wednesday or its day)."""
    if cue is None or cue.kind != "weekday" or fold_of(clause.text).search(DAYTIME) is not None:
        return False
    told = clause.text[cue.start - clause.start_char : cue.end - clause.start_char + 2]
    return "'s" in told or "’s" in told


def _day_of_night(cur: Frame, clause: Clause, cue: DateCue | None, when: date) -> bool:
    """ "Wednesday's strike" and the attack "overnight into Wednesday" are one attack, in
    either order: the frame takes the night's date."""
    if cue is None or cur.date is None:
        return False
    if clause.attacker and cur.attacker and clause.attacker != cur.attacker:
        return False
    if cur.day_named and cue.kind in _OVERNIGHT_KINDS and (cur.date - when).days == 1:
        _set_date(cur.strike, when, cue)
        cur.day_named = False
        return True
    return cur.strike.overnight and (when - cur.date).days == 1 and _named_day(clause, cue)


# Cues that name a day, not the night that began on it.
_DAY_KINDS = frozenset({"weekday", "date", "yesterday", "today", "days_ago"})
# Late in the day is the start of the night ("late on Saturday", "at 23:47 on 8 January").
_NIGHT_WORDS = re.compile(
    r"\b(?:night|overnight|evening|dusk|late|midnight)\b|\b(?:19|2[0-3])[:.]\d\d\b|"
    r"\b(?:[7-9]|1[01])(?:[:.]\d\d)?\s*p\.?m\b",
    re.I,
)


def _day_after_night(cur: Frame, clause: Clause, cue: DateCue | None, when: date) -> bool:
    """A clause that tells the daytime of the day whose night the frame tells is another
    attack: one attacker's strikes are one a night or one a day ("drones hit Ternivka again
    overnight ... earlier on Sunday nine people were hurt in Zaporizhzhia")."""
    if cue is None or cue.kind not in _DAY_KINDS or not cur.strike.overnight:
        return False
    if cur.date != when or clause.headline:
        return False
    told = clause.text[cue.start - clause.start_char : cue.end - clause.start_char + 2]
    if "'s" in told or "’s" in told:
        return False  # "a strike in reply to Monday's attack": another event, named
    return _NIGHT_WORDS.search(clause.text) is None


def _night_after_evening(
    cur: Frame, clause: Clause, cue: DateCue | None, when: date, named_before: list[str] | None
) -> bool:
    """The night after an evening's attack, told with weapons of another kind, is another
    attack ("On Friday evening a ballistic missile hit Kryvyi Rih ... Overnight attack drones
    struck the city again"): the evening's was told whole, the night's is a raid of its own."""
    if cue is None or cue.kind not in _OVERNIGHT_KINDS or cur.strike.overnight:
        return False
    if cur.part != _PARTS["evening"] or cur.date != when or not cur.facts or clause.headline:
        return False
    if clause.attacker and cur.attacker and clause.attacker != cur.attacker:
        return False
    named = weapons_named(clause.toks) or named_before or []
    return bool(named) and bool(cur.strike.weapons) and not set(named) & set(cur.strike.weapons)


def _same_day(f: Frame, when: date | None) -> bool:
    """Whether `f` is on day `when`: its date, or, undated, its report's day within one."""
    if f.date is not None or when is None:
        return f.date == when
    seen = f.reported.value if f.reported is not None else None
    return seen is not None and abs((when - seen).days) <= 1


def _set_date(
    s: ExtractedStrike, when: date | None, cue: DateCue | None, note: bool = True
) -> None:
    """Date a strike from a cue: its day, and the night before it when the cue names a night
    ("Overnight, ..." after a headline that gave no time is still the night, not the day)."""
    s.date = when
    s.overnight = when is not None and cue is not None and cue.kind in _OVERNIGHT_KINDS
    if note and cue is not None and when is not None:
        s.note("date", (cue.start, cue.end))


def _new(
    frames: list[Frame], attacker: str | None, when: date | None, cue: DateCue | None, first: bool
) -> Frame:
    s = ExtractedStrike(attacker=attacker)
    _set_date(s, when, cue)
    frame = Frame(s, first=first, small_hours=cue is not None and cue.kind == "small_hours")
    frames.append(frame)
    return frame


def _apply(
    frame: Frame,
    clause: Clause,
    counts: list[Count],
    hits: list[PlaceHit],
    targets: list[tuple[str, tuple[int, int]]],
    zero: tuple[str, ...],
    cue: DateCue | None,
    correction: bool = False,
) -> None:
    s = frame.strike
    frame.singles.read(clause, counts)
    if clause.attacker and clause.attacker_span and s.attacker == clause.attacker:
        s.note("attacker", clause.attacker_span)
    if clause.contested:
        frame.contested = True
        s.attacker = None
        s.claimed_by = None
    if clause.defender and s.attacker and clause.defender != s.attacker:
        s.claimed_by = s.claimed_by or clause.defender
    for weapon, fld in (("drone", "drones"), ("missile", "missiles")):
        qty, weak, span = _launched(counts, weapon)
        weak = weak or clause.headline  # a headline rounds: the body's figure replaces it
        if qty is not None:
            have = getattr(s, fld)
            spans = _spans(qty, have) and not weak
            if have is None or (weapon in frame.weak and not weak) or correction or spans:
                setattr(s, fld, qty)
                s.evidence[fld] = [span] if span else []
                frame.launched_sent[weapon] = clause.sent
                frame.weak.discard(weapon)
                if weak:
                    frame.weak.add(weapon)
                frame.facts = True
            elif (
                have is not None
                and not weak
                and weapon not in frame.weak
                and frame.launched_sent.get(weapon, clause.sent) != clause.sent
                and ALSO_LAUNCHED.search(clause.text)
                and not DOWN_TOTAL.search(clause.text)
            ):
                # "Russia fired 71 cruise missiles ... Its forces also launched 35 S-300
                # missiles": more of the same night's weapons, added to the count
                setattr(s, fld, have + qty)
                s.evidence.setdefault(fld, []).extend([span] if span else [])
                frame.launched_sent[weapon] = clause.sent
        down, partitive_only, dspan = _downed(_every_one(counts, weapon, getattr(s, fld)), weapon)
        dfld = f"{fld}_downed"
        have_down = getattr(s, dfld)
        fresh = down is not None and (have_down is None or weapon in frame.weak_down)
        if fresh and (not partitive_only or getattr(s, fld) is not None):
            setattr(s, dfld, down)
            s.note(dfld, dspan)
            frame.facts = True
            frame.downed_sent[weapon] = clause.start_char
            frame.weak_down.discard(weapon)
            if clause.headline:
                frame.weak_down.add(weapon)  # the body's downed figure replaces it too
        elif (
            down is not None
            and have_down is not None
            and not partitive_only
            and frame.downed_sent.get(weapon, clause.start_char) != clause.start_char
            and DOWN_ADDED.search(clause.text)
            and not DOWN_TOTAL.search(clause.text)
        ):
            # "42 drones were shot down. Another 47 decoys were lost locationally": one sum
            setattr(s, dfld, have_down + down)
            s.note(dfld, dspan)
            frame.downed_sent[weapon] = clause.start_char
        elif (
            down is not None
            and have_down is not None
            and down > have_down
            and not partitive_only
            and frame.downed_sent.get(weapon, clause.start_char) != clause.start_char
            and DOWN_TOTAL.search(clause.text)
        ):
            # "Six drones were destroyed over the region. In total 34 were shot down
            # overnight": the total the first figure was part of
            setattr(s, dfld, down)
            s.note(dfld, dspan)
            frame.downed_sent[weapon] = clause.start_char
    for c in _casualties_by_place(counts, hits, clause.text):
        if c.what in ("killed", "injured") and c.qty.min is not None:
            have = getattr(s, c.what)
            fixed = correction and c is _last_of(counts, c.what)  # the figure corrected to
            # a headline's toll, like its launch figures, stands only until the body tells one
            # ("Three killed in Odesa" above "Two people were killed ..., correcting ...")
            old = (_old_figure(c, clause) and not fixed) or clause.headline
            if old or _own_claim(s, clause):
                if have is None:  # an earlier figure stands only until the latest is told
                    setattr(s, c.what, c.qty.min)
                    s.evidence[c.what] = [c.span]
                    frame.old.add(c.what)
                    frame.facts = True
                continue
            told = frame.told.get(c.what)
            if c.more and told is not None and not fold_of(clause.text).search(TOLL_RISE):
                # "15 were hurt in Kyiv, and three more in the region": the last figure told
                # and these (a breakdown after a total adds up to that total)
                frame.told[c.what] = told + c.qty.min
                _tally_place(frame, c, clause, hits)
                if have is None or told + c.qty.min > have:
                    setattr(s, c.what, told + c.qty.min)
                    s.evidence[c.what].append(c.span)
                continue
            frame.told[c.what] = c.qty.min
            _tally_place(frame, c, clause, hits)
            update = c.what == "killed" and TOLL_UPDATE.search(clause.text) is not None
            # a corrected toll replaces the one told, lower or not ("revised down to 18")
            update = update or fixed
            if fixed:
                frame.corrected.add(c.what)
            # casualty figures rise as a story is updated: the highest one is the latest toll
            update = update or (have is not None and c.qty.min > have) or c.what in frame.old
            if have is None or update:
                setattr(s, c.what, c.qty.min)
                s.evidence[c.what] = [c.span]
                frame.old.discard(c.what)
                frame.facts = True
    _sum_places(frame)
    for fld in zero:
        if getattr(s, fld) is None or fld in frame.old:  # "nobody was killed" after a headline's
            setattr(s, fld, 0)
            frame.old.discard(fld)
            frame.facts = True
    for hit in hits:
        if hit.place.country == "--":
            continue  # seas are where launchers sit, not places hit
        if hit.care and not _region_told(s, hit):
            continue  # "taken to a hospital in Dnipro" after a strike on Kostiantynivka
        if hit.place.name not in s.places:
            s.places.append(hit.place.name)
        s.note("places", hit.span)
        frame.facts = True
    for cat, span in targets:
        if s.targets and _points_back(clause, span):
            continue  # "the plant" after "the Ryazan oil refinery": the refinery again
        if cat not in s.targets:
            s.targets.append(cat)
        s.note("targets", span)
    _weapons(s, clause)


# A bare, definite facility noun points back at the site already told ("drones attacked the
# oil refinery ... four drones had rammed into the plant"): no new category.
_BACK = re.compile(r"\b(?:the|this|that)\s+$", re.I)
_GENERIC_SITES = frozenset({"plant", "enterprise", "factory", "facility", "site", "complex"})


_IN_PLACE = re.compile(r"\s*(?:and\s+|but\s+)?in\s+(?:the\s+)?", re.I)


def _opening(clause: Clause, hits: list[PlaceHit]) -> list[PlaceHit]:
    """The places hit a clause opens with: "In Kharkiv, 12 people were hurt", "and in Lviv
    one person died" (not a place told further on in the clause)."""
    m = _IN_PLACE.match(clause.text)
    if m is None:
        return []
    at = clause.start_char + m.end()
    return [h for h in hits if h.span[0] == at]


# A toll told with its place after it: "Eleven people were hurt in the Zaporizhzhia region",
# "Two people were killed and four injured in the Mykolaiv region".
_TOLL_IN = re.compile(
    r"\b(?:killed|dead|died|injured|wounded|hurt|hospitali[sz]ed)\s+(?:in|near)\s+(?:the\s+)?"
    r"(?:(?:city|town|village)\s+of\s+)?$",
    re.I,
)


def _toll_in(clause: Clause, hits: list[PlaceHit]) -> list[PlaceHit]:
    """The one place a clause's toll is told in, after its verb ("four were injured in the
    Mykolaiv region"); none when the clause tells more than one place."""
    told = [
        h
        for h in hits
        if _TOLL_IN.search(clause.text, 0, max(0, h.span[0] - clause.start_char)) is not None
    ]
    return told if len(told) == 1 and len(hits) == 1 else []


def _toll_place(doc: Doc, clause: Clause, attacker: str | None) -> list[PlaceHit]:
    """The place a toll clause with no attack word opens with, or tells its toll in, where
    the attack hit."""
    hits = places_hit(doc, clause.span, attacker, report=True)
    return _opening(clause, hits) or _toll_in(clause, hits)


def _tally_place(frame: Frame, c: Count, clause: Clause, hits: list[PlaceHit]) -> None:
    """Note a casualty figure under the place its clause opens with ("In Kharkiv, 12 were
    hurt"), tells its toll in ("four were injured in the Mykolaiv region"), or hits with the
    toll after it ("a missile hit a block in Uman, killing 17"); "hurt there" is the place
    told last. A figure told with the place further on is not one of a city-by-city list."""
    told = _opening(clause, hits)
    if not told and TOLL_RISE.search(clause.sentence_text) is None:
        # (a risen toll is the place's total again, not a share of the attack's)
        told = _toll_in(clause, hits) or _hit_then_toll(clause, hits, c)
    key = frozenset(h.place.oblast or h.place.name for h in told if not h.care)
    if not key and not hits and _THERE.search(clause.text):
        key = frame.last_place
    if key:
        tally = frame.by_place.setdefault(c.what, {})
        tally[key] = max(tally.get(key, 0), c.qty.min or 0)
        frame.last_place = key


# A toll told of the place just named: "four people were hurt there".
_THERE = re.compile(r"\b(?:killed|dead|died|injured|wounded|hurt)\s+there\b", re.I)
# The participle that joins an attack on one place to its toll: "hit a block in Uman, killing".
_THEN_TOLL = re.compile(r"^[^;]*,\s+(?:killing|injuring|wounding)\b", re.I)


def _hit_then_toll(clause: Clause, hits: list[PlaceHit], c: Count) -> list[PlaceHit]:
    """The one place an attack clause hits, when the toll follows it in a participle ("One
    missile hit a nine-storey building in Uman, killing 17 people")."""
    if not clause.attack or len(hits) != 1 or hits[0].span[1] > c.span[0]:
        return []
    between = clause.text[hits[0].span[1] - clause.start_char : c.span[0] - clause.start_char]
    return hits if _THEN_TOLL.search(between) else []


def _sum_places(frame: Frame) -> None:
    """Casualties told city by city in clauses of their own are the attack's sum: "In Kyiv,
    four were injured ... In Kharkiv, 12 people were hurt" is 16 injured. Not when the places
    overlap (a city's figure told again inside its region's or the country's)."""
    s = frame.strike
    for what, tally in frame.by_place.items():
        keys = list(tally)
        if len(keys) < 2 or any(a & b for a, b in itertools.combinations(keys, 2)):
            continue
        total = sum(tally.values())
        have = getattr(s, what)
        if have is None or total > have:
            setattr(s, what, total)


def _last_of(counts: list[Count], what: str) -> Count | None:
    """The last count of a kind in a clause."""
    return next((c for c in reversed(counts) if c.what == what), None)


def _points_back(clause: Clause, span: tuple[int, int]) -> bool:
    a, b = span[0] - clause.start_char, span[1] - clause.start_char
    word = clause.text[a:b].lower()
    return word in _GENERIC_SITES and _BACK.search(clause.text, max(0, a - 8), a) is not None


def _spans(qty: Qty, have: Qty | None) -> bool:
    """A range told after a figure it holds, reconciling the figures told ("595 drones ... in
    all between 593 and 595 drones"): the attack's count is the range."""
    if have is None or have.exact is None or qty.min is None or qty.max is None:
        return False
    return qty.min < qty.max and qty.min <= have.exact <= qty.max


def _superseded(c: Count, cur: Frame | None, clause: Clause) -> bool:
    """A weapon figure told as an earlier one ("an earlier version of this story said 60
    drones") after the attack's figure: not another attack, and not its count."""
    if cur is not None and c.what in ("killed", "injured"):
        # "officials had put the toll at 16" after the attack's toll of 31: the earlier figure
        return getattr(cur.strike, c.what) is not None and _old_figure(c, clause)
    if cur is None or c.what not in ("drone", "missile"):
        return False
    fld = "drones" if c.what == "drone" else "missiles"
    have = getattr(cur.strike, fld if c.role in ("launched", "both", "hit") else f"{fld}_downed")
    return have is not None and _old_figure(c, clause)


def _old_figure(c: Count, clause: Clause) -> bool:
    """An earlier figure: the toll rose from it ("climbed from the seven dead"), or the stretch
    of the clause between commas that holds it says so ("four dead in the first reports, then
    five dead": only the four)."""
    text, at = clause.text, c.span[0] - clause.start_char
    if _FROM_BEFORE.search(text, max(0, at - 12), at) is not None:
        return True
    if _OLD_VERSION.search(text, 0, at) is not None or _HEARSAY.search(text, 0, at) is not None:
        return True
    return _in_stretch(OLD_FIGURE, c, clause)


# A figure a post or a video online claims, as a fact-check quotes it before its verdict ("A
# post shared thousands of times claims that 50 people were killed"): it stands only until
# the text tells the toll it found.
_HEARSAY = re.compile(
    r"\b(?:posts?|videos?|messages?|users?|bloggers?|channels?|rumou?rs?)\b[^;.]{0,60}?"
    r"\b(?:claims?|claimed|claiming|alleges?|alleged|alleging)\s+(?:that\s+)?[^;]*$",
    re.I,
)


# What an earlier version of the story said, however far in its sentence: "an earlier version
# of this report, citing a preliminary statement, said three people had been killed".
_OLD_VERSION = re.compile(
    r"\b(?:earlier|previous|first)\s+(?:version|report)\b[^;]*?\b(?:said|reported|gave|put|stated)\b"
    r"[^;]*$",
    re.I,
)


def _own_claim(s: ExtractedStrike, clause: Clause) -> bool:
    """Whether the clause is the attacker's own account of the combatants its strike killed."""
    if _COMBATANTS.search(clause.text) is None:
        return False
    m = _OWN_CLAIM.search(clause.sentence_text)
    return m is not None and s.attacker is not None and m.lastgroup == s.attacker


def _in_stretch(pat: re.Pattern[str], c: Count, clause: Clause) -> bool:
    """Whether `pat` is found in the stretch of the clause between commas that holds `c`."""
    text, at = clause.text, c.span[0] - clause.start_char
    start = max(text.rfind(sep, 0, at) for sep in ",;:") + 1
    ends = [e for e in (text.find(sep, at) for sep in ",;:") if e >= 0]
    return pat.search(text, start, min(ends, default=len(text))) is not None


_SIDES = re.compile(r"\b(?:russia|russian|ukrain\w*|kyiv|kiev|moscow)\b", re.I)


def _neighbours_count(c: Count, clause: Clause) -> bool:
    """Whether the stretch of the clause before count `c` names a neighbouring state and
    neither side of the war: the neighbour speaks of it."""
    text, at = clause.text, c.span[0] - clause.start_char
    start = max(text.rfind(sep, 0, at) for sep in ",;:") + 1
    if NEIGHBOUR_NAMED.search(text, 0, at) is None:
        return False
    return _SIDES.search(text, start, at) is None and _SIDES.search(text, 0, at) is None


def _built(hit: PlaceHit) -> bool:
    """A place known only by construction ("the village of X"): not in the gazetteer."""
    ref = hit.place
    return ref.kind == "settlement" and ref.oblast is None and _place_ref(ref.name) is None


def _region_told(s: ExtractedStrike, hit: PlaceHit) -> bool:
    """Whether the strike already has a place in the oblast of `hit` (the hurt taken to a
    hospital in the region's city may have been hurt there too)."""
    want = hit.place.oblast or hit.place.name
    refs = (_place_ref(name) for name in s.places)
    return any(ref is not None and (ref.oblast or ref.name) == want for ref in refs)


def _place_ref(name: str) -> PlaceRef | None:
    """The gazetteer entry of a place name as a strike lists it ("Sumy", "Sumy Oblast")."""
    idx = place_index()
    return idx.lookup(name, False) or idx.lookup(name.removesuffix(" Oblast"), True)


def _attacker_told(cur: Frame | None, clause: Clause) -> None:
    """An attack clause with no figure, place or target still names who attacked in the
    attack being told, when no side was named yet ("The toll from Saturday's attack on
    Belgorod rose to 25. Russia's defence ministry said Ukraine had fired rockets at the
    city")."""
    if cur is None or not cur.facts or cur.attacker is not None or cur.contested:
        return
    if clause.attacker is None or clause.attacker_span is None or clause.contested:
        return
    if clause.new_event or clause.item or fold_of(clause.text).search(BACKGROUND):
        return
    cur.strike.attacker = clause.attacker
    cur.strike.note("attacker", clause.attacker_span)
    _weapons(cur.strike, clause)  # "... had fired Vilkha rockets at the city": its weapons


def _weapons_told(cur: Frame | None, clause: Clause, cue: DateCue | None, early: list[str]) -> None:
    """An attack clause with no figure, place or target still tells the weapons of the attack
    being told ("two guided bombs exploded where people had gathered"), or, before any, of the
    first one ("Zaporizhzhia glide-bomb strike - live updates")."""
    named = weapons_named(clause.toks)
    if not named:
        return
    if cur is None:
        early.extend(w for w in named if w not in early)


def _weapons(s: ExtractedStrike, clause: Clause) -> None:
    lex = lexicon()
    for tok in clause.toks:
        w = tok.lower_
        if (w in lex.ru_weapons or w in lex.ua_weapons) and tok.text not in s.models:
            s.models.append(tok.text)
    for cls in weapons_named(clause.toks):
        if cls not in s.weapons:
            s.weapons.append(cls)


def _kept(f: Frame) -> bool:
    """Whether a frame holds enough to be a strike."""
    s = f.strike
    return bool(
        s.drones
        or s.missiles
        or s.drones_downed is not None
        or s.missiles_downed is not None
        or s.killed is not None
        or s.injured is not None
        or s.places
        or (f.event and s.targets)
    )


def _fold_target(f: Frame, into: dict[int, Frame]) -> Frame | None:
    """The frame `f` tells more of, or None when `f` is an attack of its own."""
    p = f.prev
    while p is not None and id(p) in into:
        p = into[id(p)]
    if p is None or not f.anaphor or not _kept(p) or f.apart is not None:
        return None
    a, b = p.strike, f.strike
    if a.attacker and b.attacker and a.attacker != b.attacker:
        return None
    if f.nights and (a.date is None or a.date not in f.nights):
        return None  # "the attack resumed on the night into Thursday": another night
    if a.date is not None and b.date is not None:
        days = (b.date - a.date).days
        if days < -1 or (days > 1 and not f.weekday):
            return None  # "in the morning of 31 July" after 20 August: an earlier attack
    for fld in ("drones", "missiles"):
        mine, theirs = getattr(a, fld), getattr(b, fld)
        clash = mine is not None and theirs is not None and mine != theirs
        if clash and fld.removesuffix("s") not in f.weak:
            return None  # a firm count of its own: another attack (a weak one is dropped)
    for fld in ("drones_downed", "missiles_downed"):
        mine, theirs = getattr(a, fld), getattr(b, fld)
        if mine is not None and theirs is not None and mine != theirs:
            return None
    return p


def _fold_into(p: Frame, f: Frame) -> None:
    """Fold frame `f` into `p`: the same attack, told on; evidence spans carried over."""
    a, b = p.strike, f.strike
    if a.date is None and b.date is not None:
        a.overnight = b.overnight  # the night or the day, with the date it goes with
    taken = set()
    for fld in ("attacker", "date", "drones", "missiles", "drones_downed", "missiles_downed"):
        if getattr(a, fld) is None and getattr(b, fld) is not None:
            setattr(a, fld, getattr(b, fld))
            taken.add(fld)
            a.evidence[fld] = list(b.evidence.get(fld, []))
    for fld in ("killed", "injured"):
        have, new = getattr(a, fld), getattr(b, fld)
        if new is None or (fld in f.old and have is not None):
            continue  # an earlier figure does not replace the toll told
        if have is None or new > have or fld in p.old or fld in f.corrected:  # a later toll
            setattr(a, fld, new)
            a.evidence[fld] = list(b.evidence.get(fld, []))
            if fld not in f.old:
                p.old.discard(fld)
    for lst in ("places", "targets", "weapons", "models"):
        mine = getattr(a, lst)
        mine.extend(x for x in getattr(b, lst) if x not in mine)
    for key in ("places", "targets"):
        for span in b.evidence.get(key, []):
            a.note(key, span)
    a.claimed_by = a.claimed_by or b.claimed_by
    p.singles.merge(f.singles)
    p.weak |= {w for w in ("drone", "missile") if w in f.weak and w + "s" in taken}
    p.event = p.event or f.event
    p.massive = p.massive or f.massive
    p.reported = p.reported or f.reported
    p.facts = True


def _fold(frames: list[Frame]) -> list[Frame]:
    """One attack told over several sentences is one strike: fold frames that point back."""
    into: dict[int, Frame] = {}
    out: list[Frame] = []
    for f in frames:
        p = _fold_target(f, into) if _kept(f) else None
        if p is None:
            out.append(f)
            continue
        _fold_into(p, f)
        into[id(f)] = p
    return out


def _bare_toll(f: Frame) -> bool:
    """A frame that holds only a casualty figure: no weapon, count, place or target of its
    own ("Rescuers had found 18 bodies by Tuesday morning")."""
    s = f.strike
    return (
        not f.other
        and (s.killed is not None or s.injured is not None)
        and not (s.drones or s.missiles or s.places or s.targets or s.weapons)
        and s.drones_downed is None
        and s.missiles_downed is None
    )


def _fold_tolls(frames: list[Frame]) -> list[Frame]:
    """A toll told on its own is the toll of the attack told beside it (before it, or else
    after it), when there is one of the same side within a day or two, not another attack."""
    out: list[Frame] = []
    for n, f in enumerate(frames):
        if not _bare_toll(f):
            out.append(f)
            continue
        near = [g for g in (*reversed(frames[:n]), *frames[n + 1 :]) if _kept(g)]
        near = [g for g in near if not _bare_toll(g)]
        p = next((g for g in near if _toll_of(f, g)), None)
        if f.rise:  # "bringing the number of dead to 17": the toll of the deadly attack told
            p = next((g for g in near[:n] if _toll_of(f, g, None) and g.strike.killed), p)
        if p is None:
            out.append(f)
            continue
        for fld in ("killed", "injured"):
            have, new = getattr(p.strike, fld), getattr(f.strike, fld)
            fixed = fld in f.corrected
            if new is not None and (have is None or new > have or fld in p.old or fixed):
                setattr(p.strike, fld, new)
                p.strike.evidence[fld] = list(f.strike.evidence.get(fld, []))
                p.old.discard(fld)
    return out


def _toll_of(f: Frame, g: Frame, days: int | None = 2) -> bool:
    a, b = f.strike, g.strike
    if a.attacker and b.attacker and a.attacker != b.attacker:
        return False
    if days is None or a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= days


# An explainer tells how a weapon works, not what it hit: a label ("Explainer:", "a short
# guide to") or questions it answers ("What is a KAB? ... How many are used? ...").
EXPLAINER = re.compile(
    r"\A\s*(?:explainer|factbox|q\s*&\s*a)\b|\A[^\n]{0,120}?\b(?:a\s+(?:short\s+)?guide\s+to|"
    r"what\s+you\s+need\s+to\s+know|explained)\b",
    re.I,
)
_QUESTION = re.compile(
    r"(?:^|(?<=[.!?:]\s))(?:what|why|how|who|are|is|can|does|do|where)\s[^.?!\n]{3,120}\?",
    re.I | re.M,
)


def _explainer(text: str) -> bool:
    """Whether `text` is an explainer: labelled as one, or asking two questions it answers."""
    if EXPLAINER.search(text):
        return True
    return len(_QUESTION.findall(text)) >= 2


def _general(s: ExtractedStrike) -> bool:
    """A strike read from an explainer's general account ("it is used mainly as a decoy",
    "what flies at night"): no toll, nothing counted beyond one, and no day or no place."""
    counted = [q for q in (s.drones, s.missiles) if q is not None and (q.min or q.max or 0) > 1]
    told = s.killed is not None or s.injured is not None or bool(counted)
    return not told and (s.date is None or not s.places)


# A place the text says was spared: "the capital itself was not hit" under "Drones hit Kyiv".
NOT_HIT = re.compile(
    r"\b(?P<p>[A-Z][\w'’-]+|the\s+capital)\s+(?:itself\s+)?(?:was|were)\s+not\s+"
    r"(?:hit|struck|attacked|targeted|damaged)\b|"
    # "In Kyiv, where sirens sounded for the first time in 51 days, there were no hits"
    r"\b[Ii]n\s+(?P<q>[A-Z][\w'’-]+),[^.;]{0,100}?\b(?:there\s+(?:were|was)\s+no\s+"
    r"(?:hits|damage)|no\s+(?:hits|damage)\s+(?:was|were)\s+reported)\b"
)


def _spared(text: str) -> set[str]:
    """The places `text` says were not hit."""
    out: set[str] = set()
    for m in NOT_HIT.finditer(text):
        told = m["p"] or m["q"]
        name = "Kyiv" if told.lower().endswith("capital") else told
        ref = _place_ref(name)
        if ref is not None:
            out.add(ref.name)
    return out


def _finish(
    frames: list[Frame],
    published: date,
    early: list[str],
    explainer: bool = False,
    spared: set[str] | None = None,
) -> list[ExtractedStrike]:
    """The strikes kept, folded and completed; `early` are the weapons told before the first
    attack with facts (a headline's "glide-bomb strike"), which are that attack's. An
    explainer keeps only the attacks it dates or tolls."""
    out: list[ExtractedStrike] = []
    for f in frames:
        if f.apart is not None and not f.strike.places:
            f.strike.places.extend(f.apart.strike.places)
    for f in _fold_tolls(_fold(frames)):
        s = f.strike
        _one_at_a_time(f)
        if not _kept(f) or (explainer and _general(s)):
            continue
        if spared:
            s.places = [p for p in s.places if p not in spared]
        if not out and f.first:
            s.weapons.extend(w for w in early if w not in s.weapons)
        if s.date is None and f.first and not f.past:
            s.date = shift(published, -1) if f.massive else published
            s.overnight = f.massive
        if s.date is None and f.reported is not None and not f.past:
            s.date = f.reported.value  # the report's day: within a day of the attack
            s.note("date", (f.reported.start, f.reported.end))
        if s.date is None and not f.past and not f.background and s.places:
            s.date = shift(published, -1) if f.massive else published
            s.overnight = f.massive
        if s.attacker is None and not f.contested:
            s.attacker = _side_from_places(s)
        if s.drones and "drones" not in s.weapons:
            s.weapons.append("drones")
        if s.missiles and "missiles" not in s.weapons:
            s.weapons.append("missiles")
        s.weapons.sort(key=WEAPON_CLASSES.index)
        out.append(s)
    return out


def _one_at_a_time(f: Frame) -> None:
    """An attack whose only figure is a weapon told with "a": as many as it told one at a
    time ("a drone hit a minibus ... earlier an FPV drone hit a house" is two), none when it
    also told them in the plural without counting them off (`singles`)."""
    s = f.strike
    for weapon, fld in (("drone", "drones"), ("missile", "missiles")):
        if weapon not in f.weak or getattr(s, fld) != ONE:
            continue
        told = f.singles.figure(weapon)
        if told is None:
            continue
        qty, spans = told
        setattr(s, fld, qty)
        s.evidence[fld] = spans


def _side_from_places(s: ExtractedStrike) -> str | None:
    sides = set()
    for name in s.places:
        ref = _place_ref(name)
        if ref is not None and ref.country in ("RU", "UA"):
            sides.add(ref.country)
    if sides == {"RU"}:
        return "UA"
    if sides == {"UA"}:
        return "RU"
    return None
