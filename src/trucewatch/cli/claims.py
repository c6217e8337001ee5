"""``trucewatch claims ...``: public statements about pledges, linked and checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from trucewatch.claims.check import CHECK_COLUMNS, check_json
from trucewatch.cli.common import Format, console, emit_rows, history_json, print_history, tw
from trucewatch.plural import noun

app = typer.Typer(
    help="Claims about pledges: add, list, show, link and check.", no_args_is_help=True
)

_STYLE = {
    "supported": "green",
    "contradicted": "red",
    "unsupported": "yellow",
    "untestable": "dim",
    "unlinked": "magenta",
}
LIST_COLUMNS = [
    "id",
    "said",
    "speaker",
    "person",
    "asserts",
    "about",
    "pledge",
    "link",
    "statement",
]


@app.command("add")
def add(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Claim YAML files.")],
) -> None:
    """Validate claim files (all before any is added), record each claim and link it."""
    for done in tw(ctx).add_claims(files):
        link = done.link
        where = (
            f"about {link.pledge} ({link.how})"
            if link.pledge
            else "unlinked" + (f"; fits {', '.join(link.candidates)}" if link.candidates else "")
        )
        extra = f"; {done.reading}" if done.reading else ""
        console.print(f"{done.claim.id}: {done.outcome}, {where}{extra}", highlight=False)


@app.command("list")
def list_(
    ctx: typer.Context,
    pledge: Annotated[str | None, typer.Option(help="Only claims about this pledge.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.TABLE,
) -> None:
    """Every claim, in the order said, with the pledge it is about (or its candidates)."""
    t = tw(ctx)
    claims = t.claims(pledge=pledge)
    links = t.claim_links(claims)
    rows: list[dict[str, Any]] = [
        {
            "id": c.id,
            "said": c.said.date().isoformat(),
            "speaker": c.speaker,
            "person": c.person,
            "asserts": c.asserts.value,
            "about": c.about,
            "pledge": links[c.id].pledge,
            "link": links[c.id].how,
            "candidates": list(links[c.id].candidates),
            "statement": c.statement,
        }
        for c in claims
    ]
    if fmt is not Format.TABLE:
        emit_rows(rows, fmt, LIST_COLUMNS)
        return
    table = Table("id", "said", "speaker", "asserts", "pledge", "statement")
    for r in rows:
        who = r["speaker"] or "?"
        if r["person"]:
            who += f" ({r['person']})"
        about = f"{r['asserts']} ({r['about']})" if r["about"] else r["asserts"]
        pledge_text = r["pledge"] or (
            f"unlinked: {', '.join(r['candidates'])}" if r["candidates"] else "unlinked"
        )
        table.add_row(r["id"], r["said"], escape(who), about, pledge_text, escape(r["statement"]))
    console.print(table)
    console.print(f"{len(rows)} {noun(len(rows), 'claim')}", highlight=False)


@app.command("show")
def show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="Claim id (or a unique prefix).")],
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.TABLE,
) -> None:
    """One claim: the statement, its source, its pledge, its checks and its history."""
    t = tw(ctx)
    claim = t.claim(claim_id)
    link = t.claim_links([claim])[claim.id]
    checks = t.check_claims(claim=claim.id)
    history = t.history(claim.id)
    if fmt is Format.JSON:
        out = claim.model_dump(mode="json")
        out["linked"] = {
            "pledge": link.pledge,
            "how": link.how,
            "candidates": list(link.candidates),
            "why": link.why,
        }
        out["checks"] = [check_json(c) for c in checks]
        out["history"] = history_json(history)
        console.print_json(json.dumps(out))
        return
    who = claim.speaker or "unattributed"
    if claim.person:
        who += f" ({claim.person})"
    console.print(f"[bold]{claim.id}[/bold]: {who}, {claim.said.date()}", highlight=False)
    console.print(f"  “{escape(claim.statement)}”", highlight=False)
    console.print(
        f"source: {claim.source or '-'}{' ' + claim.url if claim.url else ''}"
        f"{' (report ' + claim.report + ')' if claim.report else ''}",
        highlight=False,
    )
    asserts = claim.asserts.value + (f" by {claim.about}" if claim.about else "")
    console.print(f"asserts: {asserts}", highlight=False)
    console.print(f"pledge: {link.pledge or 'none'} ({link.how}); {link.why}", highlight=False)
    for c in checks:
        style = _STYLE[c.outcome]
        console.print(
            f"- {c.reading} ({c.role}): [{style}]{c.outcome}[/{style}]: {escape(c.why)}",
            highlight=False,
        )
    print_history(history)


@app.command("link")
def link(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="Claim id (or a unique prefix).")],
    pledge_id: Annotated[str, typer.Argument(help="The pledge the claim is about.")],
) -> None:
    """Settle which pledge a claim is about (a ledger entry; the linker is not asked again)."""
    t = tw(ctx)
    claim = t.claim(claim_id)
    outcome = t.link_claim(claim.id, pledge_id)
    console.print(f"{claim.id}: {outcome} to {pledge_id}", highlight=False)


@app.command("check")
def check(
    ctx: typer.Context,
    pledge: Annotated[str | None, typer.Option(help="Only claims about this pledge.")] = None,
    claim: Annotated[str | None, typer.Option(help="Only this claim.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.TABLE,
) -> None:
    """Each claim beside the verdicts: the speaker's reading, each other, and the strictest."""
    checks = tw(ctx).check_claims(pledge=pledge, claim=claim)
    rows = [check_json(c) for c in checks]
    if fmt is not Format.TABLE:
        emit_rows(rows, fmt, CHECK_COLUMNS)
        return
    table = Table("claim", "speaker", "pledge", "reading", "outcome", "why")
    for r in rows:
        style = _STYLE[r["outcome"]]
        who = r["speaker"] or "?"
        if r["person"]:
            who += f" ({r['person']})"
        table.add_row(
            r["claim"],
            escape(f"{who}, {r['said']}"),
            r["pledge"] or "-",
            f"{r['reading']} ({r['role']})",
            f"[{style}]{r['outcome']}[/{style}]",
            escape(r["why"]),
        )
    console.print(table)
    claims = len({r["claim"] for r in rows})
    console.print(
        f"{claims} {noun(claims, 'claim')}, {len(rows)} {noun(len(rows), 'check')}", highlight=False
    )
