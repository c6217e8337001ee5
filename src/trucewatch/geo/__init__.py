"""trucewatch.geo."""
