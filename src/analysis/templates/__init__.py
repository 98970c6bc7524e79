"""Templates the provinces and the judges fill in, that check what is typed and that the clean
step reads without guessing: แบบ 2 and แบบ 4 for every province (``forms``), and the committees'
score sheets made from what the clean step accepted (``scoresheets``).

One module per concern: ``fields`` (each column and the check Excel runs on it, from the clean
step's own rules), ``book`` (the workbook: formats, instructions, protection), ``forms``,
``scoresheets``, and ``run`` (a year's set, written as a folder swapped in whole).
"""

from analysis.templates.run import Made, make_forms, make_score_sheets, rubric_for_forms

__all__ = ["Made", "make_forms", "make_score_sheets", "rubric_for_forms"]
