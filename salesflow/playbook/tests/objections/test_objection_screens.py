"""The objection playbook screens: everyone reads and searches (in both languages), directors
edit, and for anyone else the editor does not exist (404)."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from salesflow.playbook.models import Objection

LIST = reverse("playbook:objections")


def numbers(response) -> list[int]:
    return [o.number for o in response.context["objections"]]


def test_the_seven_shipped_objections_are_listed_with_their_answers(org, objections, client_for):
    response = client_for(org["rep1"]).get(LIST)

    assert numbers(response) == [1, 2, 3, 4, 5, 6, 7]
    assert escape(objections[6].answer_en) in response.content.decode()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("supplier", [3]),  # a title, in English
        ("total cost", [2, 6]),  # words of the answers
        ("价格", [6]),  # a title, in Chinese
        ("转接", [4]),  # an answer, in Chinese
        ("nothing like this", []),
    ],
)
def test_search_covers_titles_and_answers_in_both_languages(
    org, objections, client_for, q, expected
):
    response = client_for(org["rep1"]).get(LIST, {"q": q})

    assert numbers(response) == expected


def test_the_chinese_interface_shows_the_chinese_answer(org, objections, client_for):
    client = client_for(org["rep1"])
    client.cookies["django_language"] = "zh-hans"

    html = client.get(reverse("playbook:objection", args=[objections[5].pk])).content.decode()

    assert "没有预算" in html


def test_a_retired_objection_is_hidden_from_reps_but_shown_to_directors(
    org, objections, client_for
):
    objections[7].is_active = False
    objections[7].save()

    rep_view = numbers(client_for(org["rep1"]).get(LIST))
    director_view = numbers(client_for(org["director"]).get(LIST))

    assert 7 not in rep_view
    assert 7 in director_view


@pytest.mark.parametrize("name", ["rep1", "manager1"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_editor_does_not_exist_for_non_directors(org, objections, client_for, name, method):
    client = client_for(org[name])

    edit = getattr(client, method)(reverse("playbook:objection_edit", args=[objections[1].pk]))
    create = getattr(client, method)(reverse("playbook:objection_create"))

    assert (edit.status_code, create.status_code) == (404, 404)


def test_a_director_rewrites_an_answer(org, objections, client_for):
    objection = objections[6]

    response = client_for(org["director"]).post(
        reverse("playbook:objection_edit", args=[objection.pk]),
        {
            "number": 6,
            "title_en": objection.title_en,
            "title_zh": objection.title_zh,
            "answer_en": "Compare the total cost over five years, then propose a meeting.",
            "answer_zh": objection.answer_zh,
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.answer_en.startswith("Compare the total cost")


def test_a_director_cannot_reuse_a_number(org, objections, client_for):
    response = client_for(org["director"]).post(
        reverse("playbook:objection_create"),
        {"number": 3, "title_en": "Call me later", "answer_en": "Set a time."},
    )

    assert response.status_code == 400
    assert "number" in response.context["form"].errors
    assert Objection.objects.count() == 7


def test_a_director_adds_an_objection(org, objections, client_for):
    client_for(org["director"]).post(
        reverse("playbook:objection_create"),
        {
            "number": 8,
            "title_en": "Call me next quarter",
            "answer_en": "Agree, and fix the date now.",
            "is_active": "on",
        },
    )

    assert Objection.objects.get(number=8).is_active


def test_an_unknown_objection_answers_404(org, client_for):
    response = client_for(org["rep1"]).get(reverse("playbook:objection", args=[999]))

    assert response.status_code == 404


def test_the_list_links_to_the_report(org, objections, client_for):
    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert reverse("playbook:objection_report") in html
