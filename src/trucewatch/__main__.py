"""``python -m trucewatch`` runs the command line."""

from trucewatch.cli.main import run

run()
