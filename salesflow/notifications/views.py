"""The inbox: the user's notifications, unread first; opening one marks it read."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from salesflow.core.http import HtmxHttpRequest
from salesflow.notifications.selectors import (
    notification_get_own,
    notification_list_own,
    notification_unread_count,
)
from salesflow.notifications.services import notification_mark_all_read, notification_mark_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page_obj = Paginator(notification_list_own(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page_obj,
        "notifications": page_obj.object_list,
        "unread_count": notification_unread_count(request.user),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and follow its link (only ever to this site)."""
    notification = notification_get_own(request.user, pk=pk)
    notification_mark_read(notification=notification, acting_user=request.user)
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    notification = notification_get_own(request.user, pk=pk)
    notification_mark_read(notification=notification, acting_user=request.user)
    if request.htmx:
        return render(request, "notifications/_row.html", {"n": notification})
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    notification_mark_all_read(acting_user=request.user)
    return redirect("notifications:list")
