"""Places hit (not merely mentioned) and target categories named in a clause."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from trucewatch.extract.components import BLOCKERS_KEY, PLACES_KEY, TARGETS_KEY, Mark, marks
from trucewatch.extract.lexicon import PlaceRef, place_index
from trucewatch.extract.tokens import TokenRange, doc_tokens

__all__ = ["PlaceHit", "places_hit", "targets_named"]

REGION_WORDS = frozenset(
    {
        "region",
        "regions",
        "oblast",
        "oblasts",
        "province",
        "provinces",
        "krai",
        "territory",  # Russia's krais in English: "Krasnodar Territory"
    }
)
# A name before these is a district (a city's or an oblast's), not a place the contract lists:
# "Kyiv's Shevchenkivskyi district", "the Pavlohrad district".
DISTRICT_WORDS = frozenset({"district", "districts", "raion", "raions"})
HIT_PREPS = frozenset(
    {
        "in",
        "over",
        "on",
        "at",
        "near",
        "into",
        "towards",
        "toward",
        "of",
        "around",
        "against",
        "across",
    }
)
HIT_VERBS = frozenset(
    {
        "hit",
        "struck",
        "pounded",
        "attacked",
        "targeted",
        "hammered",
        "shelled",
        "bombed",
        "hitting",
        "striking",
        "attacking",
        "targeting",
        "rocked",
        "shook",
        "naming",
        # a headline's present tense: "Russia attacks Kyiv with 300 drones"
        "attacks",
        "hits",
        "pounds",
        "shells",
    }
)
# "Russia kept shelling Kherson": a place hit in a report, but a pledge's scope in "stop
# shelling Kherson", so only the strike reader asks for them.
PROGRESSIVE_HITS = frozenset({"shelling", "bombing", "pounding"})
# Words allowed between a preposition and the place: "in the western city of Lviv".
BRIDGE = frozenset(
    {
        "the",
        "occupied",
        "annexed",
        "city",
        "town",
        "village",
        "of",
        "central",
        "western",
        "eastern",
        "northern",
        "southern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "nearby",
        "border",
        "port",
        "capital",
        "frontline",
        "front-line",
        "settlement",
        "centre",
        "center",
        "outskirts",
        "suburbs",
        "parts",
        "part",
        "cities",
        "regional",
        "russian",
        "ukrainian",
    }
)
# "the right bank of the Dnipro", "the east bank of the Dnipro": the river, not the city
NOT_BEFORE = frozenset(
    {"outside", "from", "governor", "mayor", "head", "toward-", "left", "bank", "banks"}
)
# A ground move into a region is not an attack on a place in it.
GROUND_MOVES = frozenset({"incursion", "incursions", "offensive", "advance", "push", "invasion"})
# A state's capital after these stands for its government: "more pressure on Moscow".
LEVERS = frozenset({"pressure", "sanctions", "leverage", "demands"})
_NO_HIT_BEFORE_PREP = GROUND_MOVES | LEVERS
# Where the wounded are cared for is not a place hit: "taken to a hospital in Dnipro",
# "treated in Kyiv" (but "a missile hit a hospital in Dnipro" is).
CARE_WORDS = frozenset({"hospital", "hospitals", "clinic", "morgue"})
TAKEN = ("taken", "rushed", "admitted", "brought", "transferred", "sent", "airlifted")
CARE_VERBS = frozenset({"treated", "airlifted"})
NOT_AFTER = frozenset(
    {"said", "says", "would", "will", "called", "answered", "put", "denies", "mayor", "time"}
    | {"regime"}  # state media's "the Kiev regime": the government, not the city
    # "the Dnipro river"; "the Zaporizhzhia nuclear plant" (in Enerhodar: a nuclear plant is
    # named after its region, not the town it stands in)
    | {"river", "nuclear"}
)
# A place after "from" (with no "at"/"on" or hit verb between) is where the weapon came from:
# "fired from Russia's Belgorod region", "launched from Primorsko-Akhtarsk, Millerovo and Crimea".
LAUNCH_FROM = frozenset({"from"})
AIM_PREPS = frozenset({"at", "on", "against", "towards", "toward", "into", "targeting"})
# "Kh-22s launched over the Tula region", "bombers flying over the Caspian Sea".
LAUNCH_OVER = frozenset(
    {"launched", "fired", "flying", "bombers", "aircraft", "jets", "ships", "planes", "airspace"}
)
_LAUNCH_WINDOW = 14
# A place as the subject of a passive hit: "Kherson was shelled", "Sumy was again struck",
# "Izium came under fire" (not the pluperfect "had been hit", mostly an earlier attack recalled).
SUBJECT_HIT = re.compile(
    # "Zaporizhzhia city was hit by guided bombs": the city named with its noun after it
    r"(?:(?:city|town)\s+)?(?:came\s+under\b|(?:was|were)\s+(?:(?:already|also|again|reportedly)\s+)?"
    r"(?:hit|struck|attacked|shelled)\b)"
)
# A place (or a list of them) as the subject of a passive hit: "The Khmelnytskyi, Sumy and
# Odesa regions were also attacked", "The Sumy region suffered damage".
SUBJECT_VERBS = frozenset({"hit", "struck", "attacked", "shelled", "targeted", "damaged", "bombed"})
SUBJECT_ADVERBS = frozenset({"also", "again", "reportedly", "too", "likewise", "repeatedly"})
CAPITAL_TRIGGERS = frozenset(
    # "drones attacked the capital overnight": the defender's capital, as "over the capital"
    {"over", "on", "in", "for", "towards", "of", "at", "attacked", "struck", "targeted", "pounded"}
    | {"hit", "hitting", "striking", "targeting", "attacking", "shelled"}
)
# "the city" after these is the city the text has just named or its dateline names
# ("ODESA - Russian drones struck the city's port"; "23 injured in the city").
CITY_TRIGGERS = frozenset(
    {"over", "on", "in", "at", "attacked", "struck", "targeted", "pounded", "shelled"}
    | {"hit", "hitting", "striking", "targeting", "attacking"}
)
_CITY_NOUNS = frozenset({"city", "town"})
_GENERIC_NOUNS = frozenset(
    {"plant", "factory", "works", "enterprise", "company", "group", "rockets", "missiles"}
)
# Words before a capital's name where it is the city, not its government ("struck Kyiv").
_CAPITAL_PREV = HIT_PREPS | HIT_VERBS | SUBJECT_VERBS | {"city", "of"}
# Words before a city's name where the name is the city ("in Kyiv", "struck Odesa", ". Kyiv"),
# even after a capitalised word ("Speaking in Kyiv", "Monday. Kyiv"); otherwise a name after a
# capitalised word is a surname ("Andriy Sadovyi").
_CITY_PREV = _CAPITAL_PREV | {"town", "and", ",", ".", "-"}


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place the clause reports as hit or attacked."""

    place: PlaceRef
    span: tuple[int, int]
    care: bool = False  # where the hurt were taken ("taken to a hospital in Dnipro")


def _region_follows(doc: Doc, end: int) -> bool:
    low = doc_tokens(doc).lower
    return end < len(low) and low[end] in REGION_WORDS


# Words of a list of places ("from Primorsko-Akhtarsk, Cape Chauda in Crimea and the Kursk
# region"): they do not count towards the window back to "from", however long the list.
_LIST_WORDS = REGION_WORDS | {",", "and", "or", "the", "in", "of", "occupied", "'s", "’s"}
# Where weapons were downed is a place attacked: "- were destroyed over the Odesa region".
_DOWNED_WORDS = frozenset({"destroyed", "downed", "intercepted", "shot"})


_RUBBLE = frozenset({"rubble", "ruins", "debris", "wreckage", "remains"})


def _launch_site(doc: Doc, clause: TokenRange, start: int) -> bool:
    """Whether the place at `start` is where a weapon came from, not where it hit."""
    dt = doc_tokens(doc)
    toks, low = dt.toks, dt.lower
    steps = 0
    for k in range(start - 1, clause.start - 1, -1):
        tok = toks[k]
        w = low[k]
        if w in AIM_PREPS or w in HIT_VERBS or w in (";", "while", "but") or w in _DOWNED_WORDS:
            return False
        if w in ("-", "–", "—") and dt.space_after(k - 1):
            return False  # a dash with spaces closes an aside: "(launched from X) - hit Y"
        if not (w in _LIST_WORDS or tok.is_title or (w == "-" and not dt.space_after(k))):
            steps += 1
            if steps > _LAUNCH_WINDOW:
                return False
        if w in LAUNCH_FROM:
            if any(low[j] in _RUBBLE for j in range(k + 1, min(k + 4, start))):
                return False  # "pulled from the rubble of her home in Lviv": the place hit
            # "from 10:00 Moscow time" opens a time, not a launch site
            return not (k + 1 < len(toks) and toks[k + 1].text[:1].isdigit())
        if w == "over":
            j = k - 1
            if j >= clause.start and low[j] in LAUNCH_OVER:
                return True
    return False


# Single-word names in -skyi are city and oblast districts (Kyiv's Dniprovskyi, Podilskyi)
# except these cities; hyphenated cities (Bilhorod-Dnistrovskyi) are never caught.
_SKYI_CITIES = frozenset({"Khmelnytskyi", "Kropyvnytskyi"})


def _district_name(name: str) -> bool:
    """A district's name, which the gazetteer files as a settlement ("Dniprovskyi")."""
    return (
        name.endswith(("skyi", "skyy", "skyj"))
        and " " not in name
        and "-" not in name
        and (name not in _SKYI_CITIES)
    )


def _context_ok(
    doc: Doc, clause: TokenRange, start: int, verbs: frozenset[str] = HIT_VERBS
) -> bool:
    """Whether the words before a place make it a place hit ("in", "over", "hit", ...)."""
    dt = doc_tokens(doc)
    low = dt.lower
    k = start - 1
    steps = 0
    while k >= clause.start and steps < 5:
        w = low[k]
        if w in NOT_BEFORE:
            return False
        if w in HIT_PREPS or w in verbs or w == ":":
            if k > clause.start and low[k - 1] in _NO_HIT_BEFORE_PREP:
                return False  # "the incursion into Russia's Kursk region": troops, not a hit
            return not (w == "of" and k > clause.start and low[k - 1] in NOT_BEFORE)
        if w in BRIDGE or dt.toks[k].is_space:
            k -= 1
            steps += 1
            continue
        if w in ("'s", "’s") and k - 1 >= clause.start and low[k - 1] in _STATES:
            k -= 2  # "in Russia's Bryansk region", "over Ukraine's Sumy region"
            steps += 1
            continue
        return False
    return False


_STATES = frozenset({"russia", "ukraine"})
#: Words naming a side, which no first name is followed by ("overnight in Kherson Russian
#: troops shelled", as Russian and Ukrainian word order puts it).
_STATE_WORDS = frozenset({"russian", "ukrainian", "russia", "ukraine"})


def _care_place(doc: Doc, clause: TokenRange, start: int) -> bool:
    """Whether the place at `start` follows "taken to hospital in" or "treated in"."""
    low = doc_tokens(doc).lower
    k = start - 1
    while k > clause.start and low[k] in BRIDGE and low[k] != "of":
        k -= 1
    return k > clause.start and low[k] in HIT_PREPS and _cared_for(doc, clause, k)


def _cared_for(doc: Doc, clause: TokenRange, k: int) -> bool:
    """The preposition at k follows "to (a) hospital" or a care verb: where the hurt went."""
    dt = doc_tokens(doc)
    low = dt.lower
    back = [low[j] for j in range(max(clause.start, k - 6), k)]
    for j in range(k - 1, max(clause.start, k - 6) - 1, -1):  # "treated, three of them in X"
        if low[j] in CARE_VERBS:
            return True
        if not (low[j] in (",", "of", "them", "whom") or dt.toks[j].like_num):
            break
    # "taken to (a) hospital in Dnipro", not "damage to a hospital in Sumy"
    if not back or back[-1] not in CARE_WORDS:
        return False
    words = [w for w in back[:-1] if w not in ("a", "the")]
    return words[-2:] in ([w, "to"] for w in TAKEN)


def places_hit(
    doc: Doc,
    clause: TokenRange,
    attacker: str | None,
    report: bool = False,
    also: frozenset[str] = frozenset(),
) -> list[PlaceHit]:
    """Places in `clause` that are reported hit, with region lists distributed; `report`
    reads a progressive verb as a hit too ("kept shelling Kherson"); `also`: more verbs that
    put a place after them ("not to strike Kyiv", for a pledge's scope)."""
    verbs = HIT_VERBS | PROGRESSIVE_HITS if report else HIT_VERBS
    if also:
        verbs = verbs | also
    idx = place_index()
    dt = doc_tokens(doc)
    toks, low, n_toks = dt.toks, dt.lower, len(dt.toks)
    spans = [s for s in marks(doc, PLACES_KEY) if clause.start <= s.start and s.end <= clause.end]
    spans = [s for s in spans if s.text[:1].isupper()]
    out: list[PlaceHit] = []
    # group "the Kherson, Poltava and Sumy regions" so the region word applies to all
    groups: list[list[Mark]] = []
    for s in spans:
        if groups:
            prev = groups[-1][-1]
            between = low[prev.end : s.start]
            listed = len(between) <= 2 and all(w in (",", "and", "or") for w in between)
            if listed and not _region_follows(doc, prev.end):
                groups[-1].append(s)
                continue
        groups.append([s])
    last_end = -1
    for group in groups:
        last = group[-1]
        if last.end < n_toks and low[last.end] in ("districts", "raions"):
            continue  # "the Dniprovskyi and Darnytskyi districts of Kyiv"
        as_region = _region_follows(doc, last.end)
        plural = as_region and low[last.end] in ("regions", "oblasts", "provinces")
        if as_region and not plural and len(group) >= 2 and group[0].start > clause.start:
            group = group[:-1]  # "Yahotyn, Kyiv region": the region only locates the town
            as_region = False
        gap = low[last_end : group[0].start] if last_end >= 0 else None
        chained = gap is not None and all(w in (",", "and", "or") or w in REGION_WORDS for w in gap)
        first_ok = chained or _context_ok(doc, clause, group[0].start, verbs)
        first_ok = first_ok or _target_follows(doc, group[-1].end)
        first_ok = first_ok or (as_region and _subject_of_hit(doc, group[-1].end + 1))
        # "the Myropillia, Khotin and Yunakivka communities came under fire": each one hit
        communities = last.end < n_toks and low[last.end] in _COMMUNITIES
        first_ok = first_ok or (communities and _subject_of_hit(doc, last.end + 1))
        head = _list_head(doc, clause, group[0].start)
        first_ok = first_ok or head is not None
        # "Zhuravlevka, Golovchino and Novaya Tavolzhanka were shelled": every town listed
        first_ok = first_ok or (len(group) >= 2 and _subject_of_hit(doc, last.end))
        for n, s in enumerate(group):
            region = _region_follows(doc, s.end) or (plural and n < len(group) - 1)
            region = region or head in REGION_WORDS
            nxt = low[s.end] if s.end < n_toks else ""
            if nxt in DISTRICT_WORDS:
                continue
            if nxt in ("'s", "’s") and not _owns_hit(doc, s.end + 1):
                continue
            if nxt in NOT_AFTER:
                continue
            if (
                not region
                and s.end < n_toks
                and toks[s.end].is_title
                and nxt not in REGION_WORDS
                and nxt not in _STATE_WORDS
            ):
                continue  # a first name: "Volodymyr Zelensky" (not "in Kherson Russian troops")
            if _launch_site(doc, clause, s.start) or _speakers_place(doc, clause, s):
                continue
            if _reference_point(doc, clause, s.start):
                continue
            ok = first_ok or _context_ok(doc, clause, s.start, verbs)
            tail = dt.span_text(s.end, min(n_toks, s.end + 6)).lower()
            if not ok and SUBJECT_HIT.match(tail):
                ok = True
            if not ok and _target_follows(doc, s.end + (1 if region else 0)):
                ok = True
            if not ok and region and s.start > clause.start and low[s.start - 1] != "governor":
                ok = low[s.start - 1] in (",", "and", "the") and s.start - 1 > clause.start
            if not ok:
                continue
            ref = idx.lookup(s.text, region)
            if ref is not None and not region and _district_name(ref.name):
                continue
            if ref is not None:
                end = s.end + 1 if region and _region_follows(doc, s.end) else s.end
                last_end = end
                sp = (s.start_char, toks[end - 1].idx + len(toks[end - 1].text))
                out.append(PlaceHit(ref, sp, _care_place(doc, clause, s.start)))
    out.extend(_capital(doc, clause, attacker))
    out.extend(_the_city(doc, clause, attacker))
    out.extend(_named_settlement(doc, clause, {h.span[0] for h in out}))
    return out


# Where someone speaks is not a place hit: "Speaking in Kyiv, the president said ...",
# "told reporters in Kyiv". A capital after the state's officials stands for its government
# ("officials in Kyiv say 9 in 10 drones are downed"); a city's own officials tell its hits
# ("regional officials in Odesa reported two dead"), so only the capitals are read so.
_SPEAKING = frozenset(
    {"speaking", "spoke", "speech", "reporters", "journalists", "conference", "briefing"}
)
_SPEAKERS = frozenset(
    {"officials", "authorities", "leaders", "diplomats", "sources", "analysts", "observers"}
)
_CAPITALS = frozenset({"Kyiv", "Kiev", "Moscow"})
_LOCAL = frozenset({"city", "regional", "local", "municipal", "military"})
_SPEECH = frozenset(
    {"say", "says", "said", "told", "believe", "believes", "estimate", "reported", "warn"}
    | {"warned", "claim", "claimed", "insist", "insisted", "argue", "argued", "fear", "feared"}
)


def _speakers_place(doc: Doc, clause: TokenRange, s: Mark) -> bool:
    """Whether the place `s` is where the speakers are, not a place hit."""
    low = doc_tokens(doc).lower
    k = s.start - 1
    if k - 1 < clause.start or low[k] != "in":
        return False
    prev = low[k - 1]
    if prev in _SPEAKING:
        return True
    if prev not in _SPEAKERS or s.text not in _CAPITALS:
        return False
    if k - 2 >= clause.start and low[k - 2] in _LOCAL:
        return False
    after = low[s.end : min(clause.end, s.end + 3)]
    return any(w in _SPEECH for w in after)


# Nouns that a list of places can spell out: "over 13 regions - Kharkiv, Poltava, ...",
# "nine communities came under fire, among them Khotin, Yunakivka, ...".
LIST_HEADS = REGION_WORDS | {"communities", "settlements", "cities", "towns", "villages"}
_COMMUNITIES = frozenset({"communities", "community", "hromadas", "hromada", "villages"})


def _list_head(doc: Doc, clause: TokenRange, start: int) -> str | None:
    """The noun a list of places at `start` spells out, after a dash, a colon or "among them"."""
    low = doc_tokens(doc).lower
    k = start - 1
    if k - 1 >= clause.start and low[k] in ("-", "–", "—", ":"):
        w = low[k - 1]
        return w if w in LIST_HEADS else None
    if k - 2 >= clause.start and low[k] == "them" and low[k - 1] == "among":
        for j in range(k - 2, max(clause.start, k - 12) - 1, -1):
            if low[j] in LIST_HEADS:
                return low[j]
    return None


def _subject_of_hit(doc: Doc, i: int) -> bool:
    """The words after a place say it was hit: "were (also) attacked", "suffered damage"."""
    low = doc_tokens(doc).lower
    while i < len(low) and low[i] in SUBJECT_ADVERBS:
        i += 1
    if i + 1 >= len(low):
        return False
    w, nxt = low[i], low[i + 1]
    if w in ("was", "were", "has", "have", "had"):
        while i + 1 < len(low) and low[i + 1] in SUBJECT_ADVERBS | {"been"}:
            i += 1
        return i + 1 < len(low) and low[i + 1] in SUBJECT_VERBS
    return (w == "came" and nxt in ("under",)) or (w == "suffered" and nxt in ("damage", "strikes"))


def _owns_hit(doc: Doc, i: int) -> bool:
    """After "Kyiv's": a district of the city or a civilian target, so the city itself was hit.

    "struck Kyiv's Shevchenkivskyi district", "missiles at Odesa's sea port"; not "Kyiv's
    military administration" or "Ukraine's air force".
    """
    dt = doc_tokens(doc)
    for k in range(i, min(len(dt.toks), i + 4)):
        if dt.lower[k] in DISTRICT_WORDS:
            return True
        if not (dt.toks[k].is_title or dt.toks[k].is_alpha):
            return False
    for s in marks(doc, TARGETS_KEY):
        if i <= s.start <= i + 2:
            return s.label_ not in ("military", "government")
        if s.start > i + 2:
            break
    return False


def _target_follows(doc: Doc, i: int) -> bool:
    """A target noun right after the place: "the Burshtyn thermal power plant"."""
    for s in marks(doc, TARGETS_KEY):
        if s.start in (i, i + 1) and s.label_ in ("energy", "industrial", "military"):
            return True
        if s.start > i + 3:
            break
    return False


def _capital(doc: Doc, clause: TokenRange, attacker: str | None) -> list[PlaceHit]:
    if attacker not in ("RU", "UA"):
        return []
    dt = doc_tokens(doc)
    if "capital" not in dt.span_text(clause.start, clause.end).lower():
        return []  # most clauses: no token walk
    low = dt.lower
    name = "Kyiv" if attacker == "RU" else "Moscow"
    ref = place_index().lookup(name, False)
    out: list[PlaceHit] = []
    for tok in dt.toks[clause.start : clause.end]:
        named = tok.lower_ == "capital" and tok.i >= 2 and low[tok.i - 1] == "the"
        if named and low[tok.i - 2] in CAPITAL_TRIGGERS and ref is not None:
            out.append(PlaceHit(ref, (tok.idx, tok.idx + len(tok))))
    return out


# "a village near Nizhyn": the unnamed village was hit, the town only locates it.
_SMALL_PLACES = frozenset(
    {"village", "villages", "community", "communities", "settlement", "settlements", "hamlet"}
)
_NEAR_WORDS = frozenset({"near", "outside"})


def _reference_point(doc: Doc, clause: TokenRange, start: int) -> bool:
    """Whether the place at `start` only locates an unnamed village: "a village near Stryi"."""
    low = doc_tokens(doc).lower
    k = start - 1
    if k >= clause.start and low[k] == "to" and k - 1 >= clause.start and low[k - 1] == "close":
        k -= 1
    elif k < clause.start or low[k] not in _NEAR_WORDS:
        return False
    return k - 1 >= clause.start and low[k - 1] in _SMALL_PLACES


def _city_before(doc: Doc, i: int, attacker: str | None) -> PlaceRef | None:
    """The settlement named last before token `i` (a dateline's "ODESA" too), if any, on the
    side `attacker` strikes; not a first name ("Vladimir Putin") nor a plant's ("the Artem
    plant")."""
    idx = place_index()
    dt = doc_tokens(doc)
    sides = ("UA",) if attacker == "RU" else ("UA", "RU")
    found: PlaceRef | None = None
    for m in marks(doc, PLACES_KEY):
        if m.start >= i:
            break
        if _region_follows(doc, m.end) or not m.text[:1].isupper():
            continue
        if m.end < len(dt.toks) and (dt.toks[m.end].is_title or _target_follows(doc, m.end)):
            continue
        nxt = dt.lower[m.end] if m.end < len(dt.toks) else ""
        if nxt in _GENERIC_NOUNS or nxt in DISTRICT_WORDS or nxt == "regional":
            continue
        prev = dt.lower[m.start - 1] if m.start > 0 else "\n"
        before = dt.toks[m.start - 1] if m.start > 0 else None
        first_name = before is not None and before.is_title and before.is_alpha
        told = m.text.isupper() or prev.isspace() or prev in _CITY_PREV or not first_name
        if m.text in _CAPITALS and not m.text.isupper():
            # "It accused Kyiv of ...", "Moscow said": the capital stands for its government
            told = prev in _CAPITAL_PREV
        ref = idx.lookup(m.text, False) if told else None
        if ref is not None and _district_name(ref.name):
            continue
        if ref is not None and ref.kind == "settlement" and ref.country in sides:
            found = ref
    return found


def _the_city(doc: Doc, clause: TokenRange, attacker: str | None) -> list[PlaceHit]:
    """ "The city" hit: the city named just before it, or the dateline's ("KYIV - ... 23 were
    injured in the city"); not "the city of Lviv" (the name follows) nor "the city's mayor"."""
    dt = doc_tokens(doc)
    text = dt.span_text(clause.start, clause.end).lower()
    if "the city" not in text and "the town" not in text:
        return []  # most clauses: no token walk
    low = dt.lower
    out: list[PlaceHit] = []
    for k in range(max(clause.start, 2), clause.end):
        if low[k] not in _CITY_NOUNS or low[k - 1] != "the":
            continue
        nxt = low[k + 1] if k + 1 < len(low) else ""
        if nxt == "of":
            continue
        if nxt in ("'s", "’s"):
            ok = _owns_hit(doc, k + 2)
        else:
            ok = low[k - 2] in CITY_TRIGGERS and k - 2 >= clause.start
        ref = _city_before(doc, k, attacker) if ok else None
        if ref is not None:
            tok = dt.toks[k]
            out.append(PlaceHit(ref, (tok.idx, tok.idx + len(tok.text))))
    return out


def _named_settlement(doc: Doc, clause: TokenRange, seen: set[int]) -> list[PlaceHit]:
    """Unknown capitalised names after "the village/town of": places by construction."""
    out: list[PlaceHit] = []
    dt = doc_tokens(doc)
    low = dt.span_text(clause.start, clause.end).lower()
    if not any(f"{w} of " in low for w in ("village", "town", "city", "settlement")):
        return out  # most clauses: no token walk
    for tok in dt.toks[clause.start : clause.end]:
        if tok.lower_ in ("village", "town", "city", "settlement") and tok.i + 2 < clause.end:
            of, name = dt.toks[tok.i + 1], dt.toks[tok.i + 2]
            fresh = of.lower_ == "of" and name.is_title and name.idx not in seen
            if fresh and place_index().lookup(name.text, False) is None:
                ref = PlaceRef(name.text, "settlement", None, "UA")
                out.append(PlaceHit(ref, (name.idx, name.idx + len(name))))
    return out


def targets_named(
    doc: Doc, clause: TokenRange, hit: bool = False
) -> list[tuple[str, tuple[int, int]]]:
    """Target categories named in `clause`, skipping negated or blocked mentions; with `hit`
    (a strike's targets), also the buildings it names for another role (see `_not_hit`)."""
    blocked = [
        (s.start, s.end)
        for s in marks(doc, BLOCKERS_KEY)
        if clause.start <= s.start and s.end <= clause.end
    ]
    out: list[tuple[str, tuple[int, int]]] = []
    for s in marks(doc, TARGETS_KEY):
        if not (clause.start <= s.start and s.end <= clause.end):
            continue
        if any(a < s.end and s.start < b for a, b in blocked):
            continue
        before = set(doc_tokens(doc).lower[max(clause.start, s.start - 2) : s.start])
        if before & {"no", "not", "without", "denied"}:
            continue
        if hit and _not_hit(doc, clause, s):
            continue
        out.append((s.label_, (s.start_char, s.end_char)))
    return out


# Words that may stand between a governing word and the target it governs: "next to the two
# five-storey blocks", "to the city's hospitals", "head of the regional administration".
_TARGET_BRIDGE = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "city's",
        "town's",
        "local",
        "nearby",
        "two",
        "three",
        "several",
        "other",
        "'s",
        "’s",
        "all",
        "regional",
        "central",
        "main",
        "city",
        "district",
        "big",
        "large",
        "small",
        "busy",
        "crowded",
        "children's",
    }
)
# Merely near: "landed next to a school", "a crater near the hospital".
_NEAR = frozenset({"beside", "nearby"})
_NEAR_TWO = frozenset({("next", "to"), ("close", "to"), ("far", "from"), ("vicinity", "of")})
# Where people go or are taken, or come from: "taken to the city's hospitals", "heading to
# church", "walking from the churches", "grain from Ukrainian ports".
_MOTION = frozenset(
    {
        "taken",
        "rushed",
        "admitted",
        "brought",
        "transferred",
        "moved",
        "evacuated",
        "sent",
        "airlifted",
        "heading",
        "going",
        "walking",
        "returning",
        "driving",
        "travelling",
        "traveling",
        "way",
        "carry",
        "carrying",
        "delivered",
        "hospitalised",
        "hospitalized",
    }
)
# A person's or a body's title: "the head of the regional administration", "a representative
# of the medical facility", "a spokesman for the hospital".
_TITLES = frozenset(
    {
        "head",
        "heads",
        "chief",
        "director",
        "representative",
        "representatives",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "staff",
        "doctors",
        "workers",
        "employees",
        "governor",
        "mayor",
        "rector",
        "principal",
        "management",
        "administration",
    }
)
# Another attack named as a reason or a pledge's scope: "for Monday's attack on the Crimean
# bridge", "an order to halt strikes on energy facilities".
_ATTACK_NOUNS = frozenset({"attack", "attacks", "strike", "strikes", "raid", "raids", "shelling"})
_REASON = frozenset({"for", "to", "after", "since", "following", "retaliation", "response"})
_HALT = frozenset(
    {
        "halt",
        "halting",
        "stop",
        "stopping",
        "pause",
        "paused",
        "end",
        "ending",
        "ban",
        "moratorium",
        "ceasefire",
        "truce",
        "refrain",
        "suspend",
        "suspension",
        "no",
    }
)
# A side's armed forces, not a military site: "in the interests of the Ukrainian military,".
_FORCES_BEFORE = frozenset(
    {"the", "ukrainian", "russian", "ukraine's", "russia's", "its", "their", "kyiv's"}
)
_FORCES_AFTER = frozenset(
    {
        ",",
        ".",
        ";",
        ":",
        "said",
        "says",
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "did",
        "does",
        "in",
        "of",
        "to",
        "for",
        "on",
        "at",
        "from",
        "with",
        "by",
        "that",
        "which",
        "who",
        "would",
        "will",
        "could",
        "reported",
        "claimed",
        "denied",
    }
)


def _not_hit(doc: Doc, clause: TokenRange, s: Mark) -> bool:
    """Whether the target `s` is named for another role than being hit: merely near the hit,
    where the hurt were taken, a title, another attack's or a pledge's target, the armed
    forces as a body, or an arsenal as a stock."""
    dt = doc_tokens(doc)
    low = dt.lower
    k = s.start - 1
    while k > clause.start and (low[k] in _TARGET_BRIDGE or dt.toks[k].is_title):
        k -= 1  # over articles, possessives and names: "on the Kerch bridge"
    gov = low[k] if k >= clause.start else ""
    prev = low[k - 1] if k - 1 >= clause.start else ""
    if gov in _NEAR or (prev, gov) in _NEAR_TWO:
        return True
    if gov in ("to", "from", "towards") and (prev in _MOTION or gov == "from"):
        return True
    if gov in ("of", "for", "at") and prev in _TITLES:
        return True
    if gov in ("on", "against") and prev in _ATTACK_NOUNS:
        lead = set(low[max(clause.start, k - 6) : k - 1])
        if lead & (_REASON | _HALT):
            return True
    word = low[s.start]
    if s.label_ == "residential" and _left_without(low, s.end, clause.end):
        return True  # "350,000 homes in the capital without power": an outage's reach
    if s.end - s.start == 1 and word == "military" and s.start > clause.start:
        after = low[s.end] if s.end < len(low) else "."
        if low[s.start - 1] in _FORCES_BEFORE and after in _FORCES_AFTER:
            return True
    return word == "arsenal" and low[s.start - 1] in ("'s", "’s", "its", "their")


_UTILITIES = frozenset(
    {"power", "electricity", "water", "heating", "heat", "gas", "light", "lights", "supply"}
)


def _left_without(low: list[str], end: int, clause_end: int) -> bool:
    """Whether the buildings ending at `end` are told as left without a utility ("homes in the
    capital without power", "high-rises without heating"), not as hit."""
    for k in range(end, min(clause_end - 1, end + 6)):
        if low[k] in (",", ";", "."):
            return False
        if low[k] == "without":
            nxt = low[k + 1 : k + 3]
            return any(w in _UTILITIES for w in nxt)
    return False


# An official's region or city stands for "the region" or "the city" in what the official
# says: "Sumy regional governor Oleh Hryhorov said guided bombs had fallen on communities in
# the region", "Kharkiv mayor Ihor Terekhov said a drone had struck a kindergarten in the city".
_THE_REGION = re.compile(
    r"\b(?:in|on|across|over|throughout|at|attacked)\s+the\s+(region|city)\b|"
    r"\bthe\s+(region|city)(?:'s|’s)",
    re.I,
)
_NAME = r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
_OFFICIALS = {
    "region": re.compile(
        rf"\b{_NAME}\s+(?:[Rr]egion(?:al)?\s+|[Oo]blast\s+)?"
        r"(?:[Gg]overnor|(?:[Mm]ilitary\s+)?[Aa]dministration\s+(?:head|chief))\b|"
        rf"\b(?:[Gg]overnor|head)\s+of\s+the\s+{_NAME}\s+(?:[Rr]egion(?:al)?|[Oo]blast)\b"
    ),
    "city": re.compile(rf"\b{_NAME}\s+(?:city\s+)?[Mm]ayor\b|\b[Mm]ayor\s+of\s+{_NAME}\b"),
}


def officials_region(text: str, clause_start: int, clause_end: int) -> PlaceHit | None:
    """The region (or city) of the official last named before or in a clause that says "the
    region" ("the city") and names no place of its own, as the place hit."""
    told = _THE_REGION.search(text, clause_start, clause_end)
    if told is None:
        return None
    word = (told.group(1) or told.group(2)).lower()
    ref = None
    for m in _OFFICIALS[word].finditer(text, 0, clause_end):
        name = m.group(1) or m.group(2)
        ref = place_index().lookup(name, word == "region") or ref
    if ref is None:
        return None
    at = told.start(1) if told.group(1) else told.start(2)
    return PlaceHit(ref, (at, at + len(word)))
