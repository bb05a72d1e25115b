from salesflow.users.models import ApiToken
from salesflow.users.services import api_token_authenticate, api_token_create, api_token_revoke


def test_a_fresh_token_authenticates_its_user_and_notes_when_it_was_used(org):
    token, raw = api_token_create(user=org["rep1"], name="laptop")

    assert api_token_authenticate(raw) == org["rep1"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_a_hash_and_a_short_prefix_of_the_token_are_stored(org):
    token, raw = api_token_create(user=org["rep1"])

    assert raw.startswith("sf_")
    assert raw not in token.key_hash
    assert raw.startswith(token.prefix) and len(token.prefix) == 8


def test_a_revoked_token_no_longer_authenticates(org):
    token, raw = api_token_create(user=org["rep1"])

    api_token_revoke(token=token)

    assert api_token_authenticate(raw) is None
    assert not ApiToken.objects.get(pk=token.pk).is_active


def test_a_token_of_a_deactivated_user_no_longer_authenticates(org):
    _token, raw = api_token_create(user=org["rep1"])
    org["rep1"].is_active = False
    org["rep1"].save()

    assert api_token_authenticate(raw) is None


def test_garbage_does_not_authenticate(org):
    _token, raw = api_token_create(user=org["rep1"])

    for garbage in ("", "sf_nope", raw[:-1], raw + "x", "x" * 10_000, raw.upper()):
        assert api_token_authenticate(garbage) is None
