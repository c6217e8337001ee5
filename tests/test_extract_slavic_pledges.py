"""Ukrainian and Russian pledges read over the source words' grammar (extract/slavic/pledges)."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.slavic import gloss_text

DAY = date(2025, 5, 1)


def pledges(text: str, lang: str) -> set[tuple[str, str]]:
    return {(p.party, p.status) for p in extract_any(text, DAY, lang).pledges}


UA_PROPOSED = {("UA", "proposed")}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # the party offered to (dative) or called on (accusative) is not the one who offers
        ("uk", "Зеленський запропонував Росії припинити удари по енергетиці.", UA_PROPOSED),
        ("ru", "Зеленский предложил России прекратить удары по энергетике.", UA_PROPOSED),
        ("uk", "Зеленський закликав Росію зберегти тишу ще на 30 днів.", UA_PROPOSED),
        # a subject after its verb, and "in the Kremlin they rejected"
        ("ru", "В Кремле отвергли предложение Киева о 30-дневном перемирии.", {("RU", "rejected")}),
        ("uk", "Пропозицію про перемир'я відхилив Київ.", {("UA", "rejected")}),
    ],
)
def test_the_party_is_the_subject_not_the_object(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert pledges(text, lang) == expected


def test_a_genitive_party_after_a_nominative_head_is_the_subject() -> None:
    text = "Президент России по предложению президента США принял решение прекратить огонь."
    (p,) = extract_any(text, DAY, "ru").pledges
    assert (p.party, p.status, p.broker) == ("RU", "agreed", "US")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Захарова обвинила Киев в нарушении перемирия."),
        ("uk", "Кремль звинуватив Київ у порушенні перемир'я."),
    ],
)
def test_the_accused_is_the_object_of_the_accusation(lang: str, text: str) -> None:
    assert pledges(text, lang) == {("UA", "claimed_broken")}


def test_the_agent_of_a_passive_breach() -> None:
    text = "Перемирие было нарушено украинской стороной более тысячи раз."
    assert pledges(text, "ru") == {("UA", "claimed_broken")}


def test_what_a_party_must_do_is_no_pledge_of_its_own() -> None:
    text = "Київ погодився на 30-денне припинення вогню. Росія має його прийняти."
    assert pledges(text, "uk") == {("UA", "agreed")}


def test_a_conditional_clause_commits_no_one() -> None:
    text = "Якщо Росія погодиться на перемир'я, Україна пропонує продовжити його на 30 днів."
    assert pledges(text, "uk") == {("UA", "proposed")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Россия и Украина договорились о прекращении ударов по энергетике."),
        ("uk", "Обидві сторони погодилися на припинення вогню на Чорному морі."),
    ],
)
def test_both_sides_as_the_subject(lang: str, text: str) -> None:
    assert pledges(text, lang) == {("RU", "agreed"), ("UA", "agreed")}


@pytest.mark.parametrize(
    ("lang", "text", "party"),
    [
        ("ru", "Несмотря на перемирие, киевский режим атаковал Белгородскую область.", "UA"),
        ("uk", "Від початку перемир'я російська армія здійснила 67 штурмів.", "RU"),
    ],
)
def test_forces_attacking_under_a_pledge_are_said_to_break_it(
    lang: str, text: str, party: str
) -> None:
    assert pledges(text, lang) == {(party, "claimed_broken")}


def test_an_attack_before_the_pledge_breaks_nothing() -> None:
    text = "За добу до перемир'я російські війська атакували Київ."
    assert pledges(text, "uk") == set()


def test_ready_to_extend_offers_and_ready_to_accept_agrees() -> None:
    assert pledges("Україна готова продовжити тишу на 30 днів.", "uk") == {("UA", "proposed")}
    text = "Київ готовий прийняти пропозицію про перемир'я."
    assert pledges(text, "uk") == {("UA", "agreed")}


def test_terms_are_what_the_pledge_spares_not_who_is_ordered() -> None:
    text = (
        "Путін наказав військовим не бити по енергетиці під час мораторію на удари по енергетиці."
    )
    (p,) = extract_any(text, DAY, "uk").pledges
    assert p.targets == ["energy"]


def test_a_scoped_pledge_takes_its_length_from_another_sentence() -> None:
    text = (
        "Тридцятиденний мораторій на удари по енергетиці сплив. "
        "Кремль заявив, що Росія дотримувалася мораторію на удари по енергетиці."
    )
    (p,) = extract_any(text, DAY, "uk").pledges
    assert (p.party, p.status, p.duration_days) == ("RU", "claimed_kept", 30)


@pytest.mark.parametrize(
    ("lang", "text", "english"),
    [
        ("uk", "триденне перемир'я", "3-day ceasefire"),
        ("uk", "п'ятиденний", "5-day"),
        ("ru", "трехдневное перемирие", "3-day ceasefire"),
        ("ru", "72-часовое перемирие", "72-hour ceasefire"),
    ],
)
def test_a_number_compounded_with_days_or_hours(lang: str, text: str, english: str) -> None:
    assert english in gloss_text(text, lang).text


def test_a_word_whose_likeliest_reading_has_no_gloss_takes_another() -> None:
    # pymorphy3 reads "українська" first as a noun; its adjective reading has the gloss
    assert "Ukrainian side" in gloss_text("українська сторона", "uk").text


def test_a_mirror_promise_made_by_the_subject_outside_the_conditional() -> None:
    text = (
        "Путін оголосив великоднє перемир'я. "
        "Якщо Росія справді готова до тиші, Україна діятиме дзеркально."
    )
    assert pledges(text, "uk") == {("RU", "agreed"), ("UA", "agreed")}


def test_targets_end_with_the_pledges_clause() -> None:
    text = "Київ погодився на 30-денну паузу, Москва відповіла ракетою по порту."
    (p,) = extract_any(text, DAY, "uk").pledges
    assert (p.party, p.targets, p.duration_days) == ("UA", [], 30)


def test_a_length_elsewhere_in_the_sentence() -> None:
    text = (
        "Київ пропонує продовжити тишу після Великодня, бо тридцяти годин вистачить хіба на "
        "заголовки, а тридцять днів можуть дати миру шанс."
    )
    (p,) = extract_any(text, DAY, "uk").pledges
    assert (p.party, p.status, p.duration_days) == ("UA", "proposed", 30)


def test_the_city_not_to_be_attacked_is_not_a_party() -> None:
    text = "Трамп заявил, что попросил Путина не атаковать Киев неделю, и Путин согласился."
    assert pledges(text, "ru") == {("RU", "agreed")}


def test_announcing_a_withdrawal_is_refusing() -> None:
    text = "Россия объявила о выходе из черноморской зерновой сделки."
    assert pledges(text, "ru") == {("RU", "rejected")}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ru", "МИД России заявил о нарушении перемирия со стороны Украины.",
         {("UA", "claimed_broken")}),
        # who records violations is not who commits them
        ("uk", "Україна зафіксувала 50 порушень перемир'я.", set()),
        # "in case of a violation" claims none
        ("ru", "Москва предупредила, что в случае нарушения перемирия ответит.", set()),
    ],
)  # fmt: skip
def test_a_violation_is_laid_on_its_owner(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert pledges(text, lang) == expected


def test_the_sides_agreeing_is_both() -> None:
    text = "На переговорах стороны договорились о прекращении ударов по энергетике на 30 дней."
    assert pledges(text, "ru") == {("RU", "agreed"), ("UA", "agreed")}


def test_attacks_despite_a_pledge_named_before_break_it() -> None:
    text = (
        "Президент России принял решение временно прекратить удары по энергетике. "
        "Вопреки заявлениям Зеленского, Киев продолжает наносить удары по энергетической "
        "инфраструктуре России."
    )
    assert pledges(text, "ru") == {("RU", "agreed"), ("UA", "claimed_broken")}


def test_refraining_from_strikes_is_a_pledge() -> None:
    text = (
        "По словам Пескова, Путин принял предложение Трампа о взаимном отказе от ударов по "
        "энергетической инфраструктуре на 30 дней."
    )
    (p,) = extract_any(text, DAY, "ru").pledges
    assert (p.party, p.status, p.broker, p.targets, p.duration_days) == (
        "RU", "agreed", "US", ["energy"], 30
    )  # fmt: skip


def test_supporting_a_halt_agrees_to_it() -> None:
    text = "Украина заявила, что поддерживает прекращение ударов по энергетике."
    assert pledges(text, "ru") == {("UA", "agreed")}


def test_the_sides_accusing_each_other() -> None:
    text = "Стороны обменялись обвинениями в нарушении перемирия."
    assert pledges(text, "ru") == {("RU", "claimed_broken"), ("UA", "claimed_broken")}


def test_not_having_kept_a_truce_in_the_perfective() -> None:
    text = "Росія не дотрималася «великоднього перемир'я», заявив Зеленський."
    assert pledges(text, "uk") == {("RU", "claimed_broken")}


def test_a_sides_adjective_opening_a_sentence_is_not_a_town() -> None:
    # "Українська" opening a sentence is not the town Ukrainsk
    text = "Українська сторона заявила, що готова дотримуватися мораторію на удари по енергетиці."
    # (readiness to keep a halt, with no condition, is agreement to it since the eighth
    # session: test_extract_slavic_uk.test_readiness_to_keep_a_halt_...)
    assert pledges(text, "uk") == {("UA", "agreed")}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("uk", "Подоляк заявив, що тимчасове перемир'я Росія отримає лише тоді, коли піде з "
         "окупованих територій, а лицемірство хай лишить собі.", {("UA", "rejected")}),
        ("ru", "Зеленский назвал объявленное Путиным перемирие манипуляцией.",
         {("RU", "agreed"), ("UA", "rejected")}),
    ],
)  # fmt: skip
def test_dismissing_a_pledge_is_the_speakers_refusal(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    assert pledges(text, lang) == expected


def test_blame_for_an_attack_is_no_pledge_claim() -> None:
    text = "Беспилотник атаковал штаб флота. В нападении губернатор обвинил украинские силы."
    assert pledges(text, "ru") == set()


def test_a_date_before_the_subject_is_not_its_head() -> None:
    # "25 марта Россия": the genitive month is no noun the party would modify
    text = "Несмотря на перемирие, 25 марта Россия атаковала Сумы."
    assert pledges(text, "ru") == {("RU", "claimed_broken")}


# --- ninth session (slavic-pledges): kinds from our own uk/ru pledge passages ---


def full(text: str, lang: str, day: date = DAY) -> set[tuple[str, str, int | None]]:
    return {(p.party, p.status, p.duration_days) for p in extract_any(text, day, lang).pledges}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a participle with two doers in the instrumental binds both sides
        ("uk", "Міненерго оприлюднило перелік об'єктів, на які поширюється мораторій, "
               "узгоджений Києвом і Москвою за посередництва США."),
        # a finite "stop" with both sides as the subject after it
        ("ru", "Кремль опубликовал перечень объектов, удары по которым временно прекращают "
               "Россия и Украина."),
    ],
)  # fmt: skip
def test_both_sides_commit(lang: str, text: str) -> None:
    assert pledges(text, lang) == {("RU", "agreed"), ("UA", "agreed")}


def test_a_finite_stop_commits_its_subject_and_announcing_that_is_no_cue_of_its_own() -> None:
    text = (
        "В Кремле заявили, что с 00:00 8 мая до 00:00 11 мая российская сторона прекращает "
        "все боевые действия."
    )
    assert pledges(text, "ru") == {("RU", "agreed")}


def test_an_infinitive_under_a_modal_commits_no_one_in_ukrainian() -> None:
    text = (
        "Сибіга відповів, що якщо Росія справді хоче миру, вона має припинити вогонь негайно, "
        "а Україна готова до повного припинення вогню щонайменше на 30 днів."
    )
    assert full(text, "uk") == {("UA", "proposed", 30)}


def test_a_phrase_glossed_whole_negates_no_next_word() -> None:
    # "не примет" is the refusal; "требование Киева" after it is still Kyiv's demand, and
    # "на 30 дней начиная с 12 мая" is a length followed by its start
    text = (
        "Москва не примет требование Киева о безоговорочном прекращении огня на 30 дней "
        "начиная с 12 мая."
    )
    assert full(text, "ru") == {("RU", "rejected", 30), ("UA", "proposed", 30)}


def test_any_violation_supposed_is_no_claim() -> None:
    text = (
        "В Кремле заявили, что российская сторона прекращает все боевые действия. Россия "
        "готова соблюдать режим тишины, однако на любые нарушения со стороны Украины армия "
        "даст адекватный ответ."
    )
    assert pledges(text, "ru") == {("RU", "agreed")}


@pytest.mark.parametrize(
    "text",
    [
        # the announcer is said to break its truce in the same sentence
        "За словами президента, від початку оголошеного Кремлем «перемир'я» російська армія "
        "здійснила 67 штурмів.",
        # or despite it, its forces told with their weapons (the verb left unread)
        "Попри оголошене Кремлем так зване триденне перемир'я, з 02:30 ворог скидає керовані "
        "авіабомби на прикордонні громади Сумщини.",
    ],
)
def test_the_announcer_said_to_break_it_in_the_same_breath(text: str) -> None:
    assert pledges(text, "uk") == {("RU", "claimed_broken")}


def test_refraining_now_or_not_striking_before_is_keeping() -> None:
    text = (
        "З ночі на п'ятницю Росія не завдавала ударів по українській енергетиці, сказав "
        "Зеленський. Україна, за його словами, так само утримується від ударів по російських "
        "енергооб'єктах."
    )
    found = extract_any(text, DAY, "uk").pledges
    assert {(p.party, p.status) for p in found} == {("RU", "claimed_kept"), ("UA", "claimed_kept")}
    assert all(p.targets == ["energy"] for p in found)


def test_a_promise_not_to_strike_on_a_condition_is_an_offer() -> None:
    text = (
        "Украинский президент заявил, что Киев не будет атаковать российские энергообъекты, "
        "если Москва откажется от ударов по украинской энергосистеме."
    )
    assert pledges(text, "ru") == {("UA", "proposed")}


def test_the_subject_of_the_condition_is_not_the_offerer() -> None:
    text = "Зеленський: готові не бити по енергетиці Росії, якщо Москва зробить те саме."
    assert ("RU", "proposed") not in pledges(text, "uk")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Україна не братиме участі в оголошеному Москвою триденному перемир'ї."),
        ("ru", "Украина не присоединится к объявленному Москвой трехдневному перемирию."),
    ],
)
def test_not_taking_part_is_a_refusal_and_the_announcer_agreed(lang: str, text: str) -> None:
    assert full(text, lang) == {("UA", "rejected", 3), ("RU", "agreed", 3)}


def test_a_week_held_back_is_seven_days() -> None:
    text = (
        "Песков заявил, что Россия выполнила просьбу Трампа и неделю не наносила ударов по Киеву."
    )
    assert full(text, "ru") == {("RU", "claimed_kept", 7)}


def test_merchant_ships_spared_are_the_grain_deals_scope() -> None:
    text = (
        "Україна та Росія зобов'язалися не атакувати торговельні судна та порти, задіяні в "
        "ініціативі; домовленість діятиме 120 днів."
    )
    found = extract_any(text, DAY, "uk").pledges
    assert {(p.party, p.duration_days) for p in found} == {("RU", 120), ("UA", 120)}
    assert all(sorted(p.targets) == ["port", "transport"] for p in found)


def test_denying_the_accusations_is_no_refusal() -> None:
    text = "У Києві ці звинувачення відкинули."
    assert ("UA", "rejected") not in pledges(
        "Міноборони Росії звинуватило Україну в порушенні мораторію. " + text, "uk"
    )


def _full(text: str, lang: str, day: date = DAY) -> set[tuple[object, ...]]:
    return {
        (p.party, p.status, tuple(p.targets), tuple(p.places), p.duration_days)
        for p in extract_any(text, day, lang).pledges
    }


def test_a_moratorium_takes_its_scope_from_the_next_sentence() -> None:
    text = (
        "Тридцатидневный мораторий истек, сообщил Песков. Речь идет о договоренности "
        "воздерживаться от ударов по энергетическим объектам."
    )
    assert _full(text, "ru") == {("RU", "agreed", ("energy",), (), 30)}


def test_the_targets_listed_after_a_colon_are_the_pledges() -> None:
    text = (
        "Україна на 30 днів припиняє удари по таких російських об'єктах: генерація, "
        "нафтогазова інфраструктура."
    )
    assert _full(text, "uk") == {("UA", "agreed", ("energy",), (), 30)}


def test_place_adjectives_in_a_list_are_the_places_spared() -> None:
    text = (
        "Росія пообіцяла різко скоротити бойову активність на київському та чернігівському "
        "напрямках."
    )
    (p,) = extract_any(text, DAY, "uk").pledges
    assert p.places == ["Kyiv", "Chernihiv"]


def test_a_dismissal_is_the_speakers_refusal() -> None:
    text = "Россия предложила перемирие на два-три дня. В Киеве предложение назвали бессмысленным."
    assert pledges(text, "ru") == {("RU", "proposed"), ("UA", "rejected")}


def test_a_violation_no_side_owns_is_the_last_attackers() -> None:
    text = (
        "В ночь на среду российские беспилотники атаковали Николаев. В Киеве расценили удар "
        "как нарушение договоренностей о прекращении огня в Черном море."
    )
    assert ("RU", "claimed_broken") in pledges(text, "ru")


def test_a_purpose_clause_is_not_a_claim_of_keeping() -> None:
    text = (
        "Путин поддержал предложение Трампа о том, чтобы стороны в течение 30 дней "
        "воздерживались от ударов по энергетике."
    )
    assert pledges(text, "ru") == {("RU", "agreed")}


def test_a_headline_offer_the_body_tells_as_agreed_is_one_pledge() -> None:
    text = (
        "Трамп: Путін пообіцяв тиждень не бити по Києву\n\nДональд Трамп розповів, що попросив "
        "Володимира Путіна тиждень не обстрілювати Київ, і той погодився. У Кремлі в п'ятницю "
        "підтвердили розмову, але не сказали, коли пауза почалася."
    )
    assert _full(text, "uk") == {("RU", "agreed", (), ("Kyiv",), 7)}
