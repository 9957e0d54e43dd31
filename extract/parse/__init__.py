"""Parse: clean rows -> a specification (stages ``sections``, ``structure``, ``units``).

``sections`` finds the front matter and each unit's section; ``structure`` reads the profile and
rules of combination; ``units`` builds each unit from its header, ``facts`` and ``outcomes``
(criteria and outcomes from ``items``). ``patterns`` is the one vocabulary of layout phrases.
"""
