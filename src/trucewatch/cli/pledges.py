"""``trucewatch pledges ...``: add, list and show pledges with their readings and history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from trucewatch.cli.common import (
    Format,
    console,
    emit_rows,
    err_console,
    history_json,
    print_history,
    tw,
)
from trucewatch.errors import InputError
from trucewatch.judge.rules import fmt_time
from trucewatch.model import KYIV, Pledge, PledgeStatus, Scope
from trucewatch.pledges import parse_time

app = typer.Typer(help="Pledges and their readings.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Pledge YAML files.")],
) -> None:
    """Validate pledge files (all before any is added) and add or amend each pledge."""
    done = tw(ctx).add_pledges(files)
    for pledge_id, outcome in done:
        console.print(f"{pledge_id}: {outcome}", highlight=False)
    for warning in tw(ctx).place_warnings([pledge_id for pledge_id, _ in done]):
        err_console.print(f"[yellow]warning[/yellow] {warning}", highlight=False)


@app.command("registry")
def registry(ctx: typer.Context) -> None:
    """Add the bundled registry of real 2025-2026 pledges."""
    for pledge_id, outcome in tw(ctx).add_registry():
        console.print(f"{pledge_id}: {outcome}", highlight=False)


def _window(p: Pledge) -> str:
    return "; ".join(
        f"{r.by}: {fmt_time(r.start, r.tz)} to {fmt_time(r.end, r.tz)}" for r in p.readings
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.TABLE,
) -> None:
    """Every pledge with its status and readings."""
    pledges = tw(ctx).pledges()
    rows = [
        {
            "id": p.id,
            "title": p.title,
            "status": p.status.value,
            "parties": " ".join(p.parties),
            "readings": " ".join(r.by for r in p.readings),
            "draft": p.draft,
        }
        for p in pledges
    ]
    if fmt is not Format.TABLE:
        emit_rows(rows, fmt, ["id", "title", "status", "parties", "readings", "draft"])
        return
    table = Table("id", "status", "bound", "readings", "title")
    for p in pledges:
        table.add_row(
            p.id,
            p.status.value + (" (draft)" if p.draft else ""),
            " ".join(p.parties),
            _window(p),
            p.title,
        )
    console.print(table)


def _scope_text(scope: Scope) -> str:
    axes = (("targets", scope.targets), ("places", scope.places), ("weapons", scope.weapons))
    return ", ".join(f"{name} {', '.join(v) if v else 'all'}" for name, v in axes)


@app.command("show")
def show(
    ctx: typer.Context,
    pledge_id: Annotated[str, typer.Argument(help="Pledge id.")],
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.TABLE,
) -> None:
    """One pledge: scope, every reading with its sources, and its history in the ledger."""
    t = tw(ctx)
    pledge = t.pledge(pledge_id)
    history = t.history(pledge_id)
    if fmt is Format.JSON:
        out = pledge.model_dump(mode="json")
        out["status_history"] = out.pop("history", [])
        out["history"] = history_json(history)
        console.print_json(json.dumps(out))
        return
    console.print(f"[bold]{pledge.id}[/bold]: {pledge.title}", highlight=False)
    console.print(
        f"status {pledge.status.value}; binds {', '.join(pledge.parties)}; "
        f"broker {pledge.broker or '-'}; announced {pledge.announced or '-'}",
        highlight=False,
    )
    console.print(f"scope: {_scope_text(pledge.scope)}", highlight=False)
    for r in pledge.readings:
        eff = pledge.effective_scope(r)
        console.print(
            f"- reading {r.by}: {fmt_time(r.start, r.tz)} to {fmt_time(r.end, r.tz)}; "
            f"{_scope_text(eff)}",
            highlight=False,
        )
        if r.note:
            console.print(f"  note: {r.note}", highlight=False)
        for src in r.sources:
            console.print(f"  source: {src}", highlight=False)
    for change in pledge.history:
        since = fmt_time(change.at, KYIV) if change.at else "the start"
        note = f": {change.note}" if change.note else ""
        console.print(f"- status {change.status.value} from {since}{note}", highlight=False)
    print_history(history)


@app.command("confirm")
def confirm(
    ctx: typer.Context,
    pledge_id: Annotated[str, typer.Argument(help="Id of a drafted pledge.")],
) -> None:
    """Confirm a pledge the extractor drafted, so the judge counts it."""
    console.print(f"{pledge_id}: {tw(ctx).confirm_pledge(pledge_id)}", highlight=False)


@app.command("status")
def status(
    ctx: typer.Context,
    pledge_id: Annotated[str, typer.Argument(help="Pledge id.")],
    new_status: Annotated[PledgeStatus, typer.Argument(help="The status from --at on.")],
    at: Annotated[
        str,
        typer.Option(
            "--at",
            help="When it changed: 2026-02-03T12:00:00+02:00 or '2026-02-03 12:00 Europe/Kyiv'.",
        ),
    ],
    source: Annotated[
        list[str] | None, typer.Option("--source", help="A URL that reports it (repeatable).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="One line of context.")] = None,
) -> None:
    """Record a dated status change (agreed, expired, repudiated, ...): verdicts on strikes
    after it are judged against the new status; earlier ones keep theirs."""
    try:
        when = parse_time(at)
    except ValueError as exc:  # the file schema's FieldProblem, which says what to write
        raise InputError(f"--at: {exc}", code="E183") from None
    pledge = tw(ctx).set_pledge_status(pledge_id, new_status, when, sources=source or [], note=note)
    console.print(f"{pledge.id}: {new_status.value} from {fmt_time(when, KYIV)}", highlight=False)
