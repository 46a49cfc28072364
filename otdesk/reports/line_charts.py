"""Small line charts over time for printed documents: a plain function from chart data to a
ReportLab ``Drawing`` (a flowable), with labelled axes, dates under the x axis and a legend
when there is more than one line.

Lines differ by dash pattern and marker as well as colour, so a chart still reads when
printed in grey.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reportlab.graphics.charts.legends import LineLegend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from otdesk.reports.assessment_view import TrendChart

_COLOURS = (colors.HexColor("#1f4e79"), colors.HexColor("#b03a2e"),
            colors.HexColor("#1e8449"), colors.HexColor("#7d3c98"),
            colors.HexColor("#9a7d0a"), colors.HexColor("#4d4d4d"))
_DASHES: tuple[tuple[float, ...] | None, ...] = (None, (4, 2), (1, 2), (6, 2, 1, 2), (2, 2), None)
_MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle", "Circle",
            "Square")


def _ticks(low: float, high: float) -> float:
    span = high - low
    for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if step < 1 and span >= 3:
            continue
        if span / step <= 6:
            return float(step)
    return span / 5


def line_chart(chart: TrendChart, *, width: float, height: float = 55 * mm,
               font: str = "Helvetica", date_label: Callable[[date], str] = date.isoformat,
               x_title: str = "", font_size: float = 8) -> Drawing:
    """``chart`` drawn ``width`` by ``height`` points: one line per series, the x axis in
    dates (``date_label`` writes them), the y axis titled with the chart's ``y_label``."""
    series = [s for s in chart.series if s.points]
    drawing = Drawing(width, height)
    legend_rows = len(series) if len(series) > 1 else 0
    legend_height = legend_rows * (font_size + 3)
    left, bottom = 14 * mm, 12 * mm + legend_height
    plot = LinePlot()
    plot.x, plot.y = left, bottom
    plot.width = width - left - 12 * mm
    plot.height = max(height - bottom - 4 * mm, 10 * mm)
    plot.data = [[(d.toordinal(), v) for d, v in s.points] for s in series] or [[(0, 0)]]
    xs = [d.toordinal() for s in series for d, _v in s.points] or [0, 1]
    ys = [v for s in series for _d, v in s.points] or [0.0, 1.0]
    x_low, x_high = min(xs), max(xs)
    if x_low == x_high:
        x_low, x_high = x_low - 1, x_high + 1
    y_low = chart.y_min if chart.y_min is not None else min(ys)
    y_high = chart.y_max if chart.y_max is not None else max(ys)
    if y_high <= y_low:
        y_high = y_low + 1
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = x_low, x_high
    steps = 4 if x_high - x_low >= 4 else int(x_high - x_low)
    plot.xValueAxis.valueSteps = sorted({round(x_low + (x_high - x_low) * i / steps)
                                         for i in range(steps + 1)})
    plot.xValueAxis.labelTextFormat = lambda v: date_label(date.fromordinal(round(v)))
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = y_low, y_high
    plot.yValueAxis.valueStep = _ticks(y_low, y_high)
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:g}"
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, font_size
        axis.strokeColor = colors.HexColor("#4d4d4d")
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    plot.yValueAxis.visibleGrid = True
    for i in range(len(plot.data)):
        line = plot.lines[i]
        line.strokeColor = _COLOURS[i % len(_COLOURS)]
        line.strokeWidth = 1.4
        dash = _DASHES[i % len(_DASHES)]
        if dash:
            line.strokeDashArray = dash
        line.symbol = makeMarker(_MARKERS[i % len(_MARKERS)], size=4,
                                 fillColor=_COLOURS[i % len(_COLOURS)],
                                 strokeColor=_COLOURS[i % len(_COLOURS)])
    drawing.add(plot)
    label = chart.y_label
    if stringWidth(label, font, font_size) > plot.height:  # "Errors (count)" -> "Errors"
        label = label.split(" (")[0]
    title = Group(String(0, 0, label, fontName=font, fontSize=font_size,
                         textAnchor="middle", fillColor=colors.HexColor("#1a1a1a")))
    title.translate(font_size, bottom + plot.height / 2)
    title.rotate(90)
    drawing.add(title)
    if x_title:
        drawing.add(String(left + plot.width / 2, legend_height + 1, x_title, fontName=font,
                           fontSize=font_size, textAnchor="middle"))
    if legend_rows:
        legend = LineLegend()
        legend.x, legend.y = left, legend_height - 2
        legend.fontName, legend.fontSize = font, font_size
        legend.dy, legend.dx = 2, 14
        legend.deltay = font_size + 3
        legend.columnMaximum = legend_rows
        legend.alignment = "right"
        legend.colorNamePairs = [(_COLOURS[i % len(_COLOURS)], s.label[:60])
                                 for i, s in enumerate(series)]
        drawing.add(legend)
    return drawing
