"""Account screens: the searchable list, the account page with its buying centre, and the forms."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from salesflow.accounts import services
from salesflow.accounts.forms import AccountFilterForm, AccountForm, TeamMemberForm
from salesflow.accounts.models import Account, Tier
from salesflow.accounts.selectors import (
    account_can_manage,
    account_get_editable,
    account_get_manageable,
    account_get_visible,
    account_list_visible,
    account_search,
    account_selection_rank,
    account_team,
    subsidiaries_visible,
)
from salesflow.contacts.models import Attitude
from salesflow.contacts.selectors import buying_centre_tree, contact_search
from salesflow.core.history import field_label, history_for
from salesflow.core.http import HtmxHttpRequest
from salesflow.pipeline.selectors import opportunity_search

HISTORY_ROWS = 50
# The column a header sorts by, and the direction of its first click (largest first for numbers).
SORTABLE_COLUMNS = {
    "name": "name",
    "tier": "tier",
    "revenue": "-revenue",
    "score": "-score",
    "updated": "-updated",
}
# History rows the account services write under names that are not model fields.
EXTRA_HISTORY_LABELS = {"account team": gettext_lazy("account team")}


def _wants_fragment(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def _sort_headers(current: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the `sort` value its header links to and its aria-sort state."""
    headers = {}
    for column, first in SORTABLE_COLUMNS.items():
        if current.lstrip("-") == column:
            descending = current.startswith("-")
            headers[column] = {
                "param": column if descending else f"-{column}",
                "state": "descending" if descending else "ascending",
            }
        else:
            headers[column] = {"param": first, "state": "none"}
    return headers


@login_required
def account_list(request: HtmxHttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET, user=request.user)
    search = form.search_arguments()
    accounts = account_search(request.user, **search)
    page_obj = Paginator(accounts, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "accounts": page_obj.object_list,
        "sort": search["sort"],
        "sort_headers": _sort_headers(search["sort"]),
        "is_filtered": form.is_filtered,
    }
    if _wants_fragment(request):
        return render(request, "accounts/_results.html", context)
    return render(request, "accounts/list.html", context)


def _history_rows(account: Account) -> list[Any]:
    rows = list(history_for(account)[:HISTORY_ROWS])
    for row in rows:
        extra = EXTRA_HISTORY_LABELS.get(row.field)
        label = extra if extra is not None else field_label(Account, row.field)
        row.label = capfirst(label)  # type: ignore[attr-defined]
    return rows


def _suggested_tier(account: Account) -> str | None:
    """The tier's label the size rule suggests, when it differs from the account's tier."""
    suggested = services.tier_suggest(
        annual_revenue=account.annual_revenue,
        employees=account.employees,
        net_assets=account.net_assets,
    )
    return None if suggested == account.tier else str(Tier(suggested).label)


def _render_detail(
    request: HttpRequest, account: Account, *, team_form: TeamMemberForm | None = None
) -> HttpResponse:
    can_manage = account_can_manage(request.user, account)
    if can_manage and team_form is None:
        team_form = TeamMemberForm(user=request.user)
    context = {
        "account": account,
        "can_edit": True,
        "can_manage": can_manage,
        "parent_visible": account.parent_id is not None
        and account_list_visible(request.user).filter(pk=account.parent_id).exists(),
        "suggested_tier": _suggested_tier(account),
        "selection_rank": account_selection_rank(request.user, account),
        "scores": [
            (capfirst(field_label(Account, name)), getattr(account, name))
            for name in Account.SCORE_FIELDS
        ],
        "subsidiaries": subsidiaries_visible(request.user, account),
        "team": account_team(account),
        "team_form": team_form if can_manage else None,
        "contacts": contact_search(request.user, account=account.pk),
        "orgchart": buying_centre_tree(account),
        "opportunities": opportunity_search(request.user, account=account.pk),
        "attitudes": Attitude.choices,
        "history": _history_rows(account),
    }
    status = 400 if team_form is not None and team_form.errors else 200
    return render(request, "accounts/detail.html", context, status=status)


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, account_get_visible(request.user, pk))


@login_required
def account_create(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if not fields["tier"]:
            del fields["tier"]  # the service suggests one from the size facts
        try:
            account = services.account_create(acting_user=request.user, **fields)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Account “%(name)s” created.") % {"name": account.name})
            return redirect(account)
    return render(request, "accounts/form.html", {"form": form, "account": None})


@login_required
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_editable(request.user, pk)
    form = AccountForm(request.POST or None, user=request.user, account=account)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if not fields["tier"]:
            fields["tier"] = services.tier_suggest(
                annual_revenue=fields["annual_revenue"],
                employees=fields["employees"],
                net_assets=fields["net_assets"],
            )
        try:
            account = services.account_update(account=account, acting_user=request.user, **fields)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Account “%(name)s” saved.") % {"name": account.name})
            return redirect(account)
    return render(request, "accounts/form.html", {"form": form, "account": account})


@login_required
def account_delete(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_manageable(request.user, pk)
    if request.method == "POST":
        name = account.name
        services.account_delete(account=account, acting_user=request.user)
        messages.success(request, _("Account “%(name)s” deleted.") % {"name": name})
        return redirect("accounts:list")
    context = {
        "account": account,
        "contact_count": contact_search(request.user, account=account.pk).count(),
        "subsidiary_count": subsidiaries_visible(request.user, account).count(),
    }
    return render(request, "accounts/delete.html", context)


@login_required
@require_POST
def team_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_manageable(request.user, pk)
    form = TeamMemberForm(request.POST, user=request.user)
    if not form.is_valid():
        return _render_detail(request, account, team_form=form)
    member = services.account_team_member_set(
        account=account,
        user=form.cleaned_data["user"],
        team_role=form.cleaned_data["team_role"],
        acting_user=request.user,
    )
    messages.success(
        request,
        _("%(person)s is on the account team as %(role)s.")
        % {"person": member.user, "role": member.get_team_role_display()},
    )
    return redirect(f"{account.get_absolute_url()}#team")


@login_required
@require_POST
def team_member_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    account = account_get_manageable(request.user, pk)
    member = account_team(account).filter(user_id=user_pk).first()
    if member is None:
        raise Http404("No such team member")
    services.account_team_member_remove(account=account, user=member.user, acting_user=request.user)
    messages.success(request, _("%(person)s left the account team.") % {"person": member.user})
    return redirect(f"{account.get_absolute_url()}#team")
