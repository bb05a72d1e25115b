"""The fast logging form: opened from the account, the opportunity, the board and the home page
with what it can preselect; the objection playbook beside it while logging a call; saving."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from salesflow.activities.models import Activity, ActivityKind
from salesflow.activities.services.activities import ObjectionMet
from salesflow.pipeline.services import opportunity_create

CREATE = reverse("activities:create")


def a_minute_ago() -> str:
    return timezone.localtime(timezone.now() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")


def make_deal(owner, account, name="Boiler upgrade"):
    return opportunity_create(
        acting_user=owner,
        account=account,
        name=name,
        amount=Decimal(50000),
        expected_close_date=timezone.localdate() + timedelta(days=60),
    )


def test_the_form_preselects_the_account_from_the_query_string(org, make_account, client_for):
    account = make_account(org["rep1"], name="Baosteel")

    response = client_for(org["rep1"]).get(CREATE, {"account": account.pk})

    assert response.context["form"]["account"].value() == account.pk


def test_the_form_preselects_the_opportunity_and_its_account(org, make_account, client_for):
    account = make_account(org["rep1"])
    deal = make_deal(org["rep1"], account)

    response = client_for(org["rep1"]).get(CREATE, {"opportunity": deal.pk})

    form = response.context["form"]
    assert (form["account"].value(), form["opportunity"].value()) == (account.pk, deal.pk)
    assert "Boiler upgrade" in response.content.decode()


def test_logging_a_call_shows_every_objection_with_its_answer(
    org, make_account, objections, client_for
):
    response = client_for(org["rep1"]).get(CREATE, {"account": make_account(org["rep1"]).pk})

    html = response.content.decode()
    for objection in objections.values():
        assert escape(objection.answer_en) in html
    assert 'id="objection-playbook" open' in html


def test_the_playbook_search_finds_by_answer_and_keeps_what_was_ticked(org, objections, client_for):
    response = client_for(org["rep1"]).get(
        reverse("activities:objections"),
        {"q": "budget", "met": [objections[1].pk], "overcome": [objections[5].pk]},
    )

    html = response.content.decode()
    assert [o.number for o in response.context["objections"]] == [5]
    assert f'name="overcome" value="{objections[5].pk}" checked' in html
    assert f'<input type="hidden" name="met" value="{objections[1].pk}">' in html


def test_the_playbook_search_works_in_chinese(org, objections, client_for):
    response = client_for(org["rep1"]).get(reverse("activities:objections"), {"q": "预算"})

    assert [o.number for o in response.context["objections"]] == [5]


def test_saving_a_call_with_objections_goes_back_where_it_came_from(
    org, make_account, make_contact, objections, client_for
):
    rep = org["rep1"]
    account = make_account(rep)
    buyer = make_contact(account)

    response = client_for(rep).post(
        CREATE,
        {
            "kind": "call",
            "account": account.pk,
            "contacts": [buyer.pk],
            "purpose": "new_customer",
            "occurred_at": a_minute_ago(),
            "duration_minutes": "8",
            "expenses": "0",
            "connected": "on",
            "appointment_set": "on",
            "met": [objections[3].pk],
            "overcome": [objections[6].pk],
            "next": account.get_absolute_url(),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == account.get_absolute_url()
    activity = Activity.objects.get()
    assert (activity.connected, activity.appointment_set) == (True, True)
    assert list(activity.contacts.all()) == [buyer]
    met = {m.objection.number: m.overcome for m in activity.objections_met.all()}
    assert met == {3: False, 6: True}  # overcome implies met


def test_a_visit_drops_the_call_outcome(org, make_account, client_for):
    account = make_account(org["rep1"])

    client_for(org["rep1"]).post(
        CREATE,
        {
            "kind": "visit",
            "account": account.pk,
            "purpose": "service",
            "occurred_at": a_minute_ago(),
            "duration_minutes": "60",
            "expenses": "120.50",
            "connected": "on",
        },
    )

    activity = Activity.objects.get()
    assert (activity.kind, activity.connected, activity.expenses) == (
        ActivityKind.VISIT,
        None,
        Decimal("120.50"),
    )


def test_an_outside_next_url_is_ignored(org, make_account, client_for):
    account = make_account(org["rep1"])

    response = client_for(org["rep1"]).post(
        CREATE,
        {
            "kind": "email",
            "account": account.pk,
            "purpose": "other",
            "occurred_at": a_minute_ago(),
            "duration_minutes": "0",
            "expenses": "0",
            "next": "https://evil.example/",
        },
    )

    assert response["Location"] == reverse("activities:list")


def test_bad_input_is_shown_next_to_the_field(org, make_account, make_contact, client_for):
    rep = org["rep1"]
    account = make_account(rep)
    elsewhere = make_deal(rep, make_account(rep))

    response = client_for(rep).post(
        CREATE,
        {
            "kind": "call",
            "account": account.pk,
            "opportunity": elsewhere.pk,
            "purpose": "other",
            "occurred_at": a_minute_ago(),
            "duration_minutes": "-3",
            "expenses": "0",
        },
    )

    assert response.status_code == 400
    assert "duration_minutes" in response.context["form"].errors
    assert "opportunity" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_choosing_an_account_reloads_its_opportunities_and_people(
    org, make_account, make_contact, client_for
):
    account = make_account(org["rep1"])
    make_deal(org["rep1"], account, name="Chiller retrofit")
    make_contact(account, name="Zhang Min")

    response = client_for(org["rep1"]).get(
        reverse("activities:account_fields"), {"account": account.pk}
    )

    html = response.content.decode()
    assert "Chiller retrofit" in html and "Zhang Min" in html


def test_editing_keeps_the_objections_and_saves_changes(
    org, make_account, log_activity, objections, client_for
):
    rep = org["rep1"]
    activity = log_activity(
        rep, make_account(rep), objections=[ObjectionMet(objection=objections[2])]
    )
    client = client_for(rep)
    form = client.get(reverse("activities:edit", args=[activity.pk])).context["form"]
    data = {
        name: form[name].value()
        for name in ("kind", "account", "purpose", "duration_minutes", "expenses", "notes")
    }
    data.update(occurred_at=a_minute_ago(), met=[objections[2].pk], overcome=[objections[2].pk])

    response = client.post(reverse("activities:edit", args=[activity.pk]), data)

    assert response.status_code == 302
    assert activity.objections_met.get().overcome is True


def test_the_detail_page_shows_the_objections_met(
    org, make_account, log_activity, objections, client_for
):
    rep = org["rep1"]
    activity = log_activity(
        rep, make_account(rep), objections=[ObjectionMet(objection=objections[7], overcome=True)]
    )

    response = client_for(rep).get(reverse("activities:detail", args=[activity.pk]))

    assert "We used you before and were unhappy" in response.content.decode()


def test_deleting_from_the_page(org, make_account, log_activity, client_for):
    activity = log_activity(org["rep1"], make_account(org["rep1"]))

    response = client_for(org["rep1"]).post(reverse("activities:delete", args=[activity.pk]))

    assert response.status_code == 302
    assert not Activity.objects.exists()


def test_the_account_opportunity_board_and_home_pages_link_to_the_form(
    org, make_account, client_for
):
    rep = org["rep1"]
    account = make_account(rep)
    deal = make_deal(rep, account)
    client = client_for(rep)

    pages = {
        "account": client.get(account.get_absolute_url()),
        "opportunity": client.get(deal.get_absolute_url()),
        "board": client.get(reverse("pipeline:board")),
        "home": client.get(reverse("home")),
    }

    expected = {
        "account": f"{CREATE}?account={account.pk}",
        "opportunity": f"{CREATE}?opportunity={deal.pk}",
        "board": f"{CREATE}?opportunity={deal.pk}",
        "home": f"{CREATE}?next=",
    }
    for name, response in pages.items():
        assert expected[name] in response.content.decode(), name
