"""The brief's figures, drawn with matplotlib (Agg, no pyplot state) as inline SVG text.

- ``nightly_chart_svg``: drones and missiles launched per night over a run of nights, with
  pledge reading windows shaded behind the bars.
- ``oblast_map_svg``: a choropleth of the oblasts hit, from geoBoundaries ADM1 polygons
  joined on ISO 3166-2 code, with settlement points on top.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import matplotlib

matplotlib.use("Agg")

from matplotlib import colormaps
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from trucewatch.report.boundaries import ATTRIBUTION, Shape

__all__ = [
    "DRONE_COLOR",
    "MISSILE_COLOR",
    "WINDOW_COLORS",
    "MapPoint",
    "Night",
    "Window",
    "nightly_chart_svg",
    "oblast_map_svg",
    "window_days",
]

DRONE_COLOR = "#c0392b"
MISSILE_COLOR = "#2c3e50"
WINDOW_COLORS = ("#3498db", "#27ae60", "#8e44ad", "#f39c12", "#16a085", "#d35400")
_XML_HEAD = re.compile(r"^.*?(?=<svg)", re.DOTALL)


@dataclass(frozen=True)
class Night:
    """Counts for the night that ended on the morning of ``day`` (Kyiv)."""

    day: date
    drones: int
    missiles: int


@dataclass(frozen=True)
class Window:
    """A pledge reading's window to shade, clipped by the caller or not."""

    label: str
    start: datetime | None
    end: datetime | None


@dataclass(frozen=True)
class MapPoint:
    """A settlement hit, drawn as a dot."""

    lon: float
    lat: float
    label: str


def _svg(fig: Figure, salt: str) -> str:
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    text = _XML_HEAD.sub("", buf.getvalue(), count=1)
    # ids must be unique across the page: prefix the ones matplotlib writes
    text = re.sub(r'id="([^"]+)"', rf'id="{salt}-\1"', text)
    return re.sub(r"#([A-Za-z_][\w.-]*)\)", rf"#{salt}-\1)", text).replace(
        'xlink:href="#', f'xlink:href="#{salt}-'
    )


def nightly_chart_svg(
    nights: Sequence[Night], windows: Sequence[Window], *, title: str, highlight: date | None = None
) -> str:
    """Two panels sharing the night axis: drones (top) and missiles (bottom), windows shaded."""
    fig = Figure(figsize=(9.0, 4.2), dpi=100)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    days = [n.day for n in nights]
    xs = list(range(len(days)))
    first = days[0] if days else date.today()

    def x_of(moment: datetime | None, default: float) -> float:
        if moment is None:
            return default
        # bar i is the night ending on day i: it spans day i-1 12:00 to day i 12:00, so
        # midnight going into day i is its centre (times are Kyiv-local wall clock)
        delta = moment.date() - first
        return delta.days + (moment.hour + moment.minute / 60) / 24

    handles = []
    lo, hi = -0.5, len(xs) - 0.5
    for i, w in enumerate(windows):
        a = max(lo, x_of(w.start, lo))
        b = min(hi, x_of(w.end, hi))
        if b <= a:
            continue
        color = WINDOW_COLORS[i % len(WINDOW_COLORS)]
        for ax in (top, bottom):
            span = ax.axvspan(a, b, color=color, alpha=0.16, lw=0)
        span.set_label(w.label)
        handles.append(span)
    colors_d = [DRONE_COLOR if d != highlight else "#7b1d12" for d in days]
    colors_m = [MISSILE_COLOR if d != highlight else "#000000" for d in days]
    top.bar(xs, [n.drones for n in nights], color=colors_d, width=0.75, label="drones")
    bottom.bar(xs, [n.missiles for n in nights], color=colors_m, width=0.75, label="missiles")
    top.set_ylabel("drones")
    bottom.set_ylabel("missiles")
    top.set_title(title, fontsize=11, loc="left")
    for ax in (top, bottom):
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", alpha=0.3)
        ax.set_xlim(lo, hi)
    step = max(1, len(xs) // 10)
    bottom.set_xticks(xs[::step], [d.strftime("%d %b") for d in days[::step]], fontsize=8)
    if handles:
        top.legend(handles=handles, fontsize=7, loc="upper left", frameon=False, ncols=2)
    fig.tight_layout()
    return _svg(fig, "chart")


def oblast_map_svg(
    shapes: Sequence[Shape],
    hits: dict[str, int],
    points: Sequence[MapPoint] = (),
    *,
    title: str,
) -> str:
    """Oblasts shaded by the number of strikes reported in them; settlements as dots."""
    fig = Figure(figsize=(8.0, 5.6), dpi=100)
    ax = fig.subplots()
    peak = max(hits.values(), default=1)
    cmap = colormaps["OrRd"]
    norm = Normalize(vmin=0, vmax=max(peak, 3))
    for shape in shapes:
        count = hits.get(shape.iso, 0)
        face = cmap(0.3 + 0.6 * norm(count)) if count else "#f4f4f2"
        for polygon in shape.polygons:
            outer = polygon[0]
            ax.add_patch(Polygon(outer, closed=True, fc=face, ec="#555555", lw=0.5))
            for hole in polygon[1:]:
                ax.add_patch(Polygon(hole, closed=True, fc="#f4f4f2", ec="#555555", lw=0.5))
        if count:
            x, y = shape.centroid()
            label = shape.name.replace(" Oblast", "")
            ax.annotate(f"{label}\n{count}", (x, y), ha="center", va="center", fontsize=6.5)
    if points:
        ax.scatter(
            [p.lon for p in points],
            [p.lat for p in points],
            s=18,
            c="#111111",
            zorder=5,
            label="settlements hit",
        )
        ax.legend(fontsize=7, loc="lower left", frameon=False)
    xs = [x for s in shapes for poly in s.polygons for x, _ in poly[0]]
    ys = [y for s in shapes for poly in s.polygons for _, y in poly[0]]
    ax.set_xlim(min(xs) - 0.3, max(xs) + 0.3)
    ax.set_ylim(min(ys) - 0.3, max(ys) + 0.3)
    ax.set_aspect(1 / math.cos(math.radians((min(ys) + max(ys)) / 2)))
    ax.set_axis_off()
    ax.set_title(title, fontsize=11, loc="left")
    ax.text(1.0, 0.0, ATTRIBUTION, transform=ax.transAxes, ha="right", fontsize=6, color="#666")
    fig.tight_layout()
    return _svg(fig, "map")


def window_days(end: date, days: int) -> list[date]:
    """The ``days`` nights up to and including the night ending on ``end``."""
    return [end - timedelta(days=days - 1 - i) for i in range(days)]
