"""``trucewatch respond``, ``replay`` and ``watch``: the response protocol over the verdicts."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from trucewatch.cli.common import Format, console, err_console, parse_date, tw
from trucewatch.errors import InputError, TrucewatchError
from trucewatch.plural import noun
from trucewatch.respond.engine import Response
from trucewatch.respond.service import (
    DEFAULT_INTERVAL,
    CycleResult,
    WatchConfig,
    get_policy,
    load_watch_config,
    parse_scope,
)
from trucewatch.times import KYIV_ZONE

PolicyOpt = Annotated[
    str | None,
    typer.Option(
        "--policy", help="Bundled policy id or a policy YAML file (default: the three-stage one)."
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="table or json.")]


def register(app: typer.Typer) -> None:
    app.command("respond")(respond_cmd)
    app.command("replay")(replay_cmd)
    app.command("watch")(watch_cmd)


def parse_instant(text: str | None, option: str) -> datetime | None:
    """An ISO 8601 time; without an offset it is taken as Kyiv local time; a date is its end."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InputError(
            f"{option}: {text!r} is not an ISO 8601 time; write e.g. 2026-02-03T09:00 or "
            "2026-02-03T07:00Z",
            code="E104",
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KYIV_ZONE)
    return moment


def _date(text: str, option: str) -> date:
    day = parse_date(text, option)
    assert day is not None
    return day


def _local(iso: str | None) -> str:
    if iso is None:
        return "open"
    return datetime.fromisoformat(iso).astimezone(KYIV_ZONE).strftime("%Y-%m-%d %H:%M")


def _not_json(fmt: Format) -> None:
    if fmt is Format.CSV:
        raise InputError("--format: this command writes table or json", code="E104")


def print_response(data: dict[str, Any], title: str) -> None:
    """Episodes and transitions with Kyiv-local times and why, then the undetermined list."""
    console.print(title, highlight=False)
    if not data["episodes"]:
        console.print("no breaches counted by the policy: no episode", highlight=False)
    for n, ep in enumerate(data["episodes"], 1):
        table = Table(
            "stage",
            "name",
            "at (Kyiv)",
            "why",
            title=f"episode {n}: opened {_local(ep['opened'])}, "
            + (f"closed {_local(ep['closed'])}" if ep["closed"] else "still open"),
            title_justify="left",
        )
        for t in ep["transitions"]:
            table.add_row(str(t["stage"]), t["name"], _local(t["at"]), t["why"])
        console.print(table)
    for label, key, field in (
        ("undetermined (never advance a stage)", "undetermined", "why"),
        ("below the policy's threshold", "below_threshold", "reason"),
    ):
        rows = data.get(key) or []
        if rows:
            table = Table("strike", "at (Kyiv)", "why", title=label, title_justify="left")
            for r in rows:
                table.add_row(r["strike"], _local(r["at"]), r[field])
            console.print(table)
    counts = ", ".join(f"stage {k}: {v}" for k, v in data["stage_counts"].items())
    console.print(f"episodes reaching each stage: {counts}", highlight=False)


def _emit(data: dict[str, Any], fmt: Format, title: str) -> None:
    if fmt is Format.JSON:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        print_response(data, title)


def _title(resp: Response, policy_title: str) -> str:
    return (
        f"[bold]{resp.pledge}[/bold], reading by {resp.reading}: policy "
        f"{resp.policy}.v{resp.version} ({policy_title}), "
        f"as of {_local(resp.as_of.isoformat())} Kyiv"
    )


def respond_cmd(
    ctx: typer.Context,
    pledge: Annotated[str, typer.Option("--pledge", help="Pledge id.")],
    reading: Annotated[
        str, typer.Option("--reading", help="The party whose reading (US, RU, UA).")
    ],
    policy: PolicyOpt = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Evaluate at this ISO time (default: now).")
    ] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Run a response policy over one pledge reading's verdicts: episodes and stage transitions."""
    _not_json(fmt)
    pol = get_policy(policy)
    rr = tw(ctx).respond(pledge, reading, policy=pol, as_of=parse_instant(as_of, "--as-of"))
    data = rr.response.to_json()
    data["in_force"] = rr.ever_in_force
    data["what_if_breaches"] = rr.what_if_breaches
    replay = f"trucewatch replay --pledge {pledge} --reading {reading}"
    if not rr.ever_in_force:
        data["note"] = (
            f"{pledge} was never in force (status {rr.pledge.status.value}): the protocol opens "
            f"no stage for it; `{replay}` shows what it would have done had the pledge held"
        )
        if fmt is Format.JSON:
            _emit(data, fmt, "")
        else:
            console.print(escape(data["note"]), highlight=False)
        return
    if n := rr.what_if_breaches:
        data["note"] = (
            f"{n} {noun(n, 'breach')} fell while {pledge} was not in force and "
            f"{noun(n, 'is', 'are')} not counted; `{replay}` runs {noun(n, 'it', 'them')} too"
        )
    _emit(data, fmt, _title(rr.response, pol.title))
    if fmt is not Format.JSON and "note" in data:
        console.print(escape(data["note"]), highlight=False)


def replay_cmd(
    ctx: typer.Context,
    policy: PolicyOpt = None,
    pledge: Annotated[
        str | None,
        typer.Option(
            "--pledge", help="Replay this pledge's reading as if it had been in force throughout."
        ),
    ] = None,
    reading: Annotated[
        str | None, typer.Option("--reading", help="With --pledge: the party whose reading.")
    ] = None,
    from_: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD, Kyiv).")] = "",
    to: Annotated[str, typer.Option("--to", help="Last day, inclusive (YYYY-MM-DD, Kyiv).")] = "",
    parties: Annotated[
        list[str] | None,
        typer.Option("--parties", help="Who pledges (repeat or comma list; default RU)."),
    ] = None,
    scope: Annotated[
        list[str] | None,
        typer.Option("--scope", help="targets=energy, places=Kyiv, weapons=drones (repeatable)."),
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluate at this ISO time.")] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """What if a pledge with this scope had held over this period: when would each stage begin?

    With --pledge and --reading: what if that pledge had been in force (a rejected proposal,
    the weeks after a repudiation)?
    """
    _not_json(fmt)
    pol = get_policy(policy)
    if pledge is not None or reading is not None:
        if pledge is None or reading is None or from_ or to or parties or scope:
            raise InputError(
                "replay --pledge ID --reading PARTY replays a pledge; --from/--to/--parties/"
                "--scope describe a pledge that never was: use one or the other",
                code="E185",
            )
        rr = tw(ctx).replay_pledge(
            pledge, reading, policy=pol, as_of=parse_instant(as_of, "--as-of")
        )
        data = rr.response.to_json()
        data["mode"] = "what_if"
        title = (
            f"[bold]replay[/bold] {pledge}, reading by {reading}, as if in force throughout "
            f"(status {rr.pledge.status.value}): policy {pol.name} ({pol.title})"
        )
        _emit(data, fmt, title)
        return
    if not from_ or not to:
        raise InputError("replay needs --from DATE and --to DATE (YYYY-MM-DD)", code="E104")
    start, end = _date(from_, "--from"), _date(to, "--to")
    names = [p for item in parties or ["RU"] for p in item.split(",")]
    result = tw(ctx).replay(
        start,
        end,
        policy=pol,
        parties=names,
        scope=parse_scope(scope or []),
        as_of=parse_instant(as_of, "--as-of"),
    )
    data = result.to_json()
    judged, breaches = data["strikes_judged"], data["breaches"]
    scope_text = ", ".join(f"{k}={','.join(v)}" for k, v in data["scope"].items()) or "everything"
    title = (
        f"[bold]replay[/bold] {start} to {end} (Kyiv), parties {', '.join(data['parties'])}, "
        f"scope {scope_text}: {judged} {noun(judged, 'strike')} judged, "
        f"{breaches} {noun(breaches, 'breach')}, {data['undetermined_count']} undetermined; "
        f"policy {pol.name} ({pol.title})"
    )
    _emit(data, fmt, title)


def _report_cycle(result: CycleResult) -> None:
    err_console.print(
        f"{result.at.astimezone(KYIV_ZONE):%Y-%m-%d %H:%M:%S} Kyiv: "
        f"{len(result.events)} {noun(len(result.events), 'event')}, "
        f"{result.count('delivered')} posted, {result.count('skipped')} already posted, "
        f"{result.count('failed')} failed (retried next cycle)",
        highlight=False,
    )
    for event in result.new:
        what = (
            f"stage {event.stage} {event.name}"
            if event.kind == "stage"
            else f"breach {event.strike}"
        )
        err_console.print(f"  {event.pledge}/{event.reading}: {what}", highlight=False)


def _report_notice(text: str) -> None:
    err_console.print(text, highlight=False)


def _report_error(exc: TrucewatchError) -> None:
    err_console.print(f"[red]error[/red] {exc} (watch goes on)", highlight=False)


def watch_cmd(
    ctx: typer.Context,
    webhook: Annotated[str | None, typer.Option("--webhook", help="URL to POST alerts to.")] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="YAML: webhook, policy, pledges, interval, state."),
    ] = None,
    interval: Annotated[
        float | None, typer.Option("--interval", help="Seconds between cycles.")
    ] = None,
    once: Annotated[
        bool, typer.Option("--once", help="Run one cycle and exit (cron, tests).")
    ] = False,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state",
            help="Alert state file of an earlier version to import once (default: "
            "<ledger>.watch.json if there is one); the ledger keeps the state now.",
        ),
    ] = None,
    policy: PolicyOpt = None,
    baseline: Annotated[
        bool,
        typer.Option(
            "--baseline", help="First cycle records what is there now without posting it."
        ),
    ] = False,
) -> None:
    """Post new breaches and stage transitions to a webhook, never twice for the same one."""
    settings: dict[str, Any] = load_watch_config(config) if config else {}
    for key, value in (
        ("webhook", webhook),
        ("interval", interval),
        ("state", state),
        ("policy", policy),
    ):
        if value is not None:
            settings[key] = value
    if not settings.get("webhook"):
        raise InputError("watch needs --webhook URL (or `webhook:` in --config)", code="E104")
    if "pledges" in settings:
        settings["pledges"] = tuple(settings["pledges"])
    settings.setdefault("interval", DEFAULT_INTERVAL)
    if settings["interval"] <= 0:
        raise InputError("--interval must be more than 0 seconds", code="E104")
    cfg = WatchConfig(**settings)
    tw(ctx).watch(
        cfg,
        once=once,
        baseline=baseline,
        on_cycle=_report_cycle,
        on_error=_report_error,
        on_notice=_report_notice,
    )
