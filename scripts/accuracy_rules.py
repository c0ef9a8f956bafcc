"""Reads what the accuracy harness needs from the rule files: id, category, kind, terms by
language, domains and examples. A small reader for the YAML the rule files use (block mappings
and lists, flow lists, plain, quoted and folded scalars); the CLI validates the files fully."""

import json
import os
import re


def _scalar(raw):
    raw = raw.strip()
    if raw.startswith('"'):
        end = _closing(raw, '"')
        return json.loads(raw[:end + 1].replace("\\'", "'"))
    if raw.startswith("'"):
        end = _closing(raw, "'")
        return raw[1:end].replace("''", "'")
    return re.sub(r"\s+#.*$", "", raw).strip()


def _closing(raw, quote):
    i = 1
    while i < len(raw):
        if quote == '"' and raw[i] == "\\":
            i += 2
            continue
        if raw[i] == quote:
            if quote == "'" and i + 1 < len(raw) and raw[i + 1] == "'":
                i += 2
                continue
            return i
        i += 1
    raise ValueError(f"unclosed quote in {raw!r}")


def _flow_list(raw):
    inner = raw.strip()[1:-1]
    items, cur, quote = [], "", None
    for ch in inner:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch == ",":
            items.append(_scalar(cur))
            cur = ""
        else:
            cur += ch
    if cur.strip():
        items.append(_scalar(cur))
    return items


def _parse(lines, i, indent):
    """Parses the block starting at line i with the given indent; returns (value, next line)."""
    while i < len(lines) and not lines[i][1].strip():
        i += 1
    if i >= len(lines):
        return None, i
    ind, text = lines[i]
    if text.startswith("- ") or text == "-":
        out = []
        while i < len(lines) and lines[i][0] == ind and lines[i][1].startswith("-"):
            out.append(_scalar(lines[i][1][1:]))
            i += 1
        return out, i
    out = {}
    while i < len(lines) and lines[i][0] == ind:
        key, _, rest = lines[i][1].partition(":")
        rest = rest.strip()
        i += 1
        if rest.startswith(">") or rest.startswith("|"):
            parts = []
            while i < len(lines) and (lines[i][0] > ind or not lines[i][1]):
                parts.append(lines[i][1])
                i += 1
            out[key] = " ".join(p for p in parts if p)
        elif rest.startswith("["):
            out[key] = _flow_list(rest)
        elif rest and not rest.startswith("#"):
            out[key] = _scalar(rest)
        else:
            j = i
            while j < len(lines) and not lines[j][1]:
                j += 1
            if j < len(lines) and (lines[j][0] > ind or (lines[j][0] == ind and lines[j][1].startswith("-"))):
                out[key], i = _parse(lines, j, lines[j][0])
            else:
                out[key] = None
    return out, i


def read_rule(path):
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            stripped = line.rstrip("\n")
            if stripped.lstrip().startswith("#"):
                continue
            lines.append((len(stripped) - len(stripped.lstrip(" ")), stripped.strip()))
    value, _ = _parse(lines, 0, 0)
    return value


def terms_by_language(value):
    """[(term, language or None)] of a flat or by-language list."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [(t, lang) for lang, items in value.items() for t in (items or [])]
    return [(t, None) for t in value]


def read_rules(directory):
    rules = []
    for base, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".yml") or name == "textgate.yml":
                continue
            data = read_rule(os.path.join(base, name))
            examples = data.get("examples") or {}
            rules.append({
                "id": name[:-4],
                "path": os.path.relpath(os.path.join(base, name), os.path.dirname(os.path.abspath(directory))),
                "category": data.get("category"),
                "severity": data.get("severity"),
                "kind": data.get("kind"),
                "terms": terms_by_language(data.get("terms")),
                "domains": data.get("domains") or [],
                "flag": examples.get("flag") or [],
                "pass": examples.get("pass") or [],
            })
    return rules
