"""Robustness of the extractor: odd, cut and mixed texts never raise; the language is told
through typographic noise; a bad ``extract --jsonl`` line is named by file, line and field.

The texts here are our own, written for each kind of trouble (bench/robust_sweep.py sweeps the
labelled corpus with every cut and mutation; these are the kinds it and the sessions found).
The property test at the end cuts and mutates our own passages at random (its example count
follows the Hypothesis profile, a tenth of it: 200 under ``ci``).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.lang import detect_language
from trucewatch.extract.numbers import Qty

DAY = date(2026, 1, 2)
FIXTURES = Path(__file__).parent / "fixtures"


def _runs(text: str) -> None:
    """`text` extracts, in every language and detected, and its result is JSON."""
    for lang in (None, "en", "uk", "ru"):
        json.dumps(extract_any(text, DAY, lang).to_json(evidence=True))


# ---------------------------------------------------------------------------- odd texts


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "12345",
        "2026-01-02",
        "...",
        "🚀💥",
        "ʼ’'",
        "\u00ad\u200b",
        "of them",
        "both",
        "another",
        "a further",
        "Kh-",
        "5%",
        "½ ٣ ３",
        "з них",
        "из них",
        "обидва",
        "ещё",
    ],
)
def test_texts_of_no_words_or_one_extract_nothing_without_error(text: str) -> None:
    _runs(text)


@pytest.mark.parametrize(
    "text",
    [
        # cut right after a number, a partitive or a share
        "Russia launched 40 drones at Kharkiv overnight; of them",
        "Air defences shot down 12 of the",
        "Two people were killed and both",
        "The toll rose to 13 dead, then",
        # the same in the glosses' languages
        "Уночі ворог атакував Суми 20 дронами, з них",
        "Ночью над Курской областью сбиты 15 беспилотников, из них",
        # noise inside words: soft hyphens, zero-width spaces, stress marks, homoglyphs
        "Rus\u00adsia laun\u00adched 40 dro\u200bnes at Kyiv.",
        "Ночью над Бря́нской о́бластью сбиты 15 беспило́тников.",
        "Ворог атакував Харкiв 12 дронами, двоє людей поранено.",  # a Latin i for і
        "Russia launched 40 drоnes at Kyiv.",  # a Cyrillic о in an English word
        # mixed languages in one text
        "Russia launched 40 drones at Kyiv. Ночью над Брянской областью сбиты 15 беспилотников.",
        "Уночі ворог атакував Одесу. Russia fired 3 missiles at Odesa.",
        # a decimal where the gloss reads a day or a year ("в ночь с N на", "за март YYYY")
        "В ночь с 1,5 на 2 марта над Курском сбиты 5 беспилотников.",
        "У ніч з 1.5 на 2 березня ворог атакував Суми.",
        "Упродовж березня 1,50 тисячі дронів атакували Україну.",
        "За март 2.50 тысячи беспилотников сбиты.",
        "В ночь на ² марта сбиты 5 беспилотников.",
        # emoji and odd spaces between the words
        "🔴 Russia\u00a0launched\u202f40\u2009drones 💥 at Kyiv 🇺🇦",
        "Ворог\tатакував\r\nОдесу\u00a0👉🏻 40 дронами",
    ],
)
def test_cut_noisy_and_mixed_texts_extract_without_error(text: str) -> None:
    _runs(text)


def test_a_very_long_text_extracts_without_error() -> None:
    text = "Russia launched 40 drones at Kyiv overnight; 35 were shot down. " * 300
    json.dumps(extract_any(text, DAY).to_json())


# ---------------------------------------------------------------------------- the language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # capitals: datelines and headings are looked up as words (not as abbreviations)
        ("МОСКВА, 6 ДЕКАБРЯ.", "ru"),
        ("ГЕНЕРАЛЬНИЙ ШТАБ ЗСУ, 15 ВЕРЕСНЯ", "uk"),
        ("НЕК «УКРЕНЕРГО», 3 ЛЮТОГО:", "uk"),
        ("СРОЧНО: ВЗРЫВЫ В ХАРЬКОВЕ", "ru"),
        # soft hyphens and stress marks inside words
        ("МОСКВА, 6 дек\u00adабря.", "ru"),
        ("МОСКВА, 1 а\u0301вгу\u0301ста.", "ru"),
        ("НЕК «Укр\u00adенерго», 8 ли\u00adстопада:", "uk"),
        # a Latin i typed for the Ukrainian і
        ("Повiтрянi сили ЗСУ, 15 сiчня", "uk"),
        # letters composed of a base and a mark ("й" as "и" and a breve)
        ("Уночі ворог атакував Київ", "uk"),
        ("Уночі ворог атакував Киї\u0306в", "uk"),
        # English names inside Ukrainian and Russian
        ("Ракети Storm Shadow та ATACMS вдарили по Belbek", "uk"),
        ("Ракеты Storm Shadow и ATACMS ударили по аэродрому Belbek", "ru"),
        ("Reuters: Зеленский заявил, что Russia запустила 40 Shahed", "ru"),
        ("Дональд Трамп заявив, що Putin погодився на перемир'я", "uk"),
        # Ukrainian without і, ї, є; Russian with ё, ы, э
        ("Загинула жінка, поранено двох чоловіків", "uk"),
        ("Сили ППО збили 20 ворожих дронів", "uk"),
        ("Ворожий дрон влучив у будинок", "uk"),
        ("Ещё два дрона сбиты над Москвой", "ru"),
        ("Это была атака", "ru"),
        # quotes of every kind
        ("Песков: 'Путин готов к перемирию'", "ru"),
        ("Зеленський: 'Путін не хоче миру'", "uk"),
        ("Сибіга: “Москва порушила мораторій”", "uk"),
        ("«Мы готовы», — сказал Лавров", "ru"),
        # a short English line quoting one Russian word
        ("The word «перемирие» means truce", "en"),
        ("Kyiv: Russia fired 40 drones at Харків", "en"),
    ],
)
def test_language_is_told_through_capitals_noise_names_and_quotes(text: str, lang: str) -> None:
    assert detect_language(text) == lang


# ---------------------------------------------------------------------------- --jsonl lines

GOOD = {"id": "a", "published": "2026-01-02", "text": "Russia launched 40 drones at Kyiv."}


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('{"id": "b", "published": "2026-01-02", "text": "word', "not JSON"),
        ("[1, 2]", "an array, not an object"),
        ('"text"', "a string, not an object"),
        ('{"published": "2026-01-02", "text": "Drones hit Kyiv."}', "'id' is missing"),
        ('{"id": "b", "published": "2026-01-02", "text": null}', "'text' is null"),
        ('{"id": "b", "published": "2026-01-02", "text": ["a"]}', "'text' is an array"),
        ('{"id": true, "published": "2026-01-02", "text": "Drones hit."}', "'id' is a boolean"),
        ('{"id": "b", "published": NaN, "text": "Drones hit Kyiv."}', "'published' is a number"),
        ('{"id": "b", "published": "2026-13-02", "text": "Drones hit Kyiv."}', "'published' is"),
        ('{"id": "b", "published": "2026-01-02T10:00", "text": "Drones hit."}', "not a date"),
        ('{"id": "b", "published": "2026-01-02", "text": "Drones hit \\ud800 Kyiv."}', "'text'"),
        ('{"id": "\\udfff", "published": "2026-01-02", "text": "Drones hit Kyiv."}', "'id'"),
        ("[" * 100_000 + "]" * 100_000, "nested too deep"),
        ('{"id": "b", "published": "2026-01-02", "text": "' + "[" * 50 + '", "x": '
         + "[" * 100_000 + "]" * 100_000 + "}", "nested too deep"),
    ],
)  # fmt: skip
def test_a_bad_jsonl_line_is_named_by_file_line_and_field(
    tmp_path: Path, line: str, says: str
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + line + "\n", encoding="utf-8")
    result = run_cli("extract", "--jsonl", str(path))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr
    assert "E173" in result.stderr and f"{path}:2:" in result.stderr, result.stderr
    assert says in result.stderr, result.stderr
    assert result.stdout == ""


# ---------------------------------------------------------------------------- property

_OWN = [
    json.loads(line)
    for path in sorted((FIXTURES / "own").glob("*.jsonl"))
    + sorted((FIXTURES / "slavic").glob("*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
_NOISE = st.sampled_from(
    ["\u00ad", "\u200b", "\u0301", "\u00a0", "’", "ʼ", "'", "🚀", "0", "1,000", "½", "-", "\n"]
)


@st.composite
def _cut_and_noised(draw: st.DrawFn) -> tuple[str, str | None]:
    """One of our own passages, cut at a word on either side, with noise put in."""
    row = draw(st.sampled_from(_OWN))
    words = re.split(r"(\s+)", row["text"])
    a = draw(st.integers(0, len(words)))
    b = draw(st.integers(a, len(words)))
    pieces = words[a:b]
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(pieces)))
        pieces.insert(at, draw(_NOISE))
    lang = draw(st.sampled_from([None, row.get("lang", "en")]))
    return "".join(pieces), lang


@settings(max_examples=max(settings().max_examples // 10, 1))
@given(case=_cut_and_noised())
def test_any_cut_of_our_passages_with_noise_extracts(case: tuple[str, str | None]) -> None:
    text, lang = case
    json.dumps(extract_any(text, DAY, lang).to_json(evidence=True))


# ---------------------------------------------------------------------------- feeds


@pytest.mark.parametrize("ref", ["&#xD800;", "&#57343;", "&#x110000;", "&#99999999999999999999;"])
def test_a_feed_item_with_a_reference_to_no_character_is_refused_by_item(ref: str) -> None:
    from trucewatch._inputs import text_problem
    from trucewatch.ingest.news import rss_items

    raw = (
        "<?xml version='1.0'?><rss version='2.0'><channel>"
        "<item><title>Drones hit Kyiv</title><description>Two people were hurt.</description>"
        "</item><item><title>Drones hit Odesa</title>"
        f"<description>One person was hurt {ref}.</description></item></channel></rss>"
    ).encode()
    first, second = list(rss_items(raw, "feed.xml"))
    assert text_problem(first.text) is None
    assert "\ufffd" in second.text and text_problem(second.text) is not None


def test_a_feed_reference_to_a_character_reads_as_that_character() -> None:
    from trucewatch.ingest.news import rss_items

    raw = b"<rss version='2.0'><channel><item><title>Drones &#x41;&#66;&#x0043;</title></item>"
    (item,) = rss_items(raw + b"</channel></rss>", "feed.xml")
    assert item.text == "Drones ABC"


# ---------------------------------------------------------------------------- noise in words


@pytest.mark.parametrize(
    ("text", "place", "spans"),
    [
        # soft hyphens (a web page's &shy;) and a zero-width space inside words
        (
            "Rus\u00adsia laun\u00adched 40 dro\u00adnes at Ky\u00adiv, injuring two peo\u200bple.",
            "Kyiv",
            {"drones": ["40 dro\u00adnes"], "places": ["Ky\u00adiv"]},
        ),
        # a Cyrillic о and е drawn in English words
        (
            "Russia launched 40 drоnes at Kyiv, injuring two pеople.",
            "Kyiv",
            {"drones": ["40 drоnes"]},
        ),
        # a Latin i typed for і; a soft hyphen and a stress mark in Ukrainian
        ("Уночi ворог атакував Харкiв 40 дронами, двоє людей поранено.", "Kharkiv", {}),
        (
            "Уночі ворог атакував Хар\u00adків 40 дро\u00adнами, двоє людей пора\u0301нено.",
            "Kharkiv",
            {"drones": ["40 дро\u00adнами"]},
        ),
        # "й" written as "и" and a combining breve
        ("Уночі ворог атакував Киі\u0308в 40 дронами, двоє людеи\u0306 поранено.", "Kyiv", {}),
    ],
)  # fmt: skip
def test_noise_inside_words_is_read_past_and_spans_stay_on_the_text(
    text: str, place: str, spans: dict[str, list[str]]
) -> None:
    found = extract_any(text, DAY)
    (strike,) = found.strikes
    assert found.text == text
    assert (strike.places, strike.drones, strike.injured) == ([place], Qty(40, 40), 2)
    for key, quoted in spans.items():
        assert [text[a:b] for a, b in strike.evidence[key]] == quoted
    ((_, batch),) = extract_many_one(text)
    assert batch.to_json(evidence=True) == found.to_json(evidence=True)


def extract_many_one(text: str) -> list[tuple[str, object]]:
    from trucewatch.extract.dispatch import multi_extractor

    return list(multi_extractor().extract_many([("a", text, DAY, None)]))


def test_a_text_without_noise_is_read_as_given() -> None:
    from trucewatch.extract.clean import plain_text

    for text in ("Russia launched 40 drones.", "Уночі ворог атакував Харків.", "Х-101 і Kh-101"):
        assert plain_text(text) == (text, None)
