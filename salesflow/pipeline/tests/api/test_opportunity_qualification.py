"""PUT /api/v1/opportunities/{id}/qualification: the five questions of §5, the score, and the
eight-step process's rule that stage 3 needs all five answered."""

from salesflow.pipeline.models import QUALIFICATION_FIELDS, Opportunity

ALL_YES = dict.fromkeys(QUALIFICATION_FIELDS, "yes")


def put(client, opportunity, **answers):
    return client.put(
        f"/api/v1/opportunities/{opportunity.pk}/qualification",
        answers,
        content_type="application/json",
    )


def advance(client, opportunity):
    return client.post(
        f"/api/v1/opportunities/{opportunity.pk}/advance", {}, content_type="application/json"
    )


def test_the_answers_give_the_score(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = put(
        api_client_for(org["rep1"]),
        opportunity,
        need="yes",
        decision_process="partly",
        budget="no",
        relationship="unknown",
        worth="yes",
        budget_evidence="No budget line this year",
    )

    assert response.status_code == 200
    qualification = response.json()["qualification"]
    assert (qualification["score"], qualification["answered"]) == (5, 4)
    assert (qualification["need"], qualification["decision_process"]) == ("yes", "partly")
    assert qualification["budget_evidence"] == "No budget line this year"


def test_evidence_left_out_stays_as_it_was(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])
    client = api_client_for(org["rep1"])
    put(client, opportunity, **ALL_YES, need_evidence="Site survey")

    put(client, opportunity, **{**ALL_YES, "need": "partly"})

    opportunity.refresh_from_db()
    assert (opportunity.need, opportunity.need_evidence) == ("partly", "Site survey")


def test_every_answer_is_required(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = put(api_client_for(org["rep1"]), opportunity, need="yes")

    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["detail"]}
    assert fields == {"decision_process", "budget", "relationship", "worth"}


def test_an_answer_outside_the_four_is_a_422_listing_them(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = put(api_client_for(org["rep1"]), opportunity, **{**ALL_YES, "worth": "maybe"})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "worth"
    assert all(value in error["message"] for value in ("yes", "partly", "no", "unknown"))
    assert Opportunity.objects.get().worth == "unknown"


def test_stage_3_of_the_eight_step_process_needs_all_five_answered(
    org, make_opportunity, tick_all_milestones, api_client_for
):
    opportunity = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(opportunity)
    client = api_client_for(org["rep1"])
    put(client, opportunity, **{**ALL_YES, "budget": "unknown"})

    refused = advance(client, opportunity)

    assert refused.status_code == 409
    [blocker] = refused.json()["blockers"]
    assert (blocker["code"], blocker["milestone_id"]) == ("qualification_incomplete", None)
    assert "1 still unknown" in blocker["message"]


def test_once_all_five_are_answered_the_deal_enters_stage_3(
    org, make_opportunity, tick_all_milestones, api_client_for
):
    opportunity = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(opportunity)
    client = api_client_for(org["rep1"])

    put(client, opportunity, **{**ALL_YES, "budget": "no", "worth": "partly"})
    response = advance(client, opportunity)

    assert response.status_code == 200
    assert response.json()["stage"]["number"] == 3
