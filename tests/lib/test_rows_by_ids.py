"""lib.pagination.RowsByIds: a page of rows in the order of a list of ids read earlier."""

from __future__ import annotations

from dataclasses import dataclass

from lib.pagination import CappedPaginator, RowsByIds


@dataclass
class Row:
    pk: int


def test_a_page_keeps_the_order_of_the_ids_and_reads_only_its_slice():
    asked = []

    def rows(ids):
        asked.append(list(ids))
        return [Row(pk) for pk in reversed(ids)]

    source = RowsByIds([5, 3, 9, 1, 7], rows)

    assert [row.pk for row in source[1:4]] == [3, 9, 1]
    assert asked == [[3, 9, 1]]
    assert len(source) == 5


def test_an_id_whose_row_is_gone_is_left_out_of_the_page():
    # Deleted, or no longer visible, between reading the ids and reading the page.
    source = RowsByIds([1, 2, 3], lambda ids: [Row(pk) for pk in ids if pk != 2])

    assert [row.pk for row in source[0:3]] == [1, 3]


def test_a_capped_paginator_pages_through_it():
    ids = list(range(1, 31))
    source = RowsByIds(ids, lambda page: [Row(pk) for pk in page])
    paginator = CappedPaginator(source, 25, count=lambda limit: min(len(ids), limit), cap=1000)

    assert paginator.num_pages == 2
    assert [row.pk for row in paginator.page(2).object_list] == list(range(26, 31))
