"""Where trucewatch keeps and finds files: the one home for paths that users can change.

Library code takes paths as arguments; when a caller gives none, the defaults come from here.

- ``$TRUCEWATCH_CACHE``: downloads, the gazetteer cache and watch state; else
  ``$XDG_CACHE_HOME/trucewatch``, else ``~/.cache/trucewatch``.
- ``$TRUCEWATCH_DATA``: a directory of optional public datasets (the project's ``shared/data``
  layout: ``petroivaniuk_missile_attacks/``, ``ukraine_adm1_boundaries/``, ...); else
  ``../shared/data`` beside the working directory, where the project keeps them.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_CACHE", "ENV_DATA", "cache_dir", "data_dir"]

ENV_CACHE = "TRUCEWATCH_CACHE"
ENV_DATA = "TRUCEWATCH_DATA"


def cache_dir() -> Path:
    """``$TRUCEWATCH_CACHE``, else ``$XDG_CACHE_HOME/trucewatch``, else ``~/.cache/trucewatch``."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "trucewatch"


def data_dir() -> Path:
    """``$TRUCEWATCH_DATA``, else ``../shared/data`` (it need not exist)."""
    return Path(os.environ.get(ENV_DATA) or Path("..") / "shared" / "data")
