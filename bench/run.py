"""Benchmark appeal-i18n against GNU gettext and po4a at campaign scale.

Usage: ``python bench/run.py [--quick] [--only NAME[,NAME...]] [--runs N]``

Generates the workloads into ``bench/work/`` (see :mod:`workloads`), then times every
command as a whole process: wall time (median of the runs), CPU time (user + system) and
peak memory (max RSS of the process and its children, from ``wait4`` in a small launcher).
Our runs and the reference tool's runs alternate, so that both see the same machine load,
and each ratio compares medians from the same run of this script. Nothing here is a test:
no assertion on the figures; the targets of issue 8 are printed beside them.

``--quick`` takes fewer runs and skips msgmerge on the 50,000-entry catalog (minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import workloads  # noqa: E402

ROOT = workloads.ROOT
BIN = Path(sys.executable).parent
APP = str(BIN / "appeal-i18n")
# Users' Python keeps compiled bytecode; a PYTHONDONTWRITEBYTECODE left in the environment
# would make every run recompile the package and measure the compiler instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_COLOR"] = "1"


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mib: float


# Linux counts in a process's peak RSS the memory of the process it was forked from, up to
# its exec: a command started straight from this script (which holds the big workloads'
# figures) would report this script's size. So a small launcher forks, execs and waits for
# the command, and reports the command's own wall time, CPU time and peak RSS (children
# included); the launcher's own ~8 MiB is the floor of what can be measured.
LAUNCHER = """
import os, sys, time
fd, cwd, shell, *cmd = sys.argv[1:]
if shell == "1":
    cmd = ["/bin/sh", "-c", cmd[0]]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.chdir(cwd)
    os.execvpe(cmd[0], cmd, os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(int(fd), f"{os.waitstatus_to_exitcode(status)} {wall} "
            f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}".encode())
"""


def run_once(cmd: Sequence[str] | str, cwd: Path, prepare: Callable[[], None] | None = None,
             ok: Sequence[int] = (0,)) -> Sample:
    """Run one command; return its wall time, CPU time and peak RSS (children included)."""
    if prepare is not None:
        prepare()
    shell = isinstance(cmd, str)
    args = [cmd] if isinstance(cmd, str) else list(cmd)
    reader, writer = os.pipe()
    proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(writer), str(cwd),
                             "1" if shell else "0", *args], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            pass_fds=(writer,))
    os.close(writer)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.wait()
    with os.fdopen(reader, "rb") as answer:
        code, wall, cpu, rss = answer.read().split()
    if int(code) not in ok:
        raise SystemExit(f"command failed ({int(code)}): {cmd}\n{err.decode()[-2000:]}")
    return Sample(float(wall), float(cpu), int(rss) / 1024)


@dataclass
class Result:
    name: str
    ours: list[Sample]
    theirs: list[Sample]
    tool: str
    target: float | None  # max ratio of wall medians
    note: str = ""

    @staticmethod
    def med(samples: list[Sample], attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in samples)


def compare(name: str, ours: Sequence[str] | str, theirs: Sequence[str] | str | None,
            *, tool: str, cwd: Path, runs: int, target: float | None,
            prepare: Callable[[], None] | None = None, their_runs: int | None = None,
            ok: Sequence[int] = (0,)) -> Result:
    """Warm up once, then alternate our runs and the reference tool's."""
    print(f"  {name}: ", end="", flush=True)
    run_once(ours, cwd, prepare, ok)
    mine: list[Sample] = []
    other: list[Sample] = []
    their_runs = runs if their_runs is None else their_runs
    for i in range(max(runs, their_runs)):
        if i < runs:
            mine.append(run_once(ours, cwd, prepare, ok))
        if theirs is not None and i < their_runs:
            other.append(run_once(theirs, cwd, prepare))
        print(".", end="", flush=True)
    print()
    return Result(name, mine, other, tool, target)


# -- fill quality -----------------------------------------------------------------------------


def fill_quality(merged: Path, old_po: Path, truth_path: Path) -> dict[str, int]:
    """Of the edited template messages: filled from their true previous text, from another one."""
    sys.path.insert(0, str(ROOT / "src"))
    from appeal_i18n.pofile import parse_po

    old = parse_po(old_po.read_bytes(), path=str(old_po), check=False)
    new = parse_po(merged.read_bytes(), path=str(merged), check=False)
    truth = {tuple(json.loads(k)): v for k, v in json.loads(truth_path.read_text()).items()}
    source_of = {}
    for e in old.entries:
        if not e.obsolete:
            source_of[(e.msgctxt, e.msgid)] = e
    right = wrong = 0
    usable = 0
    for key, previous in truth.items():
        source = source_of[(key[0], previous)]
        if source.msgstr:
            usable += 1
    by_key = {(e.msgctxt, e.msgid): e for e in new.entries if not e.obsolete}
    for key, previous in truth.items():
        entry = by_key[key]
        if not entry.msgstr:
            continue
        if entry.msgstr == source_of[(key[0], previous)].msgstr:
            right += 1
        else:
            wrong += 1
    return {"edited": len(truth), "with_source": usable, "right": right, "wrong": wrong}


# -- report -----------------------------------------------------------------------------------


def fmt_row(r: Result) -> str:
    ow, oc, om = (Result.med(r.ours, a) for a in ("wall", "cpu", "rss_mib"))
    if r.theirs:
        tw, tc, tm = (Result.med(r.theirs, a) for a in ("wall", "cpu", "rss_mib"))
        ratio = ow / tw
        verdict = "" if r.target is None else ("MET" if ratio <= r.target else "MISSED")
        target = "" if r.target is None else f"<= {r.target:g}x"
        return (f"| {r.name} | {ow:.3f} s / {oc:.3f} s / {om:.0f} MiB | {r.tool}: {tw:.3f} s / "
                f"{tc:.3f} s / {tm:.0f} MiB | {ratio:.3f}x | {om / tm:.2f}x | {target} "
                f"{verdict} |")
    verdict = "" if r.target is None else ("MET" if ow <= r.target else "MISSED")
    target = "" if r.target is None else f"<= {r.target * 1000:.0f} ms"
    return (f"| {r.name} | {ow:.3f} s / {oc:.3f} s / {om:.0f} MiB | {r.note} | | | {target} "
            f"{verdict} |")


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    tools = []
    for tool, args in (("msgfmt", ["msgfmt", "--version"]), ("po4a", ["po4a", "--version"])):
        if shutil.which(tool):
            out = subprocess.run(args, capture_output=True, text=True).stdout.splitlines()
            tools.append(out[0].strip() if out else tool)
    return (f"nproc {os.cpu_count()}, {cpu or platform.machine()}, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}; "
            f"{'; '.join(tools)}; load average at start {load:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs; no 50k msgmerge")
    parser.add_argument("--runs", type=int, default=None, help="runs of each fast command")
    parser.add_argument("--only", default="", help="comma-separated workload names")
    parser.add_argument("--gnu-runs", type=int, default=None,
                        help="runs of msgmerge (default 3, 1 with --quick)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    slow_runs = args.gnu_runs or (1 if args.quick else 3)
    only = {x for x in args.only.split(",") if x}

    def wanted(name: str) -> bool:
        return not only or any(name.startswith(o) for o in only)

    gnu = shutil.which("msgfmt") is not None
    po4a = shutil.which("po4a") is not None
    print(f"machine: {machine()}")
    made = workloads.generate_all(log=lambda m: print(m, flush=True))
    results: list[Result] = []
    quality: dict[str, dict[str, dict[str, int]]] = {}
    equal_mo: bool | None = None

    # -- start-up --------------------------------------------------------------------------
    if wanted("startup"):
        r = compare("startup: --version", [APP, "--version"], None, tool="", cwd=ROOT,
                    runs=runs * 2, target=0.060)
        base = compare("(python -c pass)", [sys.executable, "-c", "pass"], None, tool="",
                       cwd=ROOT, runs=runs * 2, target=None)
        r.note = f"bare interpreter: {Result.med(base.ours, 'wall') * 1000:.0f} ms"
        results.append(r)
        r = compare("startup: status (this project)", [APP, "status"], None, tool="",
                    cwd=ROOT, runs=runs * 2, target=0.150)
        r.note = "exit 0 or 1"
        results.append(r)
        results[-1].ours = results[-1].ours  # keep
    # -- status ----------------------------------------------------------------------------
    loop = 'for f in {}; do msgfmt --statistics -o /dev/null "$f" 2>/dev/null; done'
    if wanted("status"):
        folder = made["langs100"]
        results.append(compare(
            "status: 100 languages x letter", [APP, "status"],
            loop.format("locales/*/LC_MESSAGES/letter.po") if gnu else None,
            tool="msgfmt --statistics loop", cwd=folder, runs=runs, target=0.5, ok=(0, 1)))
        folder = made["letters1000"]
        results.append(compare(
            "status: 1,000 letters x 1 language", [APP, "status"],
            loop.format("locales/uk/LC_MESSAGES/*.po") if gnu else None,
            tool="msgfmt --statistics loop", cwd=folder, runs=runs, target=0.5, ok=(0, 1)))
        for name in ("cat50k", "cat20k"):
            folder = made[name]
            results.append(compare(
                f"status: {name[3:]} catalog", [APP, "status", "catalog.po"],
                ["msgfmt", "--statistics", "-o", "/dev/null", "catalog.po"] if gnu else None,
                tool="msgfmt --statistics", cwd=folder, runs=runs, target=0.5, ok=(0, 1)))
    # -- compile ---------------------------------------------------------------------------
    if wanted("compile"):
        folder = made["cat50k"]
        results.append(compare(
            "compile: 50k catalog", [APP, "compile"],
            ["msgfmt", "-o", "gnu.mo", "locales/uk/LC_MESSAGES/catalog.po"] if gnu else None,
            tool="msgfmt", cwd=folder, runs=runs, target=1.0))
        if gnu:
            equal_mo = ((folder / "gnu.mo").read_bytes()
                        == (folder / "locales/uk/LC_MESSAGES/catalog.mo").read_bytes())
    # -- update ----------------------------------------------------------------------------
    for name in ("cat20k", "cat50k"):
        if not wanted(f"update-{name}") and not wanted("update"):
            continue
        folder = made[name]

        def prepare(folder: Path = folder) -> None:
            shutil.copyfile(folder / "catalog.po", folder / "ours.po")

        skip_gnu = not gnu or (args.quick and name == "cat50k")
        theirs = ["msgmerge", "--quiet", "--previous", "-o", "gnu.po", "catalog.po",
                  "template.pot"]
        results.append(compare(
            f"update: {name[3:]} catalog (fuzzy)",
            [APP, "update", "--pot", "template.pot", "ours.po"],
            None if skip_gnu else theirs, tool="msgmerge --previous", cwd=folder,
            runs=max(3, runs // 2), their_runs=slow_runs, target=0.1, prepare=prepare))
        q = {"appeal-i18n": fill_quality(folder / "ours.po", folder / "catalog.po",
                                         folder / "truth.json")}
        if not skip_gnu:
            q["msgmerge"] = fill_quality(folder / "gnu.po", folder / "catalog.po",
                                         folder / "truth.json")
        quality[name] = q
    # -- all -------------------------------------------------------------------------------
    if wanted("all"):
        folder = made["langs100"]
        pfolder = made["langs100-po4a"]
        results.append(compare(
            "all: 100 languages (md, txt, html)",
            [APP, "all", "--format", "html,md,txt"], None, tool="po4a", cwd=folder,
            runs=max(3, runs // 2), target=0.5, ok=(0, 4)))
        if po4a:
            other = compare("  po4a (update + Markdown)", ["po4a", "--keep", "0", "-q",
                                                          "po4a.cfg"],
                            None, tool="", cwd=pfolder, runs=max(3, runs // 2), target=None)
            results[-1].theirs = other.ours
            results[-1].tool = "po4a full run (Markdown)"

    # -- print -----------------------------------------------------------------------------
    lines = [f"Machine: {machine()}", "",
             "Medians: wall / CPU (user+sys) / peak RSS. Ratio = our wall / theirs.", "",
             "| workload | appeal-i18n | reference | wall ratio | memory ratio | target |",
             "|---|---|---|---|---|---|"]
    lines += [fmt_row(r) for r in results]
    if equal_mo is not None:
        lines.append(f"\nMO of the 50k catalog equal to msgfmt's: {equal_mo}")
    for name, q in quality.items():
        lines.append(f"\nFill quality, {name} ({q['appeal-i18n']['edited']} edited msgids, "
                     f"{q['appeal-i18n']['with_source']} whose previous text was translated):")
        for tool, figures in q.items():
            lines.append(f"- {tool}: {figures['right']} filled from their true previous text, "
                         f"{figures['wrong']} from another message")
        if "msgmerge" in q:
            share = q["appeal-i18n"]["right"] / max(1, q["msgmerge"]["right"])
            lines.append(f"- right fills vs msgmerge: {share:.1%} (target >= 95%); wrong fills "
                         f"{q['appeal-i18n']['wrong']} vs {q['msgmerge']['wrong']} (target: fewer)")
    text = "\n".join(lines)
    print()
    print(text)
    if args.json:
        args.json.write_text(json.dumps({
            "results": [{"name": r.name, "tool": r.tool, "target": r.target,
                         "ours": [vars(s) for s in r.ours],
                         "theirs": [vars(s) for s in r.theirs]} for r in results],
            "quality": quality, "equal_mo": equal_mo}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
