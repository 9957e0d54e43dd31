"""Repairs of damaged input, each a named function that leaves a warning.

Where OCR numbering is repaired: ``numbering``. Words: ``vocabulary`` (the corpus's words) and
``dictionary`` (a general English dictionary) guard ``normalise.text``'s word repair. Text that lost
its geometry: ``columns`` (two column tails on one line), ``split_facts`` (a facts table read
column by column), ``recover`` (overlaid copies of one table). OCR'd pages: ``specks`` (marks
a space apart at a cell's edges), ``ocr_numbers`` (the marks around a number, a reference's digits).
"""
