"""``compact`` is ``normalize_text`` with every space taken out, whatever the text holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budget_reports.normalize import compact, normalize_text

# Every kind of space and zero-width mark an extractor writes, beside full-width and compatibility forms.
_ODD_CHARACTERS = " \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u1680\u2007\u2028\u202f\u3000\u200b\u200d\ufeff\u2060１，（）ⅰ①ｶﾞ"


@given(st.text(alphabet=st.sampled_from(_ODD_CHARACTERS) | st.characters(), max_size=24))
def test_compact_is_normalize_text_without_spaces(text: str) -> None:
    assert compact.__wrapped__(text) == "".join(normalize_text(text).split())


def test_compact_folds_widths_and_drops_every_space() -> None:
    assert compact("２０２４年\u3000一般公共\u200b预算 \t收入") == "2024年一般公共预算收入"
