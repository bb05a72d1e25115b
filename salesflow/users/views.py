"""Sign-in that restores the user's language; the profile page with social style, API tokens and
the private calendar address; the calendar feed itself."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from salesflow.contacts.social_styles import PROFILE, SocialStyle
from salesflow.core.http import AuthedHttpRequest
from salesflow.users.calendar import feed_ics
from salesflow.users.forms import ProfileForm, TokenForm
from salesflow.users.services import (
    api_token_create,
    api_token_revoke,
    calendar_feed_token_create,
    calendar_feed_token_revoke,
    calendar_feed_user,
)


class SalesflowLoginView(LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        language = form.get_user().language
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE
            )
        return response


@login_required
def profile(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profile saved."))
        return redirect("profile")
    style = PROFILE.get(SocialStyle(user.social_style)) if user.social_style else None
    return render(
        request,
        "users/profile.html",
        {
            "form": form,
            "token_form": TokenForm(),
            "tokens": user.api_tokens.all(),
            "style": style,
            "new_token": request.session.pop("new_token", None),
            **_calendar_context(request),
        },
    )


@login_required
@require_POST
def token_create(request: AuthedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    _token, raw = api_token_create(user=request.user, name=name)
    request.session["new_token"] = raw
    return redirect("profile")


@login_required
@require_POST
def token_revoke(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    token = request.user.api_tokens.filter(pk=pk).first()
    if token is None:
        raise Http404
    api_token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("profile")


# --- the private calendar feed -----------------------------------------------------------------


def _calendar_context(request: AuthedHttpRequest) -> dict[str, Any]:
    raw = request.session.pop("new_calendar_token", None)
    return {
        "calendar_token": request.user.calendar_tokens.filter(revoked_at__isnull=True).first(),
        "new_calendar_url": (
            request.build_absolute_uri(reverse("calendar_feed", args=[raw])) if raw else None
        ),
    }


@login_required
@require_POST
def calendar_token_create(request: AuthedHttpRequest) -> HttpResponse:
    _token, raw = calendar_feed_token_create(user=request.user)
    request.session["new_calendar_token"] = raw
    return redirect(reverse("profile") + "#calendar")


@login_required
@require_POST
def calendar_token_revoke(request: AuthedHttpRequest) -> HttpResponse:
    if calendar_feed_token_revoke(user=request.user):
        messages.success(
            request, _("Calendar address turned off. The old address no longer works.")
        )
    return redirect(reverse("profile") + "#calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no sign-in, the secret in the address is the key. 404 for a revoked or
    unknown one, so an address cannot be told apart from one that never existed."""
    user = calendar_feed_user(token)
    if user is None:
        raise Http404("No such calendar")
    response = HttpResponse(feed_ics(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="salesflow.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
