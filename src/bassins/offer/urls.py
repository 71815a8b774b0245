"""/<lang>/offre/... (NL /aanbod/, EN /offer/): the offer pages per bassin and per commune, their JSON
twin and downloads. The slugs are translated (gettext); the old French slugs redirect
(`bassins.web.legacy`)."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from bassins.offer import pages

app_name = "offer"

#: The URL slug of each layer, in the reader's language.
LAYER_SLUGS = {
    # Translators: URL slug (lower case, no space or accent).
    "bassin": _("bassin"),
    # Translators: URL slug (lower case, no space or accent).
    "commune": _("commune"),
}

urlpatterns = [path("", pages.index, name="index")]
for layer, slug in LAYER_SLUGS.items():
    urlpatterns += [
        path(format_lazy("{}/<slug:code>/", slug), pages.page, {"layer": layer}, name=layer),
        path(
            format_lazy("{}/<slug:code>.json", slug),
            pages.report_json_view,
            {"layer": layer},
            name=f"{layer}-json",
        ),
        path(
            format_lazy("{}/<slug:code>.xlsx", slug),
            pages.workbook_download,
            {"layer": layer},
            name=f"{layer}-xlsx",
        ),
        path(
            format_lazy("{}/<slug:code>.pdf", slug),
            pages.pdf_download,
            {"layer": layer},
            name=f"{layer}-pdf",
        ),
        path(
            format_lazy("{}/<slug:code>/<slug:table>.<str:fmt>", slug),
            pages.table_download,
            {"layer": layer},
            name=f"{layer}-table",
        ),
    ]
