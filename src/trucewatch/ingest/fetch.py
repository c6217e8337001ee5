"""Download public datasets into a cache directory, re-using the cached copy when unchanged.

The cache keeps each file with a small JSON sidecar holding the server's ETag and
Last-Modified, sent back as conditional headers so an unchanged file is not downloaded
again. Zip archives (Kaggle's download API answers with one) are unpacked to the named member.
Credentials, where a source needs them, come from the environment and are never printed.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import httpx

from trucewatch.errors import FetchError

AIRFORCE_URL = (
    "https://www.kaggle.com/api/v1/datasets/download/piterfm/massive-missile-attacks-on-ukraine"
)


def _auth(url: str) -> tuple[str, str] | None:
    if "kaggle.com" in url and os.environ.get("KAGGLE_USERNAME") and os.environ.get("KAGGLE_KEY"):
        return (os.environ["KAGGLE_USERNAME"], os.environ["KAGGLE_KEY"])
    return None


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _unpack(data: bytes, member: str, url: str) -> bytes:
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if Path(n).name == member]
        if not names:
            raise FetchError(f"{url}: the archive has no {member}", code="E402")
        return archive.read(names[0])


def download(url: str, directory: Path, filename: str, *, timeout: float = 60.0) -> Path:
    """Fetch ``url`` into ``directory/filename`` unless the cached copy is still current."""
    target = directory / filename
    meta_path = directory / f"{filename}.meta.json"
    headers: dict[str, str] = {"User-Agent": "trucewatch"}
    if target.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("url") == url:
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = meta["last_modified"]
    try:
        response = httpx.get(
            url, headers=headers, auth=_auth(url), timeout=timeout, follow_redirects=True
        )
    except httpx.HTTPError as exc:
        if target.exists():
            return target
        raise FetchError(f"cannot download {url}: {exc}", code="E401") from exc
    if response.status_code == 304 and target.exists():
        return target
    if response.status_code != 200:
        raise FetchError(f"{url} answered HTTP {response.status_code}", code="E403")
    _write_atomic(target, _unpack(response.content, filename, url))
    meta = {
        "url": url,
        "etag": response.headers.get("etag"),
        "last_modified": response.headers.get("last-modified"),
    }
    _write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
    return target
