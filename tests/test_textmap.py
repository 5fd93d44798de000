"""MappedText: a derived text with a compact map back to the original."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.text.offsets import MappedText, merge_spans


def test_identity_maps_every_index_to_itself():
    mapped = MappedText.identity("周鸿祎表示")
    assert [mapped.to_original(i) for i in range(5)] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("original", "spans", "expected_text", "expected_map"),
    [
        ("ab<br>cd", [(2, 6)], "abcd", [0, 1, 6, 7]),
        ("時(shí)尚", [(1, 6)], "時尚", [0, 6]),
        ("xxabyy", [(0, 2), (4, 6)], "ab", [2, 3]),
        ("abcdef", [(3, 5), (1, 2)], "acf", [0, 2, 5]),  # unsorted spans
        ("abcdef", [(1, 3), (2, 4)], "aef", [0, 4, 5]),  # overlapping spans
        ("abcdef", [(1, 2), (2, 3)], "adef", [0, 3, 4, 5]),  # touching spans
        ("abc", [(1, 1)], "abc", [0, 1, 2]),  # empty span deletes nothing
        ("abc", [(0, 3)], "", []),
        ("abc", [(-5, 1), (2, 99)], "b", [1]),  # clipped to the text
    ],
)
def test_without_deletes_spans_and_maps_kept_characters(original, spans, expected_text, expected_map):
    mapped = MappedText.without(original, spans)
    assert mapped.text == expected_text
    assert [mapped.to_original(i) for i in range(len(mapped.text))] == expected_map


def test_replacement_stands_in_for_one_character_at_the_same_offset():
    mapped = MappedText.without("价格&nbsp;100", [(3, 8)], {2: " "})
    assert (mapped.text, mapped.to_original(2), mapped.to_original(3)) == ("价格 100", 2, 8)


def test_replacement_inside_a_deleted_span_is_ignored():
    assert MappedText.without("a<p>b", [(1, 4)], {1: "\n"}).text == "ab"


def test_replacement_must_be_one_character():
    with pytest.raises(ValueError):
        MappedText.without("abc", [], {1: "xy"})


@pytest.mark.parametrize(
    ("spans", "derived_span", "expected"),
    [
        ([(2, 6)], (1, 3), (1, 7)),  # across the deletion: the deleted part is inside
        ([(2, 6)], (2, 4), (6, 8)),
        ([(2, 6)], (0, 2), (0, 2)),  # ends before the deletion
        ([(2, 6)], (3, 3), (7, 7)),  # empty span: empty at the start's position
        ([(2, 6)], (4, 4), (8, 8)),  # empty span at the end of the derived text
        ([(6, 8)], (0, 6), (0, 6)),  # a deleted tail is not part of the span
    ],
)
def test_span_to_original(spans, derived_span, expected):
    assert MappedText.without("ab<br>cd", spans).span_to_original(*derived_span) == expected


def test_end_position_maps_past_the_last_kept_character():
    mapped = MappedText.without("abc<br>", [(3, 7)])
    assert mapped.to_original(3) == 3


def test_empty_derived_text_maps_to_an_empty_span():
    assert MappedText.identity("").span_to_original(0, 0) == (0, 0)


@pytest.mark.parametrize("index", [-1, 5])
def test_index_outside_the_text_is_an_error(index):
    with pytest.raises(IndexError):
        MappedText.identity("abcd").to_original(index)


@pytest.mark.parametrize(("original_index", "expected"), [(0, 0), (1, 1), (2, None), (5, None), (6, 2), (7, 3)])
def test_from_original_inverts_the_map_or_says_deleted(original_index, expected):
    assert MappedText.without("ab<br>cd", [(2, 6)]).from_original(original_index) == expected


def test_with_text_keeps_the_map_for_a_converted_text():
    mapped = MappedText.without("劉<b>慶峰", [(1, 4)]).with_text("刘庆峰")
    assert (mapped.text, mapped.to_original(1)) == ("刘庆峰", 4)


def test_with_text_refuses_another_length():
    with pytest.raises(ValueError):
        MappedText.identity("劉慶峰").with_text("刘庆")


def test_map_size_grows_with_deletions_not_with_text_length():
    text = "人工智能" * 5_000_000  # 20 million characters on one line
    mapped = MappedText.without(text, [(10, 20), (len(text) - 5, len(text))])
    assert mapped.segment_count == 2
    assert mapped.to_original(len(mapped.text) - 1) == len(text) - 6


def test_equal_maps_compare_and_hash_equal():
    a = MappedText.without("ab<br>cd", [(2, 6)])
    b = MappedText.without("ab<br>cd", [(2, 4), (4, 6)])
    assert a == b and hash(a) == hash(b)


def test_different_maps_of_the_same_text_differ():
    assert MappedText.without("abcd", [(0, 2)]) != MappedText.without("cdab", [(2, 4)])


def test_pickles_for_worker_processes():
    mapped = MappedText.without("ab<br>cd", [(2, 6)])
    assert pickle.loads(pickle.dumps(mapped)) == mapped


def test_merge_spans_sorts_merges_and_clips():
    assert merge_spans([(5, 8), (0, 2), (7, 9), (1, 1)], limit=8) == [(0, 2), (5, 8)]


@st.composite
def _text_and_spans(draw):
    text = draw(st.text(alphabet="周鸿祎<>/ab \n", max_size=40))
    bound = st.integers(min_value=0, max_value=len(text))
    spans = draw(st.lists(st.tuples(bound, bound), max_size=6))
    return text, spans


@given(_text_and_spans())
def test_every_kept_character_maps_to_itself_in_order(case):
    original, spans = case
    mapped = MappedText.without(original, spans)
    positions = [mapped.to_original(i) for i in range(len(mapped.text))]
    assert all(original[p] == ch for p, ch in zip(positions, mapped.text))
    assert positions == sorted(set(positions))
    assert all(mapped.from_original(p) == i for i, p in enumerate(positions))
