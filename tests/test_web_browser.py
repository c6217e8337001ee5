"""The dashboard in a real browser: Playwright driving Debian's headless Chromium.

Click through overview -> pledge -> breach -> strike -> report text; the chart and the map are
drawn; an ingest on one page shows up live on another; script payloads in ingested text never
run (dialogs and console errors are listened for). Screenshots go to ``artefacts/screens``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import trucewatch
from conftest import REPO, SHARED
from factories import news_report
from trucewatch.model import Claim, ClaimAssertion
from trucewatch.web import create_app
from webserver import demo_ledger, serving

SCREENS = REPO / "artefacts" / "screens"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAYLOAD = (
    "KYIV, Feb 4 - Russia fired 33 drones at Odesa overnight, hitting a substation, "
    "officials said. "
    '<script>alert("xss")</script><img src=x onerror="alert(1)"><svg onload=alert(2)>'
)


CLAIM_TEXT = (
    "WASHINGTON - \"He kept his word <script>alert('claim')</script>\", the envoy said of "
    "the pause, <img src=x onerror=alert(4)> adding that talks would go on."
)
CLAIM_REPORT = news_report(CLAIM_TEXT, source="Claim Wire <i>")
CLAIM_SPAN = (CLAIM_TEXT.index("He kept"), CLAIM_TEXT.index("</script>") + len("</script>"))


def _xss_claim() -> Claim:
    return Claim(
        id="c-xss0000000000001",
        speaker="US",
        person='Envoy <img src=x onerror="alert(5)">',
        said=datetime(2026, 2, 3, 12, tzinfo=UTC),
        statement=CLAIM_TEXT[CLAIM_SPAN[0] : CLAIM_SPAN[1]],
        asserts=ClaimAssertion.KEPT,
        about="RU",
        report=CLAIM_REPORT.id,
        source=CLAIM_REPORT.source,
        span=CLAIM_SPAN,
        pledge="kyiv26-cold-pause",
        link="given",
    )


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - a dev extra
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, but there is no Chromium at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _playwright()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    db = str(tmp_path_factory.mktemp("browser") / "tw.db")
    demo_ledger(db)
    with trucewatch.open(db) as tw:
        secret = tw.create_token("browser analyst", "analyst")[1]
        tw.add_bundled_claims()
        tw.ledger.record([CLAIM_REPORT], [], note="a claim's source")
        tw.record_claims([_xss_claim()])
    app = create_app(db)
    with serving(app) as base:
        yield base, secret
    app.state.desk.tw.close()


class Watch:
    """Dialogs, page errors and console errors seen on a page."""

    def __init__(self, page: Any) -> None:
        self.problems: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("console", self._console)

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.problems.append(f"console: {msg.text}")


def _shot(page: Any, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def test_click_from_overview_to_the_words_of_a_source(browser: Any, site: tuple[str, str]) -> None:
    base, _ = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(base + "/")
    assert page.locator("#chart svg").count() == 1
    assert page.locator("#chart svg").bounding_box()["height"] > 100
    _shot(page, "01-overview")
    page.click("a.pledge-link[href='/pledges/kyiv26-cold-pause']")
    page.wait_for_url("**/pledges/kyiv26-cold-pause")
    assert page.locator(".timeline .bar").count() >= 1
    _shot(page, "02-pledge")
    page.locator("tr.v-breach a.strike-link").first.click()
    page.wait_for_url("**/strikes/*")
    text = page.locator("blockquote.source-text").first
    assert text.is_visible() and len(text.inner_text()) > 20
    _shot(page, "03-strike")
    page.locator("#reports h3 a").first.click()
    page.wait_for_url("**/reports/r-*")
    assert page.locator("#report-text").inner_text().strip()
    _shot(page, "04-report")
    assert watch.problems == []
    page.close()


@pytest.mark.skipif(not SHARED.is_dir(), reason="the map needs ../shared's ADM1 boundaries")
def test_the_map_is_drawn(browser: Any, site: tuple[str, str]) -> None:
    base, _ = site
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    watch = Watch(page)
    page.goto(base + "/map?from=2026-01-01&to=2026-02-28")
    shapes = page.locator("#oblast-map path.oblast")
    assert shapes.count() >= 24
    assert page.locator("#oblast-map").bounding_box()["width"] > 500
    hit = page.locator("#oblast-map path.oblast:not([data-count='0'])")
    assert hit.count() > 0 and hit.first.get_attribute("fill") != "#f4f4f2"
    _shot(page, "05-map")
    assert watch.problems == []
    page.close()


def test_an_ingest_shows_up_live_and_its_payload_never_runs(
    browser: Any, site: tuple[str, str]
) -> None:
    base, secret = site
    reader = browser.new_page(viewport={"width": 1280, "height": 900})
    reader_watch = Watch(reader)
    reader.goto(base + "/")
    reader.wait_for_function("document.getElementById('age') !== null || true")
    before = reader.locator("#live").inner_text()

    analyst_ctx = browser.new_context()
    analyst = analyst_ctx.new_page()
    analyst_watch = Watch(analyst)
    analyst.goto(base + "/login")
    analyst.fill("input[name=token]", secret)
    analyst.click("form[action='/login'] button")
    analyst.wait_for_url("**/desk")
    analyst.fill("#ingest-text input[name=source]", "Live Test Wire <b>")
    analyst.fill("#ingest-text input[name=published]", "2026-02-03")
    analyst.fill("#ingest-text textarea[name=text]", PAYLOAD)
    analyst.click("#ingest-text button")
    analyst.wait_for_selector("#done")
    assert "1 new report" in analyst.locator("#done").inner_text()
    _shot(analyst, "06-desk-after-ingest")

    # the overview that was already open shows the new report without a reload
    reader.wait_for_selector("#newest >> text=Live Test Wire <b>", timeout=15_000)
    assert reader.locator("#live").inner_text() != before
    _shot(reader, "07-overview-live")
    reader.locator("#newest a", has_text="Live Test Wire").first.click()
    reader.wait_for_url("**/reports/r-*")
    assert "<script>alert" in reader.locator("#report-text").inner_text()
    _shot(reader, "08-xss-report")
    assert reader_watch.problems == [] and analyst_watch.problems == []
    reader.close()
    analyst_ctx.close()


def test_from_a_pledge_to_a_claim_checked_reading_by_reading(
    browser: Any, site: tuple[str, str]
) -> None:
    base, _ = site
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    watch = Watch(page)
    page.goto(base + "/pledges/kyiv26-cold-pause")
    claims = page.locator("#claims a.claim-link")
    assert claims.count() >= 2  # the bundled claims about the pause, and ours
    claims.filter(has_text="He kept his word").first.click()
    page.wait_for_url("**/claims/c-xss0000000000001")
    # the statement, escaped: its script is text on the page, never run
    assert "<script>alert('claim')</script>" in page.locator("#statement").inner_text()
    # the source report with the claim's words highlighted
    marked = page.locator("#claim-text mark")
    assert marked.count() == 1 and marked.inner_text().startswith("He kept his word")
    assert "onerror=alert(4)" in page.locator("#claim-text").inner_text()
    # the linked pledge, and the outcome under each reading and the strictest
    assert page.locator("#claim-source a.pledge-link").get_attribute("href") == (
        "/pledges/kyiv26-cold-pause"
    )
    rows = page.locator("#checks tbody tr")
    readings = [rows.nth(i).get_attribute("data-reading") for i in range(rows.count())]
    assert {"US", "RU", "UA", "strictest"} <= set(readings)
    outcomes = {rows.nth(i).get_attribute("data-outcome") for i in range(rows.count())}
    assert outcomes <= {"supported", "contradicted", "unsupported", "untestable"}
    assert page.locator("#checks tr.check-speaker").count() == 1
    _shot(page, "10-claim")
    page.locator("#claim-source a.pledge-link").click()
    page.wait_for_url("**/pledges/kyiv26-cold-pause")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watch.problems == []
    page.close()


def test_readable_on_a_phone(browser: Any, site: tuple[str, str]) -> None:
    base, _ = site
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = ctx.new_page()
    page.goto(base + "/pledges/kyiv26-cold-pause")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "no sideways scrolling of the page itself on a phone"
    _shot(page, "09-phone-pledge")
    ctx.close()


def test_every_strike_page_fits_a_phone(browser: Any, site: tuple[str, str]) -> None:
    """A strike's notes quote its sources' URLs; unbroken, they pushed the page sideways."""
    import httpx

    base, _ = site
    strikes = httpx.get(f"{base}/api/v1/strikes", params={"limit": 1000}).json()["items"]
    ctx = browser.new_context(viewport={"width": 375, "height": 740})
    page = ctx.new_page()
    wide = []
    for s in strikes:
        page.goto(f"{base}/strikes/{s['id']}")
        if page.evaluate("document.documentElement.scrollWidth") > 375:
            wide.append(s["id"])
    if wide:
        _shot(page, "10-phone-strike")
    ctx.close()
    assert strikes and not wide, f"{len(wide)} of {len(strikes)} strike pages scroll sideways"


def test_pages_read_without_javascript(browser: Any, site: tuple[str, str]) -> None:
    base, _ = site
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base + "/")
    page.click("a.pledge-link[href='/pledges/kyiv26-cold-pause']")
    page.locator("tr.v-breach a.strike-link").first.click()
    assert page.locator("blockquote.source-text").first.inner_text()
    ctx.close()
