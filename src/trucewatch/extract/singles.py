"""Weapons told one at a time: "a drone hit a bus ... a second drone hit the site" is two.

Local reports seldom give a launch figure; they tell each weapon as it struck ("an FPV drone
hit a car", "earlier a drone dropped explosives on a minibus"). Each weapon told with an
indefinite article is one more of them, so an attack's figure is the number of such
mentions. When the same attack also speaks of the weapons in the plural with no number
("drones flew into two buildings", "FPV drones and mortars were used"), the ones told
singly are only some of them and the text gives no figure, unless it counts them off
itself ("a second drone", "another missile").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trucewatch.extract.clauses import Clause
from trucewatch.extract.counts import Count
from trucewatch.extract.lexicon import lexicon
from trucewatch.extract.numbers import Qty

__all__ = ["ONE", "Singles"]

ONE = Qty(1, 1)
_RANKS = frozenset({"second", "third", "fourth", "fifth", "another"})
_NOT_ONE = frozenset({"attack", "attacks", "strike", "strikes", "raid", "wave", "debris", "alert"})
_PLURALS = {
    "drone": frozenset({"drones", "uavs", "shaheds", "gerans", "quadcopters", "lancets"}),
    "missile": frozenset({"missiles", "rockets"}),
}


@dataclass
class Singles:
    """The weapons one attack told one at a time, and whether it told them in the plural.

    `acting` holds the mentions of a weapon doing something ("a drone hit a car", "an FPV drone
    dropped explosives"), not those naming it ("identified as an Iskander", "matched a Buk
    missile"); `ordinal` the ones counted off ("a second drone", "another missile").
    """

    acting: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    ordinal: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    plural: set[str] = field(default_factory=set)

    def read(self, clause: Clause, counts: list[Count], facts: bool = True) -> None:
        """Note the single weapons and the uncounted plurals of one clause of the attack; a
        clause that tells nothing of it (no count, place or target) adds only the weapons it
        counts off ("a second drone hit the site"), its plurals being talk of weapons in
        general ("promises end with missiles and drones")."""
        if clause.headline:
            return
        counted: list[tuple[int, int]] = []
        for c in counts:
            if c.what not in _PLURALS:
                continue
            counted.append(c.span)
            if not c.weak or c.qty != ONE or c.partitive or c.role not in ("launched", "hit"):
                continue
            if _acting(clause, c):
                self.acting.setdefault(c.what, set()).add(c.span)
        for weapon, span in _ranked(clause):
            self.ordinal.setdefault(weapon, set()).add(span)
        for t in clause.toks if facts else ():
            for weapon, plurals in _PLURALS.items():
                if t.lower_ in plurals and not any(a <= t.idx < b for a, b in counted):
                    self.plural.add(weapon)

    def merge(self, other: Singles) -> None:
        """Add what `other` (more of the same attack) told."""
        for mine, theirs in ((self.acting, other.acting), (self.ordinal, other.ordinal)):
            for weapon, spans in theirs.items():
                mine.setdefault(weapon, set()).update(spans)
        self.plural |= other.plural

    def figure(self, weapon: str) -> tuple[Qty | None, list[tuple[int, int]]] | None:
        """The attack's figure for `weapon` from its single mentions, with their spans; None
        when they leave the one told as it is."""
        ordinal = self.ordinal.get(weapon, set())
        acting = self.acting.get(weapon, set())
        if weapon in self.plural and not ordinal:
            return None, []
        n = max(len(acting), 1 + len(ordinal) if ordinal else 0)
        if n < 2:
            return None
        return Qty(n, n), sorted(acting | ordinal)


_ACTS = frozenset(
    {"hit", "struck", "exploded", "slammed", "landed", "fell", "dropped", "attacked", "rammed"}
    | {"crashed", "flew", "detonated", "smashed", "tore"}
)
_ADVERBS = frozenset({"also", "then", "later", "again", "reportedly"})


def _acting(clause: Clause, c: Count) -> bool:
    """The single weapon of `c` is the subject of a verb of striking, not a name for one."""
    toks = clause.toks
    first = next((k for k, t in enumerate(toks) if t.idx >= c.span[0]), None)
    after = next((k for k, t in enumerate(toks) if t.idx >= c.span[1]), None)
    if first is None or after is None:
        return False
    if first > 0 and toks[first - 1].lower_ in ("as", "like"):
        return False  # "identified as an Iskander"
    while after < len(toks) and toks[after].lower_ in _ADVERBS:
        after += 1
    return after < len(toks) and toks[after].lower_ in _ACTS


def _ranked(clause: Clause) -> list[tuple[str, tuple[int, int]]]:
    """The weapons a clause counts off: "a second FPV drone hit the site", "another missile"
    (not "a second drone attack")."""
    lex = lexicon()
    toks = clause.toks
    out = []
    for k, t in enumerate(toks):
        w = t.lower_
        if w == "another":
            start = k + 1
        elif w in ("a", "an") and k + 1 < len(toks) and toks[k + 1].lower_ in _RANKS:
            start = k + 2
        else:
            continue
        for n in range(start, min(start + 3, len(toks))):
            noun = toks[n].lower_
            weapon = (
                "drone"
                if noun in lex.drone_nouns
                else "missile"
                if noun in lex.missile_nouns
                else None
            )
            if weapon is None:
                if not toks[n].is_alpha and toks[n].text != "-":
                    break
                continue
            after = toks[n + 1].lower_ if n + 1 < len(toks) else ""
            if noun not in _PLURALS[weapon] and after not in _NOT_ONE:
                out.append((weapon, (t.idx, toks[n].idx + len(toks[n].text))))
            break
    return out
