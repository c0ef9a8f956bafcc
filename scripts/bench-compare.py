#!/usr/bin/env python3
"""`make bench-compare BASE=REF`: has the check become slower than it was at an earlier commit?

Builds `textgate` at REF (a git worktree under the scratch directory, release, the Swift runtime
linked in, as `make bench` builds) beside the current tree's, and runs both end to end on the same
rules (REF's `rules/` unless RULES names a directory) and the same input: the SMS Spam Collection
repeated to about 50 MB, one message per line, through
`taskset -c CPU textgate check --rules RULES --lines FILE --format jsonl > /dev/null`. Each round
runs both, in an order that turns from round to round, and times each as its CPU time (user and
system, from `wait4`), so that a change in the machine's load falls on both alike. The answer is the
median of the rounds' time ratios; the section it writes to BENCHMARKS.md (between its markers; the
rest of the file is kept) also says what each side decided, since newer code may find more.

ALSO names more commits to build and time in the same rounds, each against the base too: a commit
between the base and today shows which stretch of history a change in speed came from.
"""
import argparse, collections, json, os, platform, shutil, statistics, subprocess, sys, tempfile, time

START, END = "<!-- bench-compare:start -->", "<!-- bench-compare:end -->"


def log(message):
    print("bench-compare: " + message, file=sys.stderr, flush=True)


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def build(tree, scratch):
    """Builds `textgate` in `tree` with `scratch` as its build directory; the binary's path."""
    flags = ["-c", "release", "--static-swift-stdlib", "--scratch-path", scratch]
    run(["swift", "build", *flags, "--product", "textgate"], cwd=tree, stdout=sys.stderr)
    out = run(["swift", "build", *flags, "--show-bin-path"], cwd=tree, capture_output=True, text=True).stdout
    return os.path.join(out.strip(), "textgate")


def lines_file(corpus, megabytes, path):
    """The corpus's messages (header skipped), repeated to at least `megabytes`, one per line."""
    with open(corpus, encoding="utf-8", errors="surrogateescape") as f:
        messages = [line.rstrip("\n").split("\t", 1)[-1] for line in list(f)[1:]]
    one = "".join(m + "\n" for m in messages).encode("utf-8", errors="surrogateescape")
    copies = max(1, -(-megabytes * 1_000_000 // len(one)))
    with open(path, "wb") as f:
        for _ in range(copies):
            f.write(one)
    return len(messages) * copies, copies * len(one)


def timed(binary, rules, lines, cpu):
    """One run's CPU time in seconds; exit status 1 (findings) is expected, others are not."""
    pid = os.posix_spawn("/usr/bin/taskset", ["taskset", "-c", str(cpu), binary, "check", "--rules", rules,
                                              "--lines", lines, "--format", "jsonl"], os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"bench-compare: {binary} exited {code}")
    return usage.ru_utime + usage.ru_stime


def decisions(binary, rules, corpus_lines):
    """Decisions and findings of one copy of the corpus."""
    out = subprocess.run([binary, "check", "--rules", rules, "--lines", corpus_lines, "--format", "jsonl"],
                         capture_output=True, text=True).stdout
    tally = collections.Counter()
    for line in out.splitlines():
        record = json.loads(line)
        tally[record.get("decision", "error")] += 1
        tally["findings"] += len(record.get("findings", []))
    return tally


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
    return f"{platform.system()} {platform.machine()}; {model}; {os.cpu_count()} cores online"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True, help="the commit to compare with")
    p.add_argument("--rules", help="the rules both run (default: the base commit's rules/)")
    p.add_argument("--also", action="append", default=[], help="another commit to time against the base (repeatable)")
    p.add_argument("--corpus", default="fixtures/corpus/sms-spam-collection.tsv")
    p.add_argument("--repeat-mb", type=int, default=50)
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--cpu", type=int, default=0)
    p.add_argument("--scratch", default=".build-compare", help="where the base is checked out and built")
    p.add_argument("--current-scratch", default=".build-bench", help="the current tree's build directory")
    p.add_argument("--out", default="BENCHMARKS.md")
    a = p.parse_args()

    git = lambda *args: run(["git", *args], capture_output=True, text=True).stdout.strip()
    base = git("rev-parse", "--short", a.base + "^{commit}")
    subject = git("log", "-1", "--format=%s", base)
    scratch = os.path.abspath(a.scratch)
    tree = os.path.join(scratch, "tree-" + base)
    if not os.path.isdir(tree):
        os.makedirs(scratch, exist_ok=True)
        log(f"checking out {base} in {tree}")
        run(["git", "worktree", "add", "--detach", "--force", tree, base], stdout=sys.stderr)
    log(f"building {base}")
    old = build(tree, os.path.join(scratch, "build"))
    # Each other commit in its own worktree and build directory, so a rerun builds nothing again.
    also = []
    for ref in a.also:
        commit = git("rev-parse", "--short", ref + "^{commit}")
        other = os.path.join(scratch, "tree-" + commit)
        if not os.path.isdir(other):
            log(f"checking out {commit} in {other}")
            run(["git", "worktree", "add", "--detach", "--force", other, commit], stdout=sys.stderr)
        log(f"building {commit}")
        also.append((commit, git("log", "-1", "--format=%s", commit), build(other, os.path.join(scratch, "build-" + commit))))
    log("building the current tree")
    new = build(os.getcwd(), os.path.abspath(a.current_scratch))
    # The commit and changes the current build was made from: read once it is built, not at the
    # start, since the other builds take long enough for the tree to move on meanwhile. The file
    # this writes does not count: it changes with every benchmark run.
    head = git("rev-parse", "--short", "HEAD")
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!" + a.out) else ""

    work = tempfile.mkdtemp(prefix="textgate-compare-")
    try:
        if a.rules:
            rules, rules_name = os.path.abspath(a.rules), f"`{a.rules}`"
        else:
            archive = subprocess.run(["git", "archive", base, "rules"], check=True, capture_output=True).stdout
            run(["tar", "-x", "-C", work], input=archive)
            rules, rules_name = os.path.join(work, "rules"), f"`rules/` of {base}"
        lines = os.path.join(work, "lines.txt")
        count, size = lines_file(a.corpus, a.repeat_mb, lines)
        one = os.path.join(work, "one.txt")
        lines_file(a.corpus, 0, one)
        load_before = os.getloadavg()
        log(f"{a.rounds} rounds of every build on {count:,} messages")
        binaries = [old, *(b for _, _, b in also), new]
        names = {old: "base", new: "current", **{b: commit for commit, _, b in also}}
        times = {b: [] for b in binaries}
        ratios = {b: [] for b in binaries[1:]}
        for b in binaries:
            timed(b, rules, one, a.cpu)  # warm the page cache
        for r in range(a.rounds):
            this = {}
            # The order turns each round, so no build always runs first or last.
            for b in binaries[r % len(binaries):] + binaries[:r % len(binaries)]:
                this[b] = timed(b, rules, lines, a.cpu)
                times[b].append(this[b])
            for b in binaries[1:]:
                ratios[b].append(this[b] / this[old])
            log(f"round {r + 1}: " + ", ".join(f"{names[b]} {this[b]:.3f} s" for b in binaries))
        tallies = {b: decisions(b, rules, one) for b in binaries}
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def verdict(ratio):
        return "no slower" if ratio <= 1.0 else f"{(ratio - 1) * 100:.0f} % slower"
    ratio = statistics.median(ratios[new])
    def row(name, b, ref):
        t = times[b]
        s = tallies[b]
        return (f"| {name} (`{ref}`) | {statistics.median(t):.3f} ({min(t):.3f}–{max(t):.3f}) | "
                f"{count / statistics.median(t):,.0f} | {s['allow']:,} / {s['warn']:,} / {s['block']:,} | {s['findings']:,} |")
    section = "\n".join([
        START, "",
        "## Against an earlier commit (`make bench-compare`)", "",
        "The current tree's `textgate check` against the one built at an earlier commit, on the same rules and",
        "input, end to end (process start, rules load, reading the file and writing JSON Lines included).", "",
        "| | |", "|---|---|",
        f"| Command | `make bench-compare BASE={a.base}{' ALSO=' + chr(34) + ' '.join(a.also) + chr(34) if a.also else ''}` ({a.rounds} rounds, each running every build, in turns) |",
        f"| Date | {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} |",
        f"| Machine | {machine()}; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; pinned to CPU {a.cpu} |",
        f"| Base | `{base}` {subject} |",
        *(f"| Also | `{commit}` {subject} |" for commit, subject, _ in also),
        f"| Current | `{head}`{dirty} |",
        f"| Rules | {rules_name} |",
        f"| Input | {count:,} messages, {size / 1e6:.1f} MB (the corpus repeated, one message per line) |", "",
        "| Build | CPU seconds, median (min–max) | Messages/s | Allow / warn / block (one copy) | Findings (one copy) |",
        "|---|---:|---:|---:|---:|",
        row("Base", old, base), *(row("Also", b, commit) for commit, _, b in also), row("Current", new, head), "",
        *(f"Per-round time ratios, `{commit}` to base: {', '.join(f'{x:.3f}' for x in ratios[b])}; median "
          f"**{statistics.median(ratios[b]):.3f}**: `{commit}` is {verdict(statistics.median(ratios[b]))} on these rules.\n"
          for commit, _, b in also),
        f"Per-round time ratios, current to base: {', '.join(f'{x:.3f}' for x in ratios[new])}; median **{ratio:.3f}**: "
        f"the current check is {verdict(ratio)} on these rules.", "",
        END])
    text = open(a.out).read() if os.path.exists(a.out) else ""
    if START in text and END in text:
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    log(f"median ratio {ratio:.3f} ({verdict(ratio)}); wrote {a.out}")


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as e:
        command = " ".join(e.cmd) if isinstance(e.cmd, list) else str(e.cmd)
        detail = (e.stderr or b"").decode(errors="replace").strip() if isinstance(e.stderr, bytes) else (e.stderr or "").strip()
        raise SystemExit(f"bench-compare: `{command}` failed (exit {e.returncode})" + (f": {detail}" if detail else ""))
