"""Split sentences into clauses and read each clause's cues: attacker, kind of statement."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from trucewatch.extract.fold import Folded, fold_of
from trucewatch.extract.lexicon import lexicon
from trucewatch.extract.tokens import Tok, doc_tokens

__all__ = ["Clause", "classify", "split_clauses"]

# A new clause starts at these tokens (the token itself opens the new clause).
_SPLIT_AFTER_COMMA = frozenset({"while", "but", "whereas"})
_DATE_OPENERS = frozenset(
    {"on", "the", "late", "early", "earlier", "later", "in", "overnight", "that", "last", "by"}
)

# A sentence opening with one of these leads with a subordinate clause that ends at its first
# comma ("Hours after the truce took effect, Russian aircraft bombed Sumy region").
_SUBORDINATE_OPENERS = frozenset(
    {
        "after",
        "despite",
        "although",
        "though",
        "since",
        "once",
        "when",
        "hours",
        "minutes",
        "only",
        "just",
        "barely",
        "shortly",
        "even",
        "days",
        "moments",
        "as",
        "before",
        "until",
    }
)

ATTACK_WORDS = re.compile(
    r"\b(?:drones?|uavs?|missiles?|rockets?|shaheds?|strikes?|struck|hit|hits|hitting|attack(?:s|ed|ing)?|"
    r"shell(?:ing|ed|s)?|bomb(?:s|ed|ing)?|explosions?|blasts?|debris|killed|killing|injured|injuring|"
    r"wounded|wounding|damaged?|affected|destroyed|barrages?|(?<!air-)raids?|pounded|hammered|fired|launched|"
    r"intercepted|downed|shot\s+down|targeted|casualties|dead|onslaught|bombardment|wave|"
    # what an attack leaves: "fires broke out in residential buildings", "50 flats were wrecked"
    r"fires?\s+broke\s+out|caught\s+fire|ablaze|wreck(?:ed|age)|came\s+under|under\s+fire)\b",
    re.I,
)
# Bombs that fell on a named place hit it: "nearly 100 had fallen on Sumy region".
FELL_ON = re.compile(r"\b(?:fell|fallen)\s+on\s+(?:the\s+)?[A-Z]")
BREAKDOWN = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:each\s+)?over\s+(?:the\s+)?[A-Z]"
)
AGGREGATE = re.compile(
    r"\bevery\s+(?:day|night|week|month)\b|\bper\s+(?:day|month|week)\b|\bsince\s+the\s+(?:start|beginning)\b|"
    r"\bsince\s+(?:february\s+)?2022\b|\bso\s+far\s+this\b|\bthis\s+year\b|\bin\s+total\b|\ba\s+total\s+of\b|"
    # a week's or a month's tally, not "earlier this week" (one attack in it); the lookbehinds
    # sit after the words so that the pattern keeps its fast literal prefix scan
    r"\bthis\s+week\b(?<!earlier this week)(?<!later this week)|"
    r"\bthis\s+month\b(?<!earlier this month)(?<!later this month)|"
    # the war's or a period's tally: "since the full-scale invasion", "in the first four months
    # of the year", "so far in 2025", "between 1 and 7 May", "over three nights", "across the
    # weekend", "in March alone"
    # (a present perfect with "since the invasion" counts the war; "the largest attack since
    # the invasion" compares one attack with it)
    r"\bsince\s+the\s+(?:full-scale\s+|russian\s+)?(?:invasion|war)\b"
    r"(?=[^.]*\b(?:has|have)\s+(?:\w+\s+)?(?:fired|launched|used|sent)\b)|"
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:fired|launched|used|sent)\b"
    r"(?=[^.]*\bsince\s+the\s+(?:full-scale\s+|russian\s+)?(?:invasion|war)\b)|"
    r"\bfirst\s+(?:[\w-]+\s+)?(?:days|weeks|months)\s+of\b|\bso\s+far\s+in\b|"
    # a month's running tally: "in January so far, strikes have killed 120 civilians"
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+so\s+far\b|"
    r"\bbetween\s+[0-3]?\d(?:st|nd|rd|th)?\s+and\s+[0-3]?\d(?:st|nd|rd|th)?\s+(?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december)\b|"
    r"\b(?:over|across|during)\s+the\s+weekend\b|"
    r"\b(?:in|during)\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\s+alone\b|"
    r"\b(?:over|in|during)\s+the\s+(?:past|last|same|previous)\s+(?:week|month|year|(?:\d+|two|three|four|five|six|seven|ten|14|30)\s+(?:days|nights|weeks|months))\b|"
    # a rate, not one attack: "500 drones a night", "missiles each day"
    r"\b(?:drones?|missiles?|rockets?|shaheds?|attacks|strikes)\s+(?:a|each|every)\s+(?:night|day|week)\b|"
    # (not "for the second time in a week": one attack, counted among others)
    r"(?<!time )(?<!times )\bin\s+(?:a|one)\s+(?:single\s+)?"
    r"(?:week|month|year|winter|summer|autumn|spring|season)\b|"
    # a season's tally: "over the winter", "during the summer" (not "the largest this winter")
    r"\b(?:over|during|throughout)\s+the\s+(?:winter|summer|autumn|spring)\b|\bviolations?\b|"
    # ("N times" is read apart, in _sentence_skip: a tally unless one day frames it)
    r"\b\d+(?:st|nd|rd|th)\s+(?:air\s+)?(?:attack|strike|raid)\b|"
    # a truce's or a period's tally: "since the truce began", "during the ceasefire"
    r"\bsince\s+the\s+(?:truce|ceasefire|pause|moratorium)\b|\bsince\s+then\b|"
    r"\bsince\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|last\s+\w+|20\d\d)\b|"
    # "over seven days", "within two weeks", "the first half of 2025", "the first quarter"
    # (not "the second raid in two nights": one raid counted among others)
    r"\b(?:over|during|within)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:days|nights|weeks|months)\b|"
    r"\b(?:first|second)\s+(?:half|quarter)\s+of\b|\b(?:first|second|third|fourth)\s+quarter\b|"
    r"\bthroughout\s+the\s+war\b|\bwhole\s+war\b|\bsince\s+\d+\s+\w+\b|\bmonthly\b|\bweekly\b|"
    # a season's or a month's tally: "over the three winter months", "in July 2025",
    # "a record for a single month", "in the whole of June 2024"
    r"\bover\s+the\s+(?:[\w-]+\s+){0,2}(?:months|weeks)\b|\bfor\s+a\s+single\s+(?:week|month)\b|"
    r"\bin\s+(?:the\s+whole\s+of\s+)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\s+(?:19|20)\d\d\b|"
    # a month's launches or a month's figure set beside another's: "launched 6,678 drones
    # against Ukraine in March", "fell to 135, from 290 in February" (not "on 5 March")
    r"\b(?:launched|fired|sent|used)\b[^.;]{0,80}?\bin\s+(?:january|february|march|april|may|"
    r"june|july|august|september|october|november|december)\b(?![\s,]+\d)|"
    r"\bfrom\s+[\d,]+\s+in\s+(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b|"
    # the same, the month told first: "In October, Russia launched more than 5,200 drones"
    r"\bin\s+(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b(?![\s,]+\d)[^.;]{0,60}?\b(?:launched|fired|sent|used)\b|"
    # a monitoring mission's month: "civilian casualties in April ...", "recorded at least 209
    # civilians killed and 1,146 injured in April" (not "on 4 April")
    r"\bcasualties\s+(?:in|during|for)\s+(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b(?![\s,]+\d)|"
    r"\b(?:record(?:ed|ing)|document(?:ed|ing))\s+(?:at\s+least\s+)?[\d,]+\s+civilians?\s+"
    r"(?:killed|dead|deaths)\b[^.;]{0,60}?\b(?:in|during)\s+(?:january|february|march|april|may|"
    r"june|july|august|september|october|november|december)\b(?![\s,]+\d)|"
    # a remark that counts the attack told among others: "It was the second night of strikes
    # on the Odesa area since ..."
    r"\b(?:it|this|that)\s+(?:was|is|marked)\s+the\s+(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|"
    r"rd|th))\s+(?:straight\s+|consecutive\s+)?(?:night|day|week)\s+of\s+(?:[\w-]+\s+)?"
    r"(?:strikes|attacks|shelling|bombardment|raids)\b",
    re.I,
)
HYPOTHETICAL = re.compile(
    r"\b(?:will|would|could|might|shall)\s+(?:not\s+)?(?:go|be|strike|hit|attack|launch|fire|respond|retaliate)\b|"
    r"\b(?<!life-)threaten(?:s|ed|ing)?\b|\bwarn(?:s|ed|ing)?\s+(?:that|of)\b|\bplan(?:s|ned)?\s+to\b|"
    r"\bif\s+(?:russia|ukraine|kyiv|moscow|it|they)\b|\bunless\b|\bvow(?:s|ed)?\b|\bready\s+to\b|"
    # an attack being prepared or expected is not one: "preparing a massive strike", "could
    # come as soon as tonight", "is expected to launch"
    r"\b(?:preparing|readying|massing|stockpiling|amassing)\b|\b(?:is|are|was|were)\s+(?:expected|likely|set)\s+to\b|"
    r"\b(?:will|would|could|might|may)\s+(?:soon\s+)?(?:come|follow|happen|target)\b|"
    # a weapon's use or reach told as a possibility: "Russia could use the Oreshnik against
    # Kyiv", "a missile that can reach Moscow", "targets which could include government
    # buildings"
    r"\b(?:will|would|could|might|can)\s+(?:(?:soon|also|still|now|easily|even|then)\s+)?"
    r"(?:use|reach|include|destroy|wipe\s+out)\b|"
    # a right claimed, not used: "considered itself entitled to strike the military facilities
    # of countries that ...", "has the right to hit"
    r"\b(?:entitled|the\s+right)\s+to\s+(?:strike|hit|attack|target|use)\b|"
    # a weapon described, not fired: "A Tomahawk has a range of about 2,500 km"
    r"\b(?:has|have|had|with)\s+a\s+(?:\w+\s+)?range\s+of\b|\bcapable\s+of\b",
    re.I,
)
# What happens in a neighbouring state is not a strike in the war: "a drone crashed in eastern
# Romania", "drones entered Polish airspace", "debris fell on Moldova's territory".
_NEIGHBOURS = "romania|poland|moldova|belarus|hungary|slovakia|lithuania|latvia|estonia|finland"
ABROAD = re.compile(
    r"\b(?:in|into|over|on)\s+(?:neighbou?ring\s+)?(?:(?:north|south)?(?:-?east|-?west)(?:ern)?\s+|"
    rf"northern\s+|southern\s+)?(?:{_NEIGHBOURS})\b(?!['’])|"
    r"\b(?:romanian|polish|moldovan|belarusian|hungarian|slovak|lithuanian|latvian|estonian|"
    r"finnish|nato)\s+(?:air\s*space|territory|soil)\b|"
    rf"\b(?:{_NEIGHBOURS})(?:'s|’s)\s+(?:air\s*space|territory|soil)\b|"
    # "the Romanian village of Plauru", "a Moldovan border town"
    r"\b(?:romanian|polish|moldovan|belarusian|hungarian|slovak|lithuanian|latvian|estonian|"
    r"finnish)\s+(?:(?:border|frontier)\s+)?(?:village|town|city|region|county|district|"
    r"farm|field)\b|"
    # the neighbour's own downing or find: "Belarus said it had shot down a drone",
    # "Belarusian air defences destroyed a drone", "Moldova said debris fell on a house"
    rf"\b(?:{_NEIGHBOURS})\s+(?:said|says|reported)\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:it|its\s+[\w\s]{{0,20}}?)\s+"
    r"(?:had\s+|has\s+)?(?:shot\s+down|downed|destroyed|intercepted|found)\b|"
    r"\b(?:romanian|polish|moldovan|belarusian|hungarian|slovak|lithuanian|latvian|estonian|"
    r"finnish)\s+(?:air\s+defen[cs]es?|jets?|fighters?|forces|military|army|border\s+guards?)\s+"
    r"(?:\w+\s+){0,2}?(?:shot\s+down|downed|destroyed|intercepted)\b|"
    rf"\b(?:{_NEIGHBOURS})\s+(?:said|says|reported)\b[^.;]{{0,40}}?"
    r"\b(?:debris|fragments|wreckage|crashed|fell)\b",
    re.I,
)
# A neighbouring state that speaks or owns what follows ("Romania's defence ministry said it
# had found fragments of a drone", "Romania, whose village of Plauru ..."): what it tells is
# not this war's strike.
NEIGHBOUR_NAMED = re.compile(rf"\b(?:{_NEIGHBOURS}|romanian|polish|moldovan|belarusian)\b", re.I)
# A loss that is no attack: "a Su-34 crashed during a training flight", "a technical fault".
MISHAP = re.compile(
    r"\b(?:training|test|routine)\s+flights?\b|\btechnical\s+(?:fault|malfunction|failure)\b|"
    r"\bcrashed\s+during\s+(?:a\s+|an\s+)?(?:training|exercises?|drills?|test)\b",
    re.I,
)
# An attack said not to have happened: "no drones were launched at Kyiv", "no attack followed".
NO_ATTACK = re.compile(
    r"\bno\s+(?:[\w-]+\s+){0,2}?(?:drones?|missiles?|attacks?|strikes?|shahed\w*)\s+"
    r"(?:or\s+(?:[\w-]+\s+){0,2}?(?:drones?|missiles?)\s+)?"
    r"(?:were\s+|was\s+|had\s+been\s+|have\s+been\s+)?"
    r"(?:launched|fired|recorded|followed|reported|detected)\b",
    re.I,
)
DENIAL = re.compile(
    r"\bden(?:y|ies|ied)\b[^.]*\b(?:took\s+place|happened|lie|fabricat\w*|staged|fake)\b|"
    r"\bnever\s+(?:took\s+place|happened)\b|\bwhat\s+it\s+(?:says|said|claims|called)\s+was\b",
    re.I,
)
PLEDGE_WORDS = re.compile(
    r"\b(?:ceasefires?|cease-fires?|truces?|pause|moratorium|refrain|armistice|halt\s+(?:strikes|attacks)|"
    r"stop\s+(?:hitting|striking|attacking|attacks|strikes))\b",
    re.I,
)
CONTESTED = re.compile(
    r"\b(?:could\s+not|cannot|can't|unable\s+to)\s+(?:establish|determine|verify|confirm)\s+who\b|"
    r"\bsaid\s+it\s+was\s+(?:russia|ukraine)\s+that\b|\beach\s+side\s+blam\w+\b",
    re.I,
)
NEW_EVENT = re.compile(
    r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:day|days|week|weeks|"
    r"month|months)\s+(?:after|before)\b|\bcame\s+after\b|"
    r"\ba\s+similar\s+(?:strike|attack|raid)\b|"
    r"\bfollowed\s+(?:a|an|the)\b|\b(?:fresh|new|separate|another)\s+(?:daytime\s+)?(?:wave|attack|raid|strike)\b|"
    # (not "68 more drones were lost from radar": a downing added to one told, not a new wave)
    r"\bmore\s+drones\b(?!\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:lost|shot|"
    r"downed|destroyed|jammed|suppressed|intercepted|neutrali[sz]ed))|\bearlier\s+in\s+the\s+week\b|\bexplained\s+why\b|\bprevious\s+(?:attack|strike)\b|"
    # a place hit again: "drones hit Ternivka again overnight"
    r"\b(?:hit|struck|attacked|shelled|targeted)\s+(?:[\w-]+\s+){0,2}?again\s+"
    r"(?:overnight|later|at\s+night|on\s+\w+|in\s+the\s+(?:morning|afternoon|evening|night))\b",
    re.I,
)
# A summary's or a live blog's label opens another item, which may tell an attack already
# told or another: "Background: since 18:00 on Friday Russia had launched 109 drones",
# "08:40 Reminder: earlier on Sunday ...", "Context: the air force said ...".
ITEM_LABEL = re.compile(
    r"^\s*(?:\d{1,2}[:.]\d{2}\s+)?(?:background|context|reminder|recap)\s*:", re.I
)

_ATTACK_NOUNS = (
    r"forces|troops|army|military|drones?|uavs?|missiles?|rockets?|strikes?|attacks?|raids?|barrages?|"
    r"bombardment|shelling|shells?|bombs?|aircraft|jets|artillery|onslaught|offensive|navy|fleet"
)
_ATTACK_VERBS = (
    r"launched|fired|sent|struck|hit|attacked|pounded|hammered|used|shelled|targeted|bombarded|"
    r"unleashed|carried\s+out|hitting|striking|launching|firing|attacking|shelling|bombing|"
    r"pounding|bombarding"
)


def _side_patterns(adjective: str, names: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:{adjective})\s+(?:[\w-]+\s+){{0,2}}?(?:{_ATTACK_NOUNS})\b|"
        # "Russia instead launched", "Russia, meanwhile, launched"
        rf"\b(?:{names})(?:\s+|,\s*meanwhile,\s*)(?:had\s+|has\s+|have\s+|also\s+|still\s+|"
        r"then\s+|again\s+|kept\s+|instead\s+|meanwhile\s+|"
        rf"continued\s+(?:to\s+)?|been\s+)*(?:{_ATTACK_VERBS})\b"
        r"(?!\s+by\b)|"  # "Kyiv hit by 30 drones": the side is hit, not hitting
        rf"\bblam\w*\s+(?:the\s+)?[\"“]?(?:{names})|"
        rf"\b(?:{names})\s+(?:has\s+|had\s+)?resumed\s+(?:its\s+|their\s+)?"
        rf"(?:attacks|strikes|shelling|bombing|bombardment)\b",
        re.I,
    )


RU_ATTACK = _side_patterns(r"russian|russia's|russia’s|moscow's", r"russia|russians|moscow")
UA_ATTACK = _side_patterns(r"ukrainian|ukraine's|ukraine’s|kyiv's", r"ukraine|ukrainians|kyiv|kiev")
RU_DEFENDS = re.compile(
    r"\b(?:russian|russia's|russia’s)\s+(?:air\s+defen[cs]es?|defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|mod)\b|"
    r"\b(?:russian|russia's)\s+(?:officials|emergency)\b|\bmoscow\s+mayor\b|\bsobyanin\b",
    re.I,
)
UA_DEFENDS = re.compile(
    r"\b(?:ukrainian|ukraine's|ukraine’s)\s+(?:air\s+defen[cs]es?|air\s+force|military|general\s+staff|officials)\b|"
    r"\bthe\s+air\s+force\s+said\b",
    re.I,
)
_ITS_FORCES = re.compile(
    r"\b(russia|ukraine)(?:'s|’s|n|ian)\s+[\w\s]{0,30}?said\s+its\s+(?:forces|troops|army|drones)\s+"
    r"(?:had\s+)?(?:struck|hit|attacked)",
    re.I,
)
# A side that says it struck: "Moscow said it had struck military facilities in Kharkiv".
_SAID_IT_STRUCK = re.compile(
    r"\b(russia|russian|moscow|ukraine|ukrainian|kyiv)(?:'s|’s)?(?:\s+[\w-]+){0,3}?\s+"
    r"(?:said|says|claimed)\s+(?:that\s+)?it\s+(?:had\s+)?(?:struck|hit|attacked|shelled)\b",
    re.I,
)
# A side accused of the attack: "Russian officials accused Ukraine of shelling Donetsk".
_ACCUSED = re.compile(
    r"\baccus(?:ed|es|ing)\s+(russia|moscow|ukraine|kyiv)(?:'s\s+(?:forces|army|troops))?\s+of\s+"
    r"(?:shelling|attacking|striking|firing|launching|hitting|bombing)\b|"
    r"\bblam(?:ed|es|ing)\s+(russia|moscow|ukraine|kyiv)\s+for\b",
    re.I,
)
# A side's word followed by these names who speaks, not who attacks.
_SOURCE_AFTER = re.compile(
    r"\s+(?:sources?|spokes(?:man|woman|person)|officials?|analysts?|bloggers?|experts?|"
    r"intelligence|observers?|correspondents?|administrations?|authorities)\b",
    re.I,
)
# A side's forces followed by a speech verb name the reporter: "Ukraine's southern defence
# forces said two missiles had been fired".
_SPEAKS_AFTER = re.compile(
    r"\s+(?:(?:had|has|have)\s+)?(?:said|says|say|reported|reports|told|announced|stated|wrote)\b",
    re.I,
)
# A side's forces followed by a downing verb defend: "Ukrainian forces downed 315 drones and
# 27 missiles" (analysts' prose) names no attacker; the figures go with the attack being told.
_DEFENDS_AFTER = re.compile(
    r"\s+(?:(?:had|has|have|also|reportedly)\s+)*(?:downed|shot\s+down|intercepted|brought\s+down|"
    r"neutrali[sz]ed|suppressed|(?:destroyed|repelled)\s+(?:[\w,-]+\s+){0,3}?"
    r"(?:drones?|uavs?|missiles?|air\s+targets))\b",
    re.I,
)
_FORCES_END = re.compile(r"(?:forces|troops|army|military|units)$", re.I)
# A headline drops "is/was": "Kyiv hit as ...", "Moscow attacked by drones" are passive.
_HEADLINE_PASSIVE = re.compile(
    r"(?:kyiv|kiev|moscow|ukraine|russia)\s+(?:\w+\s+)?"
    r"(?:hit|struck|attacked|targeted|shelled|pounded|hammered|bombarded)\b",
    re.I,
)
DOWNING = re.compile(
    r"\b(?:shot\s+down|intercepted|downed|destroyed|brought\s+down|neutrali[sz]ed|repelled)\b", re.I
)


@dataclass
class Clause:
    """A stretch of one sentence that states at most one event."""

    sent: int
    span: Span
    text: str
    start_char: int
    sentence_text: str
    attacker: str | None = None
    attacker_span: tuple[int, int] | None = None
    defender: str | None = None
    contested: bool = False
    skip: bool = False
    pledge: bool = False
    attack: bool = False
    new_event: bool = False
    item: bool = False  # opens with a label ("Background:"): not the attack being told
    headline: bool = False  # the text's first line, with no full stop: rounded figures
    notes: list[str] = field(default_factory=list)
    start: int = 0  # token range of the clause in its doc
    end: int = 0
    toks: list[Tok] = field(default_factory=list)


def split_clauses(doc: Doc) -> list[Clause]:
    """Cut every sentence of `doc` at ';', ', while/but' and ', and <date or that>'."""
    out: list[Clause] = []
    dt = doc_tokens(doc)
    lower = dt.lower
    for si, (s_start, s_end) in enumerate(dt.sents):
        cuts = [s_start]
        first = next((i for i in range(s_start, s_end) if not dt.toks[i].is_space), s_end)
        # "As a result of the attack ...", "As of 09:00, ...": a phrase, not a subordinate clause
        phrase = first + 1 < s_end and lower[first] == "as" and lower[first + 1] in ("a", "of")
        if first < s_end and lower[first] in _SUBORDINATE_OPENERS and not phrase:
            comma = next((i for i in range(first + 1, s_end) if lower[i] == ","), None)
            if comma is not None and comma + 1 < s_end:
                cuts.append(comma + 1)
        for i in range(s_start + 1, s_end):
            prev, w = lower[i - 1], lower[i]
            if (
                prev == ";"
                or (prev == "," and w in _SPLIT_AFTER_COMMA)
                or (
                    prev == ","
                    and w == "and"
                    and (lower[i + 1] if i + 1 < s_end else "") in _DATE_OPENERS
                )
                or (w == "and" and (lower[i + 1] if i + 1 < s_end else "") == "that")
                or (w == "and" and _another_time(lower, s_start, i + 1, s_end))
            ):
                cuts.append(i)
        cuts.append(s_end)
        cuts = sorted(set(cuts))
        sent_text = dt.span_text(s_start, s_end)
        headline = si == 0 and _headline(dt.text, dt.chars(s_start, s_end)[1])
        for a, b in itertools.pairwise(cuts):
            if b <= a:
                continue
            start_char, end_char = dt.chars(a, b)
            out.append(
                Clause(
                    si,
                    doc[a:b],
                    dt.text[start_char:end_char],
                    start_char,
                    sent_text,
                    start=a,
                    end=b,
                    toks=dt.toks[a:b],
                    headline=headline,
                )
            )
    return out


_TIME_WORDS = frozenset(
    {
        *("overnight", "night", "nights", "morning", "evening", "afternoon", "day"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    }
)


def _another_time(lower: list[str], start: int, i: int, end: int) -> bool:
    """A second attack at another time told in the same sentence: "120 drones on Monday night
    and another 150 on Tuesday night" (not "120 drones and another 30 decoys overnight")."""
    head = lower[i : i + 2]
    if not (head[:1] in (["another"], ["then"]) or head == ["a", "further"]):
        return False
    before = any(w in _TIME_WORDS for w in lower[max(start, i - 12) : i])
    return before and any(w in _TIME_WORDS for w in lower[i + 1 : min(end, i + 10)])


def _headline(text: str, end: int) -> bool:
    """Whether the first sentence, ending at `end`, is a headline: a line with no full stop.

    "Russia fires 100 drones at Ukraine" above the story's "Russia launched 98 drones".
    """
    line = text[:end].rstrip()
    breaks = "\n" in text[end : end + 3] or "\n" in text[:end][-2:]
    return bool(line) and line[-1] not in ".!?\"”'" and breaks


def classify(clause: Clause) -> None:
    """Fill in the clause's cues from its text and its sentence's text."""
    text = clause.text
    ft = fold_of(text)
    clause.attack = bool(ft.search(ATTACK_WORDS) or BREAKDOWN.search(text) or FELL_ON.search(text))
    clause.pledge = bool(ft.search(PLEDGE_WORDS))
    clause.new_event = bool(ft.search(NEW_EVENT))
    clause.item = ITEM_LABEL.match(text) is not None
    if (
        _sentence_skip(_piece(clause))
        or ft.search(HYPOTHETICAL)
        or ft.search(NO_ATTACK)
        or ft.search(MISHAP)
    ):
        clause.skip = True
    clause.contested = bool(ft.search(CONTESTED))
    _attacker(clause, ft)


# "shelled 400 times": a tally, unless of one day ("over the past day Russian forces shelled
# Kherson 43 times, killing two", "struck 17 times in a single hour" on one day)
TIMES = re.compile(r"\b\d[\d,]*\s+times\b", re.I)
ONE_DAY = re.compile(
    r"\b(?:past|last|previous)\s+(?:day|24\s+hours)\b|"
    r"\b(?:over|in|during)\s+(?:the\s+)?(?:day|24\s+hours|night)\b|"
    r"\bin\s+(?:a|one)\s+(?:single\s+)?(?:hour|day|night)\b|\bovernight\b|"
    r"\bon\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)


# Where a sentence turns from an attack to a tally it is part of: "...; it was the third
# attack this week", "..., bringing the number killed this month to 41", "..., the 14th and
# 15th civilian deaths since January".
_TALLY_TURN = re.compile(
    r";|,\s+(?=(?:bringing|raising|taking|pushing)\s)|"
    r",\s+(?=the\s+(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|tenth)\b)",
    re.I,
)


def _piece(clause: Clause) -> str:
    """The part of the clause's sentence, between the turns to a tally, that holds it: a tally
    told after the attack does not make a tally of the attack."""
    sent = clause.sentence_text
    if ";" not in sent and "," not in sent:
        return sent
    own = clause.text.strip().strip(";,").strip()
    at = sent.find(own)
    if at < 0 or not own:
        return sent
    turns = [m.start() for m in _TALLY_TURN.finditer(sent)]
    if not turns:
        return sent
    start = max((t for t in turns if t < at), default=-1) + 1
    end = min((t for t in turns if t > at), default=len(sent))
    return sent[start:end]


@functools.lru_cache(maxsize=4)
def _sentence_skip(sent: str) -> bool:
    """An aggregate or a denial in the sentence (cached: every clause of a sentence asks)."""
    fs = fold_of(sent)
    if fs.search(DENIAL):
        return True
    if fs.search(TIMES) is not None and fs.search(ONE_DAY) is None:
        return True
    turn = fs.search(_CAME_AFTER)
    cut = turn.start() if turn is not None else -1
    return any(
        not _comparison(fs.text, m) and m.start() >= cut and not _since_when(fs.text, m)
        for m in fs.finditer(AGGREGATE)
    )


# "The weekly tally came after a strike on Sloviansk killed 11": the tally is told before the
# turn, the attack after it, which is one attack.
_CAME_AFTER = re.compile(
    r"\b(?:came|comes|follows|followed)\s+(?:(?:just|only|hours|days|a|day)\s+)*after\b", re.I
)
# "since March 16, 2022, when Russian shelling killed 10 people", "since 17 June, when a
# Russian strike killed 28": the day of one attack (the day told after or before its month;
# "since March, when" names a month, not a day)
_SINCE_WHEN = re.compile(r"\s*\d{1,2}(?:,\s*(?:19|20)\d\d)?,\s+when\b", re.I)
_DAY_WHEN = re.compile(r",\s+when\b", re.I)


def _since_when(text: str, m: re.Match[str]) -> bool:
    """Whether the aggregate match `m` is "since <day>, when ...", which dates one attack."""
    if not m.group(0).lower().startswith("since"):
        return False
    if _SINCE_WHEN.match(text, m.end()) is not None:
        return True
    day_first = re.match(r"since\s+\d{1,2}\s+[a-z]+$", m.group(0), re.I) is not None
    return day_first and _DAY_WHEN.match(text, m.end()) is not None


# A superlative that sets one attack against a period: "the deadliest attack on the capital
# this year" tells one attack, not the year's tally.
_SUPERLATIVE = re.compile(
    r"\b(?:deadliest|largest|biggest|heaviest|worst|most\s+\w+|highest)\b[^.;]{0,50}$", re.I
)
_PERIOD = re.compile(
    r"this\s+(?:year|month|week|winter|summer)|since\s+the\s+(?:start|beginning)|"
    r"since\s+(?:february\s+)?2022|since\s+the\s+(?:full-scale\s+|russian\s+)?(?:invasion|war)",
    re.I,
)


def _comparison(text: str, m: re.Match[str]) -> bool:
    """Whether the aggregate match `m` in `text` is the period a superlative compares with."""
    if _PERIOD.fullmatch(m.group(0)) is None:
        return False
    return _SUPERLATIVE.search(text, max(0, m.start() - 60), m.start()) is not None


def _attacker(clause: Clause, ft: Folded) -> None:
    lex = lexicon()
    hits: list[tuple[int, str, tuple[int, int]]] = []
    m_its = ft.search(_ITS_FORCES)
    if m_its:
        side = "RU" if m_its.group(1).lower() == "russia" else "UA"
        hits.append((m_its.start(), side, m_its.span()))
    m_said = ft.search(_SAID_IT_STRUCK)
    if m_said:
        side = "RU" if m_said.group(1).lower().startswith(("russ", "moscow")) else "UA"
        hits.append((m_said.start(), side, m_said.span()))
    m_acc = ft.search(_ACCUSED)
    if m_acc:
        # the side accused is the attacker told, whoever accuses it (before any other word)
        g = 1 if m_acc.group(1) else 2
        side = "RU" if m_acc.group(g).lower() in ("russia", "moscow") else "UA"
        hits.append((-1, side, m_acc.span(g)))
    for side, pat in (("RU", RU_ATTACK), ("UA", UA_ATTACK)):
        for m in ft.finditer(pat):
            frag = m.group(0).lower()
            if re.search(
                r"air[\s-]+defen|defen[cs]e\s+ministry|officials|media|delegation|interceptor", frag
            ):
                continue
            if clause.headline and _HEADLINE_PASSIVE.match(frag):
                continue  # headlinese: "Kyiv hit as Russia launches 300 drones"
            if _SOURCE_AFTER.match(ft.text, m.end()) or _SPEAKS_AFTER.match(ft.text, m.end()):
                continue  # "a Ukrainian military source told Reuters": the reporter
            if _FORCES_END.search(frag) and _DEFENDS_AFTER.match(ft.text, m.end()):
                continue  # the defender: the attack is the one being told
            hits.append((m.start(), side, m.span()))
    for tok in clause.toks:
        w = tok.lower_
        if w in lex.ru_weapons:
            hits.append(
                (tok.idx - clause.start_char, "RU", _rel(tok.idx, tok.idx + len(tok), clause))
            )
        elif w in lex.ua_weapons:
            hits.append(
                (tok.idx - clause.start_char, "UA", _rel(tok.idx, tok.idx + len(tok), clause))
            )
    if ft.search(RU_DEFENDS) and ft.search(DOWNING):
        clause.defender = "RU"
    elif ft.search(UA_DEFENDS) and ft.search(DOWNING):
        clause.defender = "UA"
    if hits:
        hits.sort()
        _, side, span = hits[0]
        # The defender's own air defences name the defender, not the attacker.
        if clause.defender and side == clause.defender:
            others = [h for h in hits if h[1] != side]
            if others:
                _, side, span = others[0]
        clause.attacker = side
        clause.attacker_span = (span[0] + clause.start_char, span[1] + clause.start_char)
    elif clause.defender:
        clause.attacker = "UA" if clause.defender == "RU" else "RU"


def _rel(a: int, b: int, clause: Clause) -> tuple[int, int]:
    return a - clause.start_char, b - clause.start_char
