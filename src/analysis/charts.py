"""Charts with Thai text: the Sarabun font, and ranks with their 5th-95th percentile intervals.

Matplotlib's default font (DejaVu Sans) has no Thai glyphs: Thai labels come out as empty boxes
with a "Glyph ... missing from font" warning. ``use_thai_font()`` registers Sarabun (the open
version of TH Sarabun, the official typeface of Thai government documents) from the
``fontpkg-sarabun`` package, so charts look the same on any machine, offline.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import font_manager

from analysis import places
from analysis.vocab import CATEGORY_TH, REGIONS, ROUND_TH

THAI_FONT = "Sarabun"
# Okabe-Ito: distinguishable with the common forms of colour blindness.
AWARD_COLOURS = {"ดีเด่น": "#E69F00", "ชมเชย": "#0072B2", "": "#999999"}
NOMINEE_COLOUR = "#009E73"
NO_RANKING = "ไม่มีผู้ได้รับการจัดอันดับในกลุ่มนี้"
RANK_AXIS = "อันดับ (จุด = อันดับกลาง, เส้น = อันดับที่ได้ 90 ใน 100 ครั้งเมื่อสุ่มจัดคณะกรรมการใหม่)"


def sarabun_files() -> list[Path]:
    import fontpkg_sarabun

    folder = Path(fontpkg_sarabun.__file__).parent / "files"
    return sorted(folder.glob("Sarabun-*.ttf"))


def use_thai_font() -> str:
    """Register every Sarabun face with matplotlib and make it the default family. Idempotent."""
    files = sarabun_files()
    if not files:
        raise FileNotFoundError("ไม่พบฟอนต์ Sarabun (pip install fontpkg-sarabun) / Sarabun font not found")
    known = {Path(f.fname).name for f in font_manager.fontManager.ttflist}
    for f in files:
        if f.name not in known:
            font_manager.fontManager.addfont(str(f))
    matplotlib.rcParams["font.family"] = THAI_FONT
    matplotlib.rcParams["axes.unicode_minus"] = False  # Sarabun has no U+2212 minus sign
    return THAI_FONT


DPI = 100  # pixels per inch of the charts' PNGs: a 7-inch chart is 700 pixels wide


def png(fig) -> bytes:
    """The figure as a 256-colour PNG on white, drawn once.

    Why not let Jupyter display the figure: its inline display saves with ``bbox_inches="tight"``,
    which draws the figure twice, and with Thai text every draw is slow (each label is laid out
    glyph by glyph); the reports then had to re-encode every chart as a palette PNG to stay small
    enough to e-mail (``report.palette_png``). The figures set their own layout (``tight_layout``
    or constrained).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    from analysis.report import palette_png

    if fig.dpi != DPI:
        fig.set_dpi(DPI)
    # The figure's own Agg canvas when it has one: its renderer already holds the text sizes the
    # layout measured (a new canvas would measure every Thai label again).
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return palette_png(Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                                        "raw", "RGBA", 0, 1))


def titles(fig) -> str:
    """The figure's title and its axes' titles, one line: the alternative text of its image."""
    parts = [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) else []
    parts += [ax.get_title() for ax in fig.axes if ax.get_title()]
    return " · ".join(" ".join(p.split()) for p in parts) or "แผนภูมิ"


def show(fig, alt: str | None = None) -> None:
    """Display a chart in the notebook as one palette PNG (``png``) with its titles as the image's
    alternative text (the HTML report keeps it), then close the figure so it is not shown twice."""
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    fig = getattr(fig, "figure", fig)  # an Axes is shown as its figure
    display(Image(data=png(fig), format="png", alt=alt or titles(fig)))
    plt.close(fig)


def _label(row) -> str:
    province = places.province_name(row["province_code"]) or row["province_code"]
    if isinstance(row.get("district_code"), str):
        return f"อ.{places.district_name(row['district_code'])} จ.{province}"
    return f"จ.{province}"


def _ranking(results: pd.DataFrame, category: str, round: str, region: str | None = None,
             province: str | None = None) -> pd.DataFrame:
    """One ranking's rows with rank intervals, worst first (so the best is drawn at the top)."""
    f = results[(results["category"] == category) & (results["round"] == round)
                & results["rank_median"].notna()]
    if region:
        f = f[f["region"] == region]
    if province:
        f = f[f["province_code"] == province]
    return f.sort_values(["rank_scope", "rank_median"], ascending=False)   # the award scope's rank


def _title(category: str, round: str, region: str | None) -> str:
    where = REGIONS.get(region, "") if region else ""
    return f"{CATEGORY_TH.get(category, category)} {ROUND_TH.get(round, round)} {where}".strip()


def _draw_ranking(ax, f: pd.DataFrame, round: str, title: str, *, xlabel: bool = True,
                  legend: bool = True) -> None:
    """One ranking on ``ax``: a line per row from p05 to p95, a dot at the median, the row's name at
    the left. The names are plain texts beside the axes, not tick labels: a tick label is five
    artists (two marks, a grid line, two labels) that matplotlib lays out one by one, and with one
    name per row that was half the cost of the chart."""
    from matplotlib.lines import Line2D

    y = np.arange(len(f))
    if round == "province":
        colours = np.where(f["nominee"], NOMINEE_COLOUR, AWARD_COLOURS[""])
    else:
        colours = f["award"].map(AWARD_COLOURS).fillna(AWARD_COLOURS[""]).to_numpy()
    lo, mid, hi = (f[c].astype(float).to_numpy() for c in ("rank_p05", "rank_median", "rank_p95"))
    ax.hlines(y, lo, hi, colors=colours, linewidth=3, alpha=0.8)
    ax.scatter(mid, y, c=colours, s=36, zorder=3, edgecolors="black", linewidths=0.5)
    ax.set_yticks([])
    ax.set_ylim(-0.6, max(len(f), 1) - 0.4)
    names = ax.get_yaxis_transform()  # x in axes fractions, y in rows
    size = matplotlib.rcParams["ytick.labelsize"]
    for row, name in zip(y, (_label(r) for _, r in f.iterrows())):
        ax.text(-0.01, row, name, transform=names, ha="right", va="center", fontsize=size)
    if xlabel:
        ax.set_xlabel(RANK_AXIS)
    ax.set_title(title)
    if len(f):
        ax.set_xlim(0.5, max(hi.max(), 1) + 0.5)
    else:  # a region without candidates this year: say so, rather than draw an empty scale
        ax.set_xticks([])
        ax.text(0.5, 0.5, NO_RANKING, transform=ax.transAxes, ha="center", va="center", color="#555555")
    ax.grid(axis="x", alpha=0.3)
    if legend:
        if round == "province":
            keys = [(NOMINEE_COLOUR, "ผู้ได้รับการเสนอชื่อ"), (AWARD_COLOURS[""], "อื่น ๆ")]
        else:
            keys = [(c, a or "ไม่ได้รับรางวัล") for a, c in AWARD_COLOURS.items()]
        ax.legend(handles=[Line2D([], [], color=c, marker="o", linewidth=3, label=t) for c, t in keys],
                  loc="upper right", fontsize=8)


def row_names(ax) -> list[str]:
    """The names beside a ranking's rows, top row first (as read on the chart)."""
    texts = [t for t in ax.texts if t.get_transform() == ax.get_yaxis_transform()]
    return [t.get_text() for t in sorted(texts, key=lambda t: -t.get_position()[1])]


def rank_intervals(results: pd.DataFrame, category: str, round: str = "national", ax=None,
                   region: str | None = None, province: str | None = None):
    """Each candidate's median rank (dot) with its 5th-95th percentile interval (line), best at the
    top; awarded candidates (nominees in the province round) in colour. Ranks are within the award
    scope (region for individuals, the nation for provinces; the province in the province round),
    so filter with ``region`` / ``province`` to get one ranking per chart. Returns the Axes."""
    import matplotlib.pyplot as plt

    use_thai_font()
    f = _ranking(results, category, round, region, province)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 1.2 + 0.28 * max(len(f), 1)))
    _draw_ranking(ax, f, round, _title(category, round, region))
    ax.figure.tight_layout()
    return ax


def rank_intervals_by_region(results: pd.DataFrame, round: str = "national"):
    """The individual category's rankings of ``round``, one panel per region when awards are
    decided within each region, stacked in one figure with one legend: the same panels as four
    ``rank_intervals`` charts, drawn and laid out once. When the rubric gives the awards nationally
    (``award_scope`` national) the ranking is one: a single national panel. Returns the Figure."""
    import matplotlib.pyplot as plt

    use_thai_font()
    mine = results[(results["category"] == "individual") & (results["round"] == round)]
    if round == "national" and (mine["award_scope"] == "national").all() and len(mine):
        ax = rank_intervals(results, "individual", round)
        return ax.figure
    regions = list(REGIONS)
    frames = [_ranking(results, "individual", round, region) for region in regions]
    rows = [max(len(f), 1) for f in frames]
    fig, axes = plt.subplots(len(regions), 1, figsize=(7, 0.75 + 0.28 * sum(rows) + 0.65 * len(rows)),
                             gridspec_kw={"height_ratios": rows})
    for i, (ax, f, region) in enumerate(zip(axes, frames, regions)):
        _draw_ranking(ax, f, round, _title("individual", round, region),
                      xlabel=i == len(regions) - 1, legend=i == 0)
    fig.tight_layout()
    return fig


def leniency(effects: pd.DataFrame, category: str, round: str = "national", names: bool = True):
    """Each judge of a committee: how many points above (+) or below (-) the rest of the panel the
    judge scored the same candidates (the sum of the judged criteria), with a line of two standard
    errors each way. A line that does not cross 0 is a judge who clearly scores differently.
    ``names=False`` labels the judges by number (PDPA: a chart's names cannot be masked later).
    Returns the Figure."""
    import matplotlib.pyplot as plt

    use_thai_font()
    f = effects[(effects["category"] == category) & (effects["round"] == round)
                & (effects["criterion"] == "รวม")].sort_values("leniency")
    fig, ax = plt.subplots(figsize=(7, 1.3 + 0.35 * max(len(f), 1)))
    y = np.arange(len(f))
    b, se = f["leniency"].to_numpy(dtype=float), f["se"].to_numpy(dtype=float)
    clear = (b - 2 * se > 0) | (b + 2 * se < 0)
    colours = np.where(clear, "#D55E00", "#0072B2")
    ax.hlines(y, b - 2 * se, b + 2 * se, colors=colours, linewidth=3, alpha=0.8)
    ax.scatter(b, y, c=colours, s=36, zorder=3, edgecolors="black", linewidths=0.5)
    ax.axvline(0, color="#555555", linewidth=1)
    ax.set_yticks([])
    where = ax.get_yaxis_transform()
    labels = [f"กรรมการ {n}" if names else f"กรรมการคนที่ {i}" for i, n in enumerate(f["judge"], 1)]
    for row, name in zip(y, labels):
        ax.text(-0.01, row, name, transform=where, ha="right", va="center",
                fontsize=matplotlib.rcParams["ytick.labelsize"])
    ax.set_ylim(-0.6, max(len(f), 1) - 0.4)
    ax.set_xlabel("ให้คะแนนสูง (+) หรือต่ำ (−) กว่าคณะกี่คะแนน (รวมทุกเกณฑ์ที่กรรมการให้)")
    ax.set_title(f"ความเข้ม/ผ่อนของกรรมการ {_title(category, round, None)}")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def province_trend(trend: pd.DataFrame, province_name: str, region_name: str):
    """A province's totals year over year beside its region's mean: its nominee (individual) and
    its project (1 จังหวัด 1 พัฒนา), one panel each; a year without a score leaves a gap. ``trend``:
    ``province.trend``'s table. Returns the Figure."""
    import matplotlib.pyplot as plt

    use_thai_font()
    years = trend["ปี พ.ศ."].astype(str).tolist()
    x = np.arange(len(years))
    fig, axes = plt.subplots(1, 2, figsize=(7, 2.8), sharey=True)
    panels = [("คะแนนผู้ได้รับการเสนอชื่อ", f"เฉลี่ย{region_name}", "ประเภทบุคคล (ท้องถิ่นอำเภอดีเด่น)"),
              ("คะแนนโครงการ", f"เฉลี่ยโครงการ{region_name}", "ประเภทจังหวัด (1 จังหวัด 1 พัฒนา)")]
    for ax, (mine, region, title) in zip(axes, panels):
        ax.plot(x, trend[region].astype(float), color="#999999", marker="o", linewidth=2, label=region_name)
        ax.plot(x, trend[mine].astype(float), color="#0072B2", marker="o", linewidth=2.5, label=f"จ.{province_name}")
        ax.set_xticks(x, years)
        ax.set_title(title, fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("คะแนนรวม (เต็ม 100)")
    axes[0].legend(fontsize=8, loc="lower left")
    fig.suptitle(f"จ.{province_name} เทียบกับค่าเฉลี่ยของ{region_name} (ปี พ.ศ.)", fontsize=11)
    fig.tight_layout()
    return fig
