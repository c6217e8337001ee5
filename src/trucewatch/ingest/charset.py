"""The text of an HTML page's bytes, in the character set the page (or its server) declares.

The order is the HTML standard's: a byte-order mark wins, then the charset of the HTTP
``Content-Type`` header the page came with, then the page's own declaration (``<meta charset>``,
``<meta http-equiv="Content-Type" content="...; charset=...">`` or an XML declaration) in its
first 4 KiB. Two departures, both towards reading what is really there: bytes that are valid
UTF-8 are read as UTF-8 whatever is declared (text in a single-byte charset is almost never
valid UTF-8, while pages saved as UTF-8 under an old ``windows-1251`` declaration are common),
and a declaration that cannot read the bytes gives way to the next one that can. As browsers
do, a Latin-1 or ASCII label is read as windows-1252, and a header charset nobody knows is
ignored. A byte no declared charset can read is E805 naming its line and column, never replaced.
"""

from __future__ import annotations

import codecs
import re

from trucewatch._inputs import decode
from trucewatch.errors import InputError

__all__ = ["declared_charset", "header_charset", "html_text"]

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
_PARAM = re.compile(r"""(?:^|;)\s*charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _label(label: str) -> str:
    label = label.lower()
    return "windows-1252" if label in _AS_1252 else label


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP ``Content-Type`` value, lower-case; None when there is
    none or it names no encoding Python knows (the HTML standard ignores such a label)."""
    m = _PARAM.search(content_type or "")
    if m is None:
        return None
    charset = _label(m.group(1))
    return charset if _known(charset) else None


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares (by BOM or markup), lower-case, or None."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    m = _DECLARED.search(raw[:_SNIFF])
    if m is None:
        return None
    return _label((m.group(1) or m.group(2)).decode("ascii"))


def html_text(raw: bytes, name: str, content_type: str | None = None) -> str:
    """The page as text (see the module); ``content_type`` is the HTTP header it came with.
    E805 on a byte no declared charset can read, or on a page charset Python does not know."""
    for bom, by_bom in _BOMS:
        if raw.startswith(bom):
            return decode(raw, name, by_bom)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sent = header_charset(content_type)
    page = declared_charset(raw)
    if sent is None and page is None:
        return decode(raw, name, "utf-8", "the page declares no charset; re-save it as UTF-8")
    for declared in (sent, page):
        if declared is not None and declared != "utf-8" and _known(declared):
            try:
                return raw.decode(declared)
            except UnicodeDecodeError:
                continue
    first = sent or page
    assert first is not None
    if not _known(first):
        raise InputError(
            f"{name}: the page declares charset {first!r}, which is not a known encoding; "
            "re-save it as UTF-8",
            code="E805",
        )
    said = "its server's Content-Type says" if first == sent else "the page declares"
    return decode(raw, name, first, f"{said} {first}; re-save it as UTF-8")
