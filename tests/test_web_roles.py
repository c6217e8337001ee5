"""Every endpoint x every role, from the app's routes: a new route without a rule fails."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import trucewatch
from trucewatch.ledger.tokens import Role
from trucewatch.web import create_app
from trucewatch.web.app import endpoints
from trucewatch.web.auth import PUBLIC, RULES
from webserver import serving

ROLES: list[str | None] = [None, "reader", "analyst", "editor", "admin"]


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[httpx.Client, dict[str, str]]]:
    db = str(tmp_path_factory.mktemp("roles") / "tw.db")
    secrets: dict[str, str] = {}
    with trucewatch.open(db) as tw:
        for role in ROLES[1:]:
            assert role is not None
            secrets[role] = tw.create_token(f"{role} tester", role)[1]
    app = create_app(db)
    with serving(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client, secrets
    app.state.desk.tw.close()


def _routes() -> list[tuple[str, str]]:
    app = create_app(":memory:")
    found = endpoints(app)
    app.state.desk.tw.close()
    assert len(found) > 20, "the app's routes could not be listed"
    return found


ROUTES = _routes()


def test_every_route_has_a_rule_and_every_rule_a_route() -> None:
    assert set(ROUTES) - set(RULES) == set(), "routes without an access rule"
    # /openapi.json and /docs are not APIRoutes; every other rule must name a route
    stale = set(RULES) - set(ROUTES) - {("GET", "/openapi.json"), ("GET", "/docs")}
    assert stale == set(), "rules for routes that do not exist"


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_role_matrix(
    served: tuple[httpx.Client, dict[str, str]], method: str, path: str, role: str | None
) -> None:
    client, secrets = served
    url = re.sub(r"\{[^}]+\}", "x", path)
    headers = {"Authorization": f"Bearer {secrets[role]}"} if role else {}
    r = client.request(method, url, headers=headers, params={"once": "true"})
    need = RULES[(method, path)]
    assert r.status_code < 500, (method, url, r.text)
    if need is PUBLIC:
        assert r.status_code not in (401, 403), r.text
    elif role is None:
        assert r.status_code == 401 and r.json()["error"]["code"] == "E604"
    elif Role[role.upper()] < need:
        assert r.status_code == 403 and r.json()["error"]["code"] == "E605"
    else:
        assert r.status_code not in (401, 403), r.text


GETS = [(m, p) for m, p in ROUTES if m == "GET"] + [("GET", "/openapi.json"), ("GET", "/docs")]


@pytest.mark.parametrize("path", [p for _, p in GETS])
@pytest.mark.parametrize("role", [None, "reader"], ids=["anonymous", "reader"])
def test_head_answers_as_get_without_a_body(
    served: tuple[httpx.Client, dict[str, str]], path: str, role: str | None
) -> None:
    client, secrets = served
    url = re.sub(r"\{[^}]+\}", "x", path)
    headers = {"Authorization": f"Bearer {secrets[role]}"} if role else {}
    got = client.get(url, headers=headers, params={"once": "true"})
    head = client.head(url, headers=headers, params={"once": "true"})
    assert head.status_code == got.status_code, (url, head.status_code, got.status_code)
    assert head.content == b""
    assert head.headers.get("content-type") == got.headers.get("content-type")
    assert set(head.headers) == set(got.headers)


def test_a_wrong_or_revoked_token_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    with trucewatch.open(db) as tw:
        token, secret = tw.create_token("soon gone", "analyst")
    app = create_app(db)
    with serving(app) as base, httpx.Client(base_url=base) as c:
        ok = c.get("/api/v1/whoami", headers={"Authorization": f"Bearer {secret}"})
        assert ok.json() == {"name": "soon gone", "role": "analyst"}
        forged = secret[:-2] + ("aa" if not secret.endswith("aa") else "bb")
        bad = c.get("/api/v1/whoami", headers={"Authorization": f"Bearer {forged}"})
        assert bad.status_code == 401
        app.state.desk.tw.revoke_token(token.id)
        gone = c.get("/api/v1/whoami", headers={"Authorization": f"Bearer {secret}"})
        assert gone.status_code == 401 and gone.json()["error"]["code"] == "E604"
    app.state.desk.tw.close()
