"""Charts of provinces year over year, from the panel of ``analysis.compare`` (pure: no file I/O).

Each function takes the panel and returns a matplotlib Figure. Labels are Thai in Sarabun, years
are B.E., colours are colour-blind safe: viridis for scores, Okabe-Ito for up/down, PuOr
(orange = fell, purple = rose) for change on the map. Grey always means "no score": the
province did not take part (light) or took part without a national-round score (darker).
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection

from analysis import places
from analysis.charts.base import use_thai_font
from analysis.compare.panel import MEASURES, first_to_last
from analysis.vocab import CATEGORY_TH, REGIONS
from analysis.charts.thaimap import BANGKOK_TILE, TILES, grid_shape, short_name

UP, DOWN, SAME = "#0072B2", "#D55E00", "#999999"   # Okabe-Ito blue, vermillion, grey
ABSENT, NO_SCORE = "#E6E6E6", "#A6A6A6"
SCORE_CMAP, CHANGE_CMAP = "viridis", "PuOr"
WHAT_TH = {"individual": "คะแนนรวมของผู้ที่จังหวัดเสนอชื่อ (รอบประเทศ)",
           "province": "คะแนนรวมของโครงการ 1 จังหวัด 1 พัฒนา"}


def _plt():
    import matplotlib.pyplot as plt

    use_thai_font()
    return plt


def _signed(x: float) -> str:
    return "" if pd.isna(x) else f"{x:+.1f}" if abs(x) >= 0.05 else "0.0"


def _years_th(years) -> str:
    years = sorted(years)
    return f"ปี พ.ศ. {years[0]}–{years[-1]}" if len(years) > 1 else f"ปี พ.ศ. {years[0]}"


# ------------------------------------------------------------------------ heatmap
# The heatmap's panels, a region each: each fits a printed page with room to spare, and
# ``base.pngs`` cuts the figure between them, so a page that has room for one takes it.
HEATMAP_PANELS = (("north",), ("northeast",), ("central",), ("south",))
HEATMAP_ROW = 0.16  # inches per province: two regions' panels share a printed page


def heatmap(panel: pd.DataFrame, category: str = "individual"):
    """Province x year, coloured by total; provinces grouped by region, then in Thai dictionary order
    (the panel's order). Light grey: did not take part; darker grey: took part, no score. Drawn
    as a panel per region on one scale, so that the chart prints across pages without a cut
    through a region."""
    plt = _plt()
    total, _, _, took = MEASURES[category]
    years = sorted(panel["year"].unique())
    order = panel.loc[panel["year"] == years[0], "province_code"].tolist()
    wide = panel.pivot(index="province_code", columns="year", values=total).reindex(order)[years]
    part = panel.pivot(index="province_code", columns="year", values=took).reindex(order)[years]
    info = panel.drop_duplicates("province_code").set_index("province_code").reindex(order)
    groups = [[c for c in order if info.loc[c, "region"] in regions] for regions in HEATMAP_PANELS]
    groups = [g for g in groups if g] or [order]
    every = np.ma.masked_invalid(wide.to_numpy(dtype=float))
    low = min(50.0, np.floor(every.min() / 10) * 10) if every.count() else 50.0  # scale from 50 or below
    rows = [len(g) for g in groups]
    fig, axes = plt.subplots(len(groups), 1, squeeze=False,
                             figsize=(2.6 + 0.75 * len(years), 2.0 + HEATMAP_ROW * sum(rows) + 0.75 * len(rows)),
                             gridspec_kw={"height_ratios": rows})
    for k, (ax, codes) in enumerate(zip(axes[:, 0], groups)):
        n = len(codes)
        grey = np.where(part.loc[codes].to_numpy(dtype=bool), 1.0, 0.0)
        ax.imshow(grey, cmap=matplotlib.colors.ListedColormap([ABSENT, NO_SCORE]), vmin=0, vmax=1,
                  aspect="auto", interpolation="none")
        values = np.ma.masked_invalid(wide.loc[codes].to_numpy(dtype=float))
        im = ax.imshow(values, cmap=SCORE_CMAP, vmin=low, vmax=100, aspect="auto", interpolation="none")
        for (i, j), v in np.ndenumerate(values.filled(np.nan)):
            if not np.isnan(v):  # inside its cell: left out of the layout, which need not measure it
                ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=7, in_layout=False,
                        color="white" if v < low + 0.6 * (100 - low) else "black")
        ax.set_xticks(range(len(years)), [str(y) for y in years])
        ax.xaxis.tick_top()
        ax.set_yticks(range(n), info.loc[codes, "province_name"].tolist(), fontsize=7.5)
        ax.tick_params(length=0)
        regions = info.loc[codes, "region"].tolist()
        for i in range(1, n):
            if regions[i] != regions[i - 1]:
                ax.axhline(i - 0.5, color="black", linewidth=1.2)
        for r in REGIONS:
            at = [i for i, x in enumerate(regions) if x == r]
            if at:
                ax.text(len(years) - 0.4, np.mean(at), places.REGIONS[r], rotation=270, va="center",
                        ha="left", fontsize=9)
        ax.set_xlabel("ปี พ.ศ.")
        ax.xaxis.set_label_position("top")
        if k == 0:
            ax.set_title(f"{WHAT_TH[category]}\n{CATEGORY_TH[category]} {_years_th(years)}", fontsize=11, pad=28)
    last = axes[-1, 0]
    cbar = fig.colorbar(im, ax=last, orientation="horizontal", fraction=0.04, pad=0.02, aspect=30)
    cbar.set_label("คะแนนรวม (เต็ม 100)", fontsize=8)
    handles = [matplotlib.patches.Patch(color=ABSENT, label="ไม่ได้เข้าร่วม"),
               matplotlib.patches.Patch(color=NO_SCORE, label="เข้าร่วม แต่ไม่มีคะแนนรอบประเทศ")]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.02, 0.93, 1), h_pad=2.5)
    return fig


# ------------------------------------------------------------------------ slope chart
# A line per province cannot be cut between pages, so the chart is drawn to fit one A4 page with
# all 76 provinces ranked: rows 0.115 inch apart, names in 6.5 points.
SLOPE_ROW, SLOPE_FONT = 0.115, 6.5
def slope_chart(panel: pd.DataFrame, year_a: int, year_b: int, category: str = "individual",
                highlight: int = 5):
    """National rank in ``year_a`` (left) and ``year_b`` (right), one line per province ranked in both:
    blue = moved up, vermillion = moved down; the ``highlight`` biggest moves each way drawn bold."""
    plt = _plt()
    c = first_to_last(panel, category, year_a, year_b)
    both = c.dropna(subset=["rank_first", "rank_last"])
    delta = both["rank_delta"].astype(float)
    bold = set(delta[delta > 0].nlargest(highlight).index) | set(delta[delta < 0].nsmallest(highlight).index)
    n_max = int(max(both["rank_first"].max(), both["rank_last"].max())) if len(both) else 1
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + SLOPE_ROW * n_max))  # 76 ranks fit a printed page
    d = delta.to_numpy()
    colours = np.where(d > 0, UP, np.where(d < 0, DOWN, SAME))
    big = both.index.isin(bold)
    first_rank, last_rank = both["rank_first"].to_numpy(float), both["rank_last"].to_numpy(float)
    # one collection for the lines and one for the dots: an artist per province was most of the cost
    ax.add_collection(LineCollection(
        [[(0, a), (1, b)] for a, b in zip(first_rank, last_rank)],
        colors=matplotlib.colors.to_rgba_array(colours, alpha=np.where(big, 0.95, 0.45)),
        linewidths=np.where(big, 2.2, 0.9)))
    ax.scatter(np.r_[np.zeros(len(both)), np.ones(len(both))], np.r_[first_rank, last_rank],
               c=np.r_[colours, colours], s=9, zorder=3)
    for name, a, b, colour, strong in zip(both["province_name"], first_rank, last_rank, colours, big):
        ax.text(-0.03, a, f"{name}  {int(a)}", ha="right", va="center", fontsize=SLOPE_FONT,
                color=colour if strong else "black")
        ax.text(1.03, b, f"{int(b)}  {name}", ha="left", va="center", fontsize=SLOPE_FONT,
                color=colour if strong else "black")
    ax.set_ylim(n_max + 1, 0)
    ax.set_xlim(-0.55, 1.55)
    ax.set_xticks([0, 1], [f"พ.ศ. {year_a}", f"พ.ศ. {year_b}"], fontsize=10)
    ax.xaxis.tick_top()
    ax.set_yticks([])
    for side in ("left", "right", "bottom", "top"):
        ax.spines[side].set_visible(False)
    missing = len(c) - len(both)
    ax.set_title(f"ลำดับระดับประเทศ {CATEGORY_TH[category]} ปี {year_a} เทียบกับปี {year_b}\n"
                 f"ลำดับ 1 อยู่บนสุด  สีน้ำเงิน = ลำดับดีขึ้น  สีส้มแดง = ลำดับลดลง  "
                 f"เส้นหนา = {highlight} จังหวัดที่ขึ้นมากที่สุดและลงมากที่สุด", fontsize=10, pad=22)
    ax.text(0.5, n_max + 0.8, f"แสดง {len(both)} จังหวัดที่มีลำดับทั้งสองปี; อีก {missing} จังหวัด"
            f"ไม่ได้เข้าร่วมปีใดปีหนึ่ง", ha="center", va="bottom", fontsize=8, color="#444444")
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------ small multiples
def region_lines(panel: pd.DataFrame, category: str = "individual"):
    """One panel per region: each province's total by year (grey), the region's mean (black), and
    the region's biggest riser (blue) and faller (vermillion) from the first year to the last."""
    plt = _plt()
    total = MEASURES[category][0]
    years = sorted(panel["year"].unique())
    change = first_to_last(panel, category).dropna(subset=["total_delta"])
    fig, axes = plt.subplots(2, 2, figsize=(10, 8.5), sharex=True, sharey=True, layout="constrained")
    for ax, region in zip(axes.ravel(), REGIONS):
        p = panel[panel["region"] == region]
        wide = p.pivot(index="year", columns="province_code", values=total).reindex(years)
        # the provinces as one collection of lines (a gap where a year is missing) and one of dots
        ys = wide.to_numpy(dtype=float).T
        ax.add_collection(LineCollection([np.column_stack([years, y]) for y in ys], colors=SAME,
                                         linewidths=0.8, alpha=0.55))
        ax.scatter(np.tile(years, len(ys)), ys.ravel(), color=SAME, alpha=0.55, s=2.2, linewidths=0)
        ax.plot(years, wide.mean(axis=1), color="black", linewidth=2.5, label="ค่าเฉลี่ยของภาค")
        ch = change[change["region"] == region].sort_values("total_delta")
        picks = [(ch.iloc[-1], UP, "เพิ่มมากสุด")] if len(ch) and ch.iloc[-1]["total_delta"] > 0 else []
        picks += [(ch.iloc[0], DOWN, "ลดมากสุด")] if len(ch) and ch.iloc[0]["total_delta"] < 0 else []
        for row, colour, what in picks:
            ax.plot(years, wide[row["province_code"]], color=colour, linewidth=2.2, marker="o",
                    markersize=4, label=f"{what}: {row['province_name']} ({_signed(row['total_delta'])})")
        ax.set_title(f"{places.REGIONS[region]} ({p['province_code'].nunique()} จังหวัด)", fontsize=10)
        ax.set_xticks(years, [str(y) for y in years])
        ax.grid(axis="y", alpha=0.3)
        ax.tick_params(labelbottom=True)
        ax.legend(fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=3,
                  frameon=False, handlelength=1.5)
    for ax in axes[:, 0]:
        ax.set_ylabel("คะแนนรวม (เต็ม 100)")
    fig.suptitle(f"{WHAT_TH[category]} รายภาค {_years_th(years)}\nเส้นสีเทา = แต่ละจังหวัด "
                 f"(เส้นขาดช่วง = ปีที่ไม่ได้เข้าร่วม)  สีน้ำเงิน/สีส้มแดง = คะแนนเพิ่ม/ลดมากที่สุด"
                 f"ในภาค จากปี {years[0]} ถึง {years[-1]}", fontsize=11)
    fig.supxlabel("ปี พ.ศ.", fontsize=10)
    fig.get_layout_engine().set(h_pad=0.2)
    return fig


# ------------------------------------------------------------------------ tile map
TILE = 0.52  # inches a side: the 17 rows of tiles fit a printed page
def tile_map(panel: pd.DataFrame, category: str = "individual", first: int | None = None,
             last: int | None = None):
    """Thailand's 76 provinces as tiles coloured by the change of total from ``first`` to ``last``
    (default: the panel's first and last years): purple rose, orange fell; grey: no score in one of
    the two years. Each tile carries the short name and the change in points."""
    plt = _plt()
    change = first_to_last(panel, category, first, last).set_index("province_code")
    first, last = int(change["year_first"].iloc[0]), int(change["year_last"].iloc[0])
    delta = change["total_delta"].astype(float)
    biggest = float(delta.abs().max()) if delta.notna().any() else 0.0
    limit = max(5.0, float(np.ceil(biggest / 5) * 5))  # symmetric, so white is "no change"
    norm = matplotlib.colors.TwoSlopeNorm(vcenter=0, vmin=-limit, vmax=limit)
    cmap = matplotlib.colormaps[CHANGE_CMAP]
    rows, cols = grid_shape()
    fig, ax = plt.subplots(figsize=(TILE * cols + 1.2, TILE * rows + 1.0))  # one printed page
    for code, (r, c) in TILES.items():
        d = delta.get(code, np.nan)
        colour = ABSENT if pd.isna(d) else cmap(norm(d))
        ax.add_patch(matplotlib.patches.Rectangle((c, r), 0.94, 0.94, facecolor=colour, edgecolor="white",
                                                  hatch="///" if pd.isna(d) else None))
        dark = not pd.isna(d) and abs(d) > 0.55 * limit
        name = short_name(code)
        # inside its tile: left out of the layout, which need not measure it
        ax.text(c + 0.47, r + 0.36, name, ha="center", va="center", fontsize=6.5 if len(name) < 10 else 5.5,
                color="white" if dark else "black", in_layout=False)
        ax.text(c + 0.47, r + 0.68, _signed(d) or "–", ha="center", va="center", fontsize=7.5,
                fontweight="bold", color="white" if dark else "black", in_layout=False)
    br, bc = BANGKOK_TILE
    ax.add_patch(matplotlib.patches.Rectangle((bc, br), 0.94, 0.94, fill=False, linestyle="--",
                                              edgecolor="#777777"))
    ax.text(bc + 0.47, br + 0.47, "กทม.\nนอกขอบเขต", ha="center", va="center", fontsize=5.5, color="#555555")
    ax.set_xlim(-0.1, cols + 0.1)
    ax.set_ylim(rows + 0.1, -0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    sm = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
    cbar = fig.colorbar(sm, ax=ax, orientation="horizontal", fraction=0.03, pad=0.01, aspect=20,
                        shrink=0.7)
    cbar.set_label(f"คะแนนรวมเปลี่ยนไป (คะแนน) ปี {first} ถึง {last}:  สีส้ม = ลดลง   สีม่วง = เพิ่มขึ้น",
                   fontsize=8)
    handles = [matplotlib.patches.Patch(facecolor=ABSENT, edgecolor="white", hatch="///",
                                        label="ไม่มีคะแนนปีใดปีหนึ่ง (ไม่ได้เข้าร่วม)")]
    ax.legend(handles=handles, loc="lower right", fontsize=7.5, frameon=False)
    ax.set_title(f"{WHAT_TH[category]}\nเปลี่ยนไปเท่าใดจากปี พ.ศ. {first} ถึง {last}", fontsize=11)
    fig.tight_layout()
    return fig
