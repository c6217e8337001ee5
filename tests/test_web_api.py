"""The HTTP API against a real server on SQLite and PostgreSQL: reads, pages, ETags, errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest

import trucewatch
from trucewatch.web import create_app
from webserver import demo_ledger, serving


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def api(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """A served demo ledger (registry + curated strikes), read-only in this module."""
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("web") / "tw.db")
        demo_ledger(db)
        yield from _serve(db)
    else:
        yield from _serve_pg(request)


def _serve(db: str) -> Iterator[httpx.Client]:
    app = create_app(db)
    with serving(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client
    app.state.desk.tw.close()


def _serve_pg(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    # pg_url is function-scoped in conftest; build the same kind of schema here for the module
    import uuid

    from sqlalchemy import create_engine, text

    from conftest import PG_URL, _pg_available

    if not _pg_available():
        import os

        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL, but nothing listens on 127.0.0.1:5432")
        pytest.skip("PostgreSQL is not listening on 127.0.0.1:5432 (database test)")
    schema = f"tw_{uuid.uuid4().hex[:12]}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    db = f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    try:
        demo_ledger(db)
        yield from _serve(db)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def _all(client: httpx.Client, url: str, **params: object) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.get(url, params=query)
        assert page.status_code == 200, page.text
        body = page.json()
        items.extend(body["items"])
        cursor = body["next"]
        if cursor is None:
            return items


def test_pledges_list_the_registry_with_counts(api: httpx.Client) -> None:
    body = api.get("/api/v1/pledges").json()
    ids = {p["id"] for p in body["items"]}
    assert "kyiv26-cold-pause" in ids
    cold = next(p for p in body["items"] if p["id"] == "kyiv26-cold-pause")
    assert set(cold["verdict_counts"]) == {r["by"] for r in cold["readings"]}
    assert sum(c.get("breach", 0) for c in cold["verdict_counts"].values()) > 0


def test_pledge_has_history_and_a_protocol_timeline(api: httpx.Client) -> None:
    body = api.get("/api/v1/pledges/kyiv26-cold-pause").json()
    assert body["history"][0]["kind"] == "pledge.added"
    reading = body["pledge"]["readings"][0]["by"]
    tl = api.get(f"/api/v1/pledges/kyiv26-cold-pause/readings/{reading}/timeline").json()
    assert tl["pledge"] == "kyiv26-cold-pause" and tl["reading"] == reading
    assert isinstance(tl["episodes"], list)
    missing = api.get("/api/v1/pledges/kyiv26-cold-pause/readings/XX/timeline")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E201"


def test_strike_pages_cover_every_strike_once_in_order(api: httpx.Client) -> None:
    everything = api.get("/api/v1/strikes", params={"limit": 1000}).json()["items"]
    paged = _all(api, "/api/v1/strikes", limit=3)
    assert [s["id"] for s in paged] == [s["id"] for s in everything]
    starts = [s["start"] for s in paged]
    assert len(paged) > 6 and len(set(s["id"] for s in paged)) == len(paged)
    assert starts == sorted(starts, key=lambda t: __import__("datetime").datetime.fromisoformat(t))


def test_unmerged_strikes_are_the_recorded_ones(api: httpx.Client) -> None:
    merged = _all(api, "/api/v1/strikes", limit=5)
    raw = _all(api, "/api/v1/strikes", limit=5, merged="false")
    assert len(raw) >= len(merged)
    assert {r for s in merged for r in s["reports"]} == {r for s in raw for r in s["reports"]}


def test_strike_filters(api: httpx.Client) -> None:
    feb = _all(api, "/api/v1/strikes", **{"from": "2026-02-02", "to": "2026-02-03"})
    assert feb, "the demo has strikes on 2-3 February 2026"
    for s in feb:
        assert s["end"] > "2026-02-01" and s["start"] < "2026-02-04"
    kyiv = _all(api, "/api/v1/strikes", oblast="Kyiv")
    assert kyiv and all(any("kyiv" in o.lower() for o in s["oblasts"]) for s in kyiv)
    graded = _all(api, "/api/v1/strikes", grade="fair")
    assert all(s["credibility"] == "fair" for s in graded)
    drones = _all(api, "/api/v1/strikes", weapon="drone")
    assert drones and all(s["drones"] is not None for s in drones)
    nobody = _all(api, "/api/v1/strikes", attacker="ZZ")
    assert nobody == []


def test_a_strike_with_its_reports_and_verdicts(api: httpx.Client) -> None:
    breach = _all(api, "/api/v1/verdicts", pledge="kyiv26-cold-pause", verdict="breach")[0]
    body = api.get(f"/api/v1/strikes/{breach['strike']}").json()
    assert body["strike"]["id"] == breach["strike"]
    assert {r["id"] for r in body["reports"]} == set(body["strike"]["reports"])
    assert all(r["content"] for r in body["reports"])
    assert any(v["verdict"] == "breach" for v in body["verdicts"])
    assert api.get("/api/v1/strikes/s-nope").status_code == 404


def test_verdict_filters_and_pages(api: httpx.Client) -> None:
    everything = _all(api, "/api/v1/verdicts", limit=1000)
    paged = _all(api, "/api/v1/verdicts", limit=4)
    assert paged == everything and {v["verdict"] for v in paged} <= {"breach", "undetermined"}
    cold = _all(api, "/api/v1/verdicts", pledge="kyiv26-cold-pause", verdict=["no_breach"])
    assert cold and {v["verdict"] for v in cold} == {"no_breach"}
    # no_breach across every pledge streams in pages (the walk never holds the whole list):
    # the same rows as asking pledge by pledge, each once, in walk order
    every = _all(api, "/api/v1/verdicts", verdict="no_breach", limit=7)
    rows = [(v["pledge"], v["reading"], v["strike"]) for v in every]
    assert len(rows) == len(set(rows)) and {v["verdict"] for v in every} == {"no_breach"}
    pledges = [p["id"] for p in api.get("/api/v1/pledges?drafts=false").json()["items"]]
    one_by_one = {
        (v["pledge"], v["reading"], v["strike"])
        for pid in pledges
        for v in _all(api, "/api/v1/verdicts", pledge=pid, verdict="no_breach", limit=1000)
    }
    assert set(rows) == one_by_one and len(pledges) > 1
    starts = [v["strike_start"] for v in every]
    assert starts == sorted(starts, key=lambda t: datetime.fromisoformat(t))
    assert api.get("/api/v1/verdicts", params={"pledge": "nope"}).status_code == 404
    assert api.get("/api/v1/verdicts", params={"verdict": "maybe"}).status_code == 422


def test_reports_page_and_one_report(api: httpx.Client) -> None:
    reports = _all(api, "/api/v1/reports", limit=7)
    assert len({r["id"] for r in reports}) == len(reports) > 7
    one = api.get(f"/api/v1/reports/{reports[0]['id']}").json()
    assert one["content"]
    assert api.get("/api/v1/reports/r-nope").status_code == 404


def test_etag_gives_304_until_the_ledger_changes(api: httpx.Client) -> None:
    first = api.get("/api/v1/pledges")
    tag = first.headers["etag"]
    again = api.get("/api/v1/pledges", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    other = api.get("/api/v1/pledges?drafts=false", headers={"If-None-Match": tag})
    assert other.status_code == 200


def test_replay_is_computed_not_stored(api: httpx.Client) -> None:
    before = api.get("/api/v1/head").json()
    body = api.get(
        "/api/v1/replay",
        params={"from": "2026-01-01", "to": "2026-02-10", "scope": "targets=energy"},
    ).json()
    assert body["strikes_judged"] > 0 and "episodes" in body
    assert api.get("/api/v1/head").json()["seq"] == before["seq"]
    bad = api.get("/api/v1/replay", params={"from": "2026-02-10", "to": "2026-01-01"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E143"


def test_verify_head_and_entries(api: httpx.Client) -> None:
    v = api.get("/api/v1/verify").json()
    head = api.get("/api/v1/head").json()
    assert v["ok"] and v["head"] == head["hash"] and v["entries"] == head["seq"]
    entries = api.get("/api/v1/entries", params={"limit": 5}).json()["items"]
    assert [e["seq"] for e in entries] == list(range(head["seq"], head["seq"] - 5, -1))


def test_brief_html(api: httpx.Client) -> None:
    r = api.get("/api/v1/brief/2026-02-03")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<svg" in r.text
    assert api.get("/api/v1/brief/2026-02-31").status_code == 422


@pytest.mark.parametrize("fmt", ["csv", "geojson", "acled-csv", "parquet"])
def test_exports_stream(api: httpx.Client, fmt: str, tmp_path: Path) -> None:
    with api.stream("GET", f"/api/v1/exports/{fmt}", params={"from": "2026-02-01"}) as r:
        assert r.status_code == 200
        out = tmp_path / f"x.{fmt}"
        with out.open("wb") as f:
            for chunk in r.iter_bytes():
                f.write(chunk)
    if fmt == "parquet":
        import polars as pl

        assert pl.read_parquet(out).height > 0
    elif fmt == "geojson":
        import json

        assert json.loads(out.read_text())["type"] == "FeatureCollection"
    else:
        assert out.read_text().count("\n") > 1


def test_bad_input_gets_json_errors_never_500(api: httpx.Client) -> None:
    for url, status, code in [
        ("/api/v1/strikes?cursor=bm9wZQ", 422, "E611"),
        ("/api/v1/strikes?from=yesterday", 422, "E612"),
        ("/api/v1/strikes?limit=0", 422, "E610"),
        ("/api/v1/strikes?merged=perhaps", 422, "E610"),
        ("/api/v1/entries?before=9223372036854775808", 422, "E610"),
        ("/api/v1/exports/xlsx", 404, "E620"),
        ("/api/v1/nothing-here", 404, "E616"),
    ]:
        r = api.get(url)
        assert r.status_code == status, (url, r.text)
        assert r.json()["error"]["code"] == code
    assert api.delete("/api/v1/strikes").json()["error"]["code"] == "E617"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/strikes?from=0001-01-01",
        "/api/v1/strikes?to=9999-12-31",
        "/api/v1/verdicts?from=0001-01-01T00:00-12:00",
        "/api/v1/exports/csv?to=9999-12-31",
        "/api/v1/replay?from=0001-01-01&to=9999-12-31",
        "/api/v1/brief/9999-12-31",
        "/?day=0001-01-01",
        "/map?from=0001-01-01&to=9999-12-31",
    ],
)
def test_a_day_at_the_end_of_the_calendar_is_a_422_not_a_500(api: httpx.Client, url: str) -> None:
    """Days the calendar holds but no report can (year 1 or 9999) overflowed the arithmetic of
    Kyiv midnights (E600); they get the range every input has."""
    r = api.get(url)
    assert r.status_code == 422, (url, r.text)
    error = r.json()["error"]
    assert error["code"] == "E612" and "1900-2100" in error["message"]


def test_a_policy_is_a_bundled_id_never_a_file_on_the_server(
    api: httpx.Client, tmp_path: Path
) -> None:
    """`policy` went to the library's loader, which also reads files: any caller could make
    the server open a path (`/etc/passwd` answered "expected a mapping, got str")."""
    from importlib import resources

    own = tmp_path / "own.yaml"
    own.write_text(
        (resources.files("trucewatch") / "data/policies/article5-like.yaml").read_text("utf-8")
    )
    replay = "/api/v1/replay?from=2026-01-25&to=2026-02-05&policy="
    timeline = "/api/v1/pledges/kyiv26-cold-pause/readings/US/timeline?policy="
    for url in (replay, timeline):
        assert api.get(url + "article5-like").status_code == 200
        for path in (str(own), "/etc/passwd", "../../etc/passwd", "pyproject.toml"):
            r = api.get(url + path)
            assert r.status_code == 422, (url, path, r.text)
            error = r.json()["error"]
            assert error["code"] == "E124" and "coalition-three-stage" in error["message"]
            assert "mapping" not in error["message"]


def test_openapi_and_docs(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    assert "/api/v1/strikes" in spec["paths"] and "/api/v1/ingest/text" in spec["paths"]
    assert "swagger" in api.get("/docs").text.lower()


def test_events_stream_says_where_the_ledger_stands(api: httpx.Client) -> None:
    head = api.get("/api/v1/head").json()
    with api.stream("GET", "/api/v1/events", params={"once": "true"}) as r:
        text = r.read().decode()
    assert "event: head" in text and head["hash"] in text


def test_private_server_needs_a_token_to_read(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    with trucewatch.open(db) as tw:
        _, secret = tw.create_token("reader one", "reader")
    app = create_app(db, private=True)
    with serving(app) as base, httpx.Client(base_url=base) as c:
        r = c.get("/api/v1/pledges")
        assert r.status_code == 401 and r.json()["error"]["code"] == "E606"
        ok = c.get("/api/v1/pledges", headers={"Authorization": f"Bearer {secret}"})
        assert ok.status_code == 200
    app.state.desk.tw.close()
