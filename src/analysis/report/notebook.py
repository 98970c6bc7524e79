"""An executed notebook as a report page: outputs only (no code, no prompts, no stderr), the
made-line under its title, its glossary, its provenance, and its running lines for print."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from analysis.render.html import Running, page
from analysis.render.image import palette_b64
from analysis.report.glossary import glossary_html
from analysis.report.tables import for_report


@cache
def _exporter():
    """One HTML exporter per process: building one compiles nbconvert's templates (half a second)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its last pass, which parses the whole page again with
        BeautifulSoup only to give images that lack one a placeholder alternative text ("No
        description has been provided") and to make JupyterLab-template outputs focusable. On a
        page of long tables that pass took longer than the export itself. Here every chart carries
        its titles as alternative text (``charts.show``) and the basic template has no JupyterLab
        markup, so the pass would change nothing."""

        def from_notebook_node(self, nb, resources=None, **kw):
            from nbconvert.filters.highlight import Highlight2HTML
            from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name"))
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    # No "¶" anchor links on headings: nbconvert writes them as <a ... />, which a browser reads as
    # an opening tag, so everything after the first heading became one link (the BeautifulSoup
    # pass used to close them).
    return ReportExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                          exclude_output_prompt=True, exclude_anchor_links=True)


_CHAR_REF = re.compile(r"&#([0-9]{3,7});")
_PNG = re.compile(r'(data:image/png;base64,)([A-Za-z0-9+/=\s]+)')
_EMPTY_CELL = re.compile(r'<div class="cell border-box-sizing code_cell rendered[^"]*">\s*</div>\n?')


def _char(m: re.Match) -> str:
    """A numeric character reference as its character, when that is a letter beyond ASCII."""
    n = int(m.group(1))
    return chr(n) if 160 <= n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF else m.group(0)


def notebook_html(notebook, title: str, provenance: str = "", *, running: Running | None = None,
                  made: str = "", after: str = "") -> str:
    """An executed notebook (a path or an ``nbformat.NotebookNode``) as a report page: outputs only,
    no code, no prompts, no stderr; ``made`` (HTML) under its first heading, ``after`` (HTML) after
    the last output, the glossary of the words it uses, then ``provenance``. nbformat and nbconvert are imported here, not with the
    module: the notebooks import this package for ``show``, and nbformat's import alone takes ~2 s."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, Path)) else notebook
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            outputs = [for_report(o) for o in cell.get("outputs", [])
                       if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            cell.outputs = [nbformat.from_dict(o) for o in outputs if o is not None]
    body, _ = _exporter().from_notebook_node(nb)
    # nbconvert tags each cell with a random-looking id: drop ids so the bytes are stable
    body = re.sub(r' id="cell-id=[^"]*"', "", body)
    # code cells without output (the parameters) leave empty boxes behind: nothing to print
    body = _EMPTY_CELL.sub("", body)
    # headings come out of nbconvert's markdown as character references (&#3627;...): written as
    # the characters they are, the page reads the same and a name in it can be found by a search
    # (the public-report check looks for names in the bytes). Only letters beyond ASCII, never <>&.
    body = _CHAR_REF.sub(_char, body)
    body = _PNG.sub(lambda m: m.group(1) + palette_b64(m.group(2)), body)
    if made:
        body = body.replace("</h1>", "</h1>\n" + made, 1) if "</h1>" in body else made + body
    body += after + glossary_html(_PNG.sub("", body) + provenance)
    return page(title, body, provenance, running=running)
