"""Reading accounts, always through visibility."""

from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet, Value, Window
from django.db.models.functions import Coalesce, Rank
from django.http import Http404

from salesflow.accounts.models import Account, AccountTeamMember
from salesflow.contacts.models import Contact
from salesflow.org.visibility import users_visible_to, visible_user_ids

M = TypeVar("M", bound=Model)
# Up to this many visible accounts are written into queries as a list of ids; more, as a subquery.
ACCOUNT_IDS_INLINE = 5_000

SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "tier": ("tier", "name", "id"),
    "-tier": ("-tier", "name", "id"),
    "revenue": (F("annual_revenue").asc(nulls_first=True), "id"),
    "-revenue": (F("annual_revenue").desc(nulls_last=True), "id"),
    "score": (F("selection_total").asc(nulls_first=True), "id"),
    "-score": (F("selection_total").desc(nulls_last=True), "id"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
}


def with_selection_total(qs: QuerySet[Account]) -> QuerySet[Account]:
    total = sum(
        (Coalesce(F(f), Value(0)) for f in Account.SCORE_FIELDS),
        start=Value(0),
    )
    return qs.annotate(selection_total=total)


def account_list_visible(user: Any) -> QuerySet[Account]:
    """Accounts `user` may see: owned by, or with an account team including, a visible user."""
    qs = Account.objects.all()
    ids = visible_user_ids(user)
    if ids is None:
        return qs
    if not ids:
        return qs.none()
    # IN over the team table rather than a correlated EXISTS: both databases then use the
    # indexes instead of reading every account (see bench/).
    on_team = AccountTeamMember.objects.filter(user_id__in=ids).values("account_id")
    return qs.filter(Q(owner_id__in=ids) | Q(pk__in=on_team))


def owned_or_on_visible_account(user: Any, qs: QuerySet[M]) -> QuerySet[M]:
    """`qs` (of a model with an owner and an account) narrowed to what `user` sees: rows owned by a
    visible user, and rows on an account `user` sees."""
    condition = seen_through(user, "")
    return qs if condition is None else qs.filter(condition)


def seen_through(user: Any, path: str) -> Q | None:
    """The condition for rows whose record at `path` ("" for the row itself, "opportunity__" for
    a payment's deal) has an owner and an account: owned by a visible user, or on an account
    `user` sees. None when `user` sees everything.

    The visible accounts are written in as a list of ids (visible_account_ids): with a subquery in
    the OR, PostgreSQL cannot use the account index and reads the whole table, which on a million
    deals costs a manager's report 100+ ms (bench/reports.py)."""
    ids = visible_user_ids(user)
    if ids is None:
        return None
    if not ids:
        return Q(pk__in=[])
    accounts: Any = visible_account_ids(user)
    if accounts is None:
        accounts = account_list_visible(user).values("pk")
    return Q(**{f"{path}owner_id__in": ids}) | Q(**{f"{path}account_id__in": accounts})


class _AccountsChanged:
    """Bumped whenever an account or an account team changes (see AccountsConfig.ready), so that
    the ids remembered on a user object are never older than the data."""

    count = 0


def note_accounts_changed(**_signal: Any) -> None:
    _AccountsChanged.count += 1


def visible_account_ids(user: Any) -> list[int] | None:
    """The ids of the accounts a user who does not see everything sees, or None when there are
    more than ACCOUNT_IDS_INLINE (a subquery then serves better than a list). Read once per user
    object until accounts change: a page asks for them from several selectors."""
    key = (_AccountsChanged.count, frozenset(visible_user_ids(user) or ()))
    remembered = getattr(user, "_salesflow_visible_accounts", None)
    if remembered is not None and remembered[0] == key:
        return remembered[1]
    ids = list(
        account_list_visible(user).order_by().values_list("pk", flat=True)[: ACCOUNT_IDS_INLINE + 1]
    )
    found = ids if len(ids) <= ACCOUNT_IDS_INLINE else None
    user._salesflow_visible_accounts = (key, found)
    return found


def account_get_visible(user: Any, pk: Any) -> Account:
    try:
        return account_list_visible(user).select_related("owner", "region", "parent").get(pk=pk)
    except (Account.DoesNotExist, ValueError, TypeError):
        raise Http404("No such account") from None


def account_search(
    user: Any,
    *,
    q: str = "",
    tier: str = "",
    key_account_type: str = "",
    region: Any = None,
    owner: Any = None,
    team: Any = None,
    industry: str = "",
    status: str = "",
    sort: str = "name",
) -> QuerySet[Account]:
    """The account list with full-text search over name, credit code, industry, address, contacts."""
    qs = with_selection_total(account_list_visible(user))
    if q:
        terms = q.split()
        for term in terms:
            qs = qs.filter(
                Q(name__icontains=term)
                | Q(credit_code__icontains=term)
                | Q(industry__icontains=term)
                | Q(address__icontains=term)
                | Exists(Contact.objects.filter(account_id=OuterRef("pk"), name__icontains=term))
            )
    if tier:
        qs = qs.filter(tier=tier)
    if key_account_type:
        qs = qs.filter(key_account_type=key_account_type)
    if region:
        qs = qs.filter(region_id=region)
    if owner:
        qs = qs.filter(owner_id=owner)
    if team:
        qs = qs.filter(owner__team_id=team)
    if industry:
        qs = qs.filter(industry=industry)
    if status:
        qs = qs.filter(status=status)
    order = SORTS.get(sort, SORTS["name"])
    return qs.select_related("owner", "region", "parent").order_by(*order)


def account_selection_rank(user: Any, account: Account) -> int | None:
    """1 for the best-scored account among those `user` sees; None when this one is unscored.

    Ranking among visible accounts only, so a rank never reveals that unseen accounts exist.
    """
    total = account.selection_score
    if total is None:
        return None
    # An annotation the type checker cannot see, hence the keyword dict.
    scored = with_selection_total(account_list_visible(user)).filter(
        **{"selection_total__gt": total}
    )
    return scored.count() + 1


def accounts_ranked_by_selection(user: Any) -> QuerySet[Account]:
    """Visible key-account candidates with their total and rank (1 = strongest)."""
    qs = with_selection_total(account_list_visible(user)).filter(**{"selection_total__gt": 0})
    return qs.annotate(
        selection_rank=Window(Rank(), order_by=F("selection_total").desc())
    ).order_by("selection_rank", "name")


def subsidiaries_visible(user: Any, account: Account) -> QuerySet[Account]:
    return account_list_visible(user).filter(parent=account).select_related("owner")


def account_team(account: Account) -> QuerySet[AccountTeamMember]:
    return account.team_members.select_related("user").order_by("team_role", "user__username")


def account_can_manage(user: Any, account: Account) -> bool:
    """Deleting an account and choosing its account team belong to its owner, the owner's
    managers and directors. Colleagues on the account team see and change the account itself
    (the method's rule) but do not decide who serves it or whether it exists."""
    ids = visible_user_ids(user)
    return ids is None or account.owner_id in ids


def account_get_editable(user: Any, pk: Any) -> Account:
    """The account, if `user` may change it: everyone who sees it may. 404 otherwise."""
    return account_get_visible(user, pk)


def account_get_manageable(user: Any, pk: Any) -> Account:
    """The account, if `user` may delete it or change its team; 404 otherwise (never 403)."""
    account = account_get_visible(user, pk)
    if not account_can_manage(user, account):
        raise Http404("No such account")
    return account


def account_parent_choices(user: Any, *, account: Account | None = None) -> QuerySet[Account]:
    """Accounts `user` may pick as the parent of `account`: visible ones, never the account itself.

    The current parent stays a choice, so an edit can keep it even when `user` no longer sees it.
    """
    qs = account_list_visible(user)
    if account is not None and account.parent_id is not None:
        qs = Account.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk=account.parent_id))
    if account is not None and account.pk is not None:
        qs = qs.exclude(pk=account.pk)
    return qs.only("id", "name").order_by("name", "id")


def account_owner_choices(user: Any, *, account: Account | None = None) -> QuerySet[Any]:
    """People `user` may make the owner: those they see, plus the current owner (kept as is)."""
    qs = users_visible_to(user)
    if account is None or account.owner_id is None:
        return qs
    User = get_user_model()
    return User.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk=account.owner_id)).order_by(
        "username"
    )
