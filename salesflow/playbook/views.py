"""FAB library and process screens (being built)."""

from django.http import HttpRequest, HttpResponse


def product_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def process_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
