"""That year's rubric: ``load`` reads ``data/criteria/<year>.yaml`` and checks it, ``schema`` is the
shape the file must have (JSON Schema) and what to tell the analyst when it has not.

The rubric is configuration, not code: when DLA changes the criteria the analyst edits a YAML
file, and every step reads the year's rubric through ``load_rubric``.
"""

from analysis.rubric.load import (COMPUTABLE_FIELDS, KEY, REVIEW_DEFAULTS, TOTAL_POINTS, CategoryRubric, Criterion,
                                  Rubric, load_rubric, rubric_path)

__all__ = ["COMPUTABLE_FIELDS", "KEY", "REVIEW_DEFAULTS", "TOTAL_POINTS", "CategoryRubric", "Criterion", "Rubric",
           "load_rubric", "rubric_path"]
