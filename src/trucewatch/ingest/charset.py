"""The text of an HTML page's bytes, in the character set the page declares.

A byte-order mark wins. Bytes that are valid UTF-8 are read as UTF-8 whatever the page says
(text in a single-byte charset is almost never valid UTF-8, while pages saved as UTF-8 under an
old ``windows-1251`` declaration are common). Otherwise the page's own declaration (``<meta
charset>``, ``<meta http-equiv="Content-Type" content="...; charset=...">`` or an XML
declaration) in its first 4 KiB is used; as browsers do, a page declaring Latin-1 or ASCII is
read as windows-1252. A byte the charset cannot read is E805 naming its line and column,
never replaced.
"""

from __future__ import annotations

import codecs
import re

from trucewatch._inputs import decode
from trucewatch.errors import InputError

__all__ = ["declared_charset", "html_text"]

_SNIFF = 4096
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The WHATWG encoding standard reads these labels as windows-1252.
_AS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares (by BOM or markup), lower-case, or None."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    m = _DECLARED.search(raw[:_SNIFF])
    if m is None:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    return "windows-1252" if label in _AS_1252 else label


def html_text(raw: bytes, name: str) -> str:
    """The page as text (see the module); E805 on a byte its charset cannot read or on a
    charset Python does not know."""
    charset = declared_charset(raw)
    has_bom = any(raw.startswith(bom) for bom, _ in _BOMS)
    if not has_bom:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if charset is None:
        return decode(raw, name, "utf-8", "the page declares no charset; re-save it as UTF-8")
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(
            f"{name}: the page declares charset {charset!r}, which is not a known encoding; "
            "re-save it as UTF-8",
            code="E805",
        ) from None
    return decode(raw, name, charset, f"the page is read as {charset}; re-save it as UTF-8")
