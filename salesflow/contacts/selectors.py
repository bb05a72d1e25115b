"""Reading contacts: a contact is visible when its account is."""

from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from salesflow.accounts.models import Account
from salesflow.accounts.selectors import account_list_visible
from salesflow.contacts.models import Contact
from salesflow.core.history import field_label, history_for
from salesflow.core.models import ChangeRecord

YES_NO_FIELDS = frozenset(
    f.name for f in Contact._meta.get_fields() if isinstance(f, models.BooleanField)
)


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


def contact_direct_reports_visible(user: Any, contact: Contact) -> QuerySet[Contact]:
    """The people who report to `contact`, as far as `user` may see them."""
    return contact_list_visible(user).filter(reports_to=contact).order_by("name", "id")


def contact_reports_to_choices(
    user: Any, *, account: Account | None, contact: Contact | None = None
) -> QuerySet[Contact]:
    """Whom a contact at `account` may report to: visible people at the same account, not itself."""
    if account is None:
        return Contact.objects.none()
    qs = contact_list_visible(user).filter(account=account)
    if contact is not None and contact.pk is not None:
        qs = qs.exclude(pk=contact.pk)
    return qs.order_by("name", "id")


def contact_history(contact: Contact) -> list[ChangeRecord]:
    """The contact's change history, newest first, each row labelled with its field's name.

    Yes/no fields are stored as "True"/"False"; they are shown as translated words.
    """
    flags = {"True": gettext("Yes"), "False": gettext("No")}
    rows = list(history_for(contact))
    for row in rows:
        row.label = field_label(Contact, row.field)  # type: ignore[attr-defined]
        if row.field in YES_NO_FIELDS:
            row.old_value = flags.get(row.old_value, row.old_value)
            row.new_value = flags.get(row.new_value, row.new_value)
    return rows


def buying_centre_tree(account: Account) -> list[dict[str, Any]]:
    """The account's contacts as a forest by reports-to: [{"contact": c, "children": [...]}].

    One query; a contact whose manager is at another account (or missing) is a root. The services
    prevent reporting loops, but data edited elsewhere may hold one: a loop is cut at its first
    member, so every contact appears exactly once.
    """
    contacts = list(account.contacts.order_by("name", "id"))
    by_id: dict[int, dict[str, Any]] = {c.pk: {"contact": c, "children": []} for c in contacts}
    roots: list[dict[str, Any]] = []
    for c in contacts:
        node = by_id[c.pk]
        parent = by_id.get(c.reports_to_id) if c.reports_to_id else None
        if parent is not None and parent is not node:
            parent["children"].append(node)
        else:
            roots.append(node)
    reached = _reachable(roots)
    for c in contacts:
        if c.pk not in reached:
            node = by_id[c.pk]
            assert c.reports_to_id is not None  # only a contact inside a loop is unreached
            by_id[c.reports_to_id]["children"].remove(node)
            roots.append(node)
            reached |= _reachable([node])
    return roots


def _reachable(nodes: list[dict[str, Any]]) -> set[int]:
    seen: set[int] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if node["contact"].pk in seen:
            continue
        seen.add(node["contact"].pk)
        stack.extend(node["children"])
    return seen
