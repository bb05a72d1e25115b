"""Demo data: a deterministic sales organisation with key accounts and buying centres, at any scale."""
