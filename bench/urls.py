"""The site, plus the two views every page is measured against, in the same server and run:
a bare Django view, and a view that renders base.html alone (the page frame)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

import arshjul.urls


def bare(request):
    return HttpResponse("<!DOCTYPE html><title>bare</title><p>ok</p>")


def bare_template(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/base-template/", bare_template),
    *arshjul.urls.urlpatterns,
]
