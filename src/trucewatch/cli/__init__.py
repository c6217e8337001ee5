"""trucewatch.cli."""
