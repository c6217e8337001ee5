"""Ukrainian and Russian texts: language detection, the gloss, extraction, ingest and merging."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import AIRFORCE, SHARED, CliResult, needs_shared, run_cli
from trucewatch.api import Trucewatch
from trucewatch.errors import InputError
from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.lang import detect_language
from trucewatch.extract.slavic import gloss_text
from trucewatch.model import SourceKind

NEWS = Path(__file__).parent / "fixtures" / "news"
# Our own Air Force post about the night of 2 to 3 February 2026 (figures from the shared
# air-force file: 450 Shahed-type drones, 412 downed; 7 + 28 + 32 + 4 = 71 missiles, 38 downed).
AIRFORCE_UK = NEWS / "airforce-uk-2026-02-03.txt"
# Our own statement in the Russian defence ministry's fixed phrasing about the same night
# (its figures are illustrative: the shared data holds no Russian counts).
MOD_RU = NEWS / "mod-ru-2026-02-03.txt"


def cli(*args: str, stdin: str | None = None) -> CliResult:
    result = run_cli(*args, stdin=stdin)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia launched 450 drones overnight, the Air Force said.", "en"),
        ("Уночі ворог атакував Харківщину ударними БпЛА, є поранені.", "uk"),
        ("Этой ночью над Белгородской областью сбиты три беспилотника.", "ru"),
        ("The governor quoted the word «перемирие» twice in his speech on Monday.", "en"),
    ],
)
def test_language_is_detected(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Russian with none of ы, э, ъ, ё and none of its small words
        ("В ночь на 5 марта над Брянской областью уничтожено 12 украинских беспилотников.", "ru"),
        ("Двое человек погибли в Харькове после ночной атаки беспилотников.", "ru"),
        ("Позавчера вечером ракета попала в склад.", "ru"),
        ("Над Курском сбита ракета.", "ru"),
        ("Пострадавших нет.", "ru"),
        ("Киев, 4 мая.", "ru"),
        ("Севастополь, суббота.", "ru"),
        # Ukrainian with none of і, ї, є, ґ
        ("Ворог атакував Одесу дронами.", "uk"),
        ("Ворог вдарив по Сумах.", "uk"),
        ("Ракета влучила в склад.", "uk"),
        ("Зранку лунали вибухи.", "uk"),
        ("Одеса, субота.", "uk"),
    ],
)
def test_language_is_told_without_the_letters_only_one_writes(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_a_russian_report_without_russian_letters_is_read_as_russian() -> None:
    text = "В ночь на 5 марта над Брянской областью уничтожено 12 украинских беспилотников."
    (strike,) = extract_any(text, date(2025, 3, 5)).strikes
    assert (strike.attacker, strike.drones_downed, strike.places) == ("UA", 12, ["Bryansk Oblast"])


@needs_shared
@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_labelled_passage_is_detected_in_its_language(lang: str) -> None:
    path = SHARED / "corpus" / f"extract_{lang}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [detect_language(r["text"]) for r in rows] == [r["lang"] for r in rows]


@pytest.mark.parametrize(
    ("lang", "text", "english"),
    [
        ("uk", "вибухи у Харкова", "Kharkiv"),
        ("uk", "удар по Харківщині", "Kharkiv Oblast"),
        ("uk", "дрони над Одещиною", "Odesa Oblast"),
        ("uk", "у Кривому Розі", "Kryvyi Rih"),
        ("uk", "поблизу Валуйок Бєлгородської області", "Belgorod Oblast"),
        ("ru", "в Белгородской области", "Belgorod Oblast"),
        ("ru", "14 над Брянской", "Bryansk Oblast"),
        ("ru", "в Курске", "Kursk"),
    ],
)
def test_inflected_places_become_english_names(lang: str, text: str, english: str) -> None:
    assert english in gloss_text(text, lang).text


@pytest.mark.parametrize(
    ("lang", "text", "number"),
    [
        ("uk", "поранено двоє людей", "2"),
        ("uk", "загинули п'ятеро", "5"),
        ("uk", "Двадцять три обірвані життя", "23"),
        ("uk", "тринадцятьох поранених", "13"),
        ("ru", "ранены трёх человек", "3"),
        ("ru", "сбиты сто двадцать дронов", "120"),
        ("uk", "близько 13 тисяч км/год", "13000"),
    ],
)
def test_number_words_in_their_cases_become_digits(lang: str, text: str, number: str) -> None:
    assert number in gloss_text(text, lang).text.split()


def test_night_into_a_date_is_the_night_that_began_the_day_before() -> None:
    gloss = gloss_text("Удар в ніч на 23 жовтня", "uk").text
    assert "night of 22 to 23 October" in gloss
    found = extract_any("У ніч на 23 жовтня ворог атакував Одесу 40 дронами.", date(2025, 10, 23))
    assert [s.date for s in found.strikes] == [date(2025, 10, 22)]


@pytest.mark.parametrize(
    "text",
    [
        "Дрони над Львовом\nУночі окупанти атакували Львів 25 дронами.",
        "Беспилотники над Львовом\nНочью оккупанты атаковали Львов 25 беспилотниками.",
    ],
)
def test_a_headline_before_a_night_report_leaves_the_attack_at_night(text: str) -> None:
    (strike,) = extract_any(text, date(2025, 8, 14)).strikes
    assert strike.date == date(2025, 8, 13)
    assert strike.overnight


def test_vnochi_is_the_night_before_publication() -> None:
    found = extract_any(
        "Вночі росіяни атакували Запоріжжя ударними дронами, поранено трьох людей.",
        date(2025, 6, 5),
    )
    (strike,) = found.strikes
    assert strike.date == date(2025, 6, 4)
    assert strike.attacker == "RU" and strike.injured == 3
    assert "Zaporizhzhia" in strike.places


def test_airforce_post_in_ukrainian_reads_like_the_english_one() -> None:
    text = AIRFORCE_UK.read_text(encoding="utf-8")
    (strike,) = extract_any(text, date(2026, 2, 3)).strikes
    assert strike.attacker == "RU" and strike.date == date(2026, 2, 2)
    assert strike.drones is not None and (strike.drones.min, strike.drones.max) == (450, 450)
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (71, 71)
    assert (strike.drones_downed, strike.missiles_downed) == (412, 38)
    assert {"Kyiv Oblast", "Kharkiv Oblast", "Odesa Oblast"} <= set(strike.places)
    assert "energy" in strike.targets
    # Evidence points into the Ukrainian text, not the gloss.
    (a, b), *_ = strike.evidence["drones"]
    assert "450" in text[a:b]


def test_mod_statement_yields_the_ukrainian_strike_it_reports() -> None:
    (strike,) = extract_any(MOD_RU.read_text(encoding="utf-8"), date(2026, 2, 3)).strikes
    assert strike.attacker == "UA" and strike.date == date(2026, 2, 2)
    assert strike.drones_downed == 46 and strike.drones is None
    assert {"Bryansk Oblast", "Kursk Oblast", "Belgorod Oblast", "Oryol Oblast"} <= set(
        strike.places
    )


def test_extract_cli_takes_lang_and_rejects_unknown_ones(tmp_path: Path) -> None:
    out = cli("extract", str(AIRFORCE_UK), "--published", "2026-02-03", "--lang", "uk")
    assert out.returncode == 0, out.stderr
    (strike,) = json.loads(out.stdout)["strikes"]
    assert strike["drones"] == {"min": 450, "max": 450}
    bad = cli("extract", str(AIRFORCE_UK), "--published", "2026-02-03", "--lang", "pl")
    assert bad.returncode != 0 and "E196" in bad.stderr and "'pl'" in bad.stderr
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": "m", "published": "2026-02-03", "text": MOD_RU.read_text(encoding="utf-8")},
        {"id": "a", "published": "2026-02-03", "lang": "uk", "text": AIRFORCE_UK.read_text()},
        {"id": "e", "published": "2025-05-11", "text": "Nothing happened in the capital today."},
    ]
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    rows = [json.loads(x) for x in cli("extract", "--jsonl", str(batch)).stdout.splitlines()]
    assert [r["id"] for r in rows] == ["m", "a", "e"]
    assert rows[0]["strikes"][0]["attacker"] == "UA"
    assert rows[1]["strikes"][0]["missiles"] == {"min": 71, "max": 71}
    assert rows[2]["strikes"] == []
    lines[1]["lang"] = "ua"
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    bad = cli("extract", "--jsonl", str(batch))
    assert bad.returncode != 0 and "batch.jsonl:2: lang" in bad.stderr and "E196" in bad.stderr


def test_unknown_language_is_a_typed_error() -> None:
    with pytest.raises(InputError) as err:
        extract_any("текст", date(2026, 2, 3), "by")
    assert err.value.code == "E196"


@needs_shared
def test_ukrainian_airforce_post_merges_with_the_airforce_record(tmp_path: Path) -> None:
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ingest_airforce(AIRFORCE)
        result = tw.ingest_text(
            AIRFORCE_UK.read_text(encoding="utf-8"),
            published=date(2026, 2, 3),
            source="t.me/kpszsu",
            kind=SourceKind.OFFICIAL_UA,
        )
        assert result.summary.strikes_new == 1
        night = [
            s
            for s in tw.strike_records()
            if s.start.isoformat().startswith("2026-02-02T18:00") and s.attacker == "RU"
        ]
        (strike,) = night
        sources = {r.source for r in tw.reports(list(strike.reports))}
    assert "t.me/kpszsu" in sources and len(sources) >= 2


def test_mod_statement_ingested_as_official_ru_records_a_ua_strike(tmp_path: Path) -> None:
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ingest_text(
            MOD_RU.read_text(encoding="utf-8"),
            published=date(2026, 2, 3),
            source="mil.ru",
            kind=SourceKind.OFFICIAL_RU,
        )
        (strike,) = tw.strike_records(merged=False)
    assert strike.attacker == "UA"
    assert strike.drones_downed == 46


def test_a_breakdown_of_one_count_gives_no_role_to_the_next() -> None:
    (strike,) = extract_any(
        "Генштаб повідомив про 84 крилаті ракети, 43 з яких знищили сили ППО, "
        "та 24 ударні безпілотники, з яких збили 13.",
        date(2022, 10, 11),
    ).strikes
    assert strike.missiles is not None and strike.missiles.min == 84
    assert strike.drones is not None and strike.drones.min == 24
    assert (strike.missiles_downed, strike.drones_downed) == (43, 13)


def test_a_number_before_a_word_we_cannot_read_is_not_a_weapon_count() -> None:
    (strike,) = extract_any(
        "Вночі ворог атакував Київ 24 ударними дронами. До ліквідації наслідків залучили "
        "майже 120 одиниць техніки та 40 бульдозерів.",
        date(2025, 6, 5),
    ).strikes
    assert strike.drones is not None and (strike.drones.min, strike.drones.max) == (24, 24)


def test_the_region_alone_means_the_one_named_before() -> None:
    (strike,) = extract_any(
        "Брянская область. В ночь на 20 января над регионом уничтожены 14 украинских "
        "беспилотников, сообщил губернатор.",
        date(2025, 1, 20),
    ).strikes
    assert strike.places == ["Bryansk Oblast"] and strike.attacker == "UA"


@pytest.mark.parametrize(
    ("lang", "text", "party", "status"),
    [
        ("ru", "Лавров заявил, что Россия соблюдает мораторий на удары по энергетике.", "RU",
         "claimed_kept"),
        ("ru", "Захарова заявила, что Украина не соблюдала пасхальное перемирие.", "UA",
         "claimed_broken"),
        ("ru", "Минобороны обвинило киевский режим в нарушении моратория.", "UA",
         "claimed_broken"),
        ("uk", "Подоляк заявив, що Росія не дотримувалася перемир'я.", "RU", "claimed_broken"),
        ("uk", "Зеленський заявив, що Україна дотримується режиму тиші.", "UA", "claimed_kept"),
    ],
)  # fmt: skip
def test_keeping_and_not_keeping_a_pledge(lang: str, text: str, party: str, status: str) -> None:
    (pledge,) = extract_any(text, date(2025, 4, 20), lang).pledges
    assert (pledge.party, pledge.status) == (party, status)


def test_a_word_as_written_wins_over_another_words_lemma() -> None:
    # "днем" (in the daytime) and "дней" (days) share the lemma "день".
    assert "30 days" in gloss_text("мораторий на 30 дней", "ru").text
    assert "during the day" in gloss_text("днем был удар", "ru").text


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("ru", "ВСУ нанесли удар крылатыми ракетами по Севастопольскому морскому заводу.",
         "Sevastopol"),
        ("ru", "Ночью беспилотник атаковал Рязанский нефтеперерабатывающий завод.", "Ryazan"),
        ("ru", "Ночью беспилотник атаковал Кавказскую нефтебазу в Краснодарском крае.",
         "Kavkazskaya"),
    ],
)  # fmt: skip
def test_a_citys_adjective_names_the_city(lang: str, text: str, place: str) -> None:
    (strike,) = extract_any(text, date(2025, 3, 24), lang).strikes
    assert any(p.startswith(place) for p in strike.places), strike.places
    assert strike.attacker == "UA"


def test_surnames_and_district_lists_are_not_cities() -> None:
    gloss = gloss_text("Зеленського. У Дніпровському, Подільському та Голосіївському районах", "uk")
    assert "Zelensky" in gloss.text and "Dnipro" not in gloss.text


def test_a_dateline_names_the_place_when_the_text_does_not() -> None:
    text = "Около четырех часов утра беспилотник атаковал нефтебазу, возник пожар."
    (strike,) = extract_any("Севастополь, суббота. " + text, date(2023, 4, 29)).strikes
    assert strike.places == ["Sevastopol"] and strike.attacker == "UA"
    (bare,) = extract_any(text, date(2023, 4, 29)).strikes
    assert bare.places == []


def test_occupied_towns_give_no_side() -> None:
    from trucewatch.extract.slavic.extractor import _side

    assert _side(["Enerhodar"]) is None and _side(["Khorly", "Kherson Oblast"]) is None
    assert _side(["Kherson", "Kherson Oblast"]) == "UA" and _side(["Bryansk Oblast"]) == "RU"


def test_drones_lost_locationally_add_to_those_shot_down() -> None:
    (strike,) = extract_any(
        "Вночі ворог атакував 120 ударними БпЛА типу Shahed. Станом на 08:30 збито 70 "
        "ударних БпЛА. Ще 35 дронів-імітаторів локаційно втрачено.",
        date(2025, 5, 6),
    ).strikes
    assert strike.drones is not None and strike.drones.min == 120
    assert strike.drones_downed == 105


@pytest.mark.parametrize(
    "text",
    [
        "Москва оголосила припинення вогню на три дні. Україна відповість дзеркально.",
        "Москва объявила прекращение огня на три дня. Украина ответит зеркально.",
    ],
)
def test_a_mirror_promise_in_ukrainian_and_russian(text: str) -> None:
    pledges = extract_any(text, date(2025, 5, 1)).pledges
    assert {(p.party, p.status) for p in pledges} >= {("RU", "agreed"), ("UA", "agreed")}
