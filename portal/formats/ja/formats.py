# Dates as Japanese readers write them (Django's own ja formats, with the time added).
DATE_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = "Y/m/d"
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = "Y/m/d H:i"
