def test_htmx_request_without_a_session_gets_401_and_a_sign_in_redirect(client, db):
    response = client.get("/", headers={"HX-Request": "true"})

    assert response.status_code == 401
    assert response["HX-Redirect"].startswith("/login/")


def test_plain_request_without_a_session_is_sent_to_sign_in(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/")


def test_unknown_page_answers_404_with_a_way_home(org, client_for):
    response = client_for(org["rep1"]).get("/no-such-page/")

    assert response.status_code == 404
