"""The monitoring desk: HTTP API and dashboard over the ``Trucewatch`` facade."""

from __future__ import annotations

from trucewatch.web.app import create_app

__all__ = ["create_app"]
