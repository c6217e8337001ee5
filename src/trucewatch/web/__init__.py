"""trucewatch.web."""
