"""Creating and editing an opportunity: the account and process preselected, amounts checked,
the service's errors shown by their fields, and a stale edit refused."""

from decimal import Decimal

from django.urls import reverse

from salesflow.core.history import history_for
from salesflow.pipeline.models import Opportunity, StageChange

CREATE = reverse("pipeline:create")


def valid_data(account, owner, **changes):
    data = {
        "account": account.pk,
        "name": "Cold rolling line upgrade",
        "owner": owner.pk,
        "expected_close_date": "2030-03-31",
        "amount": "1200000",
        "cost": "800000",
        "decision_cycle_state": "3",
    }
    return {**data, **changes}


def test_the_account_from_the_link_is_preselected(org, make_account, client_for):
    account = make_account(org["rep1"], name="Baosteel")

    response = client_for(org["rep1"]).get(CREATE, {"account": account.pk})

    assert response.context["form"]["account"].value() == account.pk
    assert f'href="{account.get_absolute_url()}"' in response.content.decode()  # cancel goes back


def test_an_account_the_user_cannot_see_is_not_preselected(org, make_account, client_for):
    other = make_account(org["rep3"])

    response = client_for(org["rep1"]).get(CREATE, {"account": other.pk})

    assert response.context["form"]["account"].value() is None


def test_the_default_process_is_preselected_and_others_offered(
    org, eight_step, ten_step, client_for
):
    response = client_for(org["rep1"]).get(CREATE)

    process = response.context["form"]["process"]
    assert process.value() == eight_step.pk
    assert ten_step.pk in [choice[0].value for choice in process.field.choices]


def test_creating_opens_the_deal_in_the_first_stage_of_the_chosen_process(
    org, make_account, ten_step, client_for
):
    account = make_account(org["rep1"])

    response = client_for(org["rep1"]).post(
        CREATE, valid_data(account, org["rep1"], process=ten_step.pk)
    )

    deal = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == deal.get_absolute_url()
    assert (deal.process, deal.stage.number) == (ten_step, 1)
    assert deal.gross_margin == Decimal("400000")
    assert StageChange.objects.filter(opportunity=deal, kind="opened").exists()


def test_a_negative_amount_is_refused_next_to_the_field(org, make_account, eight_step, client_for):
    account = make_account(org["rep1"])

    response = client_for(org["rep1"]).post(
        CREATE, valid_data(account, org["rep1"], process=eight_step.pk, amount="-5", cost="-1")
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["amount"] == ["Ensure this value is greater than or equal to 0."]
    assert "cost" in form.errors
    assert not Opportunity.objects.exists()


def test_the_services_errors_are_shown_by_their_fields(org, make_account, eight_step, client_for):
    account = make_account(org["rep1"])

    response = client_for(org["rep1"]).post(
        CREATE, valid_data(account, org["rep1"], process=eight_step.pk, amount="1000000000000")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["amount"]
    assert "Nothing was saved" in response.content.decode()


def test_editing_saves_and_records_the_change(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"], name="Old name")
    url = reverse("pipeline:edit", args=[deal.pk])
    form = client_for(org["rep1"]).get(url).context["form"]
    data = {**form.initial, "name": "New name", "version": deal.version}
    data = {k: ("" if v is None else v) for k, v in data.items()}

    response = client_for(org["rep1"]).post(url, data)

    deal.refresh_from_db()
    assert response.status_code == 302
    assert deal.name == "New name"
    assert [r.field for r in history_for(deal) if r.new_value == "New name"] == ["name"]


def test_a_stale_edit_is_refused_with_the_refreshed_form(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"], name="Theirs")
    url = reverse("pipeline:edit", args=[deal.pk])
    form = client_for(org["rep1"]).get(url).context["form"]
    stale = {k: ("" if v is None else v) for k, v in form.initial.items()}
    client_for(org["manager1"]).post(url, {**stale, "name": "Manager's", "version": deal.version})

    response = client_for(org["rep1"]).post(
        url, {**stale, "name": "Rep's", "version": deal.version}
    )

    deal.refresh_from_db()
    assert response.status_code == 409
    assert deal.name == "Manager's"
    assert "Someone else changed this opportunity" in response.content.decode()
    assert response.context["form"]["name"].value() == "Manager's"


def test_the_account_page_lists_its_opportunities_and_links_to_a_new_one(
    org, make_account, make_opportunity, client_for
):
    account = make_account(org["rep1"], name="Baosteel")
    make_opportunity(org["rep1"], account=account, name="Rolling line")

    response = client_for(org["rep1"]).get(account.get_absolute_url())

    html = response.content.decode()
    assert "Rolling line" in html
    assert f"{CREATE}?account={account.pk}" in html


def test_an_owner_may_edit_their_deal_on_an_account_they_do_not_see(
    org, make_account, make_opportunity, client_for
):
    elsewhere = make_account(org["rep3"], name="Beijing account")
    deal = make_opportunity(
        org["rep1"], account=elsewhere, acting_user=org["director"], name="Borrowed"
    )
    url = reverse("pipeline:edit", args=[deal.pk])
    form = client_for(org["rep1"]).get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}

    response = client_for(org["rep1"]).post(url, {**data, "name": "Still mine"})

    deal.refresh_from_db()
    assert response.status_code == 302
    assert (deal.name, deal.account) == ("Still mine", elsewhere)
