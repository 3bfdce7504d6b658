from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from orders.models import Market


class ViewerContextMiddleware:
    """Language, market and time zone of whoever is looking.

    A logged-in user's preferred language wins over the browser's; every date is shown in
    the viewer's market time zone (buyers: where they shop; seller staff: where they work;
    visitors and staff without a market: DEFAULT_MARKET).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        languages = dict(settings.LANGUAGES)
        if user.is_authenticated and user.preferred_language in languages:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        code = (user.market_id if user.is_authenticated else None) or settings.DEFAULT_MARKET
        market = Market.objects.filter(code=code).first()
        request.market = market  # type: ignore[attr-defined]  # see orders.http.ViewerRequest
        if market:
            timezone.activate(market.tzinfo)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
