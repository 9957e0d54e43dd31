"""Normalise and check: texts and identifiers (``text``, ``identifiers``), then the document as a
whole (stages ``validate``, ``dedupe``, ``quality``)."""
