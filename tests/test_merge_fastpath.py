"""The merge's shortcuts find what its plain computations find (no timing here: see bench/).

* word-start 4-grams found after a non-word character (plus the text's first) are those of
  the look-behind regex;
* the bound from the bytes two texts have in common, without order, is never below their
  similarity, and skipping candidates with it changes no search result.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appeal_i18n import merge as merge_module
from appeal_i18n.merge import FuzzyIndex, _byte_counts, _word_start_grams, similarity
from appeal_i18n.model import Entry

from .conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import workloads

_CHARS = st.sampled_from([*"ab _1.-\n\t'", "é", "\u0301", "中", "²", "Ⅷ", "\x00", "ǅ", "٣", "ж",
                          "ab", "word", "  "])
_TEXTS = st.lists(_CHARS, max_size=16).map("".join)


@given(_TEXTS)
@settings(max_examples=500, deadline=None)
def test_word_start_grams_equal_the_look_behind_regex(text: str) -> None:
    assert _word_start_grams(text) == set(merge_module._WORD_START_GRAM.findall(text))


@given(_TEXTS, _TEXTS)
@settings(max_examples=500, deadline=None)
def test_bytes_bound_is_never_below_the_similarity(a: str, b: str) -> None:
    index = FuzzyIndex([Entry(msgid=b, msgstr="x")])
    assert index._bytes_bound(_byte_counts(a), 0) >= similarity(a, b)


def _searches(monkeypatch: pytest.MonkeyPatch | None, seed: int) -> list[int | None]:
    entries, template, _ = workloads.big_catalog(2500, seed=seed)
    rng = random.Random(seed)
    po = [Entry(msgid=e["id"], msgstr=e.get("str") or f"t{i}", msgctxt=e.get("ctxt"))
          for i, e in enumerate(entries)]
    known = {(e.msgctxt, e.msgid) for e in po}
    queries = [(t.get("ctxt"), t["id"]) for t in template if (t.get("ctxt"), t["id"]) not in known]
    # Also texts with a few characters changed, and unrelated ones.
    for entry in rng.sample(po, 300):
        chars = list(entry.msgid)
        for _ in range(rng.randint(1, 8)):
            if chars:
                chars[rng.randrange(len(chars))] = rng.choice("aeiou ,.")
        queries.append((entry.msgctxt, "".join(chars)))
    index = FuzzyIndex(po)
    if monkeypatch is not None:
        monkeypatch.setattr(index, "_bytes_bound", lambda query, position: 1.0)
    return [index.search(ctxt, msgid) for ctxt, msgid in queries]


@pytest.mark.parametrize("seed", [3, 8])
def test_bytes_bound_changes_no_search(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _searches(None, seed) == _searches(monkeypatch, seed)


@pytest.mark.parametrize("seed", [5, 9])
def test_searching_ahead_on_two_cores_changes_no_merge(seed: int, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Half the fuzzy searches in a forked worker, answers looked up by merge_one: the
    merged catalog is the one searched entry by entry."""
    from appeal_i18n.pofile import parse_po, twocores
    from appeal_i18n.pofile.writer import format_po

    from .conftest import generated_pair

    files = generated_pair(tmp_path, seed=seed)
    po, pot = (parse_po(files[name], path=name) for name in ("a.po", "a.pot"))
    monkeypatch.setattr(twocores, "available", lambda: True)
    monkeypatch.setattr(merge_module, "PARALLEL_SEARCHES", 10**9)
    serial = merge_module.merge_with_stats(po, pot)
    ahead: list[int] = []
    real = merge_module._Merger.search_ahead

    def spy(self: merge_module._Merger, refs: list[Entry]) -> None:
        real(self, refs)
        ahead.append(len(self.found))

    monkeypatch.setattr(merge_module._Merger, "search_ahead", spy)
    monkeypatch.setattr(merge_module, "PARALLEL_SEARCHES", 2)
    parallel = merge_module.merge_with_stats(po, pot)
    assert ahead and ahead[0] > 10  # the searches did run ahead
    assert format_po(parallel[0]) == format_po(serial[0])
    assert parallel[1] == serial[1]
    assert serial[1].fuzzy > 0
