"""Writes over HTTP on SQLite and PostgreSQL: ingest, pledges, corrections, tokens, limits."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import trucewatch
from conftest import AIRFORCE, REPO, LocalSite, needs_shared
from trucewatch.cli.main import app as cli_app
from trucewatch.web import create_app
from webserver import serving

NEWS = REPO / "tests" / "fixtures" / "news"
ACLED = REPO / "tests" / "fixtures" / "formats" / "acled.csv"
PLEDGE = """\
id: web-test-pause
title: A pause on energy strikes for the web tests
parties: [RU]
status: agreed
scope:
  targets: [energy]
readings:
  - by: UA
    start: 2026-02-01T00:00+02:00
    end: 2026-02-08T00:00+02:00
"""


class Desk:
    """A served ledger with a client per role."""

    def __init__(self, base: str, secrets: dict[str, str]) -> None:
        self.base = base
        self.clients = {
            role: httpx.Client(
                base_url=base, timeout=120, headers={"Authorization": f"Bearer {secret}"}
            )
            for role, secret in secrets.items()
        }
        self.anon = httpx.Client(base_url=base, timeout=120)

    def __getitem__(self, role: str) -> httpx.Client:
        return self.clients[role]

    def close(self) -> None:
        for c in [*self.clients.values(), self.anon]:
            c.close()


@pytest.fixture
def desk(db: str) -> Iterator[Desk]:
    with trucewatch.open(db) as tw:
        tw.add_registry()
        secrets = {r: tw.create_token(f"{r} one", r)[1] for r in ("analyst", "editor", "admin")}
    # the local pages these tests fetch are on 127.0.0.1: the server is told it may fetch them
    app = create_app(db, max_upload=200_000, internal_urls=True)
    with serving(app) as base:
        d = Desk(base, secrets)
        yield d
        d.close()
    app.state.desk.tw.close()


def test_news_text_is_a_ledger_entry_naming_its_author(desk: Desk, db: str) -> None:
    text = (NEWS / "night-2026-02-03.txt").read_text(encoding="utf-8")
    r = desk["analyst"].post(
        "/api/v1/ingest/text",
        json={"text": text, "published": "2026-02-03", "source": "Example Wire", "kind": "wire"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["reports_new"] == 1 and r.json()["strikes_new"] >= 1
    entries = desk.anon.get("/api/v1/entries", params={"limit": 100}).json()["items"]
    mine = [e for e in entries if e["author"] == "analyst one (analyst)"]
    assert {e["kind"] for e in mine} >= {"report.received", "strike.recorded"}
    registry = [e for e in entries if e["kind"] == "pledge.added"]
    assert registry and all(e["author"] is None for e in registry)
    with trucewatch.open(db) as tw:
        assert tw.verify().ok
        stored = {e.seq: json.loads(e.payload) for e in tw.ledger.entries()}
    # entries written without an author keep the payload (and so the hash) they always had
    assert all(
        set(p) == {"data", "note"} for s, p in stored.items() if s in {e["seq"] for e in registry}
    )
    # the author is part of what is hashed: changing it breaks the chain
    seq = mine[0]["seq"]
    with trucewatch.open(db) as tw:
        from sqlalchemy import update

        from trucewatch.ledger.schema import entries as table

        forged = dict(stored[seq], author="someone else")
        with tw.ledger.engine.begin() as conn:
            conn.execute(update(table).where(table.c.seq == seq).values(payload=json.dumps(forged)))
        result = tw.verify()
        assert not result.ok and result.chain.bad_seq == seq


def test_ingest_again_adds_nothing(desk: Desk) -> None:
    body = {
        "text": "Overnight Russia launched 40 drones at Odesa.",
        "published": "2026-02-03",
        "source": "wire",
    }
    first = desk["analyst"].post("/api/v1/ingest/text", json=body).json()
    again = desk["analyst"].post("/api/v1/ingest/text", json=body).json()
    assert first["entries"] > 0 and again["entries"] == 0 and again["reports_known"] == 1


@needs_shared
def test_airforce_upload_raw_and_as_a_form(desk: Desk) -> None:
    lines = AIRFORCE.read_text(encoding="utf-8").splitlines(keepends=True)
    sample = "".join([lines[0], *lines[400:420]])
    raw = desk["analyst"].post(
        "/api/v1/ingest/airforce?filename=missile_attacks_daily.csv",
        content=sample.encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert raw.status_code == 200, raw.text
    assert raw.json()["rows"] == 20 and raw.json()["strikes_new"] > 0
    form = desk["analyst"].post(
        "/api/v1/ingest/airforce",
        files={"file": ("missile_attacks_daily.csv", sample.encode(), "text/csv")},
    )
    assert form.status_code == 200 and form.json()["entries"] == 0


def test_dataset_upload(desk: Desk) -> None:
    r = desk["analyst"].post(
        "/api/v1/ingest/dataset/acled",
        files={"file": ("acled.csv", ACLED.read_bytes(), "text/csv")},
    )
    assert r.status_code == 200, r.text
    assert r.json()["reports_new"] > 0
    unknown = desk["analyst"].post(
        "/api/v1/ingest/dataset/xls", content=b"a,b\n", headers={"Content-Type": "text/csv"}
    )
    assert unknown.status_code == 404


def test_ingest_url_from_a_local_page(desk: Desk, local_site: LocalSite) -> None:
    shutil.copytree(NEWS, local_site.root, dirs_exist_ok=True)
    site = local_site.url
    r = desk["analyst"].post(
        "/api/v1/ingest/url", json={"url": f"{site}/page.html", "published": "2026-02-03"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["reports_new"] == 1
    dead = desk["analyst"].post("/api/v1/ingest/url", json={"url": "http://127.0.0.1:9/none"})
    assert dead.status_code in (422, 502) and dead.json()["error"]["code"].startswith("E")


def test_a_page_on_an_internal_address_is_refused_unless_the_server_allows_it(
    db: str, local_site: LocalSite
) -> None:
    """A caller must not make the server fetch what only it can reach (its own ports, the
    private network, the cloud metadata service); a name is checked by what it resolves to."""
    shutil.copytree(NEWS, local_site.root, dirs_exist_ok=True)
    port = local_site.url.rsplit(":", 1)[1]
    with trucewatch.open(db) as tw:
        secret = tw.create_token("analyst one", "analyst")[1]
    app = create_app(db)
    urls = [
        f"http://127.0.0.1:{port}/page.html",
        f"http://localhost:{port}/page.html",
        f"http://[::ffff:127.0.0.1]:{port}/page.html",
        "http://[::1]:9/",
        "http://0.0.0.0:9/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
    ]
    with serving(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        for url in urls:
            r = client.post(
                "/api/v1/ingest/url",
                json={"url": url, "published": "2026-02-03"},
                headers={"Authorization": f"Bearer {secret}"},
            )
            assert r.status_code == 422, (url, r.text)
            error = r.json()["error"]
            assert error["code"] == "E176" and "internal" in error["message"], error
    app.state.desk.tw.close()
    assert local_site.requests == []


def test_pledges_drafted_by_an_analyst_confirmed_by_an_editor(desk: Desk) -> None:
    yaml = {"Content-Type": "application/yaml"}
    added = desk["analyst"].post("/api/v1/pledges", content=PLEDGE, headers=yaml)
    assert added.status_code == 201, added.text
    assert added.json()["items"] == [{"id": "web-test-pause", "outcome": "added", "draft": True}]
    assert desk.anon.get("/api/v1/pledges/web-test-pause").json()["pledge"]["draft"] is True
    again = desk["analyst"].post("/api/v1/pledges", content=PLEDGE, headers=yaml)
    assert again.status_code == 409 and again.json()["error"]["code"] == "E619"
    assert desk["analyst"].post("/api/v1/pledges/web-test-pause/confirm").status_code == 403
    ok = desk["editor"].post("/api/v1/pledges/web-test-pause/confirm")
    assert ok.json()["outcome"] == "amended"
    body = desk.anon.get("/api/v1/pledges/web-test-pause").json()
    assert body["pledge"]["draft"] is False
    assert [h["author"] for h in body["history"]] == [
        "analyst one (analyst)",
        "editor one (editor)",
    ]
    amended = desk["editor"].put(
        "/api/v1/pledges/web-test-pause",
        content=PLEDGE.replace("2026-02-08", "2026-02-09"),
        headers=yaml,
    )
    assert amended.json()["outcome"] == "amended"
    wrong = desk["editor"].put("/api/v1/pledges/other-id", content=PLEDGE, headers=yaml)
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "E618"


def test_a_bad_pledge_gets_the_cli_line_numbered_errors(desk: Desk) -> None:
    bad = PLEDGE.replace("status: agreed", "status: maybe").replace(
        "end: 2026-02-08T00:00+02:00", "end: someday"
    )
    r = desk["analyst"].post("/api/v1/pledges", content=bad, headers={"Content-Type": "text/yaml"})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"].startswith("E11")
    lines = {(p["line"], p["field"]) for p in err["problems"]}
    assert (4, "status") in lines
    assert any(line == 10 and "end" in f for line, f in lines), err
    assert "body:4:" in err["message"]
    broken = desk["analyst"].post(
        "/api/v1/pledges", content="id: [unclosed", headers={"Content-Type": "text/yaml"}
    )
    assert broken.status_code == 422 and broken.json()["error"]["problems"][0]["line"] == 1


def test_limits_types_and_empty_bodies(desk: Desk) -> None:
    big = b"time_start,time_end\n" + b"x" * 300_000
    r = desk["analyst"].post(
        "/api/v1/ingest/airforce", content=big, headers={"Content-Type": "text/csv"}
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "E613"
    r = desk["analyst"].post("/api/v1/ingest/airforce", json={"not": "csv"})
    assert r.status_code == 415 and r.json()["error"]["code"] == "E614"
    r = desk["analyst"].post(
        "/api/v1/ingest/text", content=b"text", headers={"Content-Type": "text/plain"}
    )
    assert r.status_code == 415
    r = desk["analyst"].post(
        "/api/v1/ingest/airforce", content=b"  \n", headers={"Content-Type": "text/csv"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "E615"
    r = desk["analyst"].post(
        "/api/v1/ingest/text", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "E610"
    r = desk["analyst"].post(
        "/api/v1/ingest/text", json={"text": "x", "published": "2026-13-01", "source": "s"}
    )
    assert r.status_code == 422 and "published" in r.json()["error"]["message"]
    garbage = b"time_start,time_end,model\n\xff\xfe,,\nnot,a,row\n"
    r = desk["analyst"].post(
        "/api/v1/ingest/airforce", content=garbage, headers={"Content-Type": "text/csv"}
    )
    assert r.status_code in (200, 422), r.text


def test_an_editor_retracts_a_strike(desk: Desk) -> None:
    desk["analyst"].post(
        "/api/v1/ingest/text",
        json={
            "text": "Overnight Russia launched 40 drones at Odesa.",
            "published": "2026-02-03",
            "source": "wire",
        },
    )
    strike = desk.anon.get("/api/v1/strikes").json()["items"][0]["id"]
    r = desk["editor"].post(f"/api/v1/strikes/{strike}/retract", json={"reason": "a duplicate"})
    assert r.status_code == 200
    assert strike not in {s["id"] for s in desk.anon.get("/api/v1/strikes").json()["items"]}
    top = desk.anon.get("/api/v1/entries", params={"limit": 1}).json()["items"][0]
    assert top["kind"] == "strike.retracted" and top["author"] == "editor one (editor)"


def test_tokens_over_http_never_show_a_secret_twice(desk: Desk) -> None:
    made = desk["admin"].post("/api/v1/tokens", json={"name": "new reader", "role": "reader"})
    assert made.status_code == 201
    secret = made.json()["token"]
    listed = desk["admin"].get("/api/v1/tokens").json()["items"]
    assert secret not in json.dumps(listed) and any(t["name"] == "new reader" for t in listed)
    who = httpx.get(f"{desk.base}/api/v1/whoami", headers={"Authorization": f"Bearer {secret}"})
    assert who.json()["role"] == "reader"
    gone = desk["admin"].delete(f"/api/v1/tokens/{made.json()['id']}")
    assert gone.json()["revoked_at"]
    bad_role = desk["admin"].post("/api/v1/tokens", json={"name": "x", "role": "king"})
    assert bad_role.status_code == 422


def test_tokens_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    runner = CliRunner()
    made = runner.invoke(
        cli_app, ["--db", db, "tokens", "create", "--name", "desk", "--role", "editor"]
    )
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip().splitlines()[-1]
    assert secret.startswith("tw_")
    listed = runner.invoke(cli_app, ["--db", db, "tokens", "list"])
    assert "desk" in listed.stdout and "editor" in listed.stdout and secret not in listed.stdout
    with trucewatch.open(db) as tw:
        token = tw.authenticate(secret)
        assert token is not None and token.role.label == "editor"
        from sqlalchemy import text

        with tw.ledger.engine.connect() as conn:
            stored = conn.execute(text("select hash from tokens")).scalar_one()
        assert secret not in stored and stored.startswith("scrypt$")
    revoked = runner.invoke(cli_app, ["--db", db, "tokens", "revoke", token.id])
    assert revoked.exit_code == 0
    with trucewatch.open(db) as tw:
        assert tw.authenticate(secret) is None
    bad = runner.invoke(cli_app, ["--db", db, "tokens", "create", "--name", "x", "--role", "king"])
    assert bad.exit_code != 0


def test_a_news_text_takes_its_language(desk: Desk) -> None:
    text = "В ночь на 3 февраля над Курской областью уничтожено 20 украинских беспилотников."
    body = {"text": text, "published": "2026-02-03", "source": "ru-mod", "lang": "ru"}
    r = desk["analyst"].post("/api/v1/ingest/text", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["strikes_new"] == 1 and r.json()["warnings"] == []
    r = desk["analyst"].post("/api/v1/ingest/text", json={**body, "lang": "fr"})
    assert r.status_code == 422


def test_a_malformed_url_is_a_422_naming_it(desk: Desk) -> None:
    """An address httpx cannot even parse (an unclosed IPv6 bracket, a port in letters) was an
    unexpected ValueError (500); it is the caller's input."""
    for url in ("http://[::1", "http://example.com:abc/page"):
        r = desk["analyst"].post("/api/v1/ingest/url", json={"url": url})
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["code"] == "E175" and url in error["message"]


def test_a_control_character_in_a_name_is_a_422_on_either_backend(desk: Desk) -> None:
    """PostgreSQL cannot store NUL in text: a token or source name with one was a DataError
    (500) there, and SQLite kept a name no other ledger could hold. Names are one plain line."""
    for name in ("a\u0000b", "tab\tname", "two\nlines"):
        token = desk["admin"].post("/api/v1/tokens", json={"name": name, "role": "reader"})
        assert token.status_code == 422, token.text
        assert token.json()["error"]["code"] == "E602" and "control character" in token.text
        text = {"text": "Russia fired 10 drones at Kyiv overnight.", "published": "2026-02-03"}
        news = desk["analyst"].post("/api/v1/ingest/text", json={**text, "source": name})
        assert news.status_code == 422, news.text
        assert news.json()["error"]["code"] == "E104" and "control character" in news.text
    assert desk.anon.get("/api/v1/reports").json()["items"] == []
    names = [t["name"] for t in desk["admin"].get("/api/v1/tokens").json()["items"]]
    assert sorted(names) == ["admin one", "analyst one", "editor one"]


def test_a_bad_upload_is_named_as_sent_not_by_the_server_s_temporary_copy(desk: Desk) -> None:
    garbage = b"garbage\n1,2,3\n"
    raw = desk["analyst"].post(
        "/api/v1/ingest/airforce?filename=my-export.csv",
        content=garbage,
        headers={"Content-Type": "text/csv"},
    )
    assert raw.status_code == 422, raw.text
    message = raw.json()["error"]["message"]
    assert message.startswith("my-export.csv:1: not the air-force layout"), message
    page = desk["analyst"].post(
        "/desk/airforce",
        files={"file": ("night.csv", garbage, "text/csv")},
        headers={"Accept": "text/html"},
    )
    assert page.status_code == 422 and "night.csv:1: not the air-force layout" in page.text
    assert "trucewatch-upload" not in raw.text + page.text
