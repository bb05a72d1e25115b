"""An htmx request whose session has expired gets 401 and a redirect to sign-in, not a login page
swapped into the middle of another page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url


class HtmxSessionExpiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 302
            and getattr(request, "htmx", False)
            and not request.user.is_authenticated
            and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
        ):
            expired = HttpResponse(status=401)
            expired["HX-Redirect"] = response["Location"]
            return expired
        return response
