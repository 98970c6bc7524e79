"""What every chart shares: the Sarabun font, one PNG per printed page, and showing a chart.

Matplotlib's default font (DejaVu Sans) has no Thai glyphs: Thai labels come out as empty boxes
with a "Glyph ... missing from font" warning. ``use_thai_font()`` registers Sarabun (the open
version of TH Sarabun, the official typeface of Thai government documents) from the
``fontpkg-sarabun`` package, so charts look the same on any machine, offline.

A chart taller than a printed A4 page would be cut by the printer wherever the page ends (a
browser never splits an image itself: it slices it). ``pngs`` cuts a tall figure between its
panels into images that each fit a page; on screen they stack back into the one chart.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib import font_manager

from analysis.errors import SetupError
from analysis.render.image import palette_png, png_bytes
import io

THAI_FONT = "Sarabun"
DPI = 100  # pixels per inch of the charts' PNGs: a 7-inch chart is 700 pixels wide
# The tallest image a printed page holds, in inches of a chart 7 inches wide: a landscape A4 page's
# 185 mm between its margins, less a heading (a portrait page holds more). A wider chart is printed
# smaller (shrunk to a portrait page's 186 mm), so it may be taller in proportion.
PAGE_INCHES = 6.2
PAGE_WIDTH_INCHES = 7.0
SMALL = 0.35  # a piece this much of a page or less stays with a neighbour too tall to fit anyway


def sarabun_files() -> list[Path]:
    import fontpkg_sarabun

    folder = Path(fontpkg_sarabun.__file__).parent / "files"
    return sorted(folder.glob("Sarabun-*.ttf"))


def use_thai_font() -> str:
    """Register every Sarabun face with matplotlib and make it the default family. Idempotent."""
    files = sarabun_files()
    if not files:
        raise SetupError("ไม่พบฟอนต์ Sarabun (pip install fontpkg-sarabun) / Sarabun font not found")
    known = {Path(f.fname).name for f in font_manager.fontManager.ttflist}
    for f in files:
        if f.name not in known:
            font_manager.fontManager.addfont(str(f))
    matplotlib.rcParams["font.family"] = THAI_FONT
    matplotlib.rcParams["axes.unicode_minus"] = False  # Sarabun has no U+2212 minus sign
    return THAI_FONT


def _draw(fig):
    """The figure drawn once on its own Agg canvas when it has one: its renderer already holds the
    text sizes the layout measured (a new canvas would measure every Thai label again)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if fig.dpi != DPI:
        fig.set_dpi(DPI)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return canvas


def _image(canvas):
    from PIL import Image

    return Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)


def png(fig) -> bytes:
    """The figure as one 256-colour PNG on white, drawn once.

    Why not let Jupyter display the figure: its inline display saves with ``bbox_inches="tight"``,
    which draws the figure twice, and with Thai text every draw is slow (each label is laid out
    glyph by glyph); the reports then had to re-encode every chart as a palette PNG to stay small
    enough to e-mail (``render.image.palette_png``). The figures set their own layout
    (``tight_layout`` or constrained).
    """
    return palette_png(_image(_draw(fig)))


def _bands(fig, renderer) -> list[tuple[float, float]]:
    """The vertical extents (pixels from the top) of what must not be cut: each axes with its title,
    ticks and labels, and the figure's own legends and texts; overlapping extents merged."""
    height = fig.bbox.height
    boxes = [ax.get_tightbbox(renderer) for ax in fig.axes if ax.get_visible()]
    boxes += [a.get_window_extent(renderer) for a in (*fig.legends, *fig.texts) if a.get_visible()]
    spans = sorted((height - b.y1, height - b.y0) for b in boxes if b is not None and b.height > 0)
    merged: list[list[float]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    return [(t, b) for t, b in merged]


def cuts(bands: list[tuple[float, float]], height: float, page: float) -> list[int]:
    """Where to cut an image ``height`` pixels tall into pieces of at most ``page`` pixels, only in
    the gaps between ``bands`` (each cut halfway across its gap): as few pieces as the gaps allow,
    each as full as it can be. A piece with no gap to cut at stays taller than a page (printing
    shrinks it to fit), and keeps a small neighbour (a colour bar, a legend) rather than print it
    on a page of its own."""
    gaps = [round((a[1] + b[0]) / 2) for a, b in zip(bands, bands[1:]) if b[0] > a[1]]
    out, start = [], 0
    for i, gap in enumerate(gaps):
        following = gaps[i + 1] if i + 1 < len(gaps) else height
        if following - start > page and gap > start:
            out.append(gap)
            start = gap
    edges = [0, *out, height]
    keep = []
    for k, cut in enumerate(out, start=1):
        before, after = edges[k] - edges[k - 1], edges[k + 1] - edges[k]
        if (before > page and after < SMALL * page) or (after > page and before < SMALL * page):
            continue
        keep.append(cut)
    return keep


def pngs(fig) -> list[bytes]:
    """The figure as 256-colour PNGs, each short enough for a printed page (``cuts``), drawn once.
    A figure that fits a page is one PNG, the same bytes as ``png``."""
    canvas = _draw(fig)
    image = palette_png(_image(canvas))
    width, height = fig.bbox.width, fig.bbox.height
    page = PAGE_INCHES * DPI * max(1.0, width / (PAGE_WIDTH_INCHES * DPI))
    if height <= page:
        return [image]

    from PIL import Image

    where = cuts(_bands(fig, canvas.get_renderer()), height, page)
    if not where:
        return [image]
    whole = Image.open(io.BytesIO(image))
    edges = [0, *where, int(height)]
    return [png_bytes(whole.crop((0, top, int(width), bottom))) for top, bottom in zip(edges, edges[1:])]


def titles(fig) -> str:
    """The figure's title and its axes' titles, one line: the alternative text of its image."""
    parts = [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) else []
    parts += [ax.get_title() for ax in fig.axes if ax.get_title()]
    return " · ".join(" ".join(p.split()) for p in parts) or "แผนภูมิ"


def show(fig, alt: str | None = None) -> None:
    """Display a chart in the notebook as palette PNGs (``pngs``: one, or one per printed page for a
    tall chart) with its titles as the images' alternative text (the HTML report keeps it), then
    close the figure so it is not shown twice."""
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    fig = getattr(fig, "figure", fig)  # an Axes is shown as its figure
    alt = alt or titles(fig)
    images = pngs(fig)
    for i, data in enumerate(images, 1):
        display(Image(data=data, format="png",
                      alt=alt if len(images) == 1 else f"{alt} (ส่วนที่ {i} จาก {len(images)})"))
    plt.close(fig)
