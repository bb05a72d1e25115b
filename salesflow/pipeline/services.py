"""Writing opportunities. Every stage move goes through `_move`, which locks the row, checks the
version the user saw, saves and writes the StageChange row in one transaction."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from salesflow.accounts.selectors import account_list_visible
from salesflow.contacts.models import Contact
from salesflow.core.history import record_changes, record_deletion, snapshot
from salesflow.org.visibility import visible_user_ids
from salesflow.pipeline.gates import Blocker, advance_blockers, win_blockers
from salesflow.pipeline.history import refresh_facts
from salesflow.pipeline.models import (
    QUALIFICATION_FIELDS,
    Answer,
    Competitor,
    ForecastCategory,
    FunnelState,
    MilestoneCheck,
    Opportunity,
    OpportunityContact,
    OpportunityLine,
    SalesProcess,
    Stage,
    StageChange,
    Status,
)
from salesflow.pipeline.selectors import process_default, stage_first, stage_next
from salesflow.playbook.models import Milestone
from salesflow.users.models import Role

TRACKED_FIELDS = (
    "account",
    "name",
    "amount",
    "cost",
    "expected_close_date",
    "owner",
    "source",
    "project_type",
    "forecast_category",
    "our_position",
    "favourable_factors",
    "unfavourable_factors",
    "decision_cycle_state",
)
EDITABLE_FIELDS = frozenset(TRACKED_FIELDS)
FORECAST_BY_FUNNEL = {
    FunnelState.SEARCH: ForecastCategory.PIPELINE,
    FunnelState.IN_FUNNEL: ForecastCategory.BEST_CASE,
    FunnelState.BEST: ForecastCategory.COMMIT,
}


class GateClosed(Exception):
    """The move is refused; `blockers` say why, in the user's language."""

    def __init__(self, blockers: list[Blocker]) -> None:
        super().__init__("; ".join(b.message for b in blockers))
        self.blockers = blockers


class StaleOpportunity(Exception):
    """Someone else changed the opportunity since the user loaded it."""

    def __init__(self, current: Opportunity) -> None:
        super().__init__(
            _("Someone else changed this opportunity a moment ago. It has been refreshed.")
        )
        self.current = current


# --- creating and editing ------------------------------------------------------------------


def _check_references(
    opportunity: Opportunity, acting_user: Any, changed: set[str]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    account_changed = "account" in changed or "account_id" in changed
    if (
        account_changed
        and not account_list_visible(acting_user).filter(pk=opportunity.account_id).exists()
    ):
        errors["account"] = [_("Choose an account you can see.")]
    if "owner" in changed or "owner_id" in changed:
        ids = visible_user_ids(acting_user)
        if ids is not None and opportunity.owner_id not in ids:
            errors["owner"] = [
                _("You can only give the opportunity to yourself or to people you manage.")
            ]
    return errors


def _validate(opportunity: Opportunity, acting_user: Any, changed: set[str]) -> None:
    errors: dict[str, Any] = {}
    try:
        opportunity.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for key, messages in _check_references(opportunity, acting_user, changed).items():
        errors.setdefault(key, messages)
    if errors:
        raise ValidationError(errors)


def _as_stored_decimal(field: models.DecimalField, value: Any) -> Any:
    """The value with the column's decimal places, so that 100000 and 100000.00 compare equal
    in history; a value that would need rounding is left for full_clean to refuse."""
    try:
        exact = Decimal(str(value))
        stored = exact.quantize(Decimal(1).scaleb(-field.decimal_places))
    except (InvalidOperation, ValueError, TypeError):
        return value
    return stored if stored == exact else value


def _apply(opportunity: Opportunity, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed - {f"{f}_id" for f in allowed}
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    for name, value in fields.items():
        field = Opportunity._meta.get_field(name.removesuffix("_id"))
        if value is None and isinstance(field, (models.CharField, models.TextField)):
            value = ""
        if isinstance(field, models.DecimalField) and value not in (None, ""):
            value = _as_stored_decimal(field, value)
        setattr(opportunity, name, value)


@transaction.atomic
def opportunity_create(
    *,
    acting_user: Any,
    process: SalesProcess | None = None,
    **fields: Any,
) -> Opportunity:
    process = process or process_default()
    if process is None:
        raise ValidationError({"process": _("No sales process is set up.")})
    if not process.is_active:
        raise ValidationError({"process": _("This process is no longer in use.")})
    if not process.stages.exists():
        raise ValidationError({"process": _("This process has no stages yet.")})
    fields.setdefault("owner", acting_user)
    opportunity = Opportunity(process=process)
    _apply(opportunity, fields, EDITABLE_FIELDS)
    stage = stage_first(process)
    opportunity.stage = stage
    opportunity.stage_entered_at = timezone.now()
    if "forecast_category" not in fields:
        opportunity.forecast_category = FORECAST_BY_FUNNEL[FunnelState(stage.funnel_state)]
    _validate(opportunity, acting_user, set(fields) | {"account", "owner"})
    opportunity.save()
    _record_stage_change(
        opportunity, kind=StageChange.Kind.OPENED, from_stage=None, acting_user=acting_user
    )
    record_changes(
        instance=opportunity,
        before=None,
        after=snapshot(opportunity, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    return opportunity


def _locked(opportunity: Opportunity, expected_version: int | None) -> Opportunity:
    current = (
        Opportunity.objects.select_for_update(of=("self",))
        .select_related("stage", "process", "account", "owner")
        .get(pk=opportunity.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise StaleOpportunity(current)
    return current


def _bump(opportunity: Opportunity, **fields: Any) -> None:
    """Save the given fields and increase the version, so stale screens can tell."""
    fields["version"] = F("version") + 1
    fields["updated_at"] = timezone.now()
    Opportunity.objects.filter(pk=opportunity.pk).update(**fields)
    opportunity.refresh_from_db()


@transaction.atomic
def opportunity_update(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    expected_version: int | None = None,
    **fields: Any,
) -> Opportunity:
    current = _locked(opportunity, expected_version)
    before = snapshot(current, TRACKED_FIELDS)
    _apply(current, fields, EDITABLE_FIELDS)
    _validate(current, acting_user, set(fields))
    current.version = current.version + 1
    current.save()
    record_changes(
        instance=current,
        before=before,
        after=snapshot(current, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    return current


@transaction.atomic
def opportunity_delete(*, opportunity: Opportunity, acting_user: Any) -> None:
    record_deletion(instance=opportunity, acting_user=acting_user)
    opportunity.delete()


# --- qualification and milestones ------------------------------------------------------------


@transaction.atomic
def qualification_set(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    expected_version: int | None = None,
    **answers: Any,
) -> Opportunity:
    """Set any of the five answers (need, decision_process, budget, relationship, worth) and their
    `<name>_evidence` notes."""
    allowed = set(QUALIFICATION_FIELDS) | {f"{f}_evidence" for f in QUALIFICATION_FIELDS}
    unknown = set(answers) - allowed
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    errors = {
        name: [_("Choose one of: %s.") % ", ".join(Answer.values)]
        for name in QUALIFICATION_FIELDS
        if name in answers and answers[name] not in Answer.values
    }
    if errors:
        raise ValidationError(errors)
    current = _locked(opportunity, expected_version)
    tracked = [f for f in answers if f in QUALIFICATION_FIELDS]
    before = snapshot(current, tracked)
    changes = {k: ("" if v is None else v) for k, v in answers.items()}
    _bump(current, **changes)
    record_changes(
        instance=current, before=before, after=snapshot(current, tracked), acting_user=acting_user
    )
    return current


@transaction.atomic
def milestone_set(
    *,
    opportunity: Opportunity,
    milestone: Milestone,
    done: bool,
    acting_user: Any,
    evidence: str = "",
    expected_version: int | None = None,
) -> MilestoneCheck:
    """Check or uncheck one milestone of the opportunity's process, recording who and when."""
    current = _locked(opportunity, expected_version)
    if milestone.stage.process_id != current.process_id:
        raise ValidationError({"milestone": _("This milestone belongs to another process.")})
    if current.is_closed:
        raise ValidationError({"milestone": _("The opportunity is closed.")})
    check, _created = MilestoneCheck.objects.update_or_create(
        opportunity=current,
        milestone=milestone,
        defaults={
            "milestone_text": milestone.text_en,
            "milestone_text_zh": milestone.text_zh,
            "stage_number": milestone.stage.number,
            "done": done,
            "evidence": evidence or "",
            "checked_by": acting_user,
            "checked_at": timezone.now(),
        },
    )
    _bump(current)
    return check


# --- moving through the stages ---------------------------------------------------------------


def _record_stage_change(
    opportunity: Opportunity,
    *,
    kind: str,
    from_stage: Stage | None,
    acting_user: Any,
    reason: str = "",
) -> StageChange:
    to = opportunity.stage
    change = StageChange.objects.create(
        opportunity=opportunity,
        kind=kind,
        from_stage=from_stage,
        to_stage=to,
        from_number=from_stage.number if from_stage else None,
        from_name=from_stage.name_en if from_stage else "",
        from_name_zh=from_stage.name_zh if from_stage else "",
        to_number=to.number,
        to_name=to.name_en,
        to_name_zh=to.name_zh,
        to_funnel_state=to.funnel_state,
        status=opportunity.status,
        reason=reason,
        changed_by=acting_user if getattr(acting_user, "pk", None) else None,
        changed_at=timezone.now(),
    )
    refresh_facts(opportunity.pk)
    return change


def _move(
    current: Opportunity, to: Stage, *, kind: str, acting_user: Any, reason: str = ""
) -> Opportunity:
    from_stage = current.stage
    _bump(
        current,
        stage=to,
        stage_entered_at=timezone.now(),
        forecast_category=FORECAST_BY_FUNNEL[FunnelState(to.funnel_state)],
    )
    _record_stage_change(
        current, kind=kind, from_stage=from_stage, acting_user=acting_user, reason=reason
    )
    return current


def may_skip_gates(user: Any, opportunity: Opportunity) -> bool:
    """Managers (of the owner) and directors may take a deal past a closed gate, with a reason.
    A manager's own deal is no exception: the skip is a second person's judgement, so it goes
    to their own manager or a director."""
    if user.role not in (Role.MANAGER, Role.DIRECTOR) and not user.is_superuser:
        return False
    ids = visible_user_ids(user)
    if ids is None:
        return True
    return opportunity.owner_id in ids and opportunity.owner_id != user.pk


@transaction.atomic
def opportunity_advance(
    *, opportunity: Opportunity, acting_user: Any, expected_version: int | None = None
) -> Opportunity:
    current = _locked(opportunity, expected_version)
    blockers = advance_blockers(current)
    if blockers:
        raise GateClosed(blockers)
    target = stage_next(current.stage)
    assert target is not None  # advance_blockers refuses the last stage
    return _move(current, target, kind=StageChange.Kind.ADVANCED, acting_user=acting_user)


@transaction.atomic
def opportunity_skip_gate(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    reason: str,
    expected_version: int | None = None,
) -> Opportunity:
    current = _locked(opportunity, expected_version)
    if not may_skip_gates(acting_user, current):
        raise ValidationError(
            {"reason": _("Only the owner's manager or a director may skip a gate.")}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the gate is skipped.")})
    target = stage_next(current.stage)
    if current.is_closed or target is None:
        raise GateClosed(advance_blockers(current))
    return _move(
        current,
        target,
        kind=StageChange.Kind.SKIPPED_GATE,
        acting_user=acting_user,
        reason=reason.strip(),
    )


@transaction.atomic
def opportunity_move_back(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    to_stage: Stage,
    reason: str,
    expected_version: int | None = None,
) -> Opportunity:
    current = _locked(opportunity, expected_version)
    if current.is_closed:
        raise GateClosed([Blocker("closed", _("The opportunity is closed."))])
    if to_stage.process_id != current.process_id or to_stage.number >= current.stage.number:
        raise ValidationError({"stage": _("Choose an earlier stage of the same process.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the opportunity moves back.")})
    return _move(
        current,
        to_stage,
        kind=StageChange.Kind.MOVED_BACK,
        acting_user=acting_user,
        reason=reason.strip(),
    )


@transaction.atomic
def opportunity_move(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    to_stage: Stage,
    reason: str = "",
    expected_version: int | None = None,
) -> Opportunity:
    """A move on the board: one stage forward through the gate, or back with a reason."""
    current = _locked(opportunity, expected_version)
    if to_stage.pk == current.stage_id:
        return current
    if to_stage.process_id != current.process_id:
        raise GateClosed([Blocker("other_process", _("This stage belongs to another process."))])
    if to_stage.number < current.stage.number:
        return opportunity_move_back(
            opportunity=current, acting_user=acting_user, to_stage=to_stage, reason=reason
        )
    target = stage_next(current.stage)
    if target is not None and to_stage.pk != target.pk:
        blockers = [
            Blocker(
                "one_stage_at_a_time",
                _("Advance one stage at a time: the next stage is %(stage)s.") % {"stage": target},
            )
        ]
        raise GateClosed(blockers + advance_blockers(current))
    return opportunity_advance(opportunity=current, acting_user=acting_user)


@transaction.atomic
def opportunity_close(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    result: str,
    reason: str = "",
    won_by: str = "",
    expected_version: int | None = None,
) -> Opportunity:
    current = _locked(opportunity, expected_version)
    if result not in (Status.WON, Status.LOST, Status.ABANDONED):
        raise ValidationError({"result": _("Choose one of: won, lost, abandoned.")})
    if current.is_closed:
        raise GateClosed([Blocker("closed", _("The opportunity is closed."))])
    if result == Status.WON:
        blockers = win_blockers(current)
        if blockers:
            raise GateClosed(blockers)
    elif not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the opportunity was lost or abandoned.")})
    _bump(
        current,
        status=result,
        close_reason=(reason or "").strip(),
        won_by=(won_by or "").strip() if result == Status.LOST else "",
        closed_at=timezone.now(),
        forecast_category=ForecastCategory.CLOSED
        if result == Status.WON
        else current.forecast_category,
    )
    _record_stage_change(
        current,
        kind=StageChange.Kind.CLOSED,
        from_stage=current.stage,
        acting_user=acting_user,
        reason=(reason or "").strip(),
    )
    return current


# --- the deal's buying centre, competitors and products ----------------------------------------


@transaction.atomic
def deal_contact_set(
    *,
    opportunity: Opportunity,
    contact: Contact,
    acting_user: Any,
    decision_role: str = "",
    is_key_person: bool = False,
    expected_version: int | None = None,
) -> OpportunityContact:
    current = _locked(opportunity, expected_version)
    if contact.account_id != current.account_id:
        raise ValidationError({"contact": _("Choose someone at the opportunity's account.")})
    person, _created = OpportunityContact.objects.update_or_create(
        opportunity=current,
        contact=contact,
        defaults={"decision_role": decision_role or "", "is_key_person": is_key_person},
    )
    person.full_clean()
    _bump(current)
    return person


@transaction.atomic
def deal_contact_remove(
    *,
    opportunity: Opportunity,
    contact: Contact,
    acting_user: Any,
    expected_version: int | None = None,
) -> None:
    current = _locked(opportunity, expected_version)
    OpportunityContact.objects.filter(opportunity=current, contact=contact).delete()
    _bump(current)


@transaction.atomic
def competitor_add(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    name: str,
    strength: str,
    notes: str = "",
    expected_version: int | None = None,
) -> Competitor:
    current = _locked(opportunity, expected_version)
    competitor = Competitor(opportunity=current, name=name, strength=strength, notes=notes)
    competitor.full_clean()
    competitor.save()
    _bump(current)
    return competitor


@transaction.atomic
def competitor_remove(
    *, competitor: Competitor, acting_user: Any, expected_version: int | None = None
) -> None:
    current = _locked(competitor.opportunity, expected_version)
    competitor.delete()
    _bump(current)


@transaction.atomic
def line_add(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    product: Any,
    quantity: Decimal,
    unit_price: Decimal,
    expected_version: int | None = None,
) -> OpportunityLine:
    current = _locked(opportunity, expected_version)
    line = OpportunityLine(
        opportunity=current, product=product, quantity=quantity, unit_price=unit_price
    )
    line.full_clean()
    line.save()
    _bump(current)
    return line


@transaction.atomic
def line_remove(
    *, line: OpportunityLine, acting_user: Any, expected_version: int | None = None
) -> None:
    current = _locked(line.opportunity, expected_version)
    line.delete()
    _bump(current)
