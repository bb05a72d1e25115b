"""A target's page: its progress and parts, changing it, the lock and the reasoned change."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from salesflow.targets.models import Target, TargetChange

YEAR = str(timezone.localdate().year)
NEXT = str(timezone.localdate().year + 1)


def test_the_page_shows_the_parts_and_the_unallocated_rest(org, set_target, client_for):
    company = set_target("company", NEXT, 1_000_000)
    set_target(org["region"], NEXT, 700_000, parent=company)

    html = (
        client_for(org["director"])
        .get(reverse("targets:detail", args=[company.pk]))
        .content.decode()
    )

    assert "unallocated ¥300,000" in html
    assert "East" in html.split('id="parts"', 1)[1]


def test_a_director_changes_a_locked_target_giving_a_reason(org, set_target, client_for):
    target = set_target("company", YEAR, 1_000_000)
    url = reverse("targets:detail", args=[target.pk])
    client = client_for(org["director"])

    refused = client.post(url, {"amount": "1100000"})
    assert refused.status_code == 400
    assert "reason" in refused.context["form"].errors

    client.post(url, {"amount": "1100000", "reason": "A new key account signed"})

    change = TargetChange.objects.get(target=target)
    assert change.reason == "A new key account signed"
    assert "A new key account signed" in client.get(url).content.decode()


def test_a_manager_sees_the_lock_and_no_form_on_a_started_target(org, set_target, client_for):
    team = set_target(org["team1"], YEAR, 500_000)
    rep = set_target(org["rep1"], YEAR, 100_000, parent=team)
    url = reverse("targets:detail", args=[rep.pk])
    client = client_for(org["manager1"])

    page = client.get(url).content.decode()
    assert "This target is locked" in page
    assert 'name="amount"' not in page

    response = client.post(url, {"amount": "150000", "reason": "x"})
    assert response.status_code == 409
    assert "Only a director can change it" in response.content.decode()
    rep.refresh_from_db()
    assert rep.amount == Decimal(100_000)


def test_a_manager_changes_their_reps_part_before_the_period_starts(org, set_target, client_for):
    team = set_target(org["team1"], NEXT, 500_000)
    rep = set_target(org["rep1"], NEXT, 100_000, parent=team)

    client_for(org["manager1"]).post(reverse("targets:detail", args=[rep.pk]), {"amount": "120000"})

    rep.refresh_from_db()
    assert rep.amount == Decimal(120_000)


def test_a_colleagues_target_answers_404(org, set_target, client_for):
    target = set_target(org["rep2"], NEXT, 100_000)

    assert (
        client_for(org["rep1"]).get(reverse("targets:detail", args=[target.pk])).status_code == 404
    )


def test_deleting_a_target_not_yet_started(org, set_target, client_for):
    target = set_target("company", NEXT, 1_000_000)

    response = client_for(org["director"]).post(reverse("targets:delete", args=[target.pk]))

    assert response.status_code == 302
    assert not Target.objects.exists()


def test_deleting_a_started_target_is_refused_with_the_reason(org, set_target, client_for):
    target = set_target("company", YEAR, 1_000_000)
    client = client_for(org["director"])

    response = client.post(reverse("targets:delete", args=[target.pk]), follow=True)

    assert Target.objects.filter(pk=target.pk).exists()
    assert "It stays on record" in response.content.decode()
