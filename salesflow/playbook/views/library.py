"""The FAB library: the searchable product list, the product page with each feature's advantage
and benefits by kind, and the forms managers and directors use to keep it."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from salesflow.playbook import services
from salesflow.playbook.forms import BenefitForm, FeatureForm, ProductFilterForm, ProductForm
from salesflow.playbook.models import Benefit, Product
from salesflow.playbook.selectors import (
    benefit_get_editable,
    feature_get_editable,
    may_edit_library,
    product_features,
    product_get,
    product_get_editable,
    product_in_use,
    product_search,
    proposal_count_of_benefits,
    require_library_editor,
)
from salesflow.playbook.views.common import HtmxHttpRequest, wants_fragment


def _product_url(product: Product, anchor: str = "") -> str:
    url = reverse("playbook:product", args=[product.pk])
    return f"{url}#{anchor}" if anchor else url


def _crumbs(product: Product | None = None) -> list[tuple[str, str]]:
    crumbs = [(reverse("playbook:products"), _("Products"))]
    if product is not None:
        crumbs.append((_product_url(product), product.name))
    return crumbs


def _render_form(
    request: HtmxHttpRequest,
    *,
    form: Any,
    title: str,
    crumbs: list[tuple[str, str]],
    submit: str,
    cancel: str,
    intro: str = "",
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "crumbs": crumbs,
        "submit": submit,
        "cancel": cancel,
        "intro": intro,
    }
    return render(request, "playbook/form.html", context, status=400 if form.errors else 200)


def _render_confirm(
    request: HtmxHttpRequest,
    *,
    title: str,
    consequences: list[str],
    submit: str,
    cancel: str,
    refusal: str = "",
) -> HttpResponse:
    context = {
        "title": title,
        "consequences": consequences,
        "submit": submit,
        "cancel": cancel,
        "refusal": refusal,
    }
    refused = bool(refusal) and request.method == "POST"
    return render(request, "playbook/confirm_delete.html", context, status=400 if refused else 200)


# --- products ----------------------------------------------------------------------------------


@login_required
@vary_on_headers("HX-Request")
def product_list(request: HtmxHttpRequest) -> HttpResponse:
    form = ProductFilterForm(request.GET)
    search = form.search_arguments()
    page_obj = Paginator(product_search(**search), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page_obj": page_obj,
        "products": page_obj.object_list,
        "is_filtered": bool(search["q"]),
        "can_edit": may_edit_library(request.user),
    }
    if wants_fragment(request):
        return render(request, "playbook/_product_results.html", context)
    return render(request, "playbook/product_list.html", context)


@login_required
def product_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    product = product_get(pk)
    can_edit = may_edit_library(request.user)
    features = product_features(product)
    if can_edit:
        for feature in features:
            feature.benefit_form = BenefitForm(auto_id=f"id_benefit_{feature.pk}_%s")  # type: ignore[attr-defined]
    context = {
        "product": product,
        "features": features,
        "can_edit": can_edit,
        "feature_form": FeatureForm(auto_id="id_new_feature_%s") if can_edit else None,
    }
    return render(request, "playbook/product_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request: HtmxHttpRequest) -> HttpResponse:
    require_library_editor(request.user)
    form = ProductForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Product “%(name)s” created.") % {"name": product.name})
            return redirect(_product_url(product))
    return _render_form(
        request,
        form=form,
        title=_("New product"),
        crumbs=_crumbs(),
        submit=_("Create product"),
        cancel=reverse("playbook:products"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    product = product_get_editable(request.user, pk)
    form = ProductForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(product=product, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Product “%(name)s” saved.") % {"name": product.name})
            return redirect(_product_url(product))
    return _render_form(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": product.name},
        crumbs=_crumbs(product),
        submit=_("Save"),
        cancel=_product_url(product),
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    product = product_get_editable(request.user, pk)
    lines = product_in_use(product)
    proposals = proposal_count_of_benefits(Benefit.objects.filter(feature__product=product))
    refusal = ""
    if request.method == "POST":
        try:
            services.product_delete(product=product, acting_user=request.user)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, _("Product “%(name)s” deleted.") % {"name": product.name})
            return redirect("playbook:products")
    elif lines:
        refusal = _(
            "Opportunities sell this product, so it cannot be deleted. Mark it inactive instead."
        )
    return _render_confirm(
        request,
        title=_("Delete %(name)s?") % {"name": product.name},
        consequences=[
            _("Its features, advantages and benefits are deleted with it."),
            *_proposal_consequence(proposals),
            _("To keep it out of new proposals but leave existing ones whole, mark it inactive."),
        ],
        submit=_("Delete the product"),
        cancel=_product_url(product),
        refusal=refusal,
    )


def _proposal_consequence(count: int) -> list[str]:
    if not count:
        return []
    return [
        ngettext(
            "%(count)s benefit picked for a proposal outline leaves that outline.",
            "%(count)s benefits picked for proposal outlines leave those outlines.",
            count,
        )
        % {"count": count}
    ]


# --- features ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def feature_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    product = product_get_editable(request.user, pk)
    form = FeatureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feature = services.feature_create(
                product=product, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Feature added."))
            return redirect(_product_url(product, f"feature-{feature.pk}"))
    return _render_form(
        request,
        form=form,
        title=_("New feature of %(name)s") % {"name": product.name},
        crumbs=_crumbs(product),
        submit=_("Add feature"),
        cancel=_product_url(product),
        intro=_(
            "A feature is a fact about the product; its advantage is what the fact makes possible."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def feature_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    feature = feature_get_editable(request.user, pk)
    form = FeatureForm(request.POST or None, instance=feature)
    if request.method == "POST" and form.is_valid():
        try:
            services.feature_update(feature=feature, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Feature saved."))
            return redirect(_product_url(feature.product, f"feature-{feature.pk}"))
    return _render_form(
        request,
        form=form,
        title=_("Edit feature"),
        crumbs=_crumbs(feature.product),
        submit=_("Save"),
        cancel=_product_url(feature.product, f"feature-{feature.pk}"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def feature_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    feature = feature_get_editable(request.user, pk)
    if request.method == "POST":
        services.feature_delete(feature=feature, acting_user=request.user)
        messages.success(request, _("Feature “%(feature)s” deleted.") % {"feature": feature})
        return redirect(_product_url(feature.product))
    proposals = proposal_count_of_benefits(feature.benefits.all())
    return _render_confirm(
        request,
        title=_("Delete the feature “%(feature)s”?") % {"feature": feature},
        consequences=[
            _("Its advantage and benefits are deleted with it."),
            *_proposal_consequence(proposals),
        ],
        submit=_("Delete the feature"),
        cancel=_product_url(feature.product, f"feature-{feature.pk}"),
    )


# --- benefits ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def benefit_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    feature = feature_get_editable(request.user, pk)
    form = BenefitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_create(feature=feature, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Benefit added."))
            return redirect(_product_url(feature.product, f"feature-{feature.pk}"))
    return _render_form(
        request,
        form=form,
        title=_("New benefit of “%(feature)s”") % {"feature": feature},
        crumbs=_crumbs(feature.product),
        submit=_("Add benefit"),
        cancel=_product_url(feature.product, f"feature-{feature.pk}"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def benefit_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    benefit = benefit_get_editable(request.user, pk)
    feature = benefit.feature
    form = BenefitForm(request.POST or None, instance=benefit)
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_update(benefit=benefit, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Benefit saved."))
            return redirect(_product_url(feature.product, f"feature-{feature.pk}"))
    return _render_form(
        request,
        form=form,
        title=_("Edit benefit of “%(feature)s”") % {"feature": feature},
        crumbs=_crumbs(feature.product),
        submit=_("Save"),
        cancel=_product_url(feature.product, f"feature-{feature.pk}"),
        intro=_("Proposal outlines that use this benefit show the new wording."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def benefit_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    benefit = benefit_get_editable(request.user, pk)
    feature = benefit.feature
    if request.method == "POST":
        services.benefit_delete(benefit=benefit, acting_user=request.user)
        messages.success(request, _("Benefit deleted."))
        return redirect(_product_url(feature.product, f"feature-{feature.pk}"))
    proposals = proposal_count_of_benefits(feature.benefits.filter(pk=benefit.pk))
    return _render_confirm(
        request,
        title=_("Delete the benefit “%(benefit)s”?") % {"benefit": benefit},
        consequences=_proposal_consequence(proposals),
        submit=_("Delete the benefit"),
        cancel=_product_url(feature.product, f"feature-{feature.pk}"),
    )
