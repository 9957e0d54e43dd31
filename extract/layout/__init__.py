"""Layout: positioned words -> rows of table cells and paragraphs, furniture removed (stage
``lines``). Knows nothing of qualifications: ``pages.lay_out`` works on page geometry, ``lines``
cleans each row and drops what converters and page furniture leave behind."""
