"""Access tokens for the shared service: a role per token, only a scrypt hash stored.

A token reads ``tw_<id>_<secret>``: the id finds the row, the secret is checked against the
stored ``scrypt$n$r$p$salt$hash`` (hashlib.scrypt, no extra dependency). The secret is shown
once, when the token is made, and never stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum

from sqlalchemy import Engine, RowMapping, insert, select, update

from trucewatch._inputs import name_problem
from trucewatch.errors import InputError, NotFoundError
from trucewatch.ledger.projections import utc_text
from trucewatch.ledger.schema import tokens

__all__ = ["Role", "Token", "TokenStore"]

_N, _R, _P = 2**14, 8, 1


class Role(IntEnum):
    """What a token may do; each role may do everything the ones below it may."""

    READER = 1
    ANALYST = 2
    EDITOR = 3
    ADMIN = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Role:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            known = ", ".join(r.label for r in cls)
            raise InputError(
                f"--role {value!r}: unknown role; use one of {known}", code="E601"
            ) from None


@dataclass(frozen=True)
class Token:
    """A token as listed: never its secret."""

    id: str
    name: str
    role: Role
    created_at: str
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _hash(secret: str, salt: bytes) -> str:
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 2**20)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def _check(secret: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, want = stored.split("$")
        got = hashlib.scrypt(
            secret.encode(),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 2**20,
        )
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), want)


class TokenStore:
    """Tokens in the ledger's database (beside the log, not in it)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # secrets already checked this process: sha256(token) -> token id (scrypt is slow on
        # purpose; revocation is still read from the table on every request)
        self._checked: dict[str, str] = {}

    def create(self, name: str, role: Role) -> tuple[Token, str]:
        """A new token; returns it and the secret to hand over (shown once)."""
        if not name.strip():
            raise InputError("--name: give the token a name (who or what uses it)", code="E602")
        problem = name_problem(name)
        if problem is not None:
            raise InputError(f"--name {name!r} {problem}", code="E602")
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(24)
        full = f"tw_{token_id}_{secret}"
        row = Token(token_id, name.strip(), role, utc_text(datetime.now(UTC)))
        with self.engine.begin() as conn:
            conn.execute(
                insert(tokens).values(
                    id=row.id,
                    name=row.name,
                    role=role.label,
                    hash=_hash(full, secrets.token_bytes(16)),
                    created_at=row.created_at,
                )
            )
        return row, full

    def list(self) -> list[Token]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(tokens).order_by(tokens.c.created_at, tokens.c.id))
            return [self._token(r._mapping) for r in rows]

    def revoke(self, token_id: str) -> Token:
        """Revoke a token by id; revoking twice keeps the first time."""
        with self.engine.begin() as conn:
            found = conn.execute(select(tokens).where(tokens.c.id == token_id)).first()
            if found is None:
                raise NotFoundError(
                    f"token {token_id!r} does not exist; see `trucewatch tokens list`", code="E603"
                )
            if found.revoked_at is None:
                conn.execute(
                    update(tokens)
                    .where(tokens.c.id == token_id)
                    .values(revoked_at=utc_text(datetime.now(UTC)))
                )
        return next(t for t in self.list() if t.id == token_id)

    def authenticate(self, presented: str) -> Token | None:
        """The active token a presented secret belongs to, or None."""
        parts = presented.split("_", 2)
        if len(parts) != 3 or parts[0] != "tw":
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(tokens).where(tokens.c.id == parts[1])).first()
        if row is None or row.revoked_at is not None:
            return None
        key = hashlib.sha256(presented.encode()).hexdigest()
        if self._checked.get(key) != row.id:
            if not _check(presented, row.hash):
                return None
            self._checked[key] = row.id
        return self._token(row._mapping)

    @staticmethod
    def _token(row: RowMapping) -> Token:
        return Token(
            row["id"], row["name"], Role[row["role"].upper()], row["created_at"], row["revoked_at"]
        )
