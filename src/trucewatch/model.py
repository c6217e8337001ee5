"""Domain types every module shares: reports, strikes, pledges, readings, verdicts.

All instants are timezone-aware; storage converts them to UTC and keeps the source's zone
name beside them for display. Models are immutable pydantic models so they validate on the
way in and serialise to canonical JSON for the ledger.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from trucewatch.times import KYIV as KYIV  # re-exported: older imports name model.KYIV

__all__ = [
    "IN_FORCE_STATUSES",
    "KYIV",
    "MOSCOW",
    "TARGET_CATEGORIES",
    "WASHINGTON",
    "WEAPON_CLASSES",
    "AwareDatetime",
    "Claim",
    "ClaimAssertion",
    "Credibility",
    "Evidence",
    "GeoPrecision",
    "Place",
    "Pledge",
    "PledgeStatus",
    "Quantity",
    "Reading",
    "Report",
    "Scope",
    "SourceKind",
    "StatusChange",
    "Strike",
    "TimePrecision",
    "Verdict",
    "VerdictKind",
]

MOSCOW = "Europe/Moscow"
WASHINGTON = "America/New_York"

TARGET_CATEGORIES: tuple[str, ...] = (
    "energy",
    "residential",
    "market",
    "industrial",
    "transport",
    "port",
    "healthcare",
    "education",
    "government",
    "military",
    "commercial",
    "agriculture",
    "religious",
    "other",
)
WEAPON_CLASSES: tuple[str, ...] = ("drones", "missiles", "glide_bombs", "artillery", "ground")


class TimePrecision(StrEnum):
    """How exactly the time of a strike is known."""

    MINUTE = "minute"
    HOUR = "hour"
    NIGHT = "night"  # the night of D to D+1, Kyiv: stored as 18:00 on D to 09:00 on D+1
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class GeoPrecision(StrEnum):
    """How exactly the place of a strike is known."""

    SETTLEMENT = "settlement"
    NEAR = "near"
    OBLAST = "oblast"
    COUNTRY = "country"

    @classmethod
    def of_places(cls, places: Iterable[Place]) -> GeoPrecision:
        """What resolved places tell: a settlement, else an oblast or region, else the country."""
        kinds = {p.kind for p in places}
        if "settlement" in kinds:
            return cls.SETTLEMENT
        if kinds & {"oblast", "region"}:
            return cls.OBLAST
        return cls.COUNTRY


class SourceKind(StrEnum):
    """Who published a report."""

    OFFICIAL_UA = "official_ua"
    OFFICIAL_RU = "official_ru"
    WIRE = "wire"
    MEDIA = "media"
    DATASET = "dataset"
    NGO = "ngo"

    @property
    def party(self) -> str | None:
        """The party an official source speaks for ("UA", "RU"), else None."""
        return {"official_ua": "UA", "official_ru": "RU"}.get(self.value)


class Credibility(StrEnum):
    """Airwars-style grade of the evidence for a strike."""

    CONFIRMED = "confirmed"
    FAIR = "fair"
    WEAK = "weak"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"


class PledgeStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    REJECTED = "rejected"
    EXPIRED = "expired"
    REPUDIATED = "repudiated"
    CLAIMED_KEPT = "claimed_kept"
    CLAIMED_BROKEN = "claimed_broken"


IN_FORCE_STATUSES: frozenset[PledgeStatus] = frozenset(
    {PledgeStatus.AGREED, PledgeStatus.CLAIMED_KEPT, PledgeStatus.CLAIMED_BROKEN}
)


class VerdictKind(StrEnum):
    BREACH = "breach"
    NO_BREACH = "no_breach"
    UNDETERMINED = "undetermined"


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("time must carry a UTC offset or a zone name")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Quantity(_Frozen):
    """A count known as a range: {350, 500}; an open end is None ("more than 200")."""

    min: int | None = None
    max: int | None = None

    @classmethod
    def exact(cls, n: int) -> Quantity:
        return cls(min=n, max=n)

    def __str__(self) -> str:
        if self.min == self.max and self.min is not None:
            return str(self.min)
        if self.max is None:
            return f">={self.min}" if self.min is not None else "?"
        if self.min is None:
            return f"<={self.max}"
        return f"{self.min}-{self.max}"


class Place(_Frozen):
    """A resolved place: a settlement with its oblast, an oblast, or a country."""

    name: str
    kind: Literal["settlement", "oblast", "country", "region"]
    oblast: str | None = None
    gazetteer_id: str | None = None
    lat: float | None = None
    lon: float | None = None


class Report(_Frozen):
    """One document or dataset row as received; immutable, cited by everything else."""

    id: str = Field(description="content hash prefix; stable for the same content")
    source: str
    source_kind: SourceKind
    format: str = Field(description="airforce, text, html, rss, acled, ucdp, gdelt, viina, ...")
    url: str | None = None
    published: AwareDatetime | None = None
    content: str
    content_hash: str
    locator: str | None = Field(default=None, description="file:line or feed item id")
    key: str | None = Field(
        default=None, description="upstream id when the source re-issues rows (ACLED event id)"
    )
    # Left out of the payload when None, so reports without it (every dataset row, and news
    # texts recorded before it was kept) hash and read exactly as they always have.
    lang: str | None = Field(
        default=None,
        max_length=8,
        exclude_if=lambda v: v is None,
        description="language a news text was read in (en, uk, ru); None: not recorded",
    )

    @staticmethod
    def hash_content(content: str) -> str:
        return hashlib.sha256(content.encode("utf-8")).hexdigest()

    @staticmethod
    def id_of(digest: str) -> str:
        """The id of the report whose content hashes to ``digest``: ``r-`` and 16 hex digits."""
        return "r-" + digest[:16]

    @classmethod
    def of_content(
        cls,
        content: str,
        *,
        source: str,
        source_kind: SourceKind,
        format: str,
        url: str | None = None,
        published: datetime | None = None,
        locator: str | None = None,
        key: str | None = None,
        lang: str | None = None,
    ) -> Report:
        """The report of ``content``, with its hash and its id (``r-`` and the hash's first 16
        hex digits), so the same content is always the same report (whatever ``lang``)."""
        digest = cls.hash_content(content)
        return cls(
            id=cls.id_of(digest),
            source=source,
            source_kind=source_kind,
            format=format,
            url=url,
            published=published,
            content=content,
            content_hash=digest,
            locator=locator,
            key=key,
            lang=lang,
        )


class Strike(_Frozen):
    """One attack by one attacker in one wave, with the reports that support it."""

    id: str
    attacker: str | None
    start: AwareDatetime
    end: AwareDatetime
    tz: str = KYIV
    time_precision: TimePrecision
    drones: Quantity | None = None
    missiles: Quantity | None = None
    drones_downed: int | None = None
    missiles_downed: int | None = None
    weapons: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    place_names: tuple[str, ...] = Field(default=(), description="names as reported")
    geo_precision: GeoPrecision = GeoPrecision.COUNTRY
    targets: tuple[str, ...] = ()
    killed: int | None = None
    injured: int | None = None
    reports: tuple[str, ...] = ()
    credibility: Credibility = Credibility.WEAK
    claimed_by: str | None = Field(default=None, description="party whose claim this is, if any")
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(
        default=(),
        description="who published its reports; filled when strikes are read, never stored",
        exclude_if=lambda v: not v,
    )

    @staticmethod
    def id_for(key: str) -> str:
        """The id of the strike that ``key`` (what identifies the attack in its source: a
        dataset's event id, an air-force wave's times) names: ``s-`` and 16 hex digits."""
        return "s-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class Scope(_Frozen):
    """What a pledge covers; None on an axis means no limit on that axis."""

    targets: tuple[str, ...] | None = None
    places: tuple[str, ...] | None = None
    weapons: tuple[str, ...] | None = None


class Reading(_Frozen):
    """One party's reading of a pledge's terms: its window and, optionally, its scope."""

    by: str
    start: AwareDatetime | None
    end: AwareDatetime | None
    tz: str = KYIV
    scope: Scope | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None


class StatusChange(_Frozen):
    """A dated change of a pledge's status: from ``at`` on, the pledge is ``status``.

    ``at`` is None only on the first change of a history, meaning "from the start, undated".
    """

    status: PledgeStatus
    at: AwareDatetime | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None


class Pledge(_Frozen):
    """A commitment, offer or refusal by a party, with every party's reading of it.

    ``status`` is today's status; ``history`` (oldest first) says when it held each status,
    which decides whether the pledge was in force when a strike happened. Without a history
    the status stands for all time (expired and repudiated: in force until then, undated).
    """

    id: str
    title: str
    parties: tuple[str, ...]
    broker: str | None = None
    announced: str | None = None
    status: PledgeStatus
    scope: Scope = Scope()
    sources: tuple[str, ...] = ()
    readings: tuple[Reading, ...]
    draft: bool = False
    history: tuple[StatusChange, ...] = Field(default=(), exclude_if=lambda v: not v)

    def reading(self, by: str) -> Reading:
        for r in self.readings:
            if r.by == by:
                return r
        raise KeyError(by)

    def effective_scope(self, reading: Reading) -> Scope:
        """The pledge's scope with the reading's keys put in place of the pledge's."""
        if reading.scope is None:
            return self.scope
        override = reading.scope.model_dump(exclude_unset=True)
        return self.scope.model_copy(update=override)


class Evidence(_Frozen):
    """What a verdict rests on: the strike's grade, how many reports, who published them,
    and whose claim it is (None when the account is not one party's claim)."""

    grade: Credibility = Credibility.WEAK
    reports: int = 0
    sources: tuple[str, ...] = ()
    claimed_by: str | None = None


class Verdict(_Frozen):
    """(pledge, reading, strike) -> breach / no_breach / undetermined, with rule and reason.

    ``in_force`` says whether the pledge was in force at the strike's time (its status
    history); a verdict on a pledge not in force is a what-if (``mode``) and never counts as a
    breach in the default outputs. ``breach_at`` (breaches only) is the first instant inside
    the window, and while the pledge was in force, at which the strike was under way.
    """

    pledge: str
    reading: str
    strike: str
    strike_start: datetime
    strike_end: datetime
    verdict: VerdictKind
    rule: str
    why: str
    credibility: Credibility = Credibility.WEAK
    reports: tuple[str, ...] = ()
    time_precision: TimePrecision = TimePrecision.MINUTE
    tz: str = KYIV
    in_force: bool = True
    breach_at: datetime | None = None
    evidence: Evidence = Evidence()

    @model_validator(mode="before")
    @classmethod
    def _default_evidence(cls, data: object) -> object:
        if isinstance(data, dict) and "evidence" not in data:
            reports = data.get("reports") or ()
            grade = data.get("credibility", Credibility.WEAK)
            return {**data, "evidence": Evidence(grade=grade, reports=len(reports))}
        return data

    @property
    def mode(self) -> Literal["in_force", "what_if"]:
        """``in_force``, or ``what_if`` for a pledge not in force at the strike's time."""
        return "in_force" if self.in_force else "what_if"

    @property
    def counts(self) -> bool:
        """A breach the default outputs count: a breach of a pledge in force."""
        return self.in_force and self.verdict is VerdictKind.BREACH


class ClaimAssertion(StrEnum):
    """What a public statement about a pledge asserts."""

    KEPT = "kept"  # no breach
    BROKEN = "broken"  # at least one breach (optionally N times, from a date, on a target)
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    NOT_AGREED = "not_agreed"
    WINDOW = "window"  # only a window ("from Sunday to Sunday"), itself a reading


class Claim(_Frozen):
    """A public statement about a pledge: who said it, when, where, and what it asserts.

    Claims never change verdicts; they are checked against them, reading by reading.
    ``about`` is the party whose conduct is asserted (who kept or broke it); ``start`` and
    ``end`` a window the statement gives; ``pledge`` is set when the claim's file names it
    (``link: given``) or a person settled it (``link: manual``), otherwise the linker decides
    when the claim is read.
    """

    id: str
    speaker: str | None
    person: str | None = None
    said: AwareDatetime
    said_precision: TimePrecision = TimePrecision.DAY
    tz: str = KYIV
    statement: str
    asserts: ClaimAssertion
    about: str | None = None
    count: Quantity | None = None
    since: AwareDatetime | None = None
    targets: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    broker: str | None = None
    report: str | None = None
    source: str | None = None
    url: str | None = None
    span: tuple[int, int] | None = None
    pledge: str | None = None
    link: Literal["given", "manual"] | None = None

    @property
    def window(self) -> bool:
        """Whether the statement gives a window (a start or an end)."""
        return self.start is not None or self.end is not None
