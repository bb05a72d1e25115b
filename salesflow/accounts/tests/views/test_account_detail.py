"""The account page: facts, selection rank, team, subsidiaries, contacts, buying centre, history."""

from decimal import Decimal

from django.urls import reverse

from salesflow.accounts.models import Account, KeyAccountType, Tier
from salesflow.accounts.services import account_team_member_set, account_update
from salesflow.accounts.tests.views.html import (
    attr,
    children,
    find,
    find_all,
    matches,
    parse,
    text,
)


def page_of(client, account):
    response = client.get(reverse("accounts:detail", args=[account.pk]))
    assert response.status_code == 200
    return parse(response.content)


def test_the_page_shows_the_account_facts(org, make_account, client_for):
    account = make_account(
        org["rep1"],
        name="Baosteel",
        industry="Steel",
        region=org["region"],
        address="Shanghai",
        employees=12000,
        key_account_type=KeyAccountType.NATIONAL,
    )

    facts = text(find(page_of(client_for(org["rep1"]), account), id="facts"))

    for expected in ["Steel", "East", "Shanghai", "12,000", "National key account", "rep1"]:
        assert expected in facts


def test_the_page_suggests_the_size_tier_when_it_differs(org, make_account, client_for):
    account = make_account(
        org["rep1"], tier=Tier.C, annual_revenue=Decimal(5_000_000_000), employees=50_000
    )

    tier = text(find(page_of(client_for(org["rep1"]), account), id="tier"))

    assert "The size rule suggests A · priority." in tier


def test_no_suggestion_when_the_tier_matches_the_size_rule(org, make_account, client_for):
    account = make_account(org["rep1"])

    tier = text(find(page_of(client_for(org["rep1"]), account), id="tier"))

    assert "suggests" not in tier


def test_the_selection_scores_show_their_total_and_rank_among_visible_accounts(
    org, make_account, client_for
):
    make_account(org["rep1"], score_sales_potential=5, score_innovation=5)
    account = make_account(org["rep1"], score_sales_potential=4, score_financial_health=3)
    make_account(org["rep2"], score_sales_potential=5, score_innovation=5)

    page = page_of(client_for(org["rep1"]), account)

    assert text(find(page, data_testid="selection-total")) == "7"
    assert text(find(page, data_testid="selection-rank")) == "#2"


def test_an_unscored_account_says_how_to_score_it(org, make_account, client_for):
    account = make_account(org["rep1"])

    selection = text(find(page_of(client_for(org["rep1"]), account), id="selection"))

    assert "Not scored yet." in selection


def test_only_visible_subsidiaries_are_listed(org, make_account, client_for):
    group = make_account(org["rep1"], name="Group")
    make_account(org["rep1"], name="Own subsidiary", parent=group)
    other = make_account(org["manager1"], name="Manager's subsidiary")
    account_update(account=other, acting_user=org["manager1"], parent=group)

    subsidiaries = text(find(page_of(client_for(org["rep1"]), group), id="subsidiaries"))

    assert "Own subsidiary" in subsidiaries
    assert "Manager's subsidiary" not in subsidiaries


def test_the_account_team_lists_members_with_their_roles(org, make_account, client_for):
    account = make_account(org["rep1"])
    account_team_member_set(
        account=account, user=org["rep2"], team_role="presales", acting_user=org["manager1"]
    )

    team = text(find(page_of(client_for(org["rep1"]), account), id="team"))

    assert "rep2" in team
    assert "Pre-sales / technical" in team


def test_the_contacts_table_shows_each_person_in_the_buying_centre(
    org, make_account, make_contact, client_for
):
    account = make_account(org["rep1"])
    make_contact(
        account,
        name="Li Wei",
        title="CTO",
        buying_role="user",
        decision_role="technical_recommender",
        attitude="doubts",
        meets_personal_needs=True,
        meets_org_needs=True,
        is_ally=True,
    )

    page = page_of(client_for(org["rep1"]), account)

    contacts = find(page, id="contacts")
    row = find(find(contacts, "tbody"), "tr")
    cells = [text(td) for td in children(row, "td")]
    assert cells == ["Li Wei", "CTO", "User", "Technical recommender", "Doubts", "Partner", "Ally"]
    assert find_all(row, "span", cls="att-doubts")
    add = attr(find(contacts, "a", cls="button"), "href")
    assert add == f"{reverse('contacts:create')}?account={account.pk}"


def test_the_org_chart_nests_people_under_whom_they_report_to(
    org, make_account, make_contact, client_for
):
    account = make_account(org["rep1"])
    boss = make_contact(account, name="Boss", attitude="accepts", decision_role="decision_maker")
    make_contact(account, name="Engineer", reports_to=boss, attitude="hostile", is_ally=True)

    chart = find(page_of(client_for(org["rep1"]), account), "div", cls="orgchart")

    [root] = children(children(chart, "ul")[0], "li")
    [boss_node] = children(root, cls="node")
    assert text(find(boss_node, cls="name")) == "Boss"
    assert "Decision maker" in text(boss_node)
    assert matches(boss_node, cls="att-accepts")
    assert not find_all(boss_node, cls="ally-mark")
    [reports] = children(children(root, "ul")[0], "li")
    [engineer_node] = children(reports, cls="node")
    assert text(find(engineer_node, cls="name")) == "Engineer"
    assert matches(engineer_node, cls="att-hostile")
    assert find_all(engineer_node, cls="ally-mark")


def test_the_org_chart_has_a_legend_for_every_attitude(org, make_account, make_contact, client_for):
    account = make_account(org["rep1"])
    make_contact(account)

    legend = text(find(page_of(client_for(org["rep1"]), account), cls="legend"))

    for label in ["Accepts", "Doubts", "Resists", "Indifferent", "Hostile", "Ally"]:
        assert label in legend


def test_an_account_without_people_says_what_to_do(org, make_account, client_for):
    account = make_account(org["rep1"])

    page = page_of(client_for(org["rep1"]), account)

    assert "No contacts yet." in text(find(page, id="contacts"))
    assert "No buying centre yet." in text(find(page, id="buying-centre"))
    assert "No account team yet." in text(find(page, id="team"))
    assert "No subsidiaries you can see." in text(find(page, id="subsidiaries"))


def test_the_history_names_each_changed_field(org, make_account, client_for):
    account = make_account(org["rep1"], name="Old name")
    account_update(account=account, acting_user=org["rep1"], name="New name")

    history = find(page_of(client_for(org["rep1"]), account), id="history")

    first = [text(td) for td in children(find(find(history, "tbody"), "tr"), "td")]
    assert first[2:] == ["Name", "Old name", "New name"]


def test_a_team_member_from_elsewhere_may_edit_but_not_delete_or_change_the_team(
    org, make_account, client_for
):
    account = make_account(org["rep3"])
    account_team_member_set(
        account=account, user=org["rep1"], team_role="sales", acting_user=org["manager2"]
    )

    page = page_of(client_for(org["rep1"]), account)

    assert text(find(page, "h1")) == account.name
    assert find_all(page, "a", href=reverse("accounts:edit", args=[account.pk]))
    assert not find_all(page, "a", href=reverse("accounts:delete", args=[account.pk]))
    assert not find_all(page, "form", cls="team-add")


def test_a_parent_group_the_user_cannot_see_is_not_named_or_linked(org, make_account, client_for):
    group = make_account(org["rep3"], name="Hidden Group Ltd")
    subsidiary = make_account(org["rep1"], name="Visible Subsidiary")
    Account.objects.filter(pk=subsidiary.pk).update(parent=group)

    html = client_for(org["rep1"]).get(subsidiary.get_absolute_url()).content.decode()

    assert "Hidden Group Ltd" not in html
    assert group.get_absolute_url() not in html


def test_money_is_grouped_by_thousands_in_both_languages(org, make_account, client_for):
    account = make_account(org["rep1"], annual_revenue=Decimal("938990000"))
    client = client_for(org["rep1"])

    english = client.get(account.get_absolute_url(), headers={"accept-language": "en"})
    chinese = client.get(account.get_absolute_url(), headers={"accept-language": "zh-CN"})

    assert "938,990,000" in english.content.decode()
    assert "938,990,000" in chinese.content.decode()
