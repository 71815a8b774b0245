"""The PDF report: printed from the page's HTML by WeasyPrint, rendered by pdftoppm, text by pdftotext."""

import re
import shutil
import subprocess

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.management import call_command

from bassins.errors import InputError


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} not found: it comes with Debian's poppler-utils, installed by "
            "scripts/install-system-packages.sh (`make system-packages`)"
        )
    return path


def pdf_text(path) -> str:
    return subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def render_pages(path, tmp_path) -> list:
    subprocess.run(
        [poppler("pdftoppm"), "-r", "40", "-png", str(path), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    return sorted(tmp_path.glob("page*.png"))


@pytest.mark.parametrize(
    "lang, provenance, limit",
    [
        ("fr", "Provenance et limites", "Les prestataires individuels"),
        ("nl", "Herkomst en beperkingen", "Individuele zorgverleners"),
    ],
)
def test_report_command_writes_a_pdf_with_the_provenance_block(
    golden_site, tmp_path, capsys, lang, provenance, limit
):
    out = tmp_path / f"offer_NE_{lang}.pdf"
    call_command("report", "offer", "--bassin", "NE", "--lang", lang, "--out", str(out))
    assert out.read_bytes()[:5] == b"%PDF-"
    assert "wrote" in capsys.readouterr().out
    pages = render_pages(out, tmp_path)
    assert len(pages) >= 2 and all(p.stat().st_size > 1000 for p in pages)
    text = pdf_text(out)
    assert provenance in text
    assert limit in text
    assert {
        "fr": "golden : 17 enregistrements",
        "nl": "golden: 17 records",
    }[lang] in " ".join(text.split())
    # the web page's navigation and download links are not printed
    assert "CSV" not in text and "XLSX" not in text


def test_commune_pdf_and_unknown_bassin(golden_site, tmp_path):
    out = tmp_path / "c.pdf"
    call_command("report", "offer", "--commune", "21004", "--lang", "fr", "--out", str(out))
    assert "Provenance et limites" in pdf_text(out)
    with pytest.raises(InputError, match="no bassin 'XX'"):
        call_command("report", "offer", "--bassin", "XX", "--out", str(tmp_path / "x.pdf"))


def test_pdf_download(client, golden_site):
    response = client.get("/fr/offre/bassin/N.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def test_printing_reads_static_files_only():
    from bassins.offer.pdf import BASE_URL, _static_fetcher

    fetcher = _static_fetcher()
    assert b"@media print" in fetcher.fetch(BASE_URL + "static/offer/offer.css").read()
    for url in (
        "file:///etc/passwd",
        "http://evil.example/x.css",
        BASE_URL + "etc/passwd",
        "ftp://example.org/x",
    ):
        with pytest.raises(ValueError) as raised:
            fetcher.fetch(url)
        assert str(raised.value) == f"nothing but /static/ files is read while printing: {url}"
    # A path climbing out of /static/ is stopped by Django's static finders before any read.
    with pytest.raises(SuspiciousFileOperation, match="is located outside of the base path"):
        fetcher.fetch(BASE_URL + "static/../../../etc/passwd")


def test_pdf_is_tagged_dated_carries_the_helpdesk_line_and_is_cached(
    client, golden_site, monkeypatch, tmp_path
):
    from django.utils import formats, timezone, translation

    from bassins.offer import pdf

    names = dict(golden_site.inputs.names)
    names["bassin"] = names["bassin"].assign(helpdesk_phone="02 555 00 11")
    golden_site.inputs.names = names
    printed = []
    real = pdf.page_pdf
    monkeypatch.setattr(pdf, "page_pdf", lambda *args, **kw: printed.append(args) or real(*args))
    first = client.get("/fr/offre/bassin/N.pdf")
    second = client.get("/fr/offre/bassin/N.pdf")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and printed == [("bassin", "N", "fr")]
    out = tmp_path / "n.pdf"
    out.write_bytes(first.content)
    info, meta = (
        subprocess.run(
            [poppler("pdfinfo"), *flags, str(out)], check=True, capture_output=True, text=True
        ).stdout
        for flags in ([], ["-meta"])
    )
    # PDF/UA-1: a tagged PDF (structure tree) that says it is PDF/UA in its XMP metadata
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", meta), meta
    text = " ".join(pdf_text(out).split())
    with translation.override("fr"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"Rapport généré le {today}" in text
    assert "Ligne d'appui" in text and "02 555 00 11" in text


def test_the_pdf_module_does_not_import_the_web_views():
    import subprocess
    import sys

    code = (
        "import django, sys; django.setup(); import bassins.offer.pdf; "
        "sys.exit('bassins.offer.pages' in sys.modules)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "bassins.web.settings", "PATH": "/usr/bin:/bin"}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0
