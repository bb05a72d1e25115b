"""POST /api/v1/contacts: a person at a visible account, with enums checked and references hidden."""

import pytest

from salesflow.contacts.models import Contact
from salesflow.core.history import history_for

URL = "/api/v1/contacts"


def create(client, **fields):
    return client.post(URL, fields, content_type="application/json")


def errors_of(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {error["field"]: error["message"] for error in response.json()["detail"]}


def test_a_new_contact_answers_201_with_the_needs_matrix_relationship(
    org, make_account, api_client_for
):
    account = make_account(org["rep1"])

    response = create(
        api_client_for(org["rep1"]),
        account=account.pk,
        name="Wang",
        decision_role="technical_recommender",
        attitude="doubts",
        social_style="analytical",
        meets_personal_needs=True,
        meets_org_needs=True,
        is_ally=True,
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["account"], body["relationship"], body["is_ally"]) == (account.pk, "partner", True)
    contact = Contact.objects.get(pk=body["id"])
    assert (contact.decision_role, contact.attitude) == ("technical_recommender", "doubts")
    assert history_for(contact).filter(action="create").exists()


def test_the_relationship_cannot_be_written(org, make_account, api_client_for):
    response = create(
        api_client_for(org["rep1"]),
        account=make_account(org["rep1"]).pk,
        name="Wang",
        relationship="partner",
    )

    assert response.json()["relationship"] == "opponent"


def test_a_contact_can_report_to_someone_at_the_same_account(
    org, make_account, make_contact, api_client_for
):
    account = make_account(org["rep1"])
    boss = make_contact(account, name="Boss")

    response = create(
        api_client_for(org["rep1"]), account=account.pk, name="Wang", reports_to=boss.pk
    )

    assert response.json()["reports_to"] == boss.pk


def test_a_manager_at_another_account_is_a_422_on_reports_to(
    org, make_account, make_contact, api_client_for
):
    elsewhere = make_contact(make_account(org["rep1"]), name="Elsewhere")

    response = create(
        api_client_for(org["rep1"]),
        account=make_account(org["rep1"]).pk,
        name="Wang",
        reports_to=elsewhere.pk,
    )

    assert set(errors_of(response)) == {"reports_to"}


@pytest.mark.parametrize(
    ("field", "allowed"),
    [
        (
            "decision_role",
            "decision_maker, technical_recommender, financial_recommender, "
            "management_recommender, influencer",
        ),
        ("attitude", "accepts, doubts, resists, indifferent, hostile"),
        ("social_style", "driver, expressive, amiable, analytical"),
    ],
)
def test_a_bad_enum_value_is_a_422_naming_the_field_and_the_allowed_values(
    org, make_account, api_client_for, field, allowed
):
    account = make_account(org["rep1"])

    response = create(api_client_for(org["rep1"]), account=account.pk, name="Wang", **{field: "x"})

    assert allowed in errors_of(response)[field]
    assert not Contact.objects.exists()


def test_a_contact_at_another_reps_account_is_refused_without_revealing_it(
    org, make_account, api_client_for
):
    hidden = make_account(org["rep2"], name="Hidden Works")
    client = api_client_for(org["rep1"])

    invisible = errors_of(create(client, account=hidden.pk, name="Wang"))
    missing = errors_of(create(client, account=hidden.pk + 1000, name="Wang"))

    assert invisible == missing
    assert set(invisible) == {"account"}
    assert not Contact.objects.exists()


def test_a_bad_email_is_a_422_on_email_and_saves_nothing(org, make_account, api_client_for):
    account = make_account(org["rep1"])

    response = create(api_client_for(org["rep1"]), account=account.pk, name="Wang", email="no")

    assert set(errors_of(response)) == {"email"}
    assert not Contact.objects.exists()
