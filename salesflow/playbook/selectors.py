"""Reading the FAB library, proposal outlines and the processes directors edit.

The library is shared by everyone: reps read it, managers and directors edit it. Processes are
edited by directors only; to anyone else the editor's pages do not exist (404)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from salesflow.pipeline.models import Opportunity, OpportunityLine, SalesProcess, Stage, Status
from salesflow.playbook.models import (
    Benefit,
    BenefitKind,
    Feature,
    Milestone,
    Objection,
    PlaybookItem,
    Product,
    ProposalBenefit,
)
from salesflow.users.models import Role

# --- who may edit ------------------------------------------------------------------------------


def may_edit_library(user: Any) -> bool:
    """Managers and directors keep the FAB library; reps read it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.role in (Role.MANAGER, Role.DIRECTOR)


def may_edit_processes(user: Any) -> bool:
    """Only directors change the selling method itself."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.role == Role.DIRECTOR


def require_library_editor(user: Any) -> None:
    """Library forms do not exist for reps: 404, never 403."""
    if not may_edit_library(user):
        raise Http404("No such page")


def require_process_editor(user: Any) -> None:
    """The process editor does not exist for anyone but directors: 404, never 403."""
    if not may_edit_processes(user):
        raise Http404("No such page")


# --- the FAB library ---------------------------------------------------------------------------


def product_search(*, q: str = "") -> QuerySet[Product]:
    """Products whose name, description, features, advantages or benefits contain every word,
    with their feature and benefit counts."""
    qs = Product.objects.all()
    for term in q.split():
        matching = Q(name__icontains=term) | Q(description__icontains=term)
        matching |= Q(
            pk__in=Feature.objects.filter(
                Q(feature__icontains=term)
                | Q(advantage__icontains=term)
                | Q(benefits__text__icontains=term)
            ).values("product_id")
        )
        qs = qs.filter(matching)
    return qs.annotate(
        feature_count=Count("features", distinct=True),
        benefit_count=Count("features__benefits", distinct=True),
    ).order_by("name", "id")


def product_get(pk: Any) -> Product:
    try:
        return Product.objects.get(pk=pk)
    except (Product.DoesNotExist, ValueError, TypeError):
        raise Http404("No such product") from None


def product_get_editable(user: Any, pk: Any) -> Product:
    require_library_editor(user)
    return product_get(pk)


def feature_get_editable(user: Any, pk: Any) -> Feature:
    require_library_editor(user)
    try:
        return Feature.objects.select_related("product").get(pk=pk)
    except (Feature.DoesNotExist, ValueError, TypeError):
        raise Http404("No such feature") from None


def benefit_get_editable(user: Any, pk: Any) -> Benefit:
    require_library_editor(user)
    try:
        return Benefit.objects.select_related("feature__product").get(pk=pk)
    except (Benefit.DoesNotExist, ValueError, TypeError):
        raise Http404("No such benefit") from None


@dataclass(frozen=True)
class BenefitGroup:
    kind: str
    label: str
    items: list[Any]


def group_by_kind(items: list[Any], kind_of: Any = lambda item: item.kind) -> list[BenefitGroup]:
    """Items in the order of the five benefit kinds; kinds without items are left out."""
    groups = []
    for kind, label in BenefitKind.choices:
        found = [item for item in items if kind_of(item) == kind]
        if found:
            groups.append(BenefitGroup(kind=kind, label=str(label), items=found))
    return groups


def product_features(product: Product) -> list[Feature]:
    """The product's features, each with `benefit_groups`: its benefits grouped by kind."""
    features = list(
        product.features.order_by("order", "id").prefetch_related(
            Prefetch("benefits", queryset=Benefit.objects.order_by("id"))
        )
    )
    for feature in features:
        feature.benefit_groups = group_by_kind(list(feature.benefits.all()))  # type: ignore[attr-defined]
    return features


def proposal_count_of_benefits(benefits: QuerySet[Benefit]) -> int:
    """How many proposal outlines use any of these benefits (shown before a delete)."""
    return ProposalBenefit.objects.filter(benefit__in=benefits).count()


def product_in_use(product: Product) -> int:
    """How many opportunity product lines name this product."""
    return OpportunityLine.objects.filter(product=product).count()


# --- proposal outlines -------------------------------------------------------------------------


def proposal_benefits(opportunity: Opportunity) -> QuerySet[ProposalBenefit]:
    return ProposalBenefit.objects.filter(opportunity=opportunity).select_related(
        "benefit__feature__product"
    )


def proposal_outline(opportunity: Opportunity) -> list[BenefitGroup]:
    """The picked benefits grouped by kind, each group in the order the benefits were picked."""
    return group_by_kind(
        list(proposal_benefits(opportunity).order_by("id")), kind_of=lambda pb: pb.benefit.kind
    )


def proposal_get(opportunity: Opportunity, pk: Any) -> ProposalBenefit:
    try:
        return proposal_benefits(opportunity).get(pk=pk)
    except (ProposalBenefit.DoesNotExist, ValueError, TypeError):
        raise Http404("No such benefit in this outline") from None


def opportunity_product_names(opportunity: Opportunity) -> list[str]:
    """The names of the products on the opportunity's lines, each once."""
    return list(
        Product.objects.filter(
            pk__in=OpportunityLine.objects.filter(opportunity=opportunity).values("product_id")
        )
        .order_by("name")
        .values_list("name", flat=True)
    )


# The five kinds in the method's order (quality, productivity, cost, time, revenue).
KIND_ORDER = Case(
    *[When(kind=kind, then=Value(n)) for n, kind in enumerate(BenefitKind.values)],
    default=Value(len(BenefitKind.values)),
)


def _unpicked_benefits(opportunity: Opportunity) -> QuerySet[Benefit]:
    picked = ProposalBenefit.objects.filter(opportunity=opportunity).values("benefit_id")
    return (
        Benefit.objects.exclude(pk__in=picked)
        .select_related("feature__product")
        .order_by("feature__product__name", "feature__order", "feature_id", KIND_ORDER, "id")
    )


def proposal_candidates_from_lines(opportunity: Opportunity) -> QuerySet[Benefit]:
    """Benefits of the products on the opportunity's lines that are not in the outline yet."""
    return _unpicked_benefits(opportunity).filter(
        feature__product_id__in=OpportunityLine.objects.filter(opportunity=opportunity).values(
            "product_id"
        )
    )


def proposal_candidates_other(
    opportunity: Opportunity, *, q: str = "", kind: str = ""
) -> QuerySet[Benefit]:
    """Benefits of any other active product, narrowed by words and kind."""
    qs = (
        _unpicked_benefits(opportunity)
        .filter(feature__product__is_active=True)
        .exclude(
            feature__product_id__in=OpportunityLine.objects.filter(opportunity=opportunity).values(
                "product_id"
            )
        )
    )
    for term in q.split():
        qs = qs.filter(
            Q(text__icontains=term)
            | Q(feature__feature__icontains=term)
            | Q(feature__advantage__icontains=term)
            | Q(feature__product__name__icontains=term)
        )
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def proposal_need_suggestions(opportunity: Opportunity) -> list[str]:
    """Needs already written on this outline, so one need can be answered by several benefits."""
    return sorted(
        set(
            ProposalBenefit.objects.filter(opportunity=opportunity)
            .exclude(customer_need="")
            .values_list("customer_need", flat=True)
        )
    )


# --- processes ---------------------------------------------------------------------------------


def _count_per_stage(qs: QuerySet[Any]) -> Coalesce:
    """A subquery counting the rows of `qs` that belong to the outer stage (no join fan-out)."""
    counted = qs.filter(stage=OuterRef("pk")).order_by().values("stage").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


def stages_with_counts() -> QuerySet[Stage]:
    """Stages with the number of opportunities in them (open ones and all) and of milestones."""
    return Stage.objects.order_by("number").annotate(
        open_count=_count_per_stage(Opportunity.objects.filter(status=Status.OPEN)),
        opportunity_count=_count_per_stage(Opportunity.objects.all()),
        milestone_count=_count_per_stage(Milestone.objects.all()),
    )


def processes_for_editing(user: Any) -> QuerySet[SalesProcess]:
    require_process_editor(user)
    return SalesProcess.objects.order_by(
        "-is_default", "-is_active", "name_en", "id"
    ).prefetch_related(Prefetch("stages", queryset=stages_with_counts()))


def process_get_editable(user: Any, pk: Any) -> SalesProcess:
    require_process_editor(user)
    try:
        return SalesProcess.objects.get(pk=pk)
    except (SalesProcess.DoesNotExist, ValueError, TypeError):
        raise Http404("No such process") from None


def stage_get_editable(user: Any, pk: Any) -> Stage:
    require_process_editor(user)
    try:
        return stages_with_counts().select_related("process").get(pk=pk)
    except (Stage.DoesNotExist, ValueError, TypeError):
        raise Http404("No such stage") from None


def milestone_get_editable(user: Any, pk: Any) -> Milestone:
    require_process_editor(user)
    try:
        return Milestone.objects.select_related("stage__process").get(pk=pk)
    except (Milestone.DoesNotExist, ValueError, TypeError):
        raise Http404("No such milestone") from None


def playbook_item_get_editable(user: Any, pk: Any) -> PlaybookItem:
    require_process_editor(user)
    try:
        return PlaybookItem.objects.select_related("stage__process").get(pk=pk)
    except (PlaybookItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such playbook item") from None


def stage_milestones(stage: Stage) -> QuerySet[Milestone]:
    return Milestone.objects.filter(stage=stage).order_by("order", "id")


def stage_playbook_items(stage: Stage, kind: str) -> QuerySet[PlaybookItem]:
    return PlaybookItem.objects.filter(stage=stage, kind=kind).order_by("order", "id")


def stage_neighbours(stage: Stage) -> tuple[Stage | None, Stage | None]:
    """The stages before and after `stage` in its process, for moving between them."""
    siblings = Stage.objects.filter(process_id=stage.process_id).only(
        "id", "number", "name_en", "name_zh"
    )
    return (
        siblings.filter(number__lt=stage.number).order_by("-number").first(),
        siblings.filter(number__gt=stage.number).order_by("number").first(),
    )


# --- the objection playbook (§9) ---------------------------------------------------------------


def may_edit_objections(user: Any) -> bool:
    """Directors keep the prepared answers; everyone else reads them."""
    return may_edit_processes(user)


def objection_search(*, q: str = "", include_inactive: bool = False) -> QuerySet[Objection]:
    """Objections whose title or prepared answer, in either language, holds every word of `q`."""
    qs = Objection.objects.all() if include_inactive else Objection.objects.filter(is_active=True)
    for term in q.split():
        qs = qs.filter(
            Q(title_en__icontains=term)
            | Q(title_zh__icontains=term)
            | Q(answer_en__icontains=term)
            | Q(answer_zh__icontains=term)
        )
    return qs.order_by("number")


def objection_get(pk: Any) -> Objection:
    try:
        return Objection.objects.get(pk=pk)
    except (Objection.DoesNotExist, ValueError, TypeError):
        raise Http404("No such objection") from None


def objection_get_editable(user: Any, pk: Any) -> Objection:
    """The objection, for a director; the edit page does not exist for anyone else (404)."""
    if not may_edit_objections(user):
        raise Http404("No such page")
    return objection_get(pk)
