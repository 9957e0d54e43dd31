"""House styles: one module each (``NAME``, ``BODY``, ``PRODUCER``, ``TEXT``, ``choose``,
``prepare``, ``build``)."""

from . import cityguilds, handbook, highfield, markdown, ncfe, pearson, proqual

STYLES = {m.NAME: m for m in (proqual, cityguilds, ncfe, pearson, highfield, handbook, markdown)}
