"""Sign-in that restores the user's language; the profile page with social style and API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salesflow.contacts.social_styles import PROFILE, SocialStyle
from salesflow.core.http import AuthedHttpRequest
from salesflow.users.forms import ProfileForm, TokenForm
from salesflow.users.services import api_token_create, api_token_revoke


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
