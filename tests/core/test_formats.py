import datetime as dt

from django.utils import formats, translation


def test_english_dates_read_day_first_as_in_denmark() -> None:
    with translation.override("en"):
        assert formats.date_format(dt.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23/11/2026"


def test_danish_dates_keep_djangos_danish_format() -> None:
    with translation.override("da"):
        assert formats.date_format(dt.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23.11.2026"
