"""The open data files bassins works from: what they are (catalog), how to check them (checks) and
how to download them into the cache (fetch). Pure modules: no Django import."""
