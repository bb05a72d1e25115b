"""What the pipeline board reads: the visible open opportunities of one process, their totals per
stage and per funnel state (aggregated in the database), and the first cards of every column
(one windowed query, however many opportunities there are)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from salesflow.pipeline.coverage import GROUPS, CoverageWarning, coverage_warnings
from salesflow.pipeline.models import FunnelState, Opportunity, SalesProcess, Stage, Status
from salesflow.pipeline.selectors import opportunity_search, with_deal_contacts

CARDS_PER_COLUMN = 25
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Totals:
    count: int = 0
    amount: Decimal = Decimal(0)
    weighted: Decimal = Decimal(0)


@dataclass(frozen=True)
class BoardCard:
    opportunity: Opportunity
    days_in_stage: int
    is_overdue: bool
    warnings: list[tuple[str, CoverageWarning]]


@dataclass(frozen=True)
class BoardColumn:
    stage: Stage
    totals: Totals
    cards: list[BoardCard]

    @property
    def more(self) -> int:
        """How many of the column's opportunities are not shown as cards."""
        return max(0, self.totals.count - len(self.cards))


@dataclass(frozen=True)
class FunnelGroup:
    state: FunnelState
    totals: Totals
    columns: list[BoardColumn] = field(default_factory=list)


@dataclass(frozen=True)
class Board:
    process: SalesProcess
    groups: list[FunnelGroup]
    stages: list[Stage]


def board_opportunities(
    user: Any,
    *,
    process: SalesProcess,
    owner: Any = None,
    team: Any = None,
    region: Any = None,
    close_from: date | None = None,
    close_to: date | None = None,
) -> QuerySet[Opportunity]:
    """The open opportunities of `process` that `user` sees, narrowed by the board's filters."""
    return opportunity_search(
        user,
        status=Status.OPEN,
        process=process.pk,
        owner=owner,
        team=team,
        region=region,
        close_from=close_from,
        close_to=close_to,
    )


def _totals(row: dict[str, Any]) -> Totals:
    # The database sums amount × probability; dividing that one sum by 100 keeps it exact.
    weighted = (row["weighted_x100"] or Decimal(0)) / 100
    return Totals(
        count=row["count"],
        amount=(row["amount_sum"] or Decimal(0)).quantize(CENTS),
        weighted=weighted.quantize(CENTS),
    )


def _grouped_totals(qs: QuerySet[Opportunity], by: str) -> dict[Any, Totals]:
    rows = (
        qs.order_by()
        .values(by)
        .annotate(
            count=Count("id"),
            amount_sum=Sum("amount"),
            weighted_x100=Sum(
                F("amount") * F("stage__probability"),
                output_field=DecimalField(max_digits=20, decimal_places=2),
            ),
        )
    )
    return {row[by]: _totals(row) for row in rows}


def totals_by_stage(qs: QuerySet[Opportunity]) -> dict[int, Totals]:
    """Count, amount and weighted amount per stage id, in one GROUP BY query."""
    return _grouped_totals(qs, "stage_id")


def totals_by_funnel_state(qs: QuerySet[Opportunity]) -> dict[str, Totals]:
    """Count, amount and weighted amount per funnel state, in one GROUP BY query."""
    return _grouped_totals(qs, "stage__funnel_state")


def first_cards(qs: QuerySet[Opportunity], per_column: int) -> dict[int, list[Opportunity]]:
    """The first `per_column` opportunities of every stage by close date, in one query.

    The window ranks bare ids; only the rows it keeps are joined to their account, owner and
    stage. Ranking whole joined rows made PostgreSQL sort ~65 MB on disk for a board of 50,000
    deals (bench/pipeline.py)."""
    ranked_ids = (
        qs.order_by()
        .annotate(
            column_rank=Window(
                RowNumber(),
                partition_by=[F("stage_id")],
                order_by=[F("expected_close_date").asc(), F("id").asc()],
            )
        )
        .filter(column_rank__lte=per_column)
        .values("pk")
    )
    ranked = (
        Opportunity.objects.filter(pk__in=ranked_ids)
        .select_related("account", "owner", "stage")
        .order_by("expected_close_date", "id")
    )
    by_stage: dict[int, list[Opportunity]] = {}
    for opportunity in with_deal_contacts(ranked):
        by_stage.setdefault(opportunity.stage_id, []).append(opportunity)
    return by_stage


def warning_label(warning: CoverageWarning) -> str:
    """A badge's few words for a coverage warning; the full sentence goes in its tooltip."""
    if warning.code == "no_decision_maker":
        return _("No decision maker")
    if warning.code == "no_ally":
        return _("No ally")
    if warning.code == "opposed_decider":
        return _("Decider against us")
    group = warning.code.removeprefix("missing_")
    if group in GROUPS:
        return _("No %(group)s") % {"group": GROUPS[group][0]}
    return _("Coverage")


def card_warnings(opportunity: Opportunity) -> list[tuple[str, CoverageWarning]]:
    """The opportunity's coverage warnings, each with its badge label."""
    return [(warning_label(w), w) for w in coverage_warnings(opportunity)]


def _card(opportunity: Opportunity, today: date) -> BoardCard:
    return BoardCard(
        opportunity=opportunity,
        days_in_stage=opportunity.days_in_stage(today),
        is_overdue=opportunity.expected_close_date < today,
        warnings=card_warnings(opportunity),
    )


def board_build(
    user: Any,
    *,
    process: SalesProcess,
    stages: list[Stage],
    per_column: int = CARDS_PER_COLUMN,
    **filters: Any,
) -> Board:
    """The whole board: `stages` (the process's, in order) grouped by funnel state, with totals
    and the first cards of each column."""
    qs = board_opportunities(user, process=process, **filters)
    by_stage = totals_by_stage(qs)
    by_state = totals_by_funnel_state(qs)
    cards = first_cards(qs, per_column)
    today = timezone.localdate()
    groups: list[FunnelGroup] = []
    for stage in stages:
        state = FunnelState(stage.funnel_state)
        if not groups or groups[-1].state != state:
            groups.append(FunnelGroup(state=state, totals=by_state.get(state, Totals())))
        groups[-1].columns.append(
            BoardColumn(
                stage=stage,
                totals=by_stage.get(stage.pk, Totals()),
                cards=[_card(o, today) for o in cards.get(stage.pk, [])],
            )
        )
    return Board(process=process, groups=groups, stages=stages)


def process_stages(process: SalesProcess) -> list[Stage]:
    """The process's stages in order (prefetched by `processes_active`, else one query)."""
    return sorted(process.stages.all(), key=lambda s: s.number)


def board_stage_get(pk: Any) -> Stage:
    """A stage to move a card to; 404 when there is none."""
    try:
        return Stage.objects.select_related("process").get(pk=pk)
    except (Stage.DoesNotExist, ValueError, TypeError):
        raise Http404("No such stage") from None
