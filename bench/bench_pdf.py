"""PDF ingestion benchmark (``make bench``): specx against raw text extraction, in one run.

Generates a corpus of text-layer specification PDFs (City & Guilds-style pages, and NCFE-style
A5 pages with ruled and unruled LO | AC tables; at least ``MIN_PAGES`` pages), then times over
the same files:

* raw PyMuPDF ``page.get_text()`` (the baseline: text extraction alone, no layout), in this
  process and as a fresh process (start-up and import included, like for like with ``specx run``);
* the PyMuPDF calls specx makes (words with boxes + drawings) and specx's start-up and imports
  alone: together, the floor under specx's end-to-end time;
* pdfplumber ``page.extract_text()`` (on every ``PLUMBER_SAMPLE``-th PDF, scaled by pages);
* ``specx run --jobs 1`` and ``specx run`` with default options (``--jobs`` chosen by the amount
  of work, ``executors.auto_jobs``), end to end as a user runs it: process start, PDF layout,
  parsing, validation, JSON written, plus whatever else the run does (manifest, change report,
  catalogue);
* the small-input rule: ``specx run`` with default options against ``--jobs 1`` on the five
  ``raw/`` files and on six small PDFs (the default must not be slower);
* the ingestion alone (``pipeline.run_one`` per file): in this process with the imports paid,
  as the baseline is timed, and in a fresh process, 1 and N processes;

and OCR pages/second on the committed scanned fixture: in this process, and end to end with
``specx run --executor dask --jobs 2`` (a 2-worker ``LocalCluster``, start-up included) over
``OCR_COPIES`` copies of it. Every timing but pdfplumber's is the fastest of ``REPEATS`` (the
machine is shared; the minimum is the least disturbed run). CPU seconds of the baseline and of
the default run are printed too: on a shared machine they move far less than wall time. Peak
memory is the largest resident set of the specx processes (``getrusage(RUSAGE_CHILDREN)``).
Targets (issues 3 and 12): ``specx run`` with default options <= 3x raw PyMuPDF over >= 1,000
pages; the default not slower than ``--jobs 1`` on small inputs (within ``SMALL_TOLERANCE``: the
two are timed in turn, as separate runs on a shared machine); specx faster than pdfplumber; peak
memory < 500 MB. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import os
import random
import shutil
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from make_fixtures import build_city_guilds, build_ncfe  # noqa: E402
from spec_data import qual_number, ref, unit  # noqa: E402

MIN_PAGES = 1000
MAX_RATIO_TO_PYMUPDF = 3.0
MAX_PEAK_MB = 500
PLUMBER_SAMPLE = 5  # pdfplumber times every 5th PDF, scaled to the corpus's pages
SMALL_PDFS = 6  # the small-input rule's PDFs: the corpus's first six
SMALL_TOLERANCE = 1.10  # default vs --jobs 1 on small inputs: the same work, timed apart on a shared machine
OCR_COPIES = 4  # copies of the 4-page scanned fixture for the LocalCluster OCR figure
SCANNED = ROOT / "tests" / "fixtures" / "proqual_retail_scanned.pdf"

VERBS = ["Explain", "Describe", "Identify", "Evaluate", "Outline", "Analyse", "Compare", "Summarise", "Review", "Plan"]
WORDS = ("the purpose of customer records and how they are kept secure in line with organisational policies "
         "procedures legislation stock deliveries team members feedback quality standards health safety risks "
         "resources budgets communication methods suppliers products services complaints performance targets").split()


def _sentence(rng: random.Random, verb: str, n: int) -> str:
    return f"{verb} " + " ".join(rng.choice(WORDS) for _ in range(n))


def synthetic_spec(seed: int, style: str, units: int) -> dict:
    """A specification shaped like ``spec_data``'s, with generated units and outcomes."""
    rng = random.Random(seed)
    made = {}
    for k in range(1, units + 1):
        outcomes = [(_sentence(rng, rng.choice(["Understand", "Be able to plan", "Know"]), rng.randint(4, 9)),
                     [_sentence(rng, rng.choice(VERBS), rng.randint(5, 16)) for _ in range(rng.randint(3, 7))])
                    for _ in range(rng.randint(2, 4))]
        number = f"{200 + k}" if style == "cg" else f"{k:02d}"
        made[number] = unit(f"Unit title {seed} {k}", 2, rng.randint(2, 9), outcomes, number=number,
                            glh=rng.randint(10, 60), nos=f"W{k}", reference=ref(f"{600 + seed:03d}", f"{1000 + k:04d}"))
    keys = list(made)
    groups = [{"name": "Mandatory Units - Core" if style == "cg" else "Group A mandatory units", "mandatory": True,
               "min_credits": 10, "max_credits": None, "units": keys[: units // 2]},
              {"name": "Optional Units - Options" if style == "cg" else "Group B optional units", "mandatory": False,
               "min_credits": None, "max_credits": None, "units": keys[units // 2 :]}]
    title = f"Level 2 Certificate in Benchmark Studies {seed}"
    serial = next(n for n in range(2231 + 7 * seed, 9999) if _valid_number("600", f"{n:04d}"))
    return {"name": f"bench_{style}_{seed}", "awarding_body": "NCFE", "title": title, "printed_title": title,
            "product": "4412", "number": qual_number("600", f"{serial:04d}"), "level": 2, "tqt": 100, "glh": 80,
            "min_credits": 20, "running_header": f"Benchmark specification {seed}", "groups": groups,
            "rules": ["a minimum of 10 credits from Group A"], "units": made}


def _valid_number(block: str, serial: str) -> bool:
    try:
        qual_number(block, serial)
        return True
    except AssertionError:
        return False


def build_corpus(folder: Path) -> int:
    """Write documents until the corpus has at least MIN_PAGES pages; returns the page count."""
    import pymupdf

    pages, seed = 0, 1
    while pages < MIN_PAGES:
        style = ("cg", "ncfe", "ncfe_ruled")[seed % 3]
        spec = synthetic_spec(seed, style.split("_")[0], units=12)
        target = folder / f"{spec['name']}.pdf"
        if style == "cg":
            build_city_guilds(spec, target)
        else:
            build_ncfe(spec, target, ruled=style == "ncfe_ruled")
        pages += pymupdf.open(target).page_count
        seed += 1
    return pages


def time_pymupdf(files: list[Path]) -> float:
    import pymupdf

    start = time.perf_counter()
    for f in files:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text()
    return time.perf_counter() - start


def time_pymupdf_words(files: list[Path]) -> float:
    """The PyMuPDF calls specx itself makes per page (words with boxes, vector drawings for the
    table rules): the part of specx's time no Python-side work can remove."""
    import pymupdf

    flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
    start = time.perf_counter()
    for f in files:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text("words", flags=flags)
                page.get_cdrawings()
    return time.perf_counter() - start


def time_process(code: str, *args: str) -> float:
    """A fresh interpreter running ``code``: start-up and imports included, as for ``specx run``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True)
    return time.perf_counter() - start


RAW_PROCESS = ("import sys, pathlib, pymupdf\n"
               "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.pdf')):\n"
               "    with pymupdf.open(f) as doc:\n"
               "        [page.get_text() for page in doc]")
SPECX_IMPORTS = "import pymupdf, extract.ops.runner, extract.pipeline, extract.catalogue.build, extract.catalogue.export"


def _pages(files: list[Path]) -> int:
    import pymupdf

    return sum(pymupdf.open(f).page_count for f in files)


def time_pdfplumber(files: list[Path]) -> float:
    import pdfplumber

    start = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
    return time.perf_counter() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_specx(corpus: Path, out: Path, jobs: int | None, *options: str) -> tuple[float, float]:
    """One ``specx run``: (wall seconds, CPU seconds of all its processes). CPU time says less
    about the user's wait but is far less disturbed by other work on a shared machine."""
    cmd = [sys.executable, "-m", "extract", "run", str(corpus), "--out", str(out), "--quiet", *options]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"specx run failed:\n{result.stderr}")
    return elapsed, _children_cpu() - cpu


def time_specx(corpus: Path, out: Path, jobs: int | None, *options: str) -> float:
    return measure_specx(corpus, out, jobs, *options)[0]


def cpu_pymupdf(files: list[Path]) -> float:
    """The baseline's CPU seconds (this process)."""
    start = time.process_time()
    time_pymupdf(files)
    return time.process_time() - start


def extract_only(corpus: str, out: str, jobs: str) -> None:
    """``--extract``: the PDF ingestion alone (source, layout, parse, validate, JSON per file),
    without the run's manifest, change report and catalogue; for the figures without them."""
    from concurrent.futures import ProcessPoolExecutor

    from extract.pipeline import run_one

    files = sorted(Path(corpus).glob("*.pdf"))
    outs = [Path(out)] * len(files)
    if int(jobs) == 1:
        list(map(run_one, files, outs))
    else:
        with ProcessPoolExecutor(int(jobs)) as pool:
            list(pool.map(run_one, files, outs))


def time_extract_warm(files: list[Path], out: Path) -> float:
    """The ingestion in this process, imports already paid: the same footing as the raw PyMuPDF
    baseline (which is timed in this process too)."""
    from extract.pipeline import run_one

    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for f in files:
        run_one(f, out)
    return time.perf_counter() - start


def time_extract_only(corpus: Path, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--extract", str(corpus), str(out), str(jobs)], cwd=ROOT, check=True)
    return time.perf_counter() - start


def time_ocr() -> tuple[int, float]:
    from extract.readers import ocr
    from extract.readers.source import read_source

    if ocr.tessdata() is None:
        return 0, 0.0
    start = time.perf_counter()
    raw = read_source(SCANNED)
    return len(raw.ocr_pages), time.perf_counter() - start


def time_ocr_cluster(folder: Path, out: Path, pages_each: int) -> tuple[int, float]:
    """OCR pages/s end to end on a 2-worker LocalCluster (``--executor dask --jobs 2``)."""
    folder.mkdir()
    for k in range(OCR_COPIES):
        shutil.copy(SCANNED, folder / f"scan_{k}.pdf")
    return OCR_COPIES * pages_each, time_specx(folder, out, 2, "--executor", "dask")


def auto_jobs(corpus: Path) -> int:
    """What ``--jobs 0`` (the default) chooses for this corpus."""
    from extract.ops.executors import auto_jobs
    from extract.ops.inputs import find_inputs, plan_inputs

    return auto_jobs(plan_inputs(find_inputs([str(corpus)]).files)[0])


def small_inputs(corpus: Path, tmp: Path) -> list[tuple[str, int, float, float]]:
    """The small-input rule: ``(inputs, jobs the default chooses, default seconds, --jobs 1
    seconds)`` for raw/ and six small PDFs."""
    pdfs = tmp / "small_pdfs"
    pdfs.mkdir()
    for f in sorted(corpus.glob("*.pdf"))[:SMALL_PDFS]:
        shutil.copy(f, pdfs / f.name)
    found = []
    for name, folder in (("the five raw/ files", ROOT / "raw"), (f"{SMALL_PDFS} small PDFs", pdfs)):
        default, one = [], []
        for k in range(REPEATS):  # in turn, so a change in the machine's load hits both alike
            default.append(time_specx(folder, tmp / f"small_default_{folder.name}_{k}", None))
            one.append(time_specx(folder, tmp / f"small_one_{folder.name}_{k}", 1))
        found.append((name, auto_jobs(folder), min(default), min(one)))
    return found


REPEATS = 3


def best(measure) -> float:
    """The fastest of ``REPEATS`` timings (the machine is shared: the minimum is the least
    disturbed). ``measure(k)`` gets the repetition number, for a fresh output folder each time."""
    return min(measure(k) for k in range(REPEATS))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        pages = build_corpus(corpus)
        files = sorted(corpus.glob("*.pdf"))
        time_pymupdf(files[:1])  # warm the file cache and imports for every contender alike
        time_pdfplumber(files[:1])
        raw = best(lambda _: time_pymupdf(files))
        raw_cpu = min(cpu_pymupdf(files) for _ in range(REPEATS))
        words = best(lambda _: time_pymupdf_words(files))
        sample = files[::PLUMBER_SAMPLE]  # pdfplumber is ~60x slower: a sample, scaled by pages
        plumber = time_pdfplumber(sample) * pages / _pages(sample)
        raw_process = best(lambda _: time_process(RAW_PROCESS, str(corpus)))
        imports = best(lambda _: time_process(SPECX_IMPORTS))
        cores = os.cpu_count() or 1
        time_extract_warm(files[:1], out / "warm")  # imports and vocabulary loaded once, as for the baseline
        warm = best(lambda k: time_extract_warm(files, out / f"warm_{k}"))
        ingest_one = best(lambda k: time_extract_only(corpus, out / f"x1_{k}", 1))
        ingest_all = best(lambda k: time_extract_only(corpus, out / f"xn_{k}", cores))
        one = best(lambda k: time_specx(corpus, out / f"one_{k}", jobs=1))
        runs = [measure_specx(corpus, out / f"default_{k}", None) for k in range(REPEATS)]
        default, default_cpu = min(wall for wall, _ in runs), min(cpu for _, cpu in runs)
        chosen = auto_jobs(corpus)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        outputs = len(list((out / "x1_0").glob("*.json")))
        small = small_inputs(corpus, Path(tmp))
        ocr_pages, ocr_seconds = time_ocr()
        cluster_pages, cluster_seconds = time_ocr_cluster(Path(tmp) / "scans", out / "scans", ocr_pages) \
            if ocr_pages else (0, 0.0)

    def line(name: str, seconds: float) -> str:
        return f"{name:<40} {seconds:8.3f} s {pages / seconds:9.1f} pages/s {seconds / raw:7.2f}x PyMuPDF"

    print(f"corpus: {len(files)} generated PDFs, {pages} text-layer pages ({outputs} JSON outputs)")
    print(line("raw PyMuPDF page.get_text()", raw))
    print(line("PyMuPDF words + drawings (specx's)", words))
    print(line(f"pdfplumber extract_text() (1/{PLUMBER_SAMPLE}, scaled)", plumber))
    print(line("raw PyMuPDF as a fresh process", raw_process))
    print(line("specx start-up + imports alone", imports))
    print(line("specx run --jobs 1 (end to end)", one))
    print(line(f"specx run, default options ({chosen} jobs)", default))
    print(line("specx ingestion in this process", warm))
    print(line("specx ingestion only, 1 process", ingest_one))
    print(line(f"specx ingestion only, {cores} processes", ingest_all))
    print(f"speed-up of the default ({chosen} jobs) over --jobs 1: {one / default:.2f}x; ingestion with {cores} "
          f"processes {ingest_one / ingest_all:.2f}x; vs pdfplumber: specx run {plumber / default:.2f}x as fast")
    print(f"CPU seconds (less disturbed by a loaded machine): raw PyMuPDF {raw_cpu:.3f} s, specx run with default "
          f"options {default_cpu:.3f} s in all its processes = {default_cpu / raw_cpu:.2f}x; "
          f"load average {os.getloadavg()[0]:.1f} on {cores} cores at the end")
    print(f"like for like (both fresh processes): specx run takes {default / raw_process:.2f}x raw PyMuPDF")
    print(f"floor: start-up + imports + specx's own PyMuPDF calls = {imports + words:.3f} s "
          f"= {(imports + words) / raw:.2f}x raw PyMuPDF before any layout, parsing or catalogue work")
    for name, jobs, fast, one_job in small:
        same = " (the same work: any difference is the machine's noise)" if jobs == 1 else ""
        print(f"small input, {name}: the default chooses {jobs} jobs; default {fast:.3f} s, --jobs 1 "
              f"{one_job:.3f} s ({fast / one_job:.2f}x){same}")
    print(f"peak memory (largest specx process): {peak_mb:.0f} MB")
    if ocr_pages:
        print(f"OCR (tesseract, scanned fixture, in this process): {ocr_pages} pages in "
              f"{ocr_seconds:.1f} s = {ocr_pages / ocr_seconds:.2f} pages/s")
        print(f"OCR on a 2-worker LocalCluster (specx run --executor dask --jobs 2, start-up included): "
              f"{cluster_pages} pages in {cluster_seconds:.1f} s = {cluster_pages / cluster_seconds:.2f} pages/s")
    else:
        print("OCR: tesseract not installed, not measured")
    missed = [name for name, ok in [
        (f"specx run (default) <= {MAX_RATIO_TO_PYMUPDF}x raw PyMuPDF ({default / raw:.1f}x)",
         default <= MAX_RATIO_TO_PYMUPDF * raw),
        ("specx run faster than pdfplumber", default < plumber),
        *((f"default not slower than --jobs 1 on {name}", jobs == 1 or fast <= SMALL_TOLERANCE * one_job)
          for name, jobs, fast, one_job in small),
        (f"peak memory < {MAX_PEAK_MB} MB", peak_mb < MAX_PEAK_MB)] if not ok]
    print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--extract"]:
        extract_only(*sys.argv[2:5])
        sys.exit(0)
    sys.exit(main())
