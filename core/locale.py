"""The reader's locale for Babel (CLDR) formatting: the one place the active language becomes a
locale. The platform's English is Europe's ("en_GB": day before month, "14 Sept")."""

from django.utils.translation import get_language, to_locale


def reader_locale() -> str:
    language = get_language() or "en"
    return "en_GB" if language == "en" else to_locale(language)
