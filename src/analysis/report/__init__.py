"""The publishing layer: what people receive. Thai report pages that open offline and print on A4,
a one-page executive summary per year, Excel for officials, the index that leads to them, and
the public edition without personal names.

One module per concern: ``names`` (PDPA: masking, the last check of every file), ``tables``
(``show``: a table in a notebook and its page), ``provenance`` (when and from what a report was
made), ``glossary``, ``notebook`` (an executed notebook as a page), ``summary`` (the executive
summary), ``workbook`` (the results workbook) and ``build`` (the whole set and the index). The
building blocks underneath (HTML pages and tables, images, workbooks, Thai dates) are
``analysis.render``, which imports nothing from the package; the steps and the charts use those,
never this layer.
"""

from analysis.render.html import CSS, Running, font_css, page
from analysis.render.image import palette_png
from analysis.render.xlsx import FORMULA_START, Sheet, neutralise
from analysis.report.build import (PROVINCE_TITLE, ProvinceRenderer, REPORT_TITLES, STEP_LABELS, build_reports, index_html,
                                   provinces_html, render_province, render_step, workbook_name)
from analysis.report.glossary import GLOSSARY, glossary_html
from analysis.report.names import (PERSON_COLUMNS, TITLES, NamesLeaked, check_no_names, mask_known_names,
                                   mask_name, mask_people, people_in)
from analysis.report.notebook import notebook_html
from analysis.report.provenance import git_commit, inputs_digest, made, provenance_html, sha256, year_inputs
from analysis.report.summary import summary_body, summary_page, year_summary
from analysis.report.tables import sections, show, table_html
from analysis.report.workbook import results_sheets, results_workbook, write_workbook

__all__ = ["CSS", "FORMULA_START", "GLOSSARY", "PERSON_COLUMNS", "REPORT_TITLES", "STEP_LABELS", "TITLES",
           "NamesLeaked", "PROVINCE_TITLE", "ProvinceRenderer", "Running", "Sheet", "build_reports", "check_no_names", "font_css", "git_commit",
           "glossary_html", "index_html", "inputs_digest", "made", "mask_known_names", "mask_name", "mask_people",
           "neutralise", "notebook_html", "page", "palette_png", "people_in", "provenance_html",
           "provinces_html", "render_province", "render_step", "results_sheets", "results_workbook", "sha256", "show", "summary_body",
           "sections", "summary_page", "table_html", "workbook_name", "write_workbook", "year_inputs", "year_summary"]
