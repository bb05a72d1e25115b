"""GET /api/v1/opportunities/{id}/milestones and POST .../milestones/{milestone_id}: the process's
checklist with who checked what, when, and on what evidence."""

from salesflow.pipeline.models import MilestoneCheck
from salesflow.playbook.models import Milestone


def url(opportunity, milestone=None) -> str:
    suffix = f"/{milestone.pk}" if milestone else ""
    return f"/api/v1/opportunities/{opportunity.pk}/milestones{suffix}"


def check(client, opportunity, milestone, **body):
    return client.post(url(opportunity, milestone), body, content_type="application/json")


def first_milestone(opportunity) -> Milestone:
    return Milestone.objects.filter(stage=opportunity.stage).order_by("order", "id")[0]


def test_every_milestone_of_the_process_is_listed_stage_by_stage(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep1"], stage=2)

    response = api_client_for(org["rep1"]).get(url(opportunity))

    assert response.status_code == 200
    items = response.json()
    assert [m["stage_number"] for m in items] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8]
    assert set(items[0]) == {
        "id", "stage_number", "text", "done", "evidence", "checked_by", "checked_at",
        "is_current_stage",
    }  # fmt: skip
    assert [m["is_current_stage"] for m in items[:6]] == [False, False, True, True, False, False]
    assert [m["done"] for m in items[:4]] == [True, True, False, False]
    assert items[0]["checked_by"] == "rep1"
    assert items[2]["checked_by"] is None
    assert items[2]["text"] == "On-site visit done"


def test_checking_a_milestone_records_who_when_and_the_evidence(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep1"])
    milestone = first_milestone(opportunity)

    response = check(
        api_client_for(org["manager1"]), opportunity, milestone, done=True, evidence="Memo 12"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["done"], body["evidence"], body["checked_by"]) == (
        milestone.pk,
        True,
        "Memo 12",
        "manager1",
    )
    assert body["checked_at"] is not None
    assert body["is_current_stage"] is True
    saved = MilestoneCheck.objects.get(opportunity=opportunity, milestone=milestone)
    assert (saved.done, saved.checked_by) == (True, org["manager1"])


def test_a_checked_milestone_can_be_unchecked(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])
    milestone = first_milestone(opportunity)
    client = api_client_for(org["rep1"])
    check(client, opportunity, milestone, done=True)

    check(client, opportunity, milestone, done=False)

    listed = client.get(url(opportunity)).json()
    assert [m["done"] for m in listed if m["id"] == milestone.pk] == [False]


def test_checking_a_milestone_raises_the_version(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])
    client = api_client_for(org["rep1"])

    check(client, opportunity, first_milestone(opportunity), done=True)

    assert client.get(f"/api/v1/opportunities/{opportunity.pk}").json()["version"] == 2


def test_an_unknown_milestone_is_not_found(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = api_client_for(org["rep1"]).post(
        f"{url(opportunity)}/987654", {"done": True}, content_type="application/json"
    )

    assert response.status_code == 404


def test_a_milestone_of_another_process_is_a_422(org, make_opportunity, ten_step, api_client_for):
    opportunity = make_opportunity(org["rep1"])
    foreign = Milestone.objects.filter(stage__process=ten_step).first()

    response = check(api_client_for(org["rep1"]), opportunity, foreign, done=True)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["milestone"]
    assert not MilestoneCheck.objects.exists()


def test_done_is_required(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = check(api_client_for(org["rep1"]), opportunity, first_milestone(opportunity))

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["done"]
