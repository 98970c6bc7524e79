"""One province's own report: how it did, and what went wrong with what it sent, year by year.

Every figure comes from the files the steps wrote (``results``, ``quarantine``,
``set_aside``, ``submissions`` of each year) and is filtered to the province, so the
province page says what the national pages say.
``facts`` finds the province's rows; ``tables`` says them in Thai for the page
(``notebooks/04_province.ipynb`` shows them).

**Which held-back rows are the province's** (``tie``): only rows of the files a province sends
(its forms, and its committee's province-round score sheets; not the national committee's sheets,
``provinces_own``). Such a row belongs to the province its own province cell names (read as the
clean step reads places, only when certain, and not Bangkok, which has no page); a row without a
readable province cell (a blank or misspelt province, Bangkok, a signature under the table, a file
that could not be opened) belongs to the province that the other rows of the same file were
accepted for, when they agree on one; failing that, to the province the file's name names, when
it names exactly one. A row tied to no province stays on the national clean page only.

The years' files are read once per process and kept (keyed by each file's size and time): a
portfolio run that makes every province's page in one kernel reads them once, and a page made
alone reads them the same way, so the two give the same page.
"""

from analysis.province.facts import code_of, held_back, provinces_own, provinces_that_took_part, tie, took_part, year_files
from analysis.province.tables import FIX_TH, applicants_th, aside_th, held_th, national_th, points_th, round_th, trend

__all__ = ["FIX_TH", "applicants_th", "aside_th", "code_of", "held_back", "held_th", "national_th", "points_th",
           "provinces_own", "provinces_that_took_part", "round_th", "tie", "took_part", "trend", "year_files"]
