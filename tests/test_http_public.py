"""A server fetching what its callers name reaches public addresses only (``public_only``)."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from trucewatch import _http
from trucewatch._http import get_typed, internal_address
from trucewatch.errors import InputError


@pytest.mark.parametrize(
    ("address", "internal"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("0.0.0.0", True),
        ("::", True),
        ("10.0.0.7", True),
        ("172.16.3.4", True),
        ("192.168.1.1", True),
        ("100.64.0.1", True),  # shared (carrier-grade NAT)
        ("169.254.169.254", True),  # the cloud metadata service
        ("fe80::1%eth0", True),
        ("fd00::1", True),
        ("::ffff:10.0.0.1", True),
        ("224.0.0.1", True),
        ("93.184.215.14", False),
        ("2606:4700:4700::1111", False),
    ],
)
def test_internal_addresses(address: str, internal: bool) -> None:
    assert internal_address(address) is internal


def test_a_name_is_judged_by_what_it_resolves_to(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/page").respond_with_data("<p>a page</p>")
    real = socket.getaddrinfo

    def resolve(host: str, *args: Any, **kwargs: Any) -> Any:
        return real("127.0.0.1" if host == "news.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    url = f"http://news.example:{httpserver.port}/page"
    with pytest.raises(InputError) as info:
        get_typed(url, limit=1000, public_only=True)
    assert info.value.code == "E176" and "news.example (127.0.0.1)" in str(info.value)
    assert httpserver.log == []
    # without public_only (the command line on the user's own machine) it is fetched
    assert get_typed(url, limit=1000)[0] == b"<p>a page</p>"


def test_a_redirect_to_an_internal_address_is_refused(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test server is on 127.0.0.1, taken for a public address here; it redirects to the
    metadata service, which is refused before any connection is made to it."""
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    real = _http.internal_address
    monkeypatch.setattr(_http, "internal_address", lambda a: a != "127.0.0.1" and real(a))
    with pytest.raises(InputError) as info:
        get_typed(httpserver.url_for("/go"), limit=1000, public_only=True)
    assert info.value.code == "E176" and "169.254.169.254" in str(info.value)
