"""The PDF report: printed from the page's HTML by WeasyPrint, rendered by pdftoppm, text by pdftotext."""

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
        "fr": "golden (Hand-built golden directory) : 17 enregistrements",
        "nl": "golden (Hand-built golden directory): 17 records",
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
