"""Hard and misleading English cases, on sentences of our own: anniversaries, days told by a
weekday's possessive, threats and plans, totals, corrections, headlines against bodies and
neighbouring states (issue 8; the passages in tests/fixtures/own/en_own_hard.jsonl)."""

from __future__ import annotations

from datetime import date

from trucewatch.extract import extract


def _strikes(text: str, published: date) -> list[dict[str, object]]:
    return list(extract(text, published).to_contract()["strikes"])


def test_an_anniversary_dates_the_attack_it_recalls_years_back() -> None:
    got = _strikes(
        "Two years ago today, a Russian missile hit a post office in Kupiansk, killing four.",
        date(2025, 6, 10),
    )
    assert [s["date"] for s in got] == ["2023-06-10"]
    got = _strikes(
        "A year ago on Sunday, Russian drones struck a power plant in Burshtyn.",
        date(2025, 3, 9),
    )
    assert [s["date"] for s in got] == ["2024-03-09"]


def test_a_days_possessive_naming_the_attack_dates_it_over_another_day_told() -> None:
    got = _strikes(
        "Kharkiv held funerals on Tuesday for the seven people killed in Saturday's Russian "
        "glide-bomb attack on the city.",
        date(2025, 6, 11),
    )
    assert [s["date"] for s in got] == ["2025-06-07"]


def test_a_threat_to_use_a_weapon_is_not_an_attack() -> None:
    text = (
        "Medvedev said Russia could use its Kinzhal missiles against the government quarter "
        "in Kyiv, and that Russian drones can reach any city in Ukraine."
    )
    assert _strikes(text, date(2025, 5, 20)) == []


def test_a_weeks_or_a_half_years_tally_is_not_a_strike() -> None:
    for text in (
        "Over seven days Russia fired 1,700 drones, 1,100 glide bombs and 60 missiles at Ukraine.",
        "In the first half of 2025 Russia sent more than 27,000 drones against Ukraine.",
    ):
        assert _strikes(text, date(2025, 7, 14)) == [], text


def test_before_midnight_on_a_day_is_that_days_evening() -> None:
    got = _strikes(
        "Russian drones crossed into Chernihiv region shortly before midnight on Friday and "
        "hit a substation.",
        date(2025, 7, 14),
    )
    assert [s["date"] for s in got] == ["2025-07-11"]


def test_an_attack_told_only_as_last_week_has_no_day() -> None:
    got = _strikes("A Russian missile hit a school in Zaporizhzhia last week.", date(2025, 7, 14))
    assert [s["date"] for s in got] == [None]


def test_a_figure_first_reported_then_restated_is_the_later_one() -> None:
    got = _strikes(
        "The air force initially reported 47 drones but later said 63 had been launched at "
        "Ukraine overnight.",
        date(2025, 7, 14),
    )
    assert [s["drones"] for s in got] == [{"min": 63, "max": 63}]


def test_the_bodys_toll_replaces_the_headlines() -> None:
    got = _strikes(
        "Four dead as drones hit Sumy\n\nSUMY - Three people were killed and 12 injured when "
        "Russian drones struck Sumy overnight, the regional administration said.",
        date(2025, 8, 5),
    )
    assert [(s["killed"], s["injured"]) for s in got] == [(3, 12)]
    got = _strikes(
        "Two killed as missiles hit Kharkiv\n\nRussian missiles struck Kharkiv overnight, "
        "injuring six people; nobody was killed, the mayor said, correcting earlier reports.",
        date(2025, 8, 5),
    )
    assert [s["killed"] for s in got] == [0]


def test_a_neighbours_own_downing_or_find_is_not_a_strike() -> None:
    for text in (
        "Belarus said on Tuesday it had shot down two drones over the Gomel region.",
        "A drone crashed near the Romanian village of Galati overnight, the ministry said.",
        "Moldova said debris from a drone fell on a barn in the village of Ceadir.",
    ):
        assert _strikes(text, date(2025, 8, 5)) == [], text


def test_a_days_shelling_told_as_so_many_times_is_that_days_strike() -> None:
    got = _strikes(
        "Over the past day Russian forces shelled Nikopol 37 times, killing one man and "
        "injuring four people, the governor said.",
        date(2025, 8, 5),
    )
    assert [(s["killed"], s["injured"], s["places"]) for s in got] == [(1, 4, ["Nikopol"])]
    assert (
        _strikes(
            "Russian forces have broken the truce 1,400 times since the ceasefire began.",
            date(2025, 8, 5),
        )
        == []
    )


def test_a_tally_after_a_semicolon_leaves_the_attack_before_it() -> None:
    got = _strikes(
        "A Russian drone hit a minibus in Kherson on Monday morning, injuring three passengers; "
        "it was the fourth attack on public transport this week.",
        date(2025, 8, 6),
    )
    assert [(s["date"], s["injured"]) for s in got] == [("2025-08-04", 3)]


def test_ages_set_apart_or_bounded_count_no_weapons() -> None:
    got = _strikes(
        "A Russian drone hit a house in Kupiansk, injuring a woman, 67, and her grandson.",
        date(2025, 8, 6),
    )
    assert [s["drones"] for s in got] == [{"min": 1, "max": 1}]
    got = _strikes(
        "A Russian missile hit a school in Kharkiv, injuring nine people, four of them aged "
        "under 16.",
        date(2025, 8, 6),
    )
    assert [s["missiles"] for s in got] == [{"min": 1, "max": 1}]


def test_a_week_ago_is_seven_days_before() -> None:
    got = _strikes("A week ago, Russian missiles struck Dnipro, killing 11.", date(2025, 7, 10))
    assert [s["date"] for s in got] == ["2025-07-03"]


def test_an_explainers_general_account_is_no_strike() -> None:
    text = (
        "Explainer: why Russia's Lancet drones worry Kharkiv\n\nWhat is a Lancet? A small "
        "Russian loitering munition. Who launches it? Russian drone crews near the front, who "
        "use it mainly against artillery and air-defence systems."
    )
    assert _strikes(text, date(2025, 8, 6)) == []


def test_a_seasons_tally_is_no_strike() -> None:
    for text in (
        "Over the winter Russia sent about 15,000 drones at Ukraine, Zelensky said.",
        "Kyiv: 15,000 drones in one winter\n\nRussia sent the drones at Ukraine's cities.",
    ):
        assert _strikes(text, date(2026, 3, 2)) == [], text


def test_a_running_tally_after_a_comma_leaves_the_attack_before_it() -> None:
    got = _strikes(
        "Russian shelling killed a woman in Marhanets on Sunday, the 9th civilian death in "
        "the town since January.",
        date(2025, 8, 5),
    )
    assert [(s["date"], s["killed"]) for s in got] == [("2025-08-03", 1)]


def test_a_toll_of_an_earlier_similar_strike_is_not_this_ones() -> None:
    got = _strikes(
        "Russian jets dropped glide bombs on Kupiansk on Tuesday, wounding nine; a week "
        "earlier a similar strike killed three people.",
        date(2025, 8, 6),
    )
    assert (got[0]["date"], got[0]["killed"], got[0]["injured"]) == ("2025-08-05", None, 9)


def test_a_place_the_body_says_was_spared_is_not_hit() -> None:
    got = _strikes(
        "Drones hit Kyiv overnight\n\nRussian drones attacked the Kyiv region overnight, "
        "damaging houses in Brovary; the capital itself was not hit, officials said.",
        date(2025, 8, 6),
    )
    assert all("Kyiv" not in s["places"] for s in got)
    assert any("Kyiv Oblast" in s["places"] for s in got)


def test_a_crash_on_a_training_flight_and_a_record_recalled_are_no_strikes() -> None:
    for text in (
        "A Russian Su-30 crashed in the Bryansk region during a training flight on Monday, "
        "killing its two pilots.",
        "Since then the largest Russian attack has been 600 drones.",
    ):
        assert _strikes(text, date(2025, 8, 6)) == [], text
