"""The project's own generator of unseen forms (issue 22, item 5): raw year folders of form files
made the way provincial offices make them, composed along axes of spelling (``axes.py``, the
development part; ``heldout.py``, the held-out part), each row with its truth; and the
measurement of the clean step against that truth (``measure.py``).

    from unseen import generate, measure
    generate(out, part="development", seed=1)          # out/raw/2564/..., out/truth.csv
    report = measure.run(out)                          # clean it and compare

How it works and the figures: docs/unseen-forms.md; ``benchmarks/unseen.py`` makes both parts.
"""

from unseen.compose import YEAR, generate

__all__ = ["YEAR", "generate"]
