"""PDF input: the committed fixture PDFs against golden JSON made from their source data.

Fixtures and golden files come from ``tests/fixtures/make_fixtures.py`` (``make fixtures``).
Text-layer fixtures must match exactly; OCR fixtures must find every unit, outcome and
criterion number, with texts at least ``OCR_MIN_SIMILARITY`` similar (each) and
``OCR_MEAN_SIMILARITY`` on average -- thresholds measured on these fixtures (see docs/pdf.md).
"""

import json
import shutil
import subprocess
import sys
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from conftest import ROOT
from extract.readers import ocr
from extract.layout.furniture import split_furniture
from extract.layout.model import Columns, Page, VisualLine
from extract.layout.pages import join_pages, reflow
from extract.layout.tables import layout_page
from extract.layout.words import page_lines
from extract.pipeline import extract_document
from extract.readers.source import SourceError, read_source
from golden_form import diff, project

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_LAYER = ["proqual_retail", "cg_warehousing", "ncfe_business_admin", "bad_corrupt_page"]
SCANNED = ["proqual_retail_scanned", "cg_warehousing_mixed"]
BAD = ["bad_empty", "bad_not_a_pdf", "bad_truncated", "bad_encrypted"]
OCR_MIN_SIMILARITY = 0.85  # measured: worst text 0.95 (proqual_retail_scanned: "1.3. ... own. authority")
OCR_MEAN_SIMILARITY = 0.98  # measured: 0.999 (61 texts) and 1.0 (cg_warehousing_mixed, 29 texts)

needs_tesseract = pytest.mark.skipif(
    ocr.tessdata() is None,
    reason="tesseract with English data is not installed and `make test` could not install it "
           "(apt-get install -y tesseract-ocr tesseract-ocr-eng needs root and apt)")


def _golden(name: str) -> dict:
    return json.loads((FIXTURES / "golden" / f"{name}.json").read_text(encoding="utf-8"))


def _extract(name: str) -> dict:
    return extract_document(FIXTURES / f"{name}.pdf", f"tests/fixtures/{name}.pdf").model_dump(mode="json")


@pytest.mark.parametrize("name", TEXT_LAYER)
def test_text_layer_fixture_matches_golden_exactly(name):
    expected = _golden(name)
    bad_page = expected.pop("bad_page", None)
    doc = _extract(name)
    assert diff(expected, project(doc)) == []
    if bad_page:  # the good pages are extracted, and a warning names the damaged one
        unreadable = [w["message"] for w in doc["warnings"] if w["code"] == "page_unreadable"]
        assert len(unreadable) == 1 and f"page {bad_page} " in unreadable[0]


@pytest.mark.parametrize("name", BAD)
def test_bad_pdf_fails_with_a_clear_reason(name):
    with pytest.raises(SourceError) as err:
        read_source(FIXTURES / f"{name}.pdf")
    assert _golden(name)["error"] in err.value.reason
    assert str(FIXTURES / f"{name}.pdf") in str(err.value)


def test_cli_reports_bad_pdfs_and_still_processes_the_good_ones(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in BAD + ["cg_warehousing", "bad_corrupt_page"]:
        shutil.copy(FIXTURES / f"{name}.pdf", src)
    r = subprocess.run([sys.executable, "-m", "extract", "run", str(src), "--out", str(out), "--quiet"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1
    for name in BAD:
        assert f"{name}.pdf: " in r.stderr and _golden(name)["error"] in r.stderr, r.stderr
    assert (out / "cg_warehousing.json").exists() and (out / "bad_corrupt_page.json").exists()


def _similarity(a, b) -> float:
    if a is None or b is None:
        return 1.0 if a == b else 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _ocr_scores(expected: dict, actual: dict) -> list[float]:
    """Every unit, LO and AC number of ``expected`` must be in ``actual``; returns the text
    similarities of all titles, outcomes and criteria."""
    scores = []
    units = {u["reference"] or u["number"]: u for u in actual["units"]}
    for unit in expected["units"]:
        key = unit["reference"] or unit["number"]
        assert key in units, f"unit {key} not found"
        got = units[key]
        assert (got["level"], got["credits"]) == (unit["level"], unit["credits"]), key
        scores.append(_similarity(unit["title"], got["title"]))
        los = {lo["number"]: lo for lo in got["learning_outcomes"]}
        for lo in unit["learning_outcomes"]:
            assert lo["number"] in los, f"{key}: outcome {lo['number']} not found"
            scores.append(_similarity(lo["text"], los[lo["number"]]["text"]))
            acs = {ac["number"]: ac for ac in los[lo["number"]]["assessment_criteria"]}
            for ac in lo["assessment_criteria"]:
                assert ac["number"] in acs, f"{key}: criterion {ac['number']} not found"
                scores.append(_similarity(ac["text"], acs[ac["number"]]["text"]))
    return scores


@needs_tesseract
@pytest.mark.parametrize("name", SCANNED)
def test_scanned_fixture_finds_every_number_with_similar_text(name):
    expected = _golden(name)
    doc = _extract(name)
    assert doc["source"]["format"] == "ocr" and doc["source"]["pages"] == expected["source"]["pages"]
    ocr_pages = expected.get("ocr_pages") or list(range(1, expected["source"]["pages"] + 1))
    notes = [w["message"] for w in doc["warnings"] if w["code"] == "pages_ocr"]
    assert len(notes) == 1 and f" {', '.join(map(str, ocr_pages))} had no text layer" in notes[0]
    q, got = expected["qualification"], doc["qualification"]
    assert (got["number"], got["level"], got["min_credits"]) == (q["number"], q["level"], q["min_credits"])
    scores = _ocr_scores(expected, doc)
    assert min(scores) >= OCR_MIN_SIMILARITY, sorted(scores)[:5]
    assert sum(scores) / len(scores) >= OCR_MEAN_SIMILARITY


def test_scan_without_tesseract_fails_naming_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "tessdata", lambda: None)
    with pytest.raises(SourceError) as err:
        read_source(FIXTURES / "proqual_retail_scanned.pdf")
    assert "tesseract-ocr" in err.value.reason and "OCR is unavailable" in err.value.reason


def test_mixed_document_without_tesseract_keeps_its_text_pages(monkeypatch):
    monkeypatch.setattr(ocr, "tessdata", lambda: None)
    raw = read_source(FIXTURES / "cg_warehousing_mixed.pdf")
    assert raw.format == "pdf" and raw.ocr_pages == []
    assert [c for c, m in raw.warnings] == ["page_without_text"] and "page 3 " in raw.warnings[0][1]
    assert {p.number for p in raw.layout.pages if p.blocks} == {1, 2, 4, 5}


@pytest.mark.parametrize("name", ["proqual_retail", "ncfe_business_admin"])
def test_locations_name_the_visual_line_of_the_value(name):
    """(page, line) of every outcome and criterion is the visual line holding its number."""
    import pymupdf

    pdf = pymupdf.open(FIXTURES / f"{name}.pdf")
    pages = {p.number + 1: page_lines(p.get_text("words")) for p in pdf}
    doc = _extract(name)
    checked = 0
    for unit in doc["units"]:
        for lo in unit["learning_outcomes"]:
            for item in [lo] + lo["assessment_criteria"]:
                loc = item["location"]
                line = pages[loc["page"]][loc["line"] - 1].text
                assert line.startswith(item["number"] + " ") or f" {item['number']} " in line, (item, line)
                checked += 1
    assert checked > 30


# --- layout on hand-made geometry ----------------------------------------------------------------

def _words(*items):
    """(x0, y, text) -> word tuples, 10 pt high, 6 pt per character; one text line per item."""
    return [(x, y, x + 6 * len(t), y + 10, t, k, 0, 0) for k, (x, y, t) in enumerate(items)]


def _line(number, *items):
    words = _words(*items)
    return VisualLine(number, words, min(w[1] for w in words), max(w[3] for w in words))


def test_merged_outcome_cell_is_split_by_the_criteria_rows():
    # LO cell x 100..300 spans two criterion rows (rules at y 100, 130, 160); AC column 300..500
    words = _words((105, 105, "1"), (115, 105, "Understand"), (105, 117, "customers"),
                   (305, 105, "1.1"), (325, 105, "Explain"), (305, 135, "1.2"), (325, 135, "Describe"))
    vertical = [(x, 100, x, 160) for x in (100, 300, 500)]
    horizontal = [(100, 100, 500, 100), (300, 130, 500, 130), (100, 160, 500, 160)]
    rows = layout_page(page_lines(words), horizontal, vertical, Columns())
    assert [r.text for r in rows] == ["1 Understand customers\t1.1 Explain", "\t1.2 Describe"]


def test_unruled_table_columns_come_from_the_header_row_until_text_crosses_them():
    lines = [_line(1, (50, 100, "The learner will:"), (250, 100, "The learner can:")),
             _line(2, (50, 114, "1 Know"), (250, 114, "1.1 State")),
             _line(3, (50, 126, "things"), (250, 126, "facts")),
             _line(4, (250, 140, "1.2 Name")),
             _line(5, (50, 170, "Guidance text that runs right across the page border")),
             _line(6, (250, 184, "1.3 Not in the table"))]
    rows = layout_page(lines, [], [], Columns())
    assert [r.text for r in rows] == ["The learner will:\tThe learner can:", "1 Know things\t1.1 State facts",
                                      "\t1.2 Name", "Guidance text that runs right across the page border",
                                      "1.3 Not in the table"]


def test_running_header_footer_and_page_numbers_are_dropped_but_unit_headers_kept():
    pages = []
    for n in (1, 2, 3):
        pages.append(Page(n, 800.0, [_line(1, (50, 20, "Spec title")), _line(2, (50, 60, f"Unit 20{n}")),
                                 _line(3, (50, 80 + 20 * n, f"Body of page {n}")),
                                 _line(4, (50, 770, f"Page {n} of 3"))]))
    kept, _ = split_furniture(pages)
    assert [[line.text for line in lines] for lines in kept] == [
        [f"Unit 20{n}", f"Body of page {n}"] for n in (1, 2, 3)]


def test_table_row_split_by_a_page_break_is_joined_and_repeated_header_dropped():
    vertical = [(x, 0, x, 800) for x in (100, 300, 500)]
    head = ((105, 50, "Outcome"), (305, 50, "Criteria"))
    page1 = layout_page([_line(1, *head), _line(2, (105, 80, "1 Know"), (305, 80, "1.1 State the"))],
                        [(100, 70, 500, 70)], vertical)
    page2 = layout_page([_line(1, *head), _line(2, (305, 80, "Facts clearly")), _line(3, (305, 110, "1.2 Name"))],
                        [(100, 70, 500, 70), (300, 100, 500, 100)], vertical)
    pages = join_pages([page1, page2])
    assert [r.text for r in pages[0]] == ["Outcome\tCriteria", "1 Know\t1.1 State the Facts clearly"]
    assert [r.text for r in pages[1]] == ["\t1.2 Name"]


def test_wrapped_paragraph_lines_are_joined_but_short_lines_are_not():
    lines = [_line(1, (50, 100, "Learners must achieve a minimum")), _line(2, (50, 110, "of 19 credits.")),
             _line(3, (50, 130, "Level: 2")), _line(4, (50, 140, "Credit value: 4"))]
    pages = [layout_page(lines, [], [], Columns())]
    reflow(pages)
    assert [r.text for r in pages[0]] == ["Learners must achieve a minimum of 19 credits.", "Level: 2",
                                          "Credit value: 4"]


def test_unruled_cells_a_narrow_gap_apart_stay_in_their_columns():
    """An outcome cell ending 6 pt before the criteria column (word spaces are 2 pt): a cell gap,
    not running text across the border, so the table goes on."""
    head = _line(1, (40, 50, "The"), (60, 50, "learner"), (104, 50, "will:"), (214, 50, "The"), (234, 50, "learner"), (278, 50, "can:"))
    row1 = _line(2, (40, 70, "2"), (48, 70, "Be"), (62, 70, "able"), (214, 70, "2.1"), (234, 70, "Prepare"))
    row2 = _line(3, (40, 82, "eat"), (60, 82, "and"), (80, 82, "drink"), (112, 82, "within"), (172, 82, "agreed"),
                 (214, 82, "in"), (228, 82, "line"))
    rows = layout_page([head, row1, row2], [], [], Columns())
    assert [r.text for r in rows][1:] == ["2 Be able eat and drink within agreed\t2.1 Prepare in line"]
