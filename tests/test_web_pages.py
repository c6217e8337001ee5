"""The dashboard's pages as a browser without JavaScript gets them: content, links, escaping."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

import trucewatch
from conftest import needs_shared
from trucewatch.web import create_app
from webserver import demo_ledger, serving

XSS_TEXT = (
    "KYIV, Feb 3 - Russia fired 45 drones at Odesa overnight, hitting a substation, officials"
    ' said on Tuesday. <script>alert("x")</script> <img src=x onerror=alert(1)> "quoted" & more'
)
XSS_PLEDGE = """\
id: xss-pledge
title: <script>alert('pledge')</script> pause <img src=x onerror=alert(2)>
parties: [RU]
status: agreed
readings:
  - by: UA
    start: 2026-02-01T00:00+02:00
    end: 2026-02-08T00:00+02:00
    note: <b onmouseover=alert(4)>note</b>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    db = str(tmp_path_factory.mktemp("pages") / "tw.db")
    demo_ledger(db)
    with trucewatch.open(db) as tw:
        secret = tw.create_token("page editor", "editor")[1]
    app = create_app(db)
    with (
        serving(app) as base,
        httpx.Client(base_url=base, timeout=120, headers={"Accept": "text/html"}) as client,
    ):
        yield client, secret
    app.state.desk.tw.close()


def test_overview_lists_pledges_chart_and_newest_reports(site: tuple[httpx.Client, str]) -> None:
    client, _ = site
    html = client.get("/").text
    assert 'name="viewport"' in html
    assert 'href="/pledges/kyiv26-cold-pause"' in html
    assert '<div class="figure"><svg' in html
    assert 'id="newest"' in html and "/reports/r-" in html
    assert "ledger last changed" in html


def test_pledge_page_shows_readings_verdicts_and_protocol(site: tuple[httpx.Client, str]) -> None:
    client, _ = site
    html = client.get("/pledges/kyiv26-cold-pause").text
    assert "Readings side by side" in html and 'class="bar"' in html
    assert "verdict-breach" in html and "/strikes/s-" in html
    assert "Protocol (" in html
    only_ua = client.get("/pledges/kyiv26-cold-pause", params={"verdict": "no_breach"}).text
    assert "verdict-no_breach" in only_ua and 'verdict-breach"' not in only_ua
    assert client.get("/pledges/nope").status_code == 404


ONE_PLURAL = re.compile(r"(?<![\d.,\u202f])1 (breaches|strikes|entries|pledges|times)\b")


def test_counts_of_one_take_the_singular(site: tuple[httpx.Client, str]) -> None:
    client, _ = site
    html = client.get("/pledges/kyiv26-cold-pause").text
    text = re.sub(r"<[^>]+>", "", html)
    assert "1 breach," in text  # the demo pledge has one breach under one reading
    pages = ["/", "/ledger", "/map?from=2026-01-01&to=2026-02-28"]
    pledges = re.findall(r'href="/pledges/([^"?]+)"', client.get("/").text)
    for path in pages + [f"/pledges/{p}" for p in pledges]:
        text = re.sub(r"<[^>]+>", "", client.get(path).text)
        assert not ONE_PLURAL.search(text), path


def test_strike_page_has_its_reports_text(site: tuple[httpx.Client, str]) -> None:
    client, _ = site
    pledge = client.get("/pledges/kyiv26-cold-pause").text
    strike = re.search(r'href="/strikes/([^"]+)"', pledge)
    assert strike
    html = client.get(f"/strikes/{strike.group(1)}").text
    assert 'class="source-text"' in html and "Its reports" in html


def test_text_from_reports_and_pledges_is_escaped(site: tuple[httpx.Client, str]) -> None:
    client, secret = site
    auth = {"Authorization": f"Bearer {secret}"}
    r = client.post(
        "/api/v1/ingest/text",
        json={
            "text": XSS_TEXT,
            "published": "2026-02-03",
            "source": "<i>evil</i> wire",
            "url": "javascript:alert(3)",
        },
        headers=auth,
    )
    assert r.status_code == 200, r.text
    r = client.put(
        "/api/v1/pledges/xss-pledge",
        content=XSS_PLEDGE,
        headers={**auth, "Content-Type": "application/yaml"},
    )
    assert r.status_code == 200, r.text
    pages = [client.get(u).text for u in ("/", "/pledges/xss-pledge", "/ledger")]
    report = re.search(r'href="/reports/(r-[0-9a-f]+)">&lt;i&gt;evil', pages[0])
    assert report, "the new report is listed, its source escaped"
    pages.append(client.get(f"/reports/{report.group(1)}").text)
    strikes = re.findall(r'href="/strikes/([^"]+)"', pages[-1])
    assert strikes
    pages.append(client.get(f"/strikes/{strikes[0]}").text)
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<b onmouseover" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[3]
    assert "&lt;script&gt;alert(&#39;pledge&#39;)&lt;/script&gt;" in pages[1]
    assert 'href="#"' in pages[3], "a javascript: address is not a link"
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]


@needs_shared
def test_map_page_draws_oblasts(site: tuple[httpx.Client, str]) -> None:
    client, _ = site
    html = client.get("/map", params={"from": "2026-01-01", "to": "2026-02-28"}).text
    assert html.count('class="oblast"') >= 24
    counts = [int(c) for c in re.findall(r'data-count="(\d+)"', html)]
    assert sum(counts) > 0


def test_ledger_page_verifies_and_names_authors(site: tuple[httpx.Client, str]) -> None:
    client, _ = site
    html = client.get("/ledger").text
    assert 'id="verify" class="ok"' in html
    assert "command line" in html


def test_the_desk_needs_a_sign_in_and_ingests(site: tuple[httpx.Client, str]) -> None:
    client, secret = site
    r = client.get("/desk", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    bad = client.post("/login", data={"token": "tw_nope_nope"}, follow_redirects=False)
    assert bad.headers["location"] == "/login?failed=true"
    with httpx.Client(
        base_url=str(client.base_url),
        headers={"Accept": "text/html"},
        follow_redirects=True,
        timeout=120,
    ) as browser:
        ok = browser.post("/login", data={"token": secret}, follow_redirects=False)
        assert ok.status_code == 303 and "httponly" in ok.headers["set-cookie"].lower()
        assert "samesite=strict" in ok.headers["set-cookie"].lower()
        assert "Ingest a news text" in browser.get("/desk").text
        done = browser.post(
            "/desk/text",
            data={
                "source": "Desk Wire",
                "kind": "wire",
                "published": "2026-02-03",
                "text": "Overnight Russia launched 12 drones at Kharkiv.",
            },
        )
        assert "text ingested: 1 new report," in done.text
        assert "page editor (editor)" in browser.get("/ledger").text


RU_NIGHT = "В ночь на 3 февраля над Курской областью уничтожено 20 украинских беспилотников."


def test_the_desk_text_form_takes_the_language(site: tuple[httpx.Client, str]) -> None:
    client, secret = site
    with httpx.Client(
        base_url=str(client.base_url),
        headers={"Accept": "text/html"},
        follow_redirects=True,
        timeout=120,
    ) as browser:
        browser.post("/login", data={"token": secret})
        form = browser.get("/desk").text
        assert '<select name="lang">' in form
        assert all(f"<option>{v}</option>" in form for v in ("en", "uk", "ru"))
        assert '<option value="" selected>auto</option>' in form

        def ingest(lang: str, source: str) -> httpx.Response:
            data = {"source": source, "kind": "official_ru", "published": "2026-02-03"}
            return browser.post("/desk/text", data={**data, "text": RU_NIGHT, "lang": lang})

        # read as English, the Russian text names no strike; read as Russian, it does
        assert "0 new strikes" in ingest("en", "Desk EN").text
        assert "1 new strike," in ingest("ru", "Desk RU").text
        assert "text ingested" in ingest("", "Desk auto").text
        bad = ingest("fr", "Desk FR")
        assert bad.status_code == 422
        assert "E196" in bad.text and "lang" in bad.text and "&#x27;fr&#x27;" in bad.text


def test_static_files_and_unknown_pages(site: tuple[httpx.Client, str]) -> None:
    client, _ = site
    assert "EventSource" in client.get("/static/live.js").text
    assert client.get("/static/nope.js").status_code == 404
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and "<h1>404</h1>" in missing.text
