"""Ukrainian Air Force daily attack records, Petro Ivaniuk's ``missile_attacks_daily.csv`` layout.

Each CSV row is a Report. Rows of one attack wave (the same start and end) become one Strike
by ``RU``. Several reporting commands can report the same wave (the national ``kpszsu``
summary and a regional command): counts are summed within each post, and the post with the
largest launched total supplies the wave's counts, so the summary and a regional post are
not added together. Times are Kyiv-local; a date-only row is known to the day; a row with one
end given only as a date and the other that night (``D`` to ``D+1 08:00``) is known to the
night.

The input policy (``_inputs.py``) holds here too: a row with fewer or more fields than the
header is rejected by line (E131), never read with its values shifted; an exact duplicate of
an earlier row is reported (E813) and counted once; times lie in the years 1900-2100 and a
wall-clock time in the DST gap or fold is kept but flagged in the strike's notes. A report's
content (and so its id) is the fields we read (``CONTENT_COLUMNS``, in that order), so an
upstream column added or dropped does not make every row a new report. The rows of a wave
are taken in a canonical order, so the same rows in any order give the same strikes.
"""

from __future__ import annotations

import ast
import csv
import functools
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from trucewatch._inputs import YEAR_MAX, YEAR_MIN, OutOfRange, local_time_problem
from trucewatch.errors import InputError, RowError
from trucewatch.ingest.base import Parsed, ReaderOutput
from trucewatch.ingest.csvutil import parse_int
from trucewatch.ingest.weapons import WeaponTable, split_models
from trucewatch.ledger.limits import BIGINT_MOST
from trucewatch.model import (
    KYIV,
    Credibility,
    GeoPrecision,
    Place,
    Quantity,
    Report,
    SourceKind,
    Strike,
    TimePrecision,
)
from trucewatch.times import KYIV_ZONE

__all__ = [
    "CONTENT_COLUMNS",
    "FORMAT",
    "REQUIRED",
    "Wave",
    "parse_time",
    "read_airforce",
    "read_waves",
]

FORMAT = "airforce"
REQUIRED = ("time_start", "time_end", "model", "target", "launched", "destroyed", "source")
#: The columns a report's content is made of: the ones we read, and launch_place, which tells
#: two launches of one wave apart. Other columns may come and go without changing a report.
CONTENT_COLUMNS = (
    "time_start",
    "time_end",
    "model",
    "launch_place",
    "target",
    "target_main",
    "affected region",
    "launched",
    "destroyed",
    "source",
)
_NIGHT_FROM, _NIGHT_UNTIL = 18, 9
_DIRECTIONS = {"south", "east", "west", "north", "center", "centre", "front line", "frontline"}


@dataclass
class _Row:
    line: int
    report_id: str
    content: str
    content_hash: str
    source: str
    url: str | None
    published: datetime
    locator: str
    start: datetime
    end: datetime
    precision: TimePrecision
    model: str
    post: str
    launched: int | None
    destroyed: int | None
    places: list[str]
    notes: list[str] = field(default_factory=list)
    key: str = ""


@functools.lru_cache(maxsize=1 << 16)
def parse_time(text: str, *, is_end: bool) -> tuple[datetime, bool]:
    """Kyiv-local ``YYYY-MM-DD[ H:MM]`` as an aware instant; True when a time of day was given.

    Cached: the rows of a wave repeat its times, and ``strptime`` was a third of the reader.
    """
    text = text.strip()
    if not text:
        raise ValueError("is empty")
    day, _, clock = text.partition(" ")
    date = datetime.strptime(day, "%Y-%m-%d")
    if not YEAR_MIN <= date.year <= YEAR_MAX:
        raise OutOfRange(f"is outside the years {YEAR_MIN}-{YEAR_MAX}")
    if not clock:
        moment = date + timedelta(days=1) if is_end else date
        return moment.replace(tzinfo=KYIV_ZONE), False
    hour, _, minute = clock.strip().partition(":")
    return date.replace(hour=int(hour), minute=int(minute or 0), tzinfo=KYIV_ZONE), True


def _dst_note(column: str, moment: datetime) -> list[str]:
    """A note when a Kyiv wall-clock time falls in the DST gap or fold (how it was read)."""
    return list(_dst_notes(column, moment))


@functools.lru_cache(maxsize=1 << 16)
def _dst_notes(column: str, moment: datetime) -> tuple[str, ...]:
    problem = local_time_problem(moment.replace(tzinfo=None), KYIV_ZONE)
    if problem is None:
        return ()
    sentence = problem.split(";")[0]
    return (f"{column} {sentence}: read as {moment.isoformat()}",)


def _night(
    start: datetime, start_timed: bool, end: datetime, end_timed: bool
) -> tuple[datetime, datetime] | None:
    """The night (18:00 on D to 09:00 on D+1, Kyiv) a wave with one dateless end means.

    ``D`` to ``D+1 08:00`` is a wave that ended that morning, started that night; ``D 19:00``
    to ``D+1`` one that began in the evening and ran into the night. Either way only the
    night is known; the given time is kept.
    """
    if start_timed == end_timed:
        return None
    evening = start.date()
    if not start_timed and end.date() == evening + timedelta(days=1) and end.hour < 12:
        return start.replace(hour=_NIGHT_FROM), end
    last = (end - timedelta(days=1)).date()
    if not end_timed and last == evening + timedelta(days=1) and start.hour >= 12:
        return start, end.replace(hour=_NIGHT_UNTIL) - timedelta(days=1)
    return None


def _count(text: str, column: str) -> int | None:
    """A count cell as a whole number, read as ``parse_int`` reads one ('236.0', the file's
    way of writing counts, is 236): a fraction, a value beyond the ledger's whole numbers or a
    negative one is refused, naming the column, so only that row is skipped."""
    text = text.strip()
    value = parse_int(text, column)
    if value is not None and value < 0:
        raise ValueError(f"column {column}: {text} is negative")
    return value


def _place_names(row: dict[str, str]) -> list[str]:
    names: list[str] = []
    for column in ("target", "target_main"):
        names.extend(p.strip() for p in (row.get(column) or "").split(" and ") if p.strip())
    affected = (row.get("affected region") or "").strip()
    if affected:
        try:
            value = ast.literal_eval(affected)
        except (ValueError, SyntaxError):
            value = [affected]
        if isinstance(value, (list, tuple)):
            names.extend(str(v).strip() for v in value if str(v).strip())
    return list(dict.fromkeys(names))


def _row_text(columns: tuple[str, ...], row: dict[str, str]) -> str:
    """The row's values in ``columns`` (absent ones empty), one canonical CSV line."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([row.get(h) or "" for h in columns])
    return buffer.getvalue()


def _post(source: str) -> str:
    return source.strip() or "unknown"


def _url(source: str) -> str | None:
    source = source.strip()
    if not source:
        return None
    return source if source.startswith("http") else f"https://www.facebook.com/{source}"


def _same_kind(exc: ValueError) -> type[ValueError]:
    """OutOfRange for an input-policy range error (so its row keeps E808), else ValueError."""
    return OutOfRange if isinstance(exc, OutOfRange) else ValueError


def _parse_row(path: Path, line: int, header: list[str], row: dict[str, str]) -> _Row:
    if None in row:
        raise ValueError(f"has {len(header) + len(row[None])} fields, expected {len(header)}")  # type: ignore[index]
    # DictReader gives a missing field as None (counted only then: the common row has none)
    present = len(header)
    if None in row.values():
        present = sum(1 for name in header if row.get(name) is not None)
    if present < len(header):
        raise ValueError(
            f"has {present} fields, expected {len(header)}; a field is missing "
            "(the row is not read, so no value lands in the wrong column)"
        )
    try:
        start, start_timed = parse_time(row["time_start"] or "", is_end=False)
    except ValueError as exc:  # OutOfRange stays OutOfRange (E808)
        raise _same_kind(exc)(f"time_start {row['time_start']!r} {exc}") from exc
    try:
        end, end_timed = parse_time(row["time_end"] or "", is_end=True)
    except ValueError as exc:
        raise _same_kind(exc)(f"time_end {row['time_end']!r} {exc}") from exc
    notes: list[str] = []
    if start_timed:
        notes += _dst_note("time_start", start)
    if end_timed:
        notes += _dst_note("time_end", end)
    if end < start and end + timedelta(days=1) > start:
        end += timedelta(days=1)
        notes.append("end time before start time: read as the next morning")
    if end == start:
        # A single moment ("15:00 to 15:00"): known to the minute.
        end = start + timedelta(minutes=1)
    if end < start:
        raise ValueError(f"time_end {row['time_end']!r} is before time_start {row['time_start']!r}")
    model = (row["model"] or "").strip()
    if not model:
        raise ValueError("model is empty")
    content = _row_text(CONTENT_COLUMNS, row)
    digest = Report.hash_content(content)
    post = _post(row["source"] or "")
    published = end
    # The strike id hashes the times as the source gives them, before the night reading.
    key = f"{FORMAT}:{start.isoformat()}|{end.isoformat()}"
    precision = TimePrecision.MINUTE if start_timed and end_timed else TimePrecision.DAY
    night = _night(start, start_timed, end, end_timed)
    if night is not None:
        start, end = night
        precision = TimePrecision.NIGHT
        notes.append("one end given only as a date, the other that night: known to the night")
    return _Row(
        key=key,
        line=line,
        report_id=Report.id_of(digest),
        content=content,
        content_hash=digest,
        source="ua-air-force/" + post.split("/")[0],
        url=_url(row["source"] or ""),
        published=published,
        locator=f"{path.name}:{line}",
        start=start,
        end=end,
        precision=precision,
        model=model,
        post=post,
        launched=_count(row["launched"] or "", "launched"),
        destroyed=_count(row["destroyed"] or "", "destroyed"),
        places=_place_names(row),
        notes=notes,
    )


def _decoded(raw: Iterator[bytes], bad: set[int]) -> Iterator[str]:
    """Lines as text; a line that is not UTF-8 is decoded with replacements and noted in bad."""
    for number, line in enumerate(raw, start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            bad.add(number)
            yield line.decode("utf-8", errors="replace")


def _rows(path: Path) -> Iterator[_Row | RowError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}", code="E102") from exc
    bad: set[int] = set()
    seen: dict[str, int] = {}
    with handle:
        reader = csv.DictReader(_decoded(iter(handle), bad))
        try:
            header = list(reader.fieldnames or [])
        except csv.Error as exc:
            raise InputError(f"{path}:1: not a CSV file: {exc}", code="E103") from exc
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise InputError(
                f"{path}:1: not the air-force layout: missing column(s) {', '.join(missing)}",
                code="E103",
            )
        line = reader.line_num
        while True:
            first = line + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                line = reader.line_num
                yield RowError(f"not valid CSV: {exc}", path=str(path), line=first, code="E132")
                continue
            line = reader.line_num
            if any(n in bad for n in range(first, line + 1)):
                yield RowError("is not UTF-8 text", path=str(path), line=first, code="E133")
                continue
            try:
                parsed = _parse_row(path, first, header, row)
            except (ValueError, KeyError, TypeError) as exc:
                code = getattr(exc, "code", "E131")  # OutOfRange: the input policy's E808
                yield RowError(str(exc), path=str(path), line=first, code=code)
                continue
            earlier = seen.setdefault(parsed.report_id, first)
            if earlier != first:
                yield RowError(
                    f"exact duplicate of line {earlier}; counted once",
                    path=str(path),
                    line=first,
                    code="E813",
                )
                continue
            yield parsed


def _sum(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _too_large(wave: Wave) -> str | None:
    """Why a wave's summed counts cannot be stored (beyond ``BIGINT_MOST``), or None."""
    for column, what, total in (
        ("launched", "drones launched", wave.launched_drones),
        ("launched", "missiles launched", wave.launched_missiles),
        ("destroyed", "drones destroyed", wave.drones_downed),
        ("destroyed", "missiles destroyed", wave.missiles_downed),
    ):
        if total is not None and total > BIGINT_MOST:
            return (
                f"column {column}: the wave's {what} add up to {total}, "
                f"out of range (at most {BIGINT_MOST:,})"
            )
    return None


def _resolve(names: list[str]) -> tuple[tuple[Place, ...], GeoPrecision, list[str]]:
    from trucewatch.geo import default_gazetteer

    gazetteer = default_gazetteer()
    places: dict[str, Place] = {}
    unresolved: list[str] = []
    for name in names:
        if name.lower() in _DIRECTIONS:
            unresolved.append(name)
            continue
        place = gazetteer.resolve(name)
        if place is None:
            parts = [gazetteer.resolve(p) for p in name.split(",")]
            found = [p for p in parts if p is not None]
            if not found:
                unresolved.append(name)
            for p in found[:1]:
                places[p.name] = p
        else:
            places[place.name] = place
    specific = {k: p for k, p in places.items() if p.kind != "country"}
    chosen = tuple(specific.values()) if specific else tuple(places.values())
    return chosen, GeoPrecision.of_places(chosen), unresolved


@dataclass
class Wave:
    """What the rows of one wave say, as plain values: the strike's fields before a model or
    a payload is made of them (``_strike`` here, ``airforce_batch`` for the batch path)."""

    rows: list[_Row]
    launched_drones: int | None
    launched_missiles: int | None
    drones_downed: int | None
    missiles_downed: int | None
    weapons: tuple[str, ...]
    models: tuple[str, ...]
    places: tuple[Place, ...]
    place_names: tuple[str, ...]
    geo_precision: GeoPrecision
    notes: tuple[str, ...]

    @property
    def strike_id(self) -> str:
        return Strike.id_for(self.rows[0].key)

    @property
    def reports(self) -> tuple[str, ...]:
        return tuple(sorted({r.report_id for r in self.rows}))


def _wave(rows: list[_Row], weapons: WeaponTable) -> Wave:
    by_post: dict[str, dict[str, list[_Row]]] = defaultdict(lambda: defaultdict(list))
    models: list[str] = []
    notes: list[str] = [n for r in rows for n in r.notes]
    for row in rows:
        weapon_class = weapons.bundle_class(row.model)
        models.extend(split_models(row.model))
        if weapon_class is None:
            notes.append(f"weapon class of {row.model!r} unknown; not counted")
            continue
        by_post[row.post][weapon_class].append(row)
    # the largest launched total supplies the counts; a tie goes to the first post by name
    posts = sorted(
        by_post,
        key=lambda p: (-sum(r.launched or 0 for c in by_post[p].values() for r in c), p),
    )
    counts: dict[str, list[_Row]] = by_post[posts[0]] if posts else {}
    if len(posts) > 1:
        notes.append(f"{len(posts)} posts report this wave; counts from {posts[0]}")
    drones, missiles = counts.get("drones", []), counts.get("missiles", [])
    classes = {c for p in by_post.values() for c, rs in p.items() if rs}
    places, geo_precision, unresolved = _resolve([n for r in rows for n in r.places])
    return Wave(
        rows=rows,
        launched_drones=_sum([r.launched for r in drones]),
        launched_missiles=_sum([r.launched for r in missiles]),
        drones_downed=_sum([r.destroyed for r in drones]),
        missiles_downed=_sum([r.destroyed for r in missiles]),
        weapons=tuple(sorted(classes)),
        models=tuple(dict.fromkeys(models)),
        places=places,
        place_names=tuple(dict.fromkeys(n for r in rows for n in r.places)),
        geo_precision=geo_precision,
        notes=tuple(
            dict.fromkeys(notes + [f"place not resolved: {n}" for n in dict.fromkeys(unresolved)])
        ),
    )


def _strike(wave: Wave) -> Strike:
    first = wave.rows[0]
    launched_d, launched_m = wave.launched_drones, wave.launched_missiles
    return Strike(
        id=wave.strike_id,
        attacker="RU",
        start=first.start,
        end=first.end,
        tz=KYIV,
        time_precision=first.precision,
        drones=Quantity.exact(launched_d) if launched_d is not None else None,
        missiles=Quantity.exact(launched_m) if launched_m is not None else None,
        drones_downed=wave.drones_downed,
        missiles_downed=wave.missiles_downed,
        weapons=wave.weapons,
        models=wave.models,
        places=wave.places,
        place_names=wave.place_names,
        geo_precision=wave.geo_precision,
        targets=(),
        reports=wave.reports,
        credibility=Credibility.WEAK,
        claimed_by="UA",
        notes=wave.notes,
    )


def _report(row: _Row) -> Report:
    return Report(
        id=row.report_id,
        source=row.source,
        source_kind=SourceKind.OFFICIAL_UA,
        format=FORMAT,
        url=row.url,
        published=row.published,
        content=row.content,
        content_hash=row.content_hash,
        locator=row.locator,
    )


def read_waves(path: Path, weapons: WeaponTable) -> Iterator[Wave | RowError]:
    """The file's bad rows (while it is read), then its waves in order of their times, each
    wave's rows in a canonical order (the same rows in any order give the same strikes).

    A wave whose rows' counts add up beyond what the ledger stores is refused row by row,
    each row by line, in the wave's place (the other waves are kept)."""
    waves: dict[tuple[datetime, datetime], list[_Row]] = defaultdict(list)
    for item in _rows(path):
        if isinstance(item, RowError):
            yield item
        else:
            waves[(item.start, item.end)].append(item)
    for wave in sorted(waves):
        rows = sorted(waves[wave], key=lambda r: (r.key, r.report_id))
        found = _wave(rows, weapons)
        problem = _too_large(found)
        if problem is None:
            yield found
            continue
        for line in sorted(r.line for r in rows):
            yield RowError(problem, path=str(path), line=line, code="E131")


def read_airforce(path: Path, weapons: WeaponTable | None = None) -> ReaderOutput:
    """Every row as a report, each wave's strike attached to its last row; bad rows as errors."""
    for item in read_waves(path, weapons or WeaponTable()):
        if isinstance(item, RowError):
            yield item
            continue
        for row in item.rows[:-1]:
            yield Parsed(_report(row))
        yield Parsed(_report(item.rows[-1]), (_strike(item),))
