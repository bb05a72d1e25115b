"""Cadence writes: directors change the tier rules; the daily digest of due calls and visits goes
to each rep, and to each manager with a line per rep."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from salesflow.activities.models import ActivityKind, CadenceRule
from salesflow.activities.selectors.cadence import (
    CadenceCounts,
    TouchRow,
    cadence_due_everywhere,
    may_edit_cadence_rules,
    summarise_by_rep,
)
from salesflow.core.history import record_changes, snapshot
from salesflow.notifications.models import Notification, NotificationKind
from salesflow.notifications.services import notify
from salesflow.org.visibility import visible_user_ids
from salesflow.users.models import Role, User

RULE_FIELDS = ("call_every_months", "visit_every_months")
MAX_MONTHS = 60
DIGEST_URL = "/cadence/"
DIGEST_LINES = 20


# --- the rules ---------------------------------------------------------------------------------


@transaction.atomic
def cadence_rule_update(
    *, rule: CadenceRule, call_every_months: int, visit_every_months: int, acting_user: Any
) -> CadenceRule:
    """Set how often accounts of the rule's tier are called and visited (in months); a tier
    still on its default gets its rule stored."""
    if not may_edit_cadence_rules(acting_user):
        raise PermissionDenied(_("Only directors change the call and visit cadence."))
    values = {"call_every_months": call_every_months, "visit_every_months": visit_every_months}
    errors = {
        name: _("Give a number of months from 1 to %(max)d.") % {"max": MAX_MONTHS}
        for name, value in values.items()
        if not isinstance(value, int) or not 1 <= value <= MAX_MONTHS
    }
    if errors:
        raise ValidationError(errors)
    stored = CadenceRule.objects.select_for_update().filter(tier=rule.tier).first()
    before = None if stored is None else snapshot(stored, RULE_FIELDS)
    rule = stored or CadenceRule(tier=rule.tier)
    for name, value in values.items():
        setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    record_changes(
        instance=rule, before=before, after=snapshot(rule, RULE_FIELDS), acting_user=acting_user
    )
    return rule


# --- the daily digest --------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestResult:
    sent: int
    already_sent: int


def cadence_digest_send(*, on: date | None = None) -> DigestResult:
    """Tell every rep what is due on or before `on` (today by default) and every manager how
    each of their reps stands. At most one digest per person per calendar day, however often
    this runs (the day is the one the digest is sent on)."""
    on = on or timezone.localdate()
    rows = cadence_due_everywhere(on=on)
    own: dict[int, list[TouchRow]] = defaultdict(list)
    for row in rows:
        own[row["owner_id"]].append(row)
    people = {user.pk: user for user in User.objects.filter(is_active=True)}
    teams = {
        manager.pk: _team_of(manager, everyone=set(people))
        for manager in people.values()
        if manager.role == Role.MANAGER
    }
    already = _sent_today()
    sent = skipped = 0
    for pk, person in people.items():
        team = [rep for rep in teams.get(pk, []) if own.get(rep) and rep in people]
        if not own.get(pk) and not team:
            continue
        if pk in already:
            skipped += 1
            continue
        with translation.override(person.language or settings.LANGUAGE_CODE):
            _send(person, on=on, own=own.get(pk, []), team=team, own_by_rep=own, people=people)
        sent += 1
    return DigestResult(sent=sent, already_sent=skipped)


def _team_of(manager: User, *, everyone: set[int]) -> list[int]:
    """The people whose accounts the manager oversees (by id), not the manager."""
    ids = visible_user_ids(manager)
    return sorted((everyone if ids is None else ids) - {manager.pk})


def _sent_today() -> set[int]:
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time.min))
    return set(
        Notification.objects.filter(
            kind=NotificationKind.CADENCE_DIGEST,
            created_at__gte=start,
            created_at__lt=start + timedelta(days=1),
        ).values_list("recipient_id", flat=True)
    )


@transaction.atomic
def _send(
    person: User,
    *,
    on: date,
    own: list[TouchRow],
    team: list[int],
    own_by_rep: dict[int, list[TouchRow]],
    people: dict[int, User],
) -> None:
    overdue = [row for row in own if row["due_date"] < on]
    due_today = [row for row in own if row["due_date"] == on]
    sections: list[str] = []
    if overdue:
        sections.append(_touch_section(_("Overdue:"), overdue, on=on))
    if due_today:
        sections.append(_touch_section(_("Due today:"), due_today, on=on))
    if team:
        team_rows = [row for rep in team for row in own_by_rep[rep]]
        sections.append(_team_section(summarise_by_rep(team_rows, on=on), people=people))
    if own:
        title = _("Calls and visits: %(overdue)d overdue, %(today)d due today") % {
            "overdue": len(overdue),
            "today": len(due_today),
        }
    else:
        title = _("Your team's calls and visits due on %(day)s") % {"day": f"{on:%Y-%m-%d}"}
    notify(
        recipient=person,
        kind=NotificationKind.CADENCE_DIGEST,
        title=title,
        body="\n\n".join(sections),
        url=DIGEST_URL,
    )


def _touch_section(heading: str, rows: list[TouchRow], *, on: date) -> str:
    lines = [heading, *(_touch_line(row, on=on) for row in rows[:DIGEST_LINES])]
    lines.extend(_more(len(rows)))
    return "\n".join(lines)


def _touch_line(row: TouchRow, *, on: date) -> str:
    text = _("%(kind)s · %(account)s (%(tier)s) · due %(day)s") % {
        "kind": ActivityKind(row["kind"]).label,
        "account": row["name"],
        "tier": row["tier"],
        "day": f"{row['due_date']:%Y-%m-%d}",
    }
    days = (on - row["due_date"]).days
    if days:
        text += " · " + ngettext("%(n)d day overdue", "%(n)d days overdue", days) % {"n": days}
    return f"- {text}"


def _team_section(summary: dict[int, CadenceCounts], *, people: dict[int, User]) -> str:
    lines = [_("Your reps:")]
    ordered = sorted(summary.items(), key=lambda item: -item[1].worst_overdue_days)
    for rep, line in ordered:
        lines.append(
            "- "
            + _(
                "%(rep)s: due today %(today)d · overdue calls %(calls)d · overdue visits "
                "%(visits)d · worst overdue (days) %(worst)d"
            )
            % {
                "rep": people[rep],
                "today": line.due_today,
                "calls": line.overdue_calls,
                "visits": line.overdue_visits,
                "worst": line.worst_overdue_days,
            }
        )
    return "\n".join(lines)


def _more(count: int) -> Iterable[str]:
    if count > DIGEST_LINES:
        yield _("…and %(n)d more.") % {"n": count - DIGEST_LINES}
