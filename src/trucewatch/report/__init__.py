"""trucewatch.report."""
