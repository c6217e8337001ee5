"""Date expressions in news text, resolved against the publication date (Kyiv-local days)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trucewatch.extract.fold import Gate, fold_of, holds

__all__ = [
    "MONTHS",
    "REPORT_KINDS",
    "DateCue",
    "dateline_day",
    "find_dates",
    "shift",
    "year_anchors",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WD2 = r"(?P<wd2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
# "the night of 7 to 8 May", "overnight from 7-8 May", "night of 31 May to 1 June"
_NIGHT_OF = r"(?:of\s+|from\s+|on\s+)?(?:the\s+)?"
_TO = r"(?:to|into|-|–|and|/)"
_YEAR = r"(?:,?\s+(?P<year>20\d\d))?"
_REPORT_VERBS = (
    r"said|says|say|told|tells|reported|reports|announced|confirmed|added|claimed|wrote|"
    r"stated|posted|warned|accused|denied|insisted|urged|published|released|"
    # the end of a search or a count is told after the attack, not its day
    r"ended|finished|completed|concluded"
)

# A day a finding was published on ("On 19 September The New York Times published an
# investigation"): a report's day. Not one said or reported on, which is often the attack's
# ("on 22 January, the General Staff reported hits on the terminal"). The words between are
# none of them an attack's verb ("On 19 September drones hit Kyiv").
_PUBLISHED = r"(?:published|released|made\s+public)\b"
_TELLER = (
    r"(?:(?!(?:struck|hit|hits|attacked|launched|fired|shelled|killed|injured|wounded|"
    r"bombed|targeted|shot|destroyed|damaged|pounded)\b)[\w'’.-]+\s+){0,4}?"
)
# A casualty toll updated on a day ("raised the death toll ... to 89 on Wednesday", "the toll
# rose to 17 on Thursday") or a death on a day ("a woman died on 11 September"): the day is
# when the toll was told, not when the attack began.
_TOLL_ON = (
    r"\b(?:toll|number\s+of\s+(?:people\s+)?(?:dead|killed|injured|wounded))\b[^.;]{0,80}?"
    r"\b(?:to|at)\s+[\w,-]+\s+"
)
_DIED_ON = r"\b(?:died|succumbed)\s+(?:[\w'’-]+\s+){0,5}?"
_DM = rf"{_DAY}\s+(?:of\s+)?{_MON}{_YEAR}"
_MD = rf"{_MON}\s+{_DAY}(?!\d){_YEAR}"

# A clock time in Moscow time on a day ("at 00:01 Moscow time on 1 January"): its Kyiv day,
# which is the day before when Moscow's clock is past midnight and Kyiv's not yet.
_MSK_CLOCK = (
    r"\b(?P<hh>[0-2]?\d)[:.](?P<mm>[0-5]\d)\s*(?:a\.m\.\s+|am\s+)?\(?(?:moscow\s+time|msk)\)?"
    r",?\s+on\s+"
)

_SMALL_CLOCK = (
    r"\b(?:at|from|since|after|around|about|by)\s+(?:about\s+|around\s+)?"
    r"(?:0?[0-4][:.][0-5]\d(?:\s*a\.?m\.?)?|[1-4]\s*a\.?m\.?)\s+(?:on\s+)?"
)

_YEARS_AGO = {
    **dict.fromkeys(("a", "one"), 1),
    **{w: i + 2 for i, w in enumerate(("two", "three", "four", "five", "six", "seven"))},
    **{"eight": 8, "nine": 9, "ten": 10},
    **{str(n): n for n in range(1, 20)},
}
_AGO = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, **{str(n): n for n in range(2, 7)}}

# Ordered: the first pattern to match a stretch of text wins it.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "report",
        re.compile(
            rf"\b(?:{_REPORT_VERBS})\s+(?:late\s+|early\s+)?on\s+{_WD}\b",
            re.I,
        ),
    ),
    (
        "report",
        re.compile(
            rf"\bon\s+{_WD}\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_REPORT_VERBS}|turned|told|confirmed)\b"
            # "claimed the lives of four": what the attack did, not who told it
            r"(?!\s+the\s+lives\b)",
            re.I,
        ),
    ),
    ("report", re.compile(rf"\b(?:{_REPORT_VERBS})\s+{_WD}\b", re.I)),
    ("report", re.compile(rf"(?:{_TOLL_ON}|{_DIED_ON})(?P<cue>on\s+{_WD})\b", re.I)),
    ("report_day", re.compile(rf"\bon\s+{_DM},?\s+{_TELLER}{_PUBLISHED}", re.I)),
    ("report_day", re.compile(rf"\bon\s+{_MD},?\s+{_TELLER}{_PUBLISHED}", re.I)),
    ("report_day", re.compile(rf"(?:{_TOLL_ON}|{_DIED_ON})(?P<cue>on\s+{_DM})", re.I)),
    ("report_day", re.compile(rf"(?:{_TOLL_ON}|{_DIED_ON})(?P<cue>on\s+{_MD})", re.I)),
    (
        "night_dates",
        re.compile(
            rf"\b(?:overnight|night)\s+{_NIGHT_OF}{_DAY}\s+{_MON}\s*{_TO}\s*{_DAY2}\s+{_MON2}{_YEAR}",
            re.I,
        ),
    ),
    (
        "night_dates",
        re.compile(
            rf"\b(?:overnight|night)\s+{_NIGHT_OF}{_MON}\s+{_DAY}\s*{_TO}\s*{_MON2}\s+{_DAY2}"
            rf"(?!\d){_YEAR}",
            re.I,
        ),
    ),
    (
        "night_dates",
        re.compile(
            rf"\b(?:overnight|night)\s+{_NIGHT_OF}{_DAY}\s*{_TO}\s*{_DAY2}\s+{_MON}{_YEAR}",
            re.I,
        ),
    ),
    (
        "night_dates",
        re.compile(
            rf"\b(?:overnight|night)\s+{_NIGHT_OF}{_MON}\s+{_DAY}\s*{_TO}\s*{_DAY2}(?!\d){_YEAR}",
            re.I,
        ),
    ),
    (
        "night_weekdays",
        re.compile(
            rf"\b(?:overnight|night)\s+(?:from\s+|of\s+)?{_WD}\s+(?:into|to|and)\s+{_WD2}\b", re.I
        ),
    ),
    (
        "night_weekdays",
        re.compile(rf"\b{_WD}\s+(?:night\s+)?into\s+{_WD2}\b", re.I),
    ),
    (
        "overnight_into_date",
        re.compile(rf"\b(?:overnight|night)\s+(?:into|to|before)\s+{_DAY}\s+{_MON}{_YEAR}", re.I),
    ),
    (
        "overnight_into_date",
        re.compile(rf"\b(?:overnight|night)\s+(?:into|to|before)\s+{_MON}\s+{_DAY}{_YEAR}", re.I),
    ),
    (
        "overnight_into",
        re.compile(
            rf"\b(?:overnight|night)\s+(?:into|to|on|before)\s+{_WD}\b",
            re.I,
        ),
    ),
    ("overnight_into", re.compile(rf"\bovernight\s+{_WD}\b", re.I)),
    ("overnight_into", re.compile(rf"\b(?:early|small|wee)\s+hours\s+of\s+{_WD}\b", re.I)),
    (
        "overnight_into",
        re.compile(rf"\bearly\s+(?:on\s+)?{_WD}(?!\s+(?:morning|afternoon|evening))\b", re.I),
    ),
    # after midnight and before dawn on a day: the night into it ("From 02:00 on 11 May",
    # "shortly after midnight on Thursday"), on the day named
    # before midnight on a day is that day's evening ("shortly before midnight on Saturday")
    (
        "weekday",
        re.compile(
            rf"\b(?:shortly\s+|just\s+|a\s+little\s+)?before\s+midnight\s+(?:on\s+)?{_WD}\b",
            re.I,
        ),
    ),
    ("date", re.compile(rf"\b(?:shortly\s+|just\s+)?before\s+midnight\s+(?:on\s+)?{_DM}\b", re.I)),
    ("small_hours", re.compile(rf"\bafter\s+midnight\s+(?:on\s+)?(?:{_WD}|{_DM})\b", re.I)),
    ("small_clock", re.compile(rf"{_SMALL_CLOCK}(?:{_WD}|{_DM})\b", re.I)),
    ("small_clock", re.compile(rf"{_SMALL_CLOCK}{_MD}\b", re.I)),
    ("msk_date", re.compile(rf"{_MSK_CLOCK}{_DM}\b", re.I)),
    ("msk_date", re.compile(rf"{_MSK_CLOCK}{_MD}\b", re.I)),
    (
        "date",
        re.compile(
            rf"\b{_DAY}\s*(?:-|–|to)?\s*(?:{_DAY2}\s+)?(?:of\s+)?{_MON}{_YEAR}\b",
            re.I,
        ),
    ),
    ("date", re.compile(rf"\b{_MON}\s+{_DAY}(?:\s*(?:-|–)\s*{_DAY2})?{_YEAR}\b", re.I)),
    # written in figures: "08.05.2025", "2025-05-08"
    (
        "date",
        re.compile(
            r"\b(?P<day>[0-3]?\d)\.(?P<monnum>[01]?\d)\.(?P<year>20\d\d)\b|"
            r"\b(?P<year2>20\d\d)-(?P<monnum2>[01]\d)-(?P<day2>[0-3]\d)\b",
            re.I,
        ),
    ),
    # an anniversary names the day of an attack years before: "three years ago today", "a year
    # ago on Saturday" (not "two years ago", which names no day)
    (
        "years_ago",
        re.compile(
            r"\b(?P<ny>a|one|two|three|four|five|six|seven|eight|nine|ten|[1-9]|1\d)\s+years?\s+"
            rf"ago\s+(?:(?P<today>today|tonight|this\s+(?:morning|evening))|on\s+{_WD}|(?P<ttd>to\s+the\s+day))\b",
            re.I,
        ),
    ),
    (
        "days_ago",
        re.compile(
            r"\b(?:the\s+)?(?:day|night)\s+before\s+(?P<yday>yesterday|last\s+night)\b|"
            r"\b(?P<n>two|three|four|five|six|[2-6])\s+(?:days|nights)\s+ago\b|"
            # "a week ago", "two weeks ago": that many weeks before, to the day
            r"\b(?P<nw>a|one|two|three)\s+weeks?\s+ago\b",
            re.I,
        ),
    ),
    (
        "before",
        re.compile(
            r"\b(?:the\s+)?(?:night|day)\s+before\b|\b(?:previous|preceding)\s+night\b|"
            r"\b(?:followed|came\s+after)\s+(?:a|the)\s+night\b|"
            # "The attack on Lviv came a day after two missiles hit Poltava": the attack told
            # next is the day before the one being told
            r"\b(?:came|comes|follows|followed)\s+(?:just\s+|only\s+)?a\s+day\s+after\b",
            re.I,
        ),
    ),
    (
        "following",
        re.compile(r"\b(?:the\s+)?(?:following|next)\s+(?:night|day|morning)\b", re.I),
    ),
    ("same", re.compile(r"\b(?:the\s+)?same\s+(?:night|day|hours|time|morning|period)\b", re.I)),
    # "that night": the night last told, for an attack told without one
    ("that_night", re.compile(r"\bthat\s+night\b", re.I)),
    (
        "weekday",
        re.compile(
            rf"\b(?:late\s+|early\s+)?(?:on\s+|into\s+|by\s+|since\s+)?{_WD}(?:'s)?\b",
            re.I,
        ),
    ),
    (
        "overnight",
        re.compile(
            r"\bovernight\b|\blast\s+night\b|\bthis\s+past\s+night\b|\bduring\s+the\s+night\b|"
            # "in the early hours" is the night before the story; "in the early hours of 8 May"
            # is the day named
            r"\bpast\s+(?:day|24\s+hours)\b|\bbefore\s+midnight\b|\bat\s+night\b|"
            r"\bin\s+the\s+(?:early|small|wee)\s+hours\b(?!\s+of\b)",
            re.I,
        ),
    ),
    (
        "today",
        re.compile(
            r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\bafter\s+daybreak\b|"
            r"\bearlier\s+today\b|\btonight\b",
            re.I,
        ),
    ),
    (
        "yesterday",
        re.compile(r"\byesterday\b|\ba\s+day\s+earlier\b|\bthe\s+previous\s+day\b", re.I),
    ),
    (
        "vague",
        re.compile(
            r"\blast\s+(?:week|month|year)\b|\brecently\b|\bearlier\s+this\s+(?:month|year)\b",
            re.I,
        ),
    ),
]


# A word every pattern of a kind needs, in the lowercased text, before it is run: most texts
# name no weekday, night or figure, and a pattern opening on \b gets no fast prefix scan from
# `re`. A pattern added under a kind must hold its kind's word (else leave the kind out here).
_NEEDS: dict[str, Gate] = {
    "report": ("day",),  # a weekday
    "report_day": re.compile(r"\d"),
    "night_dates": ("night",),
    "night_weekdays": ("day",),
    "overnight_into_date": ("night",),
    "overnight_into": ("day",),
    "msk_date": ("moscow", "msk"),
    "small_hours": ("midnight",),
    "small_clock": (":", "a.m", "am "),
    "date": re.compile(r"\d"),
    "years_ago": ("ago",),
    "days_ago": ("before", "ago"),
    "before": ("before", "previous", "night", "after"),
    "following": ("following", "next"),
    "same": ("same",),
    "that_night": ("that night",),
    "weekday": ("day",),
    "overnight": ("night", "past", "hours"),
    "today": ("today", "this", "daybreak", "night"),
    "yesterday": ("day",),
    "vague": ("last", "recently", "earlier"),
}


# The day something was told on ("the air force said on Tuesday"), not the day of an attack.
REPORT_KINDS = frozenset({"report", "report_day"})


# Kinds found by their own patterns but told as another: a Moscow clock's day is a day.
_TOLD_AS = {"msk_date": "date", "small_clock": "small_hours"}


@dataclass(frozen=True, slots=True)
class DateCue:
    """A date expression found in text; `value` is None for relative or vague cues."""

    kind: str
    start: int
    end: int
    value: date | None


def weekday_on_or_before(name: str, ref: date) -> date:
    """The most recent day called `name` on or before `ref`."""
    wd = WEEKDAYS.index(name.lower())
    return ref - timedelta(days=(ref.weekday() - wd) % 7)


# A day named without a year, within this many days of a day the text named with one, is in
# that day's year: "on 30 December 2023 ... on 2 January 2024, and on 6 January ...".
_ANCHOR_DAYS = 45


def month_day(
    day: int,
    month: int,
    year: int | None,
    ref: date,
    future_ok: bool,
    anchor: date | None = None,
) -> date | None:
    """A calendar date; without a year, the year that puts it nearest the day named before it
    with a year (`anchor`) when that is close, else nearest before `ref`."""
    y = year if year is not None else ref.year
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    if year is None and anchor is not None:
        near = _near_anchor(day, month, anchor)
        if near is not None:
            return near
    if year is None:
        limit = ref + timedelta(days=200 if future_ok else 2)
        if d > limit:
            d = d.replace(year=y - 1) if not (month == 2 and day == 29) else d
        elif future_ok and (ref - d).days > 165:
            d = d.replace(year=y + 1) if not (month == 2 and day == 29) else d
    return d


def _last_sunday(year: int, month: int) -> date:
    end = date(year, month + 1, 1) - timedelta(days=1)
    return end - timedelta(days=(end.weekday() - 6) % 7)


def moscow_ahead(day: date) -> int:
    """How many hours Moscow's clock is ahead of Kyiv's on `day`: one, but none in Kyiv's
    summer time since Moscow kept winter time all year (26 October 2014), and two in Kyiv's
    winter time while Moscow kept summer time all year (27 March 2011 to 26 October 2014)."""
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    if day < date(2011, 3, 27):
        return 1
    if day < date(2014, 10, 26):
        return 1 if summer else 2
    return 0 if summer else 1


def _near_anchor(day: int, month: int, anchor: date) -> date | None:
    best: date | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best if best is not None and abs((best - anchor).days) <= _ANCHOR_DAYS else None


def month_day_of(
    g: dict[str, str | None], ref: date, future_ok: bool, anchor: date | None = None
) -> date | None:
    """The calendar date a match's `day`, `mon` and `year` groups name."""
    if g.get("year2"):  # ISO: 2025-05-08
        g = {"day": g["day2"], "monnum": g["monnum2"], "year": g["year2"]}
    num = g.get("monnum")
    mon = int(num) if num else MONTHS.get((g.get("mon") or "").lower().rstrip("."))
    day = g.get("day")
    if mon is None or day is None or not 1 <= mon <= 12:
        return None
    year = g.get("year")
    return month_day(int(day), mon, int(year) if year else None, ref, future_ok, anchor)


def _resolve(
    kind: str, m: re.Match[str], ref: date, future_ok: bool, anchor: date | None = None
) -> date | None:
    g = m.groupdict()
    if kind == "overnight_into_date":
        day = month_day_of(g, ref, future_ok, anchor)
        return None if day is None else day - timedelta(days=1)
    if kind in ("small_hours", "small_clock"):
        if g.get("wd"):
            return weekday_on_or_before(g["wd"], ref)
        return month_day_of(g, ref, future_ok, anchor)
    if kind in ("night_dates", "date", "report_day"):
        return month_day_of(g, ref, future_ok, anchor)
    if kind == "msk_date":
        day = month_day_of(g, ref, future_ok, anchor)
        if day is None or int(g["hh"] or 0) >= moscow_ahead(day):
            return day
        return day - timedelta(days=1)
    if kind == "night_weekdays":
        return weekday_on_or_before(g["wd2"], ref) - timedelta(days=1)
    if kind == "overnight_into":
        return weekday_on_or_before(g["wd"], ref) - timedelta(days=1)
    if kind in ("weekday", "report"):
        return weekday_on_or_before(g["wd"], ref)
    if kind in ("overnight", "yesterday"):
        return ref - timedelta(days=1)
    if kind == "years_ago":  # "three years ago today", "a year ago on Saturday"
        day = weekday_on_or_before(g["wd"], ref) if g.get("wd") else ref
        years = _YEARS_AGO[g["ny"].lower()]
        try:
            return day.replace(year=day.year - years)
        except ValueError:  # 29 February
            return day.replace(year=day.year - years, day=28)
    if kind == "days_ago":  # "the day before yesterday", "three days ago"
        if g.get("nw"):
            return ref - timedelta(days=7 * _YEARS_AGO[g["nw"].lower()])
        n = 2 if g.get("yday") else _AGO.get((g.get("n") or "").lower())
        return None if n is None else ref - timedelta(days=n)
    if kind == "today":
        return ref
    return None


_ANY = re.compile(
    r"\d|day|night|week|month|morning|evening|afternoon|midnight|daybreak|same|following|"
    r"before|recently|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
    re.I,
)


_Run = tuple[str, tuple[tuple[re.Pattern[str], bool], ...]]
# `_PATTERNS` read into runs, by (id of the list read, its length)
_RUNS: dict[tuple[int, int], list[_Run]] = {}


def _runs() -> list[_Run]:
    """`_PATTERNS` in runs of one kind, in order, with whether each pattern names a "cue"
    group: a kind's gate (`_NEEDS`) is asked once a run, not once a pattern."""
    key = (id(_PATTERNS), len(_PATTERNS))
    got = _RUNS.get(key)
    if got is None:
        got = [
            (kind, tuple((pat, "cue" in pat.groupindex) for _, pat in group))
            for kind, group in itertools.groupby(_PATTERNS, key=lambda kp: kp[0])
        ]
        _RUNS.clear()
        _RUNS[key] = got
    return got


def find_dates(
    text: str,
    ref: date,
    future_ok: bool = False,
    offset: int = 0,
    anchors: Sequence[tuple[int, date]] = (),
) -> list[DateCue]:
    """Every date cue in `text`, in order, resolved against `ref` (the publication day).

    `anchors` are the days the whole text names with a year, by offset: a day named without
    one near the last of them before it takes its year (see `year_anchors`)."""
    ft = fold_of(text)
    if not ft.search(_ANY):
        return []
    taken: list[tuple[int, int]] = []
    cues: list[DateCue] = []
    low = ft.low
    for kind, pats in _runs():
        need = _NEEDS.get(kind)
        if low is not None and need is not None and not holds(low, need):
            continue  # no pattern of the run can match (asked once for the run)
        for pat, cued in pats:
            for m in ft.finditer(pat):
                # a report's day is the cue, not the words before it that tell it is one
                s, e = m.span("cue") if cued else m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                if kind == "date" and not _plausible_date(text, m):
                    continue
                try:
                    anchor = next((d for at, d in reversed(anchors) if at < s + offset), None)
                    value = _resolve(kind, m, ref, future_ok, anchor)
                except (
                    OverflowError
                ):  # a publication date at the calendar's ends: "overnight" on 1-1-1
                    value = None
                if value is not None and kind in _DAYS_AFTER_KINDS:
                    value = shift(value, -_days_after(text, e))
                cues.append(DateCue(_TOLD_AS.get(kind, kind), s + offset, e + offset, value))
    cues.sort(key=lambda c: c.start)
    return cues


# A day told as so many days after the attack: "on Tuesday, three days after a missile tore
# through it" dates the attack three days before Tuesday.
_DAYS_AFTER = re.compile(
    r",?\s+(?P<n>a|one|two|three|four|five|six|seven|[1-7])\s+days?\s+after\b", re.I
)
_DAYS_AFTER_KINDS = frozenset({"weekday", "date", "today", "yesterday"})
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _days_after(text: str, end: int) -> int:
    """How many days before the cue ending at `end` the attack told after it was (0 if none)."""
    m = _DAYS_AFTER.match(text, end)
    if m is None:
        return 0
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _SMALL[n]


# a wire dateline, of one city or several ("KYIV/CHISINAU, Feb 10 -")
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'/-]{2,}(?:,\s*[A-Z][a-z]+)?(?:,\s*|\s*\(\s*)")


def _plausible_date(text: str, m: re.Match[str]) -> bool:
    """Reject datelines ("KYIV, Feb 3 -"), "may" as a verb, and counts ("21 over Tver")."""
    if _DATELINE.fullmatch(text[: m.start()]):
        return False
    g = m.groupdict()
    mon = (g.get("mon") or "").lower()
    if mon == "may":
        after = text[m.end() : m.end() + 12].lower()
        before = text[max(0, m.start() - 6) : m.start()].lower()
        if re.match(r"\s+(?:be|have|not|also|still)\b", after) and not before.strip():
            return False
    day = g.get("day") or g.get("day2")
    return day is not None and 1 <= int(day) <= 31


_YEAR_NAMED = re.compile(r"\b(?:19|20)\d\d\b")
_WITH_YEAR = frozenset({"date", "night_dates", "overnight_into_date"})


def year_anchors(text: str, ref: date) -> list[tuple[int, date]]:
    """The days `text` names with a year ("2 January 2024"), by offset, in order."""
    if _YEAR_NAMED.search(text) is None:
        return []
    out: list[tuple[int, date]] = []
    for cue in find_dates(text, ref):
        named = _YEAR_NAMED.search(text, cue.start, cue.end) is not None
        if cue.kind in _WITH_YEAR and cue.value is not None and named:
            out.append((cue.start, cue.value))
    return out


# A dateline naming the day the story was filed: "KYIV, May 9 (Reuters) -", "KYIV, May 9
# (00:40)", "MOSCOW, 8 May -", "MOSCOW (Dec 13) -", after a headline or none.
_DATELINE_DAY = re.compile(
    rf"^[A-Z][A-Z .'/-]{{2,}}(?:,\s*|\s*\(\s*)(?i:{_MON}\s+{_DAY}|{_DAY2}\s+{_MON2})\b",
    re.M,
)
_DATELINE_REACH = 400  # characters: a headline and a dateline, no further
_DATELINE_DAYS = 3  # a filing day further from the publication day is a misreading


def dateline_day(text: str, published: date) -> date:
    """The day the text's dateline names, from which its relative days count ("overnight",
    "on Tuesday"); `published` when it names none (or one days away from it)."""
    head = text[:_DATELINE_REACH]
    m = _DATELINE_DAY.search(head)
    if m is None:
        return published
    g = m.groupdict()
    mon = MONTHS.get((g["mon"] or g["mon2"] or "").lower().rstrip("."))
    day = g["day"] or g["day2"]
    if mon is None or day is None:
        return published
    filed = month_day(int(day), mon, None, published, future_ok=False)
    if filed is None or abs((filed - published).days) > _DATELINE_DAYS:
        return published
    return filed


def shift(d: date | None, days: int) -> date | None:
    """`d` moved by `days`, passing None through."""
    return None if d is None else d + timedelta(days=days)
