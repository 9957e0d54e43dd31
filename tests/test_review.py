"""specx review: static HTML reports (extract/review/report.py). One run of the fixture PDF and a raw
text document feeds every test; Chromium tests skip when /usr/bin/chromium is missing."""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import RAW, ROOT
from extract.cli import main
from extract.review.report import write_review

CHROMIUM = Path("/usr/bin/chromium")
PDF = ROOT / "tests" / "fixtures" / "proqual_retail.pdf"
TEXT = RAW / "000_78ee6f36e83df8de.txt"
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium missing (make test installs it as root)")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("review")
    (base / "in").mkdir()
    shutil.copy(PDF, base / "in")
    shutil.copy(TEXT, base / "in")
    assert main(["run", str(base / "in"), "--out", str(base / "out"), "--quiet", "--review"]) == 0
    return base / "out"


def _acs(doc):
    return [(u, o, c) for u, unit in enumerate(doc["units"], 1)
            for o, lo in enumerate(unit["learning_outcomes"], 1) for c, _ in enumerate(lo["assessment_criteria"], 1)]


def _load(out, stem):
    return json.loads((out / f"{stem}.json").read_text()), (out / "review" / f"{stem}.html").read_text()


def _chromium(*args, timeout=60):
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                               "--no-first-run", "--disable-background-networking", "--disable-component-update",
                               "--disable-sync", f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout)


def test_pdf_report_has_a_box_per_criterion(out):
    doc, html = _load(out, "proqual_retail")
    acs = _acs(doc)
    assert acs
    for u, o, c in acs:
        assert f'<rect id="box-ac{u}-{o}-{c}"' in html
        assert f'<li id="ac{u}-{o}-{c}"' in html
    assert html.count("data:image/png;base64,") == doc["source"]["pages"]


def test_text_report_links_every_criterion_to_its_line(out):
    doc, html = _load(out, TEXT.stem)
    for u, o, c in _acs(doc):
        ac = doc["units"][u - 1]["learning_outcomes"][o - 1]["assessment_criteria"][c - 1]
        line = ac["location"]["line"]
        assert f'id="L{line}"' in html and f'data-box="L{line}"' in html
    gaps = [w for w in doc["warnings"] if w["code"] == "criteria_not_extracted" and w.get("location")]
    for w in gaps:
        assert re.search(rf'class="line k-[a-z]+[^"]*" id="L{w["location"]["line"]}"', html)


def test_no_network_references_and_index(out):
    for page in (out / "review").glob("*.html"):
        text = page.read_text()
        assert "http://" not in text and "https://" not in text, page
    index = (out / "review" / "index.html").read_text()
    assert 'href="proqual_retail.html"' in index and f'href="{TEXT.stem}.html"' in index
    assert "manifest" not in index and "Catalogue: conflicts" in index


def test_document_text_is_escaped(out, tmp_path):
    doc = json.loads((out / "proqual_retail.json").read_text())
    doc["units"][0]["title"] = "Tools <script>alert(1)</script> & more"
    (tmp_path / "proqual_retail.json").write_text(json.dumps(doc))
    write_review(tmp_path, [PDF])
    html = (tmp_path / "review" / "proqual_retail.html").read_text()
    assert "<script>alert" not in html and "Tools &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


@needs_chromium
def test_chromium_dom_has_every_criterion_and_applies_the_fragment(out):
    doc, _ = _load(out, "proqual_retail")
    url = (out / "review" / "proqual_retail.html").as_uri() + "#ac1-1-1"
    dom = _chromium("--dump-dom", url).stdout
    for u, o, c in _acs(doc):
        assert re.search(rf'<rect id="box-ac{u}-{o}-{c}" class="[^"]*" data-ref="ac{u}-{o}-{c}" data-kind="ac" '
                         rf'data-page="\d+" data-line="\d+"', dom)
        assert re.search(rf'<li id="ac{u}-{o}-{c}" class="v-ac[^"]*" data-ref="[^"]+" data-kind="ac"', dom)
    assert re.search(r'<li id="ac1-1-1" class="[^"]*\bhl\b', dom)
    assert re.search(r'<rect id="box-ac1-1-1" class="[^"]*\bhl\b', dom)


@needs_chromium
def test_chromium_screenshot_is_not_blank(out, tmp_path):
    import pymupdf

    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", "--window-size=1400,1000", (out / "review" / "proqual_retail.html").as_uri())
    assert shot.is_file()
    pix = pymupdf.Pixmap(str(shot))
    assert (pix.width, pix.height) == (1400, 1000)
    assert pix.color_count() > 1
