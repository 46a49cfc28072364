"""Small trend charts drawn with reportlab.graphics (vector, no image files): one score of
one instrument over time, dated along the bottom."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker

from otdesk.domain.translation import format_date, format_number
from otdesk.reports.fonts import REGULAR, register_fonts
from otdesk.reports.styles import ACCENT, MUTED


@dataclass(frozen=True)
class Trend:
    """One score over time: ``title`` (the instrument and score), points oldest first."""

    title: str
    points: tuple[tuple[date, float], ...]


def trend_chart(trend: Trend, width: float, height: float, font_size: float = 7.5) -> Drawing:
    """A line chart of ``trend`` (its title is printed above it, not in it) with its first
    and last dates under the ends and the score range marked."""
    register_fonts()
    drawing = Drawing(width, height)
    points = list(trend.points)
    if not points:
        return drawing
    origin = points[0][0].toordinal()
    plot = LinePlot()
    plot.x, plot.y = font_size * 3.2, font_size * 2.4
    plot.width = width - plot.x - font_size
    plot.height = height - plot.y - font_size * 0.8
    plot.data = [[(d.toordinal() - origin, v) for d, v in points]]
    plot.lines[0].strokeColor = ACCENT
    plot.lines[0].strokeWidth = 1.4
    plot.lines[0].symbol = makeMarker("FilledCircle", size=font_size * 0.55,
                                      fillColor=ACCENT, strokeColor=ACCENT)
    values = [v for _d, v in points]
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, 1.0)
    plot.yValueAxis.valueMin = low - pad
    plot.yValueAxis.valueMax = high + pad
    plot.yValueAxis.valueSteps = _steps(low, high)
    plot.yValueAxis.labelTextFormat = lambda v: format_number(round(v, 1))
    span = max(points[-1][0].toordinal() - origin, 1)
    plot.xValueAxis.valueMin = 0
    plot.xValueAxis.valueMax = span
    plot.xValueAxis.valueSteps = [0, span] if len(points) > 1 else [0]
    # The first and last dates are drawn under the ends, aligned inwards, so neighbouring
    # charts' dates never run into each other.
    plot.xValueAxis.labelTextFormat = lambda v: ""
    label_y = plot.y - font_size * 1.4
    drawing.add(String(plot.x, label_y, format_date(points[0][0]), fontName=REGULAR,
                       fontSize=font_size * 0.9, fillColor=MUTED, textAnchor="start"))
    if len(points) > 1:
        drawing.add(String(plot.x + plot.width, label_y, format_date(points[-1][0]),
                           fontName=REGULAR, fontSize=font_size * 0.9, fillColor=MUTED,
                           textAnchor="end"))
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = font_size * 0.9
        axis.labels.fillColor = MUTED
        axis.strokeColor = MUTED
    plot.xValueAxis.labels.boxAnchor = "n"
    plot.xValueAxis.labels.dx = 0
    drawing.add(plot)
    return drawing


def _steps(low: float, high: float) -> Sequence[float]:
    if high == low:
        return [low]
    return [low, high]
