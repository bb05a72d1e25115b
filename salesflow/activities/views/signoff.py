"""What the visit plan and daily report views share: the list that answers an htmx filter with its
results, the page that answers an htmx action with its fragment, and the shape of every action on
that page: parse the form, call one service with the version the user saw, and answer with the
refreshed page, or with the refusal (409 for the record's state, 403 for someone whose action it
is not)."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from salesflow.activities.forms_loop import VersionForm, add_service_errors
from salesflow.activities.models import DailyReport, VisitPlan
from salesflow.activities.services.signoff import NotAllowed, Refused
from salesflow.core.http import AuthedHttpRequest, HtmxHttpRequest

Record = TypeVar("Record", VisitPlan, DailyReport)
Data = dict[str, Any]  # the valid form's cleaned_data, with the record under the page's name


def refusal_status(refused: Exception) -> int:
    """403 when the action is not the user's to take; 409 when the record's state refuses it."""
    return 403 if isinstance(refused, NotAllowed) else 409


def next_url(request: AuthedHttpRequest) -> str:
    """Where a form asked to go back to (the queue), if it is a page of this site."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""


def render_list(request: HtmxHttpRequest, name: str, context: dict[str, Any]) -> HttpResponse:
    """The list page of plans or reports (`name`), or only its results for an htmx filter."""
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"activities/_{name}_results.html", context)
    return render(request, f"activities/{name}_list.html", context)


def render_record(
    request: HtmxHttpRequest,
    name: str,
    context: dict[str, Any],
    *,
    forms: dict[str, Form],
    refusal: str,
    status: int,
) -> HttpResponse:
    """The page of a plan or report (`name`), or only its #plan / #report fragment when an htmx
    action answers, with each form as "<key>_form" and the refusal, if any, on top."""
    fragment = request.method == "POST" and bool(request.htmx)
    context = {
        **context,
        "refusal": refusal,
        "fragment": fragment,
        **{f"{key}_form": form for key, form in forms.items()},
    }
    template = f"activities/_{name}_page.html" if fragment else f"activities/{name}_detail.html"
    return render(request, template, context, status=status)


@dataclass(frozen=True)
class LoopPage(Generic[Record]):
    """What an action needs to answer with the page of its plan or report: the `name` its data
    holds the record under and its URL is named after ("loop:plan"), how to `fetch` the one the
    user sees with what the page shows (404 otherwise), and how to `render` it."""

    name: str
    fetch: Callable[[Any, Any], Record]
    render: Callable[..., HttpResponse]


def perform_action(
    request: HtmxHttpRequest,
    pk: int,
    form: Form,
    *,
    page: LoopPage[Any],
    form_key: str,
    action: Callable[[Data], str],
) -> HttpResponse:
    """Run `action` (a service call answering the success message) on the valid form, then show
    the refreshed page (or go back where the form asked to), or the page with what went wrong:
    the form's errors (400) or the refusal (409 or 403, see refusal_status)."""
    record = page.fetch(request.user, pk)

    def again(status: int) -> HttpResponse:
        fresh = page.fetch(request.user, pk)
        return page.render(request, fresh, forms={form_key: form}, status=status)

    if not form.is_valid():
        return again(400)
    try:
        message = action({**form.cleaned_data, page.name: record})
    except (Refused, NotAllowed) as refused:
        fresh = page.fetch(request.user, pk)
        return page.render(request, fresh, refusal=str(refused), status=refusal_status(refused))
    except ValidationError as error:
        add_service_errors(form, error)
        return again(400)
    messages.success(request, message)
    target = next_url(request)
    if target:
        return redirect(target)
    if request.htmx:
        return page.render(request, page.fetch(request.user, pk))
    return redirect(f"loop:{page.name}", pk)


def loop_action(
    page: LoopPage[Any], *, form_key: str, form: type[Form] = VersionForm
) -> Callable[
    [Callable[[HtmxHttpRequest, Data], str]], Callable[[HtmxHttpRequest, int], HttpResponse]
]:
    """Make the POST view of an action whose form needs nothing but the POST data; `action` calls
    the service with the data and returns the success message, and the view answers as
    perform_action does. `form_key` is the form's name on the page."""

    def decorate(
        action: Callable[[HtmxHttpRequest, Data], str],
    ) -> Callable[[HtmxHttpRequest, int], HttpResponse]:
        @login_required
        @require_POST
        @wraps(action)
        def view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
            return perform_action(
                request,
                pk,
                form(request.POST),
                page=page,
                form_key=form_key,
                action=lambda data: action(request, data),
            )

        return view

    return decorate
