"""Italian dates without Django's leading weekday ("Lunedì 07 Dicembre 2026 18:00"), which
turned "entro il %(due)s" into "entro il Lunedì…"."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y, H:i"
FIRST_DAY_OF_WEEK = 1
