"""The ``trucewatch`` command: global options, command groups, and error translation."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from trucewatch.cli import (
    brief,
    claims,
    crash,
    demo,
    export,
    extract,
    fetch,
    ingest,
    judge,
    ledger,
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
    # Dispose the ledger's engine when the command ends, so in-process callers (tests, a
    # notebook) leave no PostgreSQL connection open behind a finished command.
    ctx.call_on_close(ctx.obj.close)


# One module per command group (``ingest``, ``fetch``, ``pledges``, ``strikes``) or command.
app.add_typer(ingest.app, name="ingest")
app.add_typer(fetch.app, name="fetch")
app.add_typer(pledges.app, name="pledges")
app.add_typer(strikes.app, name="strikes")
app.add_typer(claims.app, name="claims")
judge.register(app)
ledger.register(app)
demo.register(app)
respond.register(app)
brief.register(app)
export.register(app)
extract.register(app)
serve.register(app)


def user_error(exc: BaseException) -> tuple[str, int] | None:
    """The one line to print and the exit code for an error the user caused; None for a bug."""
    if isinstance(exc, TrucewatchError):
        return f"[red]error[/red] {exc}", exc.exit_code
    if isinstance(exc, OSError):
        # A file the user named that cannot be read or written: one line, no traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        return f"[red]error[/red] E107: {where}{exc.strerror or exc}", 2
    return None


def run() -> None:
    """Entry point: run the app, print user errors as one line, never a traceback."""
    try:
        app()
    except (TrucewatchError, OSError) as exc:
        line, code = user_error(exc) or ("", 1)
        err_console.print(line, highlight=False, soft_wrap=True)
        sys.exit(code)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except Exception as exc:
        # A bug, not a user error: one line here, the traceback in the log (exit code 4).
        log = crash.record(exc, sys.argv)
        err_console.print(
            f"[red]internal error[/red] E899: {crash.one_line(exc)} (details in {log})",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(crash.INTERNAL_ERROR)
