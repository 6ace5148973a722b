from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation


def _render(**extra: object) -> str:
    request = RequestFactory().get("/list/", {"q": "tømrer", "page": "2"})
    request.user = AnonymousUser()
    page = Paginator(range(100), 25).get_page(2)
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        **extra,
    }
    with translation.override("da"):
        return render_to_string("includes/pagination.html", context, request=request)


def test_the_links_keep_the_query_and_are_in_danish() -> None:
    html = _render()

    assert 'href="?q=t%C3%B8mrer&amp;page=3"' in html
    assert 'aria-current="page"' in html
    assert "Side 2 af 4" in html


def test_only_results_with_an_htmx_target_fetch_the_pages_in_place() -> None:
    assert "hx-get" not in _render()
    assert 'hx-get="?q=t%C3%B8mrer&amp;page=1"' in _render(htmx=True)


def test_one_page_has_no_pagination() -> None:
    page = Paginator(range(3), 25).get_page(1)
    html = render_to_string(
        "includes/pagination.html", {"page": page, "page_range": [1]}, request=None
    )

    assert "pagination" not in html
