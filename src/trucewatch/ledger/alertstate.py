"""What the watch has announced: one row per alert key in the ledger database.

The state of the alert sender lives beside the log (table ``alert_deliveries``, migration
``0004_house``) rather than in a JSON file rewritten after every delivery. It is operational
state, not ledger content: no entry records it, ``rebuild`` leaves it alone and ``verify``
does not compare it with the log (a replay of the log could not recreate it).

A notifier first *claims* a key (inserts a ``pending`` row, or takes over a pending row whose
claim is older than ``stale_after``, left by a notifier that died mid-post), posts, then marks
the key ``delivered`` or releases its claim. Two notifiers on one ledger therefore never post
the same key at once, and no lock is held while a webhook is slow. An alert state file of the
earlier JSON form is imported once by :meth:`AlertState.import_json`.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from trucewatch.errors import InputError
from trucewatch.ledger.schema import alert_deliveries
from trucewatch.merge.stored import member_time as utc_text  # fixed width, microseconds

__all__ = ["DEFAULT_STALE_AFTER", "AlertState"]

#: A pending claim older than this was left by a notifier that stopped mid-post.
DEFAULT_STALE_AFTER = timedelta(minutes=15)

_T = alert_deliveries


def _now() -> datetime:
    return datetime.now(UTC)


class AlertState:
    """The delivered (and in-flight) alert keys of one ledger."""

    def __init__(self, engine: Engine, *, stale_after: timedelta = DEFAULT_STALE_AFTER) -> None:
        self.engine = engine
        self.stale_after = stale_after
        self.token = secrets.token_hex(8)  # names this notifier's claims

    def delivered(self) -> dict[str, str]:
        """Every delivered key with the UTC time it was delivered."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_T.c.key, _T.c.delivered_at).where(_T.c.state == "delivered")
            )
            return {key: str(at) for key, at in rows}

    def claim(self, key: str) -> bool:
        """Claim ``key`` for posting; False if it is delivered or another notifier holds it."""
        now = _now()
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(_T).values(
                        key=key, state="pending", claim=self.token, claimed_at=utc_text(now)
                    )
                )
            return True
        except IntegrityError:
            pass
        with self.engine.begin() as conn:
            taken = conn.execute(
                update(_T)
                .where(
                    _T.c.key == key,
                    _T.c.state == "pending",
                    _T.c.claimed_at < utc_text(now - self.stale_after),
                )
                .values(claim=self.token, claimed_at=utc_text(now))
            )
            return taken.rowcount == 1

    def record(self, key: str) -> str:
        """Mark a claimed key delivered; returns the delivery time (UTC text)."""
        at = utc_text(_now())
        with self.engine.begin() as conn:
            conn.execute(
                update(_T)
                .where(_T.c.key == key, _T.c.claim == self.token)
                .values(state="delivered", delivered_at=at)
            )
        return at

    def release(self, key: str) -> None:
        """Give up a claim after a failed post, so the next cycle tries again."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(_T).where(_T.c.key == key, _T.c.claim == self.token, _T.c.state == "pending")
            )

    def import_json(self, path: Path) -> int | None:
        """Import the delivered keys of an alert state file of the earlier JSON form.

        Returns how many keys were new here, or None when there is no such file. The file is
        renamed to ``<name>.imported`` afterwards, so it is imported once and never read again.
        """
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            keys = json.loads(text)["delivered"]
            if not isinstance(keys, dict):
                raise TypeError("delivered is not a mapping")
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}: alert state file is unreadable ({exc}); repair it, or remove it to "
                "send every alert again",
                code="E105",
            ) from exc
        with self.engine.connect() as conn:
            states = {key: st for key, st in conn.execute(select(_T.c.key, _T.c.state))}
        rows = [
            {"key": str(key), "at": str(at)[:32]}
            for key, at in keys.items()
            if states.get(str(key)) != "delivered"
        ]
        with self.engine.begin() as conn:
            for row in rows:
                if row["key"] in states:  # a pending claim: the file says it went out
                    conn.execute(
                        update(_T)
                        .where(_T.c.key == row["key"])
                        .values(state="delivered", delivered_at=row["at"])
                    )
                else:
                    conn.execute(
                        insert(_T).values(
                            key=row["key"],
                            state="delivered",
                            claim="imported",
                            claimed_at=row["at"],
                            delivered_at=row["at"],
                        )
                    )
        path.replace(path.with_name(path.name + ".imported"))
        return len(rows)
