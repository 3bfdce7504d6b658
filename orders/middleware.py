from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from orders.models import Market


class ViewerContextMiddleware:
    """Language, market and time zone of whoever is looking.

    Language: a logged-in user's own choice, else their market's language
    (`User.reading_language`), else what LocaleMiddleware chose from the browser. Every date
    is shown in the viewer's market time zone (buyers: where they shop; seller staff: where
    they work; visitors and staff without a market: DEFAULT_MARKET).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.market_id:
            market = user.market  # one query, kept on the user for reading_language
        else:
            market = Market.objects.filter(code=settings.DEFAULT_MARKET).first()
        request.market = market  # type: ignore[attr-defined]  # see orders.http.ViewerRequest
        language = user.reading_language() if user.is_authenticated else None
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        if market:
            timezone.activate(market.tzinfo)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
