"""Signed checkpoints: an ed25519 signature over (seq, head hash, time), like a CT signed tree head.

A checkpoint says "entry ``seq`` of this ledger has hash ``head``", signed with a key the
publisher keeps outside the database. Because every entry's hash covers all entries before it,
the checkpoint commits to the whole prefix 1..seq. Anyone holding the checkpoint file (and the
publisher's public key) can later prove that the ledger still contains that exact prefix: an
edited, reordered or truncated log no longer has ``head`` at ``seq``, and without the private
key nobody can sign a new checkpoint for a rewritten log.

Each checkpoint is also appended to the log itself (kind ``checkpoint.signed``, right after the
entry it covers), so ``verify`` checks every signature the log carries, and the brief shows the
latest one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from trucewatch.errors import InputError
from trucewatch.ledger.chain import canonical_json
from trucewatch.ledger.schema import CHECKPOINT_KIND

__all__ = [
    "CHECKPOINT_SIGNED",
    "LOG_NAME",
    "Checkpoint",
    "CheckpointCheck",
    "check_out",
    "check_prefix",
    "create_key",
    "load_key",
    "load_public_key",
    "read_file",
    "sign",
    "write_file",
]

CHECKPOINT_SIGNED = CHECKPOINT_KIND  # the entry kind; its partial index is in the schema
LOG_NAME = "trucewatch"
_FIELDS = ("log", "seq", "head", "time", "public_key", "signature")


@dataclass(frozen=True)
class Checkpoint:
    """A signed statement that entry ``seq`` of the ledger has hash ``head``."""

    seq: int
    head: str
    time: str
    public_key: str
    signature: str

    def statement(self) -> bytes:
        """The bytes that are signed: canonical JSON of everything but the signature."""
        body = {
            "log": LOG_NAME,
            "seq": self.seq,
            "head": self.head,
            "time": self.time,
            "public_key": self.public_key,
        }
        return canonical_json(body).encode("utf-8")

    @property
    def key_id(self) -> str:
        """First 16 hex digits of SHA-256 of the raw public key: how a reader names the key."""
        return hashlib.sha256(base64.b64decode(self.public_key)).hexdigest()[:16]

    def signature_ok(self) -> bool:
        try:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(self.public_key))
            key.verify(base64.b64decode(self.signature), self.statement())
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_json(self) -> dict[str, Any]:
        return {"log": LOG_NAME} | {k: getattr(self, k) for k in _FIELDS[1:]}

    @classmethod
    def from_json(cls, data: Any, where: str) -> Checkpoint:
        """Parse a checkpoint document; E812 names the field that is wrong."""
        if not isinstance(data, dict):
            raise InputError(f"{where}: a checkpoint is a JSON object", code="E812")
        for name in _FIELDS:
            if name not in data:
                raise InputError(f"{where}: field {name!r} is missing", code="E812")
        if data["log"] != LOG_NAME:
            raise InputError(f"{where}: log: expected {LOG_NAME!r}", code="E812")
        if not isinstance(data["seq"], int) or isinstance(data["seq"], bool) or data["seq"] < 0:
            raise InputError(f"{where}: seq: expected a whole number >= 0", code="E812")
        for name in _FIELDS[2:]:
            if not isinstance(data[name], str):
                raise InputError(f"{where}: {name}: expected text", code="E812")
        try:
            base64.b64decode(data["public_key"], validate=True)
            base64.b64decode(data["signature"], validate=True)
        except ValueError as exc:
            raise InputError(
                f"{where}: public_key/signature: not base64: {exc}", code="E812"
            ) from exc
        return cls(data["seq"], data["head"], data["time"], data["public_key"], data["signature"])


def sign(key: Ed25519PrivateKey, seq: int, head: str, now: datetime | None = None) -> Checkpoint:
    """Sign (seq, head, time) with ``key``."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    unsigned = Checkpoint(seq, head, moment, base64.b64encode(raw).decode("ascii"), "")
    signature = base64.b64encode(key.sign(unsigned.statement())).decode("ascii")
    return Checkpoint(seq, head, moment, unsigned.public_key, signature)


def create_key(path: Path) -> Ed25519PrivateKey:
    """Write a new private key (PEM, PKCS#8, readable by the owner only) and ``path.pub``."""
    if path.exists():
        raise InputError(f"{path}: already exists; refusing to overwrite a key", code="E810")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    path.with_name(path.name + ".pub").write_bytes(public)
    return key


def load_key(path: Path) -> Ed25519PrivateKey:
    """An ed25519 private key from a PEM file; E810 when it is missing or not such a key."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError as exc:
        raise InputError(
            f"{path}: no such key file; create one with `trucewatch checkpoint --new-key`",
            code="E810",
        ) from exc
    except (ValueError, TypeError) as exc:
        raise InputError(f"{path}: not an unencrypted PEM private key: {exc}", code="E810") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(f"{path}: the key is not an ed25519 key", code="E810")
    return key


def load_public_key(path: Path) -> str:
    """A PEM ed25519 public key file as the base64 raw key a checkpoint carries."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (ValueError, TypeError) as exc:
        raise InputError(f"{path}: not a PEM public key: {exc}", code="E811") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise InputError(f"{path}: the key is not an ed25519 key", code="E811")
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def read_file(path: Path) -> Checkpoint:
    """A checkpoint file written by ``write_file``; E812 when it cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a checkpoint file (JSON): {exc}", code="E812") from exc
    return Checkpoint.from_json(data, str(path))


def check_out(path: Path) -> None:
    """E107 when ``write_file`` could not write ``path`` (checked before anything is signed or
    appended, so a checkpoint whose file cannot be written leaves the log as it was)."""
    folder = path.parent
    if path.is_dir():
        problem = "is a folder"
    elif not folder.is_dir():
        problem = f"its folder {folder} does not exist"
    elif not os.access(folder, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.W_OK)
    ):
        problem = "cannot be written (permission denied)"
    else:
        return
    raise InputError(f"checkpoint file {path}: {problem}; nothing was signed", code="E107")


def write_file(checkpoint: Checkpoint, path: Path) -> None:
    path.write_text(json.dumps(checkpoint.to_json(), indent=2) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class CheckpointCheck:
    """Whether the ledger still contains the prefix a checkpoint covers."""

    ok: bool
    checkpoint: Checkpoint
    bad_seq: int | None = None
    problem: str | None = None


def check_prefix(
    checkpoint: Checkpoint, stored: tuple[int, str] | None, log_end: int, pinned: str | None
) -> CheckpointCheck:
    """Compare a checkpoint with the stored entry at its seq (None when absent)."""
    if not checkpoint.signature_ok():
        return CheckpointCheck(
            False, checkpoint, None, "the checkpoint's signature does not verify"
        )
    if pinned is not None and pinned != checkpoint.public_key:
        return CheckpointCheck(
            False, checkpoint, None, "the checkpoint was signed by another key than the one given"
        )
    if checkpoint.seq == 0:
        return CheckpointCheck(True, checkpoint)
    if stored is None:
        return CheckpointCheck(
            False,
            checkpoint,
            log_end + 1,
            f"the checkpoint covers entry {checkpoint.seq} but the log ends at entry {log_end}: "
            "the ledger was truncated",
        )
    if stored[1] != checkpoint.head:
        return CheckpointCheck(
            False,
            checkpoint,
            checkpoint.seq,
            f"entry {checkpoint.seq} no longer has the hash the checkpoint signed: "
            "the log up to it was rewritten",
        )
    return CheckpointCheck(True, checkpoint)
