"""Claims about pledges over HTTP: the API (list, show, check) and the claim page.

A claim page sets the statement and its source (the report, with the words the claim rests
on highlighted) beside the linked pledge and the check's outcome under the speaker's reading,
every other reading and the strictest, through the facade's claims API.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from trucewatch.claims.check import ClaimCheck, check_json
from trucewatch.claims.link import Link
from trucewatch.model import Claim
from trucewatch.web.desk import Desk, Version
from trucewatch.web.read import answer

__all__ = [
    "api",
    "check_claim",
    "claim_json",
    "claim_page",
    "get_claim",
    "list_claims",
    "pages",
    "source_segments",
]

api = APIRouter(prefix="/api/v1", tags=["claims"])
pages = APIRouter(include_in_schema=False)


def _desk(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def claim_json(c: Claim, link: Link) -> dict[str, Any]:
    return c.model_dump(mode="json") | {
        "link": {
            "pledge": link.pledge,
            "how": link.how,
            "candidates": list(link.candidates),
            "why": link.why,
        }
    }


@api.get("/claims", summary="Claims, in the order said (or those about one pledge)")
def list_claims(request: Request, pledge: str | None = None) -> Response:
    tw = _desk(request).tw
    if pledge:
        tw.pledge(pledge)  # 404 for an unknown pledge, not an empty list

    def build(_: Version) -> dict[str, Any]:
        found = tw.claims(pledge=pledge)
        links = tw.claim_links(found)
        return {"items": [claim_json(c, links[c.id]) for c in found]}

    return answer(request, build)


@api.get("/claims/{claim_id}", summary="One claim with the pledge it is linked to")
def get_claim(request: Request, claim_id: str) -> Response:
    tw = _desk(request).tw

    def build(_: Version) -> dict[str, Any]:
        c = tw.claim(claim_id)
        return claim_json(c, tw.claim_links([c])[c.id])

    return answer(request, build)


@api.get(
    "/claims/{claim_id}/check",
    summary="The claim beside the verdicts: speaker's reading, every other, the strictest",
)
def check_claim(request: Request, claim_id: str) -> Response:
    desk = _desk(request)

    def build(version: Version) -> dict[str, Any]:
        checks = _checks(desk, claim_id, version)
        return {"items": [check_json(c) for c in checks]}

    return answer(request, build)


def _checks(desk: Desk, claim_id: str, version: Version) -> list[ClaimCheck]:
    c = desk.tw.claim(claim_id)
    return desk.cached(f"claim-check:{c.id}", lambda: desk.tw.check_claims(claim=c.id), version)


def source_segments(text: str, span: tuple[int, int] | None) -> list[tuple[str, bool]]:
    """The report text cut around the claim's evidence span (True: the span)."""
    if span is None or not (0 <= span[0] < span[1] <= len(text)):
        return [(text, False)]
    a, b = span
    return [(p, m) for p, m in ((text[:a], False), (text[a:b], True), (text[b:], False)) if p]


@pages.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    from trucewatch.web.pages import page

    desk = _desk(request)
    version = desk.version()
    c = desk.tw.claim(claim_id)
    link = desk.tw.claim_links([c])[c.id]
    pledge = desk.tw.pledge(link.pledge) if link.pledge else None
    found = desk.tw.reports([c.report]) if c.report else []
    report = found[0] if found else None
    segments = source_segments(report.content, c.span) if report else []
    return page(
        request,
        "claim.html",
        version,
        c=c,
        link=link,
        pledge=pledge,
        report=report,
        segments=segments,
        checks=_checks(desk, c.id, version),
    )
