"""Render a specimen set: per seed, N documents per house style, each with its truth and the
selected variants.

    DIR/index.json                      documents, styles, variants, input paths
    DIR/<doc>/truth.json                the expected output (by construction)
    DIR/<doc>/layout.json               the layout choices the seed made
    DIR/<doc>/<doc>--pdf.pdf            text-layer PDF (reportlab or Word -> LibreOffice)
    DIR/<doc>/<doc>--layout.txt         pdftotext -layout
    DIR/<doc>/<doc>--text.txt           pdftotext
    DIR/<doc>/<doc>--md.txt             converter text (markdown / plain), styles that have one
    DIR/<doc>/<doc>--ocr.txt            tesseract text of the pages rasterised at 200 dpi
    DIR/<doc>/<doc>--scan.pdf           image-only PDF: grey or bilevel, 150-300 dpi, skew, noise
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import content
from .producers import render_docx, render_markdown, render_plain, render_reportlab, soffice_to_pdf
from .styles import STYLES

ALL_VARIANTS = ("pdf", "layout", "text", "md", "ocr", "scan")
SLOW_VARIANTS = ("ocr", "scan")


def doc_id(seed: int, style: str, index: int) -> str:
    return f"s{seed}-{style}-{index}"


def build(seed: int, style_name: str, index: int):
    """(spec, layout, doc, truth) of one document: deterministic in (seed, style, index)."""
    style = STYLES[style_name]
    content_seed = random.Random(f"content:{seed}:{style_name}:{index}").randrange(2**31)
    spec = content.generate(content_seed)
    rng = random.Random(f"layout:{seed}:{style_name}:{index}")
    lay = style.choose(rng)
    style.prepare(spec, lay, rng)
    doc = style.build(spec, lay, rng)
    truth = content.truth(spec)
    truth["style"] = style_name
    truth["seed"] = seed
    return spec, lay, doc, truth


def text_form(style_name: str, doc, lay: dict) -> str | None:
    """The converter text of a style that has one (markdown or plain)."""
    form = STYLES[style_name].TEXT
    if form == "markdown":
        return render_markdown(doc)
    if form == "plain":
        return render_plain(doc, wrap=lay.get("wrap", 0))
    return None


def full_text(doc) -> str:
    """Every text of the document as plain text (what a reader of any variant could see)."""
    return render_plain(doc)


def _need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise SystemExit(f"{tool} is missing: apt-get install -y {package} (or: make accuracy-deps)")
    return path


def pdftotext(pdf: Path, target: Path, layout: bool) -> None:
    cmd = [_need("pdftotext", "poppler-utils")] + (["-layout"] if layout else []) + [str(pdf), str(target)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def _raster(pdf: Path, dpi: int, tmp: Path, gray: bool = True) -> list[Path]:
    cmd = [_need("pdftoppm", "poppler-utils"), "-r", str(dpi), "-gray" if gray else "-mono", "-png", str(pdf),
           str(tmp / "p")]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    return sorted(tmp.glob("p*.png"))


def ocr(pdf: Path, target: Path, jobs: int = 2) -> None:
    tess = _need("tesseract", "tesseract-ocr tesseract-ocr-eng")
    with tempfile.TemporaryDirectory(prefix="specimens-ocr-") as tmp:
        pages = _raster(pdf, 200, Path(tmp))

        def one(page: Path) -> str:
            r = subprocess.run([tess, str(page), "-", "--psm", "3"], capture_output=True, text=True, timeout=300,
                               env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
            return r.stdout

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            texts = list(pool.map(one, pages))
    target.write_text("".join(t if t.endswith("\f") else t + "\f" for t in texts), encoding="utf-8")


def scan(pdf: Path, target: Path, rng: random.Random) -> dict:
    """An image-only copy: each page rasterised, skewed (<= 1 degree), noised, grey or bilevel."""
    import numpy as np
    from PIL import Image, ImageFilter

    dpi = rng.choice([150, 200, 200, 300])
    bilevel = rng.random() < 0.35
    nrng = np.random.default_rng(rng.randrange(2**32))
    images = []
    with tempfile.TemporaryDirectory(prefix="specimens-scan-") as tmp:
        for page in _raster(pdf, dpi, Path(tmp)):
            img = Image.open(page).convert("L")
            angle = rng.uniform(-1.0, 1.0)
            img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            a = np.asarray(img).astype(np.int16)
            a = a + nrng.normal(0, 9, a.shape).astype(np.int16)
            specks = nrng.random(a.shape)
            a[specks < 0.0005] = 0
            a[specks > 0.9995] = 255
            img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))
            if bilevel:
                img = img.point(lambda v: 255 if v > 150 else 0).convert("1")
            images.append(img)
    images[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return {"dpi": dpi, "bilevel": bilevel}


def render(seed: int, out: Path, styles: list[str] | None = None, variants: list[str] | None = None,
           per_style: int = 2, slow_per_style: int = 1, jobs: int = 2, log=print) -> dict:
    """Render the set; returns the index (also written to ``out/index.json``)."""
    styles = styles or list(STYLES)
    variants = [v for v in (variants or ALL_VARIANTS)]
    unknown = [v for v in variants if v not in ALL_VARIANTS] + [s for s in styles if s not in STYLES]
    if unknown:
        raise SystemExit(f"unknown variant/style: {', '.join(unknown)} (variants: {', '.join(ALL_VARIANTS)}; "
                         f"styles: {', '.join(STYLES)})")
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    docs = []
    docx_jobs: list[tuple[Path, Path]] = []
    for style_name in styles:
        for index in range(per_style):
            did = doc_id(seed, style_name, index)
            ddir = out / did
            if ddir.exists():
                shutil.rmtree(ddir)
            ddir.mkdir(parents=True)
            spec, lay, doc, truth = build(seed, style_name, index)
            (ddir / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            (ddir / "layout.json").write_text(json.dumps(lay, indent=1, ensure_ascii=False, default=str) + "\n",
                                              encoding="utf-8")
            entry = {"id": did, "style": style_name, "index": index, "dir": did, "inputs": {}}
            want_pdf = any(v in variants for v in ("pdf", "layout", "text", "ocr", "scan"))
            pdf = ddir / f"{did}--pdf.pdf"
            if want_pdf:
                if STYLES[style_name].PRODUCER == "docx":
                    docx = ddir / f"{did}.docx"
                    render_docx(doc, docx)
                    docx_jobs.append((docx, pdf))
                else:
                    render_reportlab(doc, pdf)
            if "md" in variants:
                text = text_form(style_name, doc, lay)
                if text is not None:
                    (ddir / f"{did}--md.txt").write_text(text, encoding="utf-8")
                    entry["inputs"]["md"] = f"{did}/{did}--md.txt"
            entry["_pdf"] = pdf
            docs.append(entry)
    if docx_jobs:
        with tempfile.TemporaryDirectory(prefix="specimens-docx-") as tmp:
            soffice_to_pdf([d for d, _ in docx_jobs], Path(tmp))
            for docx, pdf in docx_jobs:
                shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), pdf)
                docx.unlink()
    log(f"rendered {len(docs)} documents in {time.time() - t0:.1f}s")
    for entry in docs:
        pdf: Path = entry.pop("_pdf")
        did = entry["id"]
        ddir = out / did
        slow = entry["index"] < slow_per_style
        if not pdf.exists():
            continue
        if "layout" in variants:
            pdftotext(pdf, ddir / f"{did}--layout.txt", layout=True)
            entry["inputs"]["layout"] = f"{did}/{did}--layout.txt"
        if "text" in variants:
            pdftotext(pdf, ddir / f"{did}--text.txt", layout=False)
            entry["inputs"]["text"] = f"{did}/{did}--text.txt"
        if "ocr" in variants and slow:
            ocr(pdf, ddir / f"{did}--ocr.txt", jobs=jobs)
            entry["inputs"]["ocr"] = f"{did}/{did}--ocr.txt"
        if "scan" in variants and slow:
            entry["scan"] = scan(pdf, ddir / f"{did}--scan.pdf", random.Random(f"scan:{did}"))
            entry["inputs"]["scan"] = f"{did}/{did}--scan.pdf"
        if "pdf" in variants:
            entry["inputs"]["pdf"] = f"{did}/{did}--pdf.pdf"
        else:
            pdf.unlink()
        entry["inputs"] = {v: entry["inputs"][v] for v in ALL_VARIANTS if v in entry["inputs"]}
    index = {"format": "specimens/1", "seed": seed, "styles": styles, "variants": variants, "documents": docs}
    (out / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    log(f"variants done in {time.time() - t0:.1f}s: {sum(len(d['inputs']) for d in docs)} inputs in {out}")
    return index
