"""The tier rules page: directors change how often each tier is called and visited; anyone else
gets 404."""

import pytest

from salesflow.activities.models import CadenceRule
from salesflow.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


def rule_data(**changes):
    data = {
        "tier-A-call_every_months": 1,
        "tier-A-visit_every_months": 3,
        "tier-B-call_every_months": 3,
        "tier-B-visit_every_months": 6,
        "tier-C-call_every_months": 6,
        "tier-C-visit_every_months": 12,
    }
    data.update(changes)
    return data


def test_a_director_sees_the_shipped_defaults(org, client_for):
    response = client_for(org["director"]).get("/cadence/rules/")

    assert response.status_code == 200
    initial = {f.rule.tier: dict(f.initial) for f in response.context["forms"]}
    assert initial == {
        "A": {"call_every_months": 1, "visit_every_months": 3},
        "B": {"call_every_months": 3, "visit_every_months": 6},
        "C": {"call_every_months": 6, "visit_every_months": 12},
    }


def test_a_director_changes_a_tiers_cadence_and_it_is_recorded(org, client_for):
    response = client_for(org["director"]).post(
        "/cadence/rules/", rule_data(**{"tier-B-call_every_months": 2})
    )

    assert response.status_code == 302
    assert CadenceRule.objects.get(tier="B").call_every_months == 2
    change = ChangeRecord.objects.get(field="call_every_months")
    assert (change.old_value, change.new_value, change.changed_by) == ("3", "2", org["director"])


def test_zero_months_is_refused_and_nothing_is_saved(org, client_for):
    response = client_for(org["director"]).post(
        "/cadence/rules/",
        rule_data(**{"tier-A-call_every_months": 2, "tier-C-visit_every_months": 0}),
    )

    assert response.status_code == 400
    assert CadenceRule.objects.get(tier="A").call_every_months == 1
    assert CadenceRule.objects.get(tier="C").visit_every_months == 12


@pytest.mark.parametrize("role", ["manager1", "rep1"])
def test_anyone_but_a_director_gets_404(role, org, client_for):
    client = client_for(org[role])

    assert client.get("/cadence/rules/").status_code == 404
    assert (
        client.post("/cadence/rules/", rule_data(**{"tier-A-call_every_months": 5})).status_code
        == 404
    )
    assert CadenceRule.objects.get(tier="A").call_every_months == 1


def test_only_a_director_sees_the_link_to_the_rules(org, client_for):
    assert "/cadence/rules/" in client_for(org["director"]).get("/cadence/").content.decode()
    assert "/cadence/rules/" not in client_for(org["manager1"]).get("/cadence/").content.decode()
