"""Screens for contacts: the list, the contact page with its stakeholder sheet and style advice,
and the create / edit / delete forms."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from salesflow.contacts import services
from salesflow.contacts.forms import (
    CONTACT_FIELDS,
    ContactFilterForm,
    ContactForm,
    add_service_errors,
)
from salesflow.contacts.models import Contact
from salesflow.contacts.selectors import (
    contact_direct_reports_visible,
    contact_get_visible,
    contact_history,
    contact_search,
)
from salesflow.contacts.social_styles import PROFILE, SocialStyle, advise
from salesflow.core.http import HtmxHttpRequest


@login_required
@vary_on_headers("HX-Request")
def contact_list(request: HtmxHttpRequest) -> HttpResponse:
    filter_form = ContactFilterForm(request.GET, user=request.user)
    contacts = contact_search(request.user, **filter_form.filters())
    page_obj = Paginator(contacts, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter_form": filter_form, "page_obj": page_obj}
    # A history restore after a cache miss needs the whole page, not the fragment.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "contacts/_contact_results.html", context)
    return render(request, "contacts/contact_list.html", context)


@login_required
def contact_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    contact = contact_get_visible(request.user, pk)
    return render(
        request,
        "contacts/contact_detail.html",
        {
            "contact": contact,
            "direct_reports": contact_direct_reports_visible(request.user, contact),
            "history": contact_history(contact),
            **_style_context(own_style=request.user.social_style, contact=contact),
        },
    )


def _style_context(*, own_style: str, contact: Contact) -> dict[str, Any]:
    """The contact's style profile and, when both styles are known, how to adapt to them."""
    their_style = contact.social_style
    both_known = bool(own_style and their_style)
    return {
        "own_style_label": SocialStyle(own_style).label if own_style else "",
        "contact_style_profile": PROFILE[SocialStyle(their_style)] if their_style else None,
        "advice": advise(own_style=own_style, their_style=their_style) if both_known else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HtmxHttpRequest) -> HttpResponse:
    form = ContactForm(
        request.POST or None, user=request.user, initial={"account": request.GET.get("account")}
    )
    if request.htmx and request.method == "GET":
        return render(request, "contacts/_reports_to_field.html", {"form": form})
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Contact %(name)s created.") % {"name": contact.name})
            return redirect(contact)
    return render(
        request,
        "contacts/contact_form.html",
        {"form": form, "contact": None, "account": form.chosen_account()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    contact = contact_get_visible(request.user, pk)
    initial = model_to_dict(contact, fields=CONTACT_FIELDS)
    if request.GET.get("account"):
        initial["account"] = request.GET["account"]
    form = ContactForm(request.POST or None, user=request.user, contact=contact, initial=initial)
    if request.htmx and request.method == "GET":
        return render(request, "contacts/_reports_to_field.html", {"form": form})
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Contact saved."))
            return redirect(contact)
    return render(
        request,
        "contacts/contact_form.html",
        {"form": form, "contact": contact, "account": contact.account},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    contact = contact_get_visible(request.user, pk)
    if request.method == "POST" and request.POST.get("confirm"):
        name = contact.name
        services.contact_delete(contact=contact, acting_user=request.user)
        messages.success(request, _("Contact %(name)s deleted.") % {"name": name})
        return redirect("contacts:list")
    return render(request, "contacts/contact_confirm_delete.html", {"contact": contact})
