"""What the printer can print, how wide it is, and how long text wraps."""

from hypothesis import given, settings
from hypothesis import strategies as st

from printer import text
from printer.layout import pair_lines


def test_yen_sign_becomes_full_width_yuan():
    assert text.printable("¥12.50") == "￥12.50"


def test_emoji_become_one_question_mark_each():
    assert text.printable("好😀吃") == "好?吃"
    assert text.printable("家👨‍👩‍👧庭") == "家?庭"  # a joined family is one emoji
    assert text.printable("赞👍🏽!") == "赞?!"  # skin tone dropped


def test_characters_outside_gbk():
    assert text.printable("𠮷野") == "□野"  # a rare name character: a box, two columns like the original
    assert text.printable("㐀") == "□"
    assert text.printable("Café") == "Café"  # é is in GBK
    assert text.printable("ñandu") == "nandu"  # ñ is not in GBK: the plain letter
    assert text.printable("ﬁne") == "fine"
    assert text.printable("a\tb\u200bc") == "a bc"
    assert text.printable("\ue000") == "?"  # private use


def test_punctuation_is_kept():
    line = "，。：；！？（）【】《》“”￥"
    assert text.printable(line) == line


def test_width_counts_chinese_as_two():
    assert text.width("合计 ￥12.50") == 2 + 2 + 1 + 2 + 5
    assert text.width("ABC") == 3


def test_wrap_fits_and_keeps_every_character():
    name = "有机高山土豆新鲜现挖农家自种" * 36  # 504 characters
    lines = text.wrap(name, 32)
    assert all(text.width(line) <= 32 for line in lines)
    assert "".join(lines) == name
    assert len(lines) == 32  # 1008 columns / 32


def test_wrap_breaks_between_words_and_splits_only_overlong_ones():
    assert text.wrap("Organic rice from the hills", 12) == ["Organic rice", "from the", "hills"]
    assert text.wrap("https://example.com/trace/HN20261101A7", 16) == [
        "https://example.", "com/trace/HN2026", "1101A7"]


def test_closing_punctuation_never_starts_a_line():
    lines = text.wrap("一二三四五六七八，九十", 16)  # the comma would start line 2
    assert not lines[1].startswith("，")
    assert lines == ["一二三四五六七", "八，九十"]


def test_opening_bracket_never_ends_a_line():
    lines = text.wrap("一二三四五六七（八）", 16)
    assert lines == ["一二三四五六七", "（八）"]


def test_long_pair_value_hangs_under_itself():
    lines = pair_lines("品名", "有机高山土豆五斤装产地直发新鲜现挖", 32)
    assert lines[0].startswith("品名 有机")
    assert all(line.startswith("     ") for line in lines[1:])
    assert all(text.width(line) <= 32 for line in lines)


def test_short_pair_is_one_line_value_right():
    assert pair_lines("合计", "￥12.50", 16) == ["合计     ￥12.50"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.integers(min_value=2, max_value=48))
def test_any_text_prints_within_the_paper(raw, columns):
    clean = text.printable(raw)
    for ch in clean:
        assert ch == "\n" or " " <= ch <= "~" or len(ch.encode("gbk")) == 2
    lines = text.wrap(clean, columns)
    assert all(text.width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == clean.replace("\n", "").replace(" ", "")
