"""Strike dates (contract: the Kyiv-local day an attack began), on hand-made sentences:
nights written every way, days told only by the story, background told after the news."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from trucewatch.extract import extract


def _dates(text: str, published: date) -> list[date | None]:
    return [s.date for s in extract(text, published).strikes]


@pytest.mark.parametrize(
    ("text", "published", "began"),
    [
        (
            "Overnight on 7-8 May, Russian drones struck Odesa, injuring five.",
            date(2025, 5, 9),
            date(2025, 5, 7),
        ),
        (
            "During the night from 7 to 8 May, Russian drones struck Odesa, injuring five.",
            date(2025, 5, 9),
            date(2025, 5, 7),
        ),
        (
            "On the night of 31 May to 1 June Russia launched 80 drones at Ukraine.",
            date(2025, 6, 2),
            date(2025, 5, 31),
        ),
        (
            "On the night of May 31 to June 1 Russia launched 80 drones at Ukraine.",
            date(2025, 6, 2),
            date(2025, 5, 31),
        ),
        (
            "Overnight Friday to Saturday, Russia launched 80 drones at Kharkiv.",
            date(2025, 5, 12),
            date(2025, 5, 9),
        ),
    ],
)
def test_a_night_written_from_one_day_to_the_next_began_on_the_first(
    text: str, published: date, began: date
) -> None:
    assert _dates(text, published) == [began]


def test_the_early_hours_of_a_calendar_day_are_that_day() -> None:
    text = (
        "Russian aircraft dropped guided bombs on the Sumy region in the early hours of 8 May, "
        "injuring two people."
    )
    assert _dates(text, date(2025, 5, 8)) == [date(2025, 5, 8)]


def test_a_vague_time_made_precise_takes_the_day_named() -> None:
    text = "Last month, on 21 April, a Russian missile hit a factory in Dnipro, killing three."
    assert _dates(text, date(2025, 5, 20)) == [date(2025, 4, 21)]


def test_an_undated_attack_with_a_place_told_beside_the_news_is_of_the_stories_day() -> None:
    text = (
        "Russian missiles hit Dnipro overnight, killing two people. In Russia's Kursk region, "
        "meanwhile, the governor said a Ukrainian drone had damaged a house in Rylsk."
    )
    assert _dates(text, date(2025, 6, 4)) == [date(2025, 6, 3), date(2025, 6, 4)]


def test_an_undated_attack_told_as_background_has_no_date() -> None:
    text = (
        "Russian missiles hit Dnipro overnight, killing two people. The bombardment came days "
        "after Kyiv first used Storm Shadow missiles against targets inside Russia. Russia's "
        "defence ministry said its air defences had destroyed three Storm Shadow missiles over "
        "Bryansk."
    )
    strikes = extract(text, date(2025, 6, 4)).strikes
    assert [s.attacker for s in strikes] == ["RU", "UA"]
    assert strikes[1].date is None


def test_a_strike_that_followed_a_night_of_attacks_tells_that_night_as_the_day_before() -> None:
    text = (
        "A Russian missile hit a clinic in Dnipro on Friday, killing two people. The strike "
        "followed a night of Russian drone attacks in which air defences shot down 30 drones "
        "over Kyiv."
    )
    assert _dates(text, date(2025, 6, 7)) == [date(2025, 6, 6), date(2025, 6, 5)]


def test_a_day_named_without_a_year_near_one_named_with_it_takes_that_year() -> None:
    text = (
        "The new rocket was first used on 28 December 2023. On 3 January a Russian missile of "
        "the type hit a warehouse in Zaporizhzhia, injuring four people."
    )
    assert _dates(text, date(2025, 3, 20))[-1] == date(2024, 1, 3)


def test_a_headlines_relative_day_yields_to_the_calendar_night_of_the_body() -> None:
    text = (
        "Russia fires 120 drones at Kyiv overnight\n"
        "Russia fired 120 drones at Kyiv on the night of 10 to 11 May, the air force said, "
        "and 100 of them were shot down."
    )
    assert _dates(text, date(2025, 5, 12)) == [date(2025, 5, 10)]


@pytest.mark.parametrize(
    "when",
    ["on the 7th of May", "on 07.05.2025", "on 2025-05-07"],
)
def test_a_day_written_with_of_or_in_figures_is_read(when: str) -> None:
    text = f"Russian drones hit a warehouse in Odesa {when}, injuring two people."
    assert _dates(text, date(2025, 5, 12)) == [date(2025, 5, 7)]


@pytest.mark.parametrize(
    "note",
    [
        "Correction: the attack took place on Tuesday, not Monday as reported earlier.",
        "An earlier version of this story said the attack was on Monday; it was on Tuesday.",
    ],
)
def test_a_correction_note_re_dates_the_attack(note: str) -> None:
    text = f"Russian drones hit a school in Kharkiv on Monday, injuring three. {note}"
    assert _dates(text, date(2025, 5, 14)) == [date(2025, 5, 13)]


def test_kind_gates_find_what_every_pattern_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The word a kind needs before its patterns run drops no cue any of them finds."""
    from trucewatch.extract import dates

    texts = [
        "Officials said on Tuesday that drones struck overnight into Wednesday.",
        "On the night of 3 to 4 March 2025, and the night of March 3-4, missiles fell.",
        "Overnight Friday, in the early hours of Sunday, and early on Monday sirens sounded.",
        "The day before yesterday, three days ago, the night before and the previous night.",
        "The following morning, the same day, on Thursday's raid, before midnight, at night.",
        "Today, this morning, after daybreak, tonight; yesterday, a day earlier, last week.",
        "Recently, earlier this month, on 08.05.2025 and 2025-05-08, the past 24 hours.",
        "They came after a night of shelling; the night into 5 May and the night to June 6.",
        "On 19 May a paper published it; the toll rose to nine on Friday; he died on May 3.",
        "The toll reached 9 on 4 May, a man died in hospital on Sunday, and that night too.",
    ]
    ref = date(2025, 5, 10)
    gated = [dates.find_dates(t, ref) for t in texts]
    monkeypatch.setattr(dates, "_NEEDS", {})
    assert gated == [dates.find_dates(t, ref) for t in texts]
    assert all(gated)


def test_a_day_a_finding_was_published_on_is_not_another_attack() -> None:
    text = (
        "A Russian missile hit the market in Izium on 3 June, killing four people. On 20 June "
        "a newspaper published an inquiry which found that a single Iskander missile had "
        "been used."
    )
    strikes = extract(text, date(2025, 6, 25)).strikes
    assert [(s.date, s.killed) for s in strikes] == [(date(2025, 6, 3), 4)]


@pytest.mark.parametrize(
    "later",
    [
        "The regional governor raised the death toll to five on Tuesday.",
        "A woman injured in Kupiansk died on 9 March, and two more were still in hospital.",
    ],
)
def test_a_toll_told_on_a_later_day_is_not_another_attack(later: str) -> None:
    text = f"A Russian glide bomb hit a school in Kupiansk on 4 March, killing three. {later}"
    assert _dates(text, date(2025, 3, 12)) == [date(2025, 3, 4)]


def test_an_attack_told_by_its_report_day_takes_the_day_a_later_sentence_gives_it() -> None:
    text = (
        "A Russian missile hit a hospital in Dnipro, killing two people, the search ended on "
        "Friday. The missile struck in the early hours of Wednesday, before dawn."
    )
    assert _dates(text, date(2025, 6, 6)) == [date(2025, 6, 3)]


def test_that_night_dates_an_attack_told_without_a_day_by_the_night_before() -> None:
    text = (
        "Overnight into Sunday Russia launched 90 drones at Ukraine, killing two people in "
        "Sumy. Russia's defence ministry said its strike had hit Ukrainian military sites, "
        "and that its air defences had destroyed 40 Ukrainian drones over the Bryansk region "
        "that night."
    )
    assert _dates(text, date(2025, 6, 10)) == [date(2025, 6, 7), date(2025, 6, 7)]


@pytest.mark.parametrize(
    ("when", "began"),
    [
        ("at 00:30 Moscow time on 1 January", date(2024, 12, 31)),  # Kyiv: 23:30 the day before
        ("at 01:30 Moscow time on 1 January", date(2025, 1, 1)),
        ("at 00:30 Moscow time on 1 July", date(2024, 7, 1)),  # summer: the same clock
    ],
)
def test_a_moscow_clock_time_is_read_on_kyivs_day(when: str, began: date) -> None:
    text = f"Ukrainian drones attacked an oil depot in Bryansk {when}, the governor said."
    assert _dates(text, date(2025, 1, 3)) == [began]


@pytest.mark.parametrize(
    "dateline",
    ["KYIV, May 9 (Reuters) - ", "KYIV, May 9 (00:40) - ", "ODESA, 9 May - "],
)
def test_relative_days_count_from_the_day_the_dateline_names(dateline: str) -> None:
    text = f"Drones hit Odesa\n\n{dateline}Russian drones hit the port of Odesa overnight."
    assert _dates(text, date(2025, 5, 10)) == [date(2025, 5, 8)]


@pytest.mark.parametrize(
    "small_hours",
    ["From 02:30 on 11 May", "Shortly after midnight on Sunday", "At 3 a.m. on Sunday"],
)
def test_the_small_hours_of_a_day_and_the_night_into_it_are_one_night(small_hours: str) -> None:
    text = (
        "Russian drones attacked Odesa overnight into Sunday, the governor said. "
        f"{small_hours} explosions were heard in Izmail, where a port warehouse burned and two "
        "people were injured."
    )
    assert len(_dates(text, date(2025, 5, 12))) == 1


def test_the_pattern_runs_are_the_patterns_in_order() -> None:
    from trucewatch.extract import dates

    runs = dates._runs()
    assert [(kind, pat) for kind, pats in runs for pat, _ in pats] == dates._PATTERNS
    assert all(a[0] != b[0] for a, b in itertools.pairwise(runs))  # runs are maximal
    assert all(cued == ("cue" in pat.groupindex) for _, pats in runs for pat, cued in pats)
    assert dates._runs() is runs  # read once
