"""The map offline: the bundled schematic layer (our gazetteer's hex tiles), said to be one.

Without ``fetch boundaries`` the map page still draws every oblast, shaded by strike counts,
and tells the reader the shapes are schematic; the bundled file is what the script in
``trucewatch.web.schematic`` builds; a count label never sits on a strike marker (Kyiv's did).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import httpx
import pytest

from factories import kyiv, strike
from trucewatch.web import create_app, mapsvg, schematic
from webserver import demo_ledger, serving


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(mapsvg, "find_boundaries", lambda: None)
    yield


def test_the_map_works_offline_and_says_it_is_schematic(tmp_path: Path, offline: None) -> None:
    db = str(tmp_path / "tw.db")
    demo_ledger(db)
    app = create_app(db)
    with serving(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        page = client.get("/map", params={"from": "2026-01-01", "to": "2026-02-28"}).text
        assert 'id="schematic-note"' in page and "not real borders" in page
        assert page.count('class="oblast"') == 27  # 24 oblasts, Crimea, Kyiv, Sevastopol
        assert 'data-iso="UA-30" data-count="0"' not in page  # the demo strikes Kyiv
        strike_id = client.get("/api/v1/strikes", params={"limit": 1}).json()["items"][0]["id"]
        assert "Schematic map" in client.get(f"/strikes/{strike_id}").text
    app.state.desk.tw.close()


def test_the_bundled_layer_is_what_the_script_builds() -> None:
    text = (resources.files("trucewatch.web") / "static" / schematic.FILE).read_text("utf-8")
    bundled = json.loads(text)
    assert bundled == json.loads(json.dumps(schematic.build()))
    assert bundled["note"].startswith("Schematic layer")


def test_a_count_label_never_sits_on_a_marker(offline: None) -> None:
    layer = mapsvg.boundaries()
    assert layer.schematic
    hits = [strike(f"s-kyiv{i:012d}", kyiv(2026, 1, 31, i), places=("Kyiv",)) for i in range(3)]
    hits.append(strike("s-kyivobl00000001", kyiv(2026, 1, 31), places=("Brovary",)))
    view = mapsvg.build(layer, hits, set())
    kyiv_area = next(a for a in view.areas if a.iso == "UA-30")
    assert kyiv_area.count == 3
    assert view.points and all(
        not (abs(x - kyiv_area.label_x) < 10 and abs(y - kyiv_area.label_y) < 9)
        for x, y, _ in view.points
    )
    labels = [(a.label_x, a.label_y) for a in view.areas if a.count]
    assert len(labels) >= 2
    assert all(
        not (abs(a[0] - b[0]) < 16 and abs(a[1] - b[1]) < 12)
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
    ), "two count labels overlap"
