"""One way to page a list: `db.paginate`, the `seite` parameter, the `pagination` macro.

A page number that is not a number counts as the first page; one past the end shows the last
page (a bookmarked page of a shrunken list still shows something).
"""

from flask import request, url_for
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from mentoring.extensions import db

PAGE_ARG = "seite"


def requested_page() -> int:
    """The page the URL asks for (`?seite=`); 1 if missing or not a number."""
    return max(request.args.get(PAGE_ARG, 1, type=int), 1)


def paginate(query: Select, *, page: int, per_page: int) -> Pagination:
    """The page of the query's rows; the last page if `page` is past the end."""
    pagination = db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False)
    if pagination.page > pagination.pages > 0:
        pagination = db.paginate(query, page=pagination.pages, per_page=per_page, error_out=False)
    return pagination


def page_url(number: int, anchor: str | None = None) -> str:
    """This page's URL with every parameter kept but the page number."""
    args = {**(request.view_args or {}), **request.args.to_dict(), PAGE_ARG: number}
    return url_for(request.endpoint, _anchor=anchor, **args)
