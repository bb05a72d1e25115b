"""The social-style advice on the contact page: the user's own style against the contact's."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from salesflow.contacts.social_styles import PROFILE, SocialStyle

FASTER = "They are more assertive (faster)"
SLOWER = "They are less assertive (slower)"
SAME_PACE = "Same pace as you"
WARMER = "They are warmer"
COOLER = "They are cooler"
SAME_WARMTH = "Same warmth as you"


def advice_html(client, contact) -> str:
    html = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()
    start = html.find('id="style-advice"')
    assert start != -1, "no advice on the page"
    return html[start : html.find("</div>", start)]


@pytest.mark.parametrize(
    ("own", "theirs", "pace", "warmth"),
    [
        (SocialStyle.ANALYTICAL, SocialStyle.DRIVER, FASTER, SAME_WARMTH),
        (SocialStyle.AMIABLE, SocialStyle.DRIVER, FASTER, COOLER),
        (SocialStyle.ANALYTICAL, SocialStyle.EXPRESSIVE, FASTER, WARMER),
        (SocialStyle.EXPRESSIVE, SocialStyle.ANALYTICAL, SLOWER, COOLER),
        (SocialStyle.DRIVER, SocialStyle.AMIABLE, SLOWER, WARMER),
        (SocialStyle.DRIVER, SocialStyle.DRIVER, SAME_PACE, SAME_WARMTH),
    ],
)
def test_advice_compares_pace_and_warmth_with_the_users_own_style(
    org, make_account, make_contact, client_for, own, theirs, pace, warmth
):
    rep = org["rep1"]
    rep.social_style = own
    rep.save()
    contact = make_contact(make_account(rep), social_style=theirs)

    advice = advice_html(client_for(rep), contact)

    assert pace in advice
    assert warmth in advice


def test_advice_says_what_to_watch_in_the_users_own_style(
    org, make_account, make_contact, client_for
):
    rep = org["rep1"]
    rep.social_style = SocialStyle.DRIVER
    rep.save()
    contact = make_contact(make_account(rep), social_style=SocialStyle.AMIABLE)

    advice = advice_html(client_for(rep), contact)

    assert escape(str(PROFILE[SocialStyle.DRIVER]["bad_impression"])) in advice
    assert escape(str(PROFILE[SocialStyle.DRIVER]["remedy"])) in advice


def test_user_without_a_style_is_sent_to_the_profile_page(
    org, make_account, make_contact, client_for
):
    rep = org["rep1"]
    contact = make_contact(make_account(rep), social_style=SocialStyle.DRIVER)

    html = client_for(rep).get(reverse("contacts:detail", args=[contact.pk])).content.decode()

    assert 'id="style-advice"' not in html
    assert "You have not recorded your own social style" in html
    assert f'href="{reverse("profile")}"' in html


def test_contact_without_a_style_links_to_the_edit_form(
    org, make_account, make_contact, client_for
):
    rep = org["rep1"]
    rep.social_style = SocialStyle.ANALYTICAL
    rep.save()
    contact = make_contact(make_account(rep))

    html = client_for(rep).get(reverse("contacts:detail", args=[contact.pk])).content.decode()

    assert 'id="style-advice"' not in html
    assert "social style is not recorded yet" in html
    assert (
        f'href="{reverse("contacts:edit", args=[contact.pk])}#fieldset-stakeholder-sheet"' in html
    )
    assert "You have not recorded your own social style" not in html
