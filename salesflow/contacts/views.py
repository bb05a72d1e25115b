"""Screens for contacts (being built)."""

from django.http import HttpRequest, HttpResponse


def contact_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def contact_create(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")


def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")
