"""``trucewatch serve`` (the monitoring desk over HTTP) and ``trucewatch tokens``."""

from __future__ import annotations

import errno
import socket
from typing import Annotated

import typer
from rich.table import Table

from trucewatch.cli.common import Context, console, err_console
from trucewatch.errors import InputError

tokens_app = typer.Typer(help="Access tokens for `trucewatch serve`: create, list, revoke.")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(tokens_app, name="tokens")


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Port to listen on (1-65535).", min=1, max=65535)
    ] = 8000,
    private: Annotated[
        bool, typer.Option("--private", help="Reading needs a token too (no anonymous reads).")
    ] = False,
    max_upload: Annotated[
        int, typer.Option(help="Largest upload in MiB; bigger ones get 413.", min=1)
    ] = 64,
    allow_internal_urls: Annotated[
        bool,
        typer.Option(
            "--allow-internal-urls",
            help="Let /api/v1/ingest/url fetch pages on loopback, private and link-local "
            "addresses (a desk on an intranet); refused by default (E176).",
        ),
    ] = False,
) -> None:
    """Serve the ledger: dashboard at /, HTTP API at /api/v1, OpenAPI at /docs."""
    serve_ledger(
        ctx.obj.db,
        host=host,
        port=port,
        private=private,
        max_upload=max_upload,
        internal_urls=allow_internal_urls,
    )


def serve_ledger(
    db: str | None,
    *,
    host: str,
    port: int,
    private: bool = False,
    max_upload: int = 64,
    internal_urls: bool = False,
) -> None:
    """Run uvicorn over the app until interrupted; E607 when the address cannot be taken."""
    import uvicorn

    from trucewatch.web import create_app

    sock = listening_socket(host, port)
    app = create_app(
        db, private=private, max_upload=max_upload * 2**20, internal_urls=internal_urls
    )
    where = f"http://{host}:{port}/"
    err_console.print(f"trucewatch desk on {where} (API {where}api/v1, docs {where}docs)")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    with sock:
        uvicorn.Server(config).run(sockets=[sock])


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` for the server, or E607 naming the address and why
    (in use, not permitted, not an address of this machine)."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            why = "the port is already in use; stop what listens there or pass another --port"
        elif exc.errno == errno.EACCES:
            why = "not permitted (ports below 1024 need privileges); pass another --port"
        else:
            why = f"{exc.strerror or exc}; check --host and --port"
        raise InputError(f"cannot serve on {where}: {why}", code="E607") from exc
    return sock


def _ctx(ctx: typer.Context) -> Context:
    obj: Context = ctx.obj
    return obj


@tokens_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Who or what uses the token.")],
    role: Annotated[str, typer.Option(help="reader, analyst, editor or admin.")] = "reader",
) -> None:
    """Make a token and print it once (only its hash is stored)."""
    token, secret = _ctx(ctx).tw.create_token(name, role)
    err_console.print(
        f"token {token.id} for {token.name} ({token.role.label}); it is shown only now:"
    )
    console.print(secret, highlight=False)


@tokens_app.command("list")
def list_tokens(ctx: typer.Context) -> None:
    """Every token: id, name, role, when made, when revoked (never a secret)."""
    table = Table("id", "name", "role", "created", "revoked")
    for t in _ctx(ctx).tw.tokens():
        table.add_row(t.id, t.name, t.role.label, t.created_at, t.revoked_at or "-")
    console.print(table)


@tokens_app.command("revoke")
def revoke(
    ctx: typer.Context, token_id: Annotated[str, typer.Argument(help="The token's id.")]
) -> None:
    """Revoke a token: requests with it are refused from now on."""
    token = _ctx(ctx).tw.revoke_token(token_id)
    console.print(f"revoked {token.id} ({token.name}) at {token.revoked_at}", highlight=False)
