"""自己宣言ID: 11 digits, starting with 4, the last digit a Luhn check digit.

The Luhn check catches every single mistyped digit and almost every swap of two
neighbouring digits, which is what happens when an ID is copied from a business card
into a subsidy form.
"""

PREFIX = "4"
LENGTH = 11
SERIAL_DIGITS = LENGTH - len(PREFIX) - 1  # 9


def luhn_check_digit(digits: str) -> int:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # doubled: the digit next to the check digit, then every other
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def format_declaration_id(serial: int) -> str:
    if not 0 < serial < 10**SERIAL_DIGITS:
        raise ValueError(f"serial {serial} out of range")
    body = f"{PREFIX}{serial:0{SERIAL_DIGITS}d}"
    return f"{body}{luhn_check_digit(body)}"


def is_valid_declaration_id(value: str) -> bool:
    return (
        len(value) == LENGTH
        and value.isascii()
        and value.isdigit()
        and value.startswith(PREFIX)
        and int(value[-1]) == luhn_check_digit(value[:-1])
    )
