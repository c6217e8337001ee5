"""Claims against the record: public statements about pledges, linked and checked.

``text`` turns the extractor's kept/broken pledges into claims, ``files`` reads claim files,
``link`` finds the pledge a claim is about, ``check`` sets each claim beside the verdicts
under the speaker's reading, every other reading and the strictest, and ``service`` does
these over a ledger for the facade.
"""

from trucewatch.claims.check import CHECKER, Checker, ClaimCheck, StrikeRef, check_json
from trucewatch.claims.files import load_claim_files, parse_claims
from trucewatch.claims.link import LINKER, Link, link_claim
from trucewatch.claims.text import claims_from_extraction

__all__ = [
    "CHECKER",
    "LINKER",
    "Checker",
    "ClaimCheck",
    "Link",
    "StrikeRef",
    "check_json",
    "claims_from_extraction",
    "link_claim",
    "load_claim_files",
    "parse_claims",
]
