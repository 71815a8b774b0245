"""Needs indicators: registry, tidy values, statistics (Wilson, Byar, Dobson), comparisons, loaders."""
