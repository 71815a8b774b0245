"""/<lang>/offre/...: the offer pages per bassin and per commune, their JSON twin and downloads."""

from django.urls import path

from bassins.offer import pages

app_name = "offer"
urlpatterns = [path("", pages.index, name="index")]
for layer in ("bassin", "commune"):
    urlpatterns += [
        path(f"{layer}/<slug:code>/", pages.page, {"layer": layer}, name=layer),
        path(
            f"{layer}/<slug:code>.json",
            pages.report_json_view,
            {"layer": layer},
            name=f"{layer}-json",
        ),
        path(
            f"{layer}/<slug:code>.xlsx",
            pages.workbook_download,
            {"layer": layer},
            name=f"{layer}-xlsx",
        ),
        path(f"{layer}/<slug:code>.pdf", pages.pdf_download, {"layer": layer}, name=f"{layer}-pdf"),
        path(
            f"{layer}/<slug:code>/<slug:table>.<str:fmt>",
            pages.table_download,
            {"layer": layer},
            name=f"{layer}-table",
        ),
    ]
