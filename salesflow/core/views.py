"""Home page per role, and the language switch."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from salesflow.core.selectors import home_summary
from salesflow.users.services import user_set_preferences


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", home_summary(request.user))


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie), and remembered on the profile of a signed-in user."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in {"en", "zh-hans"}:
        user_set_preferences(user=request.user, language=language)  # type: ignore[arg-type]
    return response
