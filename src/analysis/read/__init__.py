"""Reading the files provinces send, before any cleaning: the input edge of the clean step.

``files`` opens xlsx, old xls, ods and CSV in any Thai encoding, finds each table and its header
wherever it is, and walks a year's folder (``read_year``); ``headers`` says which field a header
cell names and how surely; ``sheets`` finds what the cell reader does not report (hidden rows and
columns, merged cells); ``thai`` reads hand-typed cells (text, Thai digits, numbers with units,
percents, B.E. dates).

Nothing is imported here: ``places`` reads cells with ``read.thai`` and ``read.files`` looks for
place names with ``places``, so the package itself stays empty to keep that a line, not a circle.
"""
