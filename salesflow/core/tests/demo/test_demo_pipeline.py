"""`salesflow demo` builds a pipeline that obeys the same rules as the pipeline services: stage
histories one stage at a time, gates passed with their milestones checked or skipped by a manager
with a reason, qualification entry rules met, won deals closed from the last stage."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from salesflow.pipeline.history import work_out_facts
from salesflow.pipeline.models import (
    MilestoneCheck,
    Opportunity,
    SalesProcess,
    Stage,
    StageChange,
    Status,
)
from salesflow.pipeline.selectors import opportunity_list_visible
from salesflow.pipeline.services import FORECAST_BY_FUNNEL
from salesflow.playbook.models import Milestone
from salesflow.users.models import Role, User

pytestmark = pytest.mark.django_db
Kind = StageChange.Kind


def histories() -> dict[int, list[StageChange]]:
    found: dict[int, list[StageChange]] = defaultdict(list)
    for change in StageChange.objects.order_by("opportunity_id", "changed_at", "id"):
        found[change.opportunity_id].append(change)
    return found


def done_checks() -> dict[int, dict[int, MilestoneCheck]]:
    """Done checks by opportunity, then by milestone id."""
    found: dict[int, dict[int, MilestoneCheck]] = defaultdict(dict)
    for check in MilestoneCheck.objects.filter(done=True):
        found[check.opportunity_id][check.milestone_id] = check
    return found


def milestone_ids_by_stage() -> dict[tuple[int, int], set[int]]:
    """(process id, stage number) → the ids of that stage's milestones."""
    found: dict[tuple[int, int], set[int]] = defaultdict(set)
    for pk, process_id, number in Milestone.objects.values_list(
        "id", "stage__process_id", "stage__number"
    ):
        found[(process_id, number)].add(pk)
    return found


def stage_numbers() -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for process_id, number in Stage.objects.order_by("number").values_list("process_id", "number"):
        found[process_id].append(number)
    return found


def test_every_stage_of_every_process_holds_an_open_opportunity(tiny_demo: str) -> None:
    open_at = set(Opportunity.objects.filter(status=Status.OPEN).values_list("stage_id", flat=True))
    assert set(Stage.objects.values_list("id", flat=True)) <= open_at


def test_every_process_has_won_lost_and_abandoned_deals(tiny_demo: str) -> None:
    outcomes = set(Opportunity.objects.values_list("process__key", "status"))
    for key in SalesProcess.objects.values_list("key", flat=True):
        for status in (Status.WON, Status.LOST, Status.ABANDONED):
            assert (key, status) in outcomes


def test_most_opportunities_run_on_the_default_process(tiny_demo: str) -> None:
    total = Opportunity.objects.count()
    on_default = Opportunity.objects.filter(process__is_default=True).count()
    assert total >= 60
    assert on_default > total / 2
    assert on_default < total


def test_stage_histories_move_one_stage_at_a_time_up_to_the_current_stage(tiny_demo: str) -> None:
    numbers = stage_numbers()
    deals = {o.pk: o for o in Opportunity.objects.select_related("stage")}
    for pk, changes in histories().items():
        deal, order = deals[pk], numbers[deals[pk].process_id]
        assert changes[0].kind == Kind.OPENED
        assert changes[0].from_number is None and changes[0].to_number == order[0]
        for before, change in zip(changes, changes[1:], strict=False):
            assert change.changed_at > before.changed_at
            assert change.from_number == before.to_number
            if change.kind in (Kind.ADVANCED, Kind.SKIPPED_GATE):
                assert order.index(change.to_number) == order.index(change.from_number) + 1
            elif change.kind == Kind.MOVED_BACK:
                assert change.to_number < change.from_number
            else:
                assert change.kind == Kind.CLOSED and change is changes[-1]
        assert changes[-1].to_number == deal.stage.number
        assert changes[-1].to_stage_id == deal.stage_id
        assert (changes[-1].to_name, changes[-1].to_name_zh) == (
            deal.stage.name_en,
            deal.stage.name_zh,
        )


def test_a_deal_is_in_its_stage_since_its_last_move(tiny_demo: str) -> None:
    for deal in Opportunity.objects.all():
        moves = deal.stage_changes.exclude(kind=Kind.CLOSED).order_by("changed_at", "id")
        assert deal.stage_entered_at == moves.last().changed_at
        assert deal.created_at == moves.first().changed_at


def test_closed_deals_end_with_a_close_row_that_records_the_result(tiny_demo: str) -> None:
    for pk, changes in histories().items():
        deal = Opportunity.objects.get(pk=pk)
        closes = [c for c in changes if c.kind == Kind.CLOSED]
        if deal.status == Status.OPEN:
            assert not closes and deal.closed_at is None
        else:
            assert closes == [changes[-1]]
            assert closes[0].status == deal.status
            assert closes[0].changed_at == deal.closed_at


def test_open_deals_have_every_earlier_stage_checked_unless_a_manager_skipped_its_gate(
    tiny_demo: str,
) -> None:
    milestones, checks, changes = milestone_ids_by_stage(), done_checks(), histories()
    for deal in Opportunity.objects.filter(status=Status.OPEN).select_related("stage"):
        skipped = {c.from_number for c in changes[deal.pk] if c.kind == Kind.SKIPPED_GATE}
        for number in stage_numbers()[deal.process_id]:
            if number >= deal.stage.number or number in skipped:
                continue
            assert milestones[(deal.process_id, number)] <= set(checks[deal.pk])


def test_every_gate_was_passed_after_its_milestones_were_checked(tiny_demo: str) -> None:
    milestones, checks = milestone_ids_by_stage(), done_checks()
    for pk, changes in histories().items():
        deal_checks = checks[pk]
        process_id = Opportunity.objects.get(pk=pk).process_id
        for change in changes:
            if change.kind != Kind.ADVANCED:
                continue
            for milestone_id in milestones[(process_id, change.from_number)]:
                assert deal_checks[milestone_id].checked_at < change.changed_at


def test_skipped_gates_were_skipped_by_the_owners_manager_with_a_reason(tiny_demo: str) -> None:
    milestones, checks = milestone_ids_by_stage(), done_checks()
    skips = StageChange.objects.filter(kind=Kind.SKIPPED_GATE).select_related(
        "opportunity__owner", "changed_by"
    )
    assert skips.exists()
    for skip in skips:
        assert skip.changed_by == skip.opportunity.owner.supervisor
        assert skip.changed_by.role == Role.MANAGER
        assert skip.reason.strip()
        gate = milestones[(skip.opportunity.process_id, skip.from_number)]
        assert not gate <= set(checks[skip.opportunity_id]), "a skipped gate was open"


def test_deals_moved_back_say_why(tiny_demo: str) -> None:
    backs = StageChange.objects.filter(kind=Kind.MOVED_BACK)
    assert backs.exists()
    assert all(back.reason.strip() for back in backs)


def test_milestones_are_checked_by_the_owner_while_the_deal_was_open(tiny_demo: str) -> None:
    deals = {o.pk: o for o in Opportunity.objects.all()}
    for check in MilestoneCheck.objects.all():
        deal = deals[check.opportunity_id]
        assert check.done and check.checked_by_id == deal.owner_id
        assert deal.created_at < check.checked_at
        assert check.checked_at < (deal.closed_at or timezone.now())
        assert check.milestone.stage.number == check.stage_number
        assert check.milestone_text == check.milestone.text_en
        assert check.milestone_text_zh == check.milestone.text_zh


def test_some_open_deals_have_part_of_their_current_stage_checked(tiny_demo: str) -> None:
    partly = 0
    for deal in Opportunity.objects.filter(status=Status.OPEN).select_related("stage"):
        wanted = set(deal.stage.milestones.values_list("id", flat=True))
        have = set(deal.milestone_checks.filter(done=True).values_list("milestone_id", flat=True))
        partly += bool(wanted & have) and not wanted <= have
    assert partly > 0


def test_won_deals_were_closed_from_the_last_stage_with_its_milestones_checked(
    tiny_demo: str,
) -> None:
    numbers, milestones, checks = stage_numbers(), milestone_ids_by_stage(), done_checks()
    won = Opportunity.objects.filter(status=Status.WON).select_related("stage")
    assert won.exists()
    for deal in won:
        last = numbers[deal.process_id][-1]
        assert deal.stage.number == last
        assert milestones[(deal.process_id, last)] <= set(checks[deal.pk])
        assert deal.forecast_category == "closed"


def test_lost_deals_say_why_and_who_won(tiny_demo: str) -> None:
    lost = Opportunity.objects.filter(status=Status.LOST).prefetch_related("competitors")
    assert lost.exists()
    for deal in lost:
        assert deal.close_reason.strip()
        assert deal.won_by in {c.name for c in deal.competitors.all()}


def test_abandoned_deals_say_why(tiny_demo: str) -> None:
    abandoned = Opportunity.objects.filter(status=Status.ABANDONED)
    assert abandoned.exists()
    assert all(deal.close_reason.strip() and not deal.won_by for deal in abandoned)


def test_deals_that_reached_a_fully_qualified_stage_have_all_five_answers(tiny_demo: str) -> None:
    strict = set(
        Stage.objects.filter(requires_full_qualification=True).values_list("process_id", "number")
    )
    assert strict, "the eight-step process needs all five answers before stage 3"
    reached = 0
    for pk, changes in histories().items():
        deal = Opportunity.objects.get(pk=pk)
        if any((deal.process_id, c.to_number) in strict for c in changes[1:]):
            reached += 1
            assert deal.qualification_answered == 5
    assert reached > 0


def test_early_deals_still_have_questions_unanswered(tiny_demo: str) -> None:
    early = Opportunity.objects.filter(stage__number=1)
    assert any(deal.qualification_answered < 5 for deal in early)


def test_every_opportunity_passes_the_models_validation(tiny_demo: str) -> None:
    for deal in Opportunity.objects.all():
        deal.full_clean()


def test_amounts_are_the_product_lines_and_costs_40_to_85_percent(tiny_demo: str) -> None:
    for deal in Opportunity.objects.prefetch_related("lines"):
        lines = list(deal.lines.all())
        assert lines
        assert deal.amount == sum((line.total for line in lines), Decimal(0))
        assert Decimal(50_000) <= deal.amount <= Decimal(20_000_000)
        assert deal.cost is not None
        assert Decimal("0.39") <= deal.cost / deal.amount <= Decimal("0.86")


def test_close_dates_run_from_three_months_ago_to_nine_months_ahead(tiny_demo: str) -> None:
    today = timezone.localdate()
    dates = list(Opportunity.objects.values_list("expected_close_date", flat=True))
    assert all(today - timedelta(days=92) <= d <= today + timedelta(days=275) for d in dates)
    assert any(d < today for d in dates) and any(d > today + timedelta(days=120) for d in dates)


def test_forecast_categories_follow_the_funnel_state(tiny_demo: str) -> None:
    for deal in Opportunity.objects.exclude(status=Status.WON).select_related("stage"):
        assert deal.forecast_category == FORECAST_BY_FUNNEL[deal.stage.funnel_state]


def test_nothing_is_dated_in_the_future(tiny_demo: str) -> None:
    now = timezone.now()
    assert not StageChange.objects.filter(changed_at__gte=now).exists()
    assert not MilestoneCheck.objects.filter(checked_at__gte=now).exists()
    assert not Opportunity.objects.filter(closed_at__gte=now).exists()
    assert not Opportunity.objects.filter(stage_entered_at__gte=now).exists()


def test_histories_go_back_several_months(tiny_demo: str) -> None:
    oldest = StageChange.objects.order_by("changed_at").first()
    assert oldest is not None
    assert oldest.changed_at < timezone.now() - timedelta(days=120)


def test_every_deal_involves_two_to_six_people_of_its_account(tiny_demo: str) -> None:
    vips = 0
    for deal in Opportunity.objects.prefetch_related("deal_contacts__contact"):
        people = list(deal.deal_contacts.all())
        assert 2 <= len(people) <= 6
        assert all(p.contact.account_id == deal.account_id for p in people)
        vips += sum(p.is_key_person for p in people)
    assert vips > 0


def test_late_deals_mostly_involve_the_decision_maker(tiny_demo: str) -> None:
    late = Opportunity.objects.filter(stage__funnel_state="best").prefetch_related(
        "deal_contacts__contact"
    )
    with_decider = [
        deal
        for deal in late
        if any(p.effective_decision_role == "decision_maker" for p in deal.deal_contacts.all())
    ]
    assert len(with_decider) > len(late) / 2


def test_competitors_carry_their_strength(tiny_demo: str) -> None:
    deals = Opportunity.objects.filter(competitors__isnull=False).distinct()
    assert deals.count() > Opportunity.objects.count() / 2
    strengths = set(deals.values_list("competitors__strength", flat=True))
    assert strengths == {"strong", "medium", "weak"}


def test_proposal_outlines_pick_benefits_of_the_deals_own_products(tiny_demo: str) -> None:
    deals = Opportunity.objects.filter(proposal_benefits__isnull=False).distinct()
    assert deals.exists()
    for deal in deals.prefetch_related("proposal_benefits__benefit__feature", "lines"):
        products = {line.product_id for line in deal.lines.all()}
        for picked in deal.proposal_benefits.all():
            assert picked.benefit.feature.product_id in products


def test_a_manager_sees_the_teams_deals_and_a_rep_only_their_own(tiny_demo: str) -> None:
    manager = User.objects.get(username="manager1")
    rep = User.objects.filter(supervisor=manager).order_by("id").first()
    assert rep is not None
    team_deals = opportunity_list_visible(manager)
    rep_deals = opportunity_list_visible(rep)
    assert rep_deals.exists()
    assert team_deals.count() > rep_deals.count()
    assert not team_deals.exclude(owner__supervisor=manager).exclude(owner=manager).exists()


def test_the_demo_history_carries_the_facts_the_conversion_report_counts(tiny_demo: str) -> None:
    for changes in histories().values():
        assert work_out_facts(changes) == []  # nothing to correct: stored as the app keeps them
