"""Projections of the log: the query tables, applied from entries and rebuilt from the log.

Times are fixed-width ISO 8601 UTC text so range queries compare correctly on every backend.
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select, delete, insert, select

from trucewatch.errors import LedgerError
from trucewatch.ledger.chain import StoredEntry, canonical_json
from trucewatch.ledger.schema import claims, pledges, reports, strike_reports, strikes
from trucewatch.model import Credibility, GeoPrecision, Report, SourceKind
from trucewatch.times import KYIV, epoch_us

__all__ = [
    "AXES",
    "CLAIM_LINKED",
    "CLAIM_RECORDED",
    "PLEDGE_ADDED",
    "PLEDGE_AMENDED",
    "PLEDGE_KINDS",
    "REPORT_RECEIVED",
    "STRIKE_AMENDED",
    "STRIKE_COUNTS",
    "STRIKE_FIGURES",
    "STRIKE_RECORDED",
    "STRIKE_RETRACTED",
    "apply_claim",
    "chunks",
    "insert_rows",
    "project",
    "report_stubs",
    "strike_columns",
    "strikes_in",
    "utc_text",
]

REPORT_RECEIVED = "report.received"
STRIKE_RECORDED = "strike.recorded"
STRIKE_AMENDED = "strike.amended"
STRIKE_RETRACTED = "strike.retracted"
PLEDGE_ADDED = "pledge.added"
PLEDGE_AMENDED = "pledge.amended"
CLAIM_RECORDED = "claim.recorded"
CLAIM_LINKED = "claim.linked"
PLEDGE_KINDS = frozenset({PLEDGE_ADDED, PLEDGE_AMENDED})
KINDS = (
    REPORT_RECEIVED,
    STRIKE_RECORDED,
    STRIKE_AMENDED,
    STRIKE_RETRACTED,
    PLEDGE_ADDED,
    PLEDGE_AMENDED,
    CLAIM_RECORDED,
    CLAIM_LINKED,
)
# Entries that only the log holds (a signed checkpoint): no projection row changes.
UNPROJECTED = frozenset({"checkpoint.signed"})
CHUNK = 500


@functools.lru_cache(maxsize=1 << 16)
def utc_text(moment: datetime) -> str:
    """An aware instant as fixed-width ISO 8601 UTC text, the projections' time format.

    Cached: a dataset's strikes share few distinct times (equal instants give equal text).
    """
    utc = moment.astimezone(UTC)
    if utc.year < 1000:  # strftime's text for such years (isoformat would pad them)
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    return utc.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def strikes_in(
    *columns: Any,
    start: datetime | None = None,
    end: datetime | None = None,
    attacker: str | None = None,
) -> Select[Any]:
    """``columns`` of the recorded strikes (not retracted) overlapping [start, end)."""
    query = select(*columns).where(strikes.c.retracted.is_(False))
    if start is not None:
        query = query.where(strikes.c.end > utc_text(start))
    if end is not None:
        query = query.where(strikes.c.start < utc_text(end))
    if attacker is not None:
        query = query.where(strikes.c.attacker == attacker)
    return query


def chunks(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def insert_rows(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows in one statement: the driver's executemany on SQLite (SQLAlchemy's own
    parameter processing costs more than the insert), COPY on PostgreSQL, else SQLAlchemy's."""
    if not rows:
        return
    names = list(rows[0])
    dialect = conn.dialect.name
    if dialect == "sqlite":
        cols = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" for _ in names)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.executemany(
            f'INSERT INTO "{table.name}" ({cols}) VALUES ({marks})', _values(rows, names)
        )
    elif dialect == "postgresql":
        cols = ", ".join(f'"{n}"' for n in names)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
            for values in _values(rows, names):
                copy.write_row(values)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        conn.execute(insert(table), list(rows))


def _values(rows: Sequence[dict[str, Any]], names: list[str]) -> list[tuple[Any, ...]]:
    """Each row's values in the order of ``names`` (itemgetter: a quarter of the time)."""
    if len(names) == 1:
        return [(r[names[0]],) for r in rows]
    return list(map(operator.itemgetter(*names), rows))


def project(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Apply log entries to the projection tables, a run of entries of one kind at a time."""
    i = 0
    while i < len(rows):
        j = i
        if rows[i]["kind"] in UNPROJECTED:
            i += 1
            continue
        group = _GROUP.get(rows[i]["kind"])
        if group is None:
            raise LedgerError(
                f"entry {rows[i]['seq']} has unknown kind {rows[i]['kind']!r}", code="E303"
            )
        while j < len(rows) and _GROUP.get(rows[j]["kind"]) == group:
            j += 1
        run = rows[i:j]
        if group == "report":
            _project_reports(conn, run)
        elif group == "strike":
            _project_versioned(conn, strikes, run)
        elif group == "pledge":
            _project_versioned(conn, pledges, run)
        elif group == "claim":
            _project_claims(conn, run)
        else:
            for row in run:
                conn.execute(
                    strikes.update()
                    .where(strikes.c.id == row["key"])
                    .values(retracted=True, seq=row["seq"])
                )
        i = j


_GROUP = {
    REPORT_RECEIVED: "report",
    STRIKE_RECORDED: "strike",
    STRIKE_AMENDED: "strike",
    STRIKE_RETRACTED: "retraction",
    PLEDGE_ADDED: "pledge",
    PLEDGE_AMENDED: "pledge",
    CLAIM_RECORDED: "claim",
    CLAIM_LINKED: "claim",
}


#: The list-valued fields of a strike kept together in the ``axes`` column, as JSON.
AXES = ("places", "place_names", "reports", "targets", "weapons", "models")
#: A strike's counts known as ranges ({min, max}) and its plain whole-number figures.
STRIKE_COUNTS = ("drones", "missiles")
STRIKE_FIGURES = ("drones_downed", "missiles_downed", "killed", "injured")


@functools.lru_cache(maxsize=1 << 16)
def _moment(text: str) -> datetime:
    """An ISO 8601 payload time (cached: a dataset's entries share few distinct times)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise LedgerError(f"payload time {text!r} has no UTC offset", code="E303")
    return moment


def _offset(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds())


def strike_columns(data: Mapping[str, Any]) -> dict[str, Any]:
    """The strikes projection's columns of one strike (all but id, version, seq, retracted and
    payload), from its payload as a dict: the one place they are computed, whatever writes it.

    Absent fields take the model's defaults (``model.Strike``), as a payload of an older
    version reads.
    """
    start, end = _moment(data["start"]), _moment(data["end"])
    out: dict[str, Any] = {
        "attacker": data.get("attacker"),
        "start": utc_text(start),
        "end": utc_text(end),
        "start_us": epoch_us(start),
        "end_us": epoch_us(end),
        "start_offset": _offset(start),
        "end_offset": _offset(end),
        "tz": data.get("tz", KYIV),
        "time_precision": data["time_precision"],
        "geo_precision": data.get("geo_precision", GeoPrecision.COUNTRY.value),
        "credibility": data.get("credibility", Credibility.WEAK.value),
        "claimed_by": data.get("claimed_by"),
    }
    for name in STRIKE_COUNTS:
        quantity = data.get(name) or {}
        out[f"{name}_min"] = quantity.get("min")
        out[f"{name}_max"] = quantity.get("max")
    for name in STRIKE_FIGURES:
        out[name] = data.get(name)
    out["axes"] = canonical_json({name: data.get(name, []) for name in AXES})
    return out


def _data_of(row: dict[str, Any]) -> Any:
    obj = row.get("obj")
    return (obj if obj is not None else json.loads(row["payload"]))["data"]


def _data_text(row: dict[str, Any], data: Any) -> str:
    text = row.get("data_text")
    return text if text is not None else canonical_json(data)


def _project_reports(conn: Connection, run: Sequence[dict[str, Any]]) -> None:
    values = []
    for row in run:
        data = _data_of(row)
        published = data.get("published")
        values.append(
            {
                "id": data["id"],
                "content_hash": data["content_hash"],
                "upstream_key": data.get("key"),
                "format": data["format"],
                "source": data["source"],
                "source_kind": SourceKind(data["source_kind"]).value,
                "published": payload_time(published) if published else None,
                "seq": row["seq"],
                "payload": _data_text(row, data),
            }
        )
    insert_rows(conn, reports, values)


def payload_time(text: str) -> str:
    """A payload's ISO time (with its offset) as projection text."""
    if len(text) == 20 and text[-1] == "Z":  # whole seconds in UTC: pydantic's text is ours
        return text
    return utc_text(_moment(text))


def _project_versioned(conn: Connection, table: Any, run: Sequence[dict[str, Any]]) -> None:
    """Strikes or pledges: the newest version of each key replaces the projected row."""
    latest: dict[str, dict[str, Any]] = {}
    bumps: dict[str, int] = {}
    for row in run:
        latest[row["key"]] = row
        bumps[row["key"]] = bumps.get(row["key"], 0) + 1
    keys = list(latest)
    old: dict[str, int] = {}
    for chunk in chunks(keys):
        found = conn.execute(select(table.c.id, table.c.version).where(table.c.id.in_(chunk)))
        old.update((r[0], int(r[1])) for r in found)
        if old:
            conn.execute(delete(table).where(table.c.id.in_(chunk)))
            if table is strikes:
                conn.execute(delete(strike_reports).where(strike_reports.c.strike_id.in_(chunk)))
    values: list[dict[str, Any]] = []
    links: list[dict[str, str]] = []
    for key, row in latest.items():
        data = _data_of(row)
        common = {
            "id": key,
            "version": old.get(key, 0) + bumps[key],
            "seq": row["seq"],
            "payload": _data_text(row, data),
        }
        if table is strikes:
            common |= strike_columns(data)
            common["retracted"] = False
            links.extend(
                {"strike_id": key, "report_id": r} for r in dict.fromkeys(data.get("reports", ()))
            )
        else:
            common["draft"] = bool(data.get("draft", False))
        values.append(common)
    insert_rows(conn, table, values)
    insert_rows(conn, strike_reports, links)


def apply_claim(old: dict[str, Any] | None, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """A claim's projected payload after one ``claim.*`` entry.

    ``claim.linked`` settles the claim's pledge (``link: manual``); a claim recorded again
    keeps a manual link unless its new version names a pledge itself.
    """
    if kind == CLAIM_LINKED:
        if old is None:
            raise LedgerError(f"claim.linked for unknown claim {data!r}", code="E303")
        return {**old, "pledge": data["pledge"], "link": "manual"}
    if old is not None and old.get("link") == "manual" and data.get("pledge") is None:
        return {**data, "pledge": old["pledge"], "link": "manual"}
    return dict(data)


def _project_claims(conn: Connection, run: Sequence[dict[str, Any]]) -> None:
    for row in run:
        key = row["key"]
        found = conn.execute(
            select(claims.c.version, claims.c.payload).where(claims.c.id == key)
        ).first()
        old = json.loads(found[1]) if found else None
        data = apply_claim(old, row["kind"], _data_of(row))
        if found:
            conn.execute(delete(claims).where(claims.c.id == key))
        conn.execute(
            insert(claims).values(
                id=key,
                version=(int(found[0]) if found else 0) + 1,
                seq=row["seq"],
                said=utc_text(datetime.fromisoformat(data["said"])),
                speaker=data.get("speaker"),
                pledge=data.get("pledge"),
                payload=canonical_json(data),
            )
        )


def replay_state(log: Iterable[StoredEntry]) -> dict[str, dict[str, str]]:
    """What each projection table's payload column should hold, from the log alone."""
    state: dict[str, dict[str, str]] = {"reports": {}, "strikes": {}, "pledges": {}, "claims": {}}
    claim_data: dict[str, dict[str, Any]] = {}
    for entry in log:
        data = json.loads(entry.payload).get("data")
        if entry.kind == REPORT_RECEIVED:
            state["reports"][entry.key] = canonical_json(data)
        elif entry.kind in (STRIKE_RECORDED, STRIKE_AMENDED):
            state["strikes"][entry.key] = canonical_json(data)
        elif entry.kind in (PLEDGE_ADDED, PLEDGE_AMENDED):
            state["pledges"][entry.key] = canonical_json(data)
        elif entry.kind in (CLAIM_RECORDED, CLAIM_LINKED):
            claim_data[entry.key] = apply_claim(claim_data.get(entry.key), entry.kind, data)
            state["claims"][entry.key] = canonical_json(claim_data[entry.key])
    return state


def report_stubs(conn: Connection, ids: Sequence[str]) -> dict[str, Report]:
    """Who published each report (source, kind, format), without the content."""
    cols = (
        reports.c.id,
        reports.c.content_hash,
        reports.c.format,
        reports.c.source,
        reports.c.source_kind,
        reports.c.upstream_key,
    )
    out: dict[str, Report] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        for row in conn.execute(select(*cols).where(reports.c.id.in_(chunk))):
            out[row.id] = Report.model_construct(
                id=row.id,
                content_hash=row.content_hash,
                format=row.format,
                source=row.source,
                source_kind=SourceKind(row.source_kind),
                published=None,
                content="",
                url=None,
                locator=None,
                key=row.upstream_key,
            )
    return out
