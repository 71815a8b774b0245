"""Orientation search over the directory (see docs/search.md).

Pure modules (no Django): text (analysis), language (detection), concepts (taxonomy synonyms), query
(plans, typo tolerance), index (BM25F), hours (free-text hours, open at), engine (filters, ranking,
facets, why). Django side: documents (records -> documents), maintain (the live index), unmet (signals
of unmet needs), views, urls and the `search` command.
"""
