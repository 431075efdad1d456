"""Generate the benchmark workloads deterministically under ``bench/work/``.

Every workload is a pure function of the constants below and of the project's
``source/letter.md``: the same checkout generates the same bytes. A workload is regenerated
only when its stamp (the generator version plus its parameters) changes.

Workloads:

* ``langs100``: a project with the letter in 100 languages (pseudo-translations that keep
  Markdown, links and numbers; about 90% translated, 5% fuzzy, 5% untranslated), and
  ``langs100-po4a``, the same letter set up for po4a (Markdown; only its configuration
  where po4a is not installed, made again once it is).
* ``letters1000``: a project with 1,000 letters (variations of the letter) in one language.
* ``cat50k`` and ``cat20k``: one catalog of 50,000 (20,000) entries with plurals,
  contexts, comments, references, fuzzy entries with previous msgids, untranslated and
  obsolete entries (``catalog.po``); its template with 5% of the msgids edited slightly and
  5% removed (``template.pot``); ``truth.json`` maps each edited msgid to its true previous
  msgid. ``cat50k`` is also a project (``source/catalog.md`` + ``locales/uk/...``) for
  ``compile``.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

VERSION = 3
"""Bump to regenerate every workload after a change of this file."""

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"

_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CYRILLIC = "абцдефгхийклмнопярстувшхызАБЦДЕФГХИЙКЛМНОПЯРСТУВШХЫЗ"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
#: Kept verbatim by the pseudo-translation: link targets, code, tags, placeholders.
_KEEP = re.compile(r"(\]\([^)]*\)|`[^`]*`|<[^>]*>|\{[^}]*\}|%[0-9]*\$?[a-z]|https?://\S+)")

UK_PLURAL = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
             "(n%100<10 || n%100>=20) ? 1 : 2);")


def pseudo(text: str) -> str:
    """A deterministic 'translation': Latin letters to Cyrillic, markup kept."""
    parts = _KEEP.split(text)
    return "".join(p if i % 2 else p.translate(_TO_CYRILLIC) for i, p in enumerate(parts))


def _stamp_ok(folder: Path, stamp: str) -> bool:
    path = folder / ".stamp"
    return path.is_file() and path.read_text() == stamp


def _write_stamp(folder: Path, stamp: str) -> None:
    (folder / ".stamp").write_text(stamp)


def _fresh(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


# -- PO text (written directly, so generation does not depend on the code under test) -------


def _q(text: str) -> str:
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                  .replace("\t", "\\t")) + '"'


def _field(prefix: str, name: str, text: str) -> str:
    """One keyword; multi-line values are split after each newline, as GNU does."""
    if "\n" not in text[:-1]:
        return f"{prefix}{name} {_q(text)}\n"
    lines = [f'{prefix}{name} ""\n']
    pieces = text.split("\n")
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        if last and piece == "":
            break
        lines.append(f"{prefix}{_q(piece + ('' if last else chr(10)))}\n")
    return "".join(lines)


def _header(language: str, plural: str, *, template: bool = False) -> str:
    fields = [
        "Project-Id-Version: bench 1.0", "Report-Msgid-Bugs-To: ",
        "POT-Creation-Date: 2025-08-14 12:00+0000",
        "PO-Revision-Date: " + ("YEAR-MO-DA HO:MI+ZONE" if template else "2025-08-15 09:30+0000"),
        "Last-Translator: "
        + ("FULL NAME <EMAIL@ADDRESS>" if template else "Bench <b@example.org>"),
        "Language-Team: " + ("LANGUAGE <LL@li.org>" if template else "Ukrainian"),
        "Language: " + ("" if template else language),
        "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    if not template:
        fields.append("Plural-Forms: " + plural)
    body = "".join(f"{f}\n" for f in fields)
    flags = "#, fuzzy\n" if template else ""
    return f"# Benchmark catalog.\n#\n{flags}msgid \"\"\n" + _field("", "msgstr", body)


def _entry_text(e: dict, *, template: bool) -> str:
    out: list[str] = []
    obsolete = e.get("obsolete", False)
    prefix = "#~ " if obsolete else ""
    for c in e.get("tcomments", []) if not template else []:
        out.append(f"# {c}\n")
    for c in e.get("xcomments", []):
        out.append(f"#. {c}\n")
    if e.get("refs") and not obsolete:
        out.append("#: " + " ".join(e["refs"]) + "\n")
    flags = [f for f in e.get("flags", []) if not (template and f == "fuzzy")]
    if flags:
        out.append("#, " + ", ".join(flags) + "\n")
    if not template and e.get("prev") is not None:
        out.append(_field("#~| " if obsolete else "#| ", "msgid", e["prev"]))
    if e.get("ctxt") is not None:
        out.append(_field(prefix, "msgctxt", e["ctxt"]))
    out.append(_field(prefix, "msgid", e["id"]))
    if e.get("plural") is not None:
        out.append(_field(prefix, "msgid_plural", e["plural"]))
        forms = e["forms"] if not template else ["", ""]
        for i, form in enumerate(forms):
            out.append(_field(prefix, f"msgstr[{i}]", form))
    else:
        out.append(_field(prefix, "msgstr", "" if template else e["str"]))
    return "".join(out)


def _write_catalog(path: Path, entries: list[dict], *, template: bool) -> None:
    parts = [_header("uk", UK_PLURAL, template=template)]
    parts += [_entry_text(e, template=template) for e in entries
              if not (template and e.get("obsolete"))]
    path.write_text("\n".join(parts), encoding="utf-8")


# -- the big catalog --------------------------------------------------------------------------


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = [c + v for c in "bcdfghklmnprstvwz" for v in "aeiou"] + ["th", "st", "qu"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words)


class _Sentences:
    """Zipf-distributed words, so that texts share common words like real prose."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = _vocabulary(rng, 6000)
        rng.shuffle(self.words)
        total = 0.0
        self.cum: list[float] = []
        for i in range(len(self.words)):
            total += 1 / (i + 1)
            self.cum.append(total)

    def words_(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=n)

    def sentence(self, n: int) -> str:
        words = self.words_(n)
        words[0] = words[0].capitalize()
        # commas and sentence breaks, like prose
        for i in range(3, len(words) - 1, 7):
            if self.rng.random() < 0.4:
                words[i] += "," if self.rng.random() < 0.7 else "."
        return " ".join(words) + self.rng.choice(".....?!:")

    def text(self) -> str:
        r = self.rng.random()
        if r < 0.10:
            return " ".join(self.words_(self.rng.randint(1, 3))).capitalize()
        if r < 0.15:
            return " ".join(self.sentence(self.rng.randint(8, 25)) for _ in range(4))
        if r < 0.20:
            return self.sentence(self.rng.randint(5, 15)) + "\n" + self.sentence(
                self.rng.randint(5, 15))
        return self.sentence(self.rng.randint(4, 30))


def _edit(rng: random.Random, text: str, sentences: _Sentences) -> str:
    """A slight edit: one word replaced, inserted or deleted, or punctuation changed."""
    words = text.split(" ")
    i = rng.randrange(len(words))
    kind = rng.random()
    if kind < 0.4:
        words[i] = sentences.words_(1)[0] + (words[i][-1] if words[i][-1:] in ".,?!:" else "")
    elif kind < 0.65:
        words.insert(i, sentences.words_(1)[0])
    elif kind < 0.85 and len(words) > 3:
        del words[i if i < len(words) - 1 else i - 1]
    else:
        return text[:-1] + ("." if text[-1] != "." else "!") if text else "x"
    return " ".join(words)


def big_catalog(size: int, seed: int) -> tuple[list[dict], list[dict], dict[str, str]]:
    """Entries of the PO, of the template, and the edited msgids with their true previous ones."""
    rng = random.Random(seed)
    sentences = _Sentences(rng)
    seen: set[tuple[str | None, str]] = set()
    entries: list[dict] = []
    n_obsolete = size // 50
    while len(entries) < size:
        e: dict = {}
        r = rng.random()
        if r < 0.05:
            n = rng.randint(2, 10)
            core = " ".join(sentences.words_(n))
            e["id"], e["plural"] = f"%d {core}", f"%d {core}s"
            e["flags"] = ["c-format"]
        else:
            e["id"] = sentences.text()
        if rng.random() < 0.05:
            e["ctxt"] = rng.choice(("menu", "button", "title", "verb", "noun", "tooltip"))
        key = (e.get("ctxt"), e["id"])
        if key in seen or not e["id"]:
            continue
        seen.add(key)
        number = len(entries)
        e["refs"] = [f"src/module{number // 400:03d}.py:{10 + number % 400 * 3}"]
        if rng.random() < 0.3:
            e["xcomments"] = [f"Shown in dialog {rng.randint(1, 999)}."]
        if rng.random() < 0.1:
            e["tcomments"] = [f"Checked by reviewer {rng.randint(1, 50)}."]
        state = rng.random()
        translated = state >= 0.10
        if e.get("plural") is not None:
            base = pseudo(e["id"]) if translated else ""
            e["forms"] = [base, base + "и" if base else "", base + "ів" if base else ""]
        else:
            e["str"] = pseudo(e["id"]) if translated else ""
        if translated and state < 0.20:
            e.setdefault("flags", []).insert(0, "fuzzy")
            if rng.random() < 0.5 and " " in e["id"] and e.get("plural") is None:
                e["prev"] = _edit(rng, e["id"], sentences)
        if len(entries) >= size - n_obsolete:
            if not translated:
                continue
            e["obsolete"] = True
            e.pop("refs", None)
            e.pop("xcomments", None)
        entries.append(e)

    active = [e for e in entries if not e.get("obsolete")]
    template: list[dict] = []
    truth: dict[str, str] = {}
    for e in active:
        r = rng.random()
        if r < 0.05:
            continue  # removed
        t = {k: e[k] for k in ("id", "ctxt", "plural", "refs", "xcomments") if k in e}
        t["flags"] = [f for f in e.get("flags", []) if f != "fuzzy"]
        if r < 0.10 and e.get("plural") is None and len(e["id"].split()) >= 3:
            for _ in range(10):
                new = _edit(rng, e["id"], sentences)
                if new != e["id"] and (e.get("ctxt"), new) not in seen:
                    seen.add((e.get("ctxt"), new))
                    t["id"] = new
                    truth[json.dumps([e.get("ctxt"), new])] = e["id"]
                    break
        template.append(t)
    return entries, template, truth


def make_big(name: str, size: int, *, project: bool) -> Path:
    folder = WORK / name
    stamp = f"{VERSION} big {size} {project}"
    if _stamp_ok(folder, stamp):
        return folder
    _fresh(folder)
    entries, template, truth = big_catalog(size, seed=size)
    _write_catalog(folder / "catalog.po", entries, template=False)
    _write_catalog(folder / "template.pot", template, template=True)
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, sort_keys=True))
    if project:
        (folder / "source").mkdir()
        (folder / "source" / "catalog.md").write_text("Stub: the catalog is generated.\n")
        po_dir = folder / "locales" / "uk" / "LC_MESSAGES"
        po_dir.mkdir(parents=True)
        shutil.copyfile(folder / "catalog.po", po_dir / "catalog.po")
        (folder / "pyproject.toml").write_text(
            '[tool.appeal-i18n]\nlanguages = ["uk"]\nmin-coverage = 0\n')
    _write_stamp(folder, stamp)
    return folder


# -- the letter projects ---------------------------------------------------------------------


def _languages(count: int) -> list[str]:
    from babel.localedata import locale_identifiers

    from appeal_i18n import locales

    found = []
    for code in sorted(i for i in locale_identifiers() if "_" not in i and i != "en"):
        try:
            locales.plural_forms(code)
            locales.english_name(code)
        except Exception:
            continue
        found.append(code)
    return found[:count]


def _fill(po_path: Path, rng: random.Random, *, fuzzy: float = 0.05,
          untranslated: float = 0.05) -> None:
    """Give a catalog pseudo-translations: most translated, some fuzzy, some left empty."""
    from appeal_i18n.pofile import format_po, read_po

    catalog = read_po(po_path, check=False)
    head = catalog.header
    if head is not None:
        head.msgstr = head.msgstr.replace("Last-Translator: \n",
                                          "Last-Translator: Bench <bench@example.org>\n")
    for entry in catalog.messages:
        r = rng.random()
        if r < untranslated:
            continue
        text = pseudo(entry.msgid)
        if entry.msgid_plural is not None:
            entry.msgstr_plural = [text] * len(entry.msgstr_plural)
        else:
            entry.msgstr = text
        if r < untranslated + fuzzy:
            entry.set_fuzzy(True)
    po_path.write_bytes(format_po(catalog))


def _project(folder: Path, languages: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    langs = ", ".join(f'"{lang}"' for lang in languages)
    (folder / "pyproject.toml").write_text(
        f"[tool.appeal-i18n]\nlanguages = [{langs}]\nmin-coverage = 0\n")


def make_langs100() -> Path:
    folder = WORK / "langs100"
    stamp = f"{VERSION} langs100 " + (ROOT / "source" / "letter.md").read_text()
    if _stamp_ok(folder, stamp):
        return folder
    from appeal_i18n import catalogs
    from appeal_i18n.config import load_config

    _fresh(folder)
    langs = _languages(100)
    _project(folder, langs)
    (folder / "source").mkdir()
    shutil.copyfile(ROOT / "source" / "letter.md", folder / "source" / "letter.md")
    config = load_config(folder)
    catalogs.extract(config)
    catalogs.update(config)
    rng = random.Random(100)
    for lang in langs:
        _fill(config.catalog_path(lang, "letter"), rng)
    _write_stamp(folder, stamp)
    return folder


def make_langs100_po4a(base: Path) -> Path:
    """The letter and languages of ``base`` as a po4a project (Markdown), translated the same way.

    Made only where po4a is installed (then again if it was made without it).
    """
    from appeal_i18n.config import load_config

    folder = WORK / "langs100-po4a"
    stamp = (f"{VERSION} langs100-po4a {shutil.which('po4a') is not None} "
             + (base / "source" / "letter.md").read_text())
    if _stamp_ok(folder, stamp):
        return folder
    langs = list(load_config(base).languages)
    _fresh(folder)
    shutil.copyfile(base / "source" / "letter.md", folder / "letter.md")
    cfg = [f"[po4a_langs] {' '.join(langs)}", "[po4a_paths] po/letter.pot $lang:po/$lang.po",
           '[options] opt:"-o markdown"',
           "[type: text] letter.md $lang:out/$lang/letter.md"]
    (folder / "po4a.cfg").write_text("\n".join(cfg) + "\n")
    if shutil.which("po4a") is None:
        _write_stamp(folder, stamp)
        return folder
    subprocess.run(["po4a", "--keep", "0", "-q", "po4a.cfg"], cwd=folder, check=True,
                   capture_output=True)
    rng = random.Random(100)
    for lang in langs:
        _fill(folder / "po" / f"{lang}.po", rng)
    subprocess.run(["po4a", "--keep", "0", "-q", "po4a.cfg"], cwd=folder, check=True,
                   capture_output=True)
    _write_stamp(folder, stamp)
    return folder


def _variant(text: str, number: int, sentences: _Sentences) -> str:
    """The letter with its title numbered and a few words changed in each paragraph."""
    out = []
    for line in text.split("\n"):
        if line.startswith("# "):
            line = f"{line} {number}"
        elif line and not line.startswith(("<!--", "-", "#")) and len(line) > 40:
            words = line.split(" ")
            for _ in range(2):
                i = sentences.rng.randrange(1, len(words))
                if words[i].isalpha():
                    words[i] = sentences.words_(1)[0]
            line = " ".join(words)
        out.append(line)
    return "\n".join(out)


def make_letters1000() -> Path:
    folder = WORK / "letters1000"
    stamp = f"{VERSION} letters1000 " + (ROOT / "source" / "letter.md").read_text()
    if _stamp_ok(folder, stamp):
        return folder
    from appeal_i18n import catalogs
    from appeal_i18n.config import load_config

    _fresh(folder)
    _project(folder, ["uk"])
    (folder / "source").mkdir()
    letter = (ROOT / "source" / "letter.md").read_text()
    sentences = _Sentences(random.Random(1000))
    for number in range(1, 1001):
        (folder / "source" / f"letter{number:04d}.md").write_text(
            _variant(letter, number, sentences))
    config = load_config(folder)
    catalogs.extract(config)
    catalogs.update(config)
    rng = random.Random(1000)
    for po in sorted((folder / "locales" / "uk" / "LC_MESSAGES").glob("*.po")):
        _fill(po, rng)
    _write_stamp(folder, stamp)
    return folder


def generate_all(log: callable = print) -> dict[str, Path]:  # type: ignore[valid-type]
    """Generate (or reuse) every workload; return their folders by name."""
    WORK.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, make in (("langs100", make_langs100), ("letters1000", make_letters1000),
                       ("cat50k", lambda: make_big("cat50k", 50_000, project=True)),
                       ("cat20k", lambda: make_big("cat20k", 20_000, project=False))):
        log(f"workload {name} ...")
        made[name] = make()
    log("workload langs100-po4a ...")
    made["langs100-po4a"] = make_langs100_po4a(made["langs100"])
    return made


if __name__ == "__main__":
    generate_all()
