"""``python -m trucewatch.geo``: build the gazetteer entries and write the shipped file."""

from trucewatch.geo.cache import write_shipped
from trucewatch.geo.sources import build_entries
from trucewatch.geo.tables import load_tables

print(write_shipped(build_entries(load_tables())))
