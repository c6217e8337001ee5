"""Where the air-force file comes from, and the download helper with the right credentials.

Downloading itself (streaming, retries, the cache's conditional headers, the announced
stale-copy fallback) is :func:`trucewatch._http.download`. Credentials, where a source needs
them, come from the environment and are never printed.
"""

from __future__ import annotations

import os
from pathlib import Path

from trucewatch import _http

__all__ = ["AIRFORCE_URL", "download"]

AIRFORCE_URL = (
    "https://www.kaggle.com/api/v1/datasets/download/piterfm/massive-missile-attacks-on-ukraine"
)


def _auth(url: str) -> tuple[str, str] | None:
    if "kaggle.com" in url and os.environ.get("KAGGLE_USERNAME") and os.environ.get("KAGGLE_KEY"):
        return (os.environ["KAGGLE_USERNAME"], os.environ["KAGGLE_KEY"])
    return None


def download(url: str, directory: Path, filename: str, *, timeout: float = 60.0) -> Path:
    """Fetch ``url`` into ``directory/filename`` unless the cached copy is still current."""
    return _http.download(url, directory, filename, timeout=timeout, auth=_auth(url))
