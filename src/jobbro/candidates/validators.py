"""The Danish personal identification number (CPR)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def cpr_birth_date(value: str) -> dt.date | None:
    """The birth date a CPR number encodes (century from the 7th digit), or None."""
    if len(value) != 10 or not value.isdigit():
        return None
    day, month, yy, seventh = int(value[:2]), int(value[2:4]), int(value[4:6]), int(value[6])
    if seventh <= 3 or (seventh in (4, 9) and yy >= 37) or (seventh in (5, 6, 7, 8) and yy >= 58):
        century = 1900
    elif seventh in (4, 9):
        century = 2000
    else:
        century = 1800 if yy >= 58 else 2000
    try:
        return dt.date(century + yy, month, day)
    except ValueError:
        return None


def validate_cpr(value: str) -> None:
    # No modulus-11 check: CPR numbers without it have been issued since 2007.
    if cpr_birth_date(value) is None:
        raise ValidationError(
            _("A CPR number has ten digits, the first six a valid date (DDMMYY)."),
            code="invalid_cpr",
        )


def normalise_cpr(value: str) -> str:
    """The ten digits as typed, without the usual hyphen and spaces (DDMMYY-SSSS)."""
    return value.replace("-", "").replace(" ", "").strip()
