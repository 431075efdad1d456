"""What a user sees, as a manifest of bytes: run it before and after a change and compare.

It runs, each in a fresh copy and with a fixed ``SOURCE_DATE_EPOCH``:

* the whole pipeline (``all``, with ``-j1`` and with ``-j2``) on this project: every file it
  leaves under ``dist/``, and its template, catalogs and MO files under ``locales/``;
* on every catalog of the shared real-world set (``../shared/testdata/real-po``, when present):
  ``fmt`` (the rewritten bytes), ``status --format json`` and ``compile`` (the MO bytes).

Each line of the manifest is ``<sha256>  <what>`` (status JSON by its bytes too, with the
temporary folder taken out). Usage::

    python tools/same_bytes.py --write tests/golden/same-bytes.txt   # before the change
    python tools/same_bytes.py --check tests/golden/same-bytes.txt   # after it (exit 1 if not)

``--skip-pdf`` leaves the PDFs out (their bytes depend on the system's fonts).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_PO = ROOT.parent / "shared" / "testdata" / "real-po"
EPOCH = "1756684800"  # 2025-09-01


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("appeal-i18n")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "appeal_i18n"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "LC_ALL": "C.UTF-8"}
    return subprocess.run([*_cli(), *args], cwd=cwd, env=env, capture_output=True, check=False)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _copy_project(dest: Path) -> None:
    dest.mkdir(parents=True)
    for name in ("pyproject.toml", "source", "locales"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy2(src, dest / name)


#: What ``all`` writes under ``locales/``: the template, the catalogs and the MO files.
WRITTEN_IN_LOCALES = (".pot", ".po", ".mo")


def pipeline_lines(tmp: Path, *, skip_pdf: bool) -> list[str]:
    """The bytes ``all`` leaves behind, with one job and with two."""
    lines: list[str] = []
    for jobs in ("1", "2"):
        work = tmp / f"project-j{jobs}"
        _copy_project(work)
        done = _run(["all", "-j", jobs], work)
        lines.append(f"{_digest(str(done.returncode).encode())}  all -j{jobs}: exit "
                     f"{done.returncode}")
        for top in ("locales", "dist"):
            for file in sorted((work / top).rglob("*")):
                if not file.is_file() or (skip_pdf and file.suffix == ".pdf"):
                    continue
                if top == "locales" and file.suffix not in WRITTEN_IN_LOCALES:
                    continue  # people's files (REVIEW.md, the glossary): input, not output
                rel = file.relative_to(work).as_posix()
                lines.append(f"{_digest(file.read_bytes())}  all -j{jobs}: {rel}")
    work = tmp / "project-j1"
    for args in (["status"], ["status", "--format", "json"], ["status", "--format", "csv"],
                 ["status", "--format", "markdown"], ["status", "--passages"], ["check"],
                 ["check", "--strict"], ["fmt", "--check"], ["extract", "--check"]):
        done = _run(args, work)
        out = done.stdout + b"\0" + done.stderr
        lines.append(f"{_digest(out)}  {' '.join(args)}: exit {done.returncode}")
    return lines


#: A line of :func:`real_po_lines` (its catalogs are ``.po`` files; the pipeline's own
#: ``fmt --check`` line is not one).
REAL_PO_LINE = re.compile(r"(status --format json|check --format json|compile|fmt) \S+\.po: ")


def real_po_lines(tmp: Path) -> list[str]:
    """``fmt``, ``status --format json`` and ``compile`` on the shared real catalogs."""
    if not REAL_PO.is_dir():
        return []
    lines: list[str] = []
    for po in sorted(REAL_PO.rglob("*.po")):
        name = po.relative_to(REAL_PO).as_posix()
        stem = po.name.split(".")[0]
        lang = po.name.split(".")[1]
        work = tmp / "real" / name.replace("/", "_")
        cat_dir = work / "locales" / lang / "LC_MESSAGES"
        cat_dir.mkdir(parents=True)
        (work / "pyproject.toml").write_text("[tool.appeal-i18n]\n", encoding="utf-8")
        (work / "source").mkdir()
        (work / "source" / f"{stem}.md").write_text("# x\n", encoding="utf-8")
        target = cat_dir / f"{stem}.po"
        shutil.copyfile(po, target)
        status = _run(["status", "--format", "json"], work)
        out = status.stdout.replace(str(work).encode(), b"<project>")
        out += b"\0" + status.stderr.replace(str(work).encode(), b"<project>")
        lines.append(f"{_digest(out)}  status --format json {name}: exit {status.returncode}")
        checked = _run(["check", "--format", "json"], work)
        out = (checked.stdout + b"\0" + checked.stderr).replace(str(work).encode(), b"<project>")
        lines.append(f"{_digest(out)}  check --format json {name}: exit {checked.returncode}")
        compiled = _run(["compile"], work)
        mo = target.with_suffix(".mo")
        mo_digest = _digest(mo.read_bytes()) if mo.exists() else "-"
        lines.append(f"{mo_digest}  compile {name}: exit {compiled.returncode}")
        fmt = _run(["fmt", str(target)], work)
        lines.append(f"{_digest(target.read_bytes())}  fmt {name}: exit {fmt.returncode}")
    return lines


def manifest(*, skip_pdf: bool = False, real: bool = True) -> list[str]:
    """Every line, in a fixed order."""
    with tempfile.TemporaryDirectory(prefix="same-bytes-") as name:
        tmp = Path(name)
        lines = pipeline_lines(tmp, skip_pdf=skip_pdf)
        if real:
            lines += real_po_lines(tmp)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="FILE")
    mode.add_argument("--check", type=Path, metavar="FILE")
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args(argv)
    lines = manifest(skip_pdf=args.skip_pdf)
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} lines to {args.write}")
        return 0
    expected = args.check.read_text(encoding="utf-8").splitlines()
    if args.skip_pdf:
        expected = [line for line in expected if not line.endswith(".pdf")]
    if not REAL_PO.is_dir():  # the shared real catalogs' lines cannot be made here
        expected = [line for line in expected if not REAL_PO_LINE.match(line.split("  ", 1)[1])]
    missing = sorted(set(expected) - set(lines))
    extra = sorted(set(lines) - set(expected))
    for line in missing:
        print(f"- {line}")
    for line in extra:
        print(f"+ {line}")
    if missing or extra:
        print(f"{len(missing)} expected lines differ", file=sys.stderr)
        return 1
    print(f"all {len(lines)} lines the same")
    return 0


if __name__ == "__main__":
    sys.exit(main())
