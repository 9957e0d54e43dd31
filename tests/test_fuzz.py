"""Property tests (hypothesis): arbitrary text and bytes through the pipeline never crash it.

Every input either becomes a valid document or fails with a ``SourceError`` that names the file
and gives a reason; and in a run, a failing input fails alone (the others are still extracted).
Text is drawn both at random and as slices of corpus documents spliced together with random
lines, which reaches the later stages (sections, units, outcomes) that pure noise never gets past.
"""

import io
import json
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from conftest import RAW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.ops import runner
from extract.models import Document
from extract.pipeline import extract_document
from extract.readers.source import SourceError

BOUNDED = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
CORPUS = [path.read_text(encoding="utf-8").splitlines() for path in sorted(RAW.glob("*.txt"))]
SMALL = RAW / "003_c75e736c7d0ad4f6.txt"

corpus_slice = st.builds(lambda lines, start, length: lines[start % len(lines):][:length],
                         st.sampled_from(CORPUS), st.integers(min_value=0), st.integers(1, 300))
noise_lines = st.lists(st.text(max_size=80), max_size=3)
spec_like_text = st.lists(st.one_of(corpus_slice, noise_lines), max_size=8) \
    .map(lambda chunks: "\n".join(line for chunk in chunks for line in chunk))
pdf_like_bytes = st.binary(max_size=2000).map(lambda b: b"%PDF-1.7\n" + b)


def extract_or_fail_clearly(data: bytes, suffix: str) -> None:
    """The property: a valid document, or a ``SourceError`` naming this file with a reason."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        shown = f"fuzz/input{suffix}"
        try:
            doc = extract_document(path, shown)
        except SourceError as e:
            assert e.path in (str(path), shown) and e.reason.strip()
            return
        Document.model_validate(doc.model_dump(mode="json"))


@BOUNDED
@given(st.text())
def test_arbitrary_text(text):
    extract_or_fail_clearly(text.encode("utf-8", "surrogatepass"), ".txt")


@BOUNDED
@given(spec_like_text)
def test_corpus_slices_spliced_with_noise(text):
    extract_or_fail_clearly(text.encode("utf-8"), ".txt")


@BOUNDED
@given(st.binary(), st.sampled_from([".txt", ".pdf", ".md"]))
def test_arbitrary_bytes(data, suffix):
    extract_or_fail_clearly(data, suffix)


@BOUNDED
@given(pdf_like_bytes)
def test_bytes_that_claim_to_be_a_pdf(data):
    extract_or_fail_clearly(data, ".pdf")


@settings(max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(), spec_like_text.map(str.encode)))
def test_a_failing_input_fails_alone_in_a_run(data):
    with tempfile.TemporaryDirectory() as folder:
        inputs, out = Path(folder) / "in", Path(folder) / "out"
        inputs.mkdir()
        shutil.copy(SMALL, inputs / "good.txt")
        (inputs / "fuzz.txt").write_bytes(data)
        stdout, stderr = io.StringIO(), io.StringIO()
        with redirect_stdout(stdout), redirect_stderr(stderr):
            code = runner.run(runner.RunOptions(inputs=[str(inputs)], out=out, jobs=1, quiet=True))
        summary = json.loads(stdout.getvalue().strip().splitlines()[-1])
        assert (out / "good.json").exists()
        assert [f["path"] for f in summary["failed"]] in ([], [str(inputs / "fuzz.txt")])
        assert code == (1 if summary["failed"] else 0)
        for failure in summary["failed"]:
            assert not failure["reason"].startswith("internal error"), failure["reason"]
            assert f"fuzz.txt: {failure['reason']}" in stderr.getvalue()
