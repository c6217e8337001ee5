"""trucewatch.respond."""
