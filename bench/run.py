"""Benchmark appeal-i18n against GNU gettext and po4a at campaign scale.

Usage: ``python bench/run.py [--quick] [--only NAME[,NAME...]] [--runs N] [--gnu-runs N]
[--app PATH ...] [--json FILE]``

Generates the workloads into ``bench/work/`` (see :mod:`workloads`), then times every
command as a whole process: wall time (median of the runs), CPU time (user + system) and
peak memory (max RSS of the process and its children, from ``wait4`` in a small launcher).
As issue 13 asks, every command, ours and the reference tools', runs pinned to one core
(``taskset -c 0``), except ``all`` and po4a's full run, which may use both cores. Each
tool's runs and the reference tool's alternate, so that all see the same machine load, and
each ratio compares medians from the same run of this script. Nothing here is a test: no
assertion on the figures; the targets of issue 13 are printed beside them, MET or NOT MET.

``--app PATH`` (repeatable) names the ``appeal-i18n`` executable(s) to measure, by default
this checkout's venv's; given twice (say an older checkout's and this one's), both are
measured in the same run, each in its own copy of the workloads it writes to.

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
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import workloads  # noqa: E402

ROOT = workloads.ROOT
DEFAULT_APP = Path(sys.executable).parent / "appeal-i18n"
PIN = ["taskset", "-c", "0"]
# Users' Python keeps compiled bytecode; a PYTHONDONTWRITEBYTECODE left in the environment
# would make every run recompile the package and measure the compiler instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_COLOR"] = "1"

# Issue 13's targets. Ratios are of wall-time medians against the reference tool.
T_VERSION = 0.060          # s, `appeal-i18n --version`
T_STATUS_START = 0.200     # s, `status` on this project
T_STATUS = 1.0             # x msgfmt --statistics (50k catalog; loop over 100 languages)
T_COMPILE = 1.5            # x msgfmt, and the MO equal to msgfmt's
T_UPDATE = {"cat20k": 0.15, "cat50k": 0.1}   # x msgmerge --previous
T_RIGHT_FILLS = 0.95       # of msgmerge's fills from the true previous text, at least
T_ALL = 0.5                # x po4a's full run (both cores)
T_LAYER_LINES = 3400       # wc -l of the PO and MO layer
LAYER = ("pofile", "mofile.py", "merge.py", "coverage.py", "locales.py")


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
fd, cwd, *cmd = sys.argv[1:]
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


@dataclass
class Side:
    """One command of a row: a tool's (one per --app) or the reference tool's."""

    label: str
    cmd: Sequence[str] | str  # a string runs through /bin/sh
    cwd: Path
    runs: int
    pinned: bool = True
    prepare: Callable[[], object] | None = None
    ok: Sequence[int] = (0,)
    warm: bool = True  # run once before the measured runs (not msgmerge: minutes)
    samples: list[Sample] = field(default_factory=list)

    def argv(self) -> list[str]:
        argv = ["/bin/sh", "-c", self.cmd] if isinstance(self.cmd, str) else list(self.cmd)
        return PIN + argv if self.pinned else argv

    def run_once(self) -> Sample:
        """Run the command once; its wall time, CPU time and peak RSS (children included)."""
        if self.prepare is not None:
            self.prepare()
        reader, writer = os.pipe()
        proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(writer),
                                 str(self.cwd), *self.argv()], env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                pass_fds=(writer,))
        os.close(writer)
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.wait()
        with os.fdopen(reader, "rb") as answer:
            code, wall, cpu, rss = answer.read().split()
        if int(code) not in self.ok:
            raise SystemExit(f"command failed ({int(code)}): {self.argv()} in {self.cwd}\n"
                             f"{err.decode()[-2000:]}")
        return Sample(float(wall), float(cpu), int(rss) / 1024)

    def med(self, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)


@dataclass
class Row:
    """A workload: our tools' sides, the reference's (if measured) and the target."""

    name: str
    ours: list[Side]
    theirs: Side | None
    target: float | None  # a wall ratio with a reference, else seconds
    missing: str = ""  # why the reference was not measured
    checks: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)  # by app label
    note: str = ""


def measure(row: Row) -> Row:
    """Warm each side up once (but msgmerge), then alternate the runs of every side."""
    print(f"  {row.name}: ", end="", flush=True)
    sides = row.ours + ([row.theirs] if row.theirs is not None else [])
    for side in sides:
        if side.warm:
            side.run_once()
    for i in range(max(s.runs for s in sides)):
        for side in sides:
            if i < side.runs:
                side.samples.append(side.run_once())
        print(".", end="", flush=True)
    print()
    return row


# -- output checks ----------------------------------------------------------------------------


def fill_quality(merged: Path, old_po: Path, truth_path: Path) -> dict[str, int]:
    """Of the edited template messages: filled from their true previous text, from another one."""
    sys.path.insert(0, str(ROOT / "src"))
    from appeal_i18n.pofile import parse_po

    old = parse_po(old_po.read_bytes(), path=str(old_po), check=False)
    new = parse_po(merged.read_bytes(), path=str(merged), check=False)
    truth = {tuple(json.loads(k)): v for k, v in json.loads(truth_path.read_text()).items()}
    source_of = {(e.msgctxt, e.msgid): e for e in old.entries if not e.obsolete}
    by_key = {(e.msgctxt, e.msgid): e for e in new.entries if not e.obsolete}
    usable = right = wrong = 0
    for key, previous in truth.items():
        source = source_of[(key[0], previous)]
        usable += bool(source.msgstr)
        entry = by_key[key]
        if entry.msgstr:
            if entry.msgstr == source.msgstr:
                right += 1
            else:
                wrong += 1
    return {"edited": len(truth), "with_source": usable, "right": right, "wrong": wrong}


def quality_checks(ours: dict[str, int], gnu: dict[str, int]) -> list[tuple[str, bool]]:
    share = ours["right"] / max(1, gnu["right"])
    return [(f"right fills {ours['right']} = {share:.1%} of msgmerge's {gnu['right']} "
             f"(>= {T_RIGHT_FILLS:.0%})", share >= T_RIGHT_FILLS),
            (f"wrong fills {ours['wrong']} vs msgmerge's {gnu['wrong']} (no more)",
             ours["wrong"] <= gnu["wrong"])]


def layer_lines(package: Path | None) -> int | None:
    """``wc -l`` of the PO and MO layer of the package (None if it cannot be found)."""
    if package is None:
        return None
    files = sorted(str(p) for name in LAYER for p in
                   ((package / name).rglob("*.py") if name == "pofile" else [package / name])
                   if p.is_file())
    if not files:
        return None
    out = subprocess.run(["wc", "-l", *files], capture_output=True, text=True).stdout
    return int(out.split()[-2]) if len(files) > 1 else int(out.split()[0])


# -- the tools --------------------------------------------------------------------------------


@dataclass
class App:
    path: str
    label: str
    package: Path | None


def find_app(path: str) -> App:
    """The executable, its package folder (asked of its interpreter) and a label: its commit."""
    package = None
    try:
        first = Path(path).read_bytes().split(b"\n", 1)[0]
        if first.startswith(b"#!"):
            out = subprocess.run(
                [first[2:].decode().strip(), "-c",
                 "import appeal_i18n, os; print(os.path.dirname(appeal_i18n.__file__))"],
                capture_output=True, text=True)
            package = Path(out.stdout.strip()) if out.returncode == 0 else None
    except OSError:
        raise SystemExit(f"--app {path}: not found") from None
    label = path
    if package is not None:
        git = ["git", "-C", str(package)]
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run([*git, "status", "--porcelain", "--", "."],
                               capture_output=True, text=True).stdout.strip()
        if head:
            label = head + ("+changes" if dirty else "")
    return App(path, label, package)


def copy_for(app_index: int, folder: Path) -> Path:
    """A fresh copy of a workload for one tool to write in (tools could leave different files)."""
    copy = folder.with_name(f"{folder.name}.app{app_index}")
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(folder, copy, symlinks=True)
    return copy


# -- report -----------------------------------------------------------------------------------


def figures(side: Side) -> str:
    return (f"{side.med('wall'):.3f} s / {side.med('cpu'):.3f} s / "
            f"{side.med('rss_mib'):.0f} MiB")


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def fmt_rows(row: Row) -> list[str]:
    lines = []
    for side in row.ours:
        wall = side.med("wall")
        checks = row.checks.get(side.label, [])
        extra = "".join(f"; {text} {verdict(ok)}" for text, ok in checks)
        if row.theirs is not None:
            ratio = wall / row.theirs.med("wall")
            memory = side.med("rss_mib") / row.theirs.med("rss_mib")
            reference = f"{row.theirs.label}: {figures(row.theirs)}"
            ratios = f"{ratio:.3f}x | {memory:.2f}x"
            target = ("(no target)" if row.target is None else
                      f"<= {row.target:g}x {verdict(ratio <= row.target)}")
        else:
            reference = row.missing or row.note
            ratios = " | "
            if row.target is None:
                target = "(no target)"
            elif row.missing:
                target = f"<= {row.target:g}x NOT MEASURED"
            else:
                target = f"<= {row.target * 1000:.0f} ms {verdict(wall <= row.target)}"
        lines.append(f"| {row.name} | {side.label} | {figures(side)} | {reference} | {ratios} "
                     f"| {target}{extra} |")
    return lines


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
    parser.add_argument("--only", default="", help="comma-separated workload names "
                        "(startup, status, compile, update, update-cat20k, update-cat50k, all)")
    parser.add_argument("--gnu-runs", type=int, default=None,
                        help="runs of msgmerge (default 3, 1 with --quick)")
    parser.add_argument("--app", action="append", default=None, metavar="PATH",
                        help=f"an appeal-i18n executable to measure (repeatable; default "
                             f"{DEFAULT_APP})")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    slow_runs = args.gnu_runs or (1 if args.quick else 3)
    only = {x for x in args.only.split(",") if x}

    def wanted(name: str) -> bool:
        return not only or any(name.startswith(o) for o in only)

    if shutil.which("taskset") is None:
        raise SystemExit("taskset not found (util-linux): the runs are pinned with taskset -c 0")
    apps = [find_app(str(Path(shutil.which(p) or p).resolve()))
            for p in (args.app or [str(DEFAULT_APP)])]
    if len({a.label for a in apps}) < len(apps):
        for i, a in enumerate(apps):
            a.label = f"{a.label} ({i + 1})"
    gnu = shutil.which("msgfmt") is not None
    po4a = shutil.which("po4a") is not None
    no_gnu = "GNU gettext not installed"
    print(f"machine: {machine()}")
    print("tools: " + "; ".join(f"{a.label} = {a.path}" for a in apps))
    made = workloads.generate_all(log=lambda m: print(m, flush=True))
    rows: list[Row] = []
    quality: dict[str, dict[str, dict[str, int]]] = {}

    def ours(cmd: Callable[[App], list[str]], folder: Path, n: int, *, copies: bool = False,
             pinned: bool = True, ok: Sequence[int] = (0,)) -> list[Side]:
        """One side per tool, in the workload's folder or (``copies``) in its own copy of it."""
        return [Side(a.label, cmd(a), copy_for(i, folder) if copies else folder, n,
                     pinned=pinned, ok=ok) for i, a in enumerate(apps)]

    # -- start-up --------------------------------------------------------------------------
    if wanted("startup"):
        base = measure(Row("(python -c pass)", [Side("python", [sys.executable, "-c", "pass"],
                                                     ROOT, runs * 2)], None, None))
        rows.append(measure(Row(
            "startup: --version", ours(lambda a: [a.path, "--version"], ROOT, runs * 2),
            None, T_VERSION, note=f"bare interpreter: {base.ours[0].med('wall') * 1000:.0f} ms")))
        rows.append(measure(Row(
            "startup: status (this project)",
            ours(lambda a: [a.path, "status"], ROOT, runs * 2, ok=(0, 1)), None,
            T_STATUS_START, note="exit 0 or 1")))
    # -- status ----------------------------------------------------------------------------
    loop = 'for f in {}; do msgfmt --statistics -o /dev/null "$f" 2>/dev/null; done'
    if wanted("status"):
        for name, what, files, target in (
                ("langs100", "100 languages x letter", "locales/*/LC_MESSAGES/letter.po",
                 T_STATUS),
                ("letters1000", "1,000 letters x 1 language", "locales/uk/LC_MESSAGES/*.po",
                 None)):
            folder = made[name]
            rows.append(measure(Row(
                f"status: {what}", ours(lambda a: [a.path, "status"], folder, runs, ok=(0, 1)),
                Side("msgfmt --statistics loop", loop.format(files), folder, runs)
                if gnu else None, target, missing="" if gnu else no_gnu)))
        for name, target in (("cat50k", T_STATUS), ("cat20k", None)):
            folder = made[name]
            rows.append(measure(Row(
                f"status: {name[3:]} catalog",
                ours(lambda a: [a.path, "status", "catalog.po"], folder, runs, ok=(0, 1)),
                Side("msgfmt --statistics", ["msgfmt", "--statistics", "-o", "/dev/null",
                                             "catalog.po"], folder, runs) if gnu else None,
                target, missing="" if gnu else no_gnu)))
    # -- compile ---------------------------------------------------------------------------
    if wanted("compile"):
        mo = "locales/uk/LC_MESSAGES/catalog.mo"
        row = measure(Row(
            "compile: 50k catalog",
            ours(lambda a: [a.path, "compile"], made["cat50k"], runs, copies=True),
            Side("msgfmt", ["msgfmt", "-o", "gnu.mo", "locales/uk/LC_MESSAGES/catalog.po"],
                 made["cat50k"], runs) if gnu else None, T_COMPILE,
            missing="" if gnu else no_gnu))
        if gnu:
            expected = (made["cat50k"] / "gnu.mo").read_bytes()
            for side in row.ours:
                row.checks[side.label] = [("MO equal to msgfmt's",
                                           (side.cwd / mo).read_bytes() == expected)]
        rows.append(row)
    # -- update ----------------------------------------------------------------------------
    for name in ("cat20k", "cat50k"):
        if not wanted(f"update-{name}"):
            continue
        sides = ours(lambda a: [a.path, "update", "--pot", "template.pot", "ours.po"],
                     made[name], max(3, runs // 2), copies=True)
        for side in sides:
            side.prepare = partial(shutil.copyfile, side.cwd / "catalog.po", side.cwd / "ours.po")
        run_gnu = gnu and not (args.quick and name == "cat50k")
        row = measure(Row(
            f"update: {name[3:]} catalog (fuzzy)", sides,
            Side("msgmerge --previous", ["msgmerge", "--quiet", "--previous", "-o", "gnu.po",
                                         "catalog.po", "template.pot"], made[name], slow_runs,
                 warm=False) if run_gnu else None, T_UPDATE[name],
            missing="" if run_gnu else ("msgmerge skipped (--quick)" if gnu else no_gnu)))

        merged = {s.label: s.cwd / "ours.po" for s in sides}
        if run_gnu:
            merged["msgmerge"] = made[name] / "gnu.po"
        q = quality[name] = {label: fill_quality(po, made[name] / "catalog.po",
                                                 made[name] / "truth.json")
                             for label, po in merged.items()}
        if run_gnu:
            for side in sides:
                row.checks[side.label] = quality_checks(q[side.label], q["msgmerge"])
        rows.append(row)
    # -- all (both cores, not pinned) ------------------------------------------------------
    if wanted("all"):
        n = max(3, runs // 2)
        rows.append(measure(Row(
            "all: 100 languages (md, txt, html), both cores",
            ours(lambda a: [a.path, "all", "--format", "html,md,txt"], made["langs100"], n,
                 copies=True, pinned=False, ok=(0, 4)),
            Side("po4a full run (update + Markdown)", ["po4a", "--keep", "0", "-q", "po4a.cfg"],
                 made["langs100-po4a"], n, pinned=False) if po4a else None, T_ALL,
            missing="" if po4a else "po4a not installed (apt-get install po4a)")))

    # -- print -----------------------------------------------------------------------------
    lines = [f"Machine: {machine()}", "",
             "Medians: wall / CPU (user+sys) / peak RSS. Ratio = our wall / theirs. Every "
             "command pinned to one core (taskset -c 0) except `all` and po4a.", "",
             "| workload | tool | appeal-i18n | reference | wall ratio | memory ratio | target |",
             "|---|---|---|---|---|---|---|"]
    for row in rows:
        lines += fmt_rows(row)
    lines.append("")
    for app in apps:
        count = layer_lines(app.package)
        lines.append(f"PO and MO layer of {app.label} (wc -l of pofile/, mofile.py, merge.py, "
                     f"coverage.py, locales.py): " + ("not found" if count is None else
                     f"{count:,} lines, <= {T_LAYER_LINES:,} {verdict(count <= T_LAYER_LINES)}"))
    for name, q in quality.items():
        first = next(iter(q.values()))
        lines.append(f"\nFill quality, {name} ({first['edited']} edited msgids, "
                     f"{first['with_source']} whose previous text was translated):")
        for tool, counts in q.items():
            lines.append(f"- {tool}: {counts['right']} filled from their true previous text, "
                         f"{counts['wrong']} from another message")
        if "msgmerge" not in q:
            lines.append("- msgmerge not run: right and wrong fills NOT MEASURED")
    text = "\n".join(lines)
    print()
    print(text)
    if args.json:
        args.json.write_text(json.dumps({
            "tools": {a.label: a.path for a in apps},
            "layer_lines": {a.label: layer_lines(a.package) for a in apps},
            "rows": [{"name": r.name, "target": r.target, "checks": r.checks,
                      "sides": {s.label: [vars(x) for x in s.samples]
                                for s in r.ours + ([r.theirs] if r.theirs else [])}}
                     for r in rows],
            "quality": quality}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
