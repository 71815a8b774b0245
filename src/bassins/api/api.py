"""The one NinjaAPI of the platform, mounted at /api/: every router of `registry.ROUTERS`, one-line
JSON errors for every refused request, the OpenAPI 3.1 schema at /api/openapi.json (the browsable
docs are `bassins.api.views.docs`, served from the vendored Swagger UI)."""

from __future__ import annotations

import importlib
import logging

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from bassins.api import registry
from bassins.api.middleware import error_response
from bassins.api.store import ApiInputError
from bassins.errors import DataNotLoadedError

log = logging.getLogger(__name__)

DESCRIPTION = """Open data of the bassins d'aide et de soins of the Brussels-Capital Region: the
directory of social and health services as Open Referral HSDS 3.1, the territories as GeoJSON, the
offer tables, the needs indicators in the tidy shape and the agenda's published events. Open: no key. CORS allowed for reading. Responses carry an ETag and a
Last-Modified date (304 on revalidation). Rate-limited per client (429 with Retry-After).
Errors are one-line JSON: {"error": "..."}."""

api = NinjaAPI(
    title="bassins open API",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
    openapi_extra={
        "info": {
            "license": {"name": "Open data: see each dataset's licence on the open-data page"},
        }
    },
)


def _message(error: dict) -> str:
    where = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
    name = ".".join(where) or "request"
    value = error.get("input")
    shown = "" if value is None or isinstance(value, dict) else f" (got {str(value)[:40]!r})"
    return f"parameter {name}: {error.get('msg', 'invalid')}{shown}"


@api.exception_handler(ValidationError)
def _validation(request, exc: ValidationError):
    return error_response(400, "; ".join(_message(e) for e in exc.errors) or "invalid request")


@api.exception_handler(ApiInputError)
def _input(request, exc: ApiInputError):
    return error_response(400, str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return error_response(404, str(exc) or "not found")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error_response(exc.status_code, str(exc))


@api.exception_handler(DataNotLoadedError)
def _not_loaded(request, exc: DataNotLoadedError):
    log.warning("API %s unavailable: %s", request.path, exc)
    return error_response(503, str(exc))


@api.get("/", summary="What this API serves", tags=["Index"])
def index(request) -> dict:
    """The parts of the API and where their documentation is."""
    from django.urls import reverse

    from bassins.api.hsds_api import json_response

    return json_response(
        {
            "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
            "docs_url": request.build_absolute_uri(reverse("api-docs")),
            "parts": [
                {"prefix": request.build_absolute_uri(f"/api{prefix}"), "module": module}
                for prefix, module in registry.ROUTERS
            ],
        }
    )


for prefix, module in registry.ROUTERS:
    api.add_router(prefix, importlib.import_module(module).router)
