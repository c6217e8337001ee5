"""Counts in a clause: drones and missiles launched or downed, people killed or injured."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trucewatch.extract.lexicon import lexicon
from trucewatch.extract.numbers import (
    Qty,
    bound_kind,
    hyphen_range,
    make_qty,
    parse_number,
    word_value,
)
from trucewatch.extract.tokens import Tok
from trucewatch.extract.weapons import uav_phrase

__all__ = ["Count", "read_counts"]


def _words(text: str) -> frozenset[str]:
    """A word set from a space-separated list."""
    return frozenset(text.split())


DOWN = _words(
    "downed destroyed intercepted neutralised neutralized suppressed jammed lost shot brought "
    "eliminated repelled downing intercepting destroying"
)
LAUNCH = _words(
    "launched fired sent used counted deployed launching firing detected spotted tracked "
    "launch fire unleashed"
)
MISSED = frozenset({"failed", "missed", "strayed", "crashed"})
HIT = frozenset({"hit", "struck", "reached", "got", "exploded", "slammed", "landed", "fell"})
KILL = frozenset(
    {"killed", "killing", "kills", "kill", "dead", "died", "dies", "risen", "rose", "climbed"}
)
INJURE = frozenset(
    {
        "injured",
        "injuring",
        "injures",
        "wounded",
        "wounding",
        "wounds",
        "hurt",
        "hospitalised",
        "hospitalized",
    }
)
PERSON = _words(
    "adviser advisers advisor advisors photographer photographers cameraman reporter reporters "
    "priest priests customers shoppers visitors patients tourists "
    "people person persons civilians civilian residents man woman men women boy girl children "
    "child members driver drivers workers worker servicemen soldiers others adults teenagers "
    "rescuers medics passenger passengers pensioners bodies crew sailors seafarers crewmen "
    "firefighters employees volunteers journalists pilot pilots officer officers policeman "
    "policemen "
    "paramedic paramedics doctor doctors nurse nurses teacher teachers student students farmer "
    "farmers guard guards miner miners engineer engineers electrician electricians serviceman "
    "soldier rescuer medic firefighter employee volunteer journalist daughters sons "
    "grandchildren relatives neighbours neighbors relative neighbour neighbor "
    "teenager teen toddler baby infant babies infants toddlers schoolboy schoolgirl"
)
AUX = frozenset(
    {"was", "were", "had", "been", "have", "has", "be", "probably", "also", "reportedly"}
)
SKIP_AFTER = _words(
    "% km km/h kilometers kilometres miles kv hours hour days day weeks months years year "
    "minutes storey floor floors metres meters locations regions times flats buildings houses "
    "a.m. p.m. am pm districts aircraft kg kilogram kilograms kilogramme tonnes tonne tons "
    "storeys stories"
)
_SKIP_BEFORE = frozenset({"aged", "the", "kh", "s", "from", "until"})
# A number after a noun it labels names something, it counts nothing: "on floors 9 to 14",
# "building No. 25", "apartment 14", "reactor 4"; so does a number to call ("call 101").
_LABEL_BEFORE = _words(
    "floor floors no. nos. apartment flat route platform gate reactor call dial hotline"
)
_NUMBER_START = frozenset({"a", "an", "one", "the", "both", "its", "their"})
# The words `read_counts` reads a count from (besides a number): a number's start, "all",
# "none", "another", "her", "his" ("the" at a clause's start is in `_NUMBER_START`)
_COUNT_START = _NUMBER_START | {"all", "none", "another", "her", "his"}
_HEAD_STOP = _words(
    "when with at in on to by from against after before during over across as while since "
    "into each for than"
)
_POSSESSIVE = frozenset({"the", "its", "their"})  # "wounding its driver": one person
_ONE_PERSON = _words(
    "driver man woman boy girl child resident pensioner passenger worker son daughter husband "
    "wife mother father grandson granddaughter grandmother grandfather brother sister pilot "
    "officer policeman paramedic doctor nurse teacher student farmer guard miner engineer "
    "electrician soldier serviceman rescuer medic firefighter employee volunteer journalist "
    "relative neighbour neighbor person teenager teen toddler baby infant schoolboy schoolgirl"
)
_NOT_MUNITION = _words(
    "launcher launchers system systems complex complexes vehicle vehicles battery batteries "
    "position positions depot depots crews crew units unit threat threats alert alerts "
    "warning warnings danger"
)
_LAUNCHER_WORDS = _words(
    "multiple multiple-launch rocket missile launch mobile - air defence defense anti-aircraft"
)
_ADJ_OK = re.compile(r"^[\w.'’\"“”()/-]+$")
_YEAR_BEFORE = _words(
    "of in since by until before after spring summer autumn winter early late mid"
)
_SINGULAR_WEAPON = _words("missile drone rocket uav")
# a month's name, whole or cut short as datelines write it ("KYIV, Oct 30 -"): the number
# beside it is a day, not a count
_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)


@dataclass
class Count:
    """One number read from a clause with what it counts and in which role."""

    what: str  # drone | missile | killed | injured
    role: str  # launched | downed | hit | both | value
    qty: Qty
    span: tuple[int, int]
    weak: bool = False
    partitive: bool = False  # "N of them": a breakdown of an earlier total
    more: bool = False  # "three more were hurt", "another two died": adds to the toll told
    whole: bool = False  # "79 missiles in all", "a total of 79": the sum of those told beside
    every: bool = False  # "all of them were shot down": as many as were launched (qty unknown)
    by_place: bool = False  # "killed in Kyiv and 11 in Kryvyi Rih": the next place's share
    sequence: int = 0


# What each token's lowercase form names (`_weapon_of`), read once; kept with the lexicon read.
_WEAPON_OF: dict[str, str | None] = {}
_WEAPON_OF_LEXICON: list[object] = [None]
_WEAPON_OF_LIMIT = 1 << 16


def _weapon_of(tok: Tok) -> str | None:
    lex = lexicon()
    if _WEAPON_OF_LEXICON[0] is not lex:
        _WEAPON_OF.clear()
        _WEAPON_OF_LEXICON[0] = lex
    low = tok.lower_
    if low in _WEAPON_OF:
        return _WEAPON_OF[low]
    w = low.rstrip(".")
    got: str | None = None
    if w in lex.drone_nouns:
        got = "drone"
    elif w in lex.missile_nouns or w.startswith("kh-"):
        got = "missile"
    if len(_WEAPON_OF) >= _WEAPON_OF_LIMIT:
        _WEAPON_OF.clear()
    _WEAPON_OF[low] = got
    return got


def _head(toks: list[Tok], j: int) -> tuple[str | None, int, bool]:
    """What the noun phrase starting at token j counts: (kind, head index, not-an-attack-drone)."""
    lex = lexicon()
    recon = False
    k = j
    limit = min(len(toks), j + 7)
    kind: str | None = None
    head = j
    while k < limit:
        t = toks[k]
        w = t.lower_
        if w in lex.not_attack_drone:
            recon = True
        if w in ("defence", "defense") and k > j and toks[k - 1].lower_ in ("air", "-"):
            recon = True  # "a Ukrainian air-defence missile" read in three tokens
        wk = _weapon_of(t)
        if wk is None and uav_phrase([x.lower_ for x in toks[max(0, k - 2) : k + 1]], min(k, 2)):
            wk = "drone"  # "41 fixed-wing unmanned aerial vehicles"
        if wk is not None:
            kind, head = wk, k
            # keep going over compounds like "Shahed attack drones", "Kalibr cruise missiles"
            k += 1
            continue
        if w in PERSON:
            return "person", k, recon
        if kind is not None:
            break
        if t.is_punct and t.text not in ('"', "“", "”", "(", ")", "-"):
            break
        if k > j and t.like_num:
            break  # "114 targets - 87 cruise missiles": the next number heads its own phrase
        if w in ("and", "or") and any(_weapon_of(x) for x in toks[k + 1 : k + 3]):
            k += 1  # "194 strike and decoy drones"
            continue
        if (
            w in ("and", "or", "of", "that", "which", "were", "was", "had", "have")
            or w in _HEAD_STOP
        ):
            break
        compound = k > j and toks[k - 1].text == "-"  # "ground-launched", "air-launched"
        if (w in KILL or w in INJURE or w in DOWN or w in LAUNCH or w in HIT) and not compound:
            break
        if not _ADJ_OK.match(t.text):
            break
        k += 1
    if kind is not None and _joint_count(toks, head, kind):
        recon = True  # "236 missiles and drones": both kinds in one figure, neither's count
    after = head + 1
    while after < len(toks) and toks[after].lower_ in _LAUNCHER_WORDS:
        after += 1  # "a HIMARS multiple rocket launcher"
    if kind is not None and after < len(toks) and toks[after].lower_ in _NOT_MUNITION:
        # "20 HIMARS launchers", "two S-300 systems": equipment, not munitions; "a missile
        # threat": a warning, not a launch
        recon = True
    return kind, head, recon


def _verb_after(toks: list[Tok], j: int) -> str | None:
    """The role given by the first verb after index j ("42 drones were shot down")."""
    for k in range(j, min(len(toks), j + 12)):
        w = toks[k].lower_
        if w in ("destroyed", "destroying") and _active_object(toks, k):
            return "hit"  # "a missile destroyed an entrance": what it hit, not a downing
        if w in DOWN:
            if w == "shot" and (k + 1 >= len(toks) or toks[k + 1].lower_ != "down"):
                return None
            if w == "brought" and (k + 1 >= len(toks) or toks[k + 1].lower_ != "down"):
                return None
            if w == "brought" and _active_object(toks, k + 1):
                return "other"  # "a missile brought down part of a block": no downing
            return "downed"
        if w in LAUNCH:
            return "launched"
        if w in HIT:
            return "hit"
        if w in MISSED:
            return "other"  # "ten missiles failed to reach their targets": neither role
        if w in (";", ":", ",", ".", "while", "but", "which", "that", "when", "-"):
            return None
        if k > j and _breakdown_at(toks, k):
            return None  # "fired 71 missiles and 61 of them were shot down": the 61's verb
    return None


def _breakdown_at(toks: list[Tok], k: int) -> bool:
    """A breakdown of a count told before it starts at k: "61 of them", "five of which"."""
    return (
        k + 2 < len(toks)
        and word_value(toks[k].text) is not None
        and toks[k + 1].lower_ == "of"
        and toks[k + 2].lower_ in ("them", "which", "these", "those")
    )


_OBJECT_START = _words("a an the two three four five several dozens part homes houses")


def _active_object(toks: list[Tok], k: int) -> bool:
    """The verb at k is active with an object after it ("destroyed an entrance", "destroyed
    two houses"), not a passive or reduced one ("were destroyed", "destroyed over Kyiv")."""
    before = toks[k - 1].lower_ if k > 0 else ""
    after = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    passive = before in AUX or before in ("are", "is", "being", "get", "got")
    return not passive and after in _OBJECT_START


def _downed_later(toks: list[Tok], j: int) -> bool:
    """A downing verb within the next few words, past a launch verb ("fired ... intercepted")."""
    for k in range(j, min(len(toks), j + 10)):
        w = toks[k].lower_
        if w in (";", ":", "while", "but"):
            return False
        if w in DOWN and w not in ("shot", "brought", "lost"):
            return True
        if w == "down" and toks[k - 1].lower_ in _DOWN_VERBS:
            return True
    return False


_DOWN_VERBS = frozenset({"shot", "brought", "shoot", "shooting", "bringing"})


def _verb_before(toks: list[Tok], i: int) -> str | None:
    """The role given by the nearest verb before index i in the clause (in "84 missiles, 43 of
    which were destroyed, and 24 drones", the breakdown's verb gives no role to the 24)."""
    coordinate = i > 0 and toks[i - 1].lower_ == "and"
    for k in range(i - 1, -1, -1):
        w = toks[k].lower_
        if coordinate and _in_partitive(toks, k):
            continue
        if w == "down" and k > 0 and toks[k - 1].lower_ in _DOWN_VERBS:
            return "downed"
        if w in DOWN and w not in ("shot", "brought", "lost"):
            return "downed"
        if w in LAUNCH:
            return "launched"
        if w in HIT and w not in ("fell", "landed"):
            return "hit"
    return None


def _in_partitive(toks: list[Tok], k: int) -> bool:
    """Token k is the verb of a breakdown: "43 of which were destroyed", "13 of them downed"."""
    back = [t.lower_ for t in toks[max(0, k - 4) : k]]
    return any(
        back[j] == "of" and back[j + 1] in ("which", "them", "whom") for j in range(len(back) - 1)
    )


def _bound(toks: list[Tok], i: int) -> str | None:
    before = [t.lower_ for t in toks[max(0, i - 3) : i]]
    return bound_kind(before)


def _is_date_or_time(toks: list[Tok], i: int, used: int) -> bool:
    nxt = toks[i + used].lower_ if i + used < len(toks) else ""
    prev = toks[i - 1].lower_ if i > 0 else ""
    if nxt.rstrip(".") in _MONTHS or prev.rstrip(".") in _MONTHS or ":" in toks[i].text:
        return True
    # the first day of a span: "the truce of 8-10 May", "on 5 and 6 June"
    k = i + used
    span = nxt in ("-", "–", "to", "and") and k + 2 < len(toks) and toks[k + 1].like_num
    if span and toks[k + 2].lower_.rstrip(".") in _MONTHS:
        return True
    # a year is not a count: "since the spring of 2022", "in 2023", "March 16, 2022"
    text = toks[i].text
    if not (used == 1 and len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2039):
        return False
    month_day = (
        i >= 3
        and prev == ","
        and toks[i - 2].like_num
        and toks[i - 3].lower_.rstrip(".") in _MONTHS
    )
    return prev in _YEAR_BEFORE or month_day


_AGE_LIST = frozenset({",", "and", "to", "between", "-", "or"})


def _in_age_list(toks: list[Tok], i: int) -> bool:
    """A number in a list of ages: "three children aged 7, 11 and 14"."""
    k = i - 1
    while k >= 0 and (toks[k].lower_ in _AGE_LIST or toks[k].like_num):
        k -= 1
    return k >= 0 and k < i - 1 and toks[k].lower_ in ("aged", "ages")


def _age_of(toks: list[Tok], i: int) -> bool:
    """An age after a person: "a girl of 14", "a man of 45 was killed" (one person, not 14)."""
    return i >= 2 and toks[i - 1].lower_ == "of" and toks[i - 2].lower_ in _ONE_PERSON


_AGE_BOUND = frozenset({"under", "over", "about", "around", "below", "above"})
_APART_END = frozenset({",", ".", ")", ";", "and", "were", "was", "is", "are"})


def _age_apart(toks: list[Tok], i: int) -> bool:
    """An age set apart after a person ("a man, 45, and a woman, 43") or bounded after "aged"
    ("three of them aged under 18"): no count."""
    if i < 2:
        return False
    if toks[i - 1].lower_ in _AGE_BOUND and toks[i - 2].lower_ in ("aged", "ages"):
        return True
    after = toks[i + 1].lower_ if i + 1 < len(toks) else "."
    return toks[i - 1].text == "," and toks[i - 2].lower_ in _ONE_PERSON and after in _APART_END


def _in_all(toks: list[Tok], k: int) -> bool:
    """Tokens at k say "in all", "in total", "altogether" or "a total of"."""
    words = [t.lower_ for t in toks[k : k + 3]]
    return (
        words[:2] in (["in", "all"], ["in", "total"])
        or words[:1] == ["altogether"]
        or (words == ["a", "total", "of"])
    )


# Verbs of change: after them "from 7 to 12" is a figure changed, not a range.
_CHANGED = _words("rose risen rises climbed increased grew jumped fell dropped decreased revised")


def _from_range(toks: list[Tok], i: int, qty: Qty) -> bool:
    """A range written "from 350 to 500" (a count), not a change ("rose from 7 to 12") nor a
    measure ("from 200 kilometres to 1,000", which reads no range)."""
    if qty.min is None or qty.max is None or qty.min >= qty.max or i < 1:
        return False
    window = {t.lower_ for t in toks[max(0, i - 6) : i - 1]}
    return toks[i - 1].lower_ == "from" and not window & _CHANGED and "toll" not in window


def _more(toks: list[Tok], j: int) -> bool:
    """A figure added to one told: "three more were injured" (not "killed two and injured
    another ten", where "another" only sets the injured apart from the dead)."""
    nxt = toks[j].lower_ if j < len(toks) else ""
    after = toks[j + 1].lower_ if j + 1 < len(toks) else ""
    return nxt == "more" and after != "than"


_CORRECT_VERBS = _words(
    "corrected correcting revised revising amended adjusted lowered raised updated changed"
)
_FIGURE_NOUNS = _words("figure figures count number tally toll estimate")


def _correction_to(toks: list[Tok], i: int) -> tuple[str | None, str] | None:
    """A bare number a figure is corrected to ("corrected the figure to 155", "revised the
    death toll down to 18"), as (what it counts, its role): the death toll counts the dead;
    "the figure" the last thing counted before it (None: the weapon told last)."""
    if i < 3 or toks[i - 1].lower_ != "to":
        return None
    window = [t.lower_ for t in toks[max(0, i - 8) : i - 1]]
    verb = next((n for n, w in enumerate(window) if w in _CORRECT_VERBS), None)
    if verb is None:
        return None
    if not any(w in _FIGURE_NOUNS for w in window):
        return None  # "the toll was revised down to 12", "revised the figure to 52"
    tail = window
    down = any(w in DOWN for w in tail)
    if "toll" in tail:
        return ("injured" if any(w in INJURE for w in tail) else "killed"), "value"
    for w in reversed([t.lower_ for t in toks[max(0, i - 40) : i]]):
        if w in ("drones", "drone", "uavs", "shaheds"):
            return "drone", "downed" if down else "launched"
        if w in ("missiles", "missile", "rockets"):
            return "missile", "downed" if down else "launched"
        if w in KILL and w not in ("risen", "rose", "climbed"):
            return "killed", "value"
        if w in INJURE:
            return "injured", "value"
    return None, "launched"


# Words that may stand between a place-by-place toll's first figure and the next one:
# "killed in Kyiv and", "two people in Shebekino and", "wounded in the Sumy region,".
_PLACE_WINDOW = 12


def _place_by_place(toks: list[Tok], i: int, j: int, out: list[Count]) -> str | None:
    """The kind of a bare figure that gives the next place's share of a toll told just before
    with its own place: "Twenty people were killed in Kyiv and 11 in Kryvyi Rih", "killing two
    people in Shebekino and one in the village of ...", "five were wounded in Nikopol and two
    in Marhanets". Not a figure after a total ("20 injured, 12 in Kyiv and eight in ..."):
    the first figure must have had its own place, with no figure between."""
    if j >= len(toks) or toks[j].lower_ not in ("in", "near") or i == 0:
        return None
    if toks[i - 1].lower_ not in ("and", ",") or not out:
        return None
    last = out[-1]
    if last.what not in ("killed", "injured") or last.role != "value" or last.more:
        return None
    between = [t for t in toks[:i] if t.idx >= last.span[1]]
    if not between or len(between) > _PLACE_WINDOW or any(t.like_num for t in between):
        return None
    words = [t.lower_ for t in between]
    if "in" not in words and "near" not in words:
        return None
    after = [t.lower_ for t in toks[j : j + 8]]
    if any(w in KILL or w in INJURE for w in after):
        return None  # "... and 11 in Kryvyi Rih were injured": a count with its own verb
    return last.what


def _among(toks: list[Tok], i: int) -> bool:
    """The number at i opens a subset of a total told before it: "among them four Zircons",
    "among which an Oreshnik", "including two Kinzhals"."""
    prev = toks[i - 1].lower_ if i > 0 else ""
    prev2 = toks[i - 2].lower_ if i > 1 else ""
    return prev == "including" or (prev in ("them", "which", "these") and prev2 == "among")


def _negated(toks: list[Tok], i: int) -> bool:
    """A figure set aside: "45 drones, not 54", "rather than 60", "instead of 60"."""
    prev = toks[i - 1].lower_ if i > 0 else ""
    prev2 = toks[i - 2].lower_ if i > 1 else ""
    return prev == "not" or (prev, prev2) in (("than", "rather"), ("of", "instead"))


def _running_total(toks: list[Tok], i: int) -> bool:
    """A running total the attack adds to: "bringing the total for the week to 1,100"."""
    if i == 0 or toks[i - 1].lower_ != "to":
        return False
    window = [t.lower_ for t in toks[max(0, i - 9) : i - 1]]
    return "total" in window and "toll" not in window


def read_counts(
    toks: list[Tok], last_weapon: str | None = None, last_toll: str | None = None
) -> list[Count]:
    """Every weapon and casualty count in the clause whose tokens are `toks`.

    `last_weapon` is the weapon the text spoke of last, for bare numbers ("it sent 81");
    `last_toll` the casualty kind the clause before told last, when it told one last ("eight
    people were injured; he later corrected the figure to seven": the injured).
    """
    out: list[Count] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if not t.like_num and t.lower_ not in _COUNT_START:
            # no rule below starts at this token: it only names the weapon spoken of
            wk = _weapon_of(t)
            if wk is not None:
                last_weapon = wk
            i += 1
            continue
        if t.lower_ in ("all", "none"):
            whole_set = _all_or_none(toks, i, last_weapon)
            if whole_set is not None:
                out.append(whole_set)
                last_weapon = whole_set.what
        if t.lower_ == "another" and 0 < i < len(toks) - 1 and toks[i - 1].lower_ == "and":
            verb = toks[i + 1].lower_
            if verb in INJURE or (verb in KILL and verb not in ("risen", "rose", "climbed")):
                # "one person was killed and another wounded": one more person, the verb's
                who = "killed" if verb in KILL or _fatally(toks, i + 1) else "injured"
                out.append(Count(who, "value", Qty(1, 1), (t.idx, t.idx + len(t))))
                i += 2
                continue
        if t.lower_ in ("her", "his") and i > 0:
            kin = _kin_hurt(toks, i)
            if kin is not None:
                out.append(kin)  # "A woman was killed and her husband was wounded"
                i += 2
                continue
        if i == 0 and last_weapon is None and t.lower_ == "the":
            one = _the_one(toks)
            if one is not None:
                out.append(one)
                last_weapon = one.what
                i = 1
                continue
        parsed = _number_at(toks, i) if t.like_num or t.lower_ in _NUMBER_START else None
        if parsed is not None and _ranked(toks, i):
            parsed = None  # "hit by a second drone": one of those told, not a count
        if t.lower_ == "another" and i + 1 < len(toks) and toks[i + 1].lower_ in _ONE_PERSON:
            parsed = Qty(1, 1), 1, False  # "another relative and two neighbours were hurt"
        if parsed is None and t.lower_ == "another":
            one = _another_one(toks, i)
            if one is not None:
                out.append(one)
                i += 1
                continue
        if parsed is None:
            wk = _weapon_of(t)
            if wk is not None:
                last_weapon = wk
            i += 1
            continue
        qty, used, weak = parsed
        j = i + used
        nxt = toks[j].lower_ if j < len(toks) else ""
        prev = toks[i - 1].lower_ if i > 0 else ""
        if (
            _is_date_or_time(toks, i, used)
            or nxt in SKIP_AFTER
            or (
                prev in _SKIP_BEFORE
                and not weak
                and prev != "the"
                and not _from_range(toks, i, qty)
            )
            or (_labelled(toks, i) and not weak)
            or _compound_measure(toks, j)
            or _digit_run(toks, j)
            or _ratio(toks, i)
            or _in_age_list(toks, i)
            or _age_of(toks, i)
            or _age_apart(toks, i)
            or _age_said(toks, i, j)
            or _missing(toks, j)
            or _negated(toks, i)
            or _running_total(toks, i)
            or (nxt == "-" and j + 1 < len(toks) and toks[j + 1].lower_ in SKIP_AFTER)
        ):
            i = j
            continue
        # "of which 13", and "of them 72" as a Slavic gloss writes it ("из них 72")
        partitive = prev in ("which", "them") and i >= 2 and toks[i - 2].lower_ == "of"
        k = j
        if nxt == "of" and j + 1 < len(toks):
            after = toks[j + 1].lower_
            if after in ("them", "which", "whom"):
                partitive = True
                k = j + 2
            elif after == "the":
                k = j + 2
                if k < len(toks) and toks[k].lower_ in _VICTIMS:
                    i = k + 1  # "seven of the wounded are still in hospital": a breakdown
                    continue
            elif word_value(toks[j + 1].text) is not None:
                k = j + 1
            elif after in ("these", "those"):
                k = j + 2
        kind, head, recon = _head(toks, k)
        share = k == j + 2 and toks[j + 1].lower_ in ("the", "these", "those")
        if kind is None and share and (k >= len(toks) or not toks[k].like_num):
            i = j  # "623 of these air targets": a share of something not counted here
            continue
        last = toks[min(max(head, j - 1), len(toks) - 1)]
        sp = (t.idx, last.idx + len(last))
        if kind == "person":
            role = _casualty_role(toks, i, head)
            if role is not None and not partitive:
                joined = _joined_group(toks, head, shared=not _verb_led(toks, i))
                if joined is not None:
                    qty = Qty(
                        None if qty.min is None else qty.min + joined[0],
                        None if qty.max is None else qty.max + joined[0],
                    )
                    j = max(j, joined[1])
                further = i > 0 and toks[i - 1].lower_ == "further"  # "a further three"
                more = _more(toks, j) or t.lower_ == "another" or further
                more = more or _one_by_one(toks, i, qty, role, out)
                out.append(Count(role, "value", qty, sp, weak=weak, more=more))
            i = j
            continue
        elliptic = _place_by_place(toks, i, j, out) if kind is None and not partitive else None
        if elliptic is not None:
            # "Twenty people were killed in Kyiv and 11 in Kryvyi Rih", "two people in Shebekino
            # and one in ...": the same toll's figure for the next place, its verb left out
            out.append(Count(elliptic, "value", qty, sp, by_place=True))
            i = j
            continue
        if weak and kind is None:
            i = j
            continue
        if kind is None:
            # a bare number: "the following night it sent 81", "64 were shot down"
            # "its range from 200 kilometres to 1,000": a measure, not a count
            measure = prev == "from" or (
                prev == "to" and i >= 2 and toks[i - 2].lower_ in SKIP_AFTER
            )
            fixed = _correction_to(toks, i)
            if fixed is not None and not partitive:
                # "then corrected the figure to 155": the figure told last, corrected
                what, role = fixed
                if what is None and last_toll is not None:
                    what, role = last_toll, "value"
                if what is None:
                    what = last_weapon
                if what is not None:
                    if what in ("drone", "missile"):
                        last_weapon = what
                    out.append(Count(what, role, qty, sp, sequence=len(out)))
                i = j
                continue
            toll_verb = prev in KILL or prev in INJURE  # "shelling killed two in Oleshky"
            spot = nxt in ("in", "near") and toll_verb and prev not in ("risen", "rose", "climbed")
            if (
                nxt in ("each", "over", "in", "near", "for", "towards", "heading") or measure
            ) and not spot:
                i = j
                continue
            # "the toll rose three times - 13 dead, then 25, then 27": the same kind
            told = next((c.what for c in reversed(out) if c.role == "value"), None)
            then = prev == "then" and toks[i - 2].text in (",", "-", "–") and told is not None
            then = then and nxt not in KILL and nxt not in INJURE  # "then five dead" says
            casualty = told if then else _casualty_role(toks, i, j - 1)
            if casualty is None and prev in _TOLL_TO and _toll_before(toks, i):
                # "bringing the death toll from Saturday's strike to 14", "toll from drone
                # strike reaches 12"
                casualty = "killed"
            if casualty is not None and not partitive:
                more = _more(toks, j) or _one_by_one(toks, i, qty, casualty, out)
                out.append(Count(casualty, "value", qty, sp, more=more))
                i = j
                continue
            bare_ok = (
                (
                    not toks[j].is_alpha
                    or nxt in ("were", "was", "had", "have", "of", "and", "more", "are", "got")
                    or nxt in DOWN
                    or nxt in LAUNCH
                    or nxt in HIT
                )
                if j < len(toks)
                else True
            )
            kind = last_weapon if bare_ok else None
            if kind is None:
                i = j
                continue
            if nxt in DOWN:
                head = j - 1  # a downing verb right after a bare number is its own: "97 shot down"
        if recon or _modifier(toks, head, qty):
            i = j
            continue
        last_weapon = kind
        role = _verb_after(toks, head + 1) if head + 1 < len(toks) else None
        if role is None or (role == "launched" and _verb_before(toks, i) == "downed"):
            role = _verb_before(toks, i) or "launched"
        if prev == "of" and i >= 2 and toks[i - 2].lower_ == "out":
            role = "launched"  # "40 were shot down, out of 60 launched"
        if prev == "of" and i >= 2 and word_value(toks[i - 2].text) is not None:
            role = "launched"  # "18 of 23 drones": 23 launched
        partitive_of = prev == "the" and i >= 3 and toks[i - 2].lower_ == "of"
        if partitive_of and word_value(toks[i - 3].text) is not None:
            role = "launched"  # "15 of the 18 drones": 18 launched
        of_the_m = nxt == "of" and k == j + 2 and k < len(toks) and _number_at(toks, k) is not None
        if of_the_m and role != "downed" and _downed_later(toks, head + 1):
            role = "downed"  # "20 of the 28 missiles fired in a new wave had been shot down"
        after_all = prev == "all" or (i >= 2 and toks[i - 2].lower_ == "all")
        if after_all and (role == "downed" or _downed_later(toks, head + 1)):
            role = "both"  # "all four ATACMS fired at Voronezh had been intercepted"
        if prev == "were" and i >= 2 and toks[i - 2].lower_ == "as" and out:
            role = out[-1].role
        if (
            head + 1 < len(toks)
            and toks[head + 1].lower_
            in (
                "barrage",
                "attack",
                "strike",
                "debris",
            )
            and weak
        ):
            i = head + 1
            continue
        whole = _in_all(toks, head + 1) or (i >= 3 and _in_all(toks, i - 3))
        if out and out[-1].partitive and out[-1].what == kind and prev in ("and", ","):
            partitive = True  # "of them 72 over Bryansk and 20 over Moscow": the breakdown
        if _among(toks, i) and any(c.what == kind and c.role == role for c in out):
            # "36 missiles, among them an Oreshnik": one of those told, not one more
            partitive = True
        out.append(
            Count(
                kind, role, qty, sp, weak=weak, partitive=partitive, sequence=len(out), whole=whole
            )
        )
        i = j
    return out


_BE = frozenset({"was", "were", "had", "has", "have"})


def _all_or_none(toks: list[Tok], i: int, last_weapon: str | None) -> Count | None:
    """Every weapon launched, or none, downed: "18 missiles, all of which were shot down",
    "all of them were intercepted" (as many as launched); "none of the missiles was
    intercepted", "none was shot down" (0). Not "none of the drones hit" (no downing)."""
    k = i + 1
    weapon = last_weapon
    nxt = toks[k].lower_ if k < len(toks) else ""
    after = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if nxt == "of" and after in ("them", "which"):
        k += 2
    elif nxt == "of" and after == "the":
        kind, head, _ = _head(toks, k + 2)
        if kind not in ("drone", "missile"):
            return None
        weapon, k = kind, head + 1
    elif not (toks[i].lower_ == "none" and nxt in _BE):
        return None
    if weapon is None or _verb_after(toks, k) != "downed":
        return None
    last = toks[k - 1]
    span = (toks[i].idx, last.idx + len(last.text))
    if toks[i].lower_ == "none":
        return Count(weapon, "downed", Qty(0, 0), span)
    return Count(weapon, "downed", Qty(None, None), span, every=True)


def _labelled(toks: list[Tok], i: int) -> bool:
    """The number at i follows a noun that labels it ("floors 9 to 14", "No. 25")."""
    k = i - 1
    if k >= 1 and toks[k].text == "." and toks[k - 1].lower_ in ("no", "nos"):
        return True
    return k >= 0 and toks[k].lower_ in _LABEL_BEFORE


def _ratio(toks: list[Tok], i: int) -> bool:
    """The second number of a ratio: "9 in 10 drones are intercepted" counts no drones."""
    return i >= 2 and toks[i - 1].lower_ == "in" and word_value(toks[i - 2].text) is not None


def _digit_run(toks: list[Tok], j: int) -> bool:
    """Groups of digits one after another are a phone number or a code, not a count
    ("the hotline 0 800 33 15 62")."""
    return j < len(toks) and toks[j].text.isdigit() and toks[j - 1].text.isdigit()


def _compound_measure(toks: list[Tok], j: int) -> bool:
    """A number joined by a hyphen to the word after it is a measure, not a count: "a
    40-second video", "a 16-storey building", "her 9-year-old grandson", "one-way drones"."""
    if j < 1 or j + 1 >= len(toks) or toks[j].text not in ("-", "\u2011"):
        return False
    last, dash, word = toks[j - 1], toks[j], toks[j + 1]
    joined = last.idx + len(last.text) == dash.idx and dash.idx + len(dash.text) == word.idx
    return joined and word.is_alpha and word_value(word.text) is None


def _another_one(toks: list[Tok], i: int) -> Count | None:
    """One more casualty told by "another" alone: "one person died and another had been taken
    to hospital" (1 injured), "two were killed and another was wounded" (not "another ten")."""
    if i + 1 >= len(toks) or toks[i + 1].lower_ not in AUX:
        return None
    role = _casualty_role(toks, i, i)
    if role is None:
        return None
    t = toks[i]
    return Count(role, "value", Qty(1, 1), (t.idx, t.idx + len(t)), more=True)


def _modifier(toks: list[Tok], head: int, qty: Qty) -> bool:
    """A singular weapon noun after a plural number names the kind of what is counted, not
    the weapons: "72 missile and air strikes", "40 drone attacks" count attacks."""
    n = qty.min if qty.min is not None else qty.max
    return n is not None and n >= 2 and head < len(toks) and toks[head].lower_ in _SINGULAR_WEAPON


def _number_at(toks: list[Tok], i: int) -> tuple[Qty, int, bool] | None:
    """A quantity starting at token i: (qty, tokens used, weak article reading)."""
    t = toks[i]
    w = t.lower_
    if w == "both":
        # "both drones were shot down", "both men died": two (not "both drones and missiles")
        kind, head, _ = _head(toks, i + 1)
        if head >= len(toks):
            return None  # "both" ends a text cut short
        nxt = toks[head + 1].lower_ if head + 1 < len(toks) else ""
        plural = toks[head].lower_.endswith(("s", "men", "children", "people"))
        if kind in ("missile", "drone", "person") and plural and nxt not in ("and", "or"):
            return Qty(2, 2), 1, True
        return None
    scale = i + 1 < len(toks) and toks[i + 1].lower_ in ("hundred", "thousand")
    nxt_in = i + 1 < len(toks) and toks[i + 1].lower_ in ("in", "near")
    if w in ("a", "an", "one") and i + 1 < len(toks) and not (w == "one" and scale):
        if w == "a" and toks[i + 1].lower_ == "dozen":
            return make_qty(12, _bound(toks, i)), 2, False  # "injuring a dozen people"
        if w == "one" and i + 1 < len(toks) and toks[i + 1].lower_ in ("of", "each"):
            if _of_number(toks, i + 1):
                return Qty(1, 1), 1, False  # "one of two missiles": a share, as "22 of 28"
            return None
        kind, head, _ = _head(toks, i + 1)
        if kind in ("missile", "drone", "person") and toks[head].lower_ not in (
            "missiles",
            "drones",
            "rockets",
            "people",
        ):
            if kind == "person" and _another_person(toks, head):
                return Qty(2, 2), 1, False  # "killed a man and a woman"
            if w == "one":
                return Qty(1, 1), 1, False
            return Qty(1, 1), 1, True
        if w == "one" and i > 0 and (toks[i - 1].lower_ in KILL or toks[i - 1].lower_ in INJURE):
            return Qty(1, 1), 1, False  # "killing one", "injuring one and killing two"
        if w == "one" and i > 0 and toks[i - 1].lower_ in ("and", ",") and nxt_in:
            return Qty(1, 1), 1, False  # "two in Kharkiv and one in Chuhuiv": a place's share
        return None
    if w in _POSSESSIVE and i + 1 < len(toks) and toks[i + 1].lower_ in _ONE_PERSON:
        prev = toks[i - 1].lower_ if i > 0 else ""
        if prev in KILL or prev in INJURE:
            return Qty(1, 1), 1, False  # "killing the driver", "wounding its driver"
    if w in _POSSESSIVE and w != "the":
        return None
    one_person = w == "the" and i + 1 < len(toks) and toks[i + 1].lower_ in _ONE_PERSON
    if one_person and _joined_group(toks, i + 1, shared=True) is not None:
        return Qty(1, 1), 1, False  # "The driver and six passengers were wounded"
    if one_person and i == 0 and i + 2 < len(toks) and toks[i + 2].lower_ in _OWN_WOUND_VERBS:
        return Qty(1, 1), 1, True  # "The driver suffered shrapnel wounds": one person
    if w == "the" and i + 1 < len(toks) and toks[i + 1].lower_ in ("missile", "drone"):
        if _verb_before(toks, i) == "downed":
            return Qty(1, 1), 1, True
        return None
    rng = hyphen_range(t.text)
    if rng is not None:
        return Qty(rng[0], rng[1]), 1, False
    words = [x.text for x in toks[i : i + 4]]
    joined = _hyphenated_tens(toks, i)
    if joined:
        # the tokenizer splits "Sixty-one" into "Sixty", "-", "one": read it as one word
        words = [f"{t.text}-{toks[i + 2].text}", *(x.text for x in toks[i + 3 : i + 5])]
    parsed = parse_number(words)
    if parsed is None:
        return None
    value, used = parsed
    used += 2 if joined else 0
    if i > 0 and word_value(toks[i - 1].text) is not None:
        return None
    # ranges: "between 350 and 500", "350 to 500"
    j = i + used
    if j + 1 < len(toks) and toks[j].lower_ in ("to", "and", "-", "–"):
        second = parse_number([x.text for x in toks[j + 1 : j + 5]])
        prev = toks[i - 1].lower_ if i > 0 else ""
        if (
            second is not None
            and second[0] > value
            and (toks[j].lower_ != "and" or prev == "between")
        ):
            nxt = toks[j + 1 + second[1]].lower_ if j + 1 + second[1] < len(toks) else ""
            if nxt.rstrip(".") not in _MONTHS:
                return Qty(value, second[0]), used + 1 + second[1], False
    return make_qty(value, _bound(toks, i)), used, False


def _joined_group(toks: list[Tok], head: int, shared: bool = False) -> tuple[int, int] | None:
    """A second group of people joined to the first with no verb of its own, as (its number,
    the token after it): "killing three civilians and two servicemen" is five dead, not three;
    "wounding the driver and four passengers", "a woman and her two daughters"; "two people
    were killed and 5 people were injured" joins nothing. With `shared` the first group is a
    subject with no verb before it, so a verb after the second is both groups' ("The driver
    and six passengers were wounded")."""
    k = head + 1
    if k + 2 >= len(toks) or toks[k].lower_ != "and" or toks[k + 1].lower_ in ("a", "an", "one"):
        return None  # "a man and a woman" is told by _another_person
    n = k + 1
    if toks[n].lower_ in ("his", "her", "their", "the") and n + 1 < len(toks):
        n += 1  # "a woman and her two teenage daughters"
    parsed = _number_at(toks, n)
    if parsed is None or parsed[0].min is None or parsed[0].min != parsed[0].max:
        return None
    kind, second, _ = _head(toks, n + parsed[1])
    if kind != "person" or toks[second].lower_ in ("bodies", "others"):
        return None
    after = toks[second + 1].lower_ if second + 1 < len(toks) else ""
    own_verb = after in AUX or after in KILL or after in INJURE or after in ("are", "is")
    if own_verb and not shared:
        return None  # the second group has its own verb
    return parsed[0].min, second + 1


def _verb_led(toks: list[Tok], i: int) -> bool:
    """A casualty verb just before the number at i ("killing the driver and ...")."""
    return any(t.lower_ in KILL or t.lower_ in INJURE for t in toks[max(0, i - 4) : i])


def _another_person(toks: list[Tok], head: int) -> int:
    """The index of a second person joined to the first, else 0: "a man and a woman", "a
    woman and her son", "a 72-year-old woman and her 9-year-old grandson"."""
    k = head + 1
    if k + 2 >= len(toks) or toks[k].lower_ != "and":
        return 0
    if toks[k + 1].lower_ not in ("a", "an", "his", "her"):
        return 0
    m = k + 2
    while m < len(toks) and m < k + 8 and (toks[m].like_num or toks[m].lower_ in _AGE_WORDS):
        m += 1  # an age told as a compound: "9-year-old"
    return m if m < len(toks) and toks[m].lower_ in _ONE_PERSON else 0


_AGE_WORDS = frozenset({"-", "year", "old", "years", "month", "months", "elderly", "young"})


def _hyphenated_tens(toks: list[Tok], i: int) -> bool:
    """Whether tokens i..i+2 spell a number like "Sixty-one" ("Sixty", "-", "one")."""
    if i + 2 >= len(toks) or toks[i + 1].text != "-":
        return False
    a, dash, b = toks[i], toks[i + 1], toks[i + 2]
    if a.idx + len(a) != dash.idx or dash.idx + 1 != b.idx:
        return False
    tens, unit = word_value(a.text), word_value(b.text)
    return tens is not None and unit is not None and 20 <= tens <= 90 and 1 <= unit <= 9


_TOLL_AT = frozenset({"reached", "reaches", "stood", "stands", "hit"})


_VICTIMS = frozenset({"wounded", "injured", "dead", "killed", "victims", "casualties"})
_PLACE_PREPS = frozenset({"from", "in", "at", "on", "inside", "aboard", "near"})


def _casualty_role(toks: list[Tok], i: int, head: int) -> str | None:
    """Killed or injured, from the verb before ("killing 7 people") or after ("7 were killed")."""
    if toks[head].lower_ == "bodies":
        return "killed" if _found(toks, i) else None  # "rescuers had found 18 bodies"
    # after: "Eleven people, two of them children, were killed"; "and 82 injured"
    k = (_another_person(toks, head) or head) + 1  # "a woman and her son were hurt"
    joined = _joined_group(toks, head, shared=True)
    if joined is not None and not _verb_led(toks, i):
        k = joined[1]  # "The driver and six passengers were wounded"
    depth = 0
    while k < len(toks) and k < head + 14:
        w = toks[k].lower_
        if w == "aged" and toks[k - 1].text == ",":
            # "Three people, aged 19, 45 and 72, were wounded": the ages set off by commas
            # before the verb are no count of their own
            m = k + 1
            while m < len(toks) and (toks[m].like_num or toks[m].lower_ in _AGE_LIST):
                m += 1
            verb = toks[m - 1].text == "," and m < len(toks) and toks[m].lower_ in AUX
            if verb and m > k + 1:
                k = m
                continue
        if w == ",":
            depth += 1
            if depth > 2:
                break
            k += 1
            continue
        if w == "and" and k + 1 < len(toks) and toks[k + 1].like_num:
            break  # "has risen to 19, and 105 people were wounded": that verb is the next count's
        nxt_num = k + 1 < len(toks) and toks[k + 1].like_num
        if depth and nxt_num and (w in KILL or w in INJURE):
            break  # "rose to 23, injured 46": that verb is the next count's
        if depth and toks[k].like_num and _own_toll(toks, k):
            break  # "killed 12 people, 16 injured": a count of its own, with its own verb
        if w in KILL and w not in ("risen", "rose", "climbed"):
            return "killed"
        if w in INJURE:
            return "killed" if _fatally(toks, k) else "injured"
        ahead = " ".join(x.lower_ for x in toks[k : k + 6])
        if w == "lost" and (ahead.startswith("lost their lives") or ahead.startswith("lost his")):
            return "killed"  # "five people lost their lives"
        if w in ("taken", "admitted", "rushed") and ("injur" in ahead or "hospital" in ahead):
            # "98 people were taken to hospital"; "a woman taken to hospital died" is dead
            later = (x.lower_ for x in toks[k : k + 10])
            return "killed" if any(x in ("died", "dies") for x in later) else "injured"
        if w in ("suffered", "sustained") and _wound_named(ahead):
            return "injured"  # "a girl suffered blast injuries", "13 suffered concussion"
        if w == "treated" and (_wound_named(ahead) or "hospital" in ahead):
            # "23 people were being treated for injuries", "eight were treated in hospital"
            return "injured"
        if w == "sought" and "medical" in ahead:
            return "injured"  # "59 people sought medical help"
        if w in _IN_CARE and _IN_HOSPITAL.match(ahead) is not None:
            return "injured"  # "54 were still in hospital", "11 remain in hospital"
        if w in _PLACE_PREPS and k + 1 < len(toks) and toks[k + 1].lower_ in ("the", "a"):
            aux = next((j for j in range(k + 2, min(len(toks), k + 5)) if toks[j].lower_ in AUX), 0)
            if aux:
                k = aux  # "three crew members from the ship were taken to hospital"
                continue
        if (
            w in AUX
            or w in ("being", "are", "is")
            or depth == 1
            or w in PERSON
            or w in ("among", "them", "of", "a", "six-year-old", "more", "others", "other")
            or w in ("fatally", "mortally", "seriously", "critically", "lightly")
            or w in ("reported", "confirmed", "listed", "as", "now", "later")
            or (toks[k].like_num and _age_of(toks, k))
        ):
            k += 1
            continue
        break
    # "bringing to five the number of people killed", "to 12 the death toll"
    if head + 1 < len(toks) and toks[head + 1].lower_ == "the":
        tail = [x.lower_ for x in toks[head + 2 : head + 8]]
        if tail[:1] == ["number"] or tail[:2] == ["death", "toll"]:
            for w in tail:
                if w in KILL or w in ("toll", "dead"):
                    return "killed"
                if w in INJURE:
                    return "injured"
    # before: "killing at least 11 people", "wounding 84", "with 79 injured" handled above
    k = i - 1
    while k >= 0 and k >= i - 4:
        w = toks[k].lower_
        if w in KILL:
            return "injured" if _injured_rise(toks, k) else "killed"
        if w == "of" and k > 0 and toks[k - 1].lower_ == "bodies" and _found(toks, i):
            return "killed"  # "rescuers recovered the bodies of 12 people"
        if w == "of" and k >= 2 and toks[k - 1].lower_ == "lives" and toks[k - 2].lower_ == "the":
            return "killed"  # "the strike claimed the lives of four people"
        if w == "toll" or (w == "of" and k > 0 and toks[k - 1].lower_ == "toll"):
            return "killed"  # "bringing the toll to six", "a toll of 12"
        if w in INJURE:
            return "killed" if _fatally(toks, k) else "injured"
        if w in _TOLL_AT and any(x.lower_ == "toll" for x in toks[max(0, k - 3) : k]):
            return "killed"  # "the death toll had reached 14"
        if w in ("leaving", "left") and _with_wound(toks, head + 1):
            return "injured"  # "leaving three officers with concussion"
        if w in (
            "at",
            "least",
            "more",
            "than",
            "about",
            "around",
            "over",
            "nearly",
            "almost",
            "to",
            "her",
            "his",
            "their",
        ):
            k -= 1
            continue
        break
    return None


# Words naming a wound ("shrapnel wounds", "burns", "a concussion"): who suffered or was
# treated for one was injured.
_WOUND_WORDS = ("injur", "wound", "burn", "concuss", "fracture", "shrapnel")


# Verbs right after "the driver" opening a clause that tell the person's own wound or death.
_OWN_WOUND_VERBS = frozenset({"suffered", "sustained", "was", "died"})


# Words before "in hospital" that tell people still being treated: "54 were still in hospital".
_IN_CARE = frozenset({"in", "still", "remain", "remained", "remains"})
_IN_HOSPITAL = re.compile(r"(?:(?:still|remain|remained|remains)\s+)?in\s+hospitals?\b")


def _with_wound(toks: list[Tok], k: int) -> bool:
    """Whether "with" and a wound follow at k: "with concussion", "with shrapnel wounds"."""
    if k >= len(toks) or toks[k].lower_ != "with":
        return False
    return _wound_named(" ".join(t.lower_ for t in toks[k + 1 : k + 4]))


def _wound_named(ahead: str) -> bool:
    return any(w in ahead for w in _WOUND_WORDS)


def _wound_kind(toks: list[Tok], k: int) -> str | None:
    """The kind of wound told within a few words after k ("suffered shrapnel wounds" ->
    "shrapnel", "treated for concussion" -> "concuss"); None when none, or only "injuries"."""
    for t in toks[k : k + 7]:
        if t.like_num:
            return None
        hit = next((w for w in _WOUND_WORDS[1:] if w in t.lower_), None)
        if hit is not None:
            return "wound" if hit == "shrapnel" else hit
    return None


def _one_by_one(toks: list[Tok], i: int, qty: Qty, role: str, out: list[Count]) -> bool:
    """A casualty figure that adds to the one told just before it in the clause: people told
    one by one, each with a verb of their own ("The driver suffered shrapnel wounds, and a
    passenger was taken to hospital": a second person, "a" brings in someone new), or the hurt
    told by the kind of wound ("27 suffered shrapnel wounds, and 13 were treated for
    concussion"). Not a figure after "including" or "among them" (a part of the first)."""
    if i < 1 or toks[i - 1].lower_ != "and" or not out:
        return False
    last = out[-1]
    if last.what != role or last.role != "value" or last.more:
        return False
    between = [t for t in toks[:i] if t.idx >= last.span[1]]
    if any(t.lower_ in ("including", "among", "them", "whom") for t in between):
        return False
    if toks[i].lower_ in ("a", "an") and qty == Qty(1, 1) and last.qty == Qty(1, 1):
        return True
    first = next((n for n, t in enumerate(toks) if t.idx == last.span[0]), None)
    if first is None or role != "injured":
        return False
    mine, theirs = _wound_kind(toks, i + 1), _wound_kind(toks, first + 1)
    return mine is not None and theirs is not None and mine != theirs


def _own_toll(toks: list[Tok], k: int) -> bool:
    """The number at k has its own casualty word after it ("16 injured", "90 people were
    wounded"), so a casualty word there is not the verb of a count before it."""
    for t in toks[k + 1 : k + 4]:
        w = t.lower_
        if w in KILL or w in INJURE:
            return w not in ("risen", "rose", "climbed")
        if w not in PERSON and w not in AUX:
            return False
    return False


def _injured_rise(toks: list[Tok], k: int) -> bool:
    """A rise of the injured's number: "the number of injured in the strike rose to 7"."""
    if toks[k].lower_ not in ("rose", "risen", "climbed"):
        return False
    before = [t.lower_ for t in toks[max(0, k - 30) : k]]
    stops = [j for j, w in enumerate(before) if w in (".", ";", "!", "?")]
    before = before[stops[-1] + 1 :] if stops else before
    for j, w in enumerate(before[:-2]):
        if w == "number" and before[j + 1] == "of":
            nxt = before[j + 3] if before[j + 2] == "people" and j + 3 < len(before) else ""
            return before[j + 2] in INJURE or nxt in INJURE
    return False


_FOUND = frozenset({"found", "recovered", "pulled", "retrieved", "discovered", "removed"})


def _found(toks: list[Tok], i: int) -> bool:
    """Bodies found in the ruins are the dead; bodies returned in an exchange are not."""
    return any(t.lower_ in _FOUND for t in toks[max(0, i - 6) : i + 10])


def _fatally(toks: list[Tok], k: int) -> bool:
    """A wound word that kills: "fatally wounding three people", "mortally wounded"."""
    return k > 0 and toks[k - 1].lower_ in ("fatally", "mortally")


_AGE_SUBJECT = frozenset({"he", "she"})
_MISSING_GAP = frozenset(
    {"are", "were", "is", "was", "still", "remain", "remained", "reported", "listed", "as"}
)


def _age_said(toks: list[Tok], i: int, j: int) -> bool:
    """A person's age told as the predicate: "She was 37." (no count of anything)."""
    if i < 2 or toks[i - 1].lower_ not in ("was", "is") or toks[i - 2].lower_ not in _AGE_SUBJECT:
        return False
    return j >= len(toks) or toks[j].is_punct


def _missing(toks: list[Tok], j: int) -> bool:
    """People told as missing: "20 are still missing" (neither a weapon nor a toll)."""
    k = j
    while k < len(toks) and toks[k].lower_ in _MISSING_GAP:
        k += 1
    return k < len(toks) and toks[k].lower_ == "missing"


_TOLL_TO = frozenset({"to", "reaches", "reached", "hits", "tops", "topped", "passes", "passed"})


def _toll_before(toks: list[Tok], i: int) -> bool:
    """Whether a number after "to" ends a death toll told just before it ("the death toll
    from Saturday's missile strike to 14"), with no other figure between."""
    for k in range(i - 2, max(-1, i - 14), -1):
        w = toks[k].lower_
        if w == "toll":
            return k == 0 or toks[k - 1].lower_ not in ("injury", "injured", "wounded")
        if toks[k].like_num or w in (".", ";"):
            return False
    return False


def _joint_count(toks: list[Tok], head: int, kind: str) -> bool:
    """One figure for two kinds of weapon: "158 missiles and drones" (a sum; its parts are
    told apart or not at all)."""
    k = head + 1
    if k >= len(toks) or toks[k].lower_ not in ("and", "or", "&"):
        return False
    for n, x in enumerate(toks[k + 1 : k + 3]):
        if x.like_num or x.lower_ in _NOT_JOINT or (n == 1 and not x.is_alpha):
            return False  # "21 of the missiles and both drones": two figures
        other = _weapon_of(x)
        if other is not None:
            return other != kind
    return False


_NOT_JOINT = _words("a an the both all its their some several most none one")


_RANKS = _words("second third fourth fifth sixth seventh eighth ninth tenth")


def _ranked(toks: list[Tok], i: int) -> bool:
    """ "a second drone", "a third missile": an article before a rank names one weapon of
    those told, not a count."""
    return toks[i].lower_ in ("a", "an") and i + 1 < len(toks) and toks[i + 1].lower_ in _RANKS


def _the_one(toks: list[Tok]) -> Count | None:
    """A clause opening on one weapon that hit, when the text has counted none before: "The
    Shahed drone hit the roof of a high-rise" (one drone, read as weakly as "a drone hit")."""
    kind, head, recon = _head(toks, 1)
    if kind not in ("missile", "drone") or recon or head >= len(toks):
        return None
    if head > 3 or toks[head].lower_ not in _SINGULAR_WEAPON or head + 1 >= len(toks):
        return None
    if toks[head + 1].lower_ not in HIT:
        return None  # "The regional headquarters said drone debris fell": no drone that hit
    t, last = toks[0], toks[head]
    return Count(kind, "hit", Qty(1, 1), (t.idx, last.idx + len(last)), weak=True)


def _kin_hurt(toks: list[Tok], i: int) -> Count | None:
    """One relative of someone told, with a verb of their own: "her husband was wounded",
    or after one: "killing a man and wounding his wife"."""
    if i + 1 >= len(toks) or toks[i + 1].lower_ not in _ONE_PERSON:
        return None
    before = toks[i - 1].lower_ if i > 0 else ""
    if before in ("wounding", "injuring", "killing"):
        a, b = toks[i], toks[i + 1]
        kind = "killed" if before == "killing" else "injured"
        return Count(kind, "value", Qty(1, 1), (a.idx, b.idx + len(b)))
    if i + 3 >= len(toks):
        return None
    if toks[i + 2].lower_ not in ("was", "is"):
        return None
    w = toks[i + 3].lower_
    role = "killed" if w in KILL else "injured" if w in INJURE else None
    if role is None:
        return None
    a, b = toks[i], toks[i + 1]
    return Count(role, "value", Qty(1, 1), (a.idx, b.idx + len(b)))


def _of_number(toks: list[Tok], k: int) -> bool:
    """Whether "of" at k is followed by a number: "one of two missiles"."""
    return toks[k].lower_ == "of" and k + 1 < len(toks) and word_value(toks[k + 1].text) is not None
