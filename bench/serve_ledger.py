"""The ledger ``bench/serve.py`` serves: the registry plus ``--strikes`` synthetic strikes.

Strikes are written through the ledger's batch record path (the one every ingest uses: hash
chain, projections, stored merge clusters), oldest first, ``BATCH`` at a time: about 630 a day
from 24 February 2022 to 30 June 2026 for a million, on settlements from the gazetteer (real
coordinates and oblasts), RU on Ukrainian places and a few UA on Russian border regions. Each
day's strikes cite one synthetic dataset report of that day. They all come from one source, so
``merge.v1`` keeps each strike a cluster of its own (a merge needs two sources): the stored
clusters are still written and read, one row per strike.

    python bench/serve_ledger.py --db 'postgresql://...' --strikes 1000000
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from trucewatch.model import (
    Credibility,
    GeoPrecision,
    Place,
    Quantity,
    Report,
    SourceKind,
    Strike,
    TimePrecision,
)

FIRST = date(2022, 2, 24)
LAST = date(2026, 6, 30)
BATCH = 20_000
CITY_NAMES = [
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Sumy",
    "Chernihiv",
    "Mykolaiv",
    "Kherson",
    "Poltava",
    "Lviv",
    "Kryvyi Rih",
    "Kremenchuk",
    "Bila Tserkva",
    "Uman",
    "Vinnytsia",
    "Zhytomyr",
    "Rivne",
    "Lutsk",
    "Ternopil",
    "Khmelnytskyi",
    "Chernivtsi",
    "Ivano-Frankivsk",
    "Uzhhorod",
    "Kropyvnytskyi",
    "Cherkasy",
    "Sloviansk",
    "Kramatorsk",
    "Pokrovsk",
    "Nikopol",
    "Izium",
    "Kupiansk",
    "Okhtyrka",
    "Konotop",
    "Shostka",
    "Brovary",
]
RUSSIAN = ["Belgorod", "Kursk", "Bryansk"]
TARGETS = ("energy", "residential", "military", "infrastructure", "port")


def _places(names: list[str]) -> list[Place]:
    from trucewatch.geo import default_gazetteer

    gz = default_gazetteer()
    found = [gz.resolve(n) for n in names]
    return [p for p in found if p is not None]


def batches(total: int, seed: int = 7) -> Iterator[tuple[list[Report], list[Strike]]]:
    """(reports, strikes) batches, oldest first, ``total`` strikes in all."""
    rng = random.Random(seed)
    ua_places, ru_places = _places(CITY_NAMES), _places(RUSSIAN)
    days = (LAST - FIRST).days + 1
    per_day = total / days
    reports: list[Report] = []
    strikes: list[Strike] = []
    made = 0
    for d in range(days):
        day = FIRST + timedelta(days=d)
        n = round(per_day * (d + 1)) - round(per_day * d)
        if made + n > total:
            n = total - made
        if n <= 0:
            continue
        rep = Report.of_content(
            f"bench synthetic dataset: {n} strikes on {day.isoformat()}",
            source="bench-synthetic",
            source_kind=SourceKind.DATASET,
            format="bench",
            published=datetime(day.year, day.month, day.day, 23, tzinfo=UTC),
            locator=f"bench:{day.isoformat()}",
        )
        reports.append(rep)
        for i in range(n):
            ua = rng.random() < 0.05
            place = rng.choice(ru_places if ua else ua_places)
            minute = rng.randrange(24 * 60)
            start = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(minutes=minute)
            drones = rng.randrange(1, 40)
            strikes.append(
                Strike(
                    id=Strike.id_for(f"bench:{day}:{i}"),
                    attacker="UA" if ua else "RU",
                    start=start,
                    end=start + timedelta(minutes=rng.choice((10, 30, 60, 180))),
                    time_precision=TimePrecision.MINUTE,
                    drones=Quantity.exact(drones),
                    weapons=("drone",),
                    places=(place,),
                    place_names=(place.name,),
                    geo_precision=GeoPrecision.SETTLEMENT,
                    targets=(rng.choice(TARGETS),),
                    reports=(rep.id,),
                    credibility=Credibility.FAIR,
                )
            )
        made += n
        if len(strikes) >= BATCH:
            yield reports, strikes
            reports, strikes = [], []
    if strikes or reports:
        yield reports, strikes


def build(db: str, total: int) -> None:
    import trucewatch

    with trucewatch.open(db) as tw:
        have = tw.ledger.count("strikes")
        if have >= total:
            print(f"{have} strikes already recorded; nothing to do", flush=True)
            return
        if have:
            raise SystemExit(f"{db}: holds {have} strikes, fewer than {total}; start afresh")
        tw.add_registry()
        began = time.perf_counter()
        done = 0
        for reps, batch in batches(total):
            tw.ledger.record(reps, batch, note="bench synthetic")
            done += len(batch)
            rate = done / (time.perf_counter() - began)
            print(f"{done:>9,} strikes  {rate:,.0f}/s", flush=True)
        print(f"built in {time.perf_counter() - began:.0f} s", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--strikes", type=int, default=1_000_000)
    args = ap.parse_args()
    build(args.db, args.strikes)


if __name__ == "__main__":
    main()
