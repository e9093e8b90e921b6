"""Cursor pagination: stable however many cases there are.

Ordered by id (newest first): an id never changes, so a page boundary never moves when a
case gets new activity while a client pages through (`updated_since` selects what
changed). Each page is an index range from the cursor onwards, never an OFFSET that
grows with the page number, and no total is counted.
"""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    ordering = "-id"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
