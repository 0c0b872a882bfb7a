#!/usr/bin/env python3
"""Checks the domain tables in this folder (data only; run from anywhere):

    python3 crates/core/data/domains/validate.py [--verbose]

- skill tables (<family>.tsv): exactly 4 TAB-separated columns (name, category, aliases,
  implies), a known category, no empty alias, implies naming a skill of the same file or of
  ../aliases.tsv;
- credentials.tsv: exactly 5 columns (name, kind, families, forms, postnominal), a known kind,
  known family keys, at least one form;
- every surface form (a skill's name and aliases, a credential's forms), normalised the way the
  matcher normalises it (case-folded, '-' '_' and whitespace runs = one space), appears once
  across all files of this folder;
- a form that ../aliases.tsv already owns may only appear on a row preceded (within 3 lines) by
  a comment that mentions "aliases.tsv" and that form (aliases.tsv wins at merge time);
- warnings: unflagged forms of 1-3 letters (must carry '=' or '^'), unflagged one-word forms
  that are ordinary English words (needs /usr/share/dict/words), forms of other families'
  credentials colliding with skill forms.
Exit status 1 on any error.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ALIASES = os.path.join(HERE, "..", "aliases.tsv")
CATEGORIES = {"programming_language", "framework", "database", "cloud", "tool", "platform",
              "methodology", "knowledge", "skill", "soft_skill", "language"}
KINDS = {"licence", "certification", "registration", "clearance", "driving"}
FAMILIES = ["healthcare", "finance", "engineering", "sales", "marketing", "education", "hr",
            "software", "data", "general",
            "logistics", "legal", "hospitality", "trades", "support", "project", "design"]
FAMILY_KEYS = set(FAMILIES) | {"software", "data", "security"}
DASHES = "-_\u2010\u2011\u2012\u2013\u2014"


def norm(s, fold=True):
    for d in DASHES:
        s = s.replace(d, " ")
    s = s.replace("\u2018", "'").replace("\u2019", "'").replace("\u00a0", " ")
    s = " ".join(s.split())
    return s.lower() if fold else s


def parse_form(raw):
    raw = raw.strip()
    flag = ""
    if raw[:1] in "=^":
        flag, raw = raw[0], raw[1:]
    return flag, norm(raw)


def read_aliases():
    owned = {}
    names = set()
    for line in open(ALIASES, encoding="utf-8"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        c = line.rstrip("\n").split("\t")
        names.add(c[0].strip())
        owned[norm(c[0])] = c[0]
        if len(c) > 2:
            for a in c[2].split("|"):
                if a.strip():
                    owned[parse_form(a)[1]] = c[0]
    return owned, names


def main():
    verbose = "--verbose" in sys.argv
    errors, warnings = [], []
    owned, alias_names = read_aliases()
    words = set()
    if os.path.exists("/usr/share/dict/words"):
        words = {w.strip().lower() for w in open("/usr/share/dict/words", encoding="utf-8",
                                                  errors="ignore")}
    seen = {}  # form key -> (file, line, name)
    counts = {}
    files = sorted(f for f in os.listdir(HERE) if f.endswith(".tsv"))
    skill_files = [f for f in files if f != "credentials.tsv"]
    for f in skill_files:
        if f[:-4] not in FAMILIES:
            errors.append(f"{f}: not a known family file name")
    for f in files:
        path = os.path.join(HERE, f)
        lines = open(path, encoding="utf-8").read().split("\n")
        cred = f == "credentials.tsv"
        names = set()
        rows = []
        for i, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            c = line.split("\t")
            want = 5 if cred else 4
            if len(c) != want:
                errors.append(f"{f}:{i}: {len(c)} columns, want {want}: {line[:60]!r}")
                continue
            if any(x != x.strip() for x in c):
                errors.append(f"{f}:{i}: stray spaces around a column")
            name = c[0].strip()
            if not name:
                errors.append(f"{f}:{i}: empty name")
            if cred:
                if c[1] not in KINDS:
                    errors.append(f"{f}:{i}: unknown kind {c[1]!r}")
                fams = [x for x in c[2].split("|") if x]
                if not fams or any(x not in FAMILY_KEYS for x in fams):
                    errors.append(f"{f}:{i}: bad families {c[2]!r}")
                raw_forms = [x for x in c[3].split("|")]
                if not c[3].strip():
                    errors.append(f"{f}:{i}: no forms")
            else:
                if c[1] not in CATEGORIES:
                    errors.append(f"{f}:{i}: unknown category {c[1]!r}")
                raw_forms = [x for x in c[2].split("|")] if c[2] else []
                raw_forms.append(name)  # the name is itself a form (any case) ...
            if name in names:
                errors.append(f"{f}:{i}: duplicate name {name!r}")
            names.add(name)
            forms = []
            for rf in raw_forms:
                if not rf.strip():
                    errors.append(f"{f}:{i}: empty form in {name!r}")
                    continue
                forms.append((rf, *parse_form(rf)))
            if not cred:
                # ... unless an alias with the same key carries a case flag
                nk = norm(name)
                flagged = [x for x in forms[:-1] if x[2] == nk]
                if flagged:
                    forms = forms[:-1]
            row_keys = set()
            context = "\n".join(lines[max(0, i - 4):i - 1]).lower()
            for rf, flag, key in forms:
                if key in row_keys:
                    if verbose:
                        warnings.append(f"{f}:{i}: {rf!r} repeated in its row")
                    continue
                row_keys.add(key)
                if key in seen:
                    errors.append(f"{f}:{i}: form {rf!r} ({name}) already in {seen[key]}")
                else:
                    seen[key] = f"{f}:{i} ({name})"
                if key in owned and not cred:
                    if "aliases.tsv" not in context or key not in norm(context):
                        errors.append(f"{f}:{i}: form {rf!r} is owned by aliases.tsv "
                                      f"({owned[key]}) and no comment above says so")
                    elif verbose:
                        warnings.append(f"{f}:{i}: {rf!r} owned by aliases.tsv ({owned[key]})")
                letters = re.sub(r"[^a-z]", "", key)
                if not flag and len(key) <= 3 and " " not in key:
                    warnings.append(f"{f}:{i}: short unflagged form {rf!r}")
                if not flag and " " not in key and key.isalpha() and key in words:
                    warnings.append(f"{f}:{i}: unflagged English word {rf!r} ({name})")
            rows.append((i, name, c))
        if not cred:
            for i, name, c in rows:
                for imp in [x.strip() for x in c[3].split("|") if x.strip()]:
                    if imp not in names and imp not in alias_names:
                        errors.append(f"{f}:{i}: {name!r} implies unknown {imp!r}")
        counts[f] = len(rows)
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    total = 0
    for f in files:
        print(f"{f:20s} {counts[f]:4d}")
        total += counts[f]
    print(f"{'total':20s} {total:4d}  ({len(seen)} distinct forms)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
