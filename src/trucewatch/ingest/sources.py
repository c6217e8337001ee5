"""Where each public dataset is downloaded from, with a cache; ACLED with the user's account.

GDELT 2.0 publishes an events export every 15 minutes and names the newest in
``lastupdate.txt``. VIINA publishes yearly zip files of ``event_info`` and ``event_labels``.
ACLED needs an account: the user's own credentials come from the environment
(``ACLED_USERNAME`` and ``ACLED_PASSWORD``, or ``ACLED_ACCESS_TOKEN``) and are never printed.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import httpx

from trucewatch import _http
from trucewatch.errors import FetchError
from trucewatch.ingest.fetch import download

__all__ = [
    "ACLED_BASE",
    "GDELT_FILE",
    "GDELT_LASTUPDATE",
    "VIINA_BASE",
    "fetch_acled",
    "fetch_gdelt",
    "fetch_viina",
    "gdelt_latest_url",
]

GDELT_LASTUPDATE = "http://data.gdeltproject.org/gdeltv2/lastupdate.txt"
GDELT_FILE = "http://data.gdeltproject.org/gdeltv2/{stamp}.export.CSV.zip"
VIINA_BASE = "https://raw.githubusercontent.com/zhukovyuri/VIINA/master/Data"
ACLED_BASE = "https://acleddata.com"


def gdelt_latest_url(lastupdate: str = GDELT_LASTUPDATE, *, timeout: float = 30.0) -> str:
    """The newest 15-minute events export named in GDELT's ``lastupdate.txt``."""
    text = _http.get_bytes(lastupdate, limit=1 << 20, timeout=timeout).decode("utf-8", "replace")
    for line in text.splitlines():
        url = line.split()[-1] if line.split() else ""
        if url.endswith(".export.CSV.zip"):
            return url
    raise FetchError(f"{lastupdate} names no events export", code="E402")


def fetch_gdelt(
    cache: Path, stamp: str | None = None, *, lastupdate: str = GDELT_LASTUPDATE
) -> Path:
    """One GDELT 2.0 events file (``stamp`` YYYYMMDDHHMMSS, or the newest) into the cache."""
    url = GDELT_FILE.format(stamp=stamp) if stamp else gdelt_latest_url(lastupdate)
    name = url.rsplit("/", 1)[-1].removesuffix(".zip")
    return download(url, cache / "gdelt", name)


def fetch_viina(
    cache: Path, year: int | None = None, *, base: str = VIINA_BASE
) -> tuple[Path, Path]:
    """VIINA's event_info and event_labels files of one year (default: this year)."""
    year = year or date.today().year
    info = download(
        f"{base}/event_info_latest_{year}.zip", cache / "viina", f"event_info_latest_{year}.csv"
    )
    labels = download(
        f"{base}/event_labels_latest_{year}.zip", cache / "viina", f"event_labels_latest_{year}.csv"
    )
    return info, labels


def _acled_token(base: str, timeout: float) -> str:
    token = os.environ.get("ACLED_ACCESS_TOKEN")
    if token:
        return token
    user, password = os.environ.get("ACLED_USERNAME"), os.environ.get("ACLED_PASSWORD")
    if not user or not password:
        raise FetchError(
            "ACLED needs your own account: set ACLED_USERNAME and ACLED_PASSWORD "
            "(or ACLED_ACCESS_TOKEN) in the environment",
            code="E404",
        )
    try:
        response = httpx.post(
            f"{base}/oauth/token",
            data={
                "username": user,
                "password": password,
                "grant_type": "password",
                "client_id": "acled",
            },
            timeout=timeout,
        )
    except httpx.HTTPError as exc:
        raise FetchError(
            f"cannot reach ACLED at {base}: {type(exc).__name__}", code="E401"
        ) from exc
    if response.status_code != 200:
        # The body may echo what was sent; say only the status.
        raise FetchError(f"ACLED refused the login (HTTP {response.status_code})", code="E405")
    token = str(response.json().get("access_token") or "")
    if not token:
        raise FetchError("ACLED's login answer has no access token", code="E405")
    return token


def fetch_acled(
    cache: Path,
    *,
    country: str = "Ukraine",
    since: date | None = None,
    base: str = ACLED_BASE,
    timeout: float = 120.0,
) -> Path:
    """ACLED events for a country (since a date) as CSV into the cache, with the user's account."""
    token = _acled_token(base, timeout)
    params = {"_format": "csv", "country": country, "limit": "0"}
    if since is not None:
        params["event_date"] = since.isoformat()
        params["event_date_where"] = ">="
    name = f"acled_{country.lower().replace(' ', '_')}.csv"
    return _http.download(
        f"{base}/api/acled/read",
        cache / "acled",
        name,
        params=params,
        headers={"Authorization": f"Bearer {token}"},
        timeout=timeout,
    )
