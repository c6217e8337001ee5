"""The brief as HTML (jinja2, autoescaped), as PDF and PNG (headless Chromium), and on disk.

PDF and screenshots use Chromium's own print and capture (Debian package ``chromium``), run
headless with a throw-away profile and no network chatter; the HTML is self-contained (inline
SVG figures, inline CSS), so nothing is fetched while printing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from trucewatch.errors import RenderError
from trucewatch.plural import noun
from trucewatch.report.brief import Brief, build_brief
from trucewatch.view import LedgerView

__all__ = [
    "CHROMIUM_NAMES",
    "ENV_CHROMIUM",
    "TIMEOUT",
    "chromium_path",
    "render_html",
    "screenshot",
    "write_brief",
    "write_pdf",
]

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ENV_CHROMIUM = "TRUCEWATCH_CHROMIUM"
TIMEOUT = 120.0


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("trucewatch.report", "templates"),
        autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = lambda n: f"{n:,}".replace(",", "\u202f")
    env.filters["noun"] = noun
    return env


def render_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page."""
    template = _env().get_template("brief.html.j2")
    return template.render(
        brief=brief,
        chart=Markup(brief.chart_svg),
        map=Markup(brief.map_svg) if brief.map_svg else None,
    )


def chromium_path() -> str | None:
    """``$TRUCEWATCH_CHROMIUM`` or the first Chromium/Chrome on PATH, else None."""
    explicit = os.environ.get(ENV_CHROMIUM)
    if explicit:
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _chromium(args: list[str], out: Path) -> None:
    binary = chromium_path()
    if binary is None:
        raise RenderError(
            "Chromium is not installed, so no PDF or screenshot: install the Debian package "
            "`chromium` (or set TRUCEWATCH_CHROMIUM), or write --out FILE.html",
            code="E501",
        )
    with tempfile.TemporaryDirectory(prefix="tw-chromium-") as profile:
        cmd = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ]
        out.unlink(missing_ok=True)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RenderError(f"Chromium did not run: {exc}", code="E502") from exc
    if not out.is_file() or out.stat().st_size == 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RenderError(
            f"Chromium did not write {out} (exit {proc.returncode}): {' | '.join(tail)}",
            code="E502",
        )


def _with_html_file(html: str, out: Path, args: list[str]) -> None:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tw-brief-") as folder:
        page = Path(folder) / "brief.html"
        page.write_text(html, encoding="utf-8")
        _chromium([*args, page.as_uri()], out)


def write_pdf(html: str, path: Path) -> Path:
    """Print the HTML to PDF with headless Chromium (A4, the page's print CSS)."""
    target = path.resolve()
    _with_html_file(html, target, ["--no-pdf-header-footer", f"--print-to-pdf={target}"])
    return target


def screenshot(html: str, path: Path, *, width: int = 1200, height: int = 3000) -> Path:
    """A PNG of the HTML as a browser window of the given size shows it."""
    target = path.resolve()
    _with_html_file(html, target, [f"--window-size={width},{height}", f"--screenshot={target}"])
    return target


def write_brief(
    tw: LedgerView,
    day: date,
    out_dir: Path,
    *,
    policy: str | Path | None = None,
    boundaries: Path | None = None,
    pdf: bool = True,
) -> dict[str, Path]:
    """Write ``brief.html`` (and ``brief.pdf`` when Chromium is available) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html = render_html(build_brief(tw, day, policy=policy, boundaries=boundaries))
    written = {"html": out_dir / "brief.html"}
    written["html"].write_text(html, encoding="utf-8")
    if pdf and chromium_path() is not None:
        written["pdf"] = write_pdf(html, out_dir / "brief.pdf")
    return written
