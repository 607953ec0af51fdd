import pytest

from declaration.ids import format_declaration_id, is_valid_declaration_id, luhn_check_digit


def test_format_is_11_digits_starting_with_4_with_a_check_digit():
    declaration_id = format_declaration_id(1)
    assert declaration_id == "4000000001" + str(luhn_check_digit("4000000001"))
    assert len(declaration_id) == 11
    assert is_valid_declaration_id(declaration_id)


@pytest.mark.parametrize("serial", [1, 42, 123456, 999_999_999])
def test_every_single_digit_typo_is_caught(serial):
    declaration_id = format_declaration_id(serial)
    for position in range(1, 11):
        for digit in "0123456789":
            if digit != declaration_id[position]:
                typo = declaration_id[:position] + digit + declaration_id[position + 1 :]
                assert not is_valid_declaration_id(typo), typo


@pytest.mark.parametrize("serial", [12, 3456, 78901, 234567891])
def test_swapped_neighbours_are_caught_except_09_90(serial):
    declaration_id = format_declaration_id(serial)
    for position in range(1, 10):
        a, b = declaration_id[position], declaration_id[position + 1]
        if a == b or {a, b} == {"0", "9"}:  # the one swap Luhn cannot see
            continue
        swapped = declaration_id[:position] + b + a + declaration_id[position + 2 :]
        assert not is_valid_declaration_id(swapped), swapped


@pytest.mark.parametrize("value", ["", "4", "5000000001" + "0", "4000000001x", "４０００００００１２"])
def test_malformed_ids_are_invalid(value):
    assert not is_valid_declaration_id(value)


def test_serial_out_of_range():
    with pytest.raises(ValueError, match="out of range"):
        format_declaration_id(10**9)
