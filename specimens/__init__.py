"""Specimen corpus: generated specifications with truth by construction, rendered in several
house styles and variants, and a scorer that measures specx against the truth
(``python -m specimens``; ``make accuracy``). Knows nothing of specx's parser."""
