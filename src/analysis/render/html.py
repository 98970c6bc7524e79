"""Whole HTML pages that stand alone: Sarabun embedded, one stylesheet for screens, phones and A4.

Reports are forwarded and printed without edits, so a page carries everything it needs: the font
as a web font (machines without Thai fonts would show boxes), no script, nothing fetched. The
stylesheet has three readers in mind:

- a screen: a readable column up to 1100 px;
- a phone (390 px wide): the page never scrolls sideways; a wide table scrolls inside its own box
  (``div.table-wrap``) and images shrink to the width;
- A4 paper (the browser's print, or print-to-PDF): portrait, or landscape for a page of wide
  tables (the score and clean pages: a leaderboard of 16 columns fits a landscape line, where in
  portrait every row wrapped onto two or three lines); small type for tables; rows, images
  and headings never split across pages (a heading stays with what follows it), a table's header
  row repeated on every page, and in the page margins the report's title and edition, when it was
  made and from what, and "หน้า 3 จาก 18". The margins use CSS ``@page`` margin boxes, which
  Chromium (and so Chrome and Edge, what DLA's desktops run) prints since version 131: the text
  is part of the document, so "Save as PDF" and a printer give the same pages, and the browser's
  own header and footer (the file path, the print date) are not needed. A browser without margin
  boxes prints the same pages without the running lines.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg_sarabun

FONT_DIR = Path(fontpkg_sarabun.__file__).parent / "files"
FONTS = {400: "Sarabun-Regular.ttf", 700: "Sarabun-Bold.ttf"}

CSS = """
body{font-family:'Sarabun',sans-serif;font-size:16px;line-height:1.55;color:#1b1b1b;margin:0;background:#fff;overflow-wrap:break-word}
main{max-width:1100px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:1.7em;margin:.2em 0 .4em}h2{font-size:1.3em;margin:1.4em 0 .5em;border-bottom:2px solid #0072B2}
h3{font-size:1.1em}
.table-wrap{overflow-x:auto;max-width:100%;margin:.6em 0 1.2em}
table{border-collapse:collapse;font-size:.92em}
.table-wrap>table{margin:0}
th,td{border:1px solid #c8c8c8;padding:3px 8px;vertical-align:top}
th{background:#eef3f8;text-align:left}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap td{white-space:nowrap}.table-wrap td.w{white-space:normal}
tr:nth-child(even) td{background:#fafafa}
img{max-width:100%;height:auto;display:block}
code,pre,kbd,samp{font-family:ui-monospace,'DejaVu Sans Mono',monospace,'Sarabun';overflow-wrap:anywhere}
pre{white-space:pre-wrap}
.jp-OutputPrompt,.jp-InputPrompt,.prompt{display:none}
p.made{color:#555;font-size:.88em;margin:-.2em 0 1em}
footer.provenance{margin-top:3em;font-size:.8em;color:#555;border-top:1px solid #ccc;padding-top:.8em}
footer.provenance code{font-size:.95em;word-break:break-all}
.cards{display:flex;flex-wrap:wrap;gap:0 5mm;align-items:flex-start}.cards .card{flex:0 0 auto;max-width:100%}.cards .card ul{width:0;min-width:100%;box-sizing:border-box}.cards .card li{font-size:.9em}
section.glossary{margin-top:2.5em;font-size:.9em}
section.glossary dt{font-weight:bold;float:left;clear:left;margin-right:.5em}
section.glossary dd{margin:0 0 .3em 0}
nav a{margin-right:1em;display:inline-block}
.status-ok{color:#006d2c}.status-failed{color:#b30000;font-weight:bold}
@media (max-width:600px){
body{font-size:15px}main{padding:12px 12px 32px}h1{font-size:1.35em}h2{font-size:1.15em}
th,td{padding:2px 5px}
.table-wrap td.w{min-width:16em}
}
@media print{
body{font-size:10.5pt;line-height:1.5}
main{max-width:none;padding:0}
h1{font-size:16pt;margin:0 0 .3em}h2{font-size:13pt;margin:.9em 0 .35em}h3{font-size:11pt;margin:.7em 0 .25em}
h1,h2,h3,h4{break-after:avoid;break-inside:avoid;line-height:1.5;padding-top:.2em}
.text_cell,p.lead{break-after:avoid}
.table-wrap{overflow:visible;margin:.3em 0 .8em}
table{font-size:8pt;line-height:1.25}
th,td{padding:1px 4px}
thead{display:table-header-group}
tr,li,img,dl,.output_png{break-inside:avoid}
.output:has(>.output_area>.output_png){display:flex;flex-wrap:wrap;column-gap:4mm;align-items:flex-start}
.output:has(>.output_area>.output_png)>.output_area:not(:has(>.output_png)){flex-basis:100%}
img{max-height:250mm;width:auto}
body.landscape img{max-height:165mm}
a{color:inherit;text-decoration:none}
nav,.screen-only{display:none}
footer.provenance{margin-top:1.5em;break-inside:avoid}
section.glossary{break-before:auto;font-size:9pt}
section.packet{break-before:page}section.packet h4{font-size:10pt;margin:.5em 0 .15em}section.packet ul{margin:.1em 0 .4em;padding-left:1.2em}
.cards .card{break-inside:avoid}
body.summary{font-size:10pt;line-height:1.35}body.summary h2{margin:.6em 0 .25em}body.summary ul{margin:.2em 0}
}
"""


@dataclass(frozen=True)
class Running:
    """What every printed page carries in its margins: the report's ``title`` (top left), its
    ``edition`` (top right: internal or public), ``made`` (bottom left: when and from what) and
    the page number (bottom right); and whether the pages are ``landscape``."""

    title: str
    edition: str = ""
    made: str = ""
    landscape: bool = False


@cache
def font_css() -> str:
    """Sarabun as a web font inside the page: machines without Thai fonts (CI) show boxes otherwise."""
    faces = []
    for weight, name in FONTS.items():
        data = base64.b64encode((FONT_DIR / name).read_bytes()).decode("ascii")
        faces.append("@font-face{font-family:'Sarabun';font-style:normal;font-weight:%d;"
                     "src:url(data:font/ttf;base64,%s) format('truetype')}" % (weight, data))
    return "\n".join(faces)


def css_string(text: str) -> str:
    """``text`` as a CSS string literal, safe inside a <style> element."""
    out = []
    for ch in text:
        if ch in '"\\<>':
            out.append("\\%x " % ord(ch))
        elif ch in "\r\n\t":
            out.append(" ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def page_css(running: Running | None) -> str:
    """The A4 page and, when given, its running title, edition, made-line and page numbers."""
    box = "font-family:'Sarabun',sans-serif;font-size:8pt;color:#555;"
    landscape = running is not None and running.landscape
    rules = [f"size:A4 {'landscape' if landscape else 'portrait'}", "margin:13mm 12mm 12mm 12mm"]
    if running is not None:
        rules.append("@top-left{content:%s;%svertical-align:bottom;padding-bottom:3mm}" % (css_string(running.title), box))
        if running.edition:
            rules.append("@top-right{content:%s;%svertical-align:bottom;padding-bottom:3mm}" % (css_string(running.edition), box))
        if running.made:
            rules.append("@bottom-left{content:%s;%svertical-align:top;padding-top:3mm}" % (css_string(running.made), box))
        rules.append("@bottom-right{content:\"หน้า \" counter(page) \" จาก \" counter(pages);%s"
                     "vertical-align:top;padding-top:3mm}" % box)
    return "@page{" + ";".join(rules) + "}"


def page(title: str, body: str, provenance: str = "", *, running: Running | None = None,
         kind: str = "") -> str:
    """A whole, self-contained HTML page. ``kind``: a class of the body for the stylesheet
    (``summary``: the one-page executive summary's tighter print)."""
    classes = " ".join(c for c in (kind, "landscape" if running is not None and running.landscape else "") if c)
    landscape = f' class="{classes}"' if classes else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{font_css()}\n{CSS}{page_css(running)}\n</style>\n</head>\n"
        f"<body{landscape}>\n<main>\n{body}\n{provenance}\n</main>\n</body>\n</html>\n"
    )
