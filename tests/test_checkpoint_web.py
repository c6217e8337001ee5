"""The web service shows the latest signed checkpoint (issue 11): the API and the ledger page.

Through a real server (uvicorn) on a small ledger: no checkpoint yet, then one that holds (what
a checkpoint that does not hold says is tested on the ledger in test_checkpoint.py).
"""

from __future__ import annotations

from pathlib import Path

import httpx

import trucewatch
from factories import report
from trucewatch.web import create_app
from webserver import serving


def test_api_and_ledger_page_show_the_latest_checkpoint(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    with trucewatch.open(db) as tw:
        tw.ledger.record([report(f"text {i}") for i in range(3)], [])
    app = create_app(db)
    try:
        with serving(app) as base, httpx.Client(base_url=base, timeout=120) as client:
            assert client.get("/api/v1/checkpoint").json() == {"checkpoint": None}
            page = client.get("/ledger", headers={"Accept": "text/html"}).text
            assert "No checkpoint yet" in page

            with trucewatch.open(db) as tw:
                signed = tw.checkpoint(tmp_path / "key.pem", new_key=True)
            body = client.get("/api/v1/checkpoint").json()
            assert body["holds"] is True and body["problem"] is None
            assert body["checkpoint"]["seq"] == signed.seq == 3
            assert body["checkpoint"]["head"] == signed.head
            page = client.get("/ledger", headers={"Accept": "text/html"}).text
            assert "Holds: the ledger still contains the 3 entries" in page
            assert signed.head in page

    finally:
        app.state.desk.tw.close()
