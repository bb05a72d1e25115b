"""The opportunity page in Chromium: tick stage 1's milestones and advance; a refused advance names
the unmet milestone; screenshots of a full page in both languages."""

import re
from decimal import Decimal

import pytest

from salesflow.conftest import ARTIFACTS
from salesflow.pipeline.models import Competitor, Opportunity
from salesflow.pipeline.selectors import milestones_of
from salesflow.pipeline.services import deal_contact_set, line_add, qualification_set
from salesflow.playbook.models import Product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_rep_ticks_stage_1s_milestones_and_advances_to_stage_2(
    page, org, make_opportunity, sign_in
):
    deal = make_opportunity(org["rep1"], name="Cold rolling line upgrade")
    milestones = list(milestones_of(deal.stage))
    sign_in(page, org["rep1"])
    page.goto(deal.get_absolute_url())
    page.evaluate("window.stillTheSamePage = true")

    for milestone in milestones:
        row = page.locator(f"li[data-milestone='{milestone.pk}']")
        row.locator("input[name=evidence]").fill(f"Minutes of {milestone.text}")
        row.locator("input[name=done]").check()
        row.locator(".checked-by", has_text="Ticked by rep1").wait_for()
    page.click("#advance")

    page.locator(".messages", has_text="Advanced to stage 2").wait_for()
    assert page.locator(".sb-step[aria-current=step]").get_attribute("data-stage") == "2"
    assert page.evaluate("window.stillTheSamePage") is True
    assert Opportunity.objects.get(pk=deal.pk).stage.number == 2
    earlier = page.locator(".earlier-checks").inner_text()
    assert "Minutes of Project analysed" in earlier


def test_advancing_with_an_unticked_milestone_is_refused_naming_it(
    page, org, make_opportunity, sign_in
):
    deal = make_opportunity(org["rep1"])
    first, second = milestones_of(deal.stage)
    sign_in(page, org["rep1"])
    page.goto(deal.get_absolute_url())

    page.locator(f"#milestone-{first.pk}").check()
    page.locator(f"li[data-milestone='{first.pk}'] .checked-by").wait_for()
    page.click("#advance")

    refusal = page.locator(".refusal")
    refusal.wait_for()
    assert f"Milestone not met: {second.text}" in refusal.inner_text()
    assert first.text not in refusal.inner_text()
    assert Opportunity.objects.get(pk=deal.pk).stage.number == 1


@pytest.mark.parametrize("page", ["en-US", "zh-CN"], indirect=True)
def test_screenshot_of_a_deal_in_the_middle_of_the_process(
    page, org, make_opportunity, make_contact, sign_in, request
):
    rep = org["rep1"]
    rep.social_style = "driver"
    rep.save()
    deal = make_opportunity(
        rep,
        name="Baosteel cold rolling line upgrade",
        amount=Decimal("2800000"),
        cost=Decimal("1900000"),
        stage=3,
        source="referral",
        project_type="self_funded",
        our_position="challenger",
        decision_cycle_state=3,
        favourable_factors="Our reference at Shougang; the CTO trusts our engineers.",
        unfavourable_factors="Procurement prefers the incumbent's price.",
    )
    chen = make_contact(
        deal.account,
        name="Chen Jun",
        title="General manager",
        decision_role="decision_maker",
        attitude="resists",
        social_style="analytical",
    )
    li = make_contact(
        deal.account,
        name="Li Wei",
        title="CTO",
        decision_role="technical_recommender",
        attitude="accepts",
        is_ally=True,
        social_style="amiable",
    )
    for contact, vip in ((chen, True), (li, False)):
        deal_contact_set(opportunity=deal, contact=contact, acting_user=rep, is_key_person=vip)
    Competitor.objects.create(opportunity=deal, name="Siemens", strength="strong")
    line_add(
        opportunity=deal,
        acting_user=rep,
        product=Product.objects.create(name="Rolling mill drive"),
        quantity=Decimal(2),
        unit_price=Decimal("1400000"),
    )
    qualification_set(opportunity=deal, acting_user=rep, budget="partly", worth="no")
    sign_in(page, rep)

    page.goto(deal.get_absolute_url())

    lang = request.node.callspec.params["page"]
    page.screenshot(path=str(ARTIFACTS / f"opportunity-page-{lang}.png"), full_page=True)
    assert page.locator("#qualification-score").inner_text().startswith("7/10")
    assert page.locator(".sb-step[aria-current=step]").get_attribute("data-stage") == "3"
    assert "Chen Jun" in page.locator("#next-actions").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / f"opportunity-page-{lang}-phone.png"), full_page=True)
    assert re.search(r"/opportunities/\d+/$", page.url)
