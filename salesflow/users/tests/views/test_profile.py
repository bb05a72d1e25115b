from salesflow.users.models import ApiToken
from salesflow.users.services import api_token_authenticate


def test_user_records_their_own_social_style(org, client_for):
    client = client_for(org["rep1"])

    response = client.post(
        "/profile/", {"first_name": "Li", "last_name": "Lei", "email": "", "social_style": "driver"}
    )

    assert response.status_code == 302
    org["rep1"].refresh_from_db()
    assert org["rep1"].social_style == "driver"
    page = client.get("/profile/").content.decode()
    assert "slow down, relax" in page


def test_token_is_shown_once_and_then_works_for_the_api(org, client_for):
    client = client_for(org["rep1"])

    client.post("/profile/tokens/", {"name": "laptop"})
    first = client.get("/profile/")
    second = client.get("/profile/")

    raw = first.context["new_token"]
    assert raw and raw in first.content.decode()
    assert raw not in second.content.decode()
    assert api_token_authenticate(raw) == org["rep1"]


def test_revoked_token_no_longer_authenticates(org, client_for):
    client = client_for(org["rep1"])
    client.post("/profile/tokens/", {"name": "old"})
    raw = client.get("/profile/").context["new_token"]
    token = ApiToken.objects.get(user=org["rep1"])

    client.post(f"/profile/tokens/{token.pk}/revoke/")

    assert api_token_authenticate(raw) is None


def test_cannot_revoke_someone_elses_token(org, client_for):
    client_for(org["rep2"]).post("/profile/tokens/", {"name": "theirs"})
    token = ApiToken.objects.get(user=org["rep2"])

    response = client_for(org["rep1"]).post(f"/profile/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active
