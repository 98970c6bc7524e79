"""The charts, together: what they share (``base``: Sarabun, PNGs per printed page, ``show``), the
score step's (``ranks``: rank intervals, judges' leniency), the comparison's (``compare``:
heatmap, slope chart, regions, tile map) and the tile grid of Thailand (``thaimap``).

They stand on ``analysis.render`` (images), never on the publishing layer (``analysis.report``).
``from analysis import charts`` gives the common names: ``charts.show(fig)``,
``charts.use_thai_font()``, ``charts.rank_intervals(...)``.
"""

from analysis.charts.base import DPI, THAI_FONT, png, pngs, sarabun_files, show, titles, use_thai_font
from analysis.charts.ranks import (AWARD_COLOURS, NO_RANKING, NOMINEE_COLOUR, RANK_AXIS, leniency, panel_size,
                                   province_trend, rank_intervals, rank_intervals_by_region,
                                   rank_intervals_panels, row_names)

__all__ = ["AWARD_COLOURS", "DPI", "NOMINEE_COLOUR", "NO_RANKING", "RANK_AXIS", "THAI_FONT", "leniency", "panel_size",
           "png", "pngs", "province_trend", "rank_intervals", "rank_intervals_by_region", "rank_intervals_panels",
           "row_names", "sarabun_files", "show", "titles", "use_thai_font"]
