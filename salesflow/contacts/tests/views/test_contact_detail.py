import re

import pytest
from django.urls import reverse

from salesflow.contacts.models import Attitude, BuyingRole, DecisionRole
from salesflow.contacts.services import contact_update


def page_html(client, contact) -> str:
    response = client.get(reverse("contacts:detail", args=[contact.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<section class="card[^"]*" id="{section_id}">(.*?)</section>', html, re.S)
    assert match, f"no section #{section_id}"
    return match.group(1)


def test_page_shows_the_details_and_links_the_account(org, make_account, make_contact, client_for):
    account = make_account(org["rep1"], name="Baosteel")
    contact = make_contact(
        account, name="Wang Wei", title="CTO", mobile="13800000000", email="wang@baosteel.cn"
    )

    html = page_html(client_for(org["rep1"]), contact)

    details = section(html, "details")
    assert "CTO" in details and "13800000000" in details
    assert 'href="mailto:wang@baosteel.cn"' in details
    assert f'href="{account.get_absolute_url()}"' in details


def test_page_shows_whom_they_report_to_and_who_reports_to_them(
    org, make_account, make_contact, client_for
):
    account = make_account(org["rep1"])
    boss = make_contact(account, name="Boss")
    middle = make_contact(account, name="Middle", reports_to=boss)
    make_contact(account, name="Junior", reports_to=middle)

    html = page_html(client_for(org["rep1"]), middle)

    reports_to = re.search(r'id="reports-to">(.*?)</dd>', html, re.S).group(1)
    direct_reports = re.search(r'id="direct-reports">(.*?)</dd>', html, re.S).group(1)
    assert f'href="{boss.get_absolute_url()}"' in reports_to
    assert "Junior" in direct_reports and "Boss" not in direct_reports


def test_page_shows_buying_centre_role_decision_role_and_attitude_badge(
    org, make_account, make_contact, client_for
):
    contact = make_contact(
        make_account(org["rep1"]),
        buying_role=BuyingRole.PURCHASER,
        decision_role=DecisionRole.FINANCIAL_RECOMMENDER,
        attitude=Attitude.RESISTS,
    )

    buying_centre = section(page_html(client_for(org["rep1"]), contact), "buying-centre")

    assert "Purchaser" in buying_centre
    assert "Financial recommender" in buying_centre
    assert '<span class="badge att att-resists">Resists</span>' in buying_centre


def test_ally_is_flagged_as_coach(org, make_account, make_contact, client_for):
    contact = make_contact(make_account(org["rep1"]), is_ally=True)

    html = page_html(client_for(org["rep1"]), contact)

    assert "ally / coach" in html
    assert "Sells for us inside" in section(html, "buying-centre")


@pytest.mark.parametrize(
    ("personal", "organisation", "relationship", "explanation"),
    [
        (True, True, "Partner", "meets both their personal needs and their organisation"),
        (True, False, "Friend", "Show what it does for the organisation"),
        (False, True, "Stranger", "Find what they want for themselves"),
        (False, False, "Opponent", "meets neither"),
    ],
)
def test_needs_matrix_derives_and_explains_the_relationship(
    org, make_account, make_contact, client_for, personal, organisation, relationship, explanation
):
    contact = make_contact(
        make_account(org["rep1"]), meets_personal_needs=personal, meets_org_needs=organisation
    )

    buying_centre = section(page_html(client_for(org["rep1"]), contact), "buying-centre")

    assert f'class="current" aria-current="true">{relationship}</td>' in buying_centre
    assert buying_centre.count('class="current"') == 1
    assert f"<strong>{relationship}.</strong>" in buying_centre
    assert explanation in buying_centre


def test_page_shows_the_stakeholder_sheet(org, make_account, make_contact, client_for):
    contact = make_contact(
        make_account(org["rep1"]),
        decision_role=DecisionRole.DECISION_MAKER,
        view_of_need="Downtime costs too much",
        view_of_us="Good service, high price",
        view_of_competitors="Likes Siemens",
        buying_criteria="Total cost over five years",
        our_strategy="Invite to the reference site",
        social_style="analytical",
    )

    sheet = section(page_html(client_for(org["rep1"]), contact), "stakeholder-sheet")

    for text in (
        "Decision maker",
        "Downtime costs too much",
        "Good service, high price",
        "Likes Siemens",
        "Total cost over five years",
        "Invite to the reference site",
        "Analytical",
    ):
        assert text in sheet


def test_page_shows_the_contacts_own_style_profile(org, make_account, make_contact, client_for):
    contact = make_contact(make_account(org["rep1"]), social_style="expressive")

    style = section(page_html(client_for(org["rep1"]), contact), "social-style")

    assert "recognition-seeking, emotional, takes risks, impatient" in style
    assert "unreliable, too busy, promises lightly, talks big" in style


def test_history_lists_changes_with_field_names(org, make_account, make_contact, client_for):
    rep = org["rep1"]
    contact = make_contact(make_account(rep), name="Wang Wei", attitude=Attitude.DOUBTS)
    contact_update(contact=contact, acting_user=rep, attitude=Attitude.ACCEPTS)

    history = section(page_html(client_for(rep), contact), "history")

    assert "attitude to us" in history
    assert '<td class="old">Doubts</td><td>Accepts</td>' in history


def test_history_shows_yes_no_fields_as_words(org, make_account, make_contact, client_for):
    rep = org["rep1"]
    contact = make_contact(make_account(rep))
    contact_update(contact=contact, acting_user=rep, is_ally=True)

    history = section(page_html(client_for(rep), contact), "history")

    assert '<td class="old">No</td><td>Yes</td>' in history
    assert "False" not in history and "True" not in history
