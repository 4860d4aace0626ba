#!/usr/bin/python3
"""Learn the weights of dramatis's attribution scorer from the shared corpus.

usage: scripts/train-attribution.py [--build DIR] [--shared DIR] [--rounds N]
                                    [--l2 X] [--excerpt-weight X] [--write]
                                    [--held-out] [--json FILE] [--keep DIR]

Every book of SHARED/corpus and SHARED/corpus-excerpts is read twice, with
its cast (tools/corpus-cast) and without, by build/attr_features, which
prints each quote's candidate speakers and their features (see
src/attribute/private/scoring.h).  The gold speaker of each quote
(quotation_info.csv, matched to candidates through character_info.csv's
aliases, as tools/score-attribution does) makes one training example; an
excerpt's quote counts --excerpt-weight times (3), a novel's once.  The
model is a conditional logit: a candidate's score is the weighted sum of
its features, the probability of each candidate the softmax of the scores
of the quote's candidates; weights maximise the log-probability of the
gold candidates less an L2 penalty (Newton's method).

Features that look back at decided turns depend on the weights that
decided them, so training goes in rounds: round 1 reads the books with the
hand-set START weights below, each later round with the previous round's.

--write      trains on every book and writes src/attribute/weights.c
--held-out   leave-one-book-out: for each book, trains on all the others
             (every round too), runs the real decision path with those
             weights on the held-out book and scores it with
             tools/score-attribution; prints the table beside the
             in-sample one.  Choose between designs by this figure.
--keep DIR   keeps each held-out script as DIR/BOOK.MODE.jsonl, to study
             the misses (score-attribution BOOK DIR/BOOK.cast.jsonl --errors N)

Regenerate the committed weights with:  scripts/train-attribution.py --write
Needs python3-numpy (scripts/install-deps.sh).
"""
import ast
import atexit
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import numpy as np

csv.field_size_limit(1 << 30)
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Hand-set weights the first round reads the books with (not fitted to data).
START = {
    "tag": 8.0, "pronoun": 2.0, "pronoun-near": 2.0, "pronoun-mismatch": -4.0,
    "pronoun-here": 0.5, "pronoun-subject": 0.5, "pronoun-turn": 0.5, "pronoun-last": -0.5,
    "next-speaker": -1.0, "next-turn-taking": 0.5, "noun": 3.0, "other": 1.0, "paragraph-tag": 4.0, "beat": 2.0,
    "beat-pronoun": 1.0, "lead": 3.0, "named-here": 0.5, "subject-before": 0.5,
    "addressed": -3.0, "mentioned": -1.0, "last-speaker": -2.0, "turn-taking": 1.5,
    "turn-taking-gap": 0.5, "same-paragraph": 4.0, "vocative": 2.0,
    "listener": 1.5, "named-ahead-even": 1.5, "named-ahead-odd": -1.5,
    "named-behind-even": 1.0, "named-behind-odd": -1.0, "recency": 1.0, "distance": -1.0,
    "salience": 0.5, "has-spoken": 0.3,
}


def norm(name):
    """The scorer's name normalisation (tools/score-attribution)."""
    if name is None:
        return ""
    name = name.lower().replace("_", " ")
    name = re.sub(r"[^\w\s-]", " ", name)
    return re.sub(r"\s+", " ", name).strip()


class Book:
    """A corpus book: its gold quotes and the alias table."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path.rstrip("/"))
        self.excerpt = "corpus-excerpts" in path
        self.alias_to_ids = defaultdict(set)
        with open(os.path.join(path, "character_info.csv"), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                try:
                    aliases = set(ast.literal_eval(row["Aliases"]))
                except (ValueError, SyntaxError):
                    aliases = set()
                aliases.add(row["Main Name"])
                for a in aliases:
                    self.alias_to_ids[norm(a)].add(row["Character ID"])
        self.spans = []   # (start, end, speaker, nonspeech)
        with open(os.path.join(path, "quotation_info.csv"), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                nonspeech = (row.get("quoteType") == "NonSpeech" or row["speaker"] == "_none")
                for a, e in ast.literal_eval(row["quoteByteSpans"]):
                    self.spans.append((a, e, row["speaker"], nonspeech))
        self.spans.sort()
        self.starts = [s[0] for s in self.spans]

    def gold(self, a, e):
        """The gold quote a segment [a, e) overlaps most: (speaker, nonspeech) or None."""
        import bisect
        i = bisect.bisect_right(self.starts, e)
        best, best_ov = None, 0
        for j in range(max(0, i - 50), i):
            s0, s1, spk, ns = self.spans[j]
            ov = min(s1, e) - max(s0, a)
            if ov > best_ov:
                best, best_ov = (spk, ns), ov
        return best

    def same(self, gold, name):
        return bool(self.alias_to_ids.get(norm(gold), set()) & self.alias_to_ids.get(norm(name), set()))


def books_of(shared):
    out = []
    for sub in ("corpus", "corpus-excerpts"):
        root = os.path.join(shared, sub)
        for b in sorted(os.listdir(root)):
            if os.path.isdir(os.path.join(root, b)):
                out.append(Book(os.path.join(root, b)))
    return out


class Trainer:
    def __init__(self, build, shared, l2, excerpt_weight):
        self.excerpt_weight = excerpt_weight
        self.shared = shared
        self.l2 = l2
        self.tmp = tempfile.mkdtemp(prefix="train-attribution-")
        atexit.register(shutil.rmtree, self.tmp, True)
        # a copy, so that a rebuild while this runs does not mix two versions
        self.tool = os.path.join(self.tmp, "attr_features")
        shutil.copy(os.path.join(build, "attr_features"), self.tool)
        self.books = books_of(shared)
        self.names = None
        for b in self.books:
            cast = subprocess.run([os.path.join(shared, "tools", "corpus-cast"), b.path],
                                  capture_output=True, text=True, check=True).stdout
            b.cast = os.path.join(self.tmp, b.name + ".ini")
            with open(b.cast, "w") as f:
                f.write(cast)
        out = subprocess.run([self.tool, "--features", self.books[0].path + "/novel_text.txt"],
                             capture_output=True, text=True, check=True).stdout
        head = json.loads(out.splitlines()[0])
        self.names, self.enums = head["features"], head["enums"]

    def weights_file(self, w, tag):
        """A file of weights w; threads share it, so it is written aside
        and renamed into place, under a name of its own per weights."""
        text = "".join(f"{n} {v:.6f}\n" for n, v in zip(self.names, w))
        path = os.path.join(self.tmp, f"w-{hashlib.sha1(text.encode()).hexdigest()}.txt")
        if not os.path.exists(path):
            fd, aside = tempfile.mkstemp(dir=self.tmp)
            with os.fdopen(fd, "w") as f:
                f.write(text)
            os.replace(aside, path)
        return path

    def start(self):
        return np.array([START.get(n, 0.0) for n in self.names])

    def run_tool(self, book, mode, w, tag, features):
        args = [self.tool, "--weights", self.weights_file(w, tag)]
        if features:
            args.append("--features")
        if mode == "cast":
            args += ["--voices", book.cast]
        args.append(book.path + "/novel_text.txt")
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def examples(self, book, mode, w, tag):
        """(F, groups, gold mask) of one book read with weights w."""
        lines = self.run_tool(book, mode, w, tag, True).splitlines()[1:]
        rows, groups, gold, missed, total = [], [], [], 0, 0
        for line in lines:
            o = json.loads(line)
            g = book.gold(*o["src"])
            if g is None or g[1]:
                continue
            total += 1
            cands = o["cands"]
            mask = [book.same(g[0], c[0]) for c in cands]
            if not any(mask) or len(cands) < 2:
                missed += not any(mask)
                continue
            for c, m in zip(cands, mask):
                rows.append(c[1:])
                gold.append(m)
            groups.append(len(cands))
        F = np.array(rows, dtype=float).reshape(-1, len(self.names))
        return F, np.array(groups, dtype=int), np.array(gold, dtype=bool), missed, total

    def read_all(self, weights_for, tag):
        """Examples of every (book, mode), book b read with weights_for(b)."""
        jobs = [(b, m) for b in self.books for m in ("cast", "nocast")]
        with ThreadPoolExecutor(2) as ex:
            res = list(ex.map(lambda j: self.examples(j[0], j[1], weights_for(j[0]),
                                                      f"{tag}-{j[0].name}"), jobs))
        return {(b.name, m): r for (b, m), r in zip(jobs, res)}

    def fit(self, data, keys, w0):
        F = np.concatenate([data[k][0] for k in keys])
        groups = np.concatenate([data[k][1] for k in keys])
        gold = np.concatenate([data[k][2] for k in keys])
        excerpt = {b.name: b.excerpt for b in self.books}
        wq = np.concatenate([np.full(len(data[k][1]), self.excerpt_weight if excerpt[k[0]] else 1.0)
                             for k in keys])
        return fit_logit(F, groups, gold, self.l2, w0, wq)

    def score_book(self, book, mode, w, tag, keep=None):
        """Scores book read with weights w; keep (a folder) keeps the script."""
        out = self.run_tool(book, mode, w, tag, False)
        path = os.path.join(keep or self.tmp, f"{book.name}.{mode}.jsonl" if keep
                            else f"s-{tag}-{book.name}-{mode}.jsonl")
        with open(path, "w") as f:
            f.write(out)
        r = subprocess.run([os.path.join(self.shared, "tools", "score-attribution"), book.path, path,
                            "--json"], capture_output=True, text=True, check=True).stdout
        if not keep:
            os.unlink(path)
        return json.loads(r.splitlines()[0])


def fit_logit(F, groups, gold, l2, w0, wq):
    """Newton's method on the conditional logit with an L2 penalty; quote
    i counts wq[i] times."""
    seg = np.repeat(np.arange(len(groups)), groups)
    starts = np.concatenate([[0], np.cumsum(groups)[:-1]])
    n = len(groups)

    def parts(w):
        s = F @ w
        m = np.maximum.reduceat(s, starts)
        e = np.exp(s - m[seg])
        z = np.add.reduceat(e, starts)
        zg = np.add.reduceat(e * gold, starts)
        loss = -np.sum(wq * (np.log(zg) - np.log(z))) + l2 * w @ w
        p = e / z[seg]
        pg = e * gold / zg[seg]
        return loss, p, pg

    def grad_hess(p, pg, w):
        mu = np.add.reduceat(F * p[:, None], starts)
        mug = np.add.reduceat(F * pg[:, None], starts)
        wr = wq[seg]
        g = wq @ mu - wq @ mug + 2 * l2 * w
        h = ((F.T * (p * wr)) @ F - (mu.T * wq) @ mu - ((F.T * (pg * wr)) @ F - (mug.T * wq) @ mug)
             + 2 * l2 * np.eye(F.shape[1]))
        return g, h

    w = w0.copy()
    loss, p, pg = parts(w)
    for _ in range(50):
        g, h = grad_hess(p, pg, w)
        step = np.linalg.solve(h + 1e-6 * np.eye(len(w)), g)
        t = 1.0
        while t > 1e-4:
            nl, np_, npg = parts(w - t * step)
            if nl <= loss:
                break
            t /= 2
        if t <= 1e-4:
            break
        w = w - t * step
        done = loss - nl < 1e-7 * max(1.0, abs(loss))
        loss, p, pg = nl, np_, npg
        if done:
            break
    return w


def table(results, books, title):
    """Prints per-book accuracy and the two headline figures per mode."""
    print(f"\n{title}")
    print(f"  {'book':<40} {'with cast':>14} {'no cast':>14}")
    agg = {}
    for b in books:
        cells = []
        for m in ("cast", "nocast"):
            j = results[(b.name, m)]
            cells.append(f"{j['accuracy']:6.1f}% {j['quotes']:>5}")
            grp = "excerpts" if b.excerpt else ("seeds" if b.name[:3].isdigit() else "novels")
            a = agg.setdefault((grp, m), [0, 0, []])
            a[0] += j["correct"]
            a[1] += j["quotes"]
            a[2].append(j["accuracy"])
        if not b.excerpt:
            print(f"  {b.name[:40]:<40} {cells[0]:>14} {cells[1]:>14}")
    summary = {}
    for grp in ("seeds", "novels", "excerpts"):
        row = []
        for m in ("cast", "nocast"):
            ok, n, accs = agg[(grp, m)]
            pooled, mean = 100.0 * ok / n, sum(accs) / len(accs)
            summary[f"{grp}-{m}"] = {"pooled": pooled, "mean": mean, "correct": ok, "quotes": n}
            row.append(f"{mean:5.1f}/{pooled:5.1f}")
        print(f"  {grp + ' (per-book mean/pooled)':<40} {row[0]:>14} {row[1]:>14}")
    return summary


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--shared", default=os.path.join(TOP, "..", "shared"))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--l2", type=float, default=1.0)
    # 3: the 36 excerpts are 36 different books, the three novels three;
    # chosen by the held-out figure (1, 2, 3 and 5 tried: 5 loses a seed
    # quote, 1 and 2 score lower on most of the four figures)
    ap.add_argument("--excerpt-weight", type=float, default=3.0,
                    help="how many times an excerpt's quote counts against a novel's")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--held-out", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--keep", help="a folder to keep each held-out script in (BOOK.MODE.jsonl)")
    a = ap.parse_args(argv)
    tr = Trainer(a.build, a.shared, a.l2, a.excerpt_weight)
    keys = [(b.name, m) for b in tr.books for m in ("cast", "nocast")]
    report = {}

    # in-sample: every round trains on all books
    w = tr.start()
    for r in range(a.rounds):
        data = tr.read_all(lambda b, w=w: w, f"all{r}")
        w = tr.fit(data, keys, w)
    missed = sum(data[k][3] for k in keys)
    total = sum(data[k][4] for k in keys)
    print(f"candidates hold the gold speaker for {100.0 * (total - missed) / total:.1f}% of quotes "
          f"({total - missed}/{total})")
    print("weights: " + ", ".join(f"{n}={v:.2f}" for n, v in zip(tr.names, w)))
    jobs = [(b, m) for b in tr.books for m in ("cast", "nocast")]
    with ThreadPoolExecutor(2) as ex:
        res = list(ex.map(lambda j: tr.score_book(j[0], j[1], w, "in"), jobs))
    report["in-sample"] = table({(b.name, m): r for (b, m), r in zip(jobs, res)}, tr.books,
                                "in-sample (trained on every book)")
    if a.write:
        write_weights(tr.names, tr.enums, w, os.path.join(TOP, "src", "attribute", "weights.c"))

    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
    if a.held_out:
        # leave-one-book-out: fold b never sees b, in any round
        fold_w = {b.name: tr.start() for b in tr.books}
        for r in range(a.rounds):
            new = {}
            for b in tr.books:
                data = tr.read_all(lambda x, b=b: fold_w[b.name], f"f{r}-{b.name}") if r > 0 else None
                if r == 0:
                    if not hasattr(tr, "_start_data"):
                        tr._start_data = tr.read_all(lambda x: tr.start(), "start")
                    data = tr._start_data
                new[b.name] = tr.fit(data, [k for k in keys if k[0] != b.name], fold_w[b.name])
            fold_w = new
        with ThreadPoolExecutor(2) as ex:
            res = list(ex.map(lambda j: tr.score_book(j[0], j[1], fold_w[j[0].name], "held", a.keep),
                              jobs))
        report["held-out"] = table({(b.name, m): r for (b, m), r in zip(jobs, res)}, tr.books,
                                   "held out (each book scored with weights trained on the others)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)


def write_weights(names, enums, w, path):
    lines = ["/* Weights of the attribution scorer, one per feature of scoring.h: learned",
             " * from ../shared/corpus and ../shared/corpus-excerpts.  Generated by",
             " * scripts/train-attribution.py --write; do not edit by hand. */",
             '#include "scoring.h"', "", "const double attr_weights[ATTR_N_FEATURES] = {"]
    for n, e, v in zip(names, enums, w):
        lines.append(f"    [{e}] = {v:.4f},   /* {n} */")
    lines.append("};")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
