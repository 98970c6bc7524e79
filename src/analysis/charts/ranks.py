"""The score step's charts: ranks with their 5th-95th percentile intervals, and judges' leniency.

Names beside a ranking are plain texts rather than tick labels (a tick label is five artists that
matplotlib lays out one by one), so a ranking of 70 rows draws in a fraction of a second.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd

from analysis import places
from analysis.charts.base import use_thai_font
from analysis.vocab import CATEGORY_TH, REGIONS, ROUND_TH

# Okabe-Ito: distinguishable with the common forms of colour blindness.
AWARD_COLOURS = {"ดีเด่น": "#E69F00", "ชมเชย": "#0072B2", "": "#999999"}
NOMINEE_COLOUR = "#009E73"
WIDTH = 5.0      # inches: two panels side by side on a landscape page (the print stylesheet flows them)
ROW = 0.2        # inches per row: 25 rows and their panel's title and scale fit a landscape page
NAME_SIZE = 8.5  # points: a name beside its row (rows are ROW inches apart)
NO_RANKING = "ไม่มีผู้ได้รับการจัดอันดับในกลุ่มนี้"
RANK_AXIS = "อันดับ (จุด = อันดับกลาง, เส้น = อันดับที่ได้ 90 ใน 100 ครั้ง\nเมื่อสุ่มจัดคณะกรรมการใหม่)"


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
    size = NAME_SIZE
    for row, name in zip(y, (_label(r) for _, r in f.iterrows())):
        ax.text(-0.01, row, name, transform=names, ha="right", va="center", fontsize=size)
    if xlabel:
        ax.set_xlabel(RANK_AXIS)
    ax.set_title(title, fontsize=10)
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
        _, ax = plt.subplots(figsize=(WIDTH, 1.2 + ROW * max(len(f), 1)))
    _draw_ranking(ax, f, round, _title(category, round, region))
    ax.figure.tight_layout()
    return ax


PER_PANEL = 25  # ranks per panel of a long ranking at most: a panel fits a printed page


def _stack(frames: list[pd.DataFrame], titles: list[str], round: str, xmax: float | None = None):
    """Rankings stacked in one figure, one panel each, drawn and laid out once. Every panel has its
    own rank scale and legend, so a panel printed on a page of its own (``base.pngs`` cuts a tall
    figure between panels) still reads alone. ``xmax``: one rank scale for every panel."""
    import matplotlib.pyplot as plt

    rows = [max(len(f), 1) for f in frames]
    fig, axes = plt.subplots(len(frames), 1, squeeze=False,
                             figsize=(WIDTH, 0.75 + ROW * sum(rows) + 0.9 * len(rows)),
                             gridspec_kw={"height_ratios": rows})
    for i, (ax, f, title) in enumerate(zip(axes[:, 0], frames, titles)):
        _draw_ranking(ax, f, round, title, xlabel=i == len(frames) - 1)
        if xmax is not None and len(f):
            ax.set_xlim(0.5, xmax + 0.5)
    fig.tight_layout()
    return fig


def rank_intervals_panels(results: pd.DataFrame, category: str, round: str = "national",
                          per_panel: int = PER_PANEL):
    """One national ranking (the province category, or individuals when awards are national) as
    panels of ``per_panel`` ranks on one rank scale, best at the top of the first: the chart of
    ``rank_intervals``, in pieces that each fit a printed page. Returns the Figure."""
    use_thai_font()
    f = _ranking(results, category, round)
    best_first = f.iloc[::-1]
    size = -(-len(f) // -(-len(f) // per_panel)) if len(f) else 1  # panels as even as they can be
    chunks = [best_first.iloc[i:i + size].iloc[::-1] for i in range(0, max(len(f), 1), size)]
    xmax = float(max(f["rank_p95"].astype(float).max(), 1)) if len(f) else None
    title = _title(category, round, None)
    titles = [title if len(chunks) == 1 else
              f"{title} (อันดับ {int(c['rank_scope'].min())}–{int(c['rank_scope'].max())})"
              if len(c) else title for c in chunks]
    return _stack(chunks, titles, round, xmax)


def rank_intervals_by_region(results: pd.DataFrame, round: str = "national"):
    """The individual category's rankings of ``round``, one panel per region when awards are
    decided within each region, stacked in one figure: the same panels as four
    ``rank_intervals`` charts, drawn and laid out once. When the rubric gives the awards nationally
    (``award_scope`` national) the ranking is one: ``rank_intervals_panels``. Returns the Figure."""
    use_thai_font()
    mine = results[(results["category"] == "individual") & (results["round"] == round)]
    if round == "national" and (mine["award_scope"] == "national").all() and len(mine):
        return rank_intervals_panels(results, "individual", round)
    regions = list(REGIONS)
    return _stack([_ranking(results, "individual", round, region) for region in regions],
                  [_title("individual", round, region) for region in regions], round)


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
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles[::-1], labels[::-1], loc="lower center", ncol=2, fontsize=9, frameon=False)
    fig.suptitle(f"จ.{province_name} เทียบกับค่าเฉลี่ยของ{region_name} (ปี พ.ศ.)", fontsize=11)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def panel_size(curve: pd.DataFrame):
    """The expected share of settled awards (p_same_award at the review threshold or above) for a
    national panel of 3..9 judges, one line per category, this year's panel size marked: what the
    department reads to size next year's panels (``panel_size``). Returns the Figure."""
    import matplotlib.pyplot as plt

    use_thai_font()
    fig, ax = plt.subplots(figsize=(6, 2.6))
    for category, colour in (("individual", "#0072B2"), ("province", "#E69F00")):
        f = curve[curve["category"] == category].sort_values("n_judges")
        if not len(f):
            continue
        share = f["settled_share"].to_numpy(dtype=float) * 100
        ax.plot(f["n_judges"], share, marker="o", color=colour, label=CATEGORY_TH.get(category, category))
        now = f[f["current"].astype(bool)]
        if len(now):
            ax.scatter(now["n_judges"], now["settled_share"] * 100, s=120, facecolors="none",
                       edgecolors="black", zorder=3)
    ax.set_xticks(range(3, 10))
    ax.set_ylim(0, 100)
    ax.set_xlabel("จำนวนกรรมการรอบประเทศ (วงกลม = จำนวนปีนี้)")
    ax.set_ylabel("รางวัลที่ชัดเจน (ร้อยละ)")
    ax.set_title("ถ้าปีหน้ามีกรรมการกี่คน รางวัลจะชัดเจนราวร้อยละเท่าใด")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig
