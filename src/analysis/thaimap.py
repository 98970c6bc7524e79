"""The tile grid of Thailand now lives in ``analysis.charts.thaimap``; this name stays so that a
notebook written with ``from analysis import thaimap`` keeps working."""

import sys

from analysis.charts import thaimap as _thaimap

sys.modules[__name__] = _thaimap
