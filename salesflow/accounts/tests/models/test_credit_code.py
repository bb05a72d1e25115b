import pytest
from django.core.exceptions import ValidationError

from salesflow.accounts.credit_code import normalise_credit_code, validate_credit_code

# Published codes of real companies: the checksum was computed by the registration authority.
FUJIAN_EXAMPLE = "91350100M000100Y43"
BAIDU = "91110108551385082Q"


def error_code(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(value)
    return caught.value.code


@pytest.mark.parametrize("code", [FUJIAN_EXAMPLE, BAIDU])
def test_a_registered_credit_code_is_accepted(code):
    validate_credit_code(code)


def test_lowercase_and_spaces_are_normalised_before_checking():
    typed = " 9135 0100 m000 100y 43 "

    validate_credit_code(typed)
    assert normalise_credit_code(typed) == FUJIAN_EXAMPLE


@pytest.mark.parametrize("code", [FUJIAN_EXAMPLE[:17], FUJIAN_EXAMPLE + "0", ""])
def test_a_code_that_is_not_18_characters_long_is_refused(code):
    assert error_code(code) == "length"


def test_the_length_error_says_how_many_characters_were_given():
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(FUJIAN_EXAMPLE[:17])

    assert "17" in caught.value.messages[0]


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_letters_the_standard_leaves_out_are_refused(letter):
    code = FUJIAN_EXAMPLE[:8] + letter + FUJIAN_EXAMPLE[9:]

    with pytest.raises(ValidationError) as caught:
        validate_credit_code(code)

    assert caught.value.code == "characters"
    assert letter in caught.value.messages[0]


def test_a_wrong_check_character_is_refused():
    assert error_code(FUJIAN_EXAMPLE[:17] + "4") == "checksum"


def test_a_single_mistyped_digit_is_caught_by_the_check_character():
    mistyped = FUJIAN_EXAMPLE[:5] + "2" + FUJIAN_EXAMPLE[6:]

    assert error_code(mistyped) == "checksum"
