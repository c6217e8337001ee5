"""The bundled claim texts and claim file: real statements in our own words, for the demo."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

import yaml

from trucewatch.errors import ClaimError
from trucewatch.ingest.news import NewsItem

__all__ = ["bundled_claims_path", "bundled_texts"]


def _root() -> Path:
    root = files("trucewatch").joinpath("data", "claims")
    if not isinstance(root, Path):  # a zipped install; the package ships as plain files
        raise ClaimError(f"{root}: the bundled claims are not on the file system", code="E706")
    return root


def bundled_claims_path() -> Path:
    """The hand-written claims (windows, expiry, refusals) as a claim file."""
    return _root() / "claims.yaml"


def bundled_texts() -> list[tuple[NewsItem, str]]:
    """The claim texts as news items, each with the name of the source that reported it."""
    path = _root() / "texts.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in items:
        published = item["published"]
        day = published if isinstance(published, date) else date.fromisoformat(str(published))
        news = NewsItem(
            text=" ".join(str(item["text"]).split()),
            published=day,
            url=item.get("url"),
            locator=f"{path.name}#{item['id']}",
        )
        out.append((news, str(item["source"])))
    return out
