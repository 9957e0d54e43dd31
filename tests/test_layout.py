"""The layout stage's settings, and what ``specx debug-layout`` shows of it."""

import subprocess
import sys
from pathlib import Path

import pytest

from types import SimpleNamespace

from extract.layout.model import Page, Paragraph, VisualLine
from extract.layout.pages import lay_out
from extract.layout.settings import DEFAULT, LayoutSettings
from extract.pipeline import STAGES, extract_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _rows(doc) -> list[list[SimpleNamespace]]:
    """Each page's blocks as the rows the parser reads: ``text`` (cells apart by tabs), ``cells``,
    ``header``, ``table`` (a ruled or unruled table's row)."""
    out = []
    for page in doc.pages:
        rows = []
        for block in page.blocks:
            if isinstance(block, Paragraph):
                rows.append(SimpleNamespace(text=block.text, cells=[block.text], header=False, table=False))
                continue
            for r in block.rows:
                cells = [c.text for c in r.cells]
                rows.append(SimpleNamespace(text="\t".join(cells), cells=cells, header=r.header, table=block.kind != "gaps"))
        out.append(rows)
    return out


def _layout_rows(text_lines) -> list[str]:
    """``pdftotext -layout`` lines -> the rows' texts, page after page."""
    from extract.readers.layout_text import layout_text

    return [r.text for page in _rows(layout_text(text_lines)) for r in page]


def _line(number, *cells):
    words = [(x, y, x + 8 * len(t), y + 10, t, number, k, 0) for k, (x, y, t) in enumerate(cells)]
    return VisualLine(number, words, min(w[1] for w in words), max(w[3] for w in words))


def _text_line(number, y, text, height=12.0):
    """A visual line of ``text`` at ``y``: words 6 units a letter, 3 apart, ``height`` high."""
    words, x = [], 50.0
    for k, w in enumerate(text.split()):
        words.append((x, y, x + 6 * len(w), y + height, w, number, 0, k))
        x += 6 * len(w) + 3
    return VisualLine(number, words, y, y + height)


def test_an_unknown_setting_is_refused_and_a_known_one_changes_the_layout():
    with pytest.raises(TypeError, match="unknown layout setting.*cell_gapp"):
        DEFAULT.with_(cell_gapp=3.0)
    assert DEFAULT.with_(cell_gap=3.0).cell_gap == 3.0 and DEFAULT.cell_gap == LayoutSettings().cell_gap
    # two words 20 units apart on a 10-unit line: a cell gap at 1.5 heights, a word space at 3
    page = Page(1, 800.0, [_line(1, (50, 100, "Level"), (110, 100, "3"))])
    assert _rows(lay_out([page]))[0][0].cells == ["Level", "3"]
    assert _rows(lay_out([page], DEFAULT.with_(cell_gap=3.0)))[0][0].cells == ["Level 3"]


def test_furniture_is_reported_apart_from_the_rows():
    pages = [Page(n, 800.0, [_line(1, (50, 20, "Running title of the handbook")), _line(2, (50, 80 + 20 * n, f"Body {n}")),
                             _line(3, (50, 770, f"Page {n} of 3"))]) for n in (1, 2, 3)]
    laid = lay_out(pages)
    assert [[f.text for f in page.furniture] for page in laid.pages] == [
        ["Running title of the handbook", f"Page {n} of 3"] for n in (1, 2, 3)]
    assert [[r.text for r in rows] for rows in _rows(laid)] == [[f"Body {n}"] for n in (1, 2, 3)]


def test_every_stage_is_timed_in_order():
    timings = {}
    extract_document(FIXTURES / "ncfe_business_admin.pdf", timings=timings)
    assert list(timings) == ["source", *STAGES] and all(t >= 0 for t in timings.values())


def test_debug_layout_shows_furniture_table_header_roles_and_cells():
    r = subprocess.run([sys.executable, "-m", "extract", "debug-layout", str(FIXTURES / "ncfe_business_admin.pdf"),
                        "--page", "3"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    out = r.stdout.splitlines()
    assert out[1].startswith("page 3:") and not any(l.startswith("page 4") for l in out)
    assert any("furniture: Version 1.0 March 2024" in l for l in out)
    assert any("table header (0:lo, 1:ac): The learner will: | The learner can:" in l for l in out)
    assert any(" table: " in l and " | 1.1 " in l for l in out)
    assert out[-1].startswith("stage times (ms): source ")


def test_debug_layout_names_the_file_and_reason_for_bad_input(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    r = subprocess.run([sys.executable, "-m", "extract", "debug-layout", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1 and "empty.pdf" in r.stderr and "empty file" in r.stderr


def test_form_feed_pages_use_the_same_furniture_rule_and_keep_repeated_content():
    """pdftotext text with form feeds: a footer whose printed page number is not the page's
    position (an unnumbered cover) is furniture; a criterion's last line that recurs on many
    pages but not at an edge is content."""
    from extract.layout.lines import to_lines

    raw, n = [], 0
    for sheet in range(1, 6):
        body = ["Unit 20%d Use tools" % sheet, "Learning outcomes", "1 Know the tools", "1.1 List the tools",
                "used in the salon"] + ["1.%d Name part %d of the tool %d" % (k, k, sheet) for k in range(2, 12)] + [
                "2 Know the products %d" % sheet, "2.1 List products %d" % sheet]
        page = body + ["Salon Handbook – Issue 2 – page %d" % (sheet + 2)]
        for k, text in enumerate(page):
            n += 1
            raw.append((None, n, ("\f" if k == 0 and sheet > 1 else "") + text))
    lines = to_lines(raw)
    noise = {l.text for l in lines if l.noise}
    assert noise == {f"Salon Handbook – Issue 2 – page {p}" for p in range(3, 8)}
    assert sum(l.text == "used in the salon" for l in lines if not l.noise) == 5


def test_form_feed_pages_a_table_s_last_values_above_the_page_number_are_content():
    """A profile read column by column ends a page with its last values (``71``, ``10``) above
    the page number: only the page's last line is a bare page number, whatever its value."""
    from extract.layout.lines import to_lines

    raw, n = [], 0
    for sheet in range(1, 4):
        intro = [["Introduction", "About the qualification", "Who it is for"], ["Structure", "Groups of units", "Rules"],
                 ["Assessment", "How units are assessed", "Who assesses"]][sheet - 1]
        page = intro + ["Level", "TQT", "GLH", "", "2", str(60 + sheet), str(10 + sheet), "",
                        str(sheet + 4)]  # printed numbers: the cover pages are not counted
        for k, text in enumerate(page):
            n += 1
            raw.append((None, n, ("\f" if k == 0 and sheet > 1 else "") + text))
    lines = to_lines(raw)
    assert {l.text for l in lines if l.noise} == {"5", "6", "7"}


def test_form_feed_pages_a_versioned_footer_the_reading_order_put_mid_page_is_furniture():
    """Plain pdftotext reads a right-hand column after the footer, so the footer is never among
    a page's edge lines: repeated on the pages, dated or versioned, it is furniture wherever it
    stands, and so does the page number printed beside it; an undated line repeated as often
    mid-page ("Indicative content") is content."""
    from extract.layout.lines import to_lines

    raw, n = [], 0
    for sheet in range(1, 5):
        page = ["Unit 10%d Use tools" % sheet, "1 Know the tools", "1.1 List the tools %d" % sheet, "",
                "Salon Studies Diploma (RQF) Version 3", str(sheet + 3), "", "Indicative content",
                "• " + ["saws", "drills", "files", "lathes"][sheet - 1], "• " + ["safety", "storage", "cleaning", "guards"][sheet - 1]]
        for k, text in enumerate(page):
            n += 1
            raw.append((None, n, ("\f" if k == 0 and sheet > 1 else "") + text))
    lines = to_lines(raw)
    # the printed page numbers (cover pages uncounted) stand beside the footer, mid-page too
    assert {l.text for l in lines if l.noise} == {"Salon Studies Diploma (RQF) Version 3"} | {str(p) for p in range(4, 8)}
    assert sum(l.text == "Indicative content" for l in lines if not l.noise) == 4


def test_form_feed_pages_a_page_printing_its_own_number_prints_no_other_beside_its_footer():
    """The reading order put a unit's facts values after the mid-page footer (``Issue 3 June
    2025`` / ``4`` / ``12`` ...); the page ends with its own number (``Page 3 of 9``), so the
    bare number beside the footer is a value, not a second page number."""
    from extract.layout.lines import to_lines

    raw, n = [], 0
    for sheet in range(1, 5):
        page = ["Unit A/601/%04d Use tools" % sheet, "Level", "Credit value", "GLH", "1 Know the tools %d" % sheet, "",
                "Issue 3 June 2025", "", str(sheet + 1), str(sheet + 10), str(sheet + 30), "1.1 List the tools %d" % sheet,
                "Page %d of 9" % (sheet + 2)]
        for k, text in enumerate(page):
            n += 1
            raw.append((None, n, ("\f" if k == 0 and sheet > 1 else "") + text))
    lines = to_lines(raw)
    assert {l.text for l in lines if l.noise} == {"Issue 3 June 2025"} | {f"Page {p} of 9" for p in range(3, 7)}


def test_form_feed_pages_a_long_running_header_printed_again_mid_page_alone_is_furniture():
    """OCR's reading order put the running header among a page's text, a paragraph of its own:
    after the text printed it as furniture, it is furniture there too. Before that (the cover's
    title) and inside a paragraph (a facts table's value repeating the title) it stays."""
    from extract.layout.lines import to_lines

    header = "Northern Skills Level 3 Diploma in Site Carpentry (7706-03)"
    intro = ["Introduction", "About this qualification", "Who it is for", "How it is assessed"]
    pages = [intro + ["", header, "", "Qualification title", header, "Level", "3"] + intro]  # the cover: no header
    pages += [[header] + ["1.%d Fit frame %d" % (k, n) for k in range(1, 5)] + ["", header, ""]
              + ["2.%d Hang door %d" % (k, n) for k in range(1, 5)] + ["Page %d" % n] for n in range(2, 6)]
    raw, n = [], 0
    for sheet, page in enumerate(pages, 1):
        for k, text in enumerate(page):
            n += 1
            raw.append((None, n, ("\f" if k == 0 and sheet > 1 else "") + text))
    lines = to_lines(raw)
    kept = [l.number for l in lines if l.text == header and not l.noise]
    assert kept == [6, 9]  # the cover's title, and the value beside its label
    assert sum(l.text == header and l.noise for l in lines) == 8


def test_form_feed_ocr_text_a_running_header_misread_and_wrapped_is_still_furniture():
    """Tesseract text of scanned pages: the running header atop each page, on one page read with
    a wrong letter and its last word broken over two lines (``Manaqe!`` / ``ment``): read nearly
    alike it is furniture, both lines; a one-word body line under the header stays."""
    from extract.layout.lines import to_lines

    header = "Qualification specification: Level 2 Diploma in Retail Management"
    raw, n = [], 0
    for sheet in range(1, 5):
        top = ["Qualification specification: Level 2 Diploma in Retail Manaqe!", "ment"] if sheet == 3 else [header]
        page = top + (["Introduction"] if sheet == 2 else []) + ["1.%d List the tools used" % sheet, "in the store",
                                                              "Version 1.0 July 2024 Page %d" % sheet]
        for k, text in enumerate(page):
            n += 1
            raw.append((None, n, ("\f" if k == 0 and sheet > 1 else "") + text))
    lines = to_lines(raw)
    noise = {l.text for l in lines if l.noise}
    assert "ment" in noise and "Qualification specification: Level 2 Diploma in Retail Manaqe!" in noise
    assert "Introduction" not in noise and sum(l.text == "in the store" for l in lines if not l.noise) == 4


def test_text_without_pages_gets_its_page_edges_from_what_it_prints_and_the_same_furniture_rule():
    """Converter or OCR text without form feeds: a bare page number before a page gap ends a
    page, and a short dated line printed again far away starts one, even where the reading order
    put it mid-page; then the one furniture rule decides: the dated header and the title line
    printed beside it on every page are furniture, the page numbers too, but a criterion number
    OCR read without its dot (``11``) at an inferred page's edge is content, and so is a line
    repeated in the units' bodies."""
    from extract.layout.lines import to_lines

    raw, n = [], 0
    for sheet in range(1, 5):
        head = ["Acme Awards, March 2024", "Level 2 Certificate in Widget Care"]
        tool, part = ["spanner", "brush", "gauge", "clamp"][sheet - 1], ["hinge", "spring", "valve", "seal"][sheet - 1]
        body = ["11", "", "Name the parts of the " + part, "", "1.2", "", "No further guidance is given for this unit.",
                "", "1.3", "", "Use a %s safely" % tool, ""]
        page = head + [""] + body if sheet % 2 else body[:4] + head + [""] + body[4:]  # mid-page: reading order
        for text in ["Unit 20%d Care for widgets" % sheet, ""] + page + [str(sheet + 6), "", ""]:
            n += 1
            raw.append((None, n, text))
    lines = to_lines(raw)
    noise = {l.text for l in lines if l.noise}
    assert noise == {"Acme Awards, March 2024", "Level 2 Certificate in Widget Care"} | {str(p) for p in range(7, 11)}
    assert sum(l.text == "11" for l in lines if not l.noise) == 4
    assert sum(l.text.startswith("No further guidance") for l in lines if not l.noise) == 4


def test_layout_text_row_whose_cells_pdftotext_squeezed_a_space_apart():
    """pdftotext -layout moves a row's criteria column left of the header's border and leaves a
    single space between the outcome's wrapped line and the criterion's: the row's own cell
    starts cut the line, and a line starting at a cell's start continues that cell."""
    lo, ac = " machine and its guards, checked daily", "the workshop (for example, saws,"
    text = [" The learner will:".ljust(45) + "The learner can:",
            " 2 Know the parts of the".ljust(len(lo) + 1) + "1.1 State the forms of abuse found in",
            lo + " " + ac,  # one space: the outcome's line runs up to the criterion's
            " " * (len(lo) + 1) + "drills, lathes).",
            " " * 45 + "1.2 Name the guards."]
    rows = [t for t in _layout_rows(text) if t]
    assert rows[1:] == ["2 Know the parts of the machine and its guards, checked daily\t1.1 State the forms of abuse found in "
                        "the workshop (for example, saws, drills, lathes).",
                        "\t1.2 Name the guards."]


def test_layout_text_header_repeated_elsewhere_on_the_next_page_moves_the_columns():
    """A new page's header row names the columns again a few characters left of the last
    page's: its own positions are the borders, and a bullet cell after a wide gap is one cell."""
    def header(lo, ac):
        return "Learning outcomes".ljust(lo) + "Assessment criteria".ljust(ac - lo) + "Indicative content"

    text = [header(28, 66), "1 Know the rules".ljust(28) + "1.1 State the rules".ljust(38) + "• scope",
            "\f" + header(26, 64), "5 Understand how to".ljust(26) + "5.1 State the styles".ljust(38) + "• types",
            "prevent waste".ljust(26) + "of service"]
    rows = [t for t in _layout_rows(text) if t]
    assert rows[-1] == "5 Understand how to prevent waste\t5.1 State the styles of service\t• types"


def test_layout_text_third_column_printed_left_of_its_border_on_one_row():
    """pdftotext -layout prints a row's third column left of the header's border (and a space
    after a criterion's line): a run starting far right of where the row's criterion cell starts
    is the next column's, and where it starts cuts the row's other lines."""
    header = "Learning outcomes".ljust(20) + "Assessment criteria".ljust(44) + "Guidance"
    ac = "1.1 Compare the two kinds of fire doors"  # 39 characters: ends at 59, left of the border (64)
    text = [header,
            "1 Know fire safety".ljust(20) + ac + " • exits",
            " " * 20 + "used in the building".ljust(40) + "signs",
            " " * 60 + "• drills",
            " " * 20 + "and their signs"]
    rows = [t for t in _layout_rows(text) if t]
    assert rows[1:] == ["1 Know fire safety\t1.1 Compare the two kinds of fire doors used in the building and their signs"
                        "\t• exits signs • drills"]


def test_layout_text_list_items_wrap_to_their_text_and_a_bullet_opens_a_cell():
    """pdftotext -layout squeezes cells a space apart (or none: "of• exits"): a bullet inside a
    line opens the next column's cell, and a line starting where the text after a criterion
    number or a bullet starts (a hanging indent) continues that item, not the cell beside it."""
    header = "Learning outcomes".ljust(30) + "Assessment criteria".ljust(46) + "Guidance"
    ac3 = "1.2 Name the exits and the routes of"
    at = 76 - len(ac3)  # this row's criterion ends where the third column starts: "of• Exits"
    text = [header,
            "1 Know the fire safety 1.1 Compare the two kinds of".ljust(76) + "• Doors: types,",
            "rules of the building code fire doors used in the building".ljust(78) + "purposes",
            " " * at + ac3 + "• Exits: routes,",
            (" " * (at + 4) + "their signs and alarm calls").ljust(78) + "signs"]
    rows = [t for t in _layout_rows(text) if t]
    assert rows[1:] == ["1 Know the fire safety rules of the building code\t1.1 Compare the two kinds of fire doors used in "
                        "the building\t• Doors: types, purposes",
                        "\t1.2 Name the exits and the routes of their signs and alarm calls\t• Exits: routes, signs"]


def test_a_bold_heading_and_the_smaller_line_under_it_are_two_paragraphs():
    """Reflow joins a line reaching the right edge to the next only when both are printed in
    one size: a larger heading line over a marker line stays a line of its own."""
    heading = "Learning outcome 2: Understand the impact of online retailing on outlets"
    body = "The text of a paragraph that runs from the left margin right up to the edge"
    pages = [Page(1, 800.0, [_text_line(1, 100, body, 14.0), _text_line(2, 116, "and wraps here.", 14.0),
                             _text_line(3, 140, heading, 16.0), _text_line(4, 159, "To meet this outcome the learner can:", 14.0)])]
    rows = [r.text for r in _rows(lay_out(pages))[0]]
    assert rows == [body + " and wraps here.", heading, "To meet this outcome the learner can:"]
    assert [r.text for r in _rows(lay_out(pages, DEFAULT.with_(reflow_height=None)))[0]][-1].endswith("outlets To meet this outcome the learner can:")


@pytest.mark.parametrize("heading", ["Learning Outcome 1 \u2013 Understand the purpose of a database",
                                     "Learning outcome 3 Know the risks of using the internet",
                                     "Outcome 2 - Be able to respond to IT problems"])
def test_an_outcome_heading_under_a_full_line_opens_a_paragraph_of_its_own(heading):
    """Text without fonts (pdftotext -layout): the heading follows a paragraph line that
    reached the right edge, in the same size, so only its numbered outcome label says it is
    no wrapped continuation."""
    body = "This qualification is designed for learners who work, or want to work, in a role that"
    pages = [Page(1, 800.0, [_text_line(1, 100, body), _text_line(2, 114, body.upper()), _text_line(3, 128, heading)])]
    rows = [r.text for r in _rows(lay_out(pages))[0]]
    assert rows[-1] == heading


def test_a_scan_s_third_column_left_of_its_border_and_a_speck_in_the_header_keep_the_table():
    """An OCR'd page: a speck read as ``:`` beside the header row names no column, and the third
    column's text starts left of its heading (``strays``, as pdftotext -layout prints it):
    the rows stay table rows, the criteria apart from the third column."""
    from extract.readers.pdf import OCR_LAYOUT

    lines = [_line(1, (50, 100, "Learning outcomes"), (250, 100, "Assessment criteria"), (480, 100, "Indicative content"),
                   (700, 100, ":")),
             _line(2, (50, 115, "1 Know the rules"), (250, 115, "1.1 State the law"), (430, 115, "\u2022 Procedures: legal")),
             _line(3, (250, 130, "1.2 Name the rules"), (430, 130, "\u2022 Scope"))]
    rows = _rows(lay_out([Page(1, 800.0, lines)], OCR_LAYOUT))[0]
    assert rows[0].header and all(r.table for r in rows)
    assert [r.text for r in rows[1:]] == ["1 Know the rules\t1.1 State the law\t\u2022 Procedures: legal",
                                          "\t1.2 Name the rules\t\u2022 Scope"]


def test_layout_text_a_key_value_row_whose_value_wraps_under_itself():
    """A profile table without rules (pdftotext -layout): the value's second line starts where
    the value starts, so it continues that cell; a line starting elsewhere, or a numbered item
    there, does not."""
    text = ["Qualification title".ljust(30) + "Level 2 Certificate in Retail and",
            " " * 30 + "Customer Service (RQF)",
            "Level".ljust(30) + "2",
            " " * 30 + "1.1 Describe the checks",
            "Unit aim".ljust(30) + "To give learners",
            "  the skills they need"]
    rows = [t for t in _layout_rows(text) if t]
    assert rows == ["Qualification title\tLevel 2 Certificate in Retail and Customer Service (RQF)", "Level\t2",
                    "1.1 Describe the checks", "Unit aim\tTo give learners", "the skills they need"]


def test_reflow_joins_lines_a_leading_apart_but_not_a_label_s_next_line():
    """Wrapped lines set with a generous leading (a gap of a third of the line height) are one
    paragraph; a line opening with a label and its colon is a new line however close."""
    long = "Unit 503 Move goods using manual handling and lifting equipment in a warehouse and"
    pages = [Page(1, 800.0, [_text_line(1, 100, long), _text_line(2, 116, "its yards"),
                             _text_line(3, 140, "Qualification title: Level 3 Certificate in Warehousing and Storage Skills"),
                             _text_line(4, 156, "Qualification number (QN): 600/4538/3")])]
    rows = [r.text for r in _rows(lay_out(pages))[0]]
    assert rows == [long + " its yards", "Qualification title: Level 3 Certificate in Warehousing and Storage Skills",
                    "Qualification number (QN): 600/4538/3"]


def test_layout_text_furniture_is_found_once_on_its_pages_and_a_recurring_phrase_kept(tmp_path):
    """pdftotext -layout text: the layout stage finds the running footer on its pages; the
    lines stage does not look for it again, so a criterion's wrapped last line
    that recurs on every page ("work of others ... not disrupted") stays the criterion's."""
    from extract.layout.lines import layout_lines
    from extract.readers.source import read_source

    pages = []
    for n in range(1, 5):
        pages.append("\n".join([
            "Unit 10%d Work in a team".ljust(40) % n + "Level 2",
            " Level:".ljust(40) + "2", " Credit value:".ljust(40) + "3",
            " This unit is about working with others in a team: planning tasks, checking them and reviewing them.",
            " The learner can:",
            "     • prepare task %d plans in line with procedures, making sure that the" % n,
            "       work of others in the workplace is not disrupted",
            "     • check the plans %d" % n, "", "Team Handbook  Version 1.0".ljust(60) + "Page %d" % n]))
    path = tmp_path / "spec.txt"
    path.write_text("\f".join(pages) + "\n", encoding="utf-8")
    raw = read_source(path)
    lines = layout_lines(raw.layout)
    assert raw.laid_out and sum(l.text == "work of others in the workplace is not disrupted" and not l.noise
                                for l in lines) == 4
    assert not any(l.text.startswith("Team Handbook") for l in lines)  # furniture, removed by the layout stage


def test_layout_text_criterion_number_printed_left_of_the_border_stays_with_its_text():
    """pdftotext -layout moves a row's criterion left, so its number stands left of the header's
    border and its text right of it, a space apart: the number opens the criterion, it is not
    the outcome cell's last word."""
    text = [" Learning outcomes".ljust(35) + "Assessment criteria",
            " 2 Know the site".ljust(35) + "2.1 Name the site's hazards",
            " " * 31 + "2.2 Carry out checks on scaffold tags",
            " " * 31 + "before use",
            " " * 35 + "2.3 Record the checks"]
    rows = [t for t in _layout_rows(text) if t]
    assert rows[1:] == ["2 Know the site\t2.1 Name the site's hazards", "\t2.2 Carry out checks on scaffold tags before use",
                        "\t2.3 Record the checks"]


def test_form_feed_pages_a_fact_label_repeated_at_the_top_of_unit_pages_is_content():
    """Every unit page of plain pdftotext text opens with its heading and a bare ``Level``
    label: repeated at the page edge on every page, it is a fact label, not a running header."""
    from extract.layout.lines import to_lines

    raw, n = [], 0
    for sheet in range(1, 5):
        for k, text in enumerate(["Unit 30%d: Title %s" % (sheet, "ABCD"[sheet - 1]), "Level", str(sheet), "Body line",
                                  "More body", "End of page %s" % "WXYZ"[sheet - 1]]):
            n += 1
            raw.append((None, n, ("\f" if k == 0 and sheet > 1 else "") + text))
    assert not any(l.noise for l in to_lines(raw) if l.text == "Level")


def test_layout_text_running_header_completes_a_wrapped_qualification_title(tmp_path):
    """pdftotext -layout text: the running header the layout stage removes prints the title
    whole; it completes the title the profile wrapped."""
    from extract.pipeline import extract_document

    qn, refs = "603/1234/8", {2: "H/615/8201", 3: "K/615/8202"}  # valid check characters
    pages = []
    for n in range(1, 4):
        body = [" Qualification title: Level 3 Certificate in Supporting Individuals", " with Learning Disabilities",
                f" Qualification number: {qn}",
                " It is for learners who work with individuals in supported living, day services and at home."] if n == 1 else [f" Unit 30{n - 1}: Work in a team", f" Unit reference: {refs[n]}"]
        pages.append("\n".join(["Level 3 Certificate in Supporting Individuals with Learning Disabilities".ljust(80) + f"Page {n}",
                                "", *body, " Learning outcomes".ljust(40) + "Assessment criteria",
                                f" 1 Know the team {n}".ljust(40) + f"1.1 Name the team {n}"]))
    path = tmp_path / "spec.txt"
    path.write_text("\f".join(pages) + "\n", encoding="utf-8")
    doc = extract_document(path)
    assert doc.qualification.title == "Level 3 Certificate in Supporting Individuals with Learning Disabilities"


def test_layout_text_outcome_word_squeezed_onto_the_criterion_number_s_place_stays_with_the_outcome():
    """pdftotext -layout leaves one space between an outcome's wrapped line and the criterion's,
    and the outcome's last word lands where the criterion's number stands on the row's first
    line: a criterion's lines wrap to its text (here exactly, or a character off), never to its
    number, so the word before the wrapped text is the outcome's."""
    header = "Learning outcomes".ljust(30) + "Assessment criteria"
    first = " 2 Understand ways to keep".ljust(30) + "2.1 describe the checks made"  # the number at 30, its text at 34
    for shift in (0, 1):
        squeezed = " records kept safe in a place and".ljust(34 + shift) + "before storing records"
        assert squeezed.index(" and ") == 29 and squeezed.index("before") == 34 + shift  # "and" on the number's place
        text = [header, first, squeezed, " " * (34 + shift) + "on the shared drive"]
        rows = [t for t in _layout_rows(text) if t]
        assert rows[1:] == ["2 Understand ways to keep records kept safe in a place and\t2.1 describe the checks made "
                            "before storing records on the shared drive"], shift
    under_number = " records safe".ljust(30) + "made before storing"  # "made" ends where the text starts
    assert [t for t in _layout_rows([header, first, under_number, " " * 30 + "the records"]) if t][1:] == [
        "2 Understand ways to keep records safe\t2.1 describe the checks made made before storing the records"]


def test_layout_text_header_s_next_line_squeezed_over_the_border_keeps_the_table():
    """The header row's next line, its two cells a word space apart across the border ("...
    unit The learner can:"), names a column in each part: it is the header's, not running text
    that ends the table, so the rows under it keep their columns."""
    header = "Learning outcomes".ljust(32) + "Assessment criteria"
    squeezed = "On completion of this unit The learner can:"
    assert squeezed.index("The") < 32 < len(squeezed)  # the line crosses the border
    text = [header, squeezed, "1 Know the fire safety".ljust(32) + "1.1 Name the exits",
            "rules".ljust(32) + "and the routes"]
    rows = [t for t in _layout_rows(text) if t]
    assert rows[-1] == "1 Know the fire safety rules\t1.1 Name the exits and the routes"


def test_layout_text_criterion_only_row_keeps_the_third_column_where_the_row_before_had_it():
    """A row opened by a criterion alone (its outcome is the row above's) has no third-column
    cell on its first line; where its next line runs a word space into the third column's text,
    the third column's start in the row before cuts it."""
    header = " Learning outcomes".ljust(36) + "Assessment criteria".ljust(50) + "Indicative content"
    first = "lists the safer ways of working, checking "  # 42 characters: the third column's text at 78
    text = [header,
            " 2 Understand how to store".ljust(36) + "2.1 list the types of tools used in".ljust(42) + "• Tools: kinds:",
            " tools for a range of".ljust(36) + "the workshop".ljust(42) + "sizes, weights, uses",
            " tasks".ljust(78) + "• Storage: racks,",
            " " * 36 + "2.2 record which tools are kept in",
            " " * 36 + first + "cases, boxes",
            " " * 36 + "that the work area is kept clear"]
    assert text[5].index("cases") == text[3].index("•")
    rows = [t for t in _layout_rows(text) if t]
    assert rows[-1] == ("\t2.2 record which tools are kept in lists the safer ways of working, checking that the work area "
                        "is kept clear\tcases, boxes")


def test_layout_text_outcome_word_a_space_before_a_shifted_criterion_line_stays_with_the_outcome():
    """A criterion's next line printed a character left of its text, a space after the outcome's
    wrapped line whose last word stands where the criterion's number does: a line is cut where
    another column's text starts, never where a criterion's number starts."""
    first = " LO1 Understand the materials 1.1 Summarise the safety checks on ladders and"
    squeezed = " of the tools and kit in the store scaffolds, with reference to site rules (for"
    assert squeezed.index("store") == first.index("1.1") - 1 and squeezed.index("scaffolds") == first.index("Summarise") + 1
    text = [" Learning outcomes".ljust(40) + "Assessment criteria", " The learner will:".ljust(40) + "The learner can:",
            first, squeezed, " " * 35 + "example, height and load)"]
    rows = [t for t in _layout_rows(text) if t]
    assert rows[-1] == ("LO1 Understand the materials of the tools and kit in the store\t1.1 Summarise the safety checks on "
                        "ladders and scaffolds, with reference to site rules (for example, height and load)")
