"""trucewatch: make ceasefire promises checkable."""
