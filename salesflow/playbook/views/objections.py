"""The objection playbook (拒绝理由): the searchable list of objections with their prepared
answers, one objection's page, the director's editor, and the report of how often each objection
is met and overcome."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from salesflow.activities.forms_activities import add_service_errors
from salesflow.activities.selectors.activities import objection_report
from salesflow.playbook import services
from salesflow.playbook.forms_objections import (
    ObjectionForm,
    ObjectionReportForm,
    ObjectionSearchForm,
)
from salesflow.playbook.models import Objection
from salesflow.playbook.selectors import (
    may_edit_objections,
    objection_get,
    objection_get_editable,
    objection_search,
)
from salesflow.playbook.views.common import HtmxHttpRequest, wants_fragment


@login_required
@vary_on_headers("HX-Request")
def objection_list(request: HtmxHttpRequest) -> HttpResponse:
    form = ObjectionSearchForm(request.GET)
    can_edit = may_edit_objections(request.user)
    context = {
        "form": form,
        "objections": objection_search(q=form.query(), include_inactive=can_edit),
        "is_filtered": bool(form.query()),
        "can_edit": can_edit,
    }
    if wants_fragment(request):
        return render(request, "playbook/_objection_results.html", context)
    return render(request, "playbook/objection_list.html", context)


@login_required
def objection_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    objection = objection_get(pk)
    context = {"objection": objection, "can_edit": may_edit_objections(request.user)}
    return render(request, "playbook/objection_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def objection_create(request: HtmxHttpRequest) -> HttpResponse:
    if not may_edit_objections(request.user):
        raise Http404("No such page")  # the editor does not exist for non-directors
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def objection_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _edit(request, objection_get_editable(request.user, pk))


def _edit(request: HtmxHttpRequest, objection: Objection | None) -> HttpResponse:
    form = ObjectionForm.for_objection(request.POST or None, objection)
    if request.method == "POST" and form.is_valid():
        try:
            if objection is None:
                objection = services.objection_create(acting_user=request.user, **form.cleaned_data)
            else:
                objection = services.objection_update(
                    objection=objection, acting_user=request.user, **form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Objection “%(title)s” saved.") % {"title": objection})
            return redirect("playbook:objection", pk=objection.pk)
    return render(
        request,
        "playbook/objection_form.html",
        {"form": form, "objection": objection},
        status=400 if form.errors else 200,
    )


@login_required
def objection_report_page(request: HtmxHttpRequest) -> HttpResponse:
    form = ObjectionReportForm(request.GET, user=request.user)
    date_from, date_to = form.period()
    report = objection_report(request.user, date_from=date_from, date_to=date_to, **form.scope())
    context = {"form": form, "report": report, "date_from": date_from, "date_to": date_to}
    return render(request, "playbook/objection_report.html", context)
