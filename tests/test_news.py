"""News in: extract, ingest text/html/rss, merge with the official record, confirm drafts."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import typer

from conftest import AIRFORCE, SHARED, CliResult, LocalSite, needs_shared, run_cli
from trucewatch.api import Trucewatch
from trucewatch.errors import InputError
from trucewatch.extract.dispatch import extract_any
from trucewatch.model import Credibility, SourceKind, VerdictKind

NEWS = Path(__file__).parent / "fixtures" / "news"
NIGHT = NEWS / "night-2026-02-03.txt"
DAY_AFTER = date(2025, 9, 19)


def cli(*args: str, stdin: str | None = None) -> CliResult:
    result = run_cli(*args, stdin=stdin)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_extract_one_text_prints_the_contract() -> None:
    out = cli("extract", str(NIGHT), "--published", "2026-02-03")
    assert out.returncode == 0, out.stderr
    (strike,) = json.loads(out.stdout)["strikes"]
    assert strike["date"] == "2026-02-02"  # "overnight" in a story of 3 February
    assert strike["drones"] == {"min": 450, "max": 450}
    assert strike["missiles"] == {"min": 71, "max": 71}
    assert "energy" in strike["targets"] and "Kharkiv" in strike["places"]


def test_extract_from_stdin_with_evidence() -> None:
    text = "Russia launched 12 drones at Sumy overnight, the governor said."
    out = cli("extract", "--published", "2025-06-02", "--evidence", stdin=text)
    strike = json.loads(out.stdout)["strikes"][0]
    assert strike["drones"] == {"min": 12, "max": 12}
    spans = json.dumps(strike)
    assert "evidence" in spans


def test_extract_jsonl_keeps_input_order_and_names_bad_lines(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": "b", "published": "2026-02-03", "text": NIGHT.read_text(encoding="utf-8")},
        {"id": "a", "published": "2025-05-11", "text": "Nothing happened in the capital today."},
    ]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = cli("extract", "--jsonl", str(batch))
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["b", "a"]
    assert set(rows[0]) == {"id", "strikes", "pledges"} and rows[1]["strikes"] == []
    batch.write_text('{"id": "x", "text": "no date"}\n', encoding="utf-8")
    bad = cli("extract", "--jsonl", str(batch))
    assert bad.returncode != 0 and "batch.jsonl:1:" in bad.stderr


def test_extract_jsonl_gives_each_line_its_own_result_even_when_ids_repeat(
    tmp_path: Path,
) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": "x", "published": "2026-03-10", "text": "Russia launched 31 drones at Sumy."},
        {"id": "x", "published": "2026-03-12", "text": "Russia fired 4 missiles at Dnipro."},
        {"id": 7, "published": "2026-03-10", "text": "Russia launched 9 drones at Poltava."},
        {"id": "7", "published": "2026-03-10", "text": "Росія атакувала Полтаву 16 дронами."},
        {"id": "7", "published": "2026-03-10", "text": "Росія атакувала Харків 12 дронами."},
    ]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    rows = [json.loads(x) for x in cli("extract", "--jsonl", str(batch)).stdout.splitlines()]
    assert [r["id"] for r in rows] == ["x", "x", 7, "7", "7"]
    assert rows[0]["strikes"][0]["drones"] == {"min": 31, "max": 31}
    assert rows[1]["strikes"][0]["missiles"] == {"min": 4, "max": 4}
    assert rows[2]["strikes"][0]["drones"] == {"min": 9, "max": 9}
    assert rows[3]["strikes"][0]["drones"] == {"min": 16, "max": 16}
    assert rows[4]["strikes"][0]["places"] == ["Kharkiv"]


def test_extract_jsonl_lines_end_at_newline_only(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    text = "Russia launched 31 drones at Sumy.\u2028Nobody was hurt.\u2029"
    line = json.dumps({"id": "s", "published": "2026-03-10", "text": text}, ensure_ascii=False)
    batch.write_text(line + "\r\n" + line + "\n", encoding="utf-8")
    rows = [json.loads(x) for x in cli("extract", "--jsonl", str(batch)).stdout.splitlines()]
    assert [r["strikes"][0]["drones"] for r in rows] == [{"min": 31, "max": 31}] * 2
    batch.write_text(line + "\r\n" + line + "\n" + '{"id": "t"}\n', encoding="utf-8")
    bad = cli("extract", "--jsonl", str(batch))
    assert bad.returncode != 0 and "batch.jsonl:3:" in bad.stderr


def test_missing_published_is_a_clear_error() -> None:
    out = cli("extract", str(NIGHT))
    assert out.returncode != 0 and "--published" in out.stderr


@needs_shared
def test_news_turns_undetermined_into_a_breach_citing_both_reports(tmp_path: Path) -> None:
    tw = Trucewatch(str(tmp_path / "tw.db"))
    tw.add_registry()
    tw.ingest_airforce(AIRFORCE)

    def night_verdict() -> tuple[VerdictKind, tuple[str, ...], str]:
        verdicts = tw.judge(pledge="kyiv26-cold-pause", reading="UA")
        (v,) = [v for v in verdicts if v.strike_start.isoformat().startswith("2026-02-02T18:00")]
        return v.verdict, v.reports, v.why

    before, reports_before, why_before = night_verdict()
    assert before is VerdictKind.UNDETERMINED and "targets not reported" in why_before
    result = tw.ingest_text(
        NIGHT.read_text(encoding="utf-8"),
        published=date(2026, 2, 3),
        source="example-wire",
        kind=SourceKind.WIRE,
    )
    assert result.summary.strikes_new == 1
    after, reports_after, why_after = night_verdict()
    assert after is VerdictKind.BREACH
    assert set(reports_before) < set(reports_after)
    news_report = next(r for r in tw.reports(list(reports_after)) if r.format == "text")
    assert news_report.source == "example-wire"
    assert "evidence confirmed" in why_after
    # The recorded strikes are untouched: without merging, the official one is still undetermined.
    raw = tw.judge(pledge="kyiv26-cold-pause", reading="UA", merged=False)
    official = [v for v in raw if v.reports == reports_before]
    assert [v.verdict for v in official] == [VerdictKind.UNDETERMINED]


@needs_shared
def test_strikes_show_lists_merged_reports_and_why(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    with Trucewatch(str(db)) as tw:
        tw.ingest_airforce(AIRFORCE)
        tw.ingest_text(
            NIGHT.read_text(encoding="utf-8"), published=date(2026, 2, 3), source="example-wire"
        )
        night = [
            s for s in tw.strike_records() if s.start.isoformat().startswith("2026-02-02T18:00")
        ]
    (strike,) = night
    assert strike.credibility is Credibility.CONFIRMED
    shown = cli("--db", str(db), "strikes", "show", strike.id).stdout
    assert "example-wire" in shown and "kpszsu" in shown
    assert "merge.v1: merged with" in shown and "counts drones 450 vs 450" in shown


def test_html_page_main_text_only(tmp_path: Path) -> None:
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        result = tw.ingest_html(str(NEWS / "page.html"))
        (report,) = tw.reports()
        (strike,) = tw.strike_records()
    assert result.summary.reports_new == 1
    assert "Cookie" not in report.content and "newsletter" not in report.content
    assert report.source == "news.example.org" and report.published is not None
    assert strike.drones is not None and strike.drones.min == 37
    assert strike.killed == 2 and [p.name for p in strike.places] == ["Odesa"]


@pytest.fixture
def served(local_site: LocalSite) -> str:
    shutil.copytree(NEWS, local_site.root, dirs_exist_ok=True)
    return local_site.url


def test_rss_feed_items_are_reports_and_pledges_are_drafts(tmp_path: Path, served: str) -> None:
    db = tmp_path / "tw.db"
    out = cli("--db", str(db), "ingest", "rss", f"{served}/feed.xml")
    assert out.returncode == 0, out.stderr
    assert "2 texts" in out.stdout and "1 draft pledge," in out.stdout
    again = cli("--db", str(db), "ingest", "rss", f"{served}/feed.xml")
    assert "0 new reports (2 known)" in again.stdout
    with Trucewatch(str(db)) as tw:
        reports = tw.reports()
        assert {r.source for r in reports} == {"wire.example.net"}
        assert all(r.format == "rss" and r.url for r in reports)
        (strike,) = tw.strike_records()
        assert strike.killed == 3 and strike.injured == 11
        (draft,) = tw.pledges()
        assert draft.draft and draft.parties == ("RU",)
        assert tw.judge() == [v for v in tw.judge() if v.pledge != draft.id]
    confirmed = cli("--db", str(db), "pledges", "confirm", draft.id)
    assert confirmed.stdout.strip().endswith("amended")
    with Trucewatch(str(db)) as tw:
        assert not tw.pledge(draft.id).draft
        assert [e.kind for e in tw.history(draft.id)] == ["pledge.added", "pledge.amended"]


def _junk_feed(site: LocalSite) -> str:
    """The test feed with a word-less item before, between and after its two good ones."""
    feed = (NEWS / "feed.xml").read_text(encoding="utf-8")
    junk = (
        "<item><title>{0}</title><guid>junk-{0}</guid>"
        "<pubDate>Tue, 16 Dec 2025 16:00:00 +0200</pubDate>"
        "<description>--- 12345 ---</description></item>\n"
    )
    head, first, second = feed.split("<item>")
    parts = [head, junk.format(1), "<item>" + first, junk.format(3), "<item>" + second]
    second_end = parts[-1].index("</channel>")
    parts[-1] = parts[-1][:second_end] + junk.format(5) + parts[-1][second_end:]
    (site.root / "junk-feed.xml").write_text("".join(parts), encoding="utf-8")
    return f"{site.url}/junk-feed.xml"


def test_junk_feed_items_are_skipped_by_position_and_the_rest_recorded(
    tmp_path: Path, local_site: LocalSite
) -> None:
    """A junk item no longer stops the feed: it is named by position with its E8xx code, the
    good items before and after it are recorded, and the exit code says partial (3)."""
    url = _junk_feed(local_site)
    db = tmp_path / "tw.db"
    out = cli("--db", str(db), "ingest", "rss", url)
    assert out.returncode == 3, (out.stdout, out.stderr)
    for position in (1, 3, 5):
        assert f"E806: {url}: item {position} ({url}#junk-{position}): the text" in out.stderr
    assert "5 texts, 2 new reports" in out.stdout
    with Trucewatch(str(db)) as tw:
        assert {r.url for r in tw.reports()} == {
            "https://wire.example.net/ukraine/kharkiv-strike",
            "https://wire.example.net/ukraine/christmas-truce",
        }
        assert tw.verify().ok
        again = tw.ingest_rss(url)
        assert [e.code for e in again.errors] == ["E806"] * 3
        assert again.summary.added_nothing and again.rows == 5


def _feed(path: Path, *texts: str) -> str:
    item = (
        "<item><title>Item {0}</title><guid>item-{0}</guid>"
        "<pubDate>Thu, 18 Sep 2025 09:00:00 +0300</pubDate><description>{1}</description></item>"
    )
    items = "".join(item.format(n, text) for n, text in enumerate(texts, start=1))
    path.write_text(f"<rss version='2.0'><channel>{items}</channel></rss>", encoding="utf-8")
    return str(path)


def test_a_feed_item_with_a_run_of_digits_is_read_with_no_count(tmp_path: Path) -> None:
    feed = _feed(
        tmp_path / "digits.xml",
        "Overnight Russia launched " + "7" * 5000 + " drones at Sumy.",
        "Уночі ворог запустив " + "7" * 400 + " дронів по Сумах.",
        "Overnight Russia launched 60 drones at Poltava.",
    )
    out = cli("--db", str(tmp_path / "tw.db"), "ingest", "rss", feed)
    assert out.returncode == 0, out.stderr
    assert "3 texts, 3 new reports" in out.stdout


def test_a_feed_item_the_extractor_fails_on_is_skipped_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trucewatch.cli.ingest import report_news
    from trucewatch.extract import dispatch

    real = dispatch.extract_any

    def failing(text: str, published: date, lang: str | None = None) -> object:
        if "Poltava" in text:
            raise ValueError("a bug in the rules")
        return real(text, published, lang)

    monkeypatch.setattr(dispatch, "extract_any", failing)
    feed = _feed(
        tmp_path / "bug.xml",
        "Overnight Russia launched 60 drones at Sumy.",
        "Overnight Russia launched 50 drones at Poltava.",
        "Overnight Russia launched 40 drones at Odesa.",
    )
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        result = tw.ingest_rss(feed)
        assert [e.code for e in result.errors] == ["E899"]
        (error,) = result.errors
        assert f"{feed}: item 2 ({feed}#item-2): internal error" in error.message
        assert isinstance(error.__cause__, ValueError)
        assert len(tw.reports()) == 2
        with pytest.raises(ValueError):
            tw.ingest_text("Russia hit Poltava.", published=DAY_AFTER, source="wire")
    monkeypatch.setenv("TRUCEWATCH_LOG_DIR", str(tmp_path / "log"))
    with pytest.raises(typer.Exit):
        report_news(result)
    assert "a bug in the rules" in (tmp_path / "log" / "errors.log").read_text(encoding="utf-8")


def test_a_feed_of_junk_only_exits_2(tmp_path: Path, local_site: LocalSite) -> None:
    junk = "<item><title>{0}</title><description>...</description></item>"
    items = "".join(junk.format(i) for i in range(2))
    path = local_site.root / "only-junk.xml"
    path.write_text(f"<rss version='2.0'><channel>{items}</channel></rss>", encoding="utf-8")
    out = cli("--db", str(tmp_path / "tw.db"), "ingest", "rss", str(path))
    assert out.returncode == 2, out.stderr
    assert "item 1" in out.stderr and "item 2" in out.stderr


def test_unreadable_feed_and_page_are_clear_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"\x00\x01 not a feed")
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        with pytest.raises(InputError, match=r"junk\.xml"):
            tw.ingest_rss(str(junk))
        empty = tmp_path / "empty.html"
        empty.write_text("<html><body></body></html>", encoding="utf-8")
        with pytest.raises(InputError, match="no article text"):
            tw.ingest_html(str(empty), published=date(2025, 1, 1))
        assert tw.verify().ok and tw.reports() == []


SEED_DATES = {
    # Publication dates as the articles themselves or their events give them.
    "000": date(2026, 2, 3),
    "001": date(2026, 2, 4),
    "002": date(2025, 12, 10),
    "003": date(2025, 12, 3),
    "004": date(2025, 8, 22),
}


@needs_shared
def test_seed_articles_ingest_and_their_strikes_cite_them(tmp_path: Path) -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        for path in seeds:
            result = tw.ingest_text(
                path.read_text(encoding="utf-8"),
                published=SEED_DATES[path.name[:3]],
                source=f"seed-{path.name[:3]}",
            )
            assert result.summary.reports_new == 1
        strikes = tw.strike_records(merged=False)
        assert strikes, "the seed articles describe strikes"
        sources = {r.id: r.source for r in tw.reports()}
        for s in strikes:
            assert s.reports and all(sources[r].startswith("seed-") for r in s.reports)
        by_seed = {sources[r] for s in strikes for r in s.reports}
        assert {"seed-000", "seed-001", "seed-004"} <= by_seed
        assert tw.verify().ok


def test_the_same_text_on_another_day_is_refused_and_the_first_kept(db: str) -> None:
    tw = Trucewatch(db)
    text = NIGHT.read_text(encoding="utf-8")
    first = tw.ingest_text(text, published=date(2026, 2, 3), source="example-wire")
    assert first.summary.strikes_new == 1
    (strike,) = tw.strike_records(merged=False)
    again = tw.ingest_text(text, published=date(2026, 2, 3), source="example-wire")
    assert again.summary.strikes_new == 0  # the same text on the same day: nothing new
    with pytest.raises(InputError) as caught:
        tw.ingest_text(text, published=date(2030, 1, 1), source="example-wire")
    assert caught.value.code == "E174"
    assert "published 2026-02-03" in caught.value.message
    assert "published 2030-01-01" in caught.value.message
    assert tw.strike_records(merged=False) == [
        strike
    ]  # nothing dated from the other day was recorded


def test_a_feed_date_is_the_kyiv_day_not_the_utc_day() -> None:
    """01:30 at +02:00 on 3 February is 23:30 UTC on 2 February: the Kyiv day is the 3rd."""
    from trucewatch.ingest.news import rss_items

    feed = (
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><guid>a</guid><pubDate>Tue, 03 Feb 2026 01:30:00 +0200</pubDate>"
        b"<description>Overnight Russia attacked Odesa with 25 drones.</description></item>"
        b"<item><guid>b</guid><pubDate>Mon, 02 Feb 2026 22:30:00 +0000</pubDate>"
        b"<description>Drones hit Sumy.</description></item>"
        b"</channel></rss>"
    )
    items = list(rss_items(feed, "feed.xml"))
    assert [i.published for i in items] == [date(2026, 2, 3), date(2026, 2, 3)]


@pytest.mark.parametrize("space", ["&nbsp;", "&#8239;", "\u00a0", "&thinsp;"])
def test_a_page_or_feed_keeps_a_numbers_thousands_grouped(space: str) -> None:
    """trafilatura writes every space as " ": "1&nbsp;200 drones" became "1 200 drones", 1."""
    from trucewatch.ingest.news import html_item, rss_items

    para = f"Overnight Russia launched 1{space}450{space}drones at Ukraine, the air force said."
    page = (
        "<html><head><meta charset='utf-8'><title>Drones</title></head><body><article>"
        f"<h1>A night of drones</h1><p>{para} Energy facilities in Lviv were hit.</p>"
        "</article></body></html>"
    )
    feed = (
        "<rss version='2.0'><channel><title>t</title><item><guid>a</guid>"
        "<pubDate>Tue, 03 Feb 2026 09:30:00 +0200</pubDate>"
        f"<description>&lt;p&gt;{para.replace('&', '&amp;')}&lt;/p&gt;</description>"
        "</item></channel></rss>"
    )
    (item,) = list(rss_items(feed.encode(), "feed.xml"))
    for text in (html_item(page.encode(), None, "page.html").text, item.text):
        assert "1\u00a0450" in text
        (strike,) = extract_any(text, date(2026, 2, 3)).strikes
        assert strike.drones is not None and strike.drones.min == 1450


_UNDATED = (
    "<html><head><meta charset='utf-8'><title>Attack</title></head><body><article>"
    "<h1>Attack on Kharkiv</h1><p>Overnight Russian forces attacked Kharkiv with 40 drones; "
    "three people were killed and twelve injured, the governor said.</p>"
    "<p>The city was also attacked on 14 January 2024, when a school was hit.</p>"
    "</article></body></html>"
)


def test_a_page_without_date_metadata_asks_for_published(tmp_path: Path) -> None:
    """A date in the body ("14 January 2024") is not the page's publication date."""
    page = tmp_path / "undated.html"
    page.write_text(_UNDATED, encoding="utf-8")
    db = tmp_path / "tw.db"
    out = cli("--db", str(db), "ingest", "html", str(page))
    assert out.returncode != 0 and "E172" in out.stderr and "--published" in out.stderr
    ok = cli("--db", str(db), "ingest", "html", str(page), "--published", "2026-02-03")
    assert ok.returncode == 0, ok.stderr
    with Trucewatch(str(db)) as tw:
        (report,) = tw.reports()
    assert report.published is not None and report.published.date() == date(2026, 2, 3)


_RU_PAGE = (
    '<html><head><meta charset="windows-1251"><title>Атака</title>'
    '<meta property="article:published_time" content="2026-02-03T08:00:00+02:00"></head>'
    "<body><article><h1>Атака на Харьков</h1><p>Этой ночью российские войска атаковали "
    "Харьков 40 ударными беспилотниками. Погибли три человека, ещё 12 ранены.</p>"
    "</article></body></html>"
)


def test_a_page_is_read_in_its_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "ru.html"
    page.write_bytes(_RU_PAGE.encode("cp1251"))
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ingest_html(str(page))
        (report,) = tw.reports()
    assert "Харьков 40 ударными" in report.content
    assert report.published is not None and report.published.date() == date(2026, 2, 3)


def test_a_page_in_an_undeclared_charset_names_the_byte(tmp_path: Path) -> None:
    page = tmp_path / "ru.html"
    page.write_bytes(_RU_PAGE.replace(' charset="windows-1251"', "").encode("cp1251"))
    out = cli("--db", str(tmp_path / "tw.db"), "ingest", "html", str(page))
    assert out.returncode != 0 and "E805" in out.stderr and "E806" not in out.stderr
    assert "byte 0x" in out.stderr and "not UTF-8" in out.stderr


def test_an_undated_feed_item_is_not_told_to_pass_published(tmp_path: Path) -> None:
    """`ingest rss` has no --published: the skipped item's E172 says the feed gave no date."""
    feed = tmp_path / "feed.xml"
    feed.write_text(
        "<rss version='2.0'><channel><title>t</title><item><guid>u</guid>"
        "<description>Overnight Russia attacked Odesa with 25 drones.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    out = cli("--db", str(tmp_path / "tw.db"), "ingest", "rss", str(feed))
    assert out.returncode == 2 and "E172" in out.stderr
    assert "the feed gives no usable date" in out.stderr and "--published" not in out.stderr


def test_an_official_text_is_its_party_s_account_and_not_a_second_source(db: str) -> None:
    """The Air Force's own text (official_ua) merged with its dataset row: UA's claim, and one
    owner, so not "2 independent sources"."""
    with Trucewatch(db) as tw:
        tw.ingest_airforce(AIRFORCE)
        tw.ingest_text(
            NIGHT.read_text(encoding="utf-8"),
            published=date(2026, 2, 3),
            source="Air Force of Ukraine",
            kind=SourceKind.OFFICIAL_UA,
        )
        own = [s for s in tw.strike_records(merged=False) if len(s.reports) == 1]
        texts = {r.id for r in tw.reports() if r.format == "text"}
        (night,) = [
            s for s in tw.strike_records() if s.start.isoformat().startswith("2026-02-02T18:00")
        ]
    from_text = [s for s in own if s.reports[0] in texts]
    assert from_text and all(s.claimed_by == "UA" for s in from_text)
    assert len(night.reports) > 1 and night.claimed_by == "UA"
    assert night.credibility is not Credibility.FAIR
    assert not any("independent" in n for n in night.notes), night.notes


RU_NIGHT = "В ночь на 3 февраля над Курской областью уничтожено 20 украинских беспилотников."


def _kursk(db: Path) -> list[str]:
    with Trucewatch(str(db)) as tw:
        return [p.name for s in tw.strike_records(merged=False) for p in s.places]


def test_ingest_text_reads_stdin_and_takes_the_language(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    out = cli(
        "--db", str(db), "ingest", "text", "-",
        "--published", "2026-02-03", "--source", "ru-mod", "--lang", "ru",
        stdin=RU_NIGHT,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "1 new strike," in out.stdout and _kursk(db) == ["Kursk Oblast"]
    bad = cli("--db", str(db), "ingest", "text", "-", "--published", "2026-02-03",
              "--source", "x", "--lang", "fr", stdin=RU_NIGHT)  # fmt: skip
    assert bad.returncode == 2 and "E196" in bad.stderr


def test_feeds_and_pages_take_the_language(tmp_path: Path, local_site: LocalSite) -> None:
    feed = local_site.root / "ru.xml"
    feed.write_text(
        "<rss version='2.0'><channel><title>t</title><item><guid>k</guid>"
        f"<pubDate>Tue, 03 Feb 2026 09:00:00 +0200</pubDate><description>{RU_NIGHT}"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    page = local_site.root / "ru.html"
    page.write_text(f"<html><body><article><p>{RU_NIGHT}</p></article></body></html>")
    db = tmp_path / "tw.db"
    assert cli("--db", str(db), "ingest", "rss", str(feed), "--lang", "ru").returncode == 0
    assert _kursk(db) == ["Kursk Oblast"]
    db2 = tmp_path / "tw2.db"
    out = cli("--db", str(db2), "ingest", "html", f"{local_site.url}/ru.html",
              "--published", "2026-02-03", "--lang", "ru")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert _kursk(db2) == ["Kursk Oblast"]
    with Trucewatch(str(db2)) as tw, pytest.raises(InputError) as err:
        tw.ingest_rss(str(tmp_path / "no-such.xml"), lang="fr")  # refused before reading
    assert err.value.code == "E196"


def test_an_empty_source_is_refused(tmp_path: Path) -> None:
    out = cli("--db", str(tmp_path / "tw.db"), "ingest", "text", str(NIGHT),
              "--published", "2026-02-03", "--source", "")  # fmt: skip
    assert out.returncode == 2 and "E104" in out.stderr and "source" in out.stderr
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        assert tw.reports() == []
        with pytest.raises(InputError, match="source"):
            tw.ingest_html(str(NEWS / "page.html"), source="  ")


def test_extract_jsonl_refuses_a_file_or_a_date_beside_it(tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id": 1, "published": "2026-02-03", "text": "Drones hit Sumy."}\n')
    for extra in ([str(NIGHT)], ["--published", "2026-02-03"]):
        out = cli("extract", "--jsonl", str(batch), *extra)
        assert out.returncode == 2 and "E104" in out.stderr and "--jsonl" in out.stderr
        assert out.stdout == ""


def test_a_publication_day_after_today_is_recorded_with_a_warning(tmp_path: Path) -> None:
    args = ["--published", "2099-02-03"]
    out = cli("--db", str(tmp_path / "tw.db"), "ingest", "text", str(NIGHT), *args,
              "--source", "wire")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "warning" in out.stderr and "after today" in out.stderr
    ext = cli("extract", str(NIGHT), *args)
    assert ext.returncode == 0 and "after today" in ext.stderr
    past = cli("extract", str(NIGHT), "--published", "2026-02-03")
    assert "warning" not in past.stderr


@pytest.mark.parametrize("lang", [None, "ru"])
def test_only_an_english_text_makes_claims(lang: str | None) -> None:
    from trucewatch.ingest.news import NewsItem, news_record

    def claims(text: str, lang: str | None = None) -> int:
        item = NewsItem(text, date(2025, 4, 20), None, lang=lang)
        record = news_record(item, source="desk", kind=SourceKind.OFFICIAL_UA, fmt="text")
        return len(record.claims)

    # the speaker of a Russian text is not found, and the source's party would stand in for
    # Peskov's: a claim made by the wrong side
    russian = "Песков заявил, что Украина нарушила пасхальное перемирие более 50 раз."
    assert claims(russian, lang) == 0
    assert claims("Peskov said Ukraine had violated the Easter truce more than 50 times.") == 1


def test_the_evidence_of_a_text_is_read_in_the_language_it_was_ingested_in(
    tmp_path: Path,
) -> None:
    """A Ukrainian or Russian text's spans come from the extractor of its language, also when
    --lang chose another reading than detection would (the strike ids must match)."""
    for lang, fields in (("uk", {"places"}), (None, {"places", "drones"})):
        text = "Удар по Одессе: 15 дронов."  # read as Russian when detected
        with Trucewatch(str(tmp_path / f"{lang}.db")) as tw:
            tw.ingest_text(text, published=date(2026, 2, 3), source="desk", lang=lang)
            (report,) = tw.reports()
            (recorded,) = tw.strike_records(merged=False)
            spans = tw.evidence(report)
        assert list(spans) == [recorded.id] and set(spans[recorded.id]) == fields
        assert [text[a:b] for a, b in spans[recorded.id]["places"]] == ["Одессе"]


def _page(head: str, town: str) -> str:
    return (
        f'<html><head><meta charset="utf-8"><title>Night</title>{head}'
        '<meta name="date" content="2026-02-03"></head><body><article><h1>Night attack</h1>'
        f"<p>Russia attacked {town} with 30 drones overnight, the regional governor said on "
        "Tuesday. Two people were injured and a warehouse burned down.</p></article></body></html>"
    )


def test_local_pages_without_source_are_named_by_their_site_or_file(tmp_path: Path) -> None:
    """A saved page is its canonical link's host, else its og:site_name, else its file's name:
    two different files never share the source "html" (they would count as one outlet)."""
    pages = {
        "odesa.html": _page("", "Odesa"),
        "sumy.html": _page("", "Sumy"),
        "kharkiv.html": _page('<meta property="og:site_name" content="Kharkiv Daily">', "Kharkiv"),
        "dnipro.html": _page(
            '<link rel="canonical" href="https://www.dnipro.example/n/1">', "Dnipro"
        ),
    }
    db = tmp_path / "tw.db"
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
        out = cli("--db", str(db), "ingest", "html", str(tmp_path / name))
        assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("dnipro.example: 1 text,")
    with Trucewatch(str(db)) as tw:
        got = {r.locator: r.source for r in tw.reports()}
    assert got == {
        str(tmp_path / "odesa.html"): "odesa.html",
        str(tmp_path / "sumy.html"): "sumy.html",
        str(tmp_path / "kharkiv.html"): "Kharkiv Daily",
        str(tmp_path / "dnipro.html"): "dnipro.example",
    }
    assert "og:site_name" in " ".join(cli("ingest", "html", "--help").stdout.split())


@pytest.mark.parametrize("url", ["http://[::1", "http://example.com:abc/page", "https://"])
def test_a_malformed_url_is_bad_input_not_an_internal_error(tmp_path: Path, url: str) -> None:
    for command in ("html", "rss"):
        out = cli("--db", str(tmp_path / "tw.db"), "ingest", command, url)
        assert out.returncode == 2 and "E175" in out.stderr and url in out.stderr, out.stderr


def _channel(path: Path, head: str, *items: tuple[str, str]) -> str:
    body = "".join(
        f"<item><title>{title}</title><guid>{path.stem}-{n}</guid>{link}"
        "<pubDate>Tue, 03 Feb 2026 09:00:00 +0200</pubDate>"
        f"<description>Russia attacked {title} with 30 drones overnight.</description></item>"
        for n, (title, link) in enumerate(items, start=1)
    )
    path.write_text(f"<rss version='2.0'><channel>{head}{body}</channel></rss>", encoding="utf-8")
    return str(path)


def test_local_feed_items_without_a_link_are_named_by_the_feed(tmp_path: Path) -> None:
    """An item with no link of its own is the feed's link host, else its title, else the file's
    name, as a saved page is: items of different feeds never all share the source "rss"."""
    feeds = [
        _channel(tmp_path / "a.xml", "<link>https://www.odesa.example/news</link>", ("Odesa", "")),
        _channel(
            tmp_path / "b.xml",
            "<title>Sumy Wire</title>",
            ("Sumy", ""),
            ("Kharkiv", "<link>https://kharkiv.example/1</link>"),
        ),
        _channel(tmp_path / "c.xml", "", ("Dnipro", "")),
    ]
    db = tmp_path / "tw.db"
    for feed in feeds:
        out = cli("--db", str(db), "ingest", "rss", feed)
        assert out.returncode == 0, out.stderr
    with Trucewatch(str(db)) as tw:
        got = {r.locator: r.source for r in tw.reports()}
    assert got == {
        f"{feeds[0]}#a-1": "odesa.example",
        f"{feeds[1]}#b-1": "Sumy Wire",
        f"{feeds[1]}#b-2": "kharkiv.example",
        f"{feeds[2]}#c-1": "c.xml",
    }
    assert "title" in " ".join(cli("ingest", "rss", "--help").stdout.split())
