"""trucewatch.extract."""
