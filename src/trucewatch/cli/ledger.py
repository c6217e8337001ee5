"""``trucewatch verify``, ``rebuild`` and ``checkpoint``: the ledger's integrity."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli.common import console, err_console, tw
from trucewatch.plural import noun

TAMPERED = 1


def register(app: typer.Typer) -> None:
    app.command("verify")(verify)
    app.command("rebuild")(rebuild)
    app.command("checkpoint")(checkpoint)


def verify(
    ctx: typer.Context,
    checkpoint: Annotated[
        Path | None,
        typer.Option(help="A checkpoint file: prove the ledger still holds the prefix it signed."),
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option(help="The publisher's ed25519 public key (PEM) the checkpoint must carry."),
    ] = None,
) -> None:
    """Check the chain, its head, every query-table column and the database; exit 1 naming the
    first entry or row that does not match the log."""
    t = tw(ctx)
    result = t.verify()
    n = result.chain.entries
    cp = t.check_checkpoint(checkpoint, public_key) if checkpoint is not None else None
    for line in result.unfinished_ingests:
        err_console.print(f"[yellow]warning[/yellow] {line}", highlight=False, soft_wrap=True)
    for note in result.notes:
        console.print(f"note: {note}", highlight=False)
    if result.ok and (cp is None or cp.ok):
        console.print(
            f"ok: {n} {noun(n, 'entry')}, chain intact, head {result.chain.head[:16]}",
            highlight=False,
        )
        if cp is not None:
            console.print(
                f"ok: the ledger holds the prefix checkpoint {cp.checkpoint.seq} signed "
                f"({cp.checkpoint.time}, key {cp.checkpoint.key_id})",
                highlight=False,
            )
        return
    if not result.chain.ok:
        err_console.print(
            f"FAILED: entry {result.chain.bad_seq}: {result.chain.problem} "
            f"({n} {noun(n, 'entry')} verified before it)",
            highlight=False,
        )
    for problem in result.projection_problems[:20]:
        err_console.print(
            f"FAILED: {problem} (run `trucewatch rebuild` to restore it from the log)",
            highlight=False,
        )
    if (more := len(result.projection_problems) - 20) > 0:
        err_console.print(f"... and {more} more {noun(more, 'row')}")
    for problem in result.database_problems:
        err_console.print(f"FAILED: {problem}", highlight=False)
    if cp is not None and not cp.ok:
        where = f"entry {cp.bad_seq}: " if cp.bad_seq is not None else ""
        err_console.print(f"FAILED: checkpoint {checkpoint}: {where}{cp.problem}", highlight=False)
    raise typer.Exit(TAMPERED)


def rebuild(ctx: typer.Context) -> None:
    """Drop the query tables and rebuild them (and the chain head) from the log."""
    count = tw(ctx).rebuild()
    console.print(f"rebuilt projections from {count} {noun(count, 'entry')}", highlight=False)


def checkpoint(
    ctx: typer.Context,
    key: Annotated[Path, typer.Option(help="ed25519 private key file (PEM) to sign with.")],
    out: Annotated[
        Path | None, typer.Option(help="Where to write the checkpoint (JSON) for publishing.")
    ] = None,
    new_key: Annotated[
        bool, typer.Option("--new-key", help="Create KEY (and KEY.pub) first; never overwrites.")
    ] = False,
) -> None:
    """Sign the ledger's current head (seq, hash, time) and append the signature to the log."""
    signed = tw(ctx).checkpoint(key, out, new_key=new_key)
    console.print(
        f"checkpoint: entry {signed.seq}, head {signed.head[:16]}, {signed.time}, "
        f"key {signed.key_id}" + (f", written to {out}" if out else ""),
        highlight=False,
    )
