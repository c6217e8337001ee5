"""The weapon classes a clause names (contract v2 `weapons`), read from the lexicon's word lists."""

from __future__ import annotations

from collections.abc import Sequence

from trucewatch.extract.lexicon import Lexicon, lexicon
from trucewatch.extract.tokens import Tok
from trucewatch.model import WEAPON_CLASSES

__all__ = ["weapons_named"]

_GROUND_NOUNS = frozenset({"assault", "assaults", "attack", "attacks", "offensive", "operation"})
_CLUSTER_NOUNS = frozenset({"munitions", "munition", "shells", "rockets", "bombs"})
# A tank that stores something is no weapon: "an oil storage tank", "fuel tanks", "tank farm".
_STORE = frozenset(
    {"storage", "oil", "fuel", "water", "gas", "petrol", "diesel", "septic", "reservoir"}
)
# Drones as an industry, not as weapons used: "a meeting of drone makers".
_DRONE_TRADE = frozenset(
    {
        "maker",
        "makers",
        "manufacturer",
        "manufacturers",
        "producer",
        "producers",
        "production",
        "factory",
        "factories",
        "plant",
        "industry",
        "developers",
        "exhibition",
        "company",
        "companies",
        "workshop",
        "workshops",
    }
)
# Aircraft that bomb drop bombs: "Russian aircraft bombed Sumy", "jets dropped bombs".
_AIRCRAFT = frozenset(
    {
        "aircraft",
        "warplane",
        "warplanes",
        "jet",
        "jets",
        "aviation",
        "su-34",
        "su-34s",
        "su-35",
        "su-35s",
        "su-25",
        "bomber",
        "bombers",
        "planes",
    }
)
# Missiles that defend, not attack: "Patriot missiles", "interceptor missiles".
_DEFENDERS = frozenset(
    {
        "interceptor",
        "anti-aircraft",
        "air-defence",
        "air-defense",
        "surface-to-air",
        "patriot",
        "nasams",
        "iris-t",
        "anti-drone",
        "anti-missile",
        "anti-tank",
    }
)
# A weapon named as a threat, a warning or a defence: "a missile threat", "drone alert".
_NOT_USED = frozenset(
    {
        "threat",
        "threats",
        "alert",
        "alerts",
        "warning",
        "warnings",
        "danger",
        "defence",
        "defense",
        "defences",
        "defenses",
        "interceptor",
        "interceptors",
        "hunters",
        "shield",
    }
)
_BOMBING = frozenset({"bombed", "bombing", "bombs", "dropped", "dropping"})


def uav_phrase(words: Sequence[str], i: int) -> bool:
    """Word i ends "unmanned aerial vehicle(s)": a drone written out."""
    return words[i] in ("vehicle", "vehicles") and words[max(0, i - 2) : i] == [
        "unmanned",
        "aerial",
    ]


# The words `weapons_named` can read a weapon class from, by lexicon (its identity and it)
_NAMING: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _naming(lex: Lexicon) -> frozenset[str]:
    """Every word a weapon class is read from in `weapons_named`: a class word, a rocket or
    bomb noun, "vehicle(s)" ending "unmanned aerial vehicle", "ground" and "cluster"."""
    got = _NAMING.get(id(lex))
    if got is not None and got[0] is lex:
        return got[1]
    words = set().union(*(lex.weapon_classes[cls] for cls in WEAPON_CLASSES))
    words |= lex.weapon_cues["rocket_nouns"] | lex.weapon_cues["bomb_nouns"]
    words |= {"vehicle", "vehicles", "ground", "cluster"}
    _NAMING.clear()
    _NAMING[id(lex)] = (lex, frozenset(words))
    return frozenset(words)


def weapons_named(toks: Sequence[Tok]) -> list[str]:
    """Weapon classes the tokens name, in contract order.

    Rockets from multiple-launch systems (Grad, HIMARS) are artillery, other rockets missiles;
    bombs are glide bombs when a modifier says they fall from aircraft ("guided aerial bombs").
    """
    lex = lexicon()
    classes = lex.weapon_classes
    cues = lex.weapon_cues
    words = [t.lower_ for t in toks]
    found: set[str] = set()
    naming = _naming(lex)
    for i, w in enumerate(words):
        if w not in naming:
            continue  # no rule below reads a weapon from this word
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if _not_a_weapon(w, words[i - 1] if i else "", nxt):
            continue
        for cls in WEAPON_CLASSES:
            if w in classes[cls]:
                found.add(cls)
        before = words[max(0, i - 2) : i]
        if w in cues["rocket_nouns"]:
            found.add("artillery" if any(x in cues["mlrs"] for x in words) else "missiles")
        elif w in cues["bomb_nouns"] and any(x in cues["bomb_modifiers"] for x in before):
            found.add("glide_bombs")
        elif uav_phrase(words, i):
            found.add("drones")
        elif w == "ground" and i + 1 < len(words) and words[i + 1] in _GROUND_NOUNS:
            found.add("ground")
        elif w == "cluster" and i + 1 < len(words) and words[i + 1] in _CLUSTER_NOUNS:
            found.add("artillery")
    if _BOMBING & set(words) and _AIRCRAFT & set(words):
        found.add("glide_bombs")  # bombs dropped from aircraft
    if (
        "cluster" in words
        and "missiles" in found
        and not (set(words) & classes["artillery"] - {"cluster"})
    ):
        found.discard("artillery")  # a missile with a cluster warhead is still a missile
    return [cls for cls in WEAPON_CLASSES if cls in found]


def _not_a_weapon(word: str, before: str, after: str) -> bool:
    """A weapon word used for something else: a storage tank, the drone industry, the
    defenders' interceptors, a warning of a threat."""
    if word in ("tank", "tanks"):
        return before in _STORE or after in ("farm", "farms", "car", "cars", "truck", "trucks")
    if word in ("drone", "uav") and after in _DRONE_TRADE:  # a modifier: "drone makers"
        return True
    return before in _DEFENDERS or after in _NOT_USED
