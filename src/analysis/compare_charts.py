"""The year-over-year charts now live in ``analysis.charts.compare``; this name stays so that a
notebook written with ``from analysis import compare_charts`` keeps working."""

import sys

from analysis.charts import compare as _charts

sys.modules[__name__] = _charts
