"""Creating and editing contacts: through the services, errors shown next to their fields."""

import re

from django.urls import reverse

from salesflow.contacts.models import Contact
from salesflow.core.history import history_for

CREATE = reverse("contacts:create")


def field_block(html: str, name: str) -> str:
    """The rendered block of one form field: label, widget, help and errors."""
    match = re.search(rf'<div class="field[^"]*" data-field="{name}">(.*?)\n</div>', html, re.S)
    assert match, f"no field {name}"
    return match.group(0)


def option_labels(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', select)


def test_create_saves_through_the_service_and_opens_the_contact(org, make_account, client_for):
    rep = org["rep1"]
    account = make_account(rep)

    response = client_for(rep).post(
        CREATE, {"name": "Wang Wei", "account": account.pk, "email": "wang@example.cn"}
    )

    contact = Contact.objects.get(name="Wang Wei")
    assert response.status_code == 302
    assert response.url == contact.get_absolute_url()
    assert history_for(contact).filter(action="create", changed_by=rep).exists()


def test_invalid_email_is_shown_next_to_the_email_field_and_nothing_is_saved(
    org, make_account, client_for
):
    account = make_account(org["rep1"])

    response = client_for(org["rep1"]).post(
        CREATE, {"name": "Wang Wei", "account": account.pk, "email": "not-an-email"}
    )

    email = field_block(response.content.decode(), "email")
    assert "has-error" in email
    assert '<p class="field-error" role="alert">Enter a valid email address.</p>' in email
    assert not Contact.objects.exists()


def test_missing_name_is_shown_next_to_the_name_field(org, make_account, client_for):
    account = make_account(org["rep1"])

    response = client_for(org["rep1"]).post(CREATE, {"name": "", "account": account.pk})

    assert "field-error" in field_block(response.content.decode(), "name")
    assert not Contact.objects.exists()


def test_account_in_query_string_is_preselected_and_limits_reports_to(
    org, make_account, make_contact, client_for
):
    rep = org["rep1"]
    steel = make_account(rep, name="Baosteel")
    bank = make_account(rep, name="ICBC")
    make_contact(steel, name="Steel Boss")
    make_contact(bank, name="Bank Boss")

    html = client_for(rep).get(CREATE, {"account": steel.pk}).content.decode()

    assert f'<option value="{steel.pk}" selected>Baosteel</option>' in html
    assert option_labels(html, "reports_to") == ["Steel Boss"]


def test_without_an_account_nobody_is_offered_as_manager(
    org, make_account, make_contact, client_for
):
    make_contact(make_account(org["rep1"]), name="Steel Boss")

    html = client_for(org["rep1"]).get(CREATE).content.decode()

    assert option_labels(html, "reports_to") == []


def test_account_choices_are_only_visible_accounts(org, make_account, client_for):
    make_account(org["rep1"], name="Mine Ltd")
    make_account(org["rep2"], name="Colleague Ltd")

    html = client_for(org["rep1"]).get(CREATE).content.decode()

    assert option_labels(html, "account") == ["Mine Ltd"]


def test_htmx_account_change_reloads_the_reports_to_choices(
    org, make_account, make_contact, client_for
):
    rep = org["rep1"]
    make_contact(make_account(rep), name="Steel Boss")
    bank = make_account(rep)
    make_contact(bank, name="Bank Boss")

    response = client_for(rep).get(CREATE, {"account": bank.pk}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert option_labels(html, "reports_to") == ["Bank Boss"]


def test_manager_at_another_account_is_refused_next_to_reports_to(
    org, make_account, make_contact, client_for
):
    rep = org["rep1"]
    other_boss = make_contact(make_account(rep), name="Other Boss")
    account = make_account(rep)

    response = client_for(rep).post(
        CREATE, {"name": "Wang Wei", "account": account.pk, "reports_to": other_boss.pk}
    )

    assert "field-error" in field_block(response.content.decode(), "reports_to")
    assert not Contact.objects.filter(name="Wang Wei").exists()


def test_stakeholder_sheet_fields_are_grouped_in_one_fieldset(org, client_for):
    html = client_for(org["rep1"]).get(CREATE).content.decode()

    fieldset = re.search(r'<fieldset id="fieldset-stakeholder-sheet">.*?</fieldset>', html, re.S)
    assert fieldset
    for name in (
        "view_of_need",
        "view_of_us",
        "view_of_competitors",
        "buying_criteria",
        "our_strategy",
        "social_style",
    ):
        assert f'data-field="{name}"' in fieldset.group(0)


def test_edit_form_shows_current_values(org, make_account, make_contact, client_for):
    contact = make_contact(make_account(org["rep1"]), name="Wang Wei", view_of_us="Likes us")

    html = client_for(org["rep1"]).get(reverse("contacts:edit", args=[contact.pk])).content.decode()

    assert 'value="Wang Wei"' in html
    assert "Likes us</textarea>" in html


def test_edit_saves_and_records_the_change(org, make_account, make_contact, client_for):
    rep = org["rep1"]
    account = make_account(rep)
    contact = make_contact(account, name="Wang Wei", attitude="doubts")

    response = client_for(rep).post(
        reverse("contacts:edit", args=[contact.pk]),
        {"name": "Wang Wei", "account": account.pk, "attitude": "accepts", "is_ally": "on"},
    )

    contact.refresh_from_db()
    assert response.status_code == 302
    assert (contact.attitude, contact.is_ally) == ("accepts", True)
    assert history_for(contact).filter(field="attitude", old_value="Doubts").exists()


def test_edit_does_not_offer_the_contact_as_their_own_manager(
    org, make_account, make_contact, client_for
):
    account = make_account(org["rep1"])
    contact = make_contact(account, name="Wang Wei")
    make_contact(account, name="Li Na")

    html = client_for(org["rep1"]).get(reverse("contacts:edit", args=[contact.pk])).content.decode()

    assert option_labels(html, "reports_to") == ["Li Na"]


def test_service_error_on_a_reporting_loop_is_shown_next_to_reports_to(
    org, make_account, make_contact, client_for
):
    rep = org["rep1"]
    account = make_account(rep)
    boss = make_contact(account, name="Boss")
    report = make_contact(account, name="Report", reports_to=boss)

    response = client_for(rep).post(
        reverse("contacts:edit", args=[boss.pk]),
        {"name": "Boss", "account": account.pk, "reports_to": report.pk},
    )

    reports_to = field_block(response.content.decode(), "reports_to")
    assert "This would make the org chart a loop." in reports_to
    boss.refresh_from_db()
    assert boss.reports_to is None
