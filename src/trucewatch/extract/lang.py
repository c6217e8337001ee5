"""Which language a text is in: English, Ukrainian or Russian, from its letters and words.

Cyrillic against Latin letters tells English. Ukrainian from Russian is told by the weight of
the evidence each word gives:

- letters only one language writes (Ukrainian і, ї, є, ґ and an apostrophe inside a word;
  Russian ы, э, ъ, ё);
- word shapes only one spells: Ukrainian "-ськ-", a doubled consonant before a final "я"
  ("знищення", "життя"), "ьо" ("сьогодні"); Russian "и" before a vowel ("Россия",
  "уничтожение", "Киев"), "-тся" ("считается");
- frequent small words only one uses ("що", "та", "й" against "что", "и", "к");
- the absence of і, ї and є from a text long enough to expect them;
- a word form one language's dictionary (pymorphy3's) knows and the other's does not: this
  reads a Russian sentence with none of the letters above ("В ночь на 3 февраля над Курской
  областью уничтожено 20 украинских беспилотников") as Russian, and a Ukrainian one without і
  ("Ворог атакував Одесу дронами") as Ukrainian.

The sample is read as a person reads it: letters in a Cyrillic word drawn like Latin ones
("Повiтрянi" typed with a Latin i) as the Cyrillic letters, soft hyphens, zero-width
characters and stress marks dropped ("дек\u00adабря", "а\u0301вгуста" are whole words), and
text in capitals ("МОСКВА, 6 ДЕКАБРЯ.") looked up as words (only short abbreviations such as
"ВСУ", "ЗСУ", which both dictionaries know, are left out).

When this leaves a close call, the words each language's gloss table reads decide ("ворог",
"вдарити" are read by the Ukrainian one only). With no evidence either way (a few words both
languages write) the text is read as Ukrainian.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["LANGUAGES", "detect_language"]

LANGUAGES = ("en", "uk", "ru")

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
# Letters only one of the two languages writes, and frequent words only one of them uses.
_UK_LETTERS = re.compile(r"[іїєґ]|(?<=[а-яіїєґ])['’ʼ′`](?=[а-яіїєґ])", re.I)
_RU_LETTERS = re.compile(r"[ыэъё]", re.I)
_UK_SHAPES = re.compile(r"ськ|(?:нн|тт|лл|сс|зз|чч|шш|жж|дд|цц)я(?![а-яіїєґ])|ьо(?!н)", re.I)
_RU_SHAPES = re.compile(r"и[еяюо]|(?<!ь)тся(?![а-яіїєґ])", re.I)
_UK_WORDS = re.compile(
    r"(?<!\w)(?:що|та|як|це|від|під|вночі|також|він|вона|було|були|й|його|її|із|зі)(?!\w)", re.I
)
# "и", "к" and "его" are not Ukrainian words (it writes "і"/"й", "до", "його")
_RU_WORDS = re.compile(
    r"(?<!\w)(?:что|это|как|от|под|ночью|также|он|она|было|были|и|к|его|ее)(?!\w)", re.I
)
_WORD = re.compile(r"[а-яёіїєґ]+(?:['’ʼ′`][а-яёіїєґ]+)*", re.I)
#: A text is Cyrillic when this share of its letters is (English quotes a Russian word or two).
_CYRILLIC_SHARE = 0.3
#: Below this share, a text whose English small words outnumber its Cyrillic ones is English
#: ("The word «перемирие» means truce": a short English line quoting one word).
_MOSTLY_LATIN = 0.5
_EN_SMALL = re.compile(
    r"(?<!\w)(?:the|a|an|of|to|in|on|at|by|for|with|from|and|or|is|are|was|were|has|have|"
    r"had|said|says|that|this|it|its|after|over)(?!\w)",
    re.I,
)
_CYRILLIC_SMALL = re.compile(
    r"(?<!\w)(?:в|у|на|і|и|й|та|з|с|із|по|до|від|от|що|что|не|за|під|под|над|це|это|як|как)"
    r"(?!\w)",
    re.I,
)
#: One letter in so many of a Ukrainian text is і, ї or є (about 7 in 100).
_UK_LETTER_EVERY = 15
#: A lead this large decides; the dictionaries are read only until one is reached.
_DECISIVE = 30
#: A lead smaller than this is a close call, which the gloss tables' words settle.
_CLOSE = 4
#: Words looked up in the dictionaries: enough to decide, few enough to stay quick.
_LOOKUPS = 400
#: A word in capitals this long or shorter is an abbreviation ("ВСУ", "БПЛА", "ДТЕК").
_ABBREVIATION = 4

#: Invisible inside a word: soft hyphen, zero-width space and joiners, word joiner, BOM.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
#: Latin letters drawn as Cyrillic ones, read as those inside a Cyrillic word (a Latin "i"
#: typed for "і" is Ukrainian: Russian writes no "і").
_HOMOGLYPHS = str.maketrans("aceopxyiACEHKMOPTXBI", "асеорхуіАСЕНКМОРТХВІ")
#: Combining marks (a stress mark "а\u0301"; what NFC leaves uncomposed).
_MARKS = re.compile(r"[\u0300-\u036f\u0483-\u0489]")
_MIXED_WORD = re.compile(r"\w*[а-яёіїєґ]\w*", re.I)
_LATIN_IN_WORD = re.compile(r"[a-z]", re.I)


def detect_language(text: str) -> str:
    """ "en", "uk" or "ru": Cyrillic against Latin letters, then the evidence for each."""
    sample = _plain(text[:4000])
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if cyr == 0 or cyr < _CYRILLIC_SHARE * (cyr + lat):
        return "en"
    if cyr < _MOSTLY_LATIN * (cyr + lat) and len(_EN_SMALL.findall(sample)) > len(
        _CYRILLIC_SMALL.findall(sample)
    ):
        return "en"
    uk_letters = len(_UK_LETTERS.findall(sample))
    uk = 3 * uk_letters + 2 * len(_UK_WORDS.findall(sample))
    ru = 3 * len(_RU_LETTERS.findall(sample)) + 2 * len(_RU_WORDS.findall(sample))
    if uk_letters == 0:
        # about one Ukrainian letter in fifteen is і, ї or є: their absence is Russian spelling
        ru += cyr // _UK_LETTER_EVERY
    if abs(uk - ru) < _DECISIVE:  # each further kind of evidence is read only when needed
        uk += 2 * len(_UK_SHAPES.findall(sample))
        ru += 2 * len(_RU_SHAPES.findall(sample))
    if abs(uk - ru) < _DECISIVE:
        known_uk, known_ru = _dictionary_evidence(sample, uk - ru)
        uk += 2 * known_uk
        ru += 2 * known_ru
    if abs(uk - ru) < _CLOSE:
        read_uk, read_ru = _gloss_evidence(sample)
        uk += 2 * read_uk
        ru += 2 * read_ru
    return "uk" if uk >= ru else "ru"


def _plain(sample: str) -> str:
    """`sample` with invisible characters and combining marks dropped (after composing what
    composes: "й" written as "и" and a breve is "й") and the Latin look-alikes inside its
    Cyrillic words made Cyrillic."""
    if sample.isascii():
        return sample
    sample = unicodedata.normalize("NFC", sample)
    if any(c in sample for c in _INVISIBLE_CHARS):  # a scan each, not a lookup a character
        sample = sample.translate(_INVISIBLE)
    sample = _MARKS.sub("", sample)
    if _LATIN_IN_WORD.search(sample) is None:
        return sample  # no Latin letter: no look-alike to read as Cyrillic
    return _MIXED_WORD.sub(_cyrillic_word, sample)


def _cyrillic_word(m: re.Match[str]) -> str:
    word = m.group()
    return word.translate(_HOMOGLYPHS) if _LATIN_IN_WORD.search(word) else word


def _words(sample: str) -> list[str]:
    """The sample's Cyrillic words, lowercased, one apostrophe for all (short abbreviations in
    capitals and one-letter words left out: "ВСУ" is in the Ukrainian dictionary too)."""
    from trucewatch.extract.slavic.morph import fold

    out: list[str] = []
    for m in _WORD.finditer(sample):
        if len(out) >= _LOOKUPS:
            break
        word = m.group()
        if len(word) >= 2 and not (word.isupper() and len(word) <= _ABBREVIATION):
            out.append(fold(word))
    return out


def _dictionary_evidence(sample: str, lead: int) -> tuple[int, int]:
    """How many words only the Ukrainian dictionary knows, and how many only the Russian one,
    read until Ukrainian's `lead` (negative when behind) with them is decisive."""
    from trucewatch.extract.slavic.morph import morph

    uk, ru = morph("uk"), morph("ru")
    only_uk = only_ru = 0
    for word in _words(sample):
        in_uk, in_ru = uk.known(word), ru.known(word)
        only_uk += in_uk and not in_ru
        only_ru += in_ru and not in_uk
        if abs(lead + 2 * (only_uk - only_ru)) >= _DECISIVE:
            break
    return only_uk, only_ru


def _gloss_evidence(sample: str) -> tuple[int, int]:
    """For a close call (a short text of words both dictionaries know, such as "Ворог вдарив
    по Сумах"): how many words only the Ukrainian gloss table reads by their Ukrainian lemma,
    and how many only the Russian one by their Russian lemma (the tables hold each language's
    words of attacks and truces: "ворог", "вдарити" but not "враг"; "суббота" but "субота")."""
    from trucewatch.extract.slavic.lexicon import gloss_table
    from trucewatch.extract.slavic.morph import morph

    uk, ru = morph("uk"), morph("ru")
    table_uk, table_ru = gloss_table("uk").words, gloss_table("ru").words
    only_uk = only_ru = 0
    for word in _words(sample):
        in_uk, in_ru = uk.lemma(word) in table_uk, ru.lemma(word) in table_ru
        only_uk += in_uk and not in_ru
        only_ru += in_ru and not in_uk
    return only_uk, only_ru
