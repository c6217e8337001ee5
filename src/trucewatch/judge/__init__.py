"""trucewatch.judge."""
