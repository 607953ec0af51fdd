"""法人番号 (corporate number): 13 digits whose first digit checks the other twelve.

The National Tax Agency's rule: check = 9 - (sum of P_n * Q_n for n = 1..12) mod 9, where
P_n is the n-th digit of the 12-digit base counted from the right and Q_n is 1 for odd n
and 2 for even n.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def corporate_number_check_digit(base: str) -> int:
    total = sum(int(digit) * (1 if position % 2 else 2) for position, digit in enumerate(reversed(base), 1))
    return 9 - total % 9


def validate_corporate_number(value: str) -> None:
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("法人番号は半角数字13桁で入力してください。"), code="format")
    if int(value[0]) != corporate_number_check_digit(value[1:]):
        raise ValidationError(
            _("法人番号が正しくありません（チェックデジットが一致しません）。入力内容をご確認ください。"),
            code="check_digit",
        )
