# Day-month-year with the month in words: unambiguous for readers from any country
# (26 Nov 2026), where 11/26/2026 or 26/11/2026 would each mislead someone.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
