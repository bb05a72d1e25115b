import pytest

from salesflow.core.history import history_for

ADMIN_PAGES = [
    "/admin/",
    "/admin/accounts/account/",
    "/admin/accounts/account/add/",
    "/admin/accounts/tierrule/",
    "/admin/contacts/contact/",
    "/admin/contacts/contact/add/",
    "/admin/users/user/",
    "/admin/users/apitoken/",
    "/admin/org/region/",
    "/admin/org/team/",
    "/admin/core/changerecord/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_director_reaches_every_admin_page(org, client_for, url):
    assert client_for(org["director"]).get(url).status_code == 200


def test_rep_and_manager_are_kept_out_of_the_admin(org, client_for):
    for who in ("rep1", "manager1"):
        response = client_for(org[who]).get("/admin/accounts/account/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_admin_edit_is_recorded_in_the_account_history(org, make_account, client_for):
    account = make_account(org["rep1"], name="Before")
    client = client_for(org["director"])
    form = client.get(f"/admin/accounts/account/{account.pk}/change/").context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k != "id"}
    data.update(
        {
            "name": "After",
            "owner": org["rep1"].pk,
            "team_members-TOTAL_FORMS": "0",
            "team_members-INITIAL_FORMS": "0",
        }
    )

    response = client.post(f"/admin/accounts/account/{account.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    rows = [(r.field, r.old_value, r.new_value) for r in history_for(account)]
    assert ("name", "Before", "After") in rows
