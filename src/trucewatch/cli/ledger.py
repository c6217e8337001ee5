"""``trucewatch verify`` and ``trucewatch rebuild``: the ledger's integrity."""

from __future__ import annotations

import typer

from trucewatch.cli.common import console, err_console, tw


def register(app: typer.Typer) -> None:
    app.command("verify")(verify)
    app.command("rebuild")(rebuild)


def verify(ctx: typer.Context) -> None:
    """Check the hash chain and projections; exit 1 naming the first entry that does not match."""
    result = tw(ctx).verify()
    if result.ok:
        console.print(
            f"ok: {result.chain.entries} entries, chain intact, head {result.chain.head[:16]}",
            highlight=False,
        )
        return
    if not result.chain.ok:
        err_console.print(
            f"FAILED: entry {result.chain.bad_seq}: {result.chain.problem} "
            f"({result.chain.entries} entries verified before it)",
            highlight=False,
        )
    for problem in result.projection_problems[:20]:
        err_console.print(
            f"FAILED: {problem} (run `trucewatch rebuild` to restore it from the log)",
            highlight=False,
        )
    raise typer.Exit(1)


def rebuild(ctx: typer.Context) -> None:
    """Drop the query tables and rebuild them from the log."""
    count = tw(ctx).rebuild()
    console.print(f"rebuilt projections from {count} entries", highlight=False)
