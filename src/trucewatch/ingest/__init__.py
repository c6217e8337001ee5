"""trucewatch.ingest."""
