from salesflow.contacts.models import Contact
from salesflow.contacts.selectors import buying_centre_tree


def shape(nodes) -> list:
    return [(n["contact"].name, shape(n["children"])) for n in nodes]


def test_the_buying_centre_nests_people_under_who_they_report_to(org, make_account, make_contact):
    account = make_account(org["rep1"])
    ceo = make_contact(account, name="CEO")
    cto = make_contact(account, name="CTO", reports_to=ceo)
    make_contact(account, name="Engineer B", reports_to=cto)
    make_contact(account, name="Engineer A", reports_to=cto)
    make_contact(account, name="CFO", reports_to=ceo)
    make_contact(account, name="Advisor")

    tree = buying_centre_tree(account)

    assert shape(tree) == [
        ("Advisor", []),
        ("CEO", [("CFO", []), ("CTO", [("Engineer A", []), ("Engineer B", [])])]),
    ]


def test_the_buying_centre_shows_only_the_accounts_own_people(org, make_account, make_contact):
    account = make_account(org["rep1"])
    make_contact(make_account(org["rep1"]), name="Elsewhere")
    make_contact(account, name="Here")

    assert shape(buying_centre_tree(account)) == [("Here", [])]


def test_an_account_without_contacts_has_an_empty_buying_centre(org, make_account):
    assert buying_centre_tree(make_account(org["rep1"])) == []


def test_the_buying_centre_is_read_in_one_query(
    org, make_account, make_contact, django_assert_max_num_queries
):
    account = make_account(org["rep1"])
    boss = make_contact(account, name="Boss")
    for n in range(10):
        make_contact(account, name=f"Report {n}", reports_to=boss)

    with django_assert_max_num_queries(1):
        tree = buying_centre_tree(account)

    assert len(tree[0]["children"]) == 10


def test_a_reporting_loop_made_outside_the_services_still_shows_everyone_once(
    org, make_account, make_contact
):
    account = make_account(org["rep1"])
    a = make_contact(account, name="A")
    b = make_contact(account, name="B", reports_to=a)
    Contact.objects.filter(pk=a.pk).update(reports_to=b)

    roots = buying_centre_tree(account)

    def names(nodes):
        return [n["contact"].name for n in nodes] + [
            name for n in nodes for name in names(n["children"])
        ]

    assert sorted(names(roots)) == ["A", "B"]
