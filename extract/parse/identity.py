"""Which unit is this: the one identity rule for a unit within a document.

A unit is known by its Ofqual reference; a unit printed without one by its local number
(``301``). Page-break repeats of a unit's section are merged by it, warnings name their unit by
it (``Warning.unit``), group entries list it, and validation and quality reports look units up
by it. References hold slashes and local numbers are digits, so the two never collide.
"""

from __future__ import annotations

from typing import Optional


def unit_key(reference: Optional[str], number: Optional[str]) -> Optional[str]:
    """The unit's reference, or without one its local number."""
    return reference or number
