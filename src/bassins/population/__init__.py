"""Population denominators: Statbel counts per commune and per statistical sector, aggregated to any layer.

`readers` and `aggregate` are pure (no Django); `models`, `store` and the `population` command are
the thin persistence layer on top.
"""
