"""Creating and editing accounts: service errors land next to their fields, nothing half-saved."""

from decimal import Decimal

from django.urls import reverse

from salesflow.accounts.credit_code import check_character
from salesflow.accounts.models import Account, Tier
from salesflow.accounts.tests.views.html import children, find, parse, text
from salesflow.core.models import ChangeRecord

CREATE = reverse("accounts:create")


def credit_code(serial: str = "MA1FL0001") -> str:
    first_17 = "91310000" + serial
    return first_17 + check_character(first_17)


def form_data(**overrides):
    data = {
        "name": "Shanghai Electric",
        "credit_code": "",
        "industry": "Power equipment",
        "region": "",
        "address": "",
        "website": "",
        "annual_revenue": "",
        "employees": "",
        "net_assets": "",
        "key_account_type": "none",
        "tier": "",
        "score_sales_potential": "",
        "score_innovation": "",
        "score_market_strength": "",
        "score_financial_health": "",
        "parent": "",
        "owner": "",
        "status": "prospect",
    }
    data.update(overrides)
    return data


def field_errors(response, name: str) -> str:
    """The text of the error shown inside the field's own block on the page."""
    block = find(parse(response.content), data_field=name)
    return " ".join(text(p) for p in children(block, "p", cls="field-error"))


def test_creating_an_account_opens_its_page(org, client_for):
    user = org["rep1"]

    response = client_for(user).post(
        CREATE,
        form_data(owner=user.pk, credit_code=credit_code(), region=org["region"].pk),
    )

    account = Account.objects.get(name="Shanghai Electric")
    assert response.status_code == 302
    assert response["Location"] == account.get_absolute_url()
    assert account.owner == user
    assert account.credit_code == credit_code()
    assert account.region == org["region"]


def test_the_new_account_form_proposes_the_user_as_owner(org, client_for):
    response = client_for(org["rep1"]).get(CREATE)

    assert response.context["form"]["owner"].value() == org["rep1"].pk


def test_a_bad_check_character_shows_next_to_the_code_and_saves_nothing(org, client_for):
    bad = credit_code()[:17] + ("0" if credit_code()[17] != "0" else "1")

    response = client_for(org["rep1"]).post(
        CREATE, form_data(owner=org["rep1"].pk, credit_code=bad)
    )

    assert response.status_code == 200
    assert "The check character is wrong" in field_errors(response, "credit_code")
    assert "Nothing was saved" in response.content.decode()
    assert not Account.objects.exists()
    assert not ChangeRecord.objects.exists()


def test_a_missing_name_is_reported_on_the_name_field(org, client_for):
    response = client_for(org["rep1"]).post(CREATE, form_data(name="", owner=org["rep1"].pk))

    assert "This field is required." in field_errors(response, "name")
    assert not Account.objects.exists()


def test_a_credit_code_already_used_names_the_visible_account(org, make_account, client_for):
    existing = make_account(org["rep1"], name="Existing Co", credit_code=credit_code())

    response = client_for(org["rep1"]).post(
        CREATE, form_data(owner=org["rep1"].pk, credit_code=credit_code())
    )

    errors = field_errors(response, "credit_code")
    assert f"“Existing Co” (account #{existing.pk})" in errors
    assert Account.objects.count() == 1


def test_a_credit_code_used_by_a_hidden_account_does_not_reveal_it(org, make_account, client_for):
    make_account(org["rep3"], name="Hidden Co", credit_code=credit_code())

    response = client_for(org["rep1"]).post(
        CREATE, form_data(owner=org["rep1"].pk, credit_code=credit_code())
    )

    errors = field_errors(response, "credit_code")
    assert "already recorded for another account" in errors
    assert "Hidden Co" not in response.content.decode()


def test_a_blank_tier_takes_the_size_rule_suggestion(org, client_for):
    client_for(org["rep1"]).post(
        CREATE,
        form_data(owner=org["rep1"].pk, annual_revenue="5000000000", employees="50000"),
    )

    assert Account.objects.get().tier == Tier.A


def test_the_tier_field_says_blank_means_the_suggestion(org, client_for):
    response = client_for(org["rep1"]).get(CREATE)

    tier = find(parse(response.content), data_field="tier")
    assert "Leave blank to use the tier the size rule suggests" in text(tier)


def test_parent_choices_are_only_visible_accounts(org, make_account, client_for):
    make_account(org["rep1"], name="Own group")
    make_account(org["rep3"], name="Someone else's group")

    response = client_for(org["rep1"]).get(CREATE)

    parents = [label for value, label in response.context["form"].fields["parent"].choices if value]
    assert parents == ["Own group"]


def test_a_hidden_parent_cannot_be_posted(org, make_account, client_for):
    hidden = make_account(org["rep3"], name="Hidden group")

    response = client_for(org["rep1"]).post(
        CREATE, form_data(owner=org["rep1"].pk, parent=hidden.pk)
    )

    assert "Select a valid choice" in field_errors(response, "parent")
    assert not Account.objects.filter(name="Shanghai Electric").exists()


def test_owner_choices_are_only_people_the_user_may_see(org, client_for):
    response = client_for(org["manager1"]).get(CREATE)

    owners = [label for value, label in response.context["form"].fields["owner"].choices if value]
    assert owners == ["manager1", "rep1", "rep2"]


def test_a_manager_can_give_a_new_account_to_their_rep(org, client_for):
    client_for(org["manager1"]).post(CREATE, form_data(owner=org["rep2"].pk))

    assert Account.objects.get().owner == org["rep2"]


def test_editing_saves_the_changes_and_records_them(org, make_account, client_for):
    account = make_account(org["rep1"], name="Before", tier=Tier.B)
    edit = reverse("accounts:edit", args=[account.pk])

    response = client_for(org["rep1"]).post(
        edit, form_data(name="After", owner=org["rep1"].pk, tier="B", annual_revenue="1234.50")
    )

    account.refresh_from_db()
    assert response["Location"] == account.get_absolute_url()
    assert account.name == "After"
    assert account.annual_revenue == Decimal("1234.50")
    assert ChangeRecord.objects.filter(object_id=account.pk, field="name").exists()


def test_the_edit_form_starts_from_the_saved_values(org, make_account, client_for):
    group = make_account(org["rep1"], name="Group")
    account = make_account(org["rep1"], name="Sub", parent=group, score_innovation=4)

    form = client_for(org["rep1"]).get(reverse("accounts:edit", args=[account.pk])).context["form"]

    assert form["name"].value() == "Sub"
    assert form["parent"].value() == group.pk
    assert str(form["score_innovation"].value()) == "4"


def test_the_edit_form_does_not_offer_the_account_as_its_own_parent(org, make_account, client_for):
    account = make_account(org["rep1"], name="Itself")

    form = client_for(org["rep1"]).get(reverse("accounts:edit", args=[account.pk])).context["form"]

    assert [label for value, label in form.fields["parent"].choices if value] == []


def test_a_group_loop_is_reported_on_the_parent_field(org, make_account, client_for):
    group = make_account(org["rep1"], name="Group")
    sub = make_account(org["rep1"], name="Sub", parent=group)

    response = client_for(org["rep1"]).post(
        reverse("accounts:edit", args=[group.pk]),
        form_data(name="Group", owner=org["rep1"].pk, parent=sub.pk, tier="C"),
    )

    assert "loop" in field_errors(response, "parent")
    group.refresh_from_db()
    assert group.parent is None


def test_blanking_the_tier_on_edit_takes_the_suggestion(org, make_account, client_for):
    account = make_account(org["rep1"], tier=Tier.C)

    client_for(org["rep1"]).post(
        reverse("accounts:edit", args=[account.pk]),
        form_data(owner=org["rep1"].pk, annual_revenue="5000000000", employees="50000"),
    )

    account.refresh_from_db()
    assert account.tier == Tier.A


def test_a_bad_code_is_reported_together_with_the_other_errors(org, client_for):
    response = client_for(org["rep1"]).post(
        CREATE, form_data(name="", owner=org["rep1"].pk, credit_code="123")
    )

    assert "This field is required." in field_errors(response, "name")
    assert "has 18 characters; this one has 3" in field_errors(response, "credit_code")


def test_an_account_whose_owner_has_left_can_still_be_edited(org, make_account, client_for):
    account = make_account(org["rep1"], name="Left behind", tier=Tier.C)
    org["rep1"].is_active = False
    org["rep1"].save()

    response = client_for(org["manager1"]).post(
        reverse("accounts:edit", args=[account.pk]),
        form_data(name="Still ours", owner=org["rep1"].pk, tier="C"),
    )

    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.name, account.owner) == ("Still ours", org["rep1"])
