"""Who may call what: one rule per route, checked before every request.

``RULES`` maps (method, route path) to the least role allowed, or ``PUBLIC`` for reads that
anonymous callers may make unless the server runs ``--private``. A route without a rule is
refused to everyone but admins (fail closed), and the role-matrix test fails on it.

A token comes in the ``Authorization: Bearer`` header, or in the ``tw_token`` cookie the login
page sets (HttpOnly, SameSite=Strict). Never in a query string, where access logs would keep it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from trucewatch.ledger.tokens import Role, Token
from trucewatch.web.desk import Desk
from trucewatch.web.errors import WebError

__all__ = [
    "ALWAYS_OPEN",
    "API",
    "COOKIE",
    "PUBLIC",
    "RULES",
    "Caller",
    "authorize",
    "identify",
    "presented_token",
    "route_path",
]

PUBLIC = None
COOKIE = "tw_token"
API = "/api/v1"

RULES: dict[tuple[str, str], Role | None] = {
    # API: reading
    ("GET", f"{API}/reports"): PUBLIC,
    ("GET", f"{API}/reports/{{report_id}}"): PUBLIC,
    ("GET", f"{API}/strikes"): PUBLIC,
    ("GET", f"{API}/strikes/{{strike_id}}"): PUBLIC,
    ("GET", f"{API}/pledges"): PUBLIC,
    ("GET", f"{API}/pledges/{{pledge_id}}"): PUBLIC,
    ("GET", f"{API}/pledges/{{pledge_id}}/readings/{{reading}}/timeline"): PUBLIC,
    ("GET", f"{API}/verdicts"): PUBLIC,
    ("GET", f"{API}/replay"): PUBLIC,
    ("GET", f"{API}/brief/{{day_text}}"): PUBLIC,
    ("GET", f"{API}/exports/{{fmt}}"): PUBLIC,
    ("GET", f"{API}/verify"): PUBLIC,
    ("GET", f"{API}/head"): PUBLIC,
    ("GET", f"{API}/entries"): PUBLIC,
    ("GET", f"{API}/events"): PUBLIC,
    ("GET", f"{API}/whoami"): PUBLIC,
    ("GET", f"{API}/checkpoint"): PUBLIC,
    ("GET", f"{API}/claims"): PUBLIC,
    ("GET", f"{API}/claims/{{claim_id}}"): PUBLIC,
    ("GET", f"{API}/claims/{{claim_id}}/check"): PUBLIC,
    # API: writing
    ("POST", f"{API}/ingest/airforce"): Role.ANALYST,
    ("POST", f"{API}/ingest/dataset/{{fmt}}"): Role.ANALYST,
    ("POST", f"{API}/ingest/text"): Role.ANALYST,
    ("POST", f"{API}/ingest/url"): Role.ANALYST,
    ("POST", f"{API}/pledges"): Role.ANALYST,
    ("PUT", f"{API}/pledges/{{pledge_id}}"): Role.EDITOR,
    ("POST", f"{API}/pledges/{{pledge_id}}/confirm"): Role.EDITOR,
    ("POST", f"{API}/strikes/{{strike_id}}/retract"): Role.EDITOR,
    ("GET", f"{API}/tokens"): Role.ADMIN,
    ("POST", f"{API}/tokens"): Role.ADMIN,
    ("DELETE", f"{API}/tokens/{{token_id}}"): Role.ADMIN,
    # pages
    ("GET", "/"): PUBLIC,
    ("GET", "/pledges/{pledge_id}"): PUBLIC,
    ("GET", "/strikes/{strike_id}"): PUBLIC,
    ("GET", "/reports/{report_id}"): PUBLIC,
    ("GET", "/claims/{claim_id}"): PUBLIC,
    ("GET", "/map"): PUBLIC,
    ("GET", "/ledger"): PUBLIC,
    ("GET", "/desk"): Role.ANALYST,
    ("POST", "/desk/text"): Role.ANALYST,
    ("POST", "/desk/airforce"): Role.ANALYST,
    ("POST", "/desk/confirm"): Role.EDITOR,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): PUBLIC,
    ("GET", "/static/{path}"): PUBLIC,
    # documentation
    ("GET", "/openapi.json"): PUBLIC,
    ("GET", "/docs"): PUBLIC,
}
# signing in and the stylesheet work on a --private server too, and a stale cookie never
# locks anyone out of the sign-in page
ALWAYS_OPEN = {
    ("GET", "/login"),
    ("POST", "/login"),
    ("POST", "/logout"),
    ("GET", "/static/{path}"),
}


@dataclass(frozen=True)
class Caller:
    """Who is asking: a token, or nobody."""

    token: Token | None

    @property
    def role(self) -> Role | None:
        return self.token.role if self.token else None

    @property
    def author(self) -> str | None:
        """How ledger entries name this caller: ``token name (role)``."""
        if self.token is None:
            return None
        return f"{self.token.name} ({self.token.role.label})"


def route_path(request: Request) -> str:
    """The template of the route a request matched (``/api/v1/strikes/{strike_id}``)."""
    route = request.scope.get("route")
    return str(getattr(route, "path", request.url.path))


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.cookies.get(COOKIE) or None


def identify(request: Request, desk: Desk) -> Caller:
    """The caller of a request; a token that is presented but wrong is a 401, never ignored."""
    secret = presented_token(request)
    if secret is None:
        return Caller(None)
    token = desk.tw.authenticate(secret)
    if token is None:
        raise WebError(
            401,
            "E604",
            "the token is not valid (mistyped, or revoked); ask an admin for a new one",
            {"WWW-Authenticate": "Bearer"},
        )
    return Caller(token)


def authorize(request: Request, desk: Desk) -> Caller:
    """Check the caller against the route's rule; the Caller for the endpoint."""
    method = "GET" if request.method == "HEAD" else request.method
    key = (method, route_path(request))
    if key in ALWAYS_OPEN:
        try:
            return identify(request, desk)
        except WebError:
            return Caller(None)
    caller = identify(request, desk)
    need = RULES.get(key, Role.ADMIN)  # a route nobody wrote a rule for: admins only
    if need is PUBLIC:
        if desk.private and caller.token is None:
            raise WebError(
                401,
                "E606",
                "this server is private: send a token (Authorization: Bearer tw_...)",
                {"WWW-Authenticate": "Bearer"},
            )
        return caller
    if caller.token is None:
        raise WebError(
            401,
            "E604",
            f"{method} {key[1]} needs a token with the {need.label} role or above",
            {"WWW-Authenticate": "Bearer"},
        )
    if caller.token.role < need:
        raise WebError(
            403,
            "E605",
            f"{method} {key[1]} needs the {need.label} role; this token is "
            f"{caller.token.role.label}",
        )
    return caller
