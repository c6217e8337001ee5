"""Merge strikes that several reports describe into one, and grade the evidence (Airwars-style).

Merging is a projection, recomputed from the ledger whenever strikes are read: the recorded
strikes stay as they are, so a merge is reversible (``merged=False``) and explained (each
merged strike lists its members and why they were joined).
"""

from trucewatch.merge.cluster import MERGE_RULE, merge_strikes
from trucewatch.merge.grade import GRADE_RULE, grade

__all__ = ["GRADE_RULE", "MERGE_RULE", "grade", "merge_strikes"]
