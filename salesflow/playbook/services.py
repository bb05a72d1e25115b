"""Writing the FAB library, proposal outlines and the processes. Every write validates, saves and
records history in one transaction.

Editing a process never touches what opportunities have recorded: StageChange and MilestoneCheck
rows hold copies of the names, numbers and texts of their time, and stages keep their numbers
(new stages go at the end), so the history still reads as it happened."""

from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from salesflow.core.history import record_changes, record_deletion, snapshot
from salesflow.pipeline.models import Opportunity, OpportunityLine, SalesProcess, Stage, Status
from salesflow.playbook.models import (
    Benefit,
    Feature,
    Milestone,
    Objection,
    PlaybookItem,
    Product,
    ProposalBenefit,
)
from salesflow.playbook.selectors import may_edit_library, may_edit_objections, may_edit_processes

PRODUCT_FIELDS = ("name", "description", "list_price", "is_active")
FEATURE_FIELDS = ("feature", "advantage")
BENEFIT_FIELDS = ("kind", "text")
PROCESS_FIELDS = (
    "name_en",
    "name_zh",
    "description_en",
    "description_zh",
    "is_default",
    "is_active",
)
STAGE_FIELDS = (
    "name_en",
    "name_zh",
    "customer_stage_en",
    "customer_stage_zh",
    "funnel_state",
    "buying_stage",
    "probability",
    "min_qualification_score",
    "requires_full_qualification",
)
MILESTONE_FIELDS = ("text_en", "text_zh")
PLAYBOOK_ITEM_FIELDS = ("kind", "text_en", "text_zh")

M = TypeVar("M", bound=models.Model)


# --- shared steps ------------------------------------------------------------------------------


def _check_library_editor(user: Any) -> None:
    if not may_edit_library(user):
        raise PermissionDenied(_("Only managers and directors edit the product library."))


def _check_process_editor(user: Any) -> None:
    if not may_edit_processes(user):
        raise PermissionDenied(_("Only directors edit the sales processes."))


def _apply(instance: models.Model, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if isinstance(field, (models.CharField, models.TextField)):
            value = "" if value is None else str(value).strip()
        setattr(instance, name, value)


def _validate(instance: models.Model, errors: dict[str, Any] | None = None) -> None:
    errors = dict(errors or {})
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


def _save(
    instance: M,
    fields: dict[str, Any],
    tracked: tuple[str, ...],
    *,
    acting_user: Any,
    errors_for: Any = None,
) -> M:
    """Apply the fields, validate (plus the caller's own checks), save and record the changes."""
    before = None if instance.pk is None else snapshot(instance, tracked)
    _apply(instance, fields, tracked)
    _validate(instance, errors_for(instance) if errors_for else None)
    instance.save()
    record_changes(
        instance=instance,
        before=before,
        after=snapshot(instance, tracked),
        acting_user=acting_user,
    )
    return instance


def _delete(instance: models.Model, *, acting_user: Any) -> None:
    record_deletion(instance=instance, acting_user=acting_user)
    instance.delete()


def _next_order(qs: models.QuerySet[Any]) -> int:
    return (qs.aggregate(top=Max("order"))["top"] or 0) + 1


# --- the FAB library ---------------------------------------------------------------------------


def _product_errors(product: Product) -> dict[str, str]:
    if product.list_price is not None and Decimal(product.list_price) < 0:
        return {"list_price": _("A price cannot be negative.")}
    return {}


@transaction.atomic
def product_create(*, acting_user: Any, **fields: Any) -> Product:
    _check_library_editor(acting_user)
    return _save(
        Product(), fields, PRODUCT_FIELDS, acting_user=acting_user, errors_for=_product_errors
    )


@transaction.atomic
def product_update(*, product: Product, acting_user: Any, **fields: Any) -> Product:
    _check_library_editor(acting_user)
    return _save(
        product, fields, PRODUCT_FIELDS, acting_user=acting_user, errors_for=_product_errors
    )


@transaction.atomic
def product_delete(*, product: Product, acting_user: Any) -> None:
    """Delete a product with its features and benefits. A product that opportunities sell keeps
    existing: mark it inactive instead."""
    _check_library_editor(acting_user)
    lines = OpportunityLine.objects.filter(product=product).count()
    if lines:
        raise ValidationError(
            {
                "product": ngettext(
                    "%(count)s opportunity line sells this product, so it cannot be deleted. "
                    "Mark it inactive instead.",
                    "%(count)s opportunity lines sell this product, so it cannot be deleted. "
                    "Mark it inactive instead.",
                    lines,
                )
                % {"count": lines}
            }
        )
    _delete(product, acting_user=acting_user)


@transaction.atomic
def feature_create(*, product: Product, acting_user: Any, **fields: Any) -> Feature:
    _check_library_editor(acting_user)
    feature = Feature(product=product, order=_next_order(product.features.all()))
    return _save(feature, fields, FEATURE_FIELDS, acting_user=acting_user)


@transaction.atomic
def feature_update(*, feature: Feature, acting_user: Any, **fields: Any) -> Feature:
    _check_library_editor(acting_user)
    return _save(feature, fields, FEATURE_FIELDS, acting_user=acting_user)


@transaction.atomic
def feature_delete(*, feature: Feature, acting_user: Any) -> None:
    _check_library_editor(acting_user)
    _delete(feature, acting_user=acting_user)


@transaction.atomic
def benefit_create(*, feature: Feature, acting_user: Any, **fields: Any) -> Benefit:
    _check_library_editor(acting_user)
    return _save(Benefit(feature=feature), fields, BENEFIT_FIELDS, acting_user=acting_user)


@transaction.atomic
def benefit_update(*, benefit: Benefit, acting_user: Any, **fields: Any) -> Benefit:
    _check_library_editor(acting_user)
    return _save(benefit, fields, BENEFIT_FIELDS, acting_user=acting_user)


@transaction.atomic
def benefit_delete(*, benefit: Benefit, acting_user: Any) -> None:
    _check_library_editor(acting_user)
    _delete(benefit, acting_user=acting_user)


# --- proposal outlines -------------------------------------------------------------------------


def _check_open(opportunity: Opportunity) -> None:
    """The stored status counts, not the one on a copy loaded before someone closed the deal."""
    status = Opportunity.objects.filter(pk=opportunity.pk).values_list("status", flat=True).get()
    if status != Status.OPEN:
        raise ValidationError(
            {"opportunity": _("The opportunity is closed; its proposal outline stays as it was.")}
        )


def _need(customer_need: str) -> str:
    need = (customer_need or "").strip()
    if not need:
        raise ValidationError(
            {"customer_need": _("Say which of the customer's needs this benefit answers.")}
        )
    max_length = ProposalBenefit._meta.get_field("customer_need").max_length or 0
    if len(need) > max_length:
        raise ValidationError(
            {
                "customer_need": _("Keep the need to at most %(max)s characters.")
                % {"max": max_length}
            }
        )
    return need


@transaction.atomic
def proposal_benefit_add(
    *, opportunity: Opportunity, benefit: Benefit, customer_need: str, acting_user: Any
) -> ProposalBenefit:
    """Put a benefit in the opportunity's proposal outline, with the customer need it answers."""
    _check_open(opportunity)
    need = _need(customer_need)
    if ProposalBenefit.objects.filter(opportunity=opportunity, benefit=benefit).exists():
        raise ValidationError({"benefit": _("This benefit is already in the outline.")})
    return ProposalBenefit.objects.create(
        opportunity=opportunity, benefit=benefit, customer_need=need
    )


@transaction.atomic
def proposal_benefit_update(
    *, proposal_benefit: ProposalBenefit, customer_need: str, acting_user: Any
) -> ProposalBenefit:
    _check_open(proposal_benefit.opportunity)
    proposal_benefit.customer_need = _need(customer_need)
    proposal_benefit.save(update_fields=["customer_need"])
    return proposal_benefit


@transaction.atomic
def proposal_benefit_remove(*, proposal_benefit: ProposalBenefit, acting_user: Any) -> None:
    _check_open(proposal_benefit.opportunity)
    proposal_benefit.delete()


# --- processes ---------------------------------------------------------------------------------


@transaction.atomic
def process_update(*, process: SalesProcess, acting_user: Any, **fields: Any) -> SalesProcess:
    """Change a process's names, descriptions, default and active flags. Making a process the
    default takes the flag from the old default in the same transaction, so there is always
    exactly one."""
    _check_process_editor(acting_user)
    current = SalesProcess.objects.select_for_update().get(pk=process.pk)
    was_default = current.is_default

    def rules(candidate: SalesProcess) -> dict[str, str]:
        errors = {}
        if was_default and not candidate.is_default:
            errors["is_default"] = _(
                "New opportunities always need a default process: make another process the "
                "default instead."
            )
        if candidate.is_default and not candidate.is_active:
            errors["is_active"] = _("The default process must stay active.")
        return errors

    if fields.get("is_default") and not was_default:
        for old in SalesProcess.objects.select_for_update().filter(is_default=True):
            before = snapshot(old, ["is_default"])
            old.is_default = False
            old.save(update_fields=["is_default", "updated_at"])
            record_changes(
                instance=old,
                before=before,
                after=snapshot(old, ["is_default"]),
                acting_user=acting_user,
            )
    return _save(current, fields, PROCESS_FIELDS, acting_user=acting_user, errors_for=rules)


def _stage_errors(stage: Stage) -> dict[str, str]:
    errors = {}
    if stage.probability is not None and not 0 <= stage.probability <= 100:
        errors["probability"] = _("A probability is between 0 and 100 %.")
    return errors


@transaction.atomic
def stage_add(*, process: SalesProcess, acting_user: Any, **fields: Any) -> Stage:
    """Add a stage after the last one. Existing stages keep their numbers, so the numbers
    recorded in stage history keep meaning the same stages."""
    _check_process_editor(acting_user)
    # Lock the process so that two directors adding at once do not pick the same number.
    SalesProcess.objects.select_for_update().get(pk=process.pk)
    last = process.stages.aggregate(top=Max("number"))["top"] or 0
    stage = Stage(process=process, number=last + 1)
    return _save(stage, fields, STAGE_FIELDS, acting_user=acting_user, errors_for=_stage_errors)


@transaction.atomic
def stage_update(*, stage: Stage, acting_user: Any, **fields: Any) -> Stage:
    """Change a stage's names and rules. Recorded history keeps the names of its time."""
    _check_process_editor(acting_user)
    return _save(stage, fields, STAGE_FIELDS, acting_user=acting_user, errors_for=_stage_errors)


@transaction.atomic
def stage_delete(*, stage: Stage, acting_user: Any) -> None:
    """Delete a stage no opportunity is in, with its milestones and playbook. Stage history
    keeps its copies of the stage's name and number."""
    _check_process_editor(acting_user)
    in_stage = Opportunity.objects.filter(stage=stage)
    count = in_stage.count()
    if count:
        open_count = in_stage.filter(status=Status.OPEN).count()
        raise ValidationError(
            {
                "stage": ngettext(
                    "%(count)s opportunity is in this stage (%(open)s open), so it cannot be "
                    "deleted. Move it to another stage first.",
                    "%(count)s opportunities are in this stage (%(open)s open), so it cannot be "
                    "deleted. Move them to other stages first.",
                    count,
                )
                % {"count": count, "open": open_count}
            }
        )
    if not Stage.objects.filter(process_id=stage.process_id).exclude(pk=stage.pk).exists():
        raise ValidationError({"stage": _("A process needs at least one stage.")})
    _delete(stage, acting_user=acting_user)


@transaction.atomic
def milestone_add(*, stage: Stage, acting_user: Any, **fields: Any) -> Milestone:
    _check_process_editor(acting_user)
    milestone = Milestone(stage=stage, order=_next_order(stage.milestones.all()))
    return _save(milestone, fields, MILESTONE_FIELDS, acting_user=acting_user)


@transaction.atomic
def milestone_update(*, milestone: Milestone, acting_user: Any, **fields: Any) -> Milestone:
    """Reword a milestone. Checks already made keep the wording the person checked."""
    _check_process_editor(acting_user)
    return _save(milestone, fields, MILESTONE_FIELDS, acting_user=acting_user)


@transaction.atomic
def milestone_delete(*, milestone: Milestone, acting_user: Any) -> None:
    """Remove a milestone from the stage's exit criteria. Checks already made stay in the
    opportunities' records with their own copy of the text."""
    _check_process_editor(acting_user)
    _delete(milestone, acting_user=acting_user)


@transaction.atomic
def playbook_item_add(*, stage: Stage, acting_user: Any, **fields: Any) -> PlaybookItem:
    _check_process_editor(acting_user)
    kind = fields.get("kind")
    item = PlaybookItem(stage=stage, order=_next_order(stage.playbook_items.filter(kind=kind)))
    return _save(item, fields, PLAYBOOK_ITEM_FIELDS, acting_user=acting_user)


@transaction.atomic
def playbook_item_update(*, item: PlaybookItem, acting_user: Any, **fields: Any) -> PlaybookItem:
    _check_process_editor(acting_user)
    return _save(item, fields, PLAYBOOK_ITEM_FIELDS, acting_user=acting_user)


@transaction.atomic
def playbook_item_delete(*, item: PlaybookItem, acting_user: Any) -> None:
    _check_process_editor(acting_user)
    _delete(item, acting_user=acting_user)


# --- the objection playbook (§9) ---------------------------------------------------------------

OBJECTION_FIELDS = ("number", "title_en", "title_zh", "answer_en", "answer_zh", "is_active")


def _check_objection_editor(user: Any) -> None:
    if not may_edit_objections(user):
        raise PermissionDenied(_("Only directors edit the objection playbook."))


def _objection_errors(objection: Objection) -> dict[str, str]:
    clash = Objection.objects.filter(number=objection.number).exclude(pk=objection.pk)
    if objection.number is not None and clash.exists():
        return {"number": _("Another objection already has number %s.") % objection.number}
    return {}


@transaction.atomic
def objection_create(*, acting_user: Any, **fields: Any) -> Objection:
    """Add an objection to the playbook. Objections are never deleted (activities record them):
    retire one by making it inactive."""
    _check_objection_editor(acting_user)
    return _save(
        Objection(), fields, OBJECTION_FIELDS, acting_user=acting_user, errors_for=_objection_errors
    )


@transaction.atomic
def objection_update(*, objection: Objection, acting_user: Any, **fields: Any) -> Objection:
    _check_objection_editor(acting_user)
    return _save(
        objection, fields, OBJECTION_FIELDS, acting_user=acting_user, errors_for=_objection_errors
    )
