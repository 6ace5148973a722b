"""The CVR message gives the real reason, so the user knows what to check."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jobbro.companies.validators import validate_cvr


def _message(value: str) -> str:
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        validate_cvr(value)
    with translation.override("en"):
        return refused.value.messages[0]


def test_an_eight_digit_number_with_a_wrong_check_digit_says_so() -> None:
    message = _message("12345678")

    assert "check digit does not match" in message
    assert "Check the number" in message
    assert "eight digits" not in message


def test_a_number_of_the_wrong_length_says_how_many_digits_it_has() -> None:
    assert "eight digits, this has 4" in _message("1234")


def test_a_number_with_letters_says_digits_only() -> None:
    assert "digits only" in _message("1234567A")


def test_a_number_starting_with_zero_says_so() -> None:
    assert "starts with 0" in _message("01000009")


def test_the_check_digit_message_is_danish_by_default() -> None:
    with pytest.raises(ValidationError) as refused, translation.override("da"):
        validate_cvr("10000008")
    with translation.override("da"):
        assert "kontrolcifferet" in refused.value.messages[0]


def test_a_valid_number_passes() -> None:
    validate_cvr("10000009")
