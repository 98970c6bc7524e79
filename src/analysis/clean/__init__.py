"""The clean step: raw tables in, tidy accepted rows, a quarantine and a list of what is not data out.

Every data row of every input file ends in exactly one place: ``submissions``, ``scores``,
``judges`` (the roster), ``quarantine`` (held back, with a stable reason code and a message in
Thai and English), or ``set_aside`` (plainly not an applicant's data: a total, a note, a
signature block, a hidden sheet). Nothing is guessed: a value that cannot be read for certain
holds its row back, and a row that could be an applicant is never set aside.

One module per concern: ``values`` (reading cells by kind), ``rows`` (the per-distinct-row
engine), ``notdata`` (rows that are not data), ``forms``, ``scores`` (score sheets and
rosters), ``duplicates``, ``quarantine``, ``year`` (a year's outputs) and ``summary`` (for
people). The walk over a year's folder is the input edge, ``analysis.read.read_year``.
"""

from analysis.clean.common import CATEGORIES, FIELD_LABELS, FORM_FIELDS, QUARANTINE_COLUMNS, Problem
from analysis.clean.forms import clean_forms
from analysis.clean.scores import clean_rosters, clean_scores
from analysis.clean.summary import (REASON_LABELS, columns_th, held_back_by_reason, hidden_th,
                                    quarantine_th, set_aside_by_reason, set_aside_th, summary, summary_th)
from analysis.clean.year import CleanResult, clean_year, run_clean, write_clean
from analysis.read.files import read_year

__all__ = ["CATEGORIES", "FIELD_LABELS", "FORM_FIELDS", "QUARANTINE_COLUMNS",
           "REASON_LABELS", "CleanResult", "Problem", "clean_forms", "clean_rosters", "clean_scores",
           "clean_year", "columns_th", "held_back_by_reason", "hidden_th", "quarantine_th", "read_year",
           "run_clean", "set_aside_by_reason", "set_aside_th", "summary", "summary_th", "write_clean"]
