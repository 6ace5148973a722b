"""Danish company identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_is_valid(value: str) -> bool:
    """A CVR number is eight digits, not starting with 0, whose weighted sum is 0 mod 11."""
    if len(value) != 8 or not value.isdigit() or value[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(value, CVR_WEIGHTS, strict=True)) % 11 == 0


def validate_cvr(value: str) -> None:
    if not cvr_is_valid(value):
        raise ValidationError(
            _("%(value)s is not a valid CVR number (eight digits with a valid check digit)."),
            code="invalid_cvr",
            params={"value": value},
        )


def validate_p_number(value: str) -> None:
    if len(value) != 10 or not value.isdigit():
        raise ValidationError(_("A P-number has ten digits."), code="invalid_p_number")
