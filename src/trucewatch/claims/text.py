"""Claims from news text: the extractor's kept/broken pledges and the statements behind them.

The extractor (``trucewatch.extract``, not changed here) marks a pledge ``claimed_kept`` or
``claimed_broken`` and notes the words that say so. This module turns each into a
:class:`~trucewatch.model.Claim`: the sentence that carries it is the statement, the speaker is
found by attribution ("Peskov said", "said President Zelensky", "he said" after a named
speaker), and a window ("from Sunday to Sunday", "until 1 February", "since the night of 29 to
30 January"), a count ("more than 120 times") and the targets and places named go with it. An
agreed pledge whose window a named speaker states is a ``window`` claim: that speaker's reading.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from trucewatch.extract.dates import find_dates
from trucewatch.extract.lexicon import lexicon
from trucewatch.extract.numbers import word_value
from trucewatch.extract.results import ExtractedPledge, Extraction
from trucewatch.model import (
    KYIV,
    Claim,
    ClaimAssertion,
    Quantity,
    Report,
    SourceKind,
    TimePrecision,
)
from trucewatch.times import kyiv_midnight

__all__ = ["Attribution", "attributions", "claim_id", "claims_from_extraction", "find_window"]


_ASSERTS = {"claimed_kept": ClaimAssertion.KEPT, "claimed_broken": ClaimAssertion.BROKEN}
_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|stated|states|claimed|claims|insisted|insists|answered|replied|"
    r"accused|accuses|announced|announces|added|adds|wrote|writes|argued|maintained|notes|"
    r"noted|pointed\s+out)\b"
)
# A live-blog line "15:40 Commander-in-chief Oleksandr Syrskyi: by 8 p.m. ..." names its speaker.
_COLON = re.compile(r"(?m)^[ \t]*(?:\d{1,2}:\d{2}[ \t]+)?(?P<who>[A-Z][^:\n.]{2,60}):[ \t]")
_PRONOUN = re.compile(r"\b(?:he|she|they|it|we)\s*$", re.I)
_NAME = re.compile(r"(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+\s*$")
_TITLES = frozenset(
    [
        "President",
        "Prime",
        "Minister",
        "Foreign",
        "Defence",
        "Defense",
        "Deputy",
        "Secretary",
        "Spokesman",
        "Spokeswoman",
        "Kremlin",
        "Envoy",
        "Special",
        "General",
        "Chancellor",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)
_NOT_PERSON = frozenset(
    [
        "russia",
        "russian",
        "russians",
        "moscow",
        "kremlin",
        "ukraine",
        "ukrainian",
        "ukrainians",
        "kyiv",
        "kiev",
        "washington",
        "house",
        "states",
        "american",
        "americans",
        "u.s.",
        "us",
    ]
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z])|\s*\n\s*")
_WORDNUM = (
    r"\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred"
)
_COUNT = re.compile(
    r"\b(?:(?P<bound>more\s+than|over|at\s+least|nearly|almost|about|around|some|up\s+to|"
    rf"fewer\s+than|less\s+than)\s+)?(?P<n>{_WORDNUM})\s+(?:times|violations)\b",
    re.I,
)
_OPEN_ABOVE = ("more", "over", "at")
_OPEN_BELOW = ("up", "nearly", "almost", "fewer", "less")
_DAYEXPR = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\.?(?:\s+20\d\d)?|[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,?\s+20\d\d)?)"
)
_FROM_TO = re.compile(
    rf"\bfrom\s+(?P<a>{_DAYEXPR})\s+(?:to|until|till|through)\s+(?P<b>{_DAYEXPR})", re.I
)
_NIGHT_FROM = re.compile(
    r"\b(?:since|from|starting)\s+(?:the\s+)?night\s+of\s+(?P<a>\d{1,2})\s*(?:to|into|-|–|and)\s*"
    r"(?P<b>\d{1,2}\s+[a-z]+)",
    re.I,
)
_SINCE = re.compile(rf"\b(?:since|starting|from)\s+(?P<a>{_DAYEXPR})", re.I)
_UNTIL = re.compile(rf"\b(?:until|till|through)\s+(?P<b>{_DAYEXPR})", re.I)
_WEEK = re.compile(r"\bfor\s+(?:a|one)\s+week\b|\bweek-long\b", re.I)
_DAYS = re.compile(r"\bfor\s+(?P<n>\d+|[a-z]+)\s+days\b", re.I)


@dataclass(frozen=True)
class Attribution:
    """A speech verb in a text with who spoke: a party code and, when named, the person."""

    at: int
    party: str | None
    person: str | None
    pronoun: bool


def claim_id(*parts: object) -> str:
    """A claim id from what identifies it: ``c-`` and 16 hex digits."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return "c-" + digest[:16]


def _party_in(phrase: str) -> str | None:
    words = re.findall(r"[A-Za-z][\w.]*(?:'s|’s)?", phrase)
    found = None
    for w in words:
        code = lexicon().party_of(re.sub(r"(?:'s|’s)$", "", w))
        if code is not None:
            found = code
    return found


def _person(phrase: str) -> str | None:
    m = _NAME.search(phrase)
    if m is None:
        return None
    words = m.group(0).split()
    while words and words[0].rstrip(".") in _TITLES:
        words = words[1:]
    if not words or words[-1].lower().rstrip("'’s") in _NOT_PERSON:
        return None
    return " ".join(words)


def attributions(text: str) -> list[Attribution]:
    """Every speech verb with its speaker: the phrase before it, or after it when inverted."""
    out: list[Attribution] = []
    for m in _COLON.finditer(text):
        who = m.group("who")
        party = _party_in(who)
        if party is not None:
            out.append(Attribution(m.start("who"), party, _person(who + " "), False))
    for m in _SPEECH.finditer(text):
        window = text[max(0, m.start() - 120) : m.start()]
        window = re.split(r"[.;:!?\"“”\n]", window)[-1]
        parts = [p for p in window.split(",") if p.strip()] or [""]
        words = parts[-1].split()[-6:]
        subject = " ".join(words)
        pronoun = bool(_PRONOUN.search(subject)) and len(words) <= 2
        party = None if pronoun else _party_in(subject)
        person = None if pronoun else _person(subject)
        if party is None and not pronoun and len(parts) >= 2 and window.rstrip().endswith(","):
            # "Russia's defence ministry, for its part, accused ...": skip the aside
            head = " ".join(parts[-2].split()[-6:])
            party, person = _party_in(head), _person(head + " ")
        if party is None and not pronoun and re.search(r"[,\"”]\s*$", text[: m.start()]):
            after = re.split(r"[.;:,!?]", text[m.end() : m.end() + 60])[0]
            party, person = _party_in(after), _person(after + " ")
            person = person or _person_ahead(after)
        if party is not None and person is None:
            person = _person_ahead(subject)
        if party is not None or pronoun:
            out.append(Attribution(m.start(), party, person, pronoun))
    return sorted(out, key=lambda a: a.at)


def _person_ahead(phrase: str) -> str | None:
    """The last capitalised name in a phrase that names a person ("spokesman Dmitry Peskov")."""
    names = re.findall(r"(?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+", phrase)
    for name in reversed(names):
        person = _person(name)
        if person is not None and lexicon().party_of(person.split()[-1]) is not None:
            return person
    return None


def _speaker(
    found: list[Attribution], sentence: tuple[int, int], previous_start: int
) -> Attribution | None:
    """Who made the statement in ``sentence``: an attribution in it, else just before it."""
    lo, hi = sentence
    inside = [a for a in found if lo <= a.at < hi]
    named = [a for a in inside if not a.pronoun]
    if named:
        return named[0]
    earlier = [a for a in found if a.at < lo and not a.pronoun]
    if inside or (earlier and earlier[-1].at >= previous_start):
        return earlier[-1] if earlier else None
    return None


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text (a plain splitter: the statement is quoted whole)."""
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text.rstrip())))
    return [(a, b) for a, b in out if b > a]


def _day(expr: str, ref: date) -> date | None:
    cues = [c for c in find_dates(expr, ref, future_ok=True) if c.value is not None]
    return cues[0].value if cues else None


def _is_weekday(expr: str) -> bool:
    return expr.strip().lower() in (
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    )


def find_window(text: str, ref: date, days: int | None = None) -> tuple[date | None, date | None]:
    """The first and last day of a window a statement gives (inclusive), either may be None.

    "from Sunday to Sunday" said on a Tuesday is the two Sundays before it; "since the night of
    29 to 30 January" starts on 30 January (midnight going into the second day); "for a week,
    until 1 February" ends on 1 February and starts seven days before the day after it.
    """
    start: date | None = None
    end: date | None = None
    m = _FROM_TO.search(text)
    if m:
        start, end = _day(m.group("a"), ref), _day(m.group("b"), ref)
        if start is not None and end is not None and start >= end and _is_weekday(m.group("a")):
            start = end - timedelta(days=7)
    if start is None:
        night = _NIGHT_FROM.search(text)
        if night:
            start = _day(night.group("b"), ref)
        else:
            since = _SINCE.search(text)
            start = _day(since.group("a"), ref) if since else None
    if end is None:
        until = _UNTIL.search(text)
        end = _day(until.group("b"), ref) if until else None
    if days is None:
        days = 7 if _WEEK.search(text) else None
        n = _DAYS.search(text)
        if n:
            days = word_value(n.group("n"))
    if days:
        if start is None and end is not None:
            start = end + timedelta(days=1 - days)
        elif end is None and start is not None:
            end = start + timedelta(days=days - 1)
    return start, end


def find_count(text: str) -> Quantity | None:
    """A claimed number of breaches: "more than 120 times" -> {120, None}."""
    m = _COUNT.search(text)
    if m is None:
        return None
    n = word_value(m.group("n"))
    if n is None:
        return None
    bound = (m.group("bound") or "").lower().split()
    if bound and bound[0] in _OPEN_ABOVE:
        return Quantity(min=n, max=None)
    if bound and bound[0] in _OPEN_BELOW:
        return Quantity(min=None, max=n)
    return Quantity.exact(n)


_FALLBACK = {SourceKind.OFFICIAL_UA: "UA", SourceKind.OFFICIAL_RU: "RU"}


def claims_from_extraction(found: Extraction, report: Report, day: date) -> list[Claim]:
    """Claims in one extracted text (see the module docstring); none when it makes none."""
    text = found.text
    spans = sentences(text)
    speech = attributions(text)
    out: dict[str, Claim] = {}
    for pledge in found.pledges:
        made = _claim(pledge, text, spans, speech, report, day)
        if made is None:
            continue
        if made.id in out:  # one statement split by the extractor into places and targets
            old = out[made.id]
            made = old.model_copy(
                update={
                    "targets": tuple(dict.fromkeys(old.targets + made.targets)),
                    "places": tuple(dict.fromkeys(old.places + made.places)),
                }
            )
        out[made.id] = made
    return list(out.values())


def _claim(
    pledge: ExtractedPledge,
    text: str,
    spans: list[tuple[int, int]],
    speech: list[Attribution],
    report: Report,
    day: date,
) -> Claim | None:
    cues = pledge.evidence.get("status") or []
    if not cues:
        return None
    cue = cues[0]
    i = next((k for k, (a, b) in enumerate(spans) if a <= cue[0] < b), None)
    if i is None:
        return None
    lo, hi = spans[i]
    prev_lo = spans[i - 1][0] if i > 0 else lo
    who = _speaker(speech, (lo, hi), prev_lo)
    asserts = _ASSERTS.get(pledge.status)
    start, end = find_window(text[lo:hi], day, pledge.duration_days)
    if asserts is None:
        # An agreed pledge is a claim only when a speaker named in the same sentence gives its
        # window in words: "Peskov said Putin agreed ... for a week, until 1 February".
        named_here = who is not None and lo <= who.at < hi
        if pledge.status != "agreed" or not named_here or (start is None and end is None):
            return None
        asserts = ClaimAssertion.WINDOW
    elif start is None and end is None and i > 0 and who is not None and who.at < lo:
        start, end = find_window(text[prev_lo:hi], day, pledge.duration_days)
        if start is not None or end is not None:
            lo = prev_lo
    speaker = who.party if who is not None else _FALLBACK.get(report.source_kind)
    said = kyiv_midnight(day)
    return Claim(
        id=claim_id(report.id, lo, hi, asserts.value, pledge.party),
        speaker=speaker,
        person=who.person if who is not None else None,
        said=said,
        said_precision=TimePrecision.DAY,
        tz=KYIV,
        statement=" ".join(text[lo:hi].split()),
        asserts=asserts,
        about=pledge.party,
        count=find_count(text[lo:hi]) if asserts is ClaimAssertion.BROKEN else None,
        targets=tuple(pledge.targets),
        places=tuple(pledge.places),
        start=kyiv_midnight(start) if start else None,
        end=kyiv_midnight(end) + timedelta(days=1) if end else None,
        broker=pledge.broker,
        report=report.id,
        source=report.source,
        url=report.url,
        span=(lo, hi),
    )


def said_day(claim: Claim) -> datetime:
    """The instant up to which a claim can speak: the end of its day when known to the day."""
    if claim.said_precision in (TimePrecision.MINUTE, TimePrecision.HOUR):
        return claim.said
    return claim.said + timedelta(days=1)
