"""Reading contacts: a contact is visible when its account is."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from salesflow.accounts.models import Account
from salesflow.accounts.selectors import account_list_visible
from salesflow.contacts.models import Contact


def contact_list_visible(user: Any) -> QuerySet[Contact]:
    return Contact.objects.filter(account__in=account_list_visible(user).values("pk"))


def contact_get_visible(user: Any, pk: Any) -> Contact:
    try:
        return (
            contact_list_visible(user)
            .select_related("account", "account__owner", "reports_to")
            .get(pk=pk)
        )
    except (Contact.DoesNotExist, ValueError, TypeError):
        raise Http404("No such contact") from None


def contact_search(
    user: Any,
    *,
    q: str = "",
    account: Any = None,
    decision_role: str = "",
    attitude: str = "",
    is_ally: bool | None = None,
) -> QuerySet[Contact]:
    qs = contact_list_visible(user)
    for term in q.split():
        qs = qs.filter(
            Q(name__icontains=term)
            | Q(title__icontains=term)
            | Q(department__icontains=term)
            | Q(email__icontains=term)
            | Q(mobile__icontains=term)
            | Q(account__name__icontains=term)
        )
    if account:
        qs = qs.filter(account_id=account)
    if decision_role:
        qs = qs.filter(decision_role=decision_role)
    if attitude:
        qs = qs.filter(attitude=attitude)
    if is_ally is not None:
        qs = qs.filter(is_ally=is_ally)
    return qs.select_related("account", "reports_to").order_by("name", "id")


def buying_centre_tree(account: Account) -> list[dict[str, Any]]:
    """The account's contacts as a forest by reports-to: [{"contact": c, "children": [...]}].

    One query; a contact whose manager is at another account (or missing) is a root.
    """
    contacts = list(account.contacts.order_by("name", "id"))
    by_id = {c.pk: {"contact": c, "children": []} for c in contacts}
    roots: list[dict[str, Any]] = []
    for c in contacts:
        node = by_id[c.pk]
        parent = by_id.get(c.reports_to_id) if c.reports_to_id else None
        if parent is not None and parent is not node:
            parent["children"].append(node)
        else:
            roots.append(node)
    return roots
