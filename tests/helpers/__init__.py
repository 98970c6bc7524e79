"""What tests share and are not tests: raw-file writers (``files``), score-sheet builders
(``builders``), the sheet layouts provinces use (``layouts``), the independent re-derivation of
scores and draws (``rederive``, ``redraw``), the sample's truth (``truth``), reading workbooks back
(``xlsxfill``) and the reports' fingerprints (``golden``). Imported as ``helpers.<name>``: the test
folders' ``conftest.py`` puts ``tests/`` on the path."""
