"""The one normaliser for numbers people type (portal.lib.text)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.lib.text import HYPHENS, normalise_digits, normalise_number

FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
# Every character people type for a hyphen, before NFKC (ｰ and U+2011 fold into HYPHENS).
TYPED_HYPHENS = HYPHENS + "－ｰ\u2011"

digit_groups = st.lists(st.text(alphabet="0123456789", min_size=1, max_size=5), min_size=1, max_size=5)


@given(groups=digit_groups, hyphen=st.sampled_from(TYPED_HYPHENS + "-"), full_width=st.booleans())
def test_any_hyphen_and_digit_width_give_the_same_number(groups, hyphen, full_width):
    typed = hyphen.join(groups)
    if full_width:
        typed = typed.translate(FULL_WIDTH)
    assert normalise_number(typed) == "-".join(groups)
    assert normalise_digits(typed) == "".join(groups)


number_like = st.text(alphabet="0123456789０１２３４５６７８９abcXYZ 　()" + TYPED_HYPHENS + "-")


@given(number_like)
def test_normalising_twice_changes_nothing(text):
    once = normalise_number(text)
    assert normalise_number(once) == once
    assert normalise_digits(normalise_digits(text)) == normalise_digits(text)


@given(st.text())
def test_digits_are_ascii_and_no_hyphen_look_alike_survives(text):
    result = normalise_number(text)
    assert not set(result) & set(TYPED_HYPHENS)
    assert not any(ch in "０１２３４５６７８９" for ch in result)


@given(st.text(alphabet=st.characters(codec="ascii", categories=["L"]), min_size=1))
def test_letters_are_kept_so_that_they_still_fail_validation(letters):
    assert normalise_digits("12" + letters) == "12" + letters


@pytest.mark.parametrize(
    "typed,number,digits",
    [
        ("０５２－０００－１２３４", "052-000-1234", "0520001234"),
        ("052ー000ー1234", "052-000-1234", "0520001234"),
        ("052−000−1234", "052-000-1234", "0520001234"),
        ("052―000―1234", "052-000-1234", "0520001234"),
        ("052‐000‐1234", "052-000-1234", "0520001234"),
        ("052\u2011000\u20111234", "052-000-1234", "0520001234"),
        ("　052-000-1234　", "052-000-1234", "0520001234"),
        ("１２３４　５６７８", "1234 5678", "12345678"),
        ("", "", ""),
        (None, "", ""),
    ],
)
def test_typed_numbers(typed, number, digits):
    assert normalise_number(typed) == number
    assert normalise_digits(typed) == digits
