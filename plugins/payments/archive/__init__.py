"""Archive: old payments (with their allocations, reversals and refunds) in archive tables."""
