"""Opportunity screens (being built)."""

from django.http import HttpRequest, HttpResponse


def opportunity_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def opportunity_create(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")


def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")
