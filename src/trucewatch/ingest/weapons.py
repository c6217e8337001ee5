"""The weapon vocabulary of the readers and writers: models as the Ukrainian Air Force reports
them with the weapon class of each, and the words by which a dataset's text names a class.

The built-in table covers every model that occurs in the public air-force dataset; a user can
pass the dataset's own ``missiles_and_uavs.csv`` reference (``--models``) to extend it. (News
text is read by the extractor, whose word lists are in ``data/extract/lexicon.json``.)
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from trucewatch.errors import InputError

__all__ = ["TEXT_WORDS", "WeaponTable", "split_models", "weapons_in_text"]

_DRONES = {
    "shahed-136/131",
    "unknown uav",
    "orlan-10",
    "orlan-30",
    "reconnaissance uav",
    "supercam",
    "zala",
    "lancet",
    "молнія",
    "merlin-vr",
    "orion",
    "mohajer-6",
    "kub",
    "forpost",
    "eleron",
    "granat-4",
    "фенікс",
    "картограф",
    "привет-82",
    "gerbera",
    "geran-2",
    "geran-3",
}
_GLIDE_BOMBS = {"gbu", "aerial bomb", "kab", "guided bomb"}
_MISSILE_WORDS = (
    "x-",
    "kh-",
    "c-300",
    "c-400",
    "s-300",
    "s-400",
    "iskander",
    "kalibr",
    "kinzhal",
    "zircon",
    "oniks",
    "kn-23",
    "missile",
    "banderol",
    "tochka",
)

_CATEGORY_TO_CLASS = {
    "uav": "drones",
    "cruise missile": "missiles",
    "ballistic missile": "missiles",
    "surface-to-air missile": "missiles",
    "surface-to-air and ballistic": "missiles",
    "guided bomb": "glide_bombs",
}


#: How a dataset's free text (English, Ukrainian, Russian) names a weapon class, and the word
#: a writer puts in such text (the ACLED export's notes) so that the reader finds it again.
TEXT_WORDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "drones",
        re.compile(r"drone|uav|shahed|geran|дрон|бпла|безпілот|беспилот|шахед", re.I),
        "drones",
    ),
    ("missiles", re.compile(r"missile|ракет|iskander|kalibr|kh-\d", re.I), "missiles"),
    (
        "glide_bombs",
        re.compile(r"glide bomb|guided (?:aerial )?bomb|\bkab\b|\bкаб\b|авіабомб|авиабомб", re.I),
        "glide bombs",
    ),
)


def weapons_in_text(text: str) -> list[str]:
    """Weapon classes a text mentions (English, Ukrainian, Russian keywords)."""
    return [name for name, pattern, _ in TEXT_WORDS if pattern.search(text)]


def split_models(model: str) -> list[str]:
    """A bundle such as ``X-101/X-555 and Kalibr`` as its parts."""
    return [part.strip() for part in model.split(" and ") if part.strip()]


_BUNDLES_KEPT = 1 << 16


class WeaponTable:
    """Maps a reported model name to a weapon class: drones, missiles or glide_bombs."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        self._extra = {k.lower(): v for k, v in (extra or {}).items()}
        self._bundles: dict[str, str | None] = {}  # a feed repeats its few model wordings

    @classmethod
    def from_reference(cls, path: Path) -> WeaponTable:
        """Read the dataset's ``missiles_and_uavs.csv`` (columns ``model``, ``category``)."""
        extra: dict[str, str] = {}
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                if not reader.fieldnames or not {"model", "category"} <= set(reader.fieldnames):
                    raise InputError(
                        f"{path}:1: expected columns 'model' and 'category' "
                        f"(the missiles_and_uavs.csv layout), found {reader.fieldnames}",
                        code="E101",
                    )
                for row in reader:
                    weapon_class = _CATEGORY_TO_CLASS.get((row["category"] or "").strip().lower())
                    if weapon_class:
                        extra[row["model"].strip()] = weapon_class
        except OSError as exc:
            raise InputError(f"{path}: cannot read weapon reference: {exc}", code="E102") from exc
        return cls(extra)

    def weapon_class(self, model: str) -> str | None:
        """The class of one model (not a bundle), or None when unknown."""
        key = model.strip().lower()
        if key in self._extra:
            return self._extra[key]
        if key in _DRONES or "uav" in key or "drone" in key or key.startswith("shahed"):
            return "drones"
        if key in _GLIDE_BOMBS or "bomb" in key:
            return "glide_bombs"
        if any(word in key for word in _MISSILE_WORDS):
            return "missiles"
        return None

    def bundle_class(self, model: str) -> str | None:
        """The class of a model or bundle; a bundle takes its first part's known class."""
        try:
            return self._bundles[model]
        except KeyError:
            if len(self._bundles) >= _BUNDLES_KEPT:
                self._bundles.clear()
            found = self._bundles[model] = self._bundle_class(model)
            return found

    def _bundle_class(self, model: str) -> str | None:
        if model.strip().lower() in self._extra:
            return self._extra[model.strip().lower()]
        classes = [c for c in (self.weapon_class(p) for p in split_models(model)) if c]
        return classes[0] if classes else None
