"""The opportunity list's search and filters, always inside what the user may see."""

from datetime import date

from salesflow.pipeline.selectors import opportunity_search
from salesflow.pipeline.services import opportunity_close


def names(qs) -> set[str]:
    return {o.name for o in qs}


def test_search_matches_the_opportunity_or_the_account_name(org, make_account, make_opportunity):
    make_opportunity(org["rep1"], name="ERP rollout")
    make_opportunity(org["rep1"], name="Fleet", account=make_account(org["rep1"], name="Haier"))
    make_opportunity(org["rep1"], name="Other")

    assert names(opportunity_search(org["rep1"], q="erp")) == {"ERP rollout"}
    assert names(opportunity_search(org["rep1"], q="haier")) == {"Fleet"}


def test_search_never_finds_what_the_user_may_not_see(org, make_opportunity):
    make_opportunity(org["rep3"], name="ERP for Beijing")

    assert names(opportunity_search(org["rep1"], q="ERP")) == set()


def test_filters_by_status_owner_and_team(org, make_opportunity):
    make_opportunity(org["rep1"], name="Open one")
    lost = make_opportunity(org["rep2"], name="Lost one")
    make_opportunity(org["rep3"], name="Beijing one")
    opportunity_close(opportunity=lost, acting_user=org["rep2"], result="lost", reason="Price")
    director = org["director"]

    assert names(opportunity_search(director, status="lost")) == {"Lost one"}
    assert names(opportunity_search(director, owner=org["rep1"].pk)) == {"Open one"}
    assert names(opportunity_search(director, team=org["team2"].pk)) == {"Beijing one"}


def test_filters_by_process_and_stage(org, ten_step, stage_of, make_opportunity):
    make_opportunity(org["rep1"], name="Eight", stage=2)
    make_opportunity(org["rep1"], name="Ten", process=ten_step)

    assert names(opportunity_search(org["rep1"], process=ten_step.pk)) == {"Ten"}
    assert names(opportunity_search(org["rep1"], stage=stage_of(ten_step, 1).pk)) == {"Ten"}


def test_filters_by_close_period_including_both_ends(org, make_opportunity):
    for day in (1, 15, 31):
        make_opportunity(org["rep1"], name=f"Day {day}", expected_close_date=date(2026, 3, day))

    found = opportunity_search(org["rep1"], close_from=date(2026, 3, 1), close_to=date(2026, 3, 15))

    assert names(found) == {"Day 1", "Day 15"}
