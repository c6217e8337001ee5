"""Pledges: commitments, offers and refusals to stop or limit attacks, with party and terms."""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc

from trucewatch.extract.dates import find_dates
from trucewatch.extract.fold import Folded, folded
from trucewatch.extract.lexicon import lexicon, place_index
from trucewatch.extract.numbers import word_value
from trucewatch.extract.places import places_hit, targets_named
from trucewatch.extract.results import ExtractedPledge
from trucewatch.extract.tokens import DocTokens, Piece, Tok, doc_tokens

__all__ = ["Terms", "extract_pledges", "settle"]

PLEDGE_NOUN = re.compile(
    r"\b(?:ceasefires?|cease-fires?|truces?|pause|moratorium|refrain\w*|armistice|"
    r"halt\s+(?:strikes|attacks)|stop\s+(?:hitting|striking|attacking|strikes|attacks)|"
    # a halt told by its verb, as what a side offers or is ordered to do: "offered to stop
    # fighting", "ordered his troops to stop fighting" (not "can't afford to stop fighting")
    r"(?:offer|agree|order|ready|prepared|willing|promis|pledg|decid)\w*\s+(?:[\w-]+\s+){0,3}?"
    r"to\s+stop\s+(?:fighting|firing)|"
    # a halt told as done: "Russia had halted strikes on energy facilities"
    r"(?:halted|stopped|suspended|paused)\s+(?:all\s+|its\s+|their\s+)?(?:strikes|attacks)|"
    r"suspension\s+of\s+(?:\w+\s+)?(?:strikes|attacks)|"
    r"halt\s+(?:to|on|in)\s+(?:\w+\s+)?(?:strikes|attacks|fighting|hostilities)|"
    # "a 30-day halt along the whole front", "a week-long halt"
    r"(?:\d+|[a-z]+)-(?:day|week|hour)\s+halt|week-long\s+halt|"
    # "hold off strikes on energy sites", "hold off its own long-range strikes"
    r"hold\s+off\s+(?:on\s+)?(?:(?:its|their|his|all|any)\s+)?(?:own\s+)?(?:[\w-]+\s+)?"
    r"(?:strikes|attacks|striking|attacking|hitting|firing)|"
    # a claim of keeping told as what was not done: "have not carried out strikes on energy"
    r"(?:ha(?:ve|s|d)\s+not|haven't|hasn't|hadn't)\s+(?:carried\s+out|conducted|launched|made)\s+"
    r"(?:any\s+)?(?:strikes|attacks)|"
    # no fighting near a place: "the area around the plant demilitarised", "all military
    # activity near it to stop"
    # (not the war aim "the demilitarisation of Ukraine")
    r"demilitari[sz]ed\s+zone|(?:be|been)\s+demilitari[sz]ed|(?:stop|halt|cease|end)\w*\s+(?:all\s+)?military\s+activit\w+|"
    r"military\s+activit\w+\s+(?:[\w-]+\s+){0,3}?to\s+(?:stop|cease|end)|"
    r"not\s+to\s+(?:shoot|strike|attack|fire|hit|bomb)|"
    # a promise in the future: "Ukraine will not strike Russian energy facilities"
    r"(?:will|would)\s+not\s+(?:strike|attack|hit|target|shell|bomb)|"
    # a pledge told as kept by both: "neither side had struck the other's energy facilities"
    r"neither\s+side\s+(?:had\s+|has\s+|have\s+)?(?:struck|hit|attacked|targeted)|"
    # no attack at all on a place: "there should be no attack of any kind against the plant"
    r"no\s+attacks?\s+(?:of\s+any\s+kind\s+)?(?:on|from|against)|"
    r"safety\s+of\s+(?:merchant\s+|commercial\s+|civilian\s+)?(?:shipping|navigation|ships|vessels)|"
    r"cease\s+(?:fire|hostilities|fighting)|(?:halt|stop|suspend)\w*\s+(?:all\s+)?hostilities|"
    r"hold\s+(?:their\s+|its\s+)?fire|silence\s+(?:their|its)\s+guns|regime\s+of\s+silence|"
    r"humanitarian\s+(?:pause|corridors?)|(?:grain|black\s+sea)\s+(?:grain\s+|maritime\s+)?(?:deal|initiative|corridor|agreements?|arrangements?)|"
    r"safe\s+(?:navigation|passage|shipping)|de-escalation|"
    # "a call for the war to stop along the present front line"
    r"(?:war|fighting)\s+to\s+stop\s+(?:along|at|on)\b|cut\s+back\s+(?:\w+\s+)?military\s+activity|"
    # "a promise to scale down military activity around Kyiv", "drastically reduce military
    # activity"; "to end the use of force in the Black Sea", "the ban on strikes against energy"
    r"(?:scal(?:e|ed|ing)\s+(?:down|back)|reduc(?:e|ed|ing))\s+(?:\w+\s+){0,2}?military\s+"
    r"(?:activity|operations)|(?:end|stop|halt|cease|renounce|eliminate)\w*\s+(?:the\s+)?use\s+of\s+"
    r"force|ban\s+on\s+(?:\w+\s+)?(?:strikes|attacks))\b",
    re.I,
)
# A ceasefire spoken of as a mere possibility is not one: "how a possible ceasefire could hold".
NOT_A_PLEDGE = re.compile(
    r"\b(?:possible|potential|future|eventual|hypothetical)\s+(?:[\w-]+\s+)?"
    r"(?:ceasefire|cease-fire|truce|pause|moratorium|armistice)\b",
    re.I,
)
# A ceasefire on everything, not the narrower pause spoken of before.
FULL = re.compile(
    r"\b(?:full|complete|total|comprehensive|general|unconditional|immediate|wider|broader|any)\s+"
    r"(?:[\w-]+\s+)?(?:ceasefire|cease-fire|truce|armistice|halt)\b|"
    # "a 30-day halt along the whole front"
    r"\b(?:along|across|on)\s+the\s+(?:whole|entire)\s+front\b",
    re.I,
)
# What became of a pledge named before: "That pledge did not last", "the truce was kept".
FATE_REF = re.compile(
    r"\b(?:that|this|the|his|its|their|a|an)\s+(?:[\w-]+\s+){0,2}?(?:pledge|promise|commitment|"
    r"truce|ceasefire|pause|moratorium|agreement|deal)\b",
    re.I,
)
# "..., but it collapsed within hours": the pledge named before the conjunction
IT_SUBJECT = re.compile(r"\W*(?:(?:but|and|yet)\s+)?it\s", re.I)
FATE_BROKEN = re.compile(
    r"\b(?:did\s+not|didn't|failed\s+to|never)\s+(?:even\s+)?(?:last(?:ed)?|hold|held|t(?:ake|ook)\s+hold|"
    r"survived?)\b|"
    r"\bproved\s+(?:\w+\s+)?(?:worthless|meaningless|hollow|empty|short-lived)\b|"
    r"\b(?:was|were|had\s+been|has\s+been)\s+(?:broken|violated|breached)\b|"
    r"\b(?:collapsed|fell\s+apart|broke\s+down)\b|\b(?:was|is|lay|lies)\s+(?:already\s+)?in\s+tatters\b|"
    r"\b(?:was|were|had\s+been)\s+shattered\b|\bwent\s+up\s+in\s+smoke\b|"
    r"\blasted\s+(?:only|just|barely|less\s+than)\s+(?:a\s+few\s+)?(?:hours?|minutes|a\s+day)\b|\b(?:only|merely)\s+on\s+paper\b|\bin\s+name\s+only\b|"
    # fighting told as never stopping through it: "the shelling never let up"
    r"\b(?:never|did\s+not|didn't)\s+let\s+up\b",
    re.I,
)
FATE_KEPT = re.compile(
    r"\b(?:held|(?:was|were|had\s+been)\s+(?:kept|honou?red|respected|observed))\b", re.I
)
# Words a correction withdraws: "An earlier version of this report said Russia had agreed to
# a 30-day truce", "incorrectly stated that ...".
SUPERSEDED = re.compile(
    r"\b(?:earlier|previous)\s+version\b|\b(?:incorrectly|wrongly|erroneously)\s+"
    r"(?:said|stated|reported|described|gave)\b|\bmis(?:stated|reported)\b",
    re.I,
)
# A first line with no closing stop, set apart by a blank line: a headline.
_HEADLINE = re.compile(r"[^\n.!?]+[^\n.!?:]\s*\n\s*\n")
_SUPERSEDED_HINT = re.compile(r"version|ly\s+(?:said|stated|reported|described|gave)|mis[sr]")
# Who asked for the pledge, when the asker is a pronoun or a quoted "I".
ASKED = re.compile(r"\b(?:asked|request(?:ed)?|urged|brokered|mediat\w+)\b", re.I)
# A party word right after these is the object attacked, not a party: "refrain from attacking Kyiv".
_OBJECT_BEFORE = re.compile(
    r"(?:attacking|striking|hitting|shelling|bombing|targeting|strikes\s+on|attacks\s+on|around|"
    r"near|outside)\s+$",
    re.I,
)
_NUMBER_BEFORE = r"(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:-\w+)?\s+)?"
_ANAPHOR_NOUN = (
    r"(?:idea|offer|request|arrangement|proposal|deal|order|plan|truce|ceasefire|pause|"
    r"initiative|appeal|moratorium|halt|principles|commitments?|obligations|extension|"
    r"unconditional\s+ceasefire|three-day\s+pause|quiet|lull)\b"
)
ANAPHORA = re.compile(
    r"\b(?:the|that|this|his|its|their|the\s+narrower)\s+(?:narrower\s+)?"
    # a number before the noun: "the five principles", "the 30-day pause"
    + _NUMBER_BEFORE
    + _ANAPHOR_NOUN
    # "such a long truce", "such a pause": the pledge just spoken of, whatever its distance
    + r"|\bsuch\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:truce|ceasefire|cease-fire|pause|moratorium|"
    r"halt|deal|arrangement)\b",
    re.I,
)
# A possessive points back as "the" does: "Ukraine's offer", "Merz's idea".
ANAPHORA_OWNED = re.compile(r"\b[a-z]+(?:'s|’s)\s+" + _NUMBER_BEFORE + _ANAPHOR_NOUN, re.I)


def _anaphora(text: str) -> re.Match[str] | None:
    """A pledge named before, pointed back to ("the offer", "Ukraine's offer", "such a truce")."""
    m = ANAPHORA.search(text)
    if m is None and ("'s" in text or "’s" in text):
        m = ANAPHORA_OWNED.search(text)
    return m


# A side told as going on attacking: "Russia had kept striking energy sites regardless".
KEPT_ATTACKING = re.compile(
    r"\b(?P<who>russia|moscow|ukraine|kyiv)\s+(?:(?:had\s+|has\s+|have\s+)?"
    r"(?:kept\s+(?:up\s+)?(?:striking|attacking|hitting|shelling|firing\s+on|bombing)|"
    r"continued\s+(?:to\s+(?:strike|attack|hit|shell|bomb)|striking|attacking|hitting|shelling)|"
    r"never\s+stopped\s+(?:striking|attacking|hitting|shelling))\b|"
    # "says Russia itself has struck energy sites more than 30 times since the halt began"
    r"(?:itself\s+)?(?:has|have|had)\s+(?:\w+\s+)?(?:struck|attacked|hit|shelled)\b[^.;]{0,80}?"
    r"\bsince\s+the\s+(?:halt|truce|ceasefire|pause|moratorium)\b)",
    re.I,
)
# Both pledges just named, as what a side agreed to: "Kyiv had agreed to both".
TO_BOTH = re.compile(
    # "Kyiv has agreed to the same two points"
    r"\bto\s+the\s+same\s+(?:two|three)\s+(?:points|steps|terms|measures|commitments)\b|"
    r"\b(?:to|with|on)\s+both\b(?!\s+(?:sides|parties|countries|armies|of\s+(?:the\s+)?"
    r"(?:sides|parties|countries)|ukraine|russia|kyiv|moscow))",
    re.I,
)
# A clause going on with a list of pledges: "..., and a truce at sea in the Black Sea".
LIST_GOES_ON = re.compile(
    r"\W*(?:and|or|plus)\s+(?:also\s+)?(?:an?|the|one|another)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:ceasefire|cease-fire|truce|pause|moratorium|halt)\b",
    re.I,
)
SUCH_ATTACKS = re.compile(r"\s+(?:on|against)\s+such\s+(?:strikes|attacks)\b", re.I)
ANSWER = re.compile(
    r"\W*(?:and|but|which)\s+(?:[\w'’-]+\s+){1,3}?(?:has\s+|had\s+|have\s+)?(?:also\s+)?"
    r"(?:agreed|accepted|refused|rejected|declined|confirmed)\b",
    re.I,
)
# A side's short answer opening the sentence after the pledge's: "Ukraine had confirmed it
# would; Russia had not replied", "Kyiv accepted it at once".
SIDE_ANSWER = re.compile(
    r"\W*(?:ukraine|kyiv|kiev|russia|moscow|the\s+kremlin)\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:also\s+|quickly\s+|swiftly\s+)?(?:agreed|accepted|refused|rejected|declined|confirmed)"
    r"\s+(?:it|so|that)\b|"
    # a side's units keeping or breaking it, as state media tell it: "Russian units are
    # strictly complying with it", "Ukrainian forces have violated it"
    r"\W*(?:(?:the\s+)?(?:russian|ukrainian)\s+(?:units|troops|forces|army|military)|russia|"
    r"ukraine|kyiv|kiev|moscow)\s+(?:(?:are|is|were|was|have|has|had)\s+(?:been\s+)?)?"
    r"(?:(?:strictly|fully|still|largely)\s+)?(?:complying\s+with|complied\s+with|observing|"
    r"observed|abiding\s+by|adhering\s+to|respecting|respected|violating|violated|breaking|"
    r"broken|broke|breached)\s+it\b",
    re.I,
)
# A return to a pledge a side left, put off until a condition is met, is a refusal: "Russia
# would return as soon as its demands were met", "would be ready to consider reviving the deal
# only once the commitments had been implemented".
_RETURN = (
    r"\b(?:would|will)\s+(?:only\s+)?(?:be\s+ready\s+to\s+)?(?:consider\s+)?"
    r"(?:return(?:ing)?|reviv(?:e|ing)|rejoin(?:ing)?|go(?:ing)?\s+back|resum(?:e|ing))\b"
)
_ONLY_IF = r"\b(?:only\s+(?:once|if|when|after)|as\s+soon\s+as|unless)\b"
_RETURN_ONLY_IF = re.compile(_RETURN + r"[^.;]{0,80}?" + _ONLY_IF, re.I)
CONDITIONAL = re.compile(
    r"\b(?:(?:only\s+once|only\s+if|provided|on\s+condition|unless|if|once\s+it|as\s+long\s+as|"
    r"as\s+soon\s+as|once\s+both|"
    r"so\s+long\s+as|once\s+(?:moscow|russia|kyiv|ukraine|kiev|they|the\s+other\s+side))\b|"
    r"should\s+(?:moscow|russia|kyiv|ukraine|it|they|either\s+side)\s+\w+)",
    re.I,
)
# A truce of a year before, told as background to this year's: not a pledge of the story
LAST_YEARS = re.compile(
    r"\b(?:last|the\s+previous)\s+year['’]s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:truce|ceasefire|cease-fire|pause|moratorium)\b",
    re.I,
)
# "Were Russia to accept a ceasefire, ...": a hypothetical from the clause's start
HYPOTHETICAL = re.compile(r"\W*were\s+(?:[\w'’-]+\s+){1,3}?to\s+\w+", re.I)
# Refusals told by idiom. Copular ones ("is a non-starter", "was out of the question") name
# the refuser after them ("for the Kremlin", "to Ukraine") or as the teller ("..., Zelensky said").
IDIOM_REFUSAL = (
    r"\bran\s+into\s+a\s+(?:brick\s+|stone\s+)?wall\b|\bnon-?starter\b|\bdead\s+on\s+arrival\b|"
    r"\bpoured\s+cold\s+water\s+on\b|\bpulled\s+the\s+plug\s+on\b|\bout\s+of\s+the\s+question\b|"
    r"\b(?:would|will|did|could)\s+not\s+commit\s+to\b|\b(?:won't|wouldn't|didn't)\s+commit\s+to\b|"
    r"\bnot\s+acceptable\b|\bslammed\s+the\s+door\s+on\b|\bgave\s+(?:it\s+)?short\s+shrift\b|"
    r"\brebuff(?:ed|s)\b|\bspurn(?:ed|s)\b|\bsnubbed\b|\bbalk(?:ed|s)\s+at\b|\bscoff(?:ed|s)\s+at\b|"
    r"\bwav(?:ed|es)\s+(?:away|off|aside)\b|\bnixed\b|\bvetoed\b|\bno-go\b|"
    r"\bshot\s+down\s+(?:the|an?|its|his|their|that|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:idea|offer|proposal|plan|call|initiative)\b|\b(?:would|will)\s+not\s+hear\s+of\b|"
    r"\bwouldn't\s+hear\s+of\b|\bcold\s+shoulder\b"
)
_IDIOM_REFUSAL = re.compile(IDIOM_REFUSAL, re.I)
_COPULAR_IDIOM = re.compile(r"non-?starter|dead\s+on|out\s+of|not\s+acceptable|ran\s+into", re.I)
# What the pledge spares, told unhit: "Ukraine's energy ministry said no power facilities had
# been struck". The side whose facilities they are tells it; the other side kept the pledge.
UNHIT = re.compile(
    r"\bno\s+(?P<own>(?:[\w'’-]+\s+){0,2}?)(?:facilities|sites|infrastructure|plants|substations)\s+"
    r"(?:had|have|has)\s+been\s+(?:struck|hit|attacked|targeted)\b",
    re.I,
)
_OTHER_SIDE = {"RU": "UA", "UA": "RU"}
# (status, pattern); the first cue in a clause, scanning left to right, wins.
STATUS_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "claimed_kept",
        re.compile(
            r"\b(?:already|was|is|were|are|ha(?:d|s|ve)\s+been)\s+(?:(?:strictly|fully|still|already|largely|\w+ly)\s+)?(?:observing|fulfilling|complying\s+with|abiding\s+by|respecting|adhering\s+to)\b|\bkept\s+(?:his|its|their)\s+word\b|\b(?:kept|stuck)\s+to\s+(?:the|its|their|it)\b|\badhered\s+to\b|\bsticking\s+(?:strictly\s+)?to\s+the\s+(?:[\w-]+\s+){0,2}(?:moratorium|ceasefire|truce|pause)\b|\bhonou?red\b|"
            r"\b(?:had|has|have)\s+[\"“]?(?:\w+ly\s+)?(?:complied\s+with|observed|respected|abided\s+by)\b|"
            # held back as the pledge asks: "have not carried out strikes on energy facilities"
            r"\b(?:ha(?:ve|s|d)\s+not|haven't|hasn't|hadn't)\s+(?:carried\s+out|conducted|launched|made)\s+(?:any\s+)?(?:strikes|attacks)\b|"
            # "was being observed both ways", "is being respected"
            r"\b(?:is|are|was|were)\s+(?:still\s+)?being\s+(?:\w+ly\s+)?(?:observed|respected|"
            r"honou?red|kept)\b|"
            # "continue to strictly observe the ceasefire"
            r"\bcontinu(?:e|es|ed|ing)\s+to\s+(?:\w+ly\s+)?(?:observe|respect|honou?r|abide\s+by|"
            r"comply\s+with|adhere\s+to)\b|"
            r"\b(?:respected|observed|kept)(?=\s+by\b)|"
            r"\b(?:observed|respected|abided\s+by|complied\s+with|adhered\s+to)\s+(?:the|a|an|its|their|his)\b|"
            # "stood by its word", "kept its promise", "lived up to the pledge"
            r"\bst(?:ood|ands?)\s+by\s+(?:its|his|their)\s+(?:word|promise|pledge|commitment)\b|"
            r"\bkept\s+(?:its|his|their)\s+(?:promise|pledge|commitment)s?\b|"
            r"\blived\s+up\s+to\s+(?:it|the|its|their|his)\b|\bheld\s+up\s+(?:its|their|his)\s+end\b|"
            + UNHIT.pattern,
            re.I,
        ),
    ),
    (
        "claimed_broken",
        re.compile(
            r"\b(?:had\s+|has\s+)?(?:broken|violated|breached)\b|\bin\s+spite\s+of\s+the\b|"
            # "the promise did not survive the night"
            r"\b(?:did\s+not|didn't|failed\s+to)\s+(?:even\s+)?survive\b|"
            # "Russian forces flouted the truce", "tore up the deal"
            r"\bflout(?:ed|ing|s)?\b|\b(?:tore|torn)\s+up\s+(?:the|its|their|his|it)\b|"
            # "Russia's Easter truce lasted only hours", "the deal is in tatters"
            r"\blasted\s+(?:only|just|barely|less\s+than)\s+(?:a\s+few\s+)?(?:hours?|minutes|a\s+day)\b|"
            r"\bin\s+tatters\b|"
            # a headline's present tense: "Kyiv says Russia breaks Easter truce"
            r"\b(?:breaks|violates|breaches)\b|"
            # the past simple or the infinitive with the pledge as object: "Russia broke it",
            # "waited for the cold to break the week-long halt" (not "a fire broke out")
            r"\b(?:broke|break|breaking|violate|violating|breach|breaching)\s+(?:it\b|(?:the|its|their|his|this|that|a|an)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:truce|ceasefire|cease-fire|pause|moratorium|halt|pledge|"
            r"promise|commitment|word)\b)|"
            # keeping denied: "were not respecting the ceasefire", "has not honoured it"
            r"\b(?:not|\w+n't)\s+(?:been\s+|intend\s+to\s+|mean\s+to\s+)?(?:\w+ly\s+)?(?:(?:observ|respect|honou?r|compl|abid|"
            r"adher|keep)\w*|hold\s+(?:its|their|his)\s+fire)\b|"
            # a judgement of the pledge: "Moscow's truce exists only on paper"
            r"\b(?:only|merely|purely)\s+on\s+paper\b|\bin\s+name\s+only\b|"
            # "in violation of the moratorium", "despite the truce", "ignored its own ceasefire"
            r"\bin\s+(?:violation|breach)\s+of\b|"
            r"\b(?:despite|ignor(?:ed|ing))\s+(?:the|its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?"
            r"(?:truce|ceasefire|moratorium|pause|pledge|promise|commitment)\b",
            re.I,
        ),
    ),
    (
        "rejected",
        re.compile(
            r"\bturned\s+(?:[\w-]+\s+){0,3}?down\b|\brejected\b|\b(?:rejects|dismisses)\b|\brefus\w+\b|\bdismissed\b|\bsuspend\w*\s+(?:its\s+)?participation\b|\bwalk\w*\s+out\b|\bquits?\b|\bwithdr(?:ew|aws?|awn|awing)\b(?!\s+(?:from\s+(?!the\s+(?:deal|initiative|agreement|accord|truce|ceasefire|moratorium|talks))|(?:its|their|his)\s+(?:troops|forces|army|units)|troops|forces))|\bceased\s+to\s+be\s+(?:valid|in\s+force|in\s+effect)\b|\b(?:would|will)\s+(?:only\s+)?(?:be\s+ready\s+to\s+)?(?:consider\s+)?(?:return(?:ing)?|reviv(?:e|ing)|rejoin(?:ing)?|go(?:ing)?\s+back|resum(?:e|ing))\b(?=[^.;]{0,80}?\b(?:only\s+(?:once|if|when|after)|as\s+soon\s+as|unless)\b)|\b(?:will|would|could)\s+not\s+(?:agree|accept|sign\s+up|join|go\s+back|return)\b|\b(?:won't|wouldn't)\s+(?:agree|accept|sign\s+up|join|go\s+back|return)\b|\bterminated\b|\bpulled\s+out\b|\bdifficult\s+to\s+agree\b|\bwould\s+not\s+sign\s+up\b|\bnone\s+of\s+it\b|\bcynical\s+trap\b|\bultimatum\b|\bdo\s+not\s+want\s+a\s+(?:ceasefire|truce)\b|\bruled\s+out\b|\b(?:peace|talks|negotiations),\s+not\s+(?:on\s+|about\s+|for\s+|in\s+)?an?\s+(?:ceasefire|truce)\b|\bbrushed\s+aside\b|\bignored\b(?!\s+(?:the|its|their)\b)|\bbut\s+not\b(?=\s+by\b)|\b(?:will|would)\s+not\s+(?:observe|respect|honou?r|abide\s+by|stop|halt|cease)\b|\b(?:won't|wouldn't)\s+(?:observe|respect|stop|halt|cease)\b|\bdeclined\b(?!\s+to\s+(?:say|comment|specify|give|disclose|elaborate|answer|confirm|name|discuss|speculate))|\bsaid\s+no\b(?=\s*(?:[.,;:]|$|to\b|and\b|while\b))|\b(?:never|not|n\'t)\s+sign(?:ed)?\s+up\s+(?:to|for)\b|"
            # refusals told by idiom: "ran into a wall in Moscow", "a non-starter for the
            # Kremlin", "declared the truce dead on arrival", "pulled the plug on the deal"
            + IDIOM_REFUSAL,
            re.I,
        ),
    ),
    (
        "proposed",
        re.compile(
            r"\boffer(?:ed|s|ing)?\b|\b(?:sets?\s+out|provides?\s+for|envisages?)\s+(?:[\w-]+\s+){0,4}?(?:ceasefire|cease-fire|truce|pause|moratorium|halt)\b|\bpropos\w+\b(?<!proposal\b)|\bwants\b|\bdemand\w*\b|\bcalled\s+for\b|\b(?:ready|prepared|willing)\s+to\s+(?:stop|halt|cease|end|refrain)\b|\bready\s+for\b|\bwould\s+(?:also\s+)?be\s+acceptable\b|\bfloated\b|\bsuggested\b|(?<!had\s)\bpromised\b|(?<=had\s)promised\b(?!\s+to\b)|\b(?:pushing|pressed|pressing)\s+for\b|\b(?:ready|prepared|willing)\s+to\s+hold\s+off\b|\bput\s+forward\b|\btabled\b|"
            r"\bdangl(?:ed|es|ing)\b|\bmooted\b|\bput\s+(?:[\w-]+\s+){0,4}?on\s+the\s+table\b|"
            # an offer told again: "repeated Kyiv's call for a ceasefire of at least 30 days"
            r"\b(?:repeated|renewed|reiterated|restated)\s+(?:[\w'’]+\s+){0,2}?"
            r"(?:calls?|demands?|offers?|proposals?)\s+for\b|"
            # "the truce that Ukraine's delegation brought to Friday's talks"
            r"\bbrought\s+to\s+(?:[\w'’-]+\s+){0,2}?(?:talks|table|negotiations)\b",
            re.I,
        ),
    ),
    (
        "agreed",
        re.compile(
            r"\bagreed\b|\bagrees?\s+(?:to|on)\b|\b(?:declares|announces|orders|extends|pledges)\b|\bpledged\b|\b(?:halted|stopped|suspended|paused)\s+(?:all\s+|its\s+|their\s+)?(?:strikes|attacks)\b|\bsigned\s+(?:up\s+to\s+)?(?:an?|the|their|its)\b|\brejoin\w*\b|\bresum\w+\s+its\s+(?:part|participation)\b|\bextended\b|\brolled\s+over\b|\bconfirmed\b|\b(?:will|would)\s+(?:unilaterally\s+|now\s+|also\s+|then\s+|immediately\s+)?(?:cease|halt|stop|open|observe|hold|order)\b|\b(?:will|would)\s+not\s+(?:strike|attack|hit|target)\b|\bguarantee\w*\b(?!\s+and\b|\s*,|\s+(?:[\w-]+\s+)?peace\b)|\baccept(?:ed|s)?\b|\bready\s+to\s+accept\b|\bdeclared\b|\bordered\b|\bintroduce\b|\bannounced\b|\bback(?:ed|s)?\b|\bsupport(?:ed|s)?\b|\bwelcom(?:ed|es)\b|\bput\s+its\s+name\b|\bcommit(?:ted|s)\b|\bhad\s+promised\s+to\b|\bwould\s+mirror\b|\bundert(?:ook|akes?)\b|\bagreement\s+of\b|\btook\s+on\s+(?:a|an|one|the|this)\s+(?:[\w-]+\s+)?(?:commitment|obligation|pledge)\b|\b(?:will|would)\s+(?:honou?r|respect|abide\s+by|comply\s+with)\b|\bsaid\s+yes\b(?=\s*(?:[.,;:]|$|to\b|and\b|while\b))",
            re.I,
        ),
    ),
]
# What a pledge itself did: it took effect (agreed), it held (claimed kept). Its party is the
# side that owns the pledge, not the side named nearest: "the pause - which Kyiv says took
# effect at midnight, after Trump asked Putin to hold fire - continued to hold" is Russia's.
EVENT_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "agreed",
        re.compile(
            r"\btook\s+effect\b|\bcame\s+into\s+(?:force|effect)\b|"
            # its end told: "Russia's three-day truce expired at midnight" (it was in force)
            r"\b(?:truce|ceasefire|cease-fire|pause|moratorium)\s+(?:had\s+|has\s+)?"
            r"(?:expired|lapsed|ran\s+out|run\s+out|ended)\b|"
            # the pledge's start told as its own act: "Russia's ceasefire has formally begun",
            # "the Kremlin's truce was due to begin at 16:00"
            # (the pledge noun its subject: not "would not say when it had begun")
            r"\b(?:truce|ceasefire|cease-fire|pause|moratorium)\s+(?:(?:has|had)\s+"
            r"(?:formally\s+|officially\s+)?begun|(?:is|was)\s+due\s+to\s+(?:begin|start))\b",
            re.I,
        ),
    ),
    (
        "claimed_kept",
        re.compile(
            r"\b(?:is|are|was|were)\s+(?:still\s+|\w+ly\s+)?holding\b|"
            r"\bcontinued\s+to\s+hold\b|\b(?:has|had|have)\s+(?:largely\s+|so\s+far\s+)?held\b|"
            r"\b(?:largely|mostly|broadly)\s+held\b|"
            # a headline's present tense: "Easter truce largely holds"
            r"\b(?:truce|ceasefire|pause|moratorium)\s+(?:largely\s+|mostly\s+|still\s+)?holds\b",
            re.I,
        ),
    ),
]
_ASKED_BEFORE = re.compile(
    r"\b(?:asked|urged|called\s+on|pressed|requested)\s+(?:[A-Z][\w-]+\s+)?$", re.I
)
# A verb that reports what follows "that" states no status of its own.
REPORTING = re.compile(r"(?:declared|announced|confirmed)\s+(?:on\s+\w+\s+|\w+\s+)?that\b", re.I)
ACCUSED = re.compile(
    r"\baccus\w+\s+(?P<who>(?:ukrainian|russian)\s+(?:forces|troops|army|military|units)|ukraine|kyiv|russia|moscow)"
    # "accused Ukraine, which had promised to mirror the pause, of ..."
    r"(?:,\s+(?:which|who)\b[^,;.]{0,80},\s*|\s+(?:\w+\s+){0,3}?)of\b",
    re.I,
)
# A side's forces firing at a place: the place is hit, not covered by the pledge named beside
# it ("Ukrainian forces fired six shells at Donetsk at the moment the ceasefire took effect").
SIDE_FIRED = re.compile(
    r"\b(?:russian|ukrainian)\s+(?:[\w-]+\s+){0,2}?(?:fired|shelled|launched|bombed|pounded)\b",
    re.I,
)
SPOKEN = re.compile(
    r"\b(?:said|says|say|told|claimed|claims|accused|accuses|according\s+to|insisted|stated|"
    r"reported|wrote|added)\b|[\"“”]",
    re.I,
)
MUTUAL = re.compile(
    r"\b(?:accus\w+|blam\w+)\s+(?:each\s+other|one\s+another|the\s+other(?:\s+side)?)\b|"
    r"\btraded\s+(?:accusations|blame|charges)\b|"
    # "each side says the other has broken it"
    r"\beach\s+(?:side|party)\s+(?:says|said|claims|claimed|insists|insisted)\s+(?:that\s+)?"
    r"the\s+other\s+(?:side\s+)?(?:has\s+|had\s+)?(?:already\s+)?(?:broken|broke|violated|breached)\b",
    re.I,
)
NEITHER = re.compile(
    r"\bneither\s+(?:side|party|army|(?:russia|moscow)\s+nor\s+(?:ukraine|kyiv)|"
    r"(?:ukraine|kyiv)\s+nor\s+(?:russia|moscow))\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:struck|hit|attacked|targeted|shelled|fired\s+on)\b",
    re.I,
)
SIDE_STRIKES = re.compile(
    r"\b(?P<who>russian|ukrainian)\s+(?:[\w-]+\s+)?(?:strikes|forces|troops|army|artillery|aircraft|"
    r"drones?|missiles?)\s+"
    r"(?:had\s+|have\s+)?(?:hit|struck|attacked|fired|shelled|bombed|pounded|dropped|"
    # fighting told as going on through a pledge: "Russian forces kept using guided bombs",
    # "Russian troops kept up assaults", "continued to shell", "never stopped firing"
    r"kept\s+(?:up|using|firing|shelling|attacking|bombing|striking|storming)|"
    r"continued\s+(?:to\s+(?:shell|fire|attack|strike|bomb|storm)|shelling|firing|attacking)|"
    r"never\s+stopped\s+(?:firing|shelling|attacking))\b",
    re.I,
)
_SIDE = r"(?:russia|moscow|the\s+kremlin|ukraine|kyiv|kiev)"
BOTH = re.compile(
    rf"\b(?:the\s+two\s+sides|both\s+sides|both\s+parties|each\s+side|"
    rf"{_SIDE}\s+and\s+{_SIDE}\s+(?:had\s+|have\s+|has\s+)?(?:each|both)|"
    # two sides as one subject: "Russia and Ukraine agreed", "Moscow and Kyiv signed"
    rf"{_SIDE}\s+and\s+{_SIDE}\s+(?:had\s+|have\s+|has\s+|would\s+|will\s+)?"
    rf"(?:agreed|signed|accepted|committed|pledged|undertook|declared|announced|stop|halt|cease|"
    rf"accused|blamed|traded|"
    rf"refrain|observe|hold)|"
    rf"both\s+{_SIDE}\s+and\s+{_SIDE}|"
    # the two sides as the object of a binding verb: "the deal commits Russia and Ukraine"
    rf"(?:commits|binds|obliges)\s+(?:both\s+)?{_SIDE}\s+and\s+{_SIDE}|"
    # a list of what both are bound to: "Russia and Ukraine, as agreed with the United States,
    # are not to strike ..."
    rf"{_SIDE}\s+and\s+{_SIDE}\s*,\s*as\s+agreed\b|"
    rf"{_SIDE}\s+and\s+{_SIDE}\s+(?:are|were)\s+(?:not\s+to|to\s+refrain)\b|"
    # "both" alone opening a clause, after the two sides were named: "and both had agreed"
    rf"^\W*(?:and\s+)?both\s+(?:had\s+|have\s+|has\s+)?(?:also\s+)?"
    rf"(?:agreed|signed|accepted|committed|pledged|undertook))\b",
    re.I,
)
WORD_NUM = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|fifteen|twenty|thirty|"
    r"sixty|ninety)"
)
# A length agreed to without a pledge noun speaks of the pledge just named: "Russia says it
# agreed to 60 days only", "it was extended by 120 days".
RESTATED = re.compile(
    rf"\b(?:agreed|consented|committed|extended|rolled\s+over)\s+(?:it\s+)?(?:only\s+)?(?:to|for|by)\s+"
    rf"(?:a\s+|another\s+|only\s+)?{WORD_NUM}[- ]days?\b",
    re.I,
)
# "four days after walking out", "two days earlier": a distance in time, not a length
# "over the past 24 hours", "in the last 30 days": a window of reporting, not a length
_WINDOW = r"(?<!past )(?<!last )(?<!previous )"
DAYS = re.compile(
    rf"{_WINDOW}\b(?P<n>{WORD_NUM})[- ]days?\b(?!\s*(?:ago|later|after|before|earlier|since|into))",
    re.I,
)
# Consecutive days named one by one: "on May 5, 6 and 7", "on 8, 9 and 10 May".
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
DAY_LIST = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{1,2}})*,?\s+and\s+\d{{1,2}}\b(?!\s*(?:,|\d))|"
    rf"\b\d{{1,2}}(?:,\s+\d{{1,2}})*,?\s+and\s+\d{{1,2}}\s+{_MONTH}\b"
)
HOURS = re.compile(rf"{_WINDOW}\b(?P<n>{WORD_NUM})[- ]hours?\b", re.I)
WEEKS = re.compile(
    r"\b(?P<n>one|two|three|four|\d)[- ]weeks?\b(?!\s*(?:ago|later|after|before|earlier))", re.I
)
WEEK = re.compile(r"\bweek-long\b|\b(?:a|one|for\s+a)\s+week\b", re.I)
DAY_RANGE = re.compile(rf"\b{WORD_NUM}-?\s+(?:to|or)\s+{WORD_NUM}[- ]days?\b", re.I)
PARTIES_IN_CONFLICT = ("RU", "UA")
GRAIN_DEAL = re.compile(
    r"\bgrain\s+(?:deal|initiative|corridor|agreement|arrangement|export\s+deal|ships)\b|\bgrain\s+initiative\b|"
    # "the deal allowing Ukraine to export grain", "a deal to let grain ships leave"
    r"\bdeal\s+(?:allowing|letting|to\s+let|that\s+lets)\s+(?:[\w'’-]+\s+){0,4}?(?:export\s+)?grain\b|"
    # merchant ships as what is spared, not as what a side may not use: "not to use merchant
    # ships for military ends" is the 2025 Black Sea deal (all force at sea), not the grain deal
    r"\bmerchant\s+(?:ships|shipping|vessels)\b(?!\s+(?:for|in)\s+(?:military|combat))",
    re.I,
)
# A place a pledge spares, told by the verb it may not do to it: "not to strike Kyiv".
_SPARED_VERBS = frozenset({"strike", "attack", "shell", "bomb", "target"})
# A local truce told by the towns people may leave under it: "a 12-hour ceasefire to let
# civilians leave Mariupol, Enerhodar and Sumy" covers the towns
_CORRIDOR_VERBS = frozenset({"leave", "exit", "flee"})
# A facility a pledge covers, named in full.
FACILITY = re.compile(
    r"\bzaporizh(?:zh)?(?:i|y)a\s+(?:nuclear\s+power\s+plant|nuclear\s+plant|npp)\b|"
    r"\bzaporozhye\s+(?:nuclear\s+power\s+plant|nuclear\s+plant|npp)\b|\bzaporizhzhia\s+plant\b",
    re.I,
)
FACILITY_NAME = "Zaporizhzhia Nuclear Power Plant"

# A promise to do as the other side does: "Ukraine would act in a mirror way".
MIRROR = re.compile(
    r"\bin\s+a\s+mirror(?:ed)?\s+(?:way|manner|fashion)\b|\bmirror\s+(?:steps|measures|actions)\b|\bmirror(?:ed|s|ing)?\s+(?:the|its|that|this|any)\b|"
    r"\bsilence\s+(?:with|for|in\s+response\s+to)\s+silence\b|\breciprocate\b|"
    # "Ukraine would do likewise", "Kyiv will answer in kind", "would follow suit"
    r"\b(?:would|will)\s+(?:also\s+)?(?:do\s+(?:likewise|the\s+same)|follow\s+suit|"
    r"(?:answer|respond|reply)\s+in\s+kind)\b|\bfollowed\s+suit\b",
    re.I,
)
# The speaker's own side held back: "today we did not strike".
SELF_KEPT = re.compile(
    r"\b(?:we|it|they)\s+(?:did\s+not|didn't|have\s+not|haven't|has\s+not|hasn't)\s+"
    r"(?:strike|struck|hit|attack(?:ed)?|fire[d]?)\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:he|she|it|they|we)\b", re.I)
# a pronoun as the subject of the cue that ends the text: "the steps he had put forward"
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:he|she|they)\s+(?:had\s+|has\s+|have\s+|would\s+|will\s+)?(?:\w+ly\s+)?$", re.I
)
# A wire dateline names where the story was filed, not who acts: "BUDAPEST/KYIV - ...",
# "MOSCOW, January 6 - ...".
DATELINE = re.compile(
    # the city may be followed by its country: "JEDDAH, Saudi Arabia - ..."
    r"\s*[A-Z][A-Z'’.]+(?:[ /-][A-Z][A-Z'’.]+)*(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s+[-–—]\s"
)
# A side named as a location is not an actor: "a ceasefire in Ukraine", "talks in Istanbul".
_LOCATIVE = re.compile(r"\bin\s+$", re.I)
# A broker named as such outranks a venue or a party merely present: "a UN-brokered deal",
# "brokered by Turkey", "mediated by the Vatican".
BROKERED = re.compile(
    r"\b(?P<pre>[\w.]+(?:\s+nations)?)-(?:brokered|mediated)\b|"
    r"\b(?:brokered|mediated|presided\s+over|negotiated)\s+by\s+(?:the\s+)?(?P<post>[\w.]+(?:\s+(?:nations|states|arabia))?)|"
    # "a pause that Washington had brokered"
    r"\b(?:that|which)\s+(?P<rel>[A-Z][\w.]+)\s+(?:had\s+|has\s+)?(?:brokered|mediated)\b|"
    # "Antonio Guterres, who brokered the arrangement"
    r"\b(?P<who>[A-Z][\w.]+),\s+who\s+(?:had\s+|has\s+)?(?:brokered|mediated)\b",
    re.I,
)


@dataclass
class Terms:
    """What a pledge covers as read from its words: targets, places, length, dates."""

    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    duration: int | None = None
    start: date | None = None
    end: date | None = None
    # which part of a scope on places and target kinds at once the length is told beside:
    # "safe navigation in the Black Sea and a ban on energy strikes for 30 days" -> "targets"
    length_with: str | None = None

    def empty(self) -> bool:
        return not (self.targets or self.places or self.duration)

    def scoped(self) -> bool:
        return bool(self.targets or self.places)


# A side said to have given no answer to what was put to both: "proposed that both sides return
# to a halt on energy strikes, that Kyiv had agreed, and that Moscow had given no answer".
SILENT = re.compile(
    r"\b(?P<who>russia|moscow|the\s+kremlin|ukraine|kyiv|kiev)\s+(?:(?:had|has|have)\s+)?"
    r"(?:(?:yet\s+to|still\s+to)\s+(?:respond|reply|answer)|given\s+no\s+(?:answer|reply|response)|"
    r"(?:not|never)\s+(?:yet\s+)?(?:responded|replied|answered)|"
    r"did\s+not\s+(?:respond|reply|answer)|(?:stayed|remained|been|was|is)\s+silent)\b",
    re.I,
)


def _silent_sides(text: str) -> set[str]:
    """The sides `text` says gave no answer."""
    sides = {lexicon().party_of(m.group("who").split()[-1]) for m in SILENT.finditer(text)}
    return {side for side in sides if side in PARTIES_IN_CONFLICT}


def _unanswered(out: list[ExtractedPledge], since: int, silent: set[str]) -> None:
    """Drop the agreements and offers read since `since` of a side said to have given no answer
    in the same sentence: an offer put to both sides binds only the side that took it."""
    if silent:
        out[since:] = [
            p for p in out[since:] if not (p.party in silent and p.status in ("agreed", "proposed"))
        ]


def _towns(places: list[str]) -> bool:
    """Whether `places` are Ukrainian towns, the places a local truce lists (not a sea, not a
    side's capital named beside it)."""
    refs = [place_index().lookup(name, False) for name in places]
    return bool(refs) and all(
        r is not None and r.country == "UA" and r.kind == "settlement" for r in refs
    )


def _part_of(terms: Terms, whole: Terms) -> bool:
    """`terms` name only some of the places of `whole` and nothing else of their own."""
    places = set(terms.places)
    return (
        bool(places)
        and places < set(whole.places)
        and not terms.targets
        and terms.duration in (None, whole.duration)
    )


def _party_pattern(fold: bool = False) -> re.Pattern[str]:
    """Party names by code; `fold`: the same for lowercased text, without re.I (much faster)."""
    parts = []
    firsts: set[str] = set()
    for code, words in lexicon().parties.items():
        ws = sorted(words, key=len, reverse=True)
        alts = "|".join(re.escape(w.lower() if fold else w) for w in ws)
        firsts.update(w[0].lower() for w in words)
        parts.append(rf"(?P<{code}>\b(?:{alts})(?:'s|’s)?(?!\w))")
    if not fold:
        return re.compile("|".join(parts), re.I)
    # The shared \b and a first-letter check are hoisted out of the alternation.
    parts = [p.replace("\\b", "", 1) for p in parts]
    first = "".join(re.escape(c) for c in sorted(firsts))
    return re.compile(rf"\b(?=[{first}])(?:" + "|".join(parts) + ")")


_PARTY = _party_pattern()
_PARTY_FOLDED = _party_pattern(fold=True)


def _party_matches(text: str) -> Iterator[re.Match[str]]:
    low = folded(text)
    return _PARTY.finditer(text) if low is None else _PARTY_FOLDED.finditer(low)


def _object_before(text: str, end: int) -> bool:
    """`_OBJECT_BEFORE.search(text[:end])`, trying only the starts where a match can begin.

    A match ends at `end` with whitespace, so it begins at most 9 characters before that
    trailing whitespace, or 7 before the whitespace ahead of a final "on".
    """
    j = end
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == end:
        return False
    k = j - 2
    while k > 0 and text[k - 1].isspace():
        k -= 1
    pos = max(0, min(j - 9, k - 7))
    return _OBJECT_BEFORE.search(text, pos, end) is not None


def _parties(text: str) -> list[tuple[int, str, str]]:
    out = []
    line = DATELINE.match(text)
    filed = line.end() if line else 0
    for m in _party_matches(text):
        code = m.lastgroup or ""
        word = text[m.start() : m.end()]
        if code == "US" and word in ("us", "Us"):
            continue
        if m.start() < filed or _object_before(text, m.start()):
            continue
        if not word.endswith(("'s", "’s")) and _LOCATIVE.search(
            text, max(0, m.start() - 8), m.start()
        ):
            continue
        out.append((m.start(), code, word))
    return out


def _duration(text: str, a: int = 0, b: int | None = None) -> int | None:
    """The length `text[a:b]` gives the pledge, read with the words around it in view (so
    "the past 24 hours" is a window even when the span starts at "24")."""
    b = len(text) if b is None else b
    if DAY_RANGE.search(text, a, b):
        return None
    days = DAY_LIST.search(text, a, b)
    if days is not None and not re.search(r"\b(?:between|from)\s+$", text[: days.start()]):
        return len(re.findall(r"\d+", days.group(0)))  # "on May 5, 6 and 7": three days
    m = DAYS.search(text, a, b)
    if m:
        return word_value(m.group("n"))
    m = HOURS.search(text, a, b)
    if m:
        h = word_value(m.group("n"))
        return h // 24 if h and h % 24 == 0 else None
    if WEEK.search(text, a, b):
        return 7
    m = WEEKS.search(text, a, b)
    if m:
        n = word_value(m.group("n"))
        return 7 * n if n else None
    m = DAY_SPAN.search(text, a, b)
    if m is not None and not _NIGHT_OF.search(text, max(0, m.start() - 15), m.start()):
        # "declared for 8 to 10 May": the days from the first to the last, both counted
        first, last = m.group("a") or m.group("a2"), m.group("b") or m.group("b2")
        n = int(last) - int(first) + 1
        return n if 1 < n <= 31 else None
    return None


# A span of days in one month: "from 5 to 7 May", "8-10 May", "May 8 to 10" (not "the night of
# 20 to 21 August", which is one night).
DAY_SPAN = re.compile(
    rf"\b(?<!:)(?P<a>\d{{1,2}})\s*(?:to|-|–|until|till|through)\s*(?P<b>\d{{1,2}})\s+{_MONTH}\b|"
    rf"\b{_MONTH}\s+(?P<a2>\d{{1,2}})\s*(?:to|-|–|until|till|through)\s*(?P<b2>\d{{1,2}})\b(?!\s*{_MONTH}|:)"
)
_NIGHT_OF = re.compile(r"\b(?:nights?\s+(?:of\s+)?|midnight\s+(?:on\s+)?)$", re.I)


# A length told at the end of the pledge's clause: "refrain from strikes ... for at least 30 days".
FOR_LENGTH = re.compile(
    rf"\bfor\s+(?:at\s+least\s+|another\s+|a\s+further\s+|a\s+full\s+)?"
    rf"(?P<n>{WORD_NUM})[- ]days?\b",
    re.I,
)


def _later_length(text: str, after: int) -> int | None:
    """A length the clause gives its pledge past the window of its first pledge noun: beside a
    later pledge noun ("accepted Washington's offer of a 30-day ceasefire", "the one-week pause
    ... took effect"), or as a closing "for at least 30 days"."""
    for m in PLEDGE_NOUN.finditer(text, after):
        n = _duration(text, max(after, m.start() - 30), m.end() + 30)
        if n is not None:
            return n
    tail = FOR_LENGTH.search(text, after)
    return word_value(tail.group("n")) if tail is not None else None


def _mirrored(
    pledges: list[ExtractedPledge], party: str, kept: bool, span: tuple[int, int]
) -> ExtractedPledge:
    """`party`'s promise to do as the other side does: the other side's last pledge, mirrored."""
    model = next((q for q in reversed(pledges) if q.party != party), pledges[-1])
    p = ExtractedPledge(party=party, status="claimed_kept" if kept else "agreed")
    p.broker, p.targets, p.places = model.broker, list(model.targets), list(model.places)
    p.duration_days, p.start, p.end = model.duration_days, model.start, model.end
    p.note("status", span)
    return p


# How a pledge was broken: "breached the moratorium by attacking a gas station in Sudzha".
BREACH_BY = re.compile(
    r"\bby\s+(?:attacking|striking|shelling|hitting|bombing|firing\s+on|targeting|launching)\b",
    re.I,
)


# The attacks a breach is told with: "violated the ceasefire 1,000 times, with 444 shellings and
# 900 drone attacks, including on the Kursk and Belgorod regions" (the places are the breach's).
BREACH_ATTACKS = re.compile(
    r"\b(?:violat\w+|breach(?:ed|ing)|broke|broken)\b[^.;]{0,120}?"
    r"\b(?:attacks?|shellings?|strikes?|shelled|attacked|struck)\b",
    re.I,
)


def _terms(
    doc: Doc, span: Piece, text: str, published: date, near: tuple[int, int] | None = None
) -> Terms:
    """The terms a pledge clause states; target kinds only near its pledge noun (`near`, in
    characters of the document), since the attacks told around it name targets of their own."""
    t = Terms()
    if near is not None:
        a, b = near[0] - span.start_char, near[1] - span.start_char
        t.duration = _duration(text, max(0, a), max(0, b))
    else:
        t.duration = _duration(text)
    if GRAIN_DEAL.search(text):
        # the grain deal's terms: no attacks on merchant shipping or the export ports
        t.targets, t.places = ["transport", "port"], ["Black Sea"]
        return t
    by = BREACH_BY.search(text)
    target_at: list[int] = []
    place_at: list[int] = []
    for cat, (a, b) in targets_named(doc, span):
        if near is not None and not near[0] <= a <= near[1]:
            continue
        if by is not None and a - span.start_char >= by.start():
            continue  # what the breach hit, not what the pledge spares
        if not _spared(text, a - span.start_char, b - span.start_char):
            continue
        if cat not in t.targets:
            t.targets.append(cat)
        target_at.append(a - span.start_char)
    attacks_told = bool(
        SIDE_STRIKES.search(text)
        or ACCUSED.search(text)
        or SIDE_FIRED.search(text)
        or BREACH_BY.search(text)
        or KEPT_ATTACKING.search(text)
    )
    breach = BREACH_ATTACKS.search(text)
    for hit in places_hit(doc, span, None, also=_SPARED_VERBS | _CORRIDOR_VERBS):
        # a sea is never a place hit, so it is the pledge's even beside an attack told
        if attacks_told and hit.place.country != "--":
            continue
        at = max(0, hit.span[0] - span.start_char)
        if at >= len(text):
            continue  # named in the condition, not the pledge: "if Ukraine left Donetsk region"
        if breach is not None and at >= breach.end() and hit.place.country != "--":
            continue
        venue = _VENUE.search(text, max(0, at - 70), at) or _OPENING_IN.fullmatch(text, 0, at)
        if venue is not None and hit.place.country != "--":
            continue  # where the words were said: "after talks in Moscow", "Speaking in Kyiv"
        if lexicon().party_of(hit.place.name) == "RU" and _LOCATIVE.search(
            text, max(0, at - 8), at
        ):
            continue  # the seat of a side's government: "ran into a wall in Moscow"
        if hit.place.name not in t.places:
            t.places.append(hit.place.name)
        place_at.append(at)
    for sea in SEA_PLEDGE.finditer(text):
        # "the Black Sea arrangement", "a Sea of Azov truce": the sea the pledge covers
        name = _SEA_NAMES.get(" ".join(sea.group("sea").lower().split()))
        if name is not None and name not in t.places:
            t.places.append(name)
            place_at.append(sea.start())
    length = LENGTH_WORDS.search(text) if t.duration and target_at and place_at else None
    if length is not None:
        near_target = min(abs(length.start() - x) for x in target_at)
        near_place = min(abs(length.start() - x) for x in place_at)
        t.length_with = "targets" if near_target < near_place else "places"
    if FACILITY.search(text):
        # "a ceasefire around the Zaporizhzhia nuclear power plant": the plant, not the city
        # and all fire there, whatever the work it protects ("to mend a power line")
        t.places = [FACILITY_NAME, *(x for x in t.places if not x.startswith("Zaporizhzhia"))]
        t.targets = []
    for cue in find_dates(text, published, future_ok=True):
        if cue.value is None or cue.kind in ("report", "overnight", "today", "yesterday"):
            continue
        before = text[max(0, cue.start - 30) : cue.start].lower()
        if re.search(r"\b(?:until|till|through|to)\b[^,]*$", before) or "until" in before:
            t.end = cue.value
        elif t.start is None:
            t.start = cue.value
    # "from 00:00 on May 8 to 00:00 on May 11": whole days between two midnights
    # (not "from midnight on 7-8 May": a night told by its two dates)
    if (
        t.duration is None
        and t.start
        and t.end
        and t.end > t.start
        and _MIDNIGHTS.search(text)
        and not _CLOCK.search(_MIDNIGHT.sub("", text))
        and not DAY_SPAN.search(text)
    ):
        t.duration = (t.end - t.start).days
    return t


# A window from one midnight to another, with no other hour of the day named.
_MIDNIGHT = re.compile(r"\b(?:00:00|0:00|midnight)(?:\s+moscow\s+time|\s+msk)?\b", re.I)
_MIDNIGHTS = re.compile(
    r"\b(?:from\s+)?(?:00:00|0:00|midnight)\b[^.;]{0,40}?\b(?:to|until|till)\s+(?:00:00|0:00|midnight)\b",
    re.I,
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\bnoon\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)", re.I)


# A pledge covers the target kinds it spares from attack: "strikes on energy facilities",
# "refrain from hitting ports", "an energy ceasefire", "a ceasefire limited to energy", "leave
# each other's energy infrastructure alone"; not "ordered the military to stop", "Orthodox
# Christmas", "the military-industrial complex".
_SPARED_BEFORE = re.compile(
    r"\b(?:strikes?|attacks?|striking|attacking|hitting|targeting|shelling|bombing|fire|hit|"
    r"strike|attack|shell|bombs?|target|leave|spare|sparing)\b[^.;:]{0,40}$|"
    # what both held back from: "neither side had struck the other's energy facilities"
    r"\bneither\s+side\s+(?:had\s+|has\s+)?struck\b[^.;:]{0,40}$|"
    # after the pledge noun, within its phrase: "a ceasefire limited to energy", not "the
    # pause, calling it theatre"
    r"\b(?:ceasefires?|cease-fires?|truces?|pause|moratorium)\b[^.;:,]{0,40}$",
    re.I,
)
_PLEDGE_AFTER = re.compile(
    r"[\s-]{1,3}(?:[\w-]+\s+)?(?:ceasefires?|cease-fires?|truces?|pause|moratorium|deal|"
    r"initiative|agreement|strikes?|attacks?)\b",
    re.I,
)


# A place where a pledge was spoken of, not one it covers: "after talks with Witkoff in
# Moscow", "Speaking alongside Rutte in Kyiv on Tuesday", "In Kyiv on Saturday, ...".
_VENUE = re.compile(
    r"(?:\b(?:talks|meeting|met|summit|visit\w*|speaking|spoke|speech|conference|"
    r"negotiations|interview|address|alongside|reporters)\b[^.;:,]{0,40}\bin\s+(?:the\s+)?)$",
    re.I,
)
_OPENING_IN = re.compile(r"\W*in\s+", re.I)


# the seas a pledge may cover, by their lowercased names; "Azov Sea" is the Sea of Azov
_SEA_NAMES = {w.lower(): w for w in lexicon().water_areas} | {"azov sea": "Sea of Azov"}
SEA_PLEDGE = re.compile(
    r"\b(?P<sea>black\s+sea|sea\s+of\s+azov|azov\s+sea)\s+(?:maritime\s+|shipping\s+|naval\s+)?"
    r"(?:deal|arrangement|agreement|accord|pact|ceasefire|cease-fire|truce|moratorium)\b",
    re.I,
)


def _spared(text: str, a: int, b: int) -> bool:
    """Whether the target named at text[a:b] is what a pledge spares from attack."""
    if _HOLD_FIRE_AROUND.search(text, max(0, a - 45), max(0, a)):
        return False  # "hold fire around the plant while the buses were loaded": a zone
    return bool(
        _SPARED_BEFORE.search(text, max(0, a - 45), max(0, a))
        or _PLEDGE_AFTER.match(text, max(0, b))
    )


# Fire held in a zone or for a while names no kind of target: "agreed to hold fire around the
# plant while the buses were loaded" (the plant is the zone, the buses what it was held for).
_HOLD_FIRE_AROUND = re.compile(
    r"\b(?:hold|holding|held|cease|ceasing|ceased)\s+(?:their\s+|its\s+)?fire\s+"
    r"(?:around|near|in|at|while|during|for|until|so)\b[^.;:]*$",
    re.I,
)


def extract_pledges(doc: Doc, published: date) -> list[ExtractedPledge]:
    """Every pledge, offer or refusal in the text of `doc`."""
    out: list[ExtractedPledge] = []
    dt = doc_tokens(doc)
    whole = Folded(dt.text)
    if not (whole.search(PLEDGE_NOUN) or whole.search(ACCUSED)):
        return out
    last_terms: Terms | None = None
    last_party: str | None = None
    last_mention: str | None = None
    broker_seen: str | None = None
    host = _dominant_third_party(dt.text)
    named_broker = _named_broker(dt.text)
    terms_sent = -9
    noun_sent = -9
    opening: tuple[str, tuple[int, int]] | None = None
    charges: set[int] = set()  # pledges read from the other side's accusation
    mirrors: set[int] = set()  # offers made on the condition that the other side does the same
    group: list[ExtractedPledge] = []  # the pledges the last pledge clause named
    group_sent = -9  # the sentence of that clause
    implied: set[int] = set()  # pledges read only from the other side's refusal of them
    told_attacks: set[int] = set()  # breaches read from an attack told beside a pledge
    si = -1  # the index among sentences with words (a blank line between posts is none)
    sent_size, silent = (
        0,
        set[str](),
    )  # the pledges before the sentence; its sides that gave no answer
    # a correction withdraws the headline that told the story it corrects: "Russia agrees to
    # 30-day ceasefire ... Correction: an earlier version of this story said ..."
    headline = _HEADLINE.match(dt.text) if whole.search(SUPERSEDED) else None
    for s_start, s_end in dt.sents:
        sent = Piece(dt, s_start, s_end)
        if not sent.text.strip():
            continue
        si += 1
        _unanswered(out, sent_size, silent)
        sent_size, silent = len(out), _silent_sides(sent.text)
        if sent.text.rstrip().endswith("?"):
            continue  # a question asks what was agreed, it tells nothing: "Did Putin accept it?"
        sent_points_back = _anaphora(sent.text) is not None
        for span in _pledge_clauses(doc, sent):
            text = span.text
            if _SUPERSEDED_HINT.search(text) and SUPERSEDED.search(text):
                continue  # "an earlier version of this story said ...": withdrawn words
            if headline is not None and span.start_char < headline.end():
                continue
            if HYPOTHETICAL.match(text):
                continue
            if LAST_YEARS.search(text):
                continue  # "Last year's Easter truce ended with each side accusing the other"
            cut = CONDITIONAL.search(text)
            main = text[: cut.start()] if cut else text
            if cut and _RETURN_ONLY_IF.search(text, 0, cut.end()):
                main = text[: cut.end()]  # "would return only once ...": the condition refuses
            parties = _parties(main)
            # what became of the pledges the last pledge clause named ("the two sides agreed a
            # corridor, but it collapsed within hours": both sides' pledge)
            if out and _fate(group or out[-1:], main, parties, span.start_char):
                continue
            size = len(out)
            if not out and opening is None:
                # the text opens with the pledge's fate, then tells the pledge: the fate is
                # that of every commitment the text goes on to name
                cue = _fate_cue(main, parties)
                if cue is not None:
                    a, b = cue[1].span()
                    opening = (cue[0], (span.start_char + a, span.start_char + b))
                    continue
            noun = _pledge_noun(main)
            ana = _anaphora(main) or (RESTATED.search(main) if last_terms else None)
            accused = ACCUSED.search(main)
            mirror = MIRROR.search(text) if out else None
            # "..., and Kyiv has agreed": a side answering the pledge its sentence just named
            # "..., while Kyiv said Russia had violated it": a claim on the pledge its sentence
            # just named
            # (or later in its sentence, pointing back to a pledge named before: "Moscow says
            # Ukrainian forces attacked 400 times, and that its troops observed the ceasefire")
            named = noun_sent == si or (last_terms is not None and sent_points_back)
            answer = named and (ANSWER.match(main) is not None or _claim(main, parties))
            answer = answer or (noun_sent == si - 1 and SIDE_ANSWER.match(main) is not None)
            # "... has expired, Peskov said. Russia stuck to its side of it, while Kyiv
            # violated it": a side's keeping or breaking told in the sentence after the pledge
            answer = answer or (noun_sent == si - 1 and _kept_or_broken(main, parties))
            both_of = TO_BOTH.search(main) if len(group) > 1 and noun_sent >= si - 1 else None
            # "Kyiv said Russia had kept striking Ukrainian energy sites regardless", told right
            # after the pledge: a charge that it was broken
            kept_at = (
                KEPT_ATTACKING.search(main)
                if last_terms is not None and si - noun_sent <= 2 and SPOKEN.search(main)
                else None
            )
            if not (
                noun
                or ana
                or both_of
                or accused
                or mirror
                or answer
                or (last_terms and _strong_reject(main))
                or (last_terms and MUTUAL.search(main))  # "accused each other of violating it"
                or kept_at
            ):
                continue
            if noun or ana:
                noun_sent = si
            near = None
            if noun is not None:
                near = (span.start_char + noun.start() - 30, span.start_char + noun.end() + 70)
                also = _AND_TO_PLEDGE.search(main, noun.end())
                if also is not None:
                    # "agreed to end the use of force at sea and to implement the ban on strikes
                    # against energy facilities": a second pledge of the list, with its kinds
                    near = (near[0], span.start_char + also.end() + 70)
                if SUCH_ATTACKS.match(main, noun.end()):
                    # "a moratorium on such strikes": the kinds of the attacks just told
                    near = (span.start_char, near[1])
            terms = _terms(doc, span, main, published, near)
            if terms.duration is None and noun is not None:
                terms.duration = _later_length(main, noun.end())
            if terms.duration is None and noun is not None:
                # "Under the arrangement, valid for 120 days, both sides undertake ..."
                valid = _VALID_FOR.search(main)
                terms.duration = word_value(valid.group("n")) if valid is not None else None
            if terms.duration is None and last_terms is not None and _SAME_LENGTH.search(main):
                # "the general ceasefire of the same length": the length just named
                terms = replace(terms, duration=last_terms.duration)
            recent = last_terms is not None and si - terms_sent <= 2 and not FULL.search(main)
            if (ana or not noun or recent) and terms.empty() and last_terms is not None:
                terms = (
                    last_terms  # "talk of a suspension of attacks on the grid ... a brief pause"
                )
            elif (ana or not noun) and last_terms is not None and not terms.scoped():
                # "the initiative had been extended for 120 days": its own length, the scope
                # of the pledge it points back to
                terms = replace(last_terms, duration=terms.duration or last_terms.duration)
            elif (ana or recent) and last_terms is not None and _part_of(terms, last_terms):
                # "Russian forces had broken the ceasefire around Mariupol": the truce just
                # told for Mariupol, Enerhodar and Sumy, broken at one of its towns
                terms = last_terms
            elif noun:
                last_terms, terms_sent = terms, si
            if (
                not noun
                and group
                and all(g.status == "rejected" for g in group)
                and MUTUAL.search(main)
            ):
                # "each side says the other has broken it": the pledge both sides made, not the
                # one just refused
                model = next((q for q in reversed(out) if _RANK[q.status] >= 1), None)
                if model is not None:
                    terms = Terms(list(model.targets), list(model.places), model.duration_days)
            third = [p for p in parties if p[1] not in PARTIES_IN_CONFLICT]
            if _endorsement(main, parties):
                continue  # "Erdogan ... welcomed the move": an outsider's word, not a broker's
            if third:
                broker_seen = third[0][1]
            found = _statuses(
                main, parties, last_party or last_mention, bool(noun) or answer, last_party
            )
            if kept_at is not None:
                who = lexicon().party_of(kept_at.group("who"))
                if who in PARTIES_IN_CONFLICT and all(f[0] != who for f in found):
                    found.append((who, "claimed_broken", kept_at.span()))
            if not found and group and group_sent == si and LIST_GOES_ON.match(main):
                # "... proposed a truce in the air, and a truce at sea": the same sides and
                # status for the next pledge of the list, with its own terms
                seen: dict[str, str] = {}
                for g in group:
                    seen.setdefault(g.party, g.status)
                found = [(who, st, (0, len(main))) for who, st in seen.items()]
            if (
                cut is not None
                and _OFFER_IF.match(text, cut.start())
                and not _reciprocal(text, cut)
            ):
                # "Russia would order a ceasefire at once if Ukraine pulled out of four regions":
                # a commitment to come on the other side's terms is an offer
                found = [
                    (who, "proposed", (a, b))
                    if st == "agreed"
                    and (
                        _FUTURE.match(main, a, b) or _FUTURE_BEFORE.search(main, max(0, a - 20), a)
                    )
                    else (who, st, (a, b))
                    for who, st, (a, b) in found
                ]
            owned = _refused_owner(main, parties, found)
            if owned is not None:
                found.append(owned)
            held_back = (
                SELF_KEPT.search(sent.text, span.start_char - sent.start_char)
                if len(found) == 1
                else None
            )
            for party, status, (a, b) in found:
                if held_back is not None and status in ("agreed", "proposed") and len(found) == 1:
                    status = "claimed_kept"  # "ready to refrain ..., and today we did not strike"
                p = ExtractedPledge(party=party, status=status)
                p.targets, p.places = list(terms.targets), list(terms.places)
                p.duration_days, p.start, p.end = terms.duration, terms.start, terms.end
                if status != "proposed":
                    p.broker = named_broker or (third[0][1] if third else broker_seen)
                    if p.broker is None and ASKED.search(main):
                        p.broker = host  # "I asked him not to shoot for a week, and he agreed"
                base = span.start_char
                p.note("status", (base + a, base + b))
                if accused is not None and (a, b) == accused.span():
                    charges.add(id(p))
                if owned is not None and (party, status, (a, b)) == owned:
                    implied.add(id(p))
                if status == "claimed_broken" and SIDE_STRIKES.fullmatch(main, a, b):
                    told_attacks.add(id(p))
                split = _split_scope(p, terms.length_with)
                if status == "proposed" and cut is not None and SAME_IF.match(text, cut.start()):
                    mirrors.update(id(q) for q in split)
                out.extend(split)
                if id(p) not in implied:
                    last_party = party
            if both_of is not None and len(found) == 1 and len(out) == size + 1:
                # "Kyiv had agreed to both": each pledge of the last clause, on its own terms
                made = out.pop()
                for g in {_scope(g): g for g in group}.values():
                    q = ExtractedPledge(made.party, made.status, made.broker or g.broker)
                    q.targets, q.places, q.duration_days = list(g.targets), list(g.places), None
                    q.evidence = dict(made.evidence)
                    out.append(q)
            if mirror is not None:
                who = _subject(text, mirror.start(), _parties(text), last_party or last_mention)
                if who in PARTIES_IN_CONFLICT and all(f[0] != who for f in found):
                    kept = SELF_KEPT.search(sent.text) is not None
                    base = span.start_char
                    out.append(
                        _mirrored(out, who, kept, (base + mirror.start(), base + mirror.end()))
                    )
                    last_party = who
            if len(out) > size:
                group, group_sent = out[size:], si
        sides = [p[1] for p in _parties(sent.text) if p[1] in PARTIES_IN_CONFLICT]
        last_mention = sides[-1] if sides else last_mention
    _unanswered(out, sent_size, silent)
    if opening is not None:
        for p in out:
            if _RANK[p.status] >= 1 and _RANK[opening[0]] > _RANK[p.status]:
                p.status = opening[0]
                p.note("status", opening[1])
    if told_attacks:
        # a side that refused the pledge cannot break it: its attacks told beside the pledge
        # are attacks, not breaches ("Kiev refused to join it" ... "Ukrainian forces fired")
        # (only a side that refused it and made no commitment of its own of that scope:
        # Russia refusing a 30-day truce may still break its own 3-day one)
        out = [p for p in out if id(p) not in told_attacks or not _refused_only(p, out)]
    out = _refusers_not_breakers(out)
    _verdict(dt.text, out)
    if mirrors:
        _join_mirrored(out, mirrors)
    if implied:
        # a pledge told only as what the other side refused gives way to any telling of its own
        told = {p.party for p in out if id(p) not in implied}
        out = [p for p in out if id(p) not in implied or p.party not in told]
    return settle(out, charges)


# A fact-check's claim and its rating: "Claim: Russia said its forces had strictly observed the
# truce. Verdict: False." A claim that a pledge was kept, rated false, is a claim that it was
# broken.
_CLAIM_LINE = re.compile(r"^\W*claim\s*:[^\n]*", re.I | re.M)
_FALSE_VERDICT = re.compile(
    r"^\W*(?:verdict|rating|our\s+ruling)\s*:\s*(?:false|mostly\s+false|misleading|"
    r"pants\s+on\s+fire)\b",
    re.I | re.M,
)


def _verdict(text: str, pledges: list[ExtractedPledge]) -> None:
    """Turn a kept claim rated false by a fact-check into a claim that the pledge was broken."""
    claim = _CLAIM_LINE.search(text)
    if claim is None or _FALSE_VERDICT.search(text, claim.end()) is None:
        return
    for p in pledges:
        spans = p.evidence.get("status", [])
        told = any(claim.start() <= a < claim.end() for a, _ in spans)
        if p.status == "claimed_kept" and told:
            p.status = "claimed_broken"


# An outsider's approval of a pledge already made: it neither brokers nor commits.
ENDORSE = re.compile(
    r"\b(?:welcom(?:ed|es)|hail(?:ed|s)|prais(?:ed|es)|applaud(?:ed|s)|endors(?:ed|es))\b", re.I
)


# The condition that the other side does the same: "if Moscow did the same", "provided Russia
# does likewise".
SAME_IF = re.compile(
    r"(?:if|provided(?:\s+that)?|as\s+long\s+as|so\s+long\s+as|on\s+condition\s+that|once)\s+"
    r"(?:[\w'’-]+\s+){1,3}?(?:did|does|do|would\s+do|will\s+do|was\s+doing)\s+"
    r"(?:the\s+same|likewise|so\s+too)\b",
    re.I,
)


def _join_mirrored(pledges: list[ExtractedPledge], mirrors: Collection[int]) -> None:
    """An offer to stop on the condition that the other side does the same joins a pledge the
    other side has already made of that scope: agreed, on that pledge's terms ("Putin told
    Trump he would order a 30-day halt on energy strikes ... Zelensky said Ukraine was ready to
    stop strikes on Russian energy if Moscow did the same"). With no such pledge it stays an
    offer (proposed)."""
    for i, p in enumerate(pledges):
        if id(p) not in mirrors or p.status != "proposed":
            continue
        model = next(
            (
                q
                for q in pledges[:i]
                if q.party != p.party
                and q.party in PARTIES_IN_CONFLICT
                and q.status in ("agreed", "claimed_kept")
                and _scope(q) == _scope(p)
            ),
            None,
        )
        if model is None:
            continue
        p.status = "agreed"
        p.broker = p.broker or model.broker
        p.duration_days = p.duration_days or model.duration_days


def _endorsement(text: str, parties: list[tuple[int, str, str]]) -> bool:
    """A clause whose subject is an outsider approving a pledge: "Turkish President Tayyip
    Erdogan, who spoke to Putin earlier in the day, welcomed the move"."""
    if not parties or parties[0][1] in PARTIES_IN_CONFLICT:
        return False
    m = ENDORSE.search(text)
    if m is None or BROKERED.search(text):
        return False
    for asked in ASKED.finditer(text):
        # asking a side ("urged Putin to", "asked both sides") makes a broker; a general appeal
        # ("urged a lasting ceasefire") does not
        near = text[asked.end() : asked.end() + 30]
        if _ASKED_SIDE.match(near) or any(
            lexicon().party_of(w.strip(".,;:'’s")) in PARTIES_IN_CONFLICT for w in near.split()[:3]
        ):
            return False
    # the outsider is the subject: no side of the conflict named before it, nor between it and
    # the verb outside a relative clause (", who spoke to Putin,")
    between = _RELATIVE.sub("", text[parties[0][0] : m.start()])
    return not any(
        lexicon().party_of(w.strip(".,;:'’s")) in PARTIES_IN_CONFLICT for w in between.split()
    )


_ASKED_SIDE = re.compile(r"\s+(?:both|the\s+two|each|either)\s+(?:sides|parties|side)\b", re.I)
_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b[^,]*,")


def _same_pledge(p: ExtractedPledge, q: ExtractedPledge) -> bool:
    """Whether two mentions may be of one pledge: the same scope, and no length or start
    that tells them apart."""
    if _scope(p) != _scope(q):
        return False
    if p.duration_days and q.duration_days and p.duration_days != q.duration_days:
        return False
    return not (p.start and q.start and p.start != q.start)


def _refusers_not_breakers(pledges: list[ExtractedPledge]) -> list[ExtractedPledge]:
    """A side that refused a pledge cannot break it: "Kyiv had refused to take part ... Moscow
    accused Ukraine of firing as the truce began", "Russia and Ukraine accused each other" of
    a truce only one of them joined, is the other side's charge, not a pledge of the refuser."""
    if not any(p.status == "rejected" for p in pledges):
        return pledges
    return [p for p in pledges if p.status != "claimed_broken" or not _refused_only(p, pledges)]


def _refused_only(p: ExtractedPledge, pledges: list[ExtractedPledge]) -> bool:
    """Whether `p`'s side refused the pledge `p` names and committed to none of its scope."""
    same = [q for q in pledges if q is not p and q.party == p.party and _same_pledge(p, q)]
    return any(q.status == "rejected" for q in same) and not any(
        q.status in ("agreed", "claimed_kept") for q in same
    )


def _claim(text: str, parties: list[tuple[int, str, str]]) -> bool:
    """A side named beside a claim that a pledge was kept or broken."""
    if not any(p[1] in PARTIES_IN_CONFLICT for p in parties):
        return False
    if SIDE_STRIKES.search(text) and SPOKEN.search(text):
        return True  # "..., but Zelensky said Russian drones hit a power station that night"
    return any(STATUS_CUES[i][1].search(text) for i in (0, 1, 4))


_VALID_FOR = re.compile(
    rf"\b(?:valid|lasting|running|in\s+force)\s+for\s+(?:a\s+period\s+of\s+)?"
    rf"(?P<n>{WORD_NUM})[- ]days?\b",
    re.I,
)
_SAME_LENGTH = re.compile(r"\b(?:of|for)\s+the\s+same\s+(?:length|period|duration)\b", re.I)
# A condition put on the other side (not "only once", which tells when a pledge made applies).
_OFFER_IF = re.compile(r"(?:only\s+)?(?:if|provided|on\s+condition)\b", re.I)
# "would order", "would agree to": a commitment still to come
_FUTURE = re.compile(r"(?:will|would)\b", re.I)
_FUTURE_BEFORE = re.compile(r"\b(?:will|would)\s+(?:\w+\s+)?$", re.I)
# The other side doing as much: "if Moscow did the same", "as long as Russian troops held theirs".
_RECIPROCAL = re.compile(
    r"\b(?:theirs|the\s+same|likewise|in\s+kind|too|as\s+well|reciprocat\w*|mirror\w*|"
    r"(?:holds?|held|observes?|observed|stops?|stopped|halts?|halted)\s+(?:its|their)\s+fire)\b",
    re.I,
)


def _reciprocal(text: str, cut: re.Match[str]) -> bool:
    """Whether the condition opening at `cut` asks the other side to do the same."""
    end = re.search(r"[.;]", text[cut.start() :])
    return (
        _RECIPROCAL.search(text, cut.start(), cut.start() + (end.start() if end else 200))
        is not None
    )


# A second pledge joined to the first in one clause: "and to implement the ban on strikes".
_AND_TO_PLEDGE = re.compile(
    r"\band\s+to\s+(?:[\w-]+\s+){0,7}?(?:ban\s+on\s+(?:\w+\s+)?(?:strikes|attacks)|"
    r"(?:halt|stop|end|pause|moratorium|truce|ceasefire)\b)",
    re.I,
)


def _kept_or_broken(text: str, parties: list[tuple[int, str, str]]) -> bool:
    """A side named beside a claim that a pledge was kept or broken (no agreement cue)."""
    if not any(p[1] in PARTIES_IN_CONFLICT for p in parties):
        return False
    return any(STATUS_CUES[i][1].search(text) for i in (0, 1))


_OFFER_NOUN = re.compile(r"\b(?:offer|proposal|call|demand|idea|plan|initiative)\b", re.I)


def _refused_owner(
    text: str, parties: list[tuple[int, str, str]], found: list[tuple[str, str, tuple[int, int]]]
) -> tuple[str, str, tuple[int, int]] | None:
    """The other side's pledge a refusal names as its own: "Kyiv dismissed Putin's offer of a
    three-day ceasefire" tells Russia's offer (proposed); "rejected Russia's Easter truce" its
    truce (agreed)."""
    refusals = [f for f in found if f[1] == "rejected"]
    if len(refusals) != 1 or len(found) != 1:
        return None
    who, _, (start, _) = refusals[0]
    for p in parties:
        if p[0] < start or p[1] == who or p[1] not in PARTIES_IN_CONFLICT:
            continue
        word = p[2].lower()
        if not (word.endswith(("'s", "’s")) or word in ("russian", "ukrainian")):
            continue
        m = _OWNED_NOUN.match(text, p[0] + len(p[2]))
        if m is None:
            continue
        status = "proposed" if _OFFER_NOUN.search(m.group(0)) else "agreed"
        return p[1], status, (p[0], m.end())
    # the owner after the noun: "dismissed the demand by Kyiv for a 30-day ceasefire"
    for m in _OFFER_BY.finditer(text, start):
        code = lexicon().party_of(m.group("who"))
        if code in PARTIES_IN_CONFLICT and code != who:
            return code, "proposed", m.span()
    return None


_OFFER_BY = re.compile(
    r"\b(?:offer|proposal|call|demand|plan|initiative)\s+(?:by|from)\s+(?P<who>[A-Z][a-z]+)\b"
)


def _pledge_noun(text: str) -> re.Match[str] | None:
    """The first pledge noun in `text` that is not a mere possibility ("a possible ceasefire")."""
    masked = NOT_A_PLEDGE.sub(lambda m: "#" * len(m.group(0)), text)
    return Folded(masked).search(PLEDGE_NOUN)  # its callers read the match's span only


def _fate_cue(text: str, parties: list[tuple[int, str, str]]) -> tuple[str, re.Match[str]] | None:
    """What became of a pledge named in a clause without a side of its own ("That pledge did
    not last", "A promised pause ... fell apart"): its status and the words that say so."""
    if any(p[1] in PARTIES_IN_CONFLICT for p in parties):
        return None
    if not (FATE_REF.search(text) or IT_SUBJECT.match(text)):
        return None
    m = FATE_BROKEN.search(text)
    if m is not None:
        return "claimed_broken", m
    m = FATE_KEPT.search(text)
    return ("claimed_kept", m) if m is not None else None


def _fate(
    last: list[ExtractedPledge], text: str, parties: list[tuple[int, str, str]], base: int
) -> bool:
    """A sentence on what became of the pledges just named: their status is raised, no pledge
    is added."""
    cue = _fate_cue(text, parties)
    if cue is None:
        return False
    status, m = cue
    for p in last:
        if _RANK[status] > _RANK[p.status]:
            p.status = status
            p.note("status", (base + m.start(), base + m.end()))
    return True


# A word every match of BROKERED holds (its names are matched in any case, so it is no
# lowercase pattern `Folded` can gate itself).
BROKER_WORDS = ("brokered", "mediated", "presided", "negotiated")


def _named_broker(text: str) -> str | None:
    """The one outside party the text names as broker ("UN-brokered"), or None."""
    low = folded(text)
    if low is not None and not any(w in low for w in BROKER_WORDS):
        return None  # no match of BROKERED (most texts: it is slow to try at every position)
    found = set()
    for m in BROKERED.finditer(text):
        code = lexicon().party_of(
            m.group("pre") or m.group("post") or m.group("rel") or m.group("who")
        )
        if code is not None and code not in PARTIES_IN_CONFLICT:
            found.add(code)
    return found.pop() if len(found) == 1 else None


def _dominant_third_party(text: str) -> str | None:
    """The outside party the text names most (the likely broker), or None."""
    counts: dict[str, int] = {}
    for _, code, _ in _parties(text):
        if code not in PARTIES_IN_CONFLICT:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda c: counts[c])


def _pledge_clauses(doc: Doc, sent: Piece) -> list[Piece]:
    dt = doc_tokens(doc)
    toks = dt.toks
    cuts = [sent.start]
    for tok in toks[sent.start : sent.end]:
        if tok.text == ";":
            cuts.append(tok.i + 1)
        elif tok.i > sent.start + 1 and (
            _conjunction_cut(toks, tok, sent)
            or _adding_cut(dt, tok, sent, cuts[-1])
            or _second_act_cut(dt, tok, sent, cuts[-1])
        ):
            cuts.append(tok.i)
    cuts.append(sent.end)
    return [Piece(dt, a, b) for a, b in itertools.pairwise(cuts) if b > a]


_ANSWER_VERBS = frozenset(
    {"agreed", "accepted", "offered", "proposed", "rejected", "declined", "refused"}
)


def _conjunction_cut(toks: list[Tok], tok: Tok, sent: Piece) -> bool:
    """ ", and", ", but", ", while" open a clause of their own, and so do "and" or "but"
    before a second answer of the same subject ("declined the full ceasefire and agreed only
    to a 30-day pause on energy")."""
    if tok.lower_ not in ("and", "but", "while") or sent.end - tok.i <= 4:
        return False
    if toks[tok.i - 1].text in (",", ";"):
        return True
    if tok.lower_ == "while":
        return False
    nxt = toks[tok.i + 1].lower_
    if nxt in ("only", "instead", "then") and tok.i + 2 < sent.end:
        nxt = toks[tok.i + 2].lower_
    if nxt not in _ANSWER_VERBS:
        return False
    return any(t.lower_ in _ANSWER_VERBS for t in toks[sent.start : tok.i])


# A side's second act on another pledge, after "and": "never signed up to the three-day pause
# and wants a 30-day ceasefire instead".
_SECOND_ACTS = frozenset(
    {
        "wants",
        "wanted",
        "proposed",
        "proposes",
        "offered",
        "offers",
        "demanded",
        "demands",
        "rejected",
        "rejects",
        "refused",
        "refuses",
        "accepted",
        "accepts",
        "called",
    }
)


def _second_act_cut(dt: DocTokens, tok: Tok, sent: Piece, last: int) -> bool:
    """ "X refused one pledge and wants another": the second verb, with a pledge noun of its
    own after it and one before it, opens a clause of its own."""
    toks = dt.toks
    if tok.lower_ != "and" or tok.i + 1 >= sent.end or toks[tok.i + 1].lower_ not in _SECOND_ACTS:
        return False
    before = Piece(dt, last, tok.i).text
    after = Piece(dt, tok.i + 1, sent.end).text
    return _pledge_noun(before) is not None and _pledge_noun(after) is not None


def _adding_cut(dt: DocTokens, tok: Tok, sent: Piece, last: int) -> bool:
    """ "if Russia wanted peace it should cease fire, adding that Ukraine was ready for ...":
    a statement of its own after a condition."""
    toks = dt.toks
    return (
        toks[tok.i - 1].text == ","
        and tok.lower_ in ("adding", "saying")
        and tok.i + 1 < sent.end
        and toks[tok.i + 1].lower_ == "that"
        and CONDITIONAL.search(Piece(dt, last, tok.i).text) is not None
    )


_FRAMING = re.compile(r"declared|called|branded|labelled|labeled|deemed", re.I)
_REFUSER_AFTER = re.compile(
    r"(?:\s+in\s+\w+)?\s+(?:for|to|in|with|from|among)\s+(?:the\s+)?(?P<who>[A-Za-z][\w'’-]+)"
)
_TELLER_AFTER_IDIOM = re.compile(
    r"[^.;]{0,60}?,\s+(?:[\w'’-]+\s+){0,4}?(?P<who>[A-Z][\w'’-]+)\s+(?:said|says|told|added)\b"
)


def _idiom_refuser(text: str, end: int) -> str | None:
    """The side a copular refusal idiom names after it: "a non-starter for the Kremlin", "not
    acceptable to Ukraine", "ran into a wall in Moscow", or its teller ("..., Zelensky said")."""
    for pat in (_REFUSER_AFTER, _TELLER_AFTER_IDIOM):
        m = pat.match(text, end)
        if m is not None:
            code = lexicon().party_of(m.group("who").removesuffix("'s").removesuffix("’s"))
            if code in PARTIES_IN_CONFLICT:
                return code
    return None


def _strong_reject(text: str) -> bool:
    return bool(
        re.search(
            r"\bultimatum\b|\bturned\s+(?:[\w-]+\s+){0,3}?down\b|\brejected\b|\bdismissed\b|"
            r"\bquit\s+(?:it|the)\b|\bpulled\s+out\s+of\b|\bwalked\s+out\s+of\b|"
            r"\brefus(?:ed|es)\s+(?:to\s+(?:join|accept|observe|take\s+part|sign)|it)\b",
            text,
            re.I,
        )
        or _IDIOM_REFUSAL.search(text)
    )


# A cue word used as a noun after a definite article names a pledge spoken of before, not a
# side's act: "the offer was not made in good faith", "that demand".
_DEFINITE_BEFORE = re.compile(r"\b(?:the|that|this|these|those)\s+$", re.I)
# An act told as a possibility: "Russia may propose ...", "the Kremlin could offer ...",
# "Moscow might yet agree ..."
_HEDGED = re.compile(r"\b(?:may|might|could)\s+(?:(?:yet|also|soon|still|even)\s+)?$", re.I)


_DESPITE = re.compile(r"despite\b", re.I)
_GENERIC_AFTER = re.compile(
    r"\s+(?:every|any|all)\s+(?:(?:forms?|kinds?|sorts?)\s+of\s+)?(?:[\w-]+\s+)?"
    r"(?:commitments?|obligations?|agreements?|deals?|proposals?|offers?)\b",
    re.I,
)
_IN_PRINCIPLE = re.compile(r"\s+(?:[\w-]+\s+){0,2}?in\s+principle\b", re.I)
_ADDRESSED = re.compile(r"\s+(?:to|on)\s+", re.I)
# A count or charge of breaches after a refusal word: "dismissed the list as fake", "rejected
# the Russian tally" deny a charge, they refuse no pledge.
_CHARGE_AFTER = re.compile(
    r"\s+(?:the|its|their|these|those|such|that|this|moscow's|kyiv's|russia's|ukraine's)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:tally|tallies|list|claims?|accusations?|allegations?|charges?|"
    r"figures|count|numbers|report)\b",
    re.I,
)


def _statuses(
    text: str,
    parties: list[tuple[int, str, str]],
    last_party: str | None,
    noun: bool,
    pledge_party: str | None = None,
) -> list[tuple[str, str, tuple[int, int]]]:
    """(party, status, cue span) for each side the clause `text` commits, refuses or
    charges; `last_party`: the side spoken of last, `pledge_party`: that of the last pledge."""
    out: list[tuple[str, str, tuple[int, int]]] = []
    mutual = MUTUAL.search(text)
    if mutual and BOTH.search(text[: mutual.end()]):
        # "Ukraine and Russia each accused the other of violating the truce"
        return [(side, "claimed_broken", mutual.span()) for side in PARTIES_IN_CONFLICT]
    neither = NEITHER.search(text)
    if neither:
        # "neither side had struck the other's energy facilities": both kept it
        return [(side, "claimed_kept", neither.span()) for side in PARTIES_IN_CONFLICT]
    m = ACCUSED.search(text)
    if m:
        who = lexicon().party_of(m.group("who").split()[0])
        if who in PARTIES_IN_CONFLICT:
            out.append((who, "claimed_broken", m.span()))
    m2 = SIDE_STRIKES.search(text)
    if m2 and noun and SPOKEN.search(text) and not (out and m and m.start() < m2.start()):
        # (the attacks told after "accused Kyiv of ...", "saying three Ukrainian drones had
        # attacked", are that charge, not another)
        # a claim is someone's word: "officials said Russian strikes had hit ...", not the
        # reporter's own account of an attack told beside a pledge
        who = lexicon().party_of(m2.group("who"))
        if who in PARTIES_IN_CONFLICT:
            out.append((who, "claimed_broken", m2.span()))
    cues: list[tuple[int, int, str]] = []
    ft = Folded(text)  # only the spans of the cues are read
    for status, pat in STATUS_CUES:
        for cm in ft.finditer(pat):
            if REPORTING.match(text, cm.start()):
                continue  # "declared that the agreements had ceased to be valid": what follows says
            if status != "rejected" and _negated(text, cm.start(), cm.end()):
                continue
            if status == "agreed" and _IN_PRINCIPLE.match(text, cm.end()):
                continue  # "supported it in principle, but ...": a hedge, not an agreement
            if status == "rejected" and _CHARGE_AFTER.match(text, cm.end()):
                continue  # "Kyiv rejected the Russian tally": a denial of a charge, not a refusal
            if status == "rejected" and _GENERIC_AFTER.match(text, cm.end()):
                continue  # "refused every form of binding commitment": no pledge in particular
            if status == "proposed" and _DEFINITE_BEFORE.search(
                text, max(0, cm.start() - 7), cm.start()
            ):
                continue  # "the offer was not made in good faith": a noun pointing back
            if status in ("proposed", "agreed") and _HEDGED.search(
                text, max(0, cm.start() - 24), cm.start()
            ):
                continue  # "Russia may propose a moratorium": a possibility, not an offer
            cues.append((cm.start(), cm.end(), status))
    events: set[int] = set()
    for status, pat in EVENT_CUES:
        for cm in ft.finditer(pat):
            if _WEIGHED.search(text, max(0, cm.start() - 40), cm.start()):
                continue  # "not yet clear whether the truce was holding": no claim
            cues.append((cm.start(), cm.end(), status))
            events.add(cm.start())
    cues.sort()
    idioms = [c[0] for c in cues if c[2] == "rejected" and _IDIOM_REFUSAL.match(text, c[0])]
    if idioms:
        # "Kyiv declared the truce dead on arrival": the verb frames the refusal, it agrees to
        # nothing
        cues = [
            c
            for c in cues
            if not (
                c[2] == "agreed"
                and _FRAMING.fullmatch(text, c[0], c[1])
                and any(0 < i - c[1] <= 80 for i in idioms)
            )
        ]
    pair = BOTH.search(text) if cues else None
    outsider: int | None = None  # the end of an outsider's proposal cue
    for start, end, status in cues:
        if m and start >= m.start():
            break
        if start in events:
            party = _owner(text, parties)
            if party is None and pledge_party is not None and FATE_REF.search(text, 0, start):
                party = pledge_party  # "The truce is largely holding": the pledge just named
            if party is not None:
                out.append((party, status, (start, end)))  # "took effect ... continued to hold"
            continue
        party = _subject(
            text, start, parties, last_party, status in ("claimed_kept", "claimed_broken")
        )
        if status == "claimed_broken" and _DESPITE.match(text, start):
            # "Despite the ceasefire, Ukrainian formations made 488 attacks": the side after it
            nxt = [p for p in parties if end <= p[0] <= end + 12 and p[1] in PARTIES_IN_CONFLICT]
            if nxt and re.fullmatch(r"\W*(?:the\s+)?", text[end : nxt[0][0]]):
                party = nxt[0][1]
        agent = _agent(text, end, parties)
        if agent is not None:
            party = agent  # "was accepted by Kyiv", "had been respected by Russian forces"
        unhit = UNHIT.match(text, start) if status == "claimed_kept" else None
        if unhit is not None:
            # the facilities' side: named with them ("no Ukrainian energy sites") or the teller
            owner = next((lexicon().party_of(w) for w in unhit.group("own").split()), None)
            owner = owner if owner in PARTIES_IN_CONFLICT else party
            party = _OTHER_SIDE.get(owner or "", party)
        if status == "rejected" and _COPULAR_IDIOM.match(text, start):
            # "... is a non-starter for the Kremlin", "..., Zelensky said": the refuser
            party = _idiom_refuser(text, end) or party
        if pair is not None and pair.start() <= start < pair.end():
            party = None  # the cue is the verb of "Russia and Ukraine agreed"
        if (
            agent is None
            and outsider is not None
            and not any(outsider <= p[0] < start and p[1] in PARTIES_IN_CONFLICT for p in parties)
        ):
            continue  # what the outsider proposed them to do: "... to both sides to support"
        if status == "proposed" and (party is None or party not in PARTIES_IN_CONFLICT):
            # "America proposed ...": an outsider's offer, not theirs
            outsider = end
            if party is not None or pair is not None:
                continue
        if pair is not None and _ADDRESSED.fullmatch(text, end, pair.start()):
            continue  # "put it to both sides": they are addressed, not acting
        if (party is None or party not in PARTIES_IN_CONFLICT) and pair is not None:
            out.extend((side, status, (start, end)) for side in PARTIES_IN_CONFLICT)
            break
        if party in PARTIES_IN_CONFLICT:
            out.append((party, status, (start, end)))
            out.extend(_after_relative(text, start, cues, parties, party))
            out.extend(_second_party(text, end, cues, parties, party))
            fate = _later_fate(text, end, parties)
            if fate is not None:
                # "The truce Russia declared ... was broken within hours": the same pledge's fate
                out.append((party, fate[0], fate[1]))
            break
    return _broken_soon_after(text, out, parties)


# An attack told as coming soon after a pledge: "Russian forces shelled Chernihiv hours after
# Moscow announced it would cut back", "Russia fired missiles at the port less than a day after
# it signed the deal". The pledge's party is said to have broken it; its words still name it.
_SOON_AFTER = re.compile(
    r"\b(?:(?:only|just|barely|less\s+than|within|mere)\s+)?(?:(?:a\s+few|a|an|one|two|three|"
    r"several|\d+)\s+)?(?:hours?|days?|minutes?)\s+after\b|\b(?:shortly|soon|right|just)\s+after\b",
    re.I,
)
_ATTACKED = re.compile(
    r"\b(?:bombard(?:ed|ing)|shell(?:ed|ing)|fired|struck|hit|attacked|pounded|bombed|"
    r"targeted|(?:went|gone)\s+after)\b",
    re.I,
)
# The pledge's end, not its making, is what the attack followed: "hours after the truce expired".
# Nor is an attack before the pledge's start a breach: "hours after Putin declared a truce
# from midnight on 8 May".
_PLEDGE_ENDED = re.compile(
    r"\b(?:expired|ended|lapsed|ran\s+out|was\s+over|from|starting|beginning|begin|begins|"
    r"would\s+start|take\s+effect|takes\s+effect|until|on\s+(?:\d|[A-Z][a-z]+day))\b",
    re.I,
)


def _broken_soon_after(
    text: str, found: list[tuple[str, str, tuple[int, int]]], parties: list[tuple[int, str, str]]
) -> list[tuple[str, str, tuple[int, int]]]:
    """Agreements in `found` made just before an attack the clause tells first, in someone's
    words, by the attacking side (or by the pledge's own side when no attacker is named),
    become claims that the pledge was broken."""
    # a claim is someone's word: the reporter's own account of an attack beside a pledge
    # states no breach ("Russian drones struck Mykolaiv hours after the two sides agreed")
    if not found or "after" not in text:
        return found
    soon = _SOON_AFTER.search(text) if SPOKEN.search(text) else None
    if soon is None or _PLEDGE_ENDED.search(text, soon.end()):
        return found
    attack = _ATTACKED.search(text, 0, soon.start())
    if attack is None:
        return found
    # the side whose name stands close before the attack verb is the attacker; a side
    # followed by a verb of speech is the one who tells of it
    attacker = None
    for pos, code, word in parties:
        gap = text[pos + len(word) : attack.start()]
        if pos < attack.start() and len(gap) <= 40 and not SPOKEN.search(gap):
            attacker = code
    out = []
    for party, status, span in found:
        after = span[0] >= soon.end()
        if after and status == "agreed" and attacker in (None, party):
            status = "claimed_broken"
        out.append((party, status, span))
    return out


def _later_fate(
    text: str, after: int, parties: list[tuple[int, str, str]]
) -> tuple[str, tuple[int, int]] | None:
    """A claim that the pledge the clause's first cue named was broken, told later in the
    clause with no other side named in between ("... was broken within hours")."""
    m = FATE_BROKEN.search(text, after)
    if m is None:
        return None
    for pos, code, word in parties:
        # the side who tells of it is not another side acting: "though Kyiv says the shelling
        # never let up"
        if (
            after <= pos < m.start()
            and code in PARTIES_IN_CONFLICT
            and not _TELLER_AFTER.match(text, pos + len(word))
        ):
            return None
    return "claimed_broken", m.span()


_TELLER_AFTER = re.compile(r"\s+(?:says|said|claims|claimed|insists|insisted)\b", re.I)


_NEGATION_BEFORE = re.compile(
    # a pledge that only might come: "a new truce could be agreed in the talks"
    r"(?:\b(?:could|might|may|can)\s+be\s+$|"
    # an act only spoken of as possible: "reports that the Kremlin might offer an air truce"
    r"\b(?:might|may)\s+(?:yet\s+|still\s+)?$|"
    # "No truce was announced", "no ceasefire has been agreed"
    r"\bno\s+(?:[\w-]+\s+){1,2}(?:was|were|is|has\s+been|had\s+been)\s+$|"
    # "but nothing was agreed"
    r"\bnothing\s+(?:was|has\s+been|had\s+been|is|were)\s+$|"
    # an act only weighed: "the Kremlin is weighing whether to offer an air truce"
    r"\bwhether\s+to\s+$|\bwhether\s+(?:[\w\'’-]+\s+){1,3}$|"
    r"\b(?:not|never)|n't|\bno\s+longer|\bden(?:y|ies|ied)\s+(?:that\s+)?(?:\w+\s+)?(?:had\s+|has\s+)?)"
    r"\s*(?:\w+\s+)?$",
    re.I,
)
_WEIGHED = re.compile(r"\b(?:whether|if)\s+(?:[\w'’-]+\s+){0,4}$", re.I)
# Agreeing to talk is not agreeing to stop: "Moscow only agreed to discuss one".
_NOT_A_STOP = re.compile(
    r"\s+to\s+(?:discuss|talk|talks|consider|negotiate|hold\s+talks|meet|study|examine)\b", re.I
)


def _negated(text: str, a: int, b: int) -> bool:
    """A cue said not to have happened ("has not agreed", "denied that it had agreed"), or
    an agreement to talk, not to stop."""
    return bool(_NEGATION_BEFORE.search(text, max(0, a - 30), a) or _NOT_A_STOP.match(text, b))


def _owner(text: str, parties: list[tuple[int, str, str]]) -> str | None:
    """The side whose pledge the clause speaks of: the side asked to hold ("Trump asked Putin
    to hold fire"), or the owner named before the pledge noun ("Russia's Easter truce")."""
    for pos, code, word in parties:
        if code not in PARTIES_IN_CONFLICT:
            continue
        after = text[pos + len(word) : pos + len(word) + 4]
        if re.match(r"\s+to\b", after) and _ASKED_BEFORE.search(text, max(0, pos - 40), pos):
            return code
    noun = _pledge_noun(text)
    if noun is not None:
        owners = [
            p
            for p in parties
            if (p[2].endswith(("'s", "’s")) or p[2].lower() in ("russian", "ukrainian"))
            and p[1] in PARTIES_IN_CONFLICT
            and re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}", text[p[0] + len(p[2]) : noun.start()])
        ]
        if owners:
            return owners[-1][1]
    return None


# "accepted by Kyiv", "guarantees from Kyiv"
_BY = re.compile(r"\s+(?:[\w-]+\s+)?(?:by|from)\s+(?:the\s+)?", re.I)


def _agent(text: str, end: int, parties: list[tuple[int, str, str]]) -> str | None:
    """The side named as the agent of a passive cue ending at `end`: "accepted by Kyiv"."""
    m = _BY.match(text, end)
    if m is None:
        return None
    for pos, code, _ in parties:
        if pos == m.end() and code in PARTIES_IN_CONFLICT:
            return code
    return None


# (the side's forces or government may stand between: "Ukrainian forces, which", "the Kiev
# regime, which")
_RELATIVE_OPEN = re.compile(
    r"(?:\s+(?:forces|troops|army|military|regime|government|authorities|leadership))?"
    r"\s*,\s*(?:which|who)\s+",
    re.I,
)


def _after_relative(
    text: str,
    start: int,
    cues: list[tuple[int, int, str]],
    parties: list[tuple[int, str, str]],
    party: str,
) -> list[tuple[str, str, tuple[int, int]]]:
    """The main verb after a relative clause that held the first cue, with the same subject:
    "Ukraine, which wants a truce of at least 30 days, turned the offer down" offers and
    refuses."""
    subject = [p for p in parties if p[0] < start]
    if not subject:
        return []
    pos, code, word = subject[-1]
    if code != party or not _RELATIVE_OPEN.fullmatch(text, pos + len(word), start):
        return []
    close = text.find(",", start)
    if close < 0:
        return []
    for s2, e2, status in cues:
        if s2 <= close:
            continue
        if any(close <= p[0] < s2 for p in parties):
            return []  # another subject after the relative clause
        return [(party, status, (s2, e2))]
    return []


def _second_party(
    text: str,
    after: int,
    cues: list[tuple[int, int, str]],
    parties: list[tuple[int, str, str]],
    first: str,
) -> list[tuple[str, str, tuple[int, int]]]:
    """A later cue with the other side named as its subject after the first cue.

    "He refused a proposed 30-day ceasefire, which Ukraine had accepted": UA agreed as well.
    """
    for start, end, status in cues:
        if start < after:
            continue
        if status == "rejected" and _COPULAR_IDIOM.match(text, start):
            who = _idiom_refuser(text, end)
            if who is not None and who != first:
                return [
                    (who, status, (start, end))
                ]  # "Russia's offer ... is a non-starter, Kyiv said"
        agent = _agent(text, end, parties)
        if agent is not None and agent != first:
            return [(agent, status, (start, end))]  # "... but not by Moscow"
        named = [p for p in parties if after <= p[0] < start and p[1] in PARTIES_IN_CONFLICT]
        if named and named[-1][1] != first and status != "proposed":
            return [(named[-1][1], status, (start, end))]
    return []


_TOLD = re.compile(r"\s+(?:told|assured|promised|informed|reassured)\s+(?:[A-Z][\w-]+\s+)?", re.I)


_OWNED_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:ceasefire|cease-fire|truce|pause|moratorium|offer|proposal|"
    r"initiative|plan|call|demand|idea)\b",
    re.I,
)


_PARTICIPLE = re.compile(r"(?:broken|violated|breached|kept|honou?red|respected|observed)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:been|was|were|is|are)\s+(?:\w+ly\s+)?$", re.I)
_ADDRESSEE = re.compile(r"\b(?:handed|sent|passed|delivered|given)\s+to\s+(?:the\s+)?$", re.I)


def _owns_noun_before(text: str, p: tuple[int, str, str], pos: int) -> bool:
    """Whether party mention `p` modifies a pledge noun that ends before `pos`."""
    word = p[2].lower()
    if not (word.endswith(("'s", "’s")) or word in ("russian", "ukrainian", "american")):
        return False
    m = _OWNED_NOUN.match(text, p[0] + len(p[2]))
    return m is not None and m.end() <= pos


def _subject(
    text: str,
    pos: int,
    parties: list[tuple[int, str, str]],
    last_party: str | None,
    fate: bool = False,
) -> str | None:
    """The side whose act the cue at `pos` tells; `fate`: the cue tells what became of a
    pledge ("was broken", "existed only on paper"), whose side is its owner named last."""
    # a side the words go to is not their subject: "the memorandum Russia handed to the
    # Ukrainian side sets out ..."
    before = [
        p for p in parties if p[0] < pos and not _ADDRESSEE.search(text, max(0, p[0] - 30), p[0])
    ]
    if (
        fate
        and before
        and _PARTICIPLE.match(text, pos)
        and _PASSIVE_BEFORE.search(text, max(0, pos - 12), pos)
    ):
        # "Ukraine said the truce had been broken": the teller is not the pledge's side
        gap = text[before[-1][0] + len(before[-1][2]) : pos]
        if SPOKEN.search(gap) and not _PRONOUN.search(gap):
            return last_party if last_party != before[-1][1] else None
    if before and _owns_noun_before(text, before[-1], pos):
        if fate:
            return before[-1][1]  # "Kyiv said the Russian truce existed only on paper"
        # the owner is not the subject of a verb after the pledge noun: "Kyiv has not agreed
        # to the Russian truce and will not observe it" is Kyiv's refusal
        before = [p for p in before if not _owns_noun_before(text, p, pos)]
    if BOTH.search(text[:pos]):
        return None
    if before:
        pos0, code, word = before[-1]
        between = text[pos0 + len(word) : pos]
        if code not in PARTIES_IN_CONFLICT and _PRONOUN.search(between):
            # "Putin told Donald Trump he would stop striking": the teller, not the told
            teller = [
                p
                for p in before[:-1]
                if p[1] in PARTIES_IN_CONFLICT and _TOLD.fullmatch(text, p[0] + len(p[2]), pos0)
            ]
            if teller:
                return teller[-1][1]
        if code not in PARTIES_IN_CONFLICT and _PRONOUN.search(between) and last_party:
            return last_party  # "Trump said: I asked him to stop, and he agreed"
        if word.endswith(("'s", "’s")) and _PRONOUN_SUBJECT.search(between):
            # "Zelensky said the barrage was Moscow's reply to the steps he had put forward":
            # the possessive owns another noun; the pronoun stands for the side named before it
            earlier = [p for p in before[:-1] if not p[2].endswith(("'s", "’s"))]
            if earlier and earlier[-1][1] in PARTIES_IN_CONFLICT:
                return earlier[-1][1]
        # a possessive right before the cue names the owner ("Ukraine's offer")
        return code
    if _PRONOUN.search(text[:pos]) or last_party:
        return last_party
    return None


def _split_scope(p: ExtractedPledge, length_with: str | None = None) -> list[ExtractedPledge]:
    """A deal on places and on target kinds at once is two pledges ("Black Sea" and "energy");
    a length told beside one of the two (`length_with`) is that one's."""
    grain = set(p.targets) == {"transport", "port"} and p.places == ["Black Sea"]
    if p.places and p.targets and not grain:
        q = ExtractedPledge(p.party, p.status, p.broker, list(p.targets), [], p.duration_days)
        q.start, q.end, q.evidence = p.start, p.end, dict(p.evidence)
        p.targets = []
        if length_with == "targets":
            p.duration_days = None
        elif length_with == "places":
            q.duration_days = None
        return [p, q]
    return [p]


# Where a length is told: "for 30 days", "a week-long pause".
LENGTH_WORDS = re.compile(
    rf"\b{WORD_NUM}[- ](?:days?|hours?|weeks?)\b|\bweek-long\b|\b(?:a|one)\s+week\b", re.I
)


_RANK = {"proposed": 0, "rejected": 0, "agreed": 1, "claimed_kept": 2, "claimed_broken": 3}


def _merge(pledges: list[ExtractedPledge], charges: Collection[int] = ()) -> list[ExtractedPledge]:
    out: list[ExtractedPledge] = []
    for p in pledges:
        for q in out:
            if id(p) in charges and q.status == "agreed":
                # a side said it would keep a pledge, then the other side accused it of
                # breaking it: two statements by two speakers, both kept
                continue
            # a later mention with no scope of its own restates the pledge ("a halt to attacks")
            restated = not (p.targets or p.places) and p.duration_days in (None, q.duration_days)
            restated = restated and _RANK[p.status] >= 1
            scope_differs = sorted(q.targets) != sorted(p.targets) or q.places != p.places
            # a headline naming one town of a local truce the body names in full ("strike hits
            # Mariupol during agreed evacuation pause" ... "to leave Mariupol, Enerhodar and
            # Sumy"): one pledge, of the fuller list
            partial = sorted(q.targets) == sorted(p.targets) and _towns(q.places + p.places)
            partial = partial and (set(q.places) < set(p.places) or set(p.places) < set(q.places))
            if q.party != p.party or (scope_differs and not restated and not partial):
                continue
            if p.duration_days and q.duration_days and p.duration_days != q.duration_days:
                continue
            same = q.status == p.status
            upgrade = _RANK[q.status] >= 1 and _RANK[p.status] >= 1
            if not (same or upgrade):
                continue
            if _RANK[p.status] > _RANK[q.status]:
                q.status = p.status
            if partial and len(p.places) > len(q.places):
                q.places = list(p.places)
            q.broker = q.broker or p.broker
            q.duration_days = q.duration_days or p.duration_days
            q.start, q.end = q.start or p.start, q.end or p.end
            for k, v in p.evidence.items():
                for s in v:
                    q.note(k, s)
            break
        else:
            out.append(p)
    return out


def _document_pass(pledges: list[ExtractedPledge]) -> list[ExtractedPledge]:
    """Read the text's pledges together: what one mention leaves open, another may give.

    A pledge with a limited scope (target kinds or places) and no length or broker takes
    them from the other mentions of the same scope, by any party, when those agree on one
    value ("a 30-day pause on energy strikes" ... "Ukraine would support a pause on strikes
    against energy infrastructure"). A full ceasefire's mentions are told apart by their
    length, so they are left alone.
    """
    for p in pledges:
        if not (p.targets or p.places):
            continue
        scope = [q for q in pledges if q is not p and _scope(q) == _scope(p)]
        if p.duration_days is None:
            lengths = {q.duration_days for q in scope if q.duration_days is not None}
            if len(lengths) == 1:
                p.duration_days = lengths.pop()
        if p.broker is None and p.status != "proposed":
            brokers = {q.broker for q in scope if q.broker is not None}
            if len(brokers) == 1:
                p.broker = brokers.pop()
    return pledges


def _scope(p: ExtractedPledge) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(sorted(p.targets)), tuple(sorted(p.places))


def settle(pledges: list[ExtractedPledge], charges: Collection[int] = ()) -> list[ExtractedPledge]:
    """Pledges read mention by mention, merged and read together (any language's reader);
    `charges`: ids of the pledges read from the other side's accusation."""
    return _document_pass(_merge(pledges, charges))
