"""Scanned pages: tesseract in parallel (``ocr_pool``), per-page timeouts, word confidences and
``uncertain`` (``uncertain.py``)."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

import pytest

from extract.normalise import uncertain
from extract.readers import ocr, ocr_pool
from extract.models import AssessmentCriterion, LearningOutcome, Location, Unit
from extract.pipeline import extract_document
from extract.readers.source import read_source

FIXTURES = Path(__file__).parent / "fixtures"
needs_tesseract = pytest.mark.skipif(ocr.tessdata() is None, reason="tesseract with English data is not installed")


@needs_tesseract
def test_parallel_ocr_gives_exactly_the_serial_output(monkeypatch):
    read = {}
    for threads in ("1", "2"):
        monkeypatch.setenv(ocr_pool.THREADS_ENV, threads)
        raw = read_source(FIXTURES / "proqual_retail_scanned.pdf")
        read[threads] = (raw.layout, raw.ocr_pages, raw.low_confidence, raw.warnings)
    assert read["1"] == read["2"]
    assert read["1"][1] == [1, 2, 3, 4] and sum(len(getattr(b, "rows", (b,))) for p in read["1"][0].pages for b in p.blocks) > 60


@needs_tesseract
def test_a_page_over_its_time_budget_is_a_warning_and_the_rest_is_read(monkeypatch):
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 0.001)
    raw = read_source(FIXTURES / "cg_warehousing_mixed.pdf")  # page 3 is the scan
    timeouts = [m for c, m in raw.warnings if c == "ocr_page_timeout"]
    assert len(timeouts) == 1 and timeouts[0].startswith("page 3:")
    assert raw.ocr_pages == [] and raw.format == "pdf"
    assert {p.number for p in raw.layout.pages if p.blocks} == {1, 2, 4, 5}


def test_ocr_threads_come_from_the_setting_or_the_cores(monkeypatch):
    import os

    monkeypatch.setenv(ocr_pool.THREADS_ENV, "3")
    assert ocr_pool.ocr_threads() == 3
    for bad in ("0", "-1", "many", ""):
        monkeypatch.setenv(ocr_pool.THREADS_ENV, bad)
        assert ocr_pool.ocr_threads() == (os.cpu_count() or 1)


def test_a_slot_is_held_by_one_holder_at_a_time(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    got = []

    def second():
        with ocr_pool.slot(1):
            got.append(time.monotonic())

    with ocr_pool.slot(1):
        other = threading.Thread(target=second)
        other.start()
        time.sleep(0.3)
        assert got == []  # waiting: the one slot is held
        released = time.monotonic()
    other.join(5)
    assert got and got[0] >= released
    with ocr_pool.slot(2), ocr_pool.slot(2):  # two slots: two holders at once
        pass


TSV = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
       "4\t1\t1\t1\t1\t0\t100\t200\t300\t40\t-1\t\n"
       "5\t1\t1\t1\t1\t1\t100\t210\t50\t20\t96.5\tPlan\n"
       "5\t1\t1\t1\t1\t2\t160\t205\t40\t35\t41.0\tpian\n"
       "5\t1\t1\t1\t1\t3\t210\t205\t5\t35\t12.0\t|\n"
       "5\t1\t1\t1\t1\t4\t220\t205\t5\t35\t90.0\t \n")


def test_tsv_words_are_in_page_coordinates_with_their_line_height_and_confidence():
    scan = ocr.Scan(b"", 144, (10.0, 20.0), [], [])  # 2 pixels a point
    words = ocr.tsv_words(TSV, scan)
    assert [w[4] for w in words] == ["Plan", "pian"]  # a rule read as "|" and blanks dropped
    assert words[0][:4] == (60.0, 120.0, 85.0, 140.0)  # top and bottom are the line's
    assert words[1][1:4:2] == (120.0, 140.0) and words[1][8] == 41.0
    assert words[0][5:8] == (1, 1001, 1)
    assert uncertain.low_confidence_words(words) == {"pian": 41.0}


def test_a_mark_a_table_rule_runs_through_is_the_rule_not_a_printed_mark():
    """``of = a`` with a vertical rule through the ``=``: the rule read as text; a mark clear of
    every rule, and a word with letters on one, are kept."""
    rows = [(1, 100, "of"), (2, 240, "="), (3, 300, "a"), (4, 400, "\u2014"), (5, 470, "Il"), (6, 560, "\u2013")]
    tsv = TSV.split("\n")[0] + "\n" + "".join(f"5\t1\t1\t1\t1\t{n}\t{x}\t210\t10\t20\t60.0\t{t}\n" for n, x, t in rows)
    vertical = [(10.0 + 245 / 2, 100.0, 10.0 + 245 / 2, 200.0), (10.0 + 475 / 2, 100.0, 10.0 + 475 / 2, 200.0)]
    horizontal = [(250.0, 20.0 + 220 / 2, 300.0, 20.0 + 220 / 2)]  # through the last dash
    words = ocr.tsv_words(tsv, ocr.Scan(b"", 144, (10.0, 20.0), horizontal, vertical))
    assert [w[4] for w in words] == ["of", "a", "\u2014", "Il"]


def test_a_word_the_document_reads_clearly_somewhere_is_confirmed():
    pages = [[(0, 0, 1, 1, "planograms", 1, 1, 1, 95.0), (0, 0, 1, 1, "pian", 1, 1, 2, 40.0)],
             [(0, 0, 1, 1, "Planograms,", 1, 1, 1, 48.0)]]
    assert uncertain.confident_words(pages) == {"planograms"}
    assert uncertain.low_confidence_words(pages[1]) == {"planograms": 48.0}


def test_finished_scans_keep_only_the_doubts_the_document_does_not_settle():
    from concurrent.futures import Future

    from extract.readers import pdf

    futures = []
    for words in ([(0, 0, 1, 1, "planograms", 1, 1, 1, 95.0)],
                  [(0, 0, 1, 1, "planograms", 1, 1, 1, 48.0), (0, 0, 1, 1, "pian", 1, 1, 2, 40.0)]):
        futures.append(Future())
        futures[-1].set_result(words)
    late = Future()
    late.set_exception(ocr_pool.PageTimeout("tesseract ran over 1 s and was stopped"))
    warnings: list = []
    done = pdf._finish_scans({2: (None, futures[1]), 1: (None, futures[0]), 3: (None, late)}, warnings)
    assert sorted(done) == [1, 2] and done[1][1] == {} and done[2][1] == {"pian": 40.0}
    assert warnings == [("ocr_page_timeout", "page 3: tesseract ran over 1 s and was stopped; the page was skipped")]


def _unit(text: str, page: int) -> Unit:
    ac = AssessmentCriterion(number="1.1", text=text, location=Location(page=page, line=5))
    lo = LearningOutcome(number="1", text="Understand stock control", assessment_criteria=[ac],
                         location=Location(page=page, line=4))
    return Unit(number="01", title="Stock", learning_outcomes=[lo], location=Location(page=page, line=1))


def test_only_low_confidence_words_nothing_confirms_make_a_text_uncertain():
    units = [_unit("Describe the pian for stock", 1), _unit("Describe the pian for stock", 5)]
    low = {1: {"pian": 41.0, "the": 30.0, "2024": 20.0, "stock": 50.0}}
    warnings = uncertain.mark(units, low)
    first, far = units[0].learning_outcomes[0], units[1].learning_outcomes[0]
    assert first.assessment_criteria[0].uncertain and not first.uncertain  # "stock": a real word
    assert not far.assessment_criteria[0].uncertain  # another page's words say nothing of it
    assert [w.code for w in warnings] == ["ocr_uncertain"]
    assert "'pian' (41)" in warnings[0].message and "'the'" not in warnings[0].message
    assert warnings[0].location.page == 1 and warnings[0].unit == "01"
    assert uncertain.mark([_unit("Describe the pian", 1)], {}) == []  # no OCR'd page: nothing


@needs_tesseract
def test_uncertain_is_set_on_scanned_pages_and_never_on_a_text_layer(monkeypatch):
    monkeypatch.setattr(uncertain, "LOW_CONFIDENCE", 101.0)  # every OCR word doubted
    text_layer = extract_document(FIXTURES / "cg_warehousing.pdf").model_dump()
    assert not [w for w in text_layer["warnings"] if w["code"] == "ocr_uncertain"]
    scanned = extract_document(FIXTURES / "proqual_retail_scanned.pdf").model_dump()
    flagged = [ac for u in scanned["units"] for lo in u["learning_outcomes"] for ac in lo["assessment_criteria"]
               if ac["uncertain"]]
    notes = [w for w in scanned["warnings"] if w["code"] == "ocr_uncertain"]
    assert flagged and len(notes) >= len(flagged)
    assert all(not uncertain.confirmed(t) for w in notes for t in _quoted(w["message"]))


def _quoted(message: str) -> list[str]:
    import re

    return re.findall(r"'([^']+)' \(\d+\)", message)


def _page_image(dpi: int = 100):
    import numpy as np
    import pymupdf

    pix = pymupdf.open(FIXTURES / "proqual_retail.pdf")[2].get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width].copy()


def test_skew_is_measured_from_the_image_and_turned_back():
    import numpy as np
    from PIL import Image

    from extract.readers import ocr_image

    straight = _page_image()
    for applied in (0.6, -0.9):
        skewed = np.asarray(Image.fromarray(straight).rotate(applied, resample=Image.BICUBIC, fillcolor=255))
        assert abs(ocr_image.measure_skew(skewed) + applied) <= 0.06  # Pillow turns counter-clockwise
        fixed, angle = ocr_image.deskew(skewed)
        assert abs(angle + applied) <= 0.06 and abs(ocr_image.measure_skew(fixed)) < ocr_image.MIN_SKEW_DEGREES
    same, angle = ocr_image.deskew(straight)
    assert same is straight and abs(angle) < ocr_image.MIN_SKEW_DEGREES


def test_coarse_scans_are_enlarged_and_fine_ones_left_alone():
    from extract.readers import ocr_image

    grey = _page_image(100)[:80, :100]
    big, dpi = ocr_image.upscale(grey, 150)
    assert big.shape == (160, 200) and dpi == ocr_image.UPSCALE_TO_DPI
    assert ocr_image.upscale(grey, 200) == (grey, 200)


def test_specks_are_cleared_before_enlarging_but_strokes_kept():
    import numpy as np

    from extract.readers import ocr_image

    grey = np.full((20, 20), 255, dtype=np.uint8)
    grey[5, 5] = 0  # a speck
    grey[10:13, 2:18] = 0  # a stroke with a hole in it
    grey[11, 9] = 255
    clean = ocr_image.despeckle(grey)
    assert clean[5, 5] == 255 and clean[11, 9] == 0
    assert (clean[10:13, 2:18] == 0).all() and (clean[:10] == 255).all()


def test_a_footer_ocr_reads_differently_on_each_page_is_still_furniture():
    from extract.layout.furniture import split_furniture
    from extract.layout.model import Page, VisualLine
    from extract.layout.settings import DEFAULT

    def line(number: int, text: str, top: float) -> VisualLine:
        return VisualLine(number, [(50.0, top, 300.0, top + 10, text, 0, 0, 0)], top, top + 10)

    footers = ["Version 2.1 July 2024 Visit ncfe.org.uk", "Version 2.1 July 2024 Visit nefe.org.uk",
               "Version 2.1 Juty 2024 Visit ncte:org.uk"]
    bodies = [("Unit aims and outcomes", "Describe how stock is counted"), ("Assessment guidance", "Explain the records"),
              ("Delivery notes", "Identify the risks of storing goods")]
    pages = [Page(k + 1, 600.0, [line(1, first, 100.0), line(2, second, 120.0), line(3, footer, 560.0)])
             for k, (footer, (first, second)) in enumerate(zip(footers, bodies))]
    assert [len(p) for p in split_furniture(pages)[0]] == [3, 3, 3]  # exact matching: no repeat
    kept, _ = split_furniture(pages, DEFAULT.with_(furniture_similarity=0.85))
    assert [[l.text for l in p] for p in kept] == [[l.text for l in page.lines[:2]] for page in pages]


def test_a_running_header_a_scanned_page_prints_a_few_points_off_is_still_furniture():
    """A sheet lies a little differently on the scanner and deskewing leaves some skew: the
    header's top moves by a few points from page to page; read with the OCR settings it is
    furniture on every page, as in the text layer, where it stands exactly in place."""
    from extract.layout.furniture import split_furniture
    from extract.layout.model import Page, VisualLine
    from extract.readers.pdf import OCR_LAYOUT

    def line(number: int, text: str, top: float) -> VisualLine:
        return VisualLine(number, [(50.0, top, 400.0, top + 10, text, 0, 0, 0)], top, top + 10)

    header = "Level 2 Diploma in Retail Operations (6211-02)"
    bodies = ["Describe how stock is counted", "Explain the records kept", "Identify the risks of storing goods",
              "State the checks made on deliveries"]
    tops = [16.8, 16.6, 11.0, 21.4]  # as measured on a specimen scan's pages
    pages = [Page(k + 1, 842.0, [line(1, header, top), line(2, body, 100.0), line(3, "Unit aims", 130.0)])
             for k, (top, body) in enumerate(zip(tops, bodies))]
    assert [len(p) for p in split_furniture(pages)[0]] == [2, 2, 3, 3]  # text-layer settings: exactly in place
    kept, gone = split_furniture(pages, OCR_LAYOUT)
    assert [[l.text for l in p] for p in kept] == [[l.text for l in page.lines[1:]] for page in pages]
    assert all([l.text for l in g] == [header] for g in gone)


def test_lines_naming_different_unit_references_are_not_one_running_line():
    """Each unit's page opens with its own reference line; refs alike but for a few digits (the
    same check letter, OCR reading them nearly alike) are different lines, never furniture."""
    from extract.layout.furniture import split_furniture
    from extract.layout.model import Page, VisualLine
    from extract.layout.settings import DEFAULT

    def line(number: int, text: str, top: float) -> VisualLine:
        return VisualLine(number, [(50.0, top, 300.0, top + 10, text, 0, 0, 0)], top, top + 10)

    refs = ["K/650/1181", "K/650/1186", "K/650/1203"]
    pages = [Page(k + 1, 600.0, [line(1, f"Ofqual unit reference number: {r}", 100.0), line(2, body, 120.0),
                                 line(3, "Example Awards handbook, issue 3", 560.0)])
             for k, (r, body) in enumerate(zip(refs, ["Unit aim", "Describe the risks", "Delivery notes"]))]
    for settings in (DEFAULT, DEFAULT.with_(furniture_similarity=0.85)):
        kept, gone = split_furniture(pages, settings)
        assert [[l.text for l in p] for p in kept] == [[l.text for l in page.lines[:2]] for page in pages]
        assert all(len(g) == 1 for g in gone)


def test_a_word_ocr_reads_only_once_is_doubted_whatever_its_confidence_but_not_an_abbreviation():
    """tesseract is sure of some misreadings ("saton" at 96): a token the document reads once is
    kept for the dictionary check; one read twice, one in capitals (an abbreviation) or a part
    of a hyphened word is not."""
    from extract.normalise.uncertain import read_once

    def word(text, conf=96.0):
        return (0, 0, 10, 10, text, 0, 0, 0, conf)

    pages = [[word("saton"), word("planograms"), word("USB"), word("laissez-faire")], [word("planograms")]]
    assert read_once(iter(pages)) == {"saton"}


def _scan_page(grey):
    """A one-page PDF holding ``grey`` as a 200 dpi scan."""
    import io

    import pymupdf
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(grey).save(buf, format="PNG")
    doc = pymupdf.open()
    page = doc.new_page(width=grey.shape[1] * 72 / 200, height=grey.shape[0] * 72 / 200)
    page.insert_image(page.rect, stream=buf.getvalue())
    return doc, page


def test_a_grey_table_rule_is_found_once_with_its_paler_edge_and_painted_out():
    """A rule printed grey (level 170, which is no ink to the letters' threshold) with a paler,
    shorter edge row beside it (level 190) is one rule, not two (a short one would cut cells),
    and is painted out; a grey vertical rule likewise."""
    import numpy as np

    grey = np.full((400, 600), 250, dtype=np.uint8)
    grey[200:202, 20:580] = 170  # the rule
    grey[202, 60:300] = 190  # its paler edge, shorter
    grey[20:380, 300:302] = 170  # a vertical rule
    grey[100:340, 302] = 190
    doc, page = _scan_page(grey)
    scan = ocr.prepare_scan(page)
    assert len(scan.horizontal) == 1 and len(scan.vertical) == 1
    assert abs(scan.horizontal[0][1] - 201 * 72 / 200) < 1.0
    hdr = scan.image.index(b"255\n") + 4
    w, h = map(int, scan.image.split(b"\n")[1].split())
    painted = np.frombuffer(scan.image[hdr:], dtype=np.uint8).reshape(h, w)
    assert painted.min() >= ocr._RULE_DARK


def test_a_speck_or_rule_trace_read_as_letters_is_dropped_but_a_dash_kept():
    """Tesseract reads a rule's trace as ``ee`` and ``Aase`` 1.2 pt high: no letters are that
    flat. A dash as flat is a printed dash; an ``x`` 4 pt high is a letter."""
    rows = [(1, 100, 5, "ee"), (2, 160, 5, "Aase"), (3, 220, 5, "\u2013"), (4, 260, 12, "x"), (5, 300, 20, "Plan")]
    tsv = TSV.split("\n")[0] + "\n" + "".join(f"5\t1\t1\t1\t1\t{n}\t{x}\t210\t30\t{h}\t50.0\t{t}\n" for n, x, h, t in rows)
    words = ocr.tsv_words(tsv, ocr.Scan(b"", 300, (0.0, 0.0), [], []))
    assert [w[4] for w in words] == ["\u2013", "x", "Plan"]


def test_ink_one_line_read_that_another_reads_again_is_dropped():
    """A tall line over two table rows reads the ``g`` of the row above's ``goods`` again as
    ``6``, and ``pply`` of ``supply`` as ``PPIY``: a word less sure than ``GHOST_CONFIDENCE``
    standing inside another line's surely read words, level with them, is that line's ink read
    twice. The same word beside that line (not inside its words' span) is kept."""
    from extract.readers import ocr_words

    header = TSV.split("\n")[0] + "\n"

    def line(n, top, height, words):
        out = f"4\t1\t1\t1\t{n}\t0\t0\t{top}\t600\t{height}\t-1\t\n"
        return out + "".join(f"5\t1\t1\t1\t{n}\t{k}\t{x}\t{top}\t{w}\t30\t{c}\t{t}\n"
                             for k, (x, w, t, c) in enumerate(words, 1))
    upper = line(1, 100, 31, [(60, 160, "hazardous", 96.5), (230, 70, "goods", 96.9)])
    lower = line(2, 108, 55, [(215, 16, "6", 40.2), (250, 40, "PPIY", 81.7), (320, 20, "so", 60.0),
                               (420, 30, "1.2", 96.9), (460, 90, "compare", 96.2)])
    words = ocr.tsv_words(header + upper + lower, ocr.Scan(b"", 300, (0.0, 0.0), [], []))
    assert [w[4] for w in words] == ["hazardous", "goods", "so", "1.2", "compare"]
    assert 81.7 < ocr_words.GHOST_CONFIDENCE


def test_words_ocr_damaged_on_a_scan_are_put_right_by_the_document_s_own_phrases():
    """The document prints "making sure", "in line", "the office" again and again; a token it
    prints only once or twice on a scanned page is its damaged copy: a speck as a hyphen, a full
    stop after a word, a capital of the same shape (after a comma too), a look-alike letter
    (``c.g.``, damaged alike twice), a lost space, a letter of a word the document prints
    (``maierials``; not a plural's ``s``), another column's bullet glued on a word, a real word
    misread (``in fine with``); each warned. A compound (``follow-up``), a capital between
    capitals (``Service Level``) and any text of a page that was not OCR'd stay."""
    from extract.normalise.phrases import repair_phrases

    def unit(texts, page):
        acs = [AssessmentCriterion(number=f"1.{k}", text=t, location=Location(page=page, line=k))
               for k, t in enumerate(texts, 1)]
        lo = LearningOutcome(number="1", text="Know the office", assessment_criteria=acs,
                             location=Location(page=page, line=1))
        return Unit(number="01", title="Office", learning_outcomes=[lo], location=Location(page=page, line=1))

    same = ["Clean the desk in line with the rules, making sure the office and site are tidy (e.g. desks, sites)"] * 3
    damaged = ["Check the desk inline with the rules, making-sure the. office is tidy",
               "Send the follow-up note to the Office about the Service Level plan",
               "Making-sure the bins are empty (c.g. desks, Sites)", "Empty the bins (c.g. desks, sites)",
               "Store the maierials by the planograms", "Clean the desk in line «types with the rules",
               "Clean the desk in fine with the rules"]
    same += ["Store the materials by the planogram"] * 3
    scanned, layer = unit(same + damaged, 2), unit(["Tidy the desk as the Site says"], 3)
    warnings = repair_phrases([scanned, layer], {2})
    texts = [ac.text for ac in scanned.learning_outcomes[0].assessment_criteria]
    assert texts[6:] == ["Check the desk in line with the rules, making sure the office is tidy",
                         "Send the follow-up note to the office about the Service Level plan",
                         "Making sure the bins are empty (e.g. desks, sites)", "Empty the bins (e.g. desks, sites)",
                         "Store the materials by the planograms", "Clean the desk in line with the rules",
                         "Clean the desk in line with the rules"]
    assert layer.learning_outcomes[0].assessment_criteria[0].text == "Tidy the desk as the Site says"
    assert len(warnings) == 7 and all(w.code == "text_repaired" and w.location.page == 2 for w in warnings)


def test_a_speck_read_as_a_hyphen_or_a_mark_beside_a_word_is_doubted_whole():
    """``to-plan`` is two words and ``a]`` one, but as read neither is a word: read with low
    confidence, each makes its text uncertain; ``face-to-face`` read clearly elsewhere does not,
    nor ``one-to-one`` (three words joined are print's compound)."""
    words = [(0, 0, 1, 1, t, 1, 1, k, c) for k, (t, c) in enumerate(
        [("to-plan", 61.0), ("a]", 55.0), ("face-to-face", 62.0), ("face-to-face", 96.0)])]
    low = {t: c for t, c in uncertain.low_confidence_words(words).items() if t not in uncertain.confident_words([words])}
    assert {"to-plan", "a]"} <= set(low) and "face-to-face" not in low
    units = [_unit("Explain how to-plan the stock", 1), _unit("Use organisation a] procedures", 1),
             _unit("Meet face-to-face", 1), _unit("Hold one-to-one meetings", 1)]
    uncertain.mark(units, {1: {**low, "one-to-one": 30.0}})  # three words joined: a compound
    assert [u.learning_outcomes[0].assessment_criteria[0].uncertain for u in units] == [True, True, False, False]


def test_a_word_the_document_prints_is_never_repaired_into_itself():
    """``planograms`` (no dictionary word) printed again and again is one letter away from
    nothing but itself: no repair, no warning."""
    from extract.normalise.phrases import repair_phrases

    acs = [AssessmentCriterion(number=f"1.{k}", text="Check the 'planograms' daily", location=Location(page=None, line=k))
           for k in range(1, 5)]
    lo = LearningOutcome(number="1", text="Know the planograms", assessment_criteria=acs, location=Location(page=None, line=1))
    unit = Unit(number="01", title="Stock", learning_outcomes=[lo], location=Location(page=None, line=1))
    assert repair_phrases([unit], None) == []
