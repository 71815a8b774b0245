"""The open JSON API (`/api/`): HSDS 3.1, territories, offer tables; OpenAPI 3.1 (see docs/api.md)."""
