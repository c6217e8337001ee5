"""Glue between the ledger, the judge and the stage engine: what the commands and the brief call.

- ``reading_response``: the verdicts of one pledge reading, judged now, fed to ``respond``.
- ``all_responses``: the same for every reading of every (or some) pledges, strikes read once.
- ``replay_period``: the what-if. A synthetic pledge (never stored) whose one reading covers a
  period in Kyiv time, with given parties and scope; every strike of the period is judged
  against it and the breaches run through the policy.
- ``watch_cycle`` / ``run_watch``: re-judge, respond, and post new breaches and stage
  transitions to a webhook, each event key at most once (the ledger's alert table is the
  memory of what was already announced, so a failed post is retried next cycle).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, PlainValidator, ValidationError

from trucewatch._inputs import read_text_file
from trucewatch._validate import FILE_CONFIG, FieldProblem, FileRules, validation_problems
from trucewatch._yaml import LineDict, read_yaml_documents
from trucewatch.errors import InputError, NotFoundError, TrucewatchError
from trucewatch.geo import default_gazetteer
from trucewatch.judge.rules import in_force_periods
from trucewatch.model import (
    KYIV,
    TARGET_CATEGORIES,
    WEAPON_CLASSES,
    Pledge,
    PledgeStatus,
    Reading,
    Scope,
    Strike,
    Verdict,
    VerdictKind,
)
from trucewatch.respond.alerts import (
    AlertEvent,
    AlertResult,
    DeliveryLog,
    WebhookNotifier,
    diff_events,
)
from trucewatch.respond.engine import Response, respond
from trucewatch.respond.policy import DEFAULT_POLICY_ID, Policy, load_policy
from trucewatch.times import KYIV_ZONE, kyiv_midnight
from trucewatch.view import LedgerView

__all__ = [
    "DEFAULT_INTERVAL",
    "REPLAY_READING",
    "SCOPE_KEYS",
    "CycleResult",
    "ReadingResponse",
    "ReplayResult",
    "WatchConfig",
    "WatchConfigFile",
    "all_responses",
    "cycle_events",
    "default_state_path",
    "find_reading",
    "get_policy",
    "kyiv_period",
    "load_watch_config",
    "parse_scope",
    "reading_response",
    "replay_period",
    "replay_pledge",
    "run_watch",
    "synthetic_pledge",
    "watch_cycle",
]

log = logging.getLogger(__name__)

SCOPE_KEYS = ("targets", "places", "weapons")
REPLAY_READING = "replay"
DEFAULT_INTERVAL = 300.0


@dataclass(frozen=True)
class ReadingResponse:
    """One pledge reading, its verdicts (breach and undetermined) and the protocol's answer.

    ``verdicts`` include what-ifs (on a pledge not in force at the strike's time); the
    protocol ignores them and ``what_if_breaches`` counts them.
    """

    pledge: Pledge
    reading: Reading
    verdicts: list[Verdict]
    response: Response

    @property
    def ever_in_force(self) -> bool:
        """Whether the pledge's status history puts it in force at any time."""
        return bool(in_force_periods(self.pledge))

    @property
    def what_if_breaches(self) -> int:
        return sum(not v.in_force and v.verdict is VerdictKind.BREACH for v in self.verdicts)


def get_policy(policy: str | Path | None) -> Policy:
    """A bundled policy by id, a policy file, or the default three-stage policy."""
    return load_policy(policy if policy else DEFAULT_POLICY_ID)


def find_reading(pledge: Pledge, by: str) -> Reading:
    """The reading of ``pledge`` by party ``by``, or a NotFoundError naming the known ones."""
    try:
        return pledge.reading(by)
    except KeyError:
        known = ", ".join(r.by for r in pledge.readings)
        raise NotFoundError(
            f"pledge {pledge.id!r} has no reading by {by!r}; its readings: {known}", code="E201"
        ) from None


def _respond(
    policy: Policy,
    pledge: Pledge,
    reading: Reading,
    verdicts: list[Verdict],
    by_id: dict[str, Strike],
    as_of: datetime | None,
) -> ReadingResponse:
    response = respond(
        policy,
        verdicts,
        window_start=reading.start,
        strikes=by_id,
        as_of=as_of,
        pledge=pledge.id,
        reading=reading.by,
    )
    return ReadingResponse(pledge, reading, verdicts, response)


def all_responses(
    tw: LedgerView,
    policy: Policy,
    *,
    as_of: datetime | None = None,
    pledges: Sequence[Pledge] | None = None,
    readings: Sequence[tuple[str, str | None]] | None = None,
    strikes: Sequence[Strike] | None = None,
    verdicts: Sequence[Verdict] | None = None,
) -> list[ReadingResponse]:
    """Responses for every reading of the given pledges (default: every pledge in the ledger).

    ``readings`` narrows to (pledge id, reading party or None for all its readings) pairs.
    ``verdicts`` (the ledger's stored verdicts, what-ifs included) spare judging: then strikes
    are read only for a policy with a severity threshold, and only in the readings' windows.
    """
    if pledges is None:
        if readings is None:
            pledges = tw.pledges()
        else:
            pledges = [tw.pledge(pid) for pid in dict.fromkeys(pid for pid, _ in readings)]
    known = {p.id: p for p in pledges}
    for pid, by in readings or ():
        if pid not in known:
            raise NotFoundError(f"pledge {pid!r} is not among those given", code="E200")
        if by is not None:
            find_reading(known[pid], by)
    if verdicts is None:
        if strikes is None:
            strikes = tw.strikes_for(pledges)
        verdicts = tw.judge_engine.judge(list(pledges), strikes)
    elif strikes is None and not policy.counts_as_breach.is_empty():
        strikes = tw.strikes_for(pledges)
    by_id = {s.id: s for s in strikes or ()}
    grouped: dict[tuple[str, str], list[Verdict]] = {}
    for v in verdicts:
        grouped.setdefault((v.pledge, v.reading), []).append(v)
    wanted = None if readings is None else set(readings)
    out = []
    for pledge in pledges:
        for rd in pledge.readings:
            if wanted is not None and not ({(pledge.id, rd.by), (pledge.id, None)} & wanted):
                continue
            found = grouped.get((pledge.id, rd.by), [])
            out.append(_respond(policy, pledge, rd, found, by_id, as_of))
    return out


def reading_response(
    tw: LedgerView,
    pledge_id: str,
    reading_by: str,
    policy: Policy,
    *,
    as_of: datetime | None = None,
) -> ReadingResponse:
    """The policy run over one pledge reading's verdicts, judged now from the ledger."""
    pledge = tw.pledge(pledge_id)
    find_reading(pledge, reading_by)
    return all_responses(
        tw, policy, as_of=as_of, pledges=[pledge], readings=[(pledge_id, reading_by)]
    )[0]


def replay_pledge(
    tw: LedgerView,
    pledge_id: str,
    reading_by: str,
    policy: Policy,
    *,
    as_of: datetime | None = None,
) -> ReadingResponse:
    """The what-if for a real pledge reading: the protocol run as if the pledge had been in
    force throughout (agreed, whatever its status history says)."""
    pledge = tw.pledge(pledge_id)
    find_reading(pledge, reading_by)
    held = pledge.model_copy(update={"status": PledgeStatus.AGREED, "history": ()})
    return all_responses(
        tw, policy, as_of=as_of, pledges=[held], readings=[(pledge_id, reading_by)]
    )[0]


# -- replay ----------------------------------------------------------------------------------


def parse_scope(items: Sequence[str]) -> Scope:
    """``targets=energy``, ``places=Kyiv`` ... into a Scope; values checked against vocabularies.

    A key may repeat or carry a comma list (``targets=energy,port``); each axis collects all.
    """
    axes: dict[str, list[str]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not value.strip():
            raise InputError(
                f"--scope {item!r}: write KEY=VALUE, e.g. targets=energy or places=Kyiv",
                code="E140",
            )
        if key not in SCOPE_KEYS:
            raise InputError(
                f"--scope {item!r}: unknown key {key!r}; use one of {', '.join(SCOPE_KEYS)}",
                code="E141",
            )
        for raw in value.split(","):
            if raw.strip():
                axes.setdefault(key, []).append(_scope_value(key, raw.strip()))
    return Scope(**{k: tuple(dict.fromkeys(v)) for k, v in axes.items()})


def _scope_value(key: str, value: str) -> str:
    if key == "places":
        if default_gazetteer().resolve(value) is None:
            raise InputError(
                f"--scope places={value}: not a place the gazetteer knows; use a settlement "
                "or oblast name such as Kyiv, Kharkiv or Odesa Oblast",
                code="E142",
            )
        return value
    vocabulary = TARGET_CATEGORIES if key == "targets" else WEAPON_CLASSES
    if value.lower() not in vocabulary:
        raise InputError(
            f"--scope {key}={value}: not a known {key[:-1]}; use one of {', '.join(vocabulary)}",
            code="E142",
        )
    return value.lower()


def kyiv_period(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in Kyiv time; end is inclusive."""
    if end < start:
        raise InputError(f"--to {end} is before --from {start}", code="E143")
    return kyiv_midnight(start), kyiv_midnight(end + timedelta(days=1))


def synthetic_pledge(
    start: date, end: date, *, parties: Sequence[str] = ("RU",), scope: Scope | None = None
) -> Pledge:
    """A pledge that never was: one reading whose window is the period, in Kyiv time."""
    lo, hi = kyiv_period(start, end)
    cleaned = tuple(p.strip() for p in parties if p.strip())
    if not cleaned:
        raise InputError("--parties: name at least one party, e.g. RU", code="E144")
    return Pledge(
        id=f"replay-{start.isoformat()}-{end.isoformat()}",
        title=f"What-if pledge by {', '.join(cleaned)} held {start} to {end}",
        parties=cleaned,
        status=PledgeStatus.AGREED,
        scope=scope or Scope(),
        readings=(Reading(by=REPLAY_READING, start=lo, end=hi, tz=KYIV, note="synthetic"),),
    )


@dataclass(frozen=True)
class ReplayResult:
    """The what-if: a synthetic pledge, the verdicts on the period's strikes, the response."""

    pledge: Pledge
    response: Response
    strikes: int
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def breaches(self) -> int:
        return sum(v.verdict is VerdictKind.BREACH for v in self.verdicts)

    def to_json(self) -> dict[str, Any]:
        """The respond JSON plus the period, parties, scope and counts."""
        reading = self.pledge.readings[0]
        assert reading.start is not None and reading.end is not None
        zone = KYIV_ZONE
        return {
            **self.response.to_json(),
            "period": {
                "from": reading.start.astimezone(zone).isoformat(),
                "to": reading.end.astimezone(zone).isoformat(),
            },
            "parties": list(self.pledge.parties),
            "scope": self.pledge.scope.model_dump(exclude_none=True),
            "strikes_judged": self.strikes,
            "breaches": self.breaches,
            "undetermined_count": len(self.response.undetermined),
        }


def replay_period(
    tw: LedgerView,
    policy: Policy,
    start: date,
    end: date,
    *,
    parties: Sequence[str] = ("RU",),
    scope: Scope | None = None,
    as_of: datetime | None = None,
) -> ReplayResult:
    """Had a pledge with this scope held over this period, when would each stage have begun?"""
    pledge = synthetic_pledge(start, end, parties=parties, scope=scope)
    reading = pledge.readings[0]
    strikes = tw.strike_records(start=reading.start, end=reading.end)
    verdicts = tw.judge_engine.judge([pledge], strikes)
    rr = _respond(policy, pledge, reading, verdicts, {s.id: s for s in strikes}, as_of)
    return ReplayResult(pledge, rr.response, len(strikes), verdicts)


# -- watch -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WatchConfig:
    """What to watch and where to post; ``pledges`` items are ``ID`` or ``ID/READING``.

    ``state`` names an alert state file of the earlier JSON form, imported into the ledger
    once (the default ``<ledger>.watch.json`` is looked for too); the ledger keeps the state.
    """

    webhook: str
    policy: str = DEFAULT_POLICY_ID
    pledges: tuple[str, ...] = ()
    interval: float = DEFAULT_INTERVAL
    state: Path | None = None

    def readings(self) -> list[tuple[str, str | None]] | None:
        """(pledge id, reading or None) pairs to watch, or None for every pledge."""
        if not self.pledges:
            return None
        out: list[tuple[str, str | None]] = []
        for item in self.pledges:
            pid, _, by = item.partition("/")
            out.append((pid, by or None))
        return out


def _config_text(value: object) -> str:
    if not (isinstance(value, str) and value):
        raise FieldProblem(f"expected text, got {value!r}", "E152")
    return value


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise FieldProblem(f"expected seconds > 0, got {value!r}", "E152")
    return value


def _pledge_list(value: object) -> list[str]:
    if not (isinstance(value, list) and all(isinstance(p, str) and p for p in value)):
        raise FieldProblem("expected a list of pledge ids (ID or ID/READING)", "E152")
    return list(value)


_ConfigText = Annotated[str, PlainValidator(_config_text)]


class _FileModel(BaseModel):
    model_config = FILE_CONFIG


class WatchConfigFile(_FileModel):
    """The watch configuration as written in a YAML file (every key optional)."""

    webhook: _ConfigText | None = None
    policy: _ConfigText | None = None
    pledges: Annotated[list[str], PlainValidator(_pledge_list)] | None = None
    interval: Annotated[float, PlainValidator(_seconds)] | None = None
    state: _ConfigText | None = None


_CONFIG_RULES = FileRules(WatchConfigFile, "E152", "E152", family="E15")


def load_watch_config(path: Path) -> dict[str, Any]:
    """Read a YAML watch config (keys: webhook, policy, pledges, interval, state), checked.

    Problems are reported as ``file:line: key: message``, as for pledge and policy files.
    """
    text = read_text_file(path, InputError, "E150")
    docs = read_yaml_documents(text, str(path), _WatchConfigError)
    doc = docs[0][0] if docs else None
    if doc is None:
        return {}
    if not isinstance(doc, LineDict):
        keys = ", ".join(WatchConfigFile.model_fields)
        raise InputError(f"{path}:{docs[0][1]}: (file): expected a mapping of {keys}", code="E152")
    try:
        data = WatchConfigFile.model_validate(doc)
    except ValidationError as exc:
        problems = validation_problems(doc, exc, _CONFIG_RULES)
        text = "\n".join(f"{path}:{line}: {fld}: {msg}" for line, fld, msg, _ in problems)
        raise InputError(text, code="E152") from None
    out = data.model_dump(exclude_unset=True)
    if "state" in out:
        out["state"] = Path(out["state"])
    return out


class _WatchConfigError(InputError):
    """A watch config that is not YAML (its syntax errors are E151)."""

    code = "E150"


def default_state_path(db: str) -> Path:
    """Where the earlier JSON alert state of a ledger was kept (imported once, then unused):
    ``<ledger>.watch.json`` beside a SQLite ledger; in the cache folder for a server URL."""
    if "://" not in db:
        path = Path(db)
        return path.with_name(path.stem + ".watch.json")
    from trucewatch.settings import cache_dir

    digest = hashlib.sha256(db.encode("utf-8")).hexdigest()[:12]
    return cache_dir() / f"watch-{digest}.json"


@dataclass
class CycleResult:
    """One watch cycle: the events found and what happened to each."""

    at: datetime
    events: list[AlertEvent]
    results: list[AlertResult]

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.results)

    @property
    def new(self) -> list[AlertEvent]:
        """Events posted in this cycle."""
        done = {r.key for r in self.results if r.outcome == "delivered"}
        return [e for e in self.events if e.key in done]


class _Recorder(WebhookNotifier):
    """Marks events as delivered without posting: the baseline of a first run."""

    def _post(self, client: Any, event: AlertEvent) -> AlertResult:
        return AlertResult(event.key, "delivered", 0)


def cycle_events(responses: Sequence[ReadingResponse]) -> list[AlertEvent]:
    """Every breach and stage-transition event the responses hold (keys are stable)."""
    events: list[AlertEvent] = []
    for rr in responses:
        events += diff_events(None, rr.response, rr.verdicts, window_start=rr.reading.start)
    return events


def watch_cycle(
    tw: LedgerView,
    config: WatchConfig,
    *,
    state: DeliveryLog,
    as_of: datetime | None = None,
    baseline: bool = False,
    max_attempts: int = 5,
    backoff_base: float = 0.5,
) -> CycleResult:
    """Judge, respond, and post every event not announced before (``baseline``: record only)."""
    policy = get_policy(config.policy)
    wanted = config.readings()
    if wanted is None:
        pledges = tw.pledges()
    else:
        pledges = [tw.pledge(pid) for pid in dict.fromkeys(pid for pid, _ in wanted)]
    # The stored verdicts, kept up to date by every write: a cycle does not re-judge the
    # ledger. Only drafts (a named one, or every one when none is named) are judged here.
    verdicts = tw.stored_verdicts(what_if=True)
    drafts = [p for p in pledges if p.draft]
    if drafts:
        verdicts += tw.judge_engine.judge(drafts, tw.strikes_for(drafts))
    responses = all_responses(
        tw, policy, as_of=as_of, pledges=pledges, readings=wanted, verdicts=verdicts
    )
    events = cycle_events(responses)
    kind = _Recorder if baseline else WebhookNotifier
    notifier = kind(
        config.webhook, state=state, max_attempts=max_attempts, backoff_base=backoff_base
    )
    results = notifier.notify(events)
    return CycleResult(datetime.now(UTC), events, results)


def run_watch(
    tw: LedgerView,
    config: WatchConfig,
    *,
    state: DeliveryLog,
    once: bool = False,
    baseline: bool = False,
    on_cycle: Callable[[CycleResult], None] | None = None,
    on_error: Callable[[TrucewatchError], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> CycleResult | None:
    """Run cycles every ``config.interval`` seconds (one with ``once``); user errors are
    reported through ``on_error`` and the loop goes on (with ``once`` they are raised)."""
    last: CycleResult | None = None
    first = True
    while True:
        try:
            last = watch_cycle(tw, config, state=state, baseline=baseline and first)
            if on_cycle is not None:
                on_cycle(last)
        except TrucewatchError as exc:
            if once or on_error is None:
                raise
            on_error(exc)
        first = False
        if once:
            return last
        sleep(config.interval)
