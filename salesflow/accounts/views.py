"""Screens for accounts (being built)."""

from django.http import HttpRequest, HttpResponse


def account_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def account_create(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")


def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")
