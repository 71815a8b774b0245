"""The browsable API docs (Swagger UI, vendored from npm, no CDN) at /api/docs/."""

from django.shortcuts import render
from django.urls import reverse


def docs(request):
    return render(request, "api/docs.html", {"openapi_url": reverse("api:openapi-json")})
