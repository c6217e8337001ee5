"""Pledge files (YAML): read, validate and write pledges, and the bundled registry.

This package is the one public entry point for pledge files; ``_files`` reads and writes them,
``_schema`` is the pydantic "file schema" they are validated against, and the YAML reader with
line marks is :mod:`trucewatch._yaml`.
"""

from trucewatch.pledges._files import (
    dump_pledge,
    dump_pledges,
    load_pledge_files,
    load_pledges,
    load_registry,
    parse_pledges,
    registry_paths,
)
from trucewatch.pledges._schema import parse_time

__all__ = [
    "dump_pledge",
    "dump_pledges",
    "load_pledge_files",
    "load_pledges",
    "load_registry",
    "parse_pledges",
    "parse_time",
    "registry_paths",
]
