"""HTML of the review reports (``review.py`` gathers the data). Every text from a document is
escaped; nothing refers to a network resource; the lists and SVG boxes read without JavaScript,
the small inline script only adds click-to-highlight and applies ``#id`` fragments on load."""

from __future__ import annotations

from html import escape

COLOURS = {"unit": "#1f6feb", "lo": "#8250df", "ac": "#1a7f37", "warning": "#d29922", "gap": "#cf222e"}
NAMES = {"unit": "unit", "lo": "outcome", "ac": "criterion", "warning": "warning", "gap": "criterion not extracted"}

CSS = """body{font:14px sans-serif;margin:0}header{padding:8px 16px;background:#f6f8fa}
.wrap{display:flex;gap:16px;padding:8px}.src{flex:1 1 60%;min-width:0}.vals{flex:1 1 40%;max-height:95vh;overflow:auto;position:sticky;top:0}
.page{position:relative;margin-bottom:12px;border:1px solid #ccc}.page img,.page svg{display:block;width:100%}
.page svg{position:absolute;left:0;top:0;height:100%}rect{fill-opacity:.12;stroke-width:1}
rect.flag{stroke:#cf222e!important;stroke-width:2;fill:#cf222e}rect.hl,li.hl,.line.hl{outline:3px solid #fb8500;fill-opacity:.4}
li{margin:2px 0}li.flag{background:#fff1e5}li.gap{background:#ffebe9}.kind{font-size:11px;color:#555}
.line{white-space:pre-wrap;font:12px monospace}.line .n{color:#888;display:inline-block;width:5em}
.k-unit{background:#ddf4ff}.k-lo{background:#fbefff}.k-ac{background:#dafbe1}.k-warning{background:#fff8c5}.k-gap{background:#ffcecb}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"""

JS = """function hl(id){document.querySelectorAll('.hl').forEach(function(e){e.classList.remove('hl')});
var v=document.getElementById(id);if(!v)return;v.classList.add('hl');
var b=document.getElementById(v.getAttribute('data-box'));if(b){b.classList.add('hl');b.scrollIntoView({block:'center'});}}
document.addEventListener('click',function(e){var t=e.target.closest('[data-ref]');if(t){hl(t.getAttribute('data-ref'));
var v=document.getElementById(t.getAttribute('data-ref'));if(v&&t!==v)v.scrollIntoView({block:'nearest'});}});
function fromHash(){if(location.hash)hl(decodeURIComponent(location.hash.slice(1)));}
window.addEventListener("hashchange",fromHash);window.addEventListener("load",fromHash);"""


def _e(text) -> str:
    return escape("" if text is None else str(text), quote=True)


def _page(page: dict, by_line: dict) -> str:
    """One rendered page with an SVG rect per located value (viewBox in PDF points)."""
    w, h, n = page["width"], page["height"], page["number"]
    rects = []
    for it in by_line.get(n, []):
        box = page["boxes"].get(it["line"])
        if box is None:
            continue
        x0, y0, x1, y1 = box
        cls = f"k-{it['kind']}" + (" flag" if it["flag"] else "")
        rects.append(f'<rect id="box-{it["id"]}" class="{cls}" data-ref="{it["id"]}" data-kind="{it["kind"]}" '
                     f'data-page="{n}" data-line="{it["line"]}" x="{x0 - 1:.1f}" y="{y0 - 1:.1f}" '
                     f'width="{x1 - x0 + 2:.1f}" height="{y1 - y0 + 2:.1f}" stroke="{COLOURS[it["kind"]]}" '
                     f'fill="{COLOURS[it["kind"]]}"><title>{_e(NAMES[it["kind"]])} {_e(it["number"])}</title></rect>')
    note = f'<p class="note">{_e(page["note"])}</p>' if page.get("note") else ""
    return (f'<div class="page" id="page-{n}">{note}<img alt="page {n}" src="data:image/png;base64,{page["png"]}">'
            f'<svg viewBox="0 0 {w:.1f} {h:.1f}" preserveAspectRatio="none">{"".join(rects)}</svg></div>')


def _lines(lines: list[str], items: list[dict]) -> str:
    """Numbered, escaped source lines, each marked with the kinds of value read from it."""
    kinds: dict[int, list[dict]] = {}
    for it in items:
        kinds.setdefault(it["line"], []).append(it)
    out = []
    for k, text in enumerate(lines, start=1):
        its = kinds.get(k, [])
        cls = " ".join(f"k-{it['kind']}" for it in its[:1])
        ref = f' data-ref="{its[0]["id"]}" data-kind="{its[0]["kind"]}"' if its else ""
        out.append(f'<div class="line {cls}" id="L{k}"{ref}><span class="n">{k}</span>{_e(text)}</div>')
    return "".join(out)


def _value(it: dict, pdf: bool) -> str:
    box = f"box-{it['id']}" if pdf else f"L{it['line']}"
    where = f"p.{it['page']} l.{it['line']}" if it["page"] else f"line {it['line']}"
    cls = (" flag" if it["flag"] else "") + (" gap" if it["kind"] == "gap" else "")
    flag = f' <b title="warnings">&#9888; {_e(", ".join(it["flag"]))}</b>' if it["flag"] else ""
    return (f'<li id="{it["id"]}" class="v-{it["kind"]}{cls}" data-ref="{it["id"]}" data-kind="{it["kind"]}" '
            f'data-number="{_e(it["number"])}" data-page="{it["page"] or ""}" data-line="{it["line"]}" data-box="{box}">'
            f'<a href="#{box}" class="kind">{_e(NAMES[it["kind"]])} {_e(it["number"])} ({where})</a> '
            f'{_e(it["text"])}{flag}</li>')


def document_html(doc: dict, items: list[dict], pages=None, lines=None, note=None) -> str:
    """The report of one document: source (pages or lines) beside the values in order."""
    q = doc.get("qualification") or {}
    title = q.get("title") or (doc.get("source") or {}).get("path") or "document"
    if pages is not None:
        by_line: dict = {}
        for it in items:
            by_line.setdefault(it["page"], []).append(it)
        src = "".join(_page(p, by_line) for p in pages)
    elif lines is not None:
        src = _lines(lines, items)
    else:
        src = f"<p>{_e(note)}</p>"
    legend = " ".join(f'<span class="k-{k}">{_e(v)}</span>' for k, v in NAMES.items())
    vals = "".join(_value(it, pages is not None) for it in items)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f'<style>{CSS}</style></head><body><header><a href="index.html">index</a> &middot; '
            f'<b>{_e(title)}</b> &middot; {_e((doc.get("source") or {}).get("path"))}<br>{legend}</header>'
            f'<div class="wrap"><div class="src">{src}</div><div class="vals"><ul>{vals}</ul></div></div>'
            f'<script>{JS}</script></body></html>')


def index_html(rows: list[dict], conflicts, duplicates) -> str:
    """Every document with its quality figures and a link to its report; catalogue counts."""
    body = []
    for r in rows:
        q = r["doc"].get("quality") or {}
        cov = q.get("criterion_coverage")
        name = _e(r["stem"])
        link = f'<a href="{name}.html">{name}</a>' if r["report"] else name
        codes = ", ".join(f"{_e(c)}: {n}" for c, n in sorted(r["codes"].items()))
        body.append(f'<tr><td>{link}</td><td>{_e((r["doc"].get("qualification") or {}).get("title"))}</td>'
                    f'<td>{q.get("units", len(r["doc"].get("units", [])))}</td><td>{q.get("learning_outcomes", "")}</td>'
                    f'<td>{q.get("assessment_criteria", "")}</td><td>{"" if cov is None else f"{cov:.0%}"}</td>'
                    f'<td>{codes}</td></tr>')
    cat = (f'<p>Catalogue: conflicts {"n/a" if conflicts is None else conflicts}, '
           f'possible duplicates {"n/a" if duplicates is None else duplicates}</p>')
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>specx review</title>'
            f'<style>{CSS}</style></head><body><header><b>specx review</b></header>{cat}<table>'
            f'<tr><th>document</th><th>qualification</th><th>units</th><th>LOs</th><th>ACs</th>'
            f'<th>criterion coverage</th><th>warnings</th></tr>{"".join(body)}</table></body></html>')
