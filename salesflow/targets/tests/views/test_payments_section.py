"""Recording payments from the page of a won opportunity."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from salesflow.pipeline.services import opportunity_create
from salesflow.targets.models import Payment


def test_a_won_opportunity_shows_its_payments_and_a_form(org, won, pay, client_for):
    deal = won(org["rep1"], 100_000)
    pay(deal, 40_000, on=date(2026, 4, 1))

    html = client_for(org["rep1"]).get(deal.get_absolute_url()).content.decode()

    section = html.split('id="payments"', 1)[1].split("</section>", 1)[0]
    assert "Collected ¥40,000 of ¥100,000 · outstanding ¥60,000" in section
    assert reverse("targets:payment_create", args=[deal.pk]) in section


def test_an_open_opportunity_has_no_payments_section(org, eight_step, make_account, client_for):
    deal = opportunity_create(
        acting_user=org["rep1"],
        account=make_account(org["rep1"]),
        name="Open deal",
        amount=Decimal(5000),
        expected_close_date=date(2030, 1, 1),
    )

    html = client_for(org["rep1"]).get(deal.get_absolute_url()).content.decode()

    assert 'id="payments"' not in html


def test_recording_a_payment_returns_to_the_opportunity(org, won, client_for):
    deal = won(org["rep1"], 100_000)

    response = client_for(org["rep1"]).post(
        reverse("targets:payment_create", args=[deal.pk]),
        {"amount": "25000", "received_on": "2026-04-03", "note": "Deposit"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{deal.get_absolute_url()}#payments"
    payment = Payment.objects.get()
    assert (payment.amount, payment.note, payment.recorded_by) == (
        Decimal(25000),
        "Deposit",
        org["rep1"],
    )


def test_a_payment_of_nothing_shows_the_form_again_with_the_error(org, won, client_for):
    deal = won(org["rep1"], 100_000)

    response = client_for(org["rep1"]).post(
        reverse("targets:payment_create", args=[deal.pk]),
        {"amount": "0", "received_on": "2026-04-03"},
    )

    assert response.status_code == 400
    assert "amount" in response.context["form"].errors
    assert not Payment.objects.exists()


def test_someone_elses_opportunity_answers_404(org, won, client_for):
    deal = won(org["rep1"], 100_000)

    response = client_for(org["rep3"]).post(
        reverse("targets:payment_create", args=[deal.pk]),
        {"amount": "10", "received_on": "2026-04-03"},
    )

    assert response.status_code == 404
