"""The daily brief for 2026-02-03, rendered for real: HTML, PDF, page PNGs and a screenshot."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import AIRFORCE, SHARED, LocalSite, needs_shared
from factories import kyiv, pledge, report, strike
from trucewatch.api import Trucewatch
from trucewatch.cli.main import app
from trucewatch.judge.engine import Judge
from trucewatch.report.boundaries import load_boundaries
from trucewatch.report.brief import Brief, brief_period, build_brief, night_of
from trucewatch.report.render import chromium_path, render_html, screenshot, write_brief, write_pdf

BOUNDARIES = (
    SHARED / "data" / "ukraine_adm1_boundaries" / "geoBoundaries-UKR-ADM1_simplified.geojson"
)
DAY = date(2026, 2, 3)
needs_boundaries = pytest.mark.skipif(
    not BOUNDARIES.is_file(), reason=f"{BOUNDARIES} (shared geoBoundaries ADM1) is not present"
)
needs_chromium = pytest.mark.skipif(
    chromium_path() is None, reason="Chromium is not installed (Debian package `chromium`)"
)
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm is not installed (Debian `poppler-utils`)"
)
DRONE_RGB = (0xC0, 0x39, 0x2B)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Trucewatch]:
    if not AIRFORCE.is_file():
        pytest.skip("../shared air-force data is not beside the repository")
    tw = Trucewatch(str(tmp_path_factory.mktemp("brief") / "tw.db"))
    tw.ingest_airforce(AIRFORCE)
    tw.add_registry()
    yield tw
    tw.close()


@pytest.fixture(scope="module")
def brief(ledger: Trucewatch) -> Brief:
    if not BOUNDARIES.is_file():
        pytest.skip(f"{BOUNDARIES} is not present")
    return build_brief(ledger, DAY, boundaries=BOUNDARIES)


@pytest.fixture(scope="module")
def html(brief: Brief) -> str:
    return render_html(brief)


def near(pixel: tuple[int, ...], rgb: tuple[int, int, int], tol: int = 12) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel[:3], rgb, strict=True))


def share(img: Image.Image, test: Callable[[tuple[int, ...]], bool]) -> float:
    small = img.convert("RGB").resize((img.width // 4, img.height // 4), Image.Resampling.NEAREST)
    raw = small.tobytes()
    pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]
    return sum(1 for p in pixels if test(p)) / len(pixels)


def test_period_and_night_rules() -> None:
    lo, hi = brief_period(DAY)
    assert lo == kyiv(2026, 2, 2, 18) and hi == kyiv(2026, 2, 4)
    assert night_of(strike("x", kyiv(2026, 2, 2, 18))) == DAY
    assert night_of(strike("y", kyiv(2026, 2, 3, 0))) == DAY


@needs_shared
@needs_boundaries
def test_brief_data_for_3_february(brief: Brief) -> None:
    big = [r for r in brief.strikes if r.drones == "450"]
    assert len(big) == 1 and big[0].missiles == "71"
    assert any(s.url and "kpszsu" in s.url for s in big[0].sources)
    assert "Kyiv Oblast" in big[0].places
    ids = [b.pledge.id for b in brief.in_force]
    assert "kyiv26-cold-pause" in ids
    cold = next(b for b in brief.in_force if b.pledge.id == "kyiv26-cold-pause")
    ua = next(r for r in cold.readings if r.by == "UA")
    assert ua.in_force and "energy" in ua.scope
    assert any(v.strike == big[0].strike.id for v in ua.verdicts)
    us = next(r for r in cold.readings if r.by == "US")
    assert not us.in_force and us.stage is not None  # breaches in the US week, still open
    assert brief.nights[-1].drones >= 450 and brief.nights[-1].missiles == 71
    assert len(brief.nights) == 30
    assert brief.map_svg is not None


@needs_shared
@pytest.mark.parametrize(
    "day", [DAY, date(2025, 3, 20), date(2025, 4, 20), date(2025, 5, 9), date(2025, 5, 16)]
)
def test_stages_from_stored_verdicts_equal_judging_again(ledger: Trucewatch, day: date) -> None:
    """The brief runs the protocol over the ledger's stored verdicts; judging the windows'
    strikes again (what a caller's own judge does) gives every block the same stage."""
    stored = build_brief(ledger, day).pledges
    judged = build_brief(ledger, day, judge=Judge()).pledges
    assert stored == judged
    assert stored  # the registry has pledges in force or just ended on each of these days
    if day == DAY:
        assert any(r.stage is not None for b in stored for r in b.readings)


@needs_shared
@needs_boundaries
def test_html_has_strike_pledges_chart_and_map(html: str) -> None:
    assert "Tuesday 03 February 2026" in html
    assert ">450<" in html and ">71<" in html
    assert 'id="pledge-kyiv26-cold-pause"' in html and 'data-reading="UA"' in html
    assert "Reading by UA" in html and "Reading by US" in html and "Reading by RU" in html
    assert html.count("<svg") == 2
    assert 'id="chart"' in html and "Drones and missiles launched per night" in html
    assert 'id="map"' in html and "geoBoundaries" in html
    assert "kpszsu" in html  # the report's source link
    assert "<script" not in html


def test_no_boundaries_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ledger.add_pledge(pledge())
        tw.ledger.record([report("r")], [strike("s1", kyiv(2026, 2, 3, 1), places=("Kharkiv",))])
        b = build_brief(tw, DAY)
        page = render_html(b)
    assert b.map_svg is None and b.map_note and "fetch boundaries" in b.map_note
    assert "fetch boundaries" in page and page.count("<svg") == 1
    assert [p.pledge.id for p in b.in_force] == ["p-test"]


def test_one_strike_and_one_pledge_are_singular(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ledger.add_pledge(pledge())
        tw.ledger.record([report("r")], [strike("s1", kyiv(2026, 2, 3, 1), places=("Kharkiv",))])
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", render_html(build_brief(tw, DAY))))
    assert "1 strike " in text and "1 pledge in force" in text
    assert not re.search(r"(?<![\d.,\u202f])1 (strikes|pledges|entries|drones|missiles)\b", text)


def test_html_is_autoescaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        p = pledge().model_copy(update={"title": "<script>alert(1)</script>"})
        tw.ledger.add_pledge(p)
        page = render_html(build_brief(tw, DAY))
    assert "<script>alert" not in page and "&lt;script&gt;" in page


@needs_shared
@needs_boundaries
def test_shared_boundaries_join_on_iso() -> None:
    from trucewatch.geo import default_gazetteer

    shapes = load_boundaries(BOUNDARIES)
    assert len(shapes) == 27
    gz = default_gazetteer()
    isos = {s.iso for s in shapes}
    for name in ("Kyiv Oblast", "Odesa oblast", "Zaporizhzhia oblast", "Kharkiv Oblast"):
        assert gz.iso_for_oblast(name) in isos


@needs_shared
@needs_boundaries
@needs_chromium
@needs_pdftoppm
def test_pdf_pages_are_not_blank_and_show_chart_and_map(html: str, tmp_path: Path) -> None:
    pdf = write_pdf(html, tmp_path / "brief.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 2 <= len(pages) <= 12
    for path in pages:
        with Image.open(path) as img:
            assert share(img, lambda p: min(p) < 235) > 0.01, f"{path.name} looks blank"
    with Image.open(pages[0]) as first:
        # page one holds the strike table; the chart and the map follow on the first pages
        assert share(first, lambda p: min(p) < 235) > 0.02
    reds = [share(Image.open(p), lambda px: near(px, DRONE_RGB, 30)) for p in pages[:3]]
    assert max(reds) > 0.002, "no drone bars (chart) on the first pages"
    oranges = [
        share(Image.open(p), lambda px: px[0] > 200 and 90 < px[1] < 190 and px[2] < 140)
        for p in pages[:3]
    ]
    assert max(oranges) > 0.01, "no shaded oblasts (map) on the first pages"


@needs_shared
@needs_boundaries
@needs_chromium
def test_screenshot_shows_chart_and_map(html: str, tmp_path: Path) -> None:
    png = screenshot(html, tmp_path / "shot.png", width=1200, height=3000)
    with Image.open(png) as img:
        assert img.size == (1200, 3000)
        # the chart sits in the top third, the map below it: check each band separately
        top = img.crop((0, 500, 1200, 1300))
        middle = img.crop((0, 1200, 1200, 2200))
        assert share(top, lambda p: near(p, DRONE_RGB, 30)) > 0.01
        assert share(middle, lambda p: p[0] > 200 and 90 < p[1] < 190 and p[2] < 140) > 0.03


@needs_shared
@needs_boundaries
def test_write_brief_and_the_command(ledger: Trucewatch, tmp_path: Path) -> None:
    written = write_brief(ledger, DAY, tmp_path / "out", boundaries=BOUNDARIES)
    assert written["html"].is_file()
    if chromium_path() is not None:
        assert written["pdf"].read_bytes()[:5] == b"%PDF-"
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(
        app,
        [
            "--db",
            ledger.db,
            "brief",
            "--date",
            "2026-02-03",
            "--out",
            str(out),
            "--boundaries",
            str(BOUNDARIES),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "kyiv26-cold-pause" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(app, ["--db", ledger.db, "brief", "--out", str(tmp_path / "x.doc")])
    assert bad.exception is not None and "E104" in str(bad.exception)


@needs_boundaries
def test_fetch_boundaries_from_a_local_server(tmp_path: Path, local_site: LocalSite) -> None:
    import json

    from trucewatch.report.boundaries import FILENAME, fetch_boundaries

    shutil.copy(BOUNDARIES, local_site.root / "ukr.geojson")
    (local_site.root / "api.json").write_text(
        json.dumps({"simplifiedGeometryGeoJSON": f"{local_site.url}/ukr.geojson"}),
        encoding="utf-8",
    )
    path = fetch_boundaries(tmp_path / "cache", api_url=f"{local_site.url}/api.json")
    assert path == tmp_path / "cache" / FILENAME
    assert len(load_boundaries(path)) == 27
