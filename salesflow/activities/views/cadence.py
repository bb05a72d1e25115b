"""Cadence screens: the calls and visits due (with a per-rep summary for managers) and the
directors' page of tier rules (anyone else gets 404)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from salesflow.activities.forms_cadence import CadenceFilterForm, CadenceRuleForm
from salesflow.activities.selectors.cadence import (
    as_due_touches,
    cadence_by_rep,
    cadence_rules,
    cadence_touches,
    may_edit_cadence_rules,
)
from salesflow.activities.services.cadence import cadence_rule_update
from salesflow.playbook.views.common import HtmxHttpRequest, wants_fragment


@login_required
@require_GET
@vary_on_headers("HX-Request")
def cadence_list(request: HtmxHttpRequest) -> HttpResponse:
    on = timezone.localdate()
    form = CadenceFilterForm(request.GET, user=request.user)
    touches = cadence_touches(request.user, on=on, **form.search_arguments())
    page_obj = Paginator(touches, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "on": on,
        "page_obj": page_obj,
        "rows": as_due_touches(page_obj.object_list, on=on),
        "is_filtered": form.is_filtered,
    }
    if wants_fragment(request):
        return render(request, "activities/_cadence_results.html", context)
    context["by_rep"] = cadence_by_rep(request.user, on=on)
    context["may_edit_rules"] = may_edit_cadence_rules(request.user)
    return render(request, "activities/cadence_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cadence_rule_edit(request: HtmxHttpRequest) -> HttpResponse:
    if not may_edit_cadence_rules(request.user):
        raise Http404("No such page")
    data = request.POST if request.method == "POST" else None
    forms = [CadenceRuleForm(data, rule=rule) for rule in cadence_rules().values()]
    # A list, not a generator: every form is validated and shows its own errors.
    saved = data is not None and all([f.is_valid() for f in forms]) and _save_rules(forms, request)
    if saved:
        messages.success(request, _("Cadence saved."))
        return redirect("cadence:rules")
    return render(
        request,
        "activities/cadence_rules.html",
        {"forms": forms},
        status=400 if any(form.errors for form in forms) else 200,
    )


def _save_rules(forms: list[CadenceRuleForm], request: HtmxHttpRequest) -> bool:
    """Save every tier's rule, or none of them when the service refuses one."""
    with transaction.atomic():
        for form in forms:
            try:
                cadence_rule_update(rule=form.rule, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
                transaction.set_rollback(True)
                return False
    return True
