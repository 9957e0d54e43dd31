"""Columns of a scan whose lines drift apart are read each on its own (``readers/ocr_columns``)."""

from __future__ import annotations

import io

import numpy as np
import pytest

from extract.readers import ocr, ocr_columns

DPI = 200
PT = DPI / 72  # pixels per point


def _page(left: list[float], right: list[float], *, left_x=(40, 260), right_x=(330, 700), height=9.0):
    """A white page with black bars for text lines: ``left`` and ``right`` are the lines' tops
    (in points) in a left and a right column."""
    grey = np.full((int(300 * PT), int(260 * PT)), 255, dtype=np.uint8)
    for tops, (x0, x1) in ((left, left_x), (right, right_x)):
        for top in tops:
            y = int(top * PT)
            grey[y : y + int(height * PT), x0:x1] = 0
    return grey


def test_two_columns_whose_lines_drift_apart_are_cut_at_the_gutter():
    """An outcome column of three lines at 13 pt pitch beside criteria at 18 pt pitch: their
    lines overlap by part of a line, where tesseract joins a line to the wrong one."""
    grey = _page([20, 33, 46], [20, 38, 56, 74])
    found = ocr_columns.regions(grey, DPI)
    assert len(found) == 1
    top, bottom, cuts = found[0]
    assert top <= 20 * PT and bottom >= 83 * PT
    assert len(cuts) == 1 and 260 < cuts[0] < 330


def test_columns_printed_row_by_row_are_left_as_they_are():
    """A facts table's label and value stand on one line each: tesseract reads those rows
    rightly, so the page is not cut."""
    assert ocr_columns.regions(_page([20, 38, 56, 74], [20, 38, 56, 74]), DPI) == []


def test_a_list_number_hanging_left_of_its_text_is_no_column():
    """``1.`` left of its text, however its lines fall, is narrower than ``MIN_SIDE_PT``."""
    narrow = (40, 40 + int(8 * PT))
    assert ocr_columns.regions(_page([20, 38, 56], [20, 33, 46, 59], left_x=narrow), DPI) == []


def test_a_line_across_the_gutter_ends_the_region():
    """A paragraph line across the gutter is never cut: the region ends above it."""
    grey = _page([20, 33, 46], [20, 38, 56, 74])
    grey[int(100 * PT) : int(109 * PT), 40:700] = 0  # a line over the whole width
    grey2 = _page([120, 133, 146], [120, 138, 156, 174])
    grey[int(115 * PT) :] = grey2[int(115 * PT) :]
    found = ocr_columns.regions(grey, DPI)
    assert len(found) == 2
    assert found[0][1] <= 100 * PT and found[1][0] >= 109 * PT


def test_the_composite_moves_the_right_column_below_the_page_and_words_go_back():
    grey = _page([20, 33, 46], [20, 38, 56, 74])
    composite = ocr_columns.compose(grey, DPI)
    (strip,) = composite.strips
    out = composite.grey
    assert out.shape[0] > grey.shape[0] and out.shape[1] == grey.shape[1]
    assert (out[strip.y0 : strip.y1, strip.x0 : strip.x1] == 255).all()  # gone from the page
    moved = out[strip.to_y : strip.to_y + strip.y1 - strip.y0, strip.x0 : strip.x1]
    assert (moved == grey[strip.y0 : strip.y1, strip.x0 : strip.x1]).all()
    assert (out[: grey.shape[0], : strip.x0] == grey[:, : strip.x0]).all()  # the left column stays
    row = strip.to_y + 10
    assert row + ocr_columns.page_dy(composite.strips, row) == strip.y0 + 10
    assert ocr_columns.page_dy(composite.strips, 5) == 0


def test_tsv_words_read_below_the_page_are_put_where_they_are_printed():
    """A word tesseract found in a moved column gets its printed place (and its line's height)."""
    strip = ocr_columns.Strip(100, 400, 300, 600, 1000)
    scan = ocr.Scan(b"", 72, (0.0, 0.0), [], [], strips=[strip])
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    tsv = header + "4\t1\t2\t1\t1\t0\t310\t1050\t200\t12\t-1\t\n" + "5\t1\t2\t1\t1\t1\t310\t1050\t60\t12\t96.0\tsummarise\n"
    (word,) = ocr.tsv_words(tsv, scan)
    assert word[4] == "summarise" and word[0] == 310 and word[1] == 150 and word[3] == 162


def test_a_speck_read_as_a_lone_mark_with_low_confidence_is_dropped():
    """A full stop tesseract reads on its own, unsure (a speck of noise left of a heading), is
    no text; a dash read surely is kept."""
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    rows = [(1, 10, ".", 33.6), (2, 100, "Unit", 95.4), (3, 200, "-", 91.0), (4, 260, "5", 95.0)]
    tsv = header + "".join(f"5\t1\t1\t1\t1\t{n}\t{x}\t100\t30\t30\t{c}\t{t}\n" for n, x, t, c in rows)
    words = ocr.tsv_words(tsv, ocr.Scan(b"", 300, (0.0, 0.0), [], []))
    assert [w[4] for w in words] == ["Unit", "-", "5"]


def _drifting_table_scan() -> bytes:
    """A one-page scan (150 dpi grey, specks of noise) of a unit whose LO | AC table spans
    each outcome over its criteria rows, padded, so the two columns' lines drift apart."""
    pymupdf = pytest.importorskip("pymupdf")
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    st = getSampleStyleSheet()["BodyText"]
    st.fontName, st.fontSize, st.leading = "Times-Roman", 10, 12.5
    outcomes = [("Understand the legal requirements for the safe movement of goods",
                 ["summarise the role of the warehouse in the supply chain",
                  "identify the types of pallet trucks used in the warehouse", "define the term 'racking systems'"]),
                ("Be able to store goods in designated locations in line with organisational procedures",
                 ["carry out checks on dispatch labels before use", "select the stock records needed for the task"])]
    rows = [[Paragraph("<b>Learning outcomes</b>", st), Paragraph("<b>Assessment criteria</b>", st)],
            [Paragraph("<b>The learner will:</b>", st), Paragraph("<b>The learner can:</b>", st)]]
    spans = []
    for n, (lo, acs) in enumerate(outcomes, 1):
        spans.append(("SPAN", (0, len(rows)), (0, len(rows) + len(acs) - 1)))
        rows += [[Paragraph(f"{n} {lo}", st) if k == 1 else "", Paragraph(f"{n}.{k} {ac}", st)]
                 for k, ac in enumerate(acs, 1)]
    table = Table(rows, colWidths=[150, 300])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5), ("LINEBELOW", (0, 1), (-1, 1), 0.8, "black")]
                              + spans))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(
        [Paragraph("<b>Unit 3: Principles of stock control</b>", st), Paragraph("Unit code: D/615/4471", st),
         Paragraph("Level: 1", st), Paragraph("Credit value: 8", st), table])
    src = pymupdf.open("pdf", buf.getvalue())
    pix = src[0].get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width).copy()
    rng = np.random.default_rng(7)
    grey[rng.integers(0, grey.shape[0], 4000), rng.integers(0, grey.shape[1], 4000)] = 90
    from PIL import Image

    png = io.BytesIO()
    Image.fromarray(grey).save(png, format="PNG")
    out = pymupdf.open()
    page = out.new_page(width=src[0].rect.width, height=src[0].rect.height)
    page.insert_image(page.rect, stream=png.getvalue())
    return out.tobytes()


@pytest.mark.skipif(ocr.tessdata() is None, reason="needs tesseract with English data")
def test_a_scanned_table_with_drifting_columns_is_read_through_the_composite(tmp_path):
    """End to end: the page is cut at the table's gutter, and every outcome and criterion
    comes out whole, each in its own column (the words went back where they are printed)."""
    import pymupdf

    from extract.pipeline import extract_document

    path = tmp_path / "unit.pdf"
    path.write_bytes(_drifting_table_scan())
    scan = ocr.prepare_scan(pymupdf.open(path)[0])
    assert len(scan.strips) == 1
    doc = extract_document(path)
    (unit,) = doc.units
    assert [lo.text for lo in unit.learning_outcomes] == [
        "Understand the legal requirements for the safe movement of goods",
        "Be able to store goods in designated locations in line with organisational procedures"]
    assert [(ac.number, ac.text) for lo in unit.learning_outcomes for ac in lo.assessment_criteria] == [
        ("1.1", "Summarise the role of the warehouse in the supply chain"),
        ("1.2", "Identify the types of pallet trucks used in the warehouse"),
        ("1.3", "Define the term 'racking systems'"),
        ("2.1", "Carry out checks on dispatch labels before use"),
        ("2.2", "Select the stock records needed for the task")]


def test_a_paragraph_line_with_a_gap_over_one_gutter_does_not_hide_the_other():
    """A line above a three-column table whose sentence gap (". The") happens to stand over
    the second gutter would begin a region that only that gutter runs through: the region
    begins below it, and both gutters are cut."""
    grey = _page([30, 45, 60], [30, 47, 64, 81], left_x=(40, 200), right_x=(260, 480), height=4)
    for top in (30, 49):  # a third column, its lines drifting from the criteria's
        grey[int(top * PT) : int((top + 4) * PT), 540:700] = 0
    assert len(ocr_columns.regions(grey, DPI)[0][2]) == 2
    y = int(15 * PT)
    grey[y : y + int(4 * PT), 40:505] = 0  # the paragraph line, its gap over 505..540
    grey[y : y + int(4 * PT), 540:700] = 0
    (region,) = ocr_columns.regions(grey, DPI)
    assert region[0] >= 19 * PT and len(region[2]) == 2
