def test_browser_language_is_followed_until_the_user_picks_one(org, client_for):
    client = client_for(org["rep1"])

    chinese = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert chinese.wsgi_request.LANGUAGE_CODE == "zh-hans"

    client.post("/language/", {"language": "en", "next": "/"})
    after = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert after.wsgi_request.LANGUAGE_CODE == "en"


def test_picked_language_is_remembered_on_the_profile_and_restored_at_sign_in(org, client):
    from salesflow.conftest import PASSWORD

    client.post("/login/", {"username": "rep1", "password": PASSWORD})
    client.post("/language/", {"language": "zh-hans", "next": "/"})
    org["rep1"].refresh_from_db()
    assert org["rep1"].language == "zh-hans"

    client.cookies.clear()
    client.post("/login/", {"username": "rep1", "password": PASSWORD})
    response = client.get("/", headers={"accept-language": "en"})
    assert response.wsgi_request.LANGUAGE_CODE == "zh-hans"
