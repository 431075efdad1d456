"""New scripts: `check` knows Han/Kana full-width punctuation, Hebrew gershayim and maqaf and
Georgian quotes (no false positive on correct text, every fault still found), and the text
output wraps Han and Kana by East Asian width without a break before closing punctuation."""

from __future__ import annotations

from pathlib import Path

import pytest

from appeal_i18n.checks import check_catalog, check_file
from appeal_i18n.model import Catalog
from appeal_i18n.pofile import read_po
from appeal_i18n.publish.localize import Localized
from appeal_i18n.publish.text import WIDTH, render_text, width, wrap
from appeal_i18n.source import parse

DATA = Path(__file__).parent / "data" / "scripts"
LANGS = ("zh_Hans", "ja", "he", "ka")


def catalog(lang: str) -> Catalog:
    return read_po(DATA / f"letter.{lang}.po")


def codes(po: Catalog, lang: str) -> set[tuple[str, int]]:
    """(code, index of the message) of every finding."""
    lines = {e.line: i for i, e in enumerate(po.messages)}
    return {(f.code, lines[f.line]) for f in check_catalog(po, path="x.po", lang=lang,
                                                           glossary=None)}


def edited(lang: str, index: int, old: str, new: str) -> Catalog:
    po = catalog(lang)
    entry = po.messages[index]
    assert old in entry.msgstr, (lang, entry.msgstr)
    entry.msgstr = entry.msgstr.replace(old, new)
    return po


@pytest.mark.parametrize("lang", LANGS)
def test_correct_text_gives_no_finding(lang: str) -> None:
    assert check_file(DATA / f"letter.{lang}.po") == []


# (language, message index, text, faulty text, check expected to find it)
FAULTS = [
    # numbers: a number dropped; the wrong multiplier (1千 is 1,000, not 10,000)
    ("zh_Hans", 1, "16", "", "numbers"),
    ("ja", 1, "16", "", "numbers"),
    ("he", 1, "16 ", "", "numbers"),
    ("ka", 1, "16 ", "", "numbers"),
    ("zh_Hans", 2, "1万", "1千", "numbers"),
    ("ja", 2, "1万", "10", "numbers"),
    # a question that ends as a statement, in full-width and in Latin punctuation
    ("zh_Hans", 3, "？", "。", "end-punctuation"),
    ("ja", 3, "？", "。", "end-punctuation"),
    ("he", 3, "?", ".", "end-punctuation"),
    ("ka", 3, "?", ".", "end-punctuation"),
    # the salutation may end without its comma in zh and ja, but not with a full stop
    ("ja", 0, "閣下", "閣下。", "end-punctuation"),
    ("zh_Hans", 10, "敬礼", "敬礼。", "end-punctuation"),
    # quotation marks foreign to the language (a straight " outside a word is a quote)
    ("zh_Hans", 5, "“全部换全部”", "«全部换全部»", "quotes"),
    ("ja", 5, "「全員対全員」", "“全員対全員”", "quotes"),
    ("he", 5, "”כולם תמורת כולם”", "\"כולם תמורת כולם\"", "quotes"),
    ("ka", 5, "„ყველა ყველაზე“", "\"ყველა ყველაზე\"", "quotes"),
]


@pytest.mark.parametrize(("lang", "index", "old", "new", "code"), FAULTS)
def test_each_check_still_finds_its_fault(lang: str, index: int, old: str, new: str,
                                          code: str) -> None:
    assert codes(edited(lang, index, old, new), lang) == {(code, index)}


def test_script_conventions_that_are_not_faults() -> None:
    # Full-width digits and commas are digits and separators; 1.0万 is 10,000; a maqaf.
    assert codes(edited("ja", 1, "16", "１６"), "ja") == set()
    assert codes(edited("zh_Hans", 2, "1万", "1.0万"), "zh_Hans") == set()
    assert codes(edited("zh_Hans", 2, "1万", "10，000"), "zh_Hans") == set()
    assert codes(edited("ja", 2, "1万", "１０，０００"), "ja") == set()
    assert codes(edited("he", 1, "עד 16", "עד ל־16"), "he") == set()
    he = catalog("he").messages
    assert 'ארה"ב' in he[0].msgstr and "צה״ל" in he[5].msgstr and "ב־2022" in he[6].msgstr


ZH = ("总统先生，您呼吁停火，以拯救数万人的生命，防止平民在前线和乌克兰和平城市中丧生。"
      "同样，您可以要求释放被关押者（包括被非法定罪者），以拯救数万人的生命。"
      "对他们的持续关押等同于劫持人质。「全部换全部」的交换必须实现！")
JA = ("大統領閣下、あなたは数万人の命を救うために停戦を呼びかけています。同様に、拘束されている"
      "人々の解放を求めることができます。「全員対全員」の交換を実現してください！ロシアの最も暗い"
      "独房で、ウクライナの民間人を、最も弱い立場の人々から解放するよう促してください。")
CLOSING = set("。、，！？：；）」』ーっ")


@pytest.mark.parametrize("text", [ZH, JA])
def test_han_and_kana_wrap_by_width_never_before_closing_punctuation(text: str) -> None:
    lines = wrap(text, "> ", "> ")
    assert len(lines) > 2
    assert "".join(line.removeprefix("> ") for line in lines) == text  # nothing lost, no space
    assert all(width(line) <= WIDTH for line in lines)
    assert all(width(line) >= WIDTH - 4 for line in lines[:-1])  # filled, not cut short
    assert not any(line.removeprefix("> ")[0] in CLOSING for line in lines[1:])
    assert not any(line[-1] in "（「『" for line in lines)


def test_a_closing_mark_takes_the_last_character_with_it() -> None:
    # 36 wide characters fill the 72 columns: the full stop may not start the next line,
    # so the 36th character goes down with it.
    lines = wrap("字" * 36 + "。" + "字" * 3)
    assert lines == ["字" * 35, "字。" + "字" * 3]
    # Latin text still breaks at spaces only, a long word whole.
    assert wrap("a" * 80 + " b") == ["a" * 80, "b"]


def test_text_output_of_a_japanese_letter() -> None:
    parsed = parse("# PEOPLE FIRST\n\nText.\n\n- item\n", path="letter.md")
    doc = Localized("ja", "letter", parsed, ("ピープル・ファースト", JA, "項目"),
                    (False, False, False))
    text = render_text(doc)
    head, body, item = text.rstrip("\n").split("\n\n")
    assert head == "ピープル・ファースト\n" + "=" * width("ピープル・ファースト")
    assert "".join(body.splitlines()) == JA
    assert all(width(line) <= WIDTH for line in body.splitlines())
    assert item == "- 項目"
