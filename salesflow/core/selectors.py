"""What the home page shows each role: a handful of aggregates, all through visibility."""

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from salesflow.accounts.models import Account, KeyAccountType, Tier
from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.selectors.cadence import cadence_by_rep, cadence_home
from salesflow.contacts.selectors import contact_list_visible
from salesflow.core.models import ChangeRecord
from salesflow.org.visibility import users_visible_to
from salesflow.reports.dashboards import home_dashboard
from salesflow.targets.progress import home_progress
from salesflow.users.models import Role


def home_summary(user: Any) -> dict[str, Any]:
    accounts = account_list_visible(user)
    tiers = accounts.aggregate(
        total=Count("pk"),
        a=Count("pk", filter=Q(tier=Tier.A)),
        b=Count("pk", filter=Q(tier=Tier.B)),
        c=Count("pk", filter=Q(tier=Tier.C)),
        key=Count("pk", filter=~Q(key_account_type=KeyAccountType.NONE)),
    )
    contacts = contact_list_visible(user).aggregate(
        total=Count("pk"),
        allies=Count("pk", filter=Q(is_ally=True)),
        hostile=Count("pk", filter=Q(attitude__in=["resists", "hostile"])),
    )
    summary: dict[str, Any] = {"tiers": tiers, "contacts": contacts}
    summary["my_key_accounts"] = (
        accounts.filter(owner=user)
        .exclude(key_account_type=KeyAccountType.NONE)
        .select_related("region")
        .order_by("tier", "name")[:10]
    )
    summary["recent_accounts"] = accounts.select_related("owner").order_by("-updated_at")[:8]
    if user.role in (Role.MANAGER, Role.DIRECTOR) or user.is_superuser:
        summary["people"] = (
            users_visible_to(user)
            .exclude(pk=user.pk)
            .select_related("team")
            .annotate(
                account_count=Count("owned_accounts", distinct=True),
                a_count=Count(
                    "owned_accounts", filter=Q(owned_accounts__tier=Tier.A), distinct=True
                ),
            )
            .order_by("team__name", "username")[:50]
        )
    if user.role == Role.DIRECTOR or user.is_superuser:
        summary["by_region"] = (
            Account.objects.values("region__name")
            .annotate(total=Count("pk"), a=Count("pk", filter=Q(tier=Tier.A)))
            .order_by("region__name")
        )
    # --- cadence (§8): the user's calls and visits due today and overdue; per rep for managers
    today = timezone.localdate()
    summary["cadence"] = cadence_home(user, on=today)
    summary["cadence_by_rep"] = cadence_by_rep(user, on=today)
    # --- end cadence
    # --- dashboards: the role's charts (one query each)
    summary["dashboard"] = home_dashboard(user, today=today)
    # --- end dashboards
    # --- targets: the user's own level's targets running today, with progress
    summary["my_targets"] = home_progress(user, today)
    # --- end targets
    summary["recent_changes"] = ChangeRecord.objects.filter(changed_by=user).select_related(
        "content_type"
    )[:8]
    return summary
