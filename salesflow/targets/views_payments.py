"""Recording a payment on a won opportunity: the form sits on the opportunity page; this view
records it, or shows the form again with what to fix."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from salesflow.core.http import AuthedHttpRequest
from salesflow.pipeline.forms import add_service_errors
from salesflow.pipeline.selectors import opportunity_get_visible
from salesflow.targets.forms import PaymentForm
from salesflow.targets.selectors import collected_on, payments_of
from salesflow.targets.services import payment_record


@login_required
@require_http_methods(["GET", "POST"])
def payment_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_visible(request.user, pk)
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment = payment_record(
                opportunity=opportunity, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Payment of ¥%(amount)s recorded.") % {"amount": f"{payment.amount:,.2f}"},
            )
            return redirect(f"{opportunity.get_absolute_url()}#payments")
    context = {
        "opportunity": opportunity,
        "form": form,
        "payments": payments_of(opportunity),
        "collected": collected_on(opportunity),
    }
    return render(request, "targets/payment_form.html", context, status=400 if form.errors else 200)
