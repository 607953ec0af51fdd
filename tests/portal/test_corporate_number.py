import pytest
from django.core.exceptions import ValidationError

from portal.lib.corporate_number import corporate_number_check_digit, validate_corporate_number
from portal.lib.text import normalise_digits

# Published in the National Tax Agency's 法人番号公表サイト.
REAL_NUMBERS = {
    "国税庁": "7000012050002",
    "トヨタ自動車株式会社": "1180301018771",
    "ソニーグループ株式会社": "5010401067252",
    "任天堂株式会社": "1130001011420",
    "株式会社日立製作所": "7010001008844",
    "独立行政法人情報処理推進機構": "5010005007126",
}


@pytest.mark.parametrize("name,number", REAL_NUMBERS.items())
def test_real_corporate_numbers_are_accepted(name, number):
    validate_corporate_number(number)


@pytest.mark.parametrize("number", REAL_NUMBERS.values())
def test_each_single_digit_typo_is_caught(number):
    """Changing any one of the twelve base digits changes the check digit."""
    for position in range(1, 13):
        for replacement in "0123456789":
            if replacement == number[position]:
                continue
            corrupted = number[:position] + replacement + number[position + 1 :]
            if corporate_number_check_digit(corrupted[1:]) == int(corrupted[0]):
                # Weights 1 and 2 mod 9 cannot hide a single-digit change except 0 <-> 9.
                assert {number[position], replacement} == {"0", "9"}
                continue
            with pytest.raises(ValidationError) as raised:
                validate_corporate_number(corrupted)
            assert raised.value.code == "check_digit"


@pytest.mark.parametrize(
    "number",
    [
        "8000012050002",  # 国税庁 with the wrong check digit
        "1180301018717",  # トヨタ with two digits swapped
        "5010401067253",  # ソニー with its last digit changed
    ],
)
def test_corrupted_numbers_are_rejected(number):
    with pytest.raises(ValidationError) as raised:
        validate_corporate_number(number)
    assert raised.value.code == "check_digit"
    assert "法人番号が正しくありません" in raised.value.messages[0]


@pytest.mark.parametrize(
    "value", ["", "123", "11803010187710", "118030101877a", "１１８０３０１０１８７７１"]
)
def test_wrong_length_or_characters_are_rejected_as_format(value):
    with pytest.raises(ValidationError) as raised:
        validate_corporate_number(value)
    assert raised.value.code == "format"


def test_check_digit_of_nine():
    # A base whose weighted sum is a multiple of 9 has the check digit 9.
    assert corporate_number_check_digit("000000000000") == 9


def test_full_width_digits_and_hyphens_are_normalised_before_validation():
    assert normalise_digits("１-１８０３-０１０１-８７７１") == "1180301018771"
    assert normalise_digits("1180 3010 1877 1") == "1180301018771"
