"""Readers: a file on disk -> its pages of positioned words or lines (stage ``source``).

``source`` sniffs the content and picks a reader: ``pdf`` (PyMuPDF words and drawings; ``ocr``
for scanned pages), ``layout_text`` (``pdftotext -layout`` text, character columns as x
positions), or plain/markdown text decoded in ``source`` itself.
"""
