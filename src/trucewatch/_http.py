"""The one download helper and the one retry policy for HTTP (fetch, boundaries, alerts).

``download`` streams a URL into the cache (never the whole body in memory), sends the cached
copy's ETag / Last-Modified so an unchanged file is not downloaded again, retries connection
errors, timeouts, 429 and 5xx with exponential backoff (tenacity), and checks every status.
When the server cannot be reached or keeps failing and a cached copy exists, that copy is used
and a warning says so (``E406``), never silently. Zip archives (Kaggle's download API answers
with one) are unpacked to the named member. ``get_bytes`` reads what is not cached (a news
page, GDELT's ``lastupdate.txt``) the same way, streamed and stopped at a size limit; a page's
``Content-Type`` is kept (``get_typed``, and beside a cached copy, ``cached_type``) for its charset.

``check_url`` is the one check of an address given by someone (a page, a feed, a webhook):
http(s), a host, a port. A server fetching what its callers name also passes ``public_only``:
every host is resolved and refused (E176) when any address it gives is internal (loopback,
private, link-local such as the cloud metadata service 169.254.169.254, unspecified), and the
connection goes to the address that was checked, so a redirect or a name that resolves
differently a second later cannot reach inside either.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import shutil
import socket
import zipfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpcore
import httpx
from tenacity import (
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from trucewatch._atomic import atomic_file, write_atomic
from trucewatch.errors import FetchError, InputError

__all__ = [
    "RETRY_STATUSES",
    "TransientStatus",
    "cached_type",
    "call_with_retries",
    "check_url",
    "download",
    "get_bytes",
    "get_typed",
    "internal_address",
    "retrying",
]

log = logging.getLogger("trucewatch.download")

#: Statuses worth asking again: rate limited, or the server failed.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

T = TypeVar("T")


class TransientStatus(Exception):
    """A status that may pass if asked again (429, 5xx)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


def _transient(exc: BaseException) -> bool:
    return isinstance(exc, TransientStatus | httpx.TransportError)


def retrying(attempts: int, backoff: float) -> Retrying:
    """Up to ``attempts`` tries, waiting ``backoff`` * 1, 2, 4, ... seconds between them."""
    return Retrying(
        stop=stop_after_attempt(attempts),
        wait=wait_exponential(multiplier=backoff, exp_base=2, min=0, max=60),
        retry=retry_if_exception(_transient),
        reraise=True,
    )


def call_with_retries(fn: Callable[[], T], *, attempts: int, backoff: float) -> T:
    """``fn()``, again on transport errors and :class:`TransientStatus` (then re-raised)."""
    return retrying(attempts, backoff)(fn)


def _failed(url: str, exc: httpx.HTTPError | TransientStatus) -> FetchError:
    """The error for a URL that kept failing: E403 for a status, E401 for the connection."""
    if isinstance(exc, TransientStatus):
        return FetchError(f"{url} answered {exc}", code="E403")
    return FetchError(f"cannot download {url}: {type(exc).__name__}: {exc}", code="E401")


def check_url(url: str) -> str:
    """``url`` when it is an http(s) address with a host and a usable port; E175 otherwise."""
    try:
        parsed = httpx.URL(url)
        problem = None
        if parsed.scheme not in ("http", "https"):
            problem = "it is not http:// or https://"
        elif not parsed.host:
            problem = "it names no host"
    except (httpx.InvalidURL, ValueError) as exc:
        problem = str(exc) or type(exc).__name__
    if problem is not None:
        raise InputError(
            f"{url!r} is not a web address that can be fetched ({problem}); "
            "give it as http(s)://host/path",
            code="E175",
        )
    return url


def internal_address(address: str) -> bool:
    """Whether an IP address is one a public web server does not have: loopback, private,
    link-local (169.254.169.254 among them), unspecified, shared, reserved or multicast; an
    IPv4 address written as IPv6 (``::ffff:127.0.0.1``) is judged as the IPv4 one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # a zone (fe80::1%eth0) names no host
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _refused(host: str, address: str) -> InputError:
    named = host if host == address else f"{host} ({address})"
    return InputError(
        f"{named} is an internal address (loopback, private network, link-local or "
        "unspecified); this server fetches public web pages only. Give a public http(s) "
        "address, or start the server with --allow-internal-urls to let it fetch such pages",
        code="E176",
    )


def _public_addresses(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, all public; E176 naming the first internal one
    (OSError when the name does not resolve)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as exc:
        raise OSError(f"{host}: {exc}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    for address in addresses:
        if internal_address(address):
            raise _refused(host, address)
    return addresses


class _PublicBackend(httpcore.NetworkBackend):
    """Connects only to public addresses: the one it checked, not a second resolution."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = _public_addresses(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        error: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no address")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise _refused(path, path)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _PublicTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that connects to public addresses only."""

    def __init__(self) -> None:
        super().__init__()
        # httpx builds its pool in __init__ with no way to pass a network backend; this pool
        # has the same defaults (TLS verified, HTTP/1.1) with the checking backend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=_PublicBackend()
        )


def _check_request(request: httpx.Request) -> None:
    """Refuse a request (the first or a redirect) whose host is internal, also when it goes
    through a proxy, which the transport's own check does not see."""
    url = request.url
    # a name that does not resolve here: the connection (or the proxy) says so
    with contextlib.suppress(OSError):
        _public_addresses(url.host, url.port or (443 if url.scheme == "https" else 80))


def _client(timeout: float, public_only: bool) -> httpx.Client:
    if not public_only:
        return httpx.Client(timeout=timeout, follow_redirects=True)
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        transport=_PublicTransport(),
        event_hooks={"request": [_check_request]},
    )


def get_bytes(
    url: str,
    *,
    limit: int,
    timeout: float = 30.0,
    attempts: int = 3,
    backoff: float = 0.25,
    public_only: bool = False,
) -> bytes:
    """The body of ``url``, streamed and refused past ``limit`` bytes (E804), with the retries
    and status checks of :func:`download`; nothing is cached, so there is no stale copy."""
    return get_typed(
        url,
        limit=limit,
        timeout=timeout,
        attempts=attempts,
        backoff=backoff,
        public_only=public_only,
    )[0]


def get_typed(
    url: str,
    *,
    limit: int,
    timeout: float = 30.0,
    attempts: int = 3,
    backoff: float = 0.25,
    public_only: bool = False,
) -> tuple[bytes, str | None]:
    """:func:`get_bytes` with the response's ``Content-Type`` (its charset reads a page).
    ``public_only``: refuse internal addresses (E176), for a server fetching what it is told."""
    check_url(url)

    def once() -> tuple[bytes, str | None]:
        with (
            _client(timeout, public_only) as client,
            client.stream("GET", url, headers={"User-Agent": "trucewatch"}) as response,
        ):
            if response.status_code in RETRY_STATUSES:
                raise TransientStatus(response.status_code)
            if response.status_code != 200:
                raise FetchError(f"{url} answered HTTP {response.status_code}", code="E403")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InputError(
                        f"{url}: more than {limit:,} bytes, over the limit; "
                        "raise $TRUCEWATCH_MAX_FILE_BYTES",
                        code="E804",
                    )
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("content-type")

    try:
        return call_with_retries(once, attempts=attempts, backoff=backoff)
    except (httpx.HTTPError, TransientStatus) as exc:
        raise _failed(url, exc) from exc


def cached_type(path: Path) -> str | None:
    """The ``Content-Type`` a file cached by :func:`download` came with (None if unknown)."""
    try:
        meta = json.loads((path.parent / f"{path.name}.meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = meta.get("content_type") if isinstance(meta, dict) else None
    return found if isinstance(found, str) else None


def _meta_headers(meta_path: Path, url: str) -> dict[str, str]:
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(meta, dict) or meta.get("url") != url:
        return {}
    headers = {}
    if meta.get("etag"):
        headers["If-None-Match"] = str(meta["etag"])
    if meta.get("last_modified"):
        headers["If-Modified-Since"] = str(meta["last_modified"])
    return headers


def _install(part: Path, target: Path, url: str) -> None:
    """Move a finished download into place; a zip archive gives its member of that name."""
    try:
        with part.open("rb") as head:
            is_zip = head.read(2) == b"PK"
        if not is_zip:
            part.replace(target)
            return
        with zipfile.ZipFile(part) as archive:
            names = [n for n in archive.namelist() if Path(n).name == target.name]
            if not names:
                raise FetchError(f"{url}: the archive has no {target.name}", code="E402")
            with archive.open(names[0]) as src, atomic_file(target) as dst:
                shutil.copyfileobj(src, dst)
    finally:
        part.unlink(missing_ok=True)


def download(
    url: str,
    directory: Path,
    filename: str,
    *,
    timeout: float = 60.0,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    auth: tuple[str, str] | None = None,
    attempts: int = 3,
    backoff: float = 0.25,
) -> Path:
    """Fetch ``url`` into ``directory/filename`` unless the cached copy is still current."""
    check_url(url)
    target = directory / filename
    meta_path = directory / f"{filename}.meta.json"
    part = directory / f".{filename}.download"
    sent: dict[str, str] = {"User-Agent": "trucewatch", **(headers or {})}
    key = str(httpx.URL(url, params=params))  # the cache's copy is of this exact query
    if target.exists():
        sent.update(_meta_headers(meta_path, key))

    def once() -> httpx.Headers | None:
        with httpx.stream(
            "GET",
            url,
            headers=sent,
            params=params,
            auth=auth,
            timeout=timeout,
            follow_redirects=True,
        ) as response:
            if response.status_code == 304 and target.exists():
                return None
            if response.status_code in RETRY_STATUSES:
                raise TransientStatus(response.status_code)
            if response.status_code != 200:
                raise FetchError(f"{url} answered HTTP {response.status_code}", code="E403")
            with atomic_file(part) as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
            return response.headers

    try:
        got = call_with_retries(once, attempts=attempts, backoff=backoff)
    except (httpx.HTTPError, TransientStatus) as exc:
        reason = str(exc) if isinstance(exc, TransientStatus) else f"{type(exc).__name__}: {exc}"
        if target.exists():
            when = datetime.fromtimestamp(target.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M")
            log.warning(
                "E406: %s failed after %d tries (%s); using the cached copy %s from %s UTC",
                url,
                attempts,
                reason,
                target,
                when,
            )
            return target
        raise _failed(url, exc) from exc
    if got is None:
        return target
    _install(part, target, url)
    meta: dict[str, Any] = {
        "url": key,
        "etag": got.get("etag"),
        "last_modified": got.get("last-modified"),
        "content_type": got.get("content-type"),
    }
    write_atomic(meta_path, json.dumps(meta))
    return target
