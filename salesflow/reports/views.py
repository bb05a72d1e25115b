"""Funnel and forecast pages (being built)."""

from django.http import HttpRequest, HttpResponse


def funnel(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def forecast(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
