"""Producers: a ``Doc`` printed with reportlab, as a Word document (python-docx, converted to PDF
by LibreOffice), or as the text a converter emits (markdown / plain text)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

from .doc import Columns, Contents, Doc, Heading, ListBlock, PageBreak, Para, Spacer, Table

CM = 28.3465  # points per cm
PAGES = {"A4": (595.28, 841.89), "A5": (419.53, 595.28), "letter": (612.0, 792.0)}
HEADING_SIZES = {1: 1.6, 2: 1.25, 3: 1.1, 4: 1.0}


def _cells(cell) -> list[str]:
    if cell is None:
        return []
    return [cell] if isinstance(cell, str) else list(cell)


# --- reportlab ------------------------------------------------------------------------------------

_TTF = {
    "arial": ("LiberationSans", "/usr/share/fonts/truetype/liberation2/LiberationSans-{}.ttf",
              ("Regular", "Bold", "Italic", "BoldItalic")),
    "dejavu": ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans{}.ttf",
               ("", "-Bold", "-Oblique", "-BoldOblique")),
    "serif2": ("LiberationSerif", "/usr/share/fonts/truetype/liberation2/LiberationSerif-{}.ttf",
               ("Regular", "Bold", "Italic", "BoldItalic")),
}


def _fonts(name: str) -> tuple[str, str, str]:
    """(regular, bold, italic) reportlab font names for a style's font choice."""
    if name == "serif":
        return "Times-Roman", "Times-Bold", "Times-Italic"
    if name in _TTF:
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        family, pattern, suffixes = _TTF[name]
        paths = [pattern.format(s) for s in suffixes]
        if all(os.path.exists(p) for p in paths):
            names = [family, family + "-Bold", family + "-Italic", family + "-BoldItalic"]
            if family not in pdfmetrics.getRegisteredFontNames():
                for n, p in zip(names, paths):
                    pdfmetrics.registerFont(TTFont(n, p))
                addMapping(family, 0, 0, names[0])
                addMapping(family, 1, 0, names[1])
                addMapping(family, 0, 1, names[2])
                addMapping(family, 1, 1, names[3])
            return names[0], names[1], names[2]
    return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_reportlab(doc: Doc, target: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (KeepTogether, LayoutError, Paragraph, SimpleDocTemplate)
    from reportlab.platypus import PageBreak as RLBreak
    from reportlab.platypus import Spacer as RLSpacer
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    regular, bold, italic = _fonts(doc.font)
    hregular, hbold, _ = _fonts(doc.heading_font or doc.font)
    size = doc.size
    width, height = PAGES[doc.page]
    margin = doc.margins * CM
    text_width = width - 2 * margin
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.28, spaceAfter=size * 0.5)
    cell = ParagraphStyle("cell", parent=body, spaceAfter=1)
    item = ParagraphStyle("item", parent=body, spaceAfter=size * 0.25)
    headings = {lv: ParagraphStyle(f"h{lv}", parent=body, fontName=hbold, fontSize=size * k, leading=size * k * 1.25,
                                   spaceBefore=size * 0.6, spaceAfter=size * 0.5, keepWithNext=1)
                for lv, k in HEADING_SIZES.items()}

    def para(text, style, boldit=False):
        t = _esc(text)
        return Paragraph(f"<b>{t}</b>" if boldit else t, style)

    def table(block: Table, with_spans=True):
        st = cell if block.size is None else ParagraphStyle("c2", parent=cell, fontSize=block.size,
                                                             leading=block.size * 1.25)
        stb = ParagraphStyle("cb2", parent=st, fontName=bold)
        data = []
        for r, row in enumerate(block.rows):
            out = []
            for c, value in enumerate(row):
                strong = (r < block.header_rows and block.bold_header) or (c == 0 and block.bold_first_col)
                out.append([para(p, stb if strong else st) for p in _cells(value)] or "")
            data.append(out)
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
        if block.shade_header and block.header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, block.header_rows - 1), colors.Color(0.85, 0.89, 0.95)))
        if block.rules == "grid":
            commands.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
        elif block.rules == "box":
            commands += [("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                         ("LINEBELOW", (0, block.header_rows - 1), (-1, block.header_rows - 1), 0.8, colors.black)]
        elif block.rules == "lines":
            if block.header_rows:
                commands.append(("LINEBELOW", (0, block.header_rows - 1), (-1, block.header_rows - 1), 0.8, colors.black))
            commands += [("LINEBELOW", (0, r), (-1, r), 0.4, colors.grey) for r in block.rule_rows]
        if with_spans:
            commands += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in block.spans if r1 > r0 or c1 > c0]
        t = RLTable(data, colWidths=[w * text_width for w in block.widths],
                    repeatRows=block.header_rows if block.repeat_header else 0, splitInRow=0)
        t.setStyle(TableStyle(commands))
        return t

    def leaders(text: str, page: int) -> str:
        room = text_width - stringWidth(text + f" {page}", regular, size) - 6
        dots = max(3, int(room / stringWidth(" .", regular, size)))
        return f"{text} {' .' * dots} {page}" if room > 0 else f"{text} ... {page}"

    def story(with_spans=True):
        out = []
        for block in doc.blocks:
            if isinstance(block, Heading):
                if block.page_break:
                    out.append(RLBreak())
                out.append(para(block.text, headings.get(block.level, headings[4])))
            elif isinstance(block, Para):
                style = body if block.size is None else ParagraphStyle("p", parent=body, fontSize=block.size,
                                                                       leading=block.size * 1.28)
                if block.indent:
                    style = ParagraphStyle("pi", parent=style, leftIndent=block.indent * CM)
                if block.align == "center":
                    style = ParagraphStyle("pc", parent=style, alignment=1)
                t = _esc(block.text)
                if block.bold:
                    t = f"<b>{t}</b>"
                if block.italic:
                    t = f"<i>{t}</i>"
                if block.label:
                    t = f"<b>{_esc(block.label)}</b> {t}"
                out.append(Paragraph(t, style))
            elif isinstance(block, ListBlock):
                ind = block.indent * CM
                style = ParagraphStyle("li", parent=item, leftIndent=ind + 14, firstLineIndent=-14 if block.marker else 0)
                for i, text in enumerate(block.items, start=1):
                    marker = f"{i}." if block.marker == "1." else block.marker
                    t = f"{_esc(marker)}&nbsp;&nbsp;{_esc(text)}" if marker else _esc(text)
                    out.append(Paragraph(t, style if marker else ParagraphStyle("li0", parent=item, leftIndent=ind)))
            elif isinstance(block, Table):
                out.append(table(block, with_spans))
                out.append(RLSpacer(1, size * 0.8))
            elif isinstance(block, PageBreak):
                out.append(RLBreak())
            elif isinstance(block, Spacer):
                out.append(RLSpacer(1, block.height * CM))
            elif isinstance(block, Contents):
                out.append(para(block.title, headings[1]))
                out += [Paragraph(_esc(leaders(t, p)), body) for t, p in block.entries]
            elif isinstance(block, Columns):
                if block.heading:
                    out.append(para(block.heading, headings[2]))
                half = (len(block.paragraphs) + 1) // 2
                cols = [[Paragraph(_esc(p), body) for p in block.paragraphs[:half]],
                        [Paragraph(_esc(p), body) for p in block.paragraphs[half:]]]
                t = RLTable([cols], colWidths=[text_width / 2] * 2)
                t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
                out.append(KeepTogether([t]))
        return out

    def decorate(canvas, d):
        canvas.saveState()
        canvas.setFont(regular, max(7, size - 2))
        if doc.header and d.page > 1:
            y = height - margin * 0.55
            if doc.header_align == "right":
                canvas.drawRightString(width - margin, y, doc.header)
            elif doc.header_align == "center":
                canvas.drawCentredString(width / 2, y, doc.header)
            else:
                canvas.drawString(margin, y, doc.header)
        y = margin * 0.5
        if doc.footer:
            text = doc.footer.replace("{page}", str(d.page))
            if doc.footer_align == "center":
                canvas.drawCentredString(width / 2, y, text)
            else:
                canvas.drawString(margin, y, text)
        if doc.page_label:
            canvas.drawRightString(width - margin, y, doc.page_label.replace("{page}", str(d.page)))
        canvas.restoreState()

    for with_spans in (True, False):
        pdf = SimpleDocTemplate(str(target), pagesize=(width, height), leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=doc.title, author="specimens",
                                invariant=1)
        try:
            pdf.build(story(with_spans), onFirstPage=decorate, onLaterPages=decorate)
            return
        except LayoutError:
            if not with_spans:
                raise


# --- Word (python-docx) ---------------------------------------------------------------------------

DOCX_FONTS = {"sans": "Liberation Sans", "arial": "Arial", "serif": "Liberation Serif", "dejavu": "DejaVu Sans",
              "serif2": "Times New Roman"}


def _border(cell, **edges) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    for edge, val in edges.items():
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        el.set(qn("w:sz"), "6")
        el.set(qn("w:color"), "000000")
        borders.append(el)


def _field(paragraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def _page_text(paragraph, template: str) -> None:
    before, _, after = template.partition("{page}")
    paragraph.add_run(before)
    if _:
        _field(paragraph, "PAGE")
        paragraph.add_run(after)


def render_docx(doc: Doc, target: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = DOCX_FONTS.get(doc.font, "Liberation Sans")
    normal.font.size = Pt(doc.size)
    normal.paragraph_format.space_after = Pt(doc.size * 0.4)
    sec = d.sections[0]
    w, h = PAGES[doc.page]
    sec.page_width, sec.page_height = Pt(w), Pt(h)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(doc.margins))
    sec.header_distance = Cm(doc.margins * 0.4)
    sec.footer_distance = Cm(doc.margins * 0.4)
    text_width_cm = w / CM - 2 * doc.margins
    sec.different_first_page_header_footer = True
    if doc.header:
        hp = sec.header.paragraphs[0]
        hp.text = doc.header
        hp.alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}.get(
            doc.header_align, WD_ALIGN_PARAGRAPH.LEFT)
    for footer in (sec.footer, sec.first_page_footer):
        fp = footer.paragraphs[0]
        text = (doc.footer or "")
        if doc.page_label:
            text = f"{text}\t\t{doc.page_label}" if text else f"\t\t{doc.page_label}"
        _page_text(fp, text)
        fp.paragraph_format.tab_stops.add_tab_stop(Cm(text_width_cm), WD_TAB_ALIGNMENT.RIGHT)

    def add_para(text="", bold=False, size=None, label=None, indent=0.0, italic=False, align="left"):
        p = d.add_paragraph()
        if label:
            p.add_run(label + " ").bold = True
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        if indent:
            p.paragraph_format.left_indent = Cm(indent)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    for block in doc.blocks:
        if isinstance(block, PageBreak):
            d.add_page_break()
        elif isinstance(block, Heading):
            p = add_para(block.text, bold=True, size=doc.size * HEADING_SIZES.get(block.level, 1.0))
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(doc.size * 0.6)
            if block.page_break:
                p.paragraph_format.page_break_before = True
            if doc.heading_font:
                p.runs[-1].font.name = DOCX_FONTS.get(doc.heading_font)
        elif isinstance(block, Para):
            add_para(block.text, bold=block.bold, size=block.size, label=block.label, indent=block.indent,
                     italic=block.italic, align=block.align)
        elif isinstance(block, ListBlock):
            for i, text in enumerate(block.items, start=1):
                marker = f"{i}." if block.marker == "1." else block.marker
                p = add_para(f"{marker}\t{text}" if marker else text)
                p.paragraph_format.left_indent = Cm(block.indent + 0.6)
                p.paragraph_format.first_line_indent = Cm(-0.6) if marker else None
                p.paragraph_format.space_after = Pt(2)
                p.paragraph_format.tab_stops.add_tab_stop(Cm(block.indent + 0.6))
        elif isinstance(block, Spacer):
            add_para("")
        elif isinstance(block, Contents):
            add_para(block.title, bold=True, size=doc.size * 1.4)
            for text, page in block.entries:
                p = add_para(f"{text}\t{page}")
                p.paragraph_format.tab_stops.add_tab_stop(Cm(text_width_cm), WD_TAB_ALIGNMENT.RIGHT,
                                                          WD_TAB_LEADER.DOTS)
        elif isinstance(block, Columns):
            if block.heading:
                add_para(block.heading, bold=True, size=doc.size * 1.25)
            half = (len(block.paragraphs) + 1) // 2
            t = d.add_table(rows=1, cols=2)
            for c in range(2):
                t.columns[c].width = Cm(text_width_cm / 2)
            for c, paras in enumerate((block.paragraphs[:half], block.paragraphs[half:])):
                cell = t.cell(0, c)
                cell.width = Cm(text_width_cm / 2)
                cell.text = paras[0] if paras else ""
                for extra in paras[1:]:
                    cell.add_paragraph(extra)
        elif isinstance(block, Table):
            ncols = len(block.widths)
            t = d.add_table(rows=len(block.rows), cols=ncols)
            t.alignment = WD_TABLE_ALIGNMENT.LEFT
            t.autofit = False
            if block.rules == "grid":
                t.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c in range(ncols):
                    value = row[c] if c < len(row) else ""
                    cell = t.cell(r, c)
                    cell.width = Cm(block.widths[c] * text_width_cm)
                    paras = _cells(value)
                    cell.text = paras[0] if paras else ""
                    for extra in paras[1:]:
                        cell.add_paragraph(extra)
                    strong = (r < block.header_rows and block.bold_header) or (c == 0 and block.bold_first_col)
                    for p in cell.paragraphs:
                        p.paragraph_format.space_after = Pt(2)
                        for run in p.runs:
                            run.bold = strong
                            if block.size:
                                run.font.size = Pt(block.size)
                    if block.shade_header and r < block.header_rows:
                        shd = OxmlElement("w:shd")
                        shd.set(qn("w:val"), "clear")
                        shd.set(qn("w:fill"), "D9E2F3")
                        cell._tc.get_or_add_tcPr().append(shd)
                    if block.rules == "lines" and (r in block.rule_rows or r == block.header_rows - 1):
                        _border(cell, bottom="single")
                    elif block.rules == "box" and r == block.header_rows - 1:
                        _border(cell, bottom="single")
            for c in range(ncols):
                t.columns[c].width = Cm(block.widths[c] * text_width_cm)
            for c0, r0, c1, r1 in block.spans:
                if r1 > r0 or c1 > c0:
                    t.cell(r0, c0).merge(t.cell(r1, c1))
            if block.repeat_header:
                for r in range(block.header_rows):
                    tr_pr = t.rows[r]._tr.get_or_add_trPr()
                    el = OxmlElement("w:tblHeader")
                    el.set(qn("w:val"), "true")
                    tr_pr.append(el)
            if block.rules == "box":
                tbl_pr = t._tbl.tblPr
                borders = OxmlElement("w:tblBorders")
                for edge in ("top", "left", "bottom", "right"):
                    el = OxmlElement(f"w:{edge}")
                    el.set(qn("w:val"), "single")
                    el.set(qn("w:sz"), "8")
                    borders.append(el)
                tbl_pr.append(borders)
            add_para("")
    d.core_properties.author = "specimens"
    d.save(str(target))


def soffice_to_pdf(docx_files: list[Path], outdir: Path) -> None:
    """Convert Word files to PDF with one LibreOffice process (its own profile, so it never
    talks to another user's running instance)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is missing: apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="specimens-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(outdir), *map(str, docx_files)],
                       check=True, capture_output=True, timeout=600)


# --- converter text -------------------------------------------------------------------------------

def render_markdown(doc: Doc, *, br: str = "<br>", page_rule: bool = True, bold_labels: bool = True) -> str:
    """Markdown as a PDF/Word converter emits it: headings with #, pipe tables, lists."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.page_break and page_rule:
                out.append("---\n")
            out.append("#" * min(6, block.level + 1) + " " + block.text + "\n")
        elif isinstance(block, Para):
            text = block.text
            if block.bold:
                text = f"**{text}**"
            if block.label:
                text = (f"**{block.label}** " if bold_labels else block.label + " ") + text
            out.append(text + "\n")
        elif isinstance(block, ListBlock):
            for i, text in enumerate(block.items, start=1):
                marker = f"{i}." if block.marker == "1." else ("-" if block.marker else "")
                out.append(f"{marker} {text}".strip())
            out.append("")
        elif isinstance(block, Table):
            ncols = len(block.widths)
            rows = [[br.join(_cells(row[c] if c < len(row) else "")) for c in range(ncols)] for row in block.rows]
            if not block.header_rows:
                rows.insert(0, [""] * ncols)
            head, body = rows[0], rows[1:]
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "|".join(" --- " for _ in head) + "|")
            out += ["| " + " | ".join(r) + " |" for r in body]
            out.append("")
        elif isinstance(block, PageBreak):
            if page_rule:
                out.append("---\n")
        elif isinstance(block, Contents):
            out.append(f"## {block.title}\n")
            out += [f"- {t} {p}" for t, p in block.entries]
            out.append("")
        elif isinstance(block, Columns):
            if block.heading:
                out.append(f"## {block.heading}\n")
            out += [p + "\n" for p in block.paragraphs]
    return "\n".join(out).rstrip() + "\n"


def render_plain(doc: Doc, *, wrap: int = 0, tabs: bool = True) -> str:
    """Plain text: headings as lines, tables as tab-separated rows, optional hard wrapping."""
    out: list[str] = []

    def emit(text: str, indent: str = "", hang: str = ""):
        if wrap:
            out.extend(textwrap.wrap(text, wrap, initial_indent=indent, subsequent_indent=hang or indent,
                                     break_on_hyphens=False) or [""])
        else:
            out.append(indent + text)

    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["", block.text, ""]
        elif isinstance(block, Para):
            emit(f"{block.label} {block.text}" if block.label else block.text)
            out.append("")
        elif isinstance(block, ListBlock):
            for i, text in enumerate(block.items, start=1):
                marker = f"{i}." if block.marker == "1." else block.marker
                emit(f"{marker} {text}".strip(), "  ", "     ")
            out.append("")
        elif isinstance(block, Table):
            ncols = len(block.widths)
            for row in block.rows:
                cells = [" ".join(_cells(row[c] if c < len(row) else "")) for c in range(ncols)]
                out.append(("\t" if tabs else "   ").join(cells).rstrip())
            out.append("")
        elif isinstance(block, PageBreak):
            out += ["", ""]
        elif isinstance(block, Contents):
            out += [block.title, ""] + [f"{t} {'.' * max(3, 70 - len(t))} {p}" for t, p in block.entries] + [""]
        elif isinstance(block, Columns):
            if block.heading:
                out += [block.heading, ""]
            for p in block.paragraphs:
                emit(p)
                out.append("")
    return "\n".join(out).strip() + "\n"
