"""Danish company identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_is_valid(value: str) -> bool:
    """A CVR number is eight digits, not starting with 0, whose weighted sum is 0 mod 11."""
    return cvr_problem(value) is None


def cvr_problem(value: str) -> ValidationError | None:
    """What is wrong with a CVR number, in words that tell the user what to do; None if
    nothing is. An eight-digit number can still fail: its last digit is a check digit."""
    params = {"value": value}
    if not value.isdigit():
        return ValidationError(
            _("%(value)s is not a CVR number: a CVR number has digits only."),
            code="invalid_cvr",
            params=params,
        )
    if len(value) != 8:
        return ValidationError(
            _("%(value)s is not a CVR number: a CVR number has eight digits, this has %(n)s."),
            code="invalid_cvr",
            params={**params, "n": len(value)},
        )
    if value[0] == "0":
        return ValidationError(
            _("%(value)s is not a CVR number: no CVR number starts with 0."),
            code="invalid_cvr",
            params=params,
        )
    if sum(int(d) * w for d, w in zip(value, CVR_WEIGHTS, strict=True)) % 11:
        return ValidationError(
            _(
                "%(value)s is not a valid CVR number: the check digit does not match. "
                "Check the number; perhaps a digit is mistyped or two are swapped."
            ),
            code="invalid_cvr_check_digit",
            params=params,
        )
    return None


def validate_cvr(value: str) -> None:
    problem = cvr_problem(value)
    if problem is not None:
        raise problem


def validate_p_number(value: str) -> None:
    if len(value) != 10 or not value.isdigit():
        raise ValidationError(_("A P-number has ten digits."), code="invalid_p_number")
