"""Moving a card on the board: through the gate, refused with the reasons, back with a reason,
a stale card, and someone else's card."""

from django.urls import reverse

from salesflow.pipeline.models import StageChange

MOVE = "pipeline:board_move"


def move(client, deal, stage, *, version=None, reason="", fragment=True, query=""):
    url = reverse(MOVE, args=[deal.pk]) + (f"?{query}" if query else "")
    data = {"stage": stage.pk, "version": deal.version if version is None else version}
    if reason:
        data["reason"] = reason
    headers = {"X-Board-Move": "1"} if fragment else {}
    return client.post(url, data, headers=headers)


def card_stage(response, deal) -> int:
    board = response.context["board"]
    return next(
        c.stage.number
        for g in board.groups
        for c in g.columns
        for card in c.cards
        if card.opportunity.pk == deal.pk
    )


def test_a_card_whose_milestones_are_met_moves_to_the_next_column(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep1"], name="Ready")
    tick_all_milestones(deal)

    response = move(client_for(org["rep1"]), deal, stage_of(eight_step, 2))

    assert response.status_code == 200
    deal.refresh_from_db()
    assert deal.stage.number == 2
    assert card_stage(response, deal) == 2
    assert response.context["outcome"].ok is True
    html = response.content.decode()
    assert "“Ready” moved to 2. Initial contact." in html
    assert "<html" not in html


def test_the_totals_follow_the_moved_card(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)

    response = move(client_for(org["rep1"]), deal, stage_of(eight_step, 2))

    first, second = response.context["board"].groups[0].columns
    assert (first.totals.count, second.totals.count) == (0, 1)


def test_a_closed_gate_refuses_the_move_and_names_each_unmet_milestone(
    org, eight_step, stage_of, make_opportunity, client_for
):
    deal = make_opportunity(org["rep1"], name="Not ready")

    response = move(client_for(org["rep1"]), deal, stage_of(eight_step, 2))

    assert response.status_code == 409
    deal.refresh_from_db()
    assert deal.stage.number == 1
    assert card_stage(response, deal) == 1
    assert response.context["outcome"].reasons == [
        "Milestone not met: Project analysed",
        "Milestone not met: Initiation approved internally",
    ]
    html = response.content.decode()
    assert "“Not ready” stays in 1. Project initiation:" in html
    assert "Milestone not met: Project analysed" in html


def test_a_refusal_names_the_qualification_the_next_stage_needs(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)

    response = move(client_for(org["rep1"]), deal, stage_of(eight_step, 3))

    assert response.status_code == 409
    assert response.context["outcome"].reasons == [
        "Stage 3 needs all five qualification questions answered; 5 still unknown."
    ]


def test_a_refusal_reads_in_the_users_language(
    org, eight_step, stage_of, make_opportunity, client_for
):
    deal = make_opportunity(org["rep1"])
    client = client_for(org["rep1"])
    client.cookies["django_language"] = "zh-hans"

    response = move(client, deal, stage_of(eight_step, 2))

    assert "分析项目" in response.context["outcome"].reasons[0]


def test_moving_back_without_a_reason_is_refused(
    org, eight_step, stage_of, make_opportunity, client_for
):
    deal = make_opportunity(org["rep1"], stage=2)

    response = move(client_for(org["rep1"]), deal, stage_of(eight_step, 1))

    assert response.status_code == 409
    deal.refresh_from_db()
    assert deal.stage.number == 2
    assert response.context["outcome"].reasons == ["Say why the opportunity moves back."]


def test_moving_back_with_a_reason_is_recorded(
    org, eight_step, stage_of, make_opportunity, client_for
):
    deal = make_opportunity(org["rep1"], stage=2)

    response = move(client_for(org["rep1"]), deal, stage_of(eight_step, 1), reason="Budget frozen")

    assert response.status_code == 200
    assert card_stage(response, deal) == 1
    back = StageChange.objects.filter(opportunity=deal).latest("id")
    assert (back.kind, back.reason, back.changed_by) == (
        StageChange.Kind.MOVED_BACK,
        "Budget frozen",
        org["rep1"],
    )


def test_a_stale_card_is_refused_and_shown_where_it_really_is(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep1"], name="Busy deal")
    seen = deal.version
    tick_all_milestones(deal)
    client = client_for(org["rep1"])
    move(client, deal, stage_of(eight_step, 2))  # someone moved it meanwhile

    response = move(client, deal, stage_of(eight_step, 2), version=seen)

    assert response.status_code == 409
    outcome = response.context["outcome"]
    assert outcome.title == (
        "Someone else changed this opportunity a moment ago. It has been refreshed."
    )
    assert outcome.reasons == ["“Busy deal” is now in 2. Initial contact."]
    assert card_stage(response, deal) == 2
    assert StageChange.objects.filter(opportunity=deal, kind="advanced").count() == 1


def test_skipping_a_stage_is_refused(org, eight_step, stage_of, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])

    response = move(client_for(org["rep1"]), deal, stage_of(eight_step, 3))

    assert response.status_code == 409
    assert response.context["outcome"].reasons[0] == (
        "Advance one stage at a time: the next stage is 2. Initial contact."
    )


def test_another_reps_card_cannot_be_moved(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep2"])
    tick_all_milestones(deal)

    response = move(client_for(org["rep1"]), deal, stage_of(eight_step, 2))

    assert response.status_code == 404
    deal.refresh_from_db()
    assert deal.stage.number == 1


def test_a_manager_moves_a_card_of_their_rep(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep2"])
    tick_all_milestones(deal)

    response = move(client_for(org["manager1"]), deal, stage_of(eight_step, 2))

    assert response.status_code == 200
    assert StageChange.objects.filter(opportunity=deal).latest("id").changed_by == org["manager1"]


def test_without_javascript_the_move_returns_to_the_filtered_board_with_a_message(
    org, eight_step, stage_of, make_opportunity, client_for
):
    deal = make_opportunity(org["rep1"], name="Plain form")
    client = client_for(org["rep1"])

    response = move(
        client, deal, stage_of(eight_step, 2), fragment=False, query=f"owner={org['rep1'].pk}"
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("pipeline:board") + f"?owner={org['rep1'].pk}"
    page = client.get(response["Location"])
    assert "Milestone not met: Project analysed" in page.content.decode()


def test_the_board_answers_a_move_with_the_filters_still_applied(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones, client_for
):
    mine = make_opportunity(org["rep1"])
    make_opportunity(org["rep2"], name="Filtered out")
    tick_all_milestones(mine)

    response = move(
        client_for(org["manager1"]),
        mine,
        stage_of(eight_step, 2),
        query=f"owner={org['rep1'].pk}",
    )

    names = [
        card.opportunity.name
        for g in response.context["board"].groups
        for c in g.columns
        for card in c.cards
    ]
    assert names == [mine.name]


def test_a_move_needs_a_stage(org, eight_step, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])

    response = client_for(org["rep1"]).post(
        reverse(MOVE, args=[deal.pk]), {"version": deal.version}, headers={"X-Board-Move": "1"}
    )

    assert response.status_code == 400
