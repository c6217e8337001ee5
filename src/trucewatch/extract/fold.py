"""Case-insensitive regexes run as plain ones on lowercased text, which `re` does much faster.

A pattern is run only when the text holds one of the words every match of it must hold (read
from the pattern once, `needs`): a pattern opening on \\b or an alternation gets no fast scan
from `re`, and most clauses hold none of most patterns' words. A pattern that is one long
alternation is run with only the alternatives whose words the text holds (`_Branches`): `re`
tries every alternative at every position, and the others cannot match anywhere in it.
"""

from __future__ import annotations

import re
import re._compiler as sre_compiler  # type: ignore[import-not-found]
import re._constants as sre_c  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator
from typing import Any

__all__ = ["Folded", "Gate", "fold_of", "folded", "holds", "needs"]

_FOLD_UNSAFE = frozenset("ıſİ")  # re.I matches these to ASCII letters; lower() does not
# The characters `folded` has found safe (all of ASCII to begin with): each is judged once.
_FOLD_SAFE: set[str] = {chr(i) for i in range(128)}
# Keyed by id(): a Pattern hashes and compares by its whole compiled code, microseconds a lookup.
# Each entry keeps its pattern alive, so no other object takes its id while it is here.
# The entry: the pattern, it without re.I, the words one of which its every match holds, and
# its alternatives with their words (see `_branches`).
_PLAIN: dict[int, _Entry] = {}

# A pattern of the form prefix (alt1|alt2|...) suffix, parsed: the ops before the alternation,
# its alternatives, the ops after it, the tree; every word an alternative needs, with the
# alternatives that need it as a bit mask (bit i: alternative i), in the same order; the mask
# of the alternatives that need none, and that of all of them.
_Branches = tuple[list[Any], list[Any], list[Any], Any, tuple[str, ...], tuple[int, ...], int, int]
# The same gates as bits (`_Bits`): None when a word holds a space (the entry is run the slow way).
_Entry = tuple[
    re.Pattern[str], re.Pattern[str], tuple[str, ...] | None, _Branches | None, "_Bits | None"
]
_MIN_ALTERNATIVES = 4  # fewer: the alternation costs little to try
# The pattern compiled with some of its alternatives, by (id of the whole, mask of those kept).
_SUBSETS: dict[tuple[int, int], re.Pattern[str]] = {}
_SUBSETS_LIMIT = 4096

# The word gates as bits, so that a text is read for them once, not once a pattern: each word
# of a gate has a bit (`_WORD_BIT`), each whitespace-free run of a text the bits of the words
# it holds (`_TOKEN_BITS`), and a text the bits of its runs. A word without whitespace is in a
# text exactly when it is in one of the text's runs (`str.split`, whitespace as `isspace`).
# An entry's bits: those of its words (None: no word gate), of its alternatives' words (None:
# not an alternation), and the pattern run for each set of the latter the text holds.
_Bits = tuple[int | None, int | None, dict[int, re.Pattern[str] | None]]
_WORD_BIT: dict[str, int] = {}
_TOKEN_BITS: dict[str, int] = {}
_TOKEN_BITS_LIMIT = 1 << 17
_RUNS_LIMIT = 4096
# Bumped when a word is given a bit: the bits of texts read before then lack it.
_generation = 0
_shortest = 1 << 30  # the lengths of the words that have bits
_longest = 0

#: What a text must hold for a pattern to match in it: one of some words, or a match of a regex.
Gate = tuple[str, ...] | re.Pattern[str]


def holds(low: str, gate: Gate) -> bool:
    """Whether the lowercased text `low` holds one of the words of `gate` (or a match of it)."""
    if isinstance(gate, tuple):
        for w in gate:  # noqa: SIM110 - a loop: any() costs more on these few words
            if w in low:
                return True
        return False
    return gate.search(low) is not None


def folded(text: str) -> str | None:
    """`text.lower()` when a plain match on it finds what re.I finds in `text`, else None.

    Offsets carry over: lower() keeps the length and the word characters of safe texts.
    """
    low = text.lower()
    if text.isascii():
        return low
    if len(low) != len(text):
        return None
    for c in set(text).difference(_FOLD_SAFE):
        if c in _FOLD_UNSAFE or c.isalnum() != c.lower().isalnum():
            return None
        _FOLD_SAFE.add(c)
    return low


# Words: sets of literal strings one of which a match must hold; None: no such set is known.
_Words = frozenset[str] | None
_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT)
_MAX_WORDS = 40  # more words than this cost more to look for than the regex saves


def _better(a: _Words, b: _Words) -> _Words:
    """The stronger of two word sets: longer shortest word, then fewer words."""
    if a is None:
        return b
    if b is None:
        return a
    ka = (min(map(len, a)), -len(a))
    kb = (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _seq_words(items: Any) -> _Words:
    """The words a match of the sequence `items` (parsed ops) must hold one of."""
    best: _Words = None
    run: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        got: _Words = None
        if op is sre_c.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if not (add_flags | del_flags) & re.I:
                got = _seq_words(sub.data if hasattr(sub, "data") else sub)
        elif op is sre_c.ATOMIC_GROUP:
            got = _seq_words(av.data if hasattr(av, "data") else av)
        elif op is sre_c.BRANCH:
            got = _branch_words(av[1])
        elif op in _REPEATS and av[0] >= 1:
            sub = av[2]
            got = _seq_words(sub.data if hasattr(sub, "data") else sub)
        best = _better(best, got)
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


def _branch_words(alternatives: Any) -> _Words:
    words: set[str] = set()
    for alt in alternatives:
        got = _seq_words(alt.data if hasattr(alt, "data") else alt)
        if got is None:
            return None
        words |= got
    return frozenset(words)


def needs(pat: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of `pat` holds, as it is written (case and all);
    None when the pattern has no such few words (or its case rules differ inside it).

    Read from the parsed pattern: runs of literal characters in sequence, alternatives
    joined, repeats of at least one; lookarounds and optional parts need nothing.
    """
    if pat.flags & re.I:
        return None  # its words are found in any case: `in` cannot look for them
    try:
        parsed = sre_parse.parse(pat.pattern, pat.flags)
    except re.error:  # pragma: no cover - it compiled once already
        return None
    if parsed.state.flags & re.I:
        return None  # (?i) at its head
    return _fewest(_seq_words(parsed.data))


def _fewest(got: _Words) -> tuple[str, ...] | None:
    """The words as few as they go (none empty, at most `_MAX_WORDS`), or None."""
    if got is None or not all(got):
        return None
    # a word holding another is held whenever it is: keep the shorter
    out: list[str] = []
    for w in sorted(got, key=lambda w: (len(w), w)):
        if not any(o in w for o in out):
            out.append(w)
    return tuple(out) if len(out) <= _MAX_WORDS else None


def _branches(fast: re.Pattern[str]) -> _Branches | None:
    """The alternatives of a pattern that is one alternation (with ops before or after it),
    each with its words; None for other patterns and for patterns with groups (which a
    pattern of some of the alternatives would number otherwise)."""
    if fast.groups or fast.flags & re.I:
        return None
    try:
        parsed = sre_parse.parse(fast.pattern, fast.flags)
    except re.error:  # pragma: no cover - it compiled once already
        return None
    if parsed.state.flags & re.I:
        return None
    data = list(parsed.data)
    at = [i for i, (op, _) in enumerate(data) if op is sre_c.BRANCH]
    if len(at) != 1:
        return None
    alternatives = list(data[at[0]][1][1])
    if len(alternatives) < _MIN_ALTERNATIVES:
        return None
    words = [_fewest(_seq_words(alt.data if hasattr(alt, "data") else alt)) for alt in alternatives]
    if sum(w is not None for w in words) < _MIN_ALTERNATIVES:
        return None
    needing: dict[str, int] = {}
    for i, ws in enumerate(words):
        for w in ws or ():
            needing[w] = needing.get(w, 0) | 1 << i
    by_word = sorted(needing.items())
    free = sum(1 << i for i, ws in enumerate(words) if ws is None)
    return (
        data[: at[0]],
        alternatives,
        data[at[0] + 1 :],
        parsed,
        tuple(w for w, _ in by_word),
        tuple(m for _, m in by_word),
        free,
        (1 << len(alternatives)) - 1,
    )


def _runnable(entry: _Entry, low: str) -> re.Pattern[str] | None:
    """The pattern to run on the lowercased text `low` for `entry`: None when it cannot match
    there, else it with only the alternatives that can (it matches what the whole does: an
    alternative whose words `low` lacks matches at no position of it)."""
    _, fast, words, branches, _ = entry
    if words is not None:
        for w in words:  # a loop: any(map(...)) costs more on these few words
            if w in low:
                break
        else:
            return None
    if branches is None:
        return fast
    before, alternatives, after, parsed, by_word, masks, kept, every = branches
    for w, mask in zip(by_word, masks, strict=True):
        if w in low:
            kept |= mask
    if not kept:
        return None
    if kept == every:
        return fast
    key = (id(fast), kept)
    got = _SUBSETS.get(key)
    if got is None:
        if len(_SUBSETS) >= _SUBSETS_LIMIT:
            _SUBSETS.clear()
        chosen = [alt for i, alt in enumerate(alternatives) if kept >> i & 1]
        tree = sre_parse.SubPattern(parsed.state, [*before, (sre_c.BRANCH, (None, chosen)), *after])
        got = _SUBSETS[key] = sre_compiler.compile(tree, fast.flags)
    return got


def _bit(word: str) -> int:
    """The bit of `word`, given it when it has none yet."""
    global _generation, _shortest, _longest
    bit = _WORD_BIT.get(word)
    if bit is None:
        bit = _WORD_BIT[word] = 1 << len(_WORD_BIT)
        _generation += 1
        _TOKEN_BITS.clear()
        _shortest = min(_shortest, len(word))
        _longest = max(_longest, len(word))
    return bit


def _bits(words: tuple[str, ...] | None, branches: _Branches | None) -> _Bits | None:
    """An entry's gates as bits; None when a word is empty or holds whitespace (those are
    looked for with `in`, see `_runnable`)."""
    every = [*(words or ()), *(branches[4] if branches is not None else ())]
    if not all(w and not any(c.isspace() for c in w) for w in every):
        return None
    word_bits = None if words is None else sum({_bit(w) for w in words})
    branch_bits = None if branches is None else sum({_bit(w) for w in branches[4]})
    return word_bits, branch_bits, {}


def _token_bits(token: str) -> int:
    """The bits of the words `token` holds (each of its substrings as long as some word)."""
    get = _WORD_BIT.get
    shortest, longest, n = _shortest, _longest, len(token)
    bits = 0
    for i in range(n - shortest + 1):
        for j in range(i + shortest, min(n, i + longest) + 1):
            bit = get(token[i:j])
            if bit is not None:
                bits |= bit
    return bits


def _text_bits(low: str) -> int:
    """The bits of the words the lowercased text `low` holds."""
    cache = _TOKEN_BITS
    bits = 0
    for token in set(low.split()):
        got = cache.get(token)
        if got is None:
            got = _token_bits(token)
            if len(cache) >= _TOKEN_BITS_LIMIT:
                cache.clear()
            cache[token] = got
        bits |= got
    return bits


def _entry(pat: re.Pattern[str]) -> _Entry:
    entry = _PLAIN.get(id(pat))
    if entry is not None and entry[0] is pat:
        return entry
    src = pat.pattern
    bare = src.replace("(?P<", "").replace("(?P=", "")
    if not pat.flags & re.I or bare != bare.lower():
        raise ValueError(f"not a lowercase re.I pattern: {src[:40]!r}")
    got = re.compile(src, pat.flags & ~re.I)
    words, branches = needs(got), _branches(got)
    entry = (pat, got, words, branches, _bits(words, branches))
    _PLAIN[id(pat)] = entry
    return entry


def plain(pat: re.Pattern[str]) -> re.Pattern[str]:
    """The re.I pattern `pat` without re.I, for lowercased text (its source must be lowercase)."""
    return _entry(pat)[1]


class Folded:
    """A text with its folded form: search and finditer pick the fast way when they can."""

    __slots__ = ("bits", "generation", "low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = folded(text)
        self.bits = 0  # of the words `low` holds, read on the first gated search
        self.generation = -1  # the word bits' generation `bits` was read in

    def _run(self, entry: _Entry, low: str) -> re.Pattern[str] | None:
        """`_runnable(entry, low)`, its gates read from the bits of the words `low` holds."""
        gates = entry[4]
        if gates is None:
            return _runnable(entry, low)
        if self.generation != _generation:
            self.bits = _text_bits(low)
            self.generation = _generation
        word_bits, branch_bits, runs = gates
        bits = self.bits
        if word_bits is not None and not bits & word_bits:
            return None
        if branch_bits is None:
            return entry[1]
        key = bits & branch_bits  # the alternatives' words the text holds: what is kept
        if key in runs:
            return runs[key]
        got = _runnable(entry, low)
        if len(runs) >= _RUNS_LIMIT:
            runs.clear()
        runs[key] = got
        return got

    def search(self, pat: re.Pattern[str]) -> re.Match[str] | None:
        """`pat.search(text)`, spans alike (group texts lowercased on the fast way)."""
        low = self.low
        if low is None:
            return pat.search(self.text)
        entry = _PLAIN.get(id(pat))  # `_entry` inline: it is asked once a search
        if entry is None or entry[0] is not pat:
            entry = _entry(pat)
        run = self._run(entry, low)
        return None if run is None else run.search(low)

    def finditer(self, pat: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """`pat.finditer(text)`, spans alike (group texts lowercased on the fast way)."""
        low = self.low
        if low is None:
            return pat.finditer(self.text)
        entry = _PLAIN.get(id(pat))  # `_entry` inline: it is asked once a search
        if entry is None or entry[0] is not pat:
            entry = _entry(pat)
        run = self._run(entry, low)
        return iter(()) if run is None else run.finditer(low)


# The texts folded last, by text: a clause's text is searched by the cue readers, the date
# reader and the strike reader in turn, and each would lower it and read its gate words again.
_RECENT: dict[str, Folded] = {}
_RECENT_LIMIT = 64  # more than the clauses of a sentence and its neighbours


def fold_of(text: str) -> Folded:
    """`Folded(text)`, shared by the readers of one text (it is only read, never changed but
    for the gate bits, which depend on the text alone)."""
    got = _RECENT.get(text)
    if got is None:
        if len(_RECENT) >= _RECENT_LIMIT:
            _RECENT.clear()
        got = _RECENT[text] = Folded(text)
    return got
