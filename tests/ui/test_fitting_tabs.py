"""Record tabs in a narrow window: short titles stay whole, only the longest are shortened."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from otdesk.services.clients import ClientDetail
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.parts.fitting_tabs import fair_widths
from otdesk.ui.shell.app_context import AppContext


def test_fair_widths_shorten_only_the_widest() -> None:
    assert fair_widths([60, 140, 150, 90], 1000) == [60, 140, 150, 90]  # room for all
    # 400 px: 60 and 90 keep their width; the two wide ones share what is left.
    assert fair_widths([60, 140, 150, 90], 400) == [60, 125, 125, 90]
    assert fair_widths([], 100) == []


@given(
    natural=st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=12),
    available=st.integers(min_value=12, max_value=3000),
)
def test_fair_widths_always_fit_and_never_grow(natural: list[int], available: int) -> None:
    widths = fair_widths(natural, available)
    assert len(widths) == len(natural)
    assert all(1 <= w <= n for w, n in zip(widths, natural, strict=True))
    if sum(natural) <= available:
        assert widths == natural
    assert sum(widths) <= available  # (never more tabs than pixels here)
    cap = max(widths)
    # A tab is shortened only to the common cap, and only when it is wider than the cap.
    assert all(w in (n, cap) for w, n in zip(widths, natural, strict=True))
    assert all(w == n for w, n in zip(widths, natural, strict=True) if n <= cap)


def test_a_narrow_record_keeps_its_short_tab_titles_whole(
    qtbot: QtBot, app_ctx: AppContext, make_client: Callable[..., ClientDetail]
) -> None:
    w = ClientWorkspace(app_ctx, make_client().id)
    qtbot.addWidget(w)
    w.resize(1800, 700)
    w.show()
    bar = w.tabs.tabBar()
    qtbot.waitUntil(lambda: bar.tabRect(bar.count() - 1).right() > 0)
    natural = [bar.tabRect(i).width() for i in range(bar.count())]
    assert sum(natural) <= w.tabs.width()  # wide: every title whole

    w.resize(700, 700)
    qtbot.waitUntil(lambda: sum(bar.tabRect(i).width() for i in range(bar.count()))
                    <= w.tabs.width())
    narrow = [bar.tabRect(i).width() for i in range(bar.count())]
    assert narrow == fair_widths(natural, w.tabs.width())
    assert narrow != natural and min(natural) in narrow  # the shortest title kept whole

    w.resize(1800, 700)
    qtbot.waitUntil(lambda: [bar.tabRect(i).width() for i in range(bar.count())] == natural)
