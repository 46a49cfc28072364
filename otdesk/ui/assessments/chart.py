"""A trend chart: one small plot per score over the dates of the administrations (a domain's
percent over months, or a task's time, errors, help and effort over trials).

pyqtgraph is imported when the first chart is made, so opening the app does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from otdesk.domain.translation import _
from otdesk.ui.parts.style import ACCENT, BORDER, MUTED, SURFACE, TEXT, set_role

COLUMNS = 2


@dataclass(frozen=True)
class ChartSeries:
    """One line: its key, its title as shown, and (date, value) points."""

    key: str
    label: str
    points: list[tuple[date, float]]


def _stamp(day: date) -> float:
    return datetime.combine(day, time(12)).timestamp()


class TrendChart(QWidget):
    """Small multiples: one plot per series, sharing the date axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self.series: list[ChartSeries] = []
        self.plots: dict[str, Any] = {}
        self.curves: dict[str, Any] = {}
        self.view = pg.GraphicsLayoutWidget(self)
        self.view.setBackground(SURFACE)
        self.view.setAccessibleName(_("Trend chart"))
        self.empty = QLabel(_("Nothing to chart yet: a trend needs finalised results."), self)
        set_role(self.empty, "empty")
        self.empty.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view, 1)
        box.addWidget(self.empty)

    def set_series(self, series: list[ChartSeries]) -> None:
        """Draw ``series`` (each in its own plot; series without points are left out)."""
        pg = self._pg
        self.view.clear()
        self.plots.clear()
        self.curves.clear()
        self.series = [s for s in series if s.points]
        self.empty.setVisible(not self.series)
        self.view.setVisible(bool(self.series))
        first: Any = None
        pen = pg.mkPen(ACCENT, width=2)
        for n, s in enumerate(self.series):
            if n and n % COLUMNS == 0:
                self.view.nextRow()
            axis = pg.DateAxisItem(orientation="bottom")
            plot = self.view.addPlot(title=s.label, axisItems={"bottom": axis})
            plot.setTitle(s.label, color=TEXT, size="10pt")
            plot.showGrid(x=True, y=True, alpha=0.25)
            for side in ("left", "bottom"):
                plot.getAxis(side).setPen(pg.mkPen(BORDER))
                plot.getAxis(side).setTextPen(pg.mkPen(MUTED))
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            points = sorted(s.points)
            xs = [_stamp(d) for d, _v in points]
            ys = [float(v) for _d, v in points]
            curve = plot.plot(xs, ys, pen=pen, symbol="o", symbolSize=8,
                              symbolBrush=ACCENT, symbolPen=pg.mkPen(SURFACE))
            if first is None:
                first = plot
            else:
                plot.setXLink(first)
            if len(xs) == 1:  # one point: give it some room either side
                plot.setXRange(xs[0] - 86400 * 7, xs[0] + 86400 * 7)
            self.plots[s.key] = plot
            self.curves[s.key] = curve

    def point_count(self, key: str) -> int:
        """How many points the plot of series ``key`` holds."""
        xs, _ys = self.curves[key].getData()
        return 0 if xs is None else len(xs)

    def values(self, key: str) -> list[float]:
        """The values plotted for series ``key``, in date order."""
        _xs, ys = self.curves[key].getData()
        return [] if ys is None else [float(y) for y in ys]
