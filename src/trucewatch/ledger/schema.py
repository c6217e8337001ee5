"""Tables of the ledger: the append-only log, its head, and the query projections.

Times in projection tables are ISO 8601 UTC strings of one fixed width
(``2026-02-03T07:30:00Z``) so that range queries compare correctly on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    literal,
)

__all__ = [
    "CHECKPOINT_KIND",
    "PROJECTIONS",
    "alert_deliveries",
    "chain_head",
    "claims",
    "entries",
    "ingest_runs",
    "merge_longest",
    "merge_members",
    "metadata",
    "pledges",
    "reading_states",
    "reports",
    "strike_reports",
    "strikes",
    "tokens",
    "verdicts",
]

metadata = MetaData()

entries = Table(
    "entries",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("kind", String(40), nullable=False),
    Column("key", String(200), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)
Index("ix_entries_key", entries.c.key)
# The signed checkpoints alone (``latest_checkpoint``): a ledger of millions of entries holds a
# few, and finding the newest must not scan the log.
CHECKPOINT_KIND = "checkpoint.signed"
Index(
    "ix_entries_checkpoints",
    entries.c.seq,
    sqlite_where=entries.c.kind == literal(CHECKPOINT_KIND),
    postgresql_where=entries.c.kind == literal(CHECKPOINT_KIND),
)

chain_head = Table(
    "chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("upstream_key", String(200)),
    Column("format", String(20), nullable=False),
    Column("source", String(200), nullable=False),
    Column("source_kind", String(20), nullable=False),
    Column("published", String(32)),
    Column("seq", BigInteger, nullable=False),
    Column("payload", Text, nullable=False),
)
Index("ix_reports_upstream", reports.c.format, reports.c.upstream_key)

strikes = Table(
    "strikes",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("attacker", String(8)),
    Column("start", String(32), nullable=False),
    Column("end", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("retracted", Boolean, nullable=False, default=False),
    Column("payload", Text, nullable=False),
    # The judged and listed fields, so that reading strikes decodes no payload (0010_cols;
    # ledger/projections.py: strike_columns). The exact instants as epoch microseconds and the
    # source's UTC offsets in seconds (start and end above are whole seconds, for ranges).
    Column("start_us", BigInteger),
    Column("end_us", BigInteger),
    Column("start_offset", Integer),
    Column("end_offset", Integer),
    Column("tz", Text),
    Column("time_precision", String(12)),
    Column("geo_precision", String(12)),
    Column("credibility", String(12)),
    Column("claimed_by", Text),
    Column("drones_min", BigInteger),
    Column("drones_max", BigInteger),
    Column("missiles_min", BigInteger),
    Column("missiles_max", BigInteger),
    Column("drones_downed", BigInteger),
    Column("missiles_downed", BigInteger),
    Column("killed", BigInteger),
    Column("injured", BigInteger),
    # The list-valued fields as one small JSON object (projections.AXES: places, place_names,
    # reports, targets, weapons, models), as the payload holds them.
    Column("axes", Text),
)
Index("ix_strikes_time", strikes.c.start, strikes.c.end)

strike_reports = Table(
    "strike_reports",
    metadata,
    Column("strike_id", String(40), primary_key=True),
    Column("report_id", String(40), primary_key=True),
)
Index("ix_strike_reports_report", strike_reports.c.report_id)

pledges = Table(
    "pledges",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("draft", Boolean, nullable=False, default=False),
    Column("payload", Text, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("said", String(32), nullable=False),
    Column("speaker", String(8)),
    Column("pledge", String(80)),
    Column("payload", Text, nullable=False),
)
Index("ix_claims_pledge", claims.c.pledge)


# merge.v1 as a maintained projection (merge/stored.py): the cluster each recorded strike
# belongs to (named by its first member in merge order) and why it joined. Times here keep
# microseconds (fixed width too) because they order the merge, not only filter it.
merge_members = Table(
    "merge_members",
    metadata,
    Column("strike_id", String(40), primary_key=True),
    Column("cluster_id", String(40), nullable=False),
    Column("attacker", String(8)),
    Column("start", String(32), nullable=False),
    Column("end", String(32), nullable=False),
    Column("reason", Text),
)
Index("ix_merge_members_cluster", merge_members.c.cluster_id)
Index("ix_merge_members_time", merge_members.c.attacker, merge_members.c.start)
Index("ix_merge_members_end", merge_members.c.end)
# the merged strike list, paged in SQL (merge/stored.py: merged_page)
Index("ix_merge_members_walk", merge_members.c.start, merge_members.c.strike_id)

# The longest time span of any row ever written to merge_members, kept by merge/stored.py in
# the same transaction (one row, id 1; none: not known yet, computed on the next write). An
# upper bound: a member open at T started after T minus it, which bounds the stored merge's
# scan for the clusters open at a point and the web desk's lookback.
merge_longest = Table(
    "merge_longest",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seconds", Float, nullable=False),
)

# Verdicts as a maintained projection (judge/stored.py): every verdict that is not no_breach
# (what-ifs included) on a merged strike touching a dated reading window of a confirmed pledge.
# A new report re-judges only the readings whose windows its strikes' clusters touch.
verdicts = Table(
    "verdicts",
    metadata,
    Column("pledge", String(80), primary_key=True),
    Column("reading", String(80), primary_key=True),
    Column("strike", String(40), primary_key=True),
    Column("start", String(32), nullable=False),
    Column("end", String(32), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("in_force", Boolean, nullable=False),
    Column("breach_at", String(32)),
    Column("rule", Text, nullable=False),
    Column("why", Text, nullable=False),
    Column("payload", Text, nullable=False),
)
Index("ix_verdicts_strike", verdicts.c.strike)
# Verdict lists paged in SQL (judge/stored.py: verdict_page), all pledges or one.
Index(
    "ix_verdicts_walk", verdicts.c.start, verdicts.c.strike, verdicts.c.pledge, verdicts.c.reading
)
# An episode's breaches looked up by time (respond/stored.py).
Index(
    "ix_verdicts_breach_at",
    verdicts.c.pledge,
    verdicts.c.reading,
    verdicts.c.breach_at,
    verdicts.c.strike,
)
Index(
    "ix_verdicts_pledge_walk",
    verdicts.c.pledge,
    verdicts.c.start,
    verdicts.c.strike,
    verdicts.c.reading,
)

PROJECTIONS = (reports, strikes, strike_reports, pledges, claims, merge_members, verdicts)

# The response protocol (the default policy) over each reading's stored verdicts, as of the
# time of the ledger write that last changed them (respond/stored.py). Derived from
# ``verdicts`` plus that time, so ``verify`` checks it by running the policy again at ``as_of``.
reading_states = Table(
    "reading_states",
    metadata,
    Column("pledge", String(80), primary_key=True),
    Column("reading", String(80), primary_key=True),
    Column("policy", String(80), nullable=False),
    Column("version", Integer, nullable=False),
    Column("as_of", String(32), nullable=False),
    Column("stage", Integer),
    Column("breaches", Integer, nullable=False),
    Column("undetermined", Integer, nullable=False),
    Column("payload", Text, nullable=False),
)


# Bookkeeping beside the chain (not evidence, not a projection): see ledger/runs.py.
ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("what", Text, nullable=False),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("outcome", Text),
)

# Access tokens of the shared service (not a projection: never rebuilt from the log). Only a
# scrypt hash of each secret is kept; revoking sets ``revoked_at``.
tokens = Table(
    "tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("hash", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

# What the watch has announced (operational state, not a projection: never rebuilt from the
# log, not compared by verify; see ledger/alertstate.py). One row per alert key: ``pending``
# while one notifier posts it (``claim`` names that notifier), then ``delivered``.
alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("state", String(12), nullable=False),
    Column("claim", String(32), nullable=False),
    Column("claimed_at", String(32), nullable=False),
    Column("delivered_at", String(32)),
)
