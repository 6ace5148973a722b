from django.utils import translation

from jobbro.kpis.measures import (
    Average,
    Count,
    Durations,
    Share,
    durations,
    export_text,
    suppress_small,
)
from jobbro.kpis.templatetags.kpi_figures import figure_text


def test_counts_from_one_to_four_leave_as_under_five():
    assert [suppress_small(n) for n in (0, 1, 4, 5, 120)] == ["0", "<5", "<5", "5", "120"]
    assert suppress_small(None) == "–"


def test_a_share_of_nothing_has_no_percent_not_a_division_by_zero():
    assert Share(0, 0).ratio is None and Share(0, 0).percent is None
    assert Share(3, 7).percent == 43


def test_exports_suppress_small_counts_and_shares_built_on_them():
    assert export_text(Count(3)) == "<5"
    assert export_text(Count(12)) == "12"
    assert export_text(Share(3, 40)) == "<5"
    assert export_text(Share(30, 40)) == "75 %"
    assert export_text(Share(0, 0)) == "–"
    assert export_text(Average(4.25, 2)) == "<5"
    with translation.override("en"):
        assert export_text(Average(4.25, 8)) == "4.2"
    with translation.override("da"):  # the page's decimal mark
        assert export_text(Average(3.4, 8)) == "3,4"
        assert export_text(Durations(14.5, 30, 8)) == "14,5 / 30"
    assert export_text(Durations(14.0, 30, 3)) == "<5"
    assert export_text(None) == "–"


def test_median_and_nearest_rank_90th_percentile():
    assert durations([30, 10, 14]) == Durations(14.0, 30, 3)
    assert durations([1, 2, 3, 4]) == Durations(2.5, 4, 4)
    # Ten values: the 90th percentile is the ninth.
    assert durations(list(range(1, 11))) == Durations(5.5, 9, 10)
    assert durations([]) == Durations(None, None, 0)


def test_an_average_is_rounded_not_cut_off_on_the_page_and_in_exports() -> None:
    with translation.override("da"):
        assert export_text(Average(3.485, 229)) == "3,5"
        assert export_text(Average(3.75, 20)) == "3,8"
        assert figure_text(Average(3.18, 50)).startswith("3,2 ")
