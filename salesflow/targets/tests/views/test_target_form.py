"""Setting a target and breaking one down from the pages."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from salesflow.org.models import Dealer
from salesflow.targets.models import Target

NEW = reverse("targets:create")
NEXT = str(timezone.localdate().year + 1)


def holder_values(response) -> set[str]:
    return {
        value
        for _group, members in response.context["form"].fields["holder"].choices
        for value, _label in members
    }


def test_a_director_sets_the_company_target_and_lands_on_its_tree(org, client_for):
    response = client_for(org["director"]).post(
        NEW, {"metric": "revenue", "period": NEXT, "holder": "company", "amount": "1000000"}
    )

    target = Target.objects.get()
    assert (target.holder_kind, target.period, target.amount) == (
        "company",
        NEXT,
        Decimal(1_000_000),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/targets/?period={NEXT}&metric=revenue#target-{target.pk}"


def test_breaking_down_offers_the_holders_beneath_and_the_shorter_periods(
    org, set_target, client_for
):
    team = set_target(org["team1"], NEXT, 500_000)

    response = client_for(org["director"]).get(NEW, {"parent": team.pk})

    assert holder_values(response) == {
        f"team:{org['team1'].pk}",
        f"rep:{org['manager1'].pk}",
        f"rep:{org['rep1'].pk}",
        f"rep:{org['rep2'].pk}",
    }
    periods = [value for value, _label in response.context["form"].fields["period"].choices]
    assert periods[:3] == [NEXT, f"{NEXT}-Q1", f"{NEXT}-01"] and len(periods) == 17
    assert response.context["form"]["amount"].value() == Decimal(500_000)  # the unallocated rest


def test_an_over_allocation_is_shown_on_the_amount_with_the_figures(org, set_target, client_for):
    company = set_target("company", NEXT, 1_000_000)
    set_target(org["region"], NEXT, 900_000, parent=company)

    response = client_for(org["director"]).post(
        NEW,
        {
            "parent": company.pk,
            "period": NEXT,
            "holder": f"team:{org['team2'].pk}",
            "amount": "300000",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["amount"] == [
        "The parts would total ¥1,200,000, ¥200,000 more than the target of ¥1,000,000."
    ]
    assert "unallocated" not in response.context["form"].errors


def test_a_manager_breaks_the_team_target_down_to_their_reps_and_dealers_only(
    org, set_target, client_for
):
    team = set_target(org["team1"], NEXT, 500_000)
    dealer = Dealer.objects.create(name="Wenzhou Trading", team=org["team1"])
    client = client_for(org["manager1"])

    response = client.get(NEW, {"parent": team.pk})
    assert holder_values(response) == {
        f"rep:{org['rep1'].pk}",
        f"rep:{org['rep2'].pk}",
        f"dealer:{dealer.pk}",
    }

    client.post(
        NEW,
        {
            "parent": team.pk,
            "period": f"{NEXT}-Q1",
            "holder": f"rep:{org['rep1'].pk}",
            "amount": "80000",
        },
    )
    assert Target.objects.get(user=org["rep1"]).period == f"{NEXT}-Q1"


def test_a_manager_is_told_to_start_from_the_tree(org, client_for):
    response = client_for(org["manager1"]).get(NEW)

    assert (
        "Managers break their team's targets down from the target tree."
        in response.content.decode()
    )
    assert b'class="card target-form"' not in response.content


def test_a_rep_cannot_set_a_target(org, set_target, client_for):
    team = set_target(org["team1"], NEXT, 500_000)

    response = client_for(org["rep1"]).post(
        NEW, {"parent": team.pk, "period": NEXT, "holder": f"rep:{org['rep1'].pk}", "amount": "1"}
    )

    assert response.status_code == 400
    assert Target.objects.count() == 1


def test_breaking_down_a_target_one_cannot_see_answers_404(org, set_target, client_for):
    company = set_target("company", NEXT, 1_000_000)

    assert client_for(org["manager1"]).get(NEW, {"parent": company.pk}).status_code == 404
