"""The one exception tree of trucewatch.

    TrucewatchError              base; every error a user can cause derives from it
    ├── InputError               bad input: a file, line or field that cannot be used (E1xx)
    │   ├── PledgeError          a pledge file that does not validate (E11x)
    │   ├── PolicyError          a response-policy file that does not validate (E12x)
    │   │   └── PolicyFileError  the same, with every (line, field, problem) found
    │   ├── RowError             one bad row of a batch (E13x); batches collect these
    │   ├── ArgumentError        a bad argument to a library call (E106-E109); also a ValueError
    │   └── ClaimError           a claim file or claim option that cannot be used (E70x)
    ├── GazetteerError           the gazetteer cannot be built or read (E19x)
    ├── NotFoundError            an id that is not in the ledger (E2xx)
    ├── LedgerError              storage problems (E3xx)
    │   └── IntegrityError       the hash chain does not hold (E31x)
    ├── FetchError               a download failed (E4xx)
    └── RenderError              Chromium is missing or failed to print a brief (E5xx)

Every error carries a stable code (``E104``) and a message that says where and what to do.
The CLI prints ``error E104: message`` and exits non-zero; the web layer maps to HTTP statuses.

Exit codes of the CLI (the README lists them): 0 done, with or without new data; 1 ``verify``
found tampering; 2 bad input or usage (every error below but IntegrityError); 3 partial: some
rows were rejected and the rest recorded; 4 internal error (one line, traceback in a log file).
"""

from __future__ import annotations

__all__ = [
    "ArgumentError",
    "ClaimError",
    "FetchError",
    "GazetteerError",
    "InputError",
    "IntegrityError",
    "LedgerError",
    "NotFoundError",
    "PledgeError",
    "PolicyError",
    "PolicyFileError",
    "RenderError",
    "RowError",
    "TrucewatchError",
]


class TrucewatchError(Exception):
    """Base of every error trucewatch raises on purpose."""

    code = "E000"
    exit_code = 2

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(TrucewatchError):
    """Input that cannot be used: the message names file, line or field and the fix."""

    code = "E100"


class PledgeError(InputError):
    """A pledge file that does not validate."""

    code = "E110"


class PolicyError(InputError):
    """A response-policy file that does not validate."""

    code = "E120"


class PolicyFileError(PolicyError):
    """A policy file that does not validate; ``problems`` lists (line, field, message)."""

    def __init__(self, path: str, problems: list[tuple[int, str, str]], *, code: str) -> None:
        text = "\n".join(f"{path}:{line}: {fld}: {msg}" for line, fld, msg in problems)
        super().__init__(text, code=code)
        self.path = path
        self.problems = problems
        self.line = problems[0][0]
        self.field = problems[0][1]


class RowError(InputError):
    """One bad row in a batch; batches collect these and keep the good rows."""

    code = "E130"

    def __init__(self, message: str, *, path: str, line: int, code: str | None = None) -> None:
        super().__init__(f"{path}:{line}: {message}", code=code)
        self.path = path
        self.line = line
        self.reason = message


class ArgumentError(InputError, ValueError):
    """A bad argument given to a library function (a naive time, an unknown mode, ...).

    Also a ``ValueError``, which is what Python callers of a plain function expect to catch.
    """

    code = "E108"


class ClaimError(InputError):
    """A claim file that does not validate, or a claim that cannot be linked as asked."""

    code = "E700"


class NotFoundError(TrucewatchError):
    """An id that is not in the ledger."""

    code = "E200"


class LedgerError(TrucewatchError):
    """A storage problem (cannot open, wrong schema, ...)."""

    code = "E300"


class IntegrityError(LedgerError):
    """The ledger's hash chain does not hold."""

    code = "E310"
    exit_code = 1


class GazetteerError(TrucewatchError):
    """The gazetteer cannot be built or read: a module or table it needs is missing."""

    code = "E190"


class FetchError(TrucewatchError):
    """A download failed."""

    code = "E400"


class RenderError(TrucewatchError):
    """Chromium is missing or failed to print."""

    code = "E500"
