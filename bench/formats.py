"""Benchmark the dataset readers against polars.read_csv on the same synthetic files.

For each format a file of ``--rows`` synthetic rows is written to a temporary directory; each
reader and polars.read_csv then run in a fresh subprocess, which reports rows, seconds and peak
resident memory above its baseline after imports (ru_maxrss). Printed: rows/s, peak MB and the
ratios reader/polars. Run: ``python bench/formats.py [--rows 1000000] [--formats acled,gdelt]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from trucewatch.ingest.acled import ACLED_COLUMNS
from trucewatch.ingest.gdelt import GDELT_COLUMNS
from trucewatch.ingest.ucdp import UCDP_COLUMNS

FORMATS = ("acled", "ucdp", "gdelt", "viina")
VIINA_INFO = (
    "event_id,date,time,geonameid,ADM1_NAME,ADM1_CODE,ADM2_NAME,ADM2_CODE,longitude,latitude,"
    "GEO_PRECISION,GEO_API,location,address,report_id,source,url,text,lang"
)
VIINA_LABELS = "event_id,date,a_rus,a_ukr,t_airstrike,t_uav,t_artillery,t_civcas"
LABEL_EVERY = 10  # one info row in ten has a labels row (labels are loaded into a dict)
PLACES = [
    ("Kharkiv", "Kharkiv", 49.99, 36.23),
    ("Kyiv City", "Kyiv", 50.45, 30.52),
    ("Odesa", "Odesa", 46.48, 30.73),
    ("Donetsk", "Horlivka", 48.33, 38.09),
    ("Zaporizhia", "Zaporizhzhia", 47.84, 35.14),
]


def _day(i: int) -> date:
    return date(2022, 2, 24) + timedelta(days=i % 1400)


def _acled(i: int) -> str:
    return acled_row(i, _day(i))


def acled_row(i: int, d: date) -> str:
    """One synthetic ACLED row on day ``d`` (two rows in three are strikes)."""
    admin1, loc, lat, lon = PLACES[i % len(PLACES)]
    sub = ("Air/drone strike", "Shelling/artillery/missile attack", "Armed clash")[i % 3]
    event = "Battles" if i % 3 == 2 else "Explosions/Remote violence"
    return (
        f"UKR{i},{d.isoformat()},{d.year},{1 + i % 3},Political violence,{event},{sub},"
        f"Military Forces of Russia (2000-),,8,Civilians (Ukraine),,7,78,,804,Europe,Ukraine,"
        f"{admin1},,,{loc},{lat},{lon},{1 + i % 3},Suspilne; Ukrinform,National,"
        f'"On {d.isoformat()}, Russian forces struck {loc} with drones, damaging a house.",'
        f"{i % 4},,{1700000000 + i}"
    )


def _ucdp(i: int) -> str:
    admin1, loc, lat, lon = PLACES[i % len(PLACES)]
    d = _day(i).isoformat()
    values = {c: "" for c in UCDP_COLUMNS}
    values.update(
        id=str(i),
        relid=f"UKR-{i}",
        year="2024",
        active_year="1",
        code_status="Clear",
        type_of_violence=str(1 + i % 3),
        conflict_name="Russia - Ukraine",
        side_a="Government of Russia (Soviet Union)",
        side_b="Government of Ukraine",
        number_of_sources="2",
        source_article='"Strike on city, two dead" Reuters',
        where_prec=str(1 + i % 7),
        where_coordinates=f"{loc} town",
        adm_1=f"{admin1} oblast",
        latitude=str(lat),
        longitude=str(lon),
        country="Ukraine",
        date_prec=str(1 + i % 5),
        date_start=d,
        date_end=d,
        best=str(i % 5),
        high=str(i % 7),
        low="0",
    )
    return _csv_join(values[c] for c in UCDP_COLUMNS)


def _csv_join(values: Iterable[str]) -> str:
    """Values as one CSV line, quoted where needed."""
    return ",".join(
        '"' + v.replace('"', '""') + '"' if any(ch in v for ch in ',"\n') else v for v in values
    )


def _gdelt(i: int) -> str:
    admin1, loc, lat, lon = PLACES[i % len(PLACES)]
    values = {c: "" for c in GDELT_COLUMNS}
    code = ("195", "1952", "042", "194")[i % 4]
    values.update(
        GLOBALEVENTID=str(i),
        SQLDATE=_day(i).strftime("%Y%m%d"),
        Actor1CountryCode="RUS",
        EventCode=code,
        EventRootCode=code[:2],
        NumMentions="4",
        NumSources=str(i % 3),
        NumArticles="4",
        ActionGeo_Type="4",
        ActionGeo_FullName=f"{loc}, {admin1}, Ukraine",
        ActionGeo_CountryCode="UP",
        ActionGeo_Lat=str(lat),
        ActionGeo_Long=str(lon),
        DATEADDED=_day(i).strftime("%Y%m%d") + "120000",
        SOURCEURL=f"https://example.org/{i}",
    )
    return "\t".join(values[c] for c in GDELT_COLUMNS)


def _viina(i: int) -> str:
    admin1, loc, lat, lon = PLACES[i % len(PLACES)]
    return (
        f"{i},{_day(i).strftime('%Y%m%d')},10:{i % 60:02d},706483,{admin1},UA63,,,{lon},{lat},"
        f"ADM3,geonames,{loc},,r{i},example,https://example.org/{i},"
        f'"Russian drones hit {loc}, damaging houses",en'
    )


ROWS: dict[str, Callable[[int], str]] = {
    "acled": _acled,
    "ucdp": _ucdp,
    "gdelt": _gdelt,
    "viina": _viina,
}
HEADERS = {
    "acled": ",".join(ACLED_COLUMNS),
    "ucdp": ",".join(UCDP_COLUMNS),
    "gdelt": None,
    "viina": VIINA_INFO,
}


def write_file(fmt: str, rows: int, folder: Path) -> Path:
    """Write a synthetic file of ``rows`` rows for a format (plus VIINA labels)."""
    path = folder / f"{fmt}.{'tsv' if fmt == 'gdelt' else 'csv'}"
    make = ROWS[fmt]
    with path.open("w", encoding="utf-8", newline="") as fh:
        if HEADERS[fmt]:
            fh.write(f"{HEADERS[fmt]}\n")
        for i in range(rows):
            fh.write(make(i) + "\n")
    if fmt == "viina":
        with (folder / "viina_labels.csv").open("w", encoding="utf-8") as fh:
            fh.write(VIINA_LABELS + "\n")
            for i in range(0, rows, LABEL_EVERY):
                fh.write(f"{i},{_day(i).strftime('%Y%m%d')},1,0,0,1,{i % 2},0\n")
    return path


def _rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(kind: str, fmt: str, path: Path) -> dict[str, Any]:
    """Run one measurement in this process (called in a subprocess)."""
    import polars as pl

    from trucewatch.errors import RowError
    from trucewatch.ingest import acled, csvutil, gdelt, ucdp, viina

    csvutil.resolve_name("Kyiv")  # load the gazetteer (if any) before timing: a one-off cost
    baseline = _rss_kb()
    start = time.perf_counter()
    rows = errors = strikes = 0
    if kind == "ledger":
        from trucewatch.api import Trucewatch

        tw = Trucewatch(str(path.parent / f"{fmt}-ledger.db"))
        labels = path.parent / "viina_labels.csv" if fmt == "viina" else None
        result = tw.ingest_format(fmt, path, labels=labels)
        rows, errors = result.rows - len(result.errors), len(result.errors)
        strikes = result.summary.strikes_new
    elif kind == "polars":
        if fmt == "gdelt":
            frame = pl.read_csv(path, separator="\t", has_header=False, quote_char=None)
        else:
            frame = pl.read_csv(path, infer_schema_length=10000)
        rows = frame.height
    else:
        readers: dict[str, Callable[[Path], Iterator[Any]]] = {
            "acled": acled.read_acled,
            "ucdp": ucdp.read_ucdp,
            "gdelt": gdelt.read_gdelt,
            "viina": lambda p: viina.read_viina(p, p.parent / "viina_labels.csv"),
        }
        for item in readers[fmt](path):
            if isinstance(item, RowError):
                errors += 1
            else:
                rows += 1
                strikes += len(item.strikes)
    seconds = time.perf_counter() - start
    peak = _rss_kb() - baseline
    return {"rows": rows, "errors": errors, "strikes": strikes, "seconds": seconds, "peak_kb": peak}


def measure(kind: str, fmt: str, path: Path) -> dict[str, Any]:
    """Run a measurement in a fresh interpreter so peak memory is its own."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, fmt, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Parse options, write files, measure, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FORMAT", "PATH"))
    parser.add_argument(
        "--ledger", action="store_true", help="also time the full ingest into a SQLite ledger"
    )
    args = parser.parse_args()
    if args.child:
        kind, fmt, path = args.child
        print(json.dumps(child(kind, fmt, Path(path))))
        return
    print(
        f"{'format':8} {'MB':>7} {'reader rows/s':>14} {'polars rows/s':>14} {'speed':>8} "
        f"{'reader peak MB':>15} {'polars peak MB':>15} {'errors':>6} {'strikes':>8}"
    )
    for fmt in args.formats.split(","):
        with tempfile.TemporaryDirectory(prefix="tw-bench-") as tmp:
            path = write_file(fmt, args.rows, Path(tmp))
            size_mb = path.stat().st_size / 1e6
            ours = measure("reader", fmt, path)
            theirs = measure("polars", fmt, path)
            ledger = measure("ledger", fmt, path) if args.ledger else None
        ours_rate = ours["rows"] / ours["seconds"]
        theirs_rate = theirs["rows"] / theirs["seconds"]
        print(
            f"{fmt:8} {size_mb:7.0f} {ours_rate:14,.0f} {theirs_rate:14,.0f} "
            f"{theirs_rate / ours_rate:7.1f}x {ours['peak_kb'] / 1024:15.1f} "
            f"{theirs['peak_kb'] / 1024:15.1f} {ours['errors']:6} {ours['strikes']:8}",
            flush=True,
        )
        if ledger is not None:
            rate = ledger["rows"] / ledger["seconds"]
            print(
                f"{'':8} ledger ingest (hash chain, projections, SQLite): {rate:,.0f} rows/s, "
                f"peak {ledger['peak_kb'] / 1024:.1f} MB, {ledger['strikes']} strikes",
                flush=True,
            )
    print("speed = polars rows/s / reader rows/s; peak = max RSS above the post-import baseline")


if __name__ == "__main__":
    main()
