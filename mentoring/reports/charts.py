"""Bar charts as server-side SVG: geometry here, markup in templates/reports/_chart.html.

No script, no external library. Every bar carries its value as text, the second series is
hatched as well as coloured (nothing is told by colour alone), and hidden small counts draw no
bar but show their "< 5" label. The numbers come from the same tables that stand beside the
charts.
"""

import math
from dataclasses import dataclass, field

from flask_babel import format_date
from flask_babel import gettext as _

from mentoring.formatting import number
from mentoring.reports.disclosure import Cell
from mentoring.reports.queries import Statistics
from mentoring.reports.tables import Table

WIDTH = 720
FONT = 16
SOLID, HATCHED = "solid", "hatched"


@dataclass(frozen=True)
class Series:
    name: str
    cells: list[Cell]
    style: str = SOLID


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    style: str
    label: str
    label_x: float
    label_y: float
    anchor: str = "middle"


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Swatch:
    x: float
    y: float
    style: str
    name: str


@dataclass
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    labels: list[Text] = field(default_factory=list)
    grid: list[tuple[float, float, float, Text]] = field(default_factory=list)  # x1, x2, y, label
    legend: list[Swatch] = field(default_factory=list)
    axis: tuple[float, float, float, float] = (0, 0, 0, 0)  # x1, y1, x2, y2


def nice_maximum(value: float) -> float:
    """The axis end: the next of 1, 2, 2.5, 5 × 10^k at or above value (at least 5)."""
    if value <= 5:
        return 5
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover


def _ticks(maximum: float) -> list[float]:
    step = maximum / 5
    return [step * i for i in range(6)]


def _tick_label(value: float) -> str:
    return number(int(value)) if value == int(value) else number(round(value, 1))


def column_chart(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    height: int = 340,
) -> Chart:
    """Vertical bars, grouped by category, one bar per series."""
    left, right, top, bottom = 64, 12, 44 if len(series) > 1 else 16, 58
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    values = [c.value or 0 for s in series for c in s.cells]
    maximum = nice_maximum(max(values, default=0))
    chart = Chart(
        chart_id,
        title,
        description,
        WIDTH,
        height,
        axis=(left, top + plot_h, left + plot_w, top + plot_h),
    )
    for tick in _ticks(maximum):
        y = top + plot_h - tick / maximum * plot_h
        chart.grid.append(
            (left, left + plot_w, y, Text(left - 8, y + FONT / 3, _tick_label(tick), "end"))
        )
    n = max(len(categories), 1)
    group_w = plot_w / n
    bar_w = group_w * 0.8 / max(len(series), 1)
    show_values = bar_w >= 22
    label_every = max(1, math.ceil(n * 50 / plot_w))
    for i, category in enumerate(categories):
        group_x = left + i * group_w + group_w * 0.1
        for j, s in enumerate(series):
            cell = s.cells[i]
            bar_h = (cell.value or 0) / maximum * plot_h
            x = group_x + j * bar_w
            y = top + plot_h - bar_h
            label = cell.text if show_values or cell.value is None else ""
            chart.bars.append(Bar(x + 1, y, bar_w - 2, bar_h, s.style, label, x + bar_w / 2, y - 5))
        if i % label_every == 0:
            # "Jan. 26" becomes two lines: the month, and below it the year where it changes.
            first, _, second = category.partition("\n")
            x = left + (i + 0.5) * group_w
            chart.labels.append(Text(x, top + plot_h + FONT + 8, first))
            if second:
                chart.labels.append(Text(x, top + plot_h + 2 * FONT + 12, second))
    if len(series) > 1:
        x = left
        for s in series:
            chart.legend.append(Swatch(x, 10, s.style, s.name))
            x += 40 + len(s.name) * FONT * 0.55
    return chart


def row_chart(
    chart_id: str, title: str, description: str, categories: list[str], cells: list[Cell]
) -> Chart:
    """Horizontal bars: for long category names such as end reasons."""
    label_w, right, row_h, top = 200, 70, 40, 8
    height = top + row_h * len(categories) + 32
    plot_w = WIDTH - label_w - right
    maximum = nice_maximum(max((c.value or 0 for c in cells), default=0))
    bottom_y = top + row_h * len(categories)
    chart = Chart(
        chart_id, title, description, WIDTH, height, axis=(label_w, top, label_w, bottom_y)
    )
    for tick in _ticks(maximum):
        x = label_w + tick / maximum * plot_w
        chart.grid.append((x, x, bottom_y, Text(x, bottom_y + FONT + 6, _tick_label(tick))))
    for i, (category, cell) in enumerate(zip(categories, cells, strict=True)):
        y = top + i * row_h
        bar_w = (cell.value or 0) / maximum * plot_w
        chart.labels.append(Text(label_w - 10, y + row_h / 2 + FONT / 3, category, "end"))
        chart.bars.append(
            Bar(
                label_w,
                y + 6,
                bar_w,
                row_h - 12,
                SOLID,
                cell.text,
                label_w + bar_w + 8,
                y + row_h / 2 + FONT / 3,
                "start",
            )
        )
    return chart


def _month_labels(months) -> list[str]:
    """Short month names; the year below the first month and below each January."""
    return [
        format_date(m, "MMM") + (f"\n{m.year}" if i == 0 or m.month == 1 else "")
        for i, m in enumerate(months)
    ]


def build_charts(stats: Statistics, tables: dict[str, Table]) -> dict[str, Chart]:
    months = tables["verlauf_monate"]
    waiting = months.column(0)
    balance = tables["angebot_nachfrage"]
    outcomes = tables["tandems_ergebnis"]
    return {
        "warteliste": column_chart(
            "chart-warteliste",
            _("Wartende Anfragen am Ende jedes Monats"),
            _waiting_description(stats, waiting),
            _month_labels([p.month for p in stats.months]),
            [Series(_("Wartende Anfragen"), waiting)],
        ),
        "angebot": column_chart(
            "chart-angebot",
            _("Angebot und Nachfrage nach Stadtbezirk"),
            _balance_description(stats, balance),
            balance.labels,
            [
                Series(_("Ehrenamtliche mit freiem Platz"), balance.column(0), SOLID),
                Series(_("Wartende Anfragen"), balance.column(1), HATCHED),
            ],
        ),
        "ergebnis": row_chart(
            "chart-ergebnis",
            _("Beendete Tandems nach Grund"),
            _outcome_description(outcomes),
            outcomes.labels,
            outcomes.column(0),
        ),
    }


def _waiting_description(stats: Statistics, cells: list[Cell]) -> str:
    if not stats.months:
        return _("Keine Monate im Zeitraum.")
    first = format_date(stats.months[0].month, "MMMM yyyy")
    last = format_date(stats.months[-1].month, "MMMM yyyy")
    text = _(
        "Säulendiagramm: je Monat von %(first)s bis %(last)s eine Säule mit der Zahl der "
        "Anfragen, die am Monatsende auf eine ehrenamtliche Person warteten.",
        first=first,
        last=last,
    )
    return text + " " + _("Am Ende des letzten Monats: %(value)s.", value=cells[-1].text)


def _balance_description(stats: Statistics, balance: Table) -> str:
    text = _(
        "Säulendiagramm: je Stadtbezirk zwei Säulen, links die Ehrenamtlichen mit freiem "
        "Platz (blau, gefüllt), rechts die wartenden Anfragen (braun, schraffiert)."
    )
    parts = [
        f"{row.label}: {row.cells[0].text} / {row.cells[1].text}"
        for row in balance.rows
        if not row.is_total
    ]
    return text + " " + "; ".join(parts) + "."


def _outcome_description(outcomes: Table) -> str:
    text = _(
        "Balkendiagramm: je Grund ein waagerechter Balken mit der Zahl der im Zeitraum "
        "beendeten Tandems."
    )
    parts = [f"{row.label}: {row.cells[0].text}" for row in outcomes.rows if not row.is_total]
    return text + " " + "; ".join(parts) + "."
