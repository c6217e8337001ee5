"""The ``trucewatch`` command: global options, command groups, and error translation."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from trucewatch.cli import (
    brief,
    datasets,
    demo,
    ingest,
    judge,
    ledger,
    news,
    pledges,
    respond,
    serve,
    strikes,
)
from trucewatch.cli.common import Context, err_console
from trucewatch.errors import TrucewatchError

app = typer.Typer(
    name="trucewatch",
    help="Make ceasefire promises checkable: ledger, judge, response protocol, brief.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="TRUCEWATCH_DB",
            help="Ledger: a SQLite path or a postgresql:// URL (default ./trucewatch.db).",
        ),
    ] = None,
) -> None:
    """Make ceasefire promises checkable."""
    ctx.obj = Context(db)


app.add_typer(ingest.app, name="ingest")
app.add_typer(ingest.fetch_app, name="fetch")
app.add_typer(pledges.app, name="pledges")
app.add_typer(strikes.app, name="strikes")
judge.register(app)
ledger.register(app)
demo.register(app)
respond.register(app)
brief.register(app, ingest.fetch_app)
datasets.register(ingest.app, ingest.fetch_app, app)
news.register(app, ingest.app, pledges.app)
serve.register(app)


def run() -> None:
    """Entry point: run the app, print user errors as one line, never a traceback."""
    try:
        app()
    except TrucewatchError as exc:
        err_console.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        # A file the user named that cannot be read or written: one line, no traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        err_console.print(f"[red]error[/red] E107: {where}{exc.strerror or exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
