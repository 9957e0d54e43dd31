"""specx: UK vocational qualification specifications -> validated, deduplicated JSON.

The pipeline reads one document at a time through named stages (see ``pipeline.STAGES``):
source -> lines -> sections -> units -> normalise -> validate -> dedupe -> emit.
"""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"
