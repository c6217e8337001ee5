"""trucewatch.ledger."""
