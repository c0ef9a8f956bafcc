#!/usr/bin/env bash
# Regenerates Sources/Matching/PublicSuffixList+Data.swift from a copy of the
# Mozilla Public Suffix List (https://publicsuffix.org/list/public_suffix_list.dat).
#
# Usage: scripts/update-public-suffix-list.sh [path/to/public_suffix_list.dat]
# The default input is data/public_suffix_list.dat (relative to the repository root).
# To update the list, replace data/public_suffix_list.dat first, then run this script.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="${1:-$root/data/public_suffix_list.dat}"
output="$root/Sources/Matching/PublicSuffixList+Data.swift"

if [[ ! -r "$input" ]]; then
    echo "error: cannot read $input" >&2
    exit 1
fi

# Rules only: drop comment and blank lines, keep the first token of each line (PSL syntax).
rules="$(tr -d '\r' < "$input" | awk '!/^[[:space:]]*(\/\/|$)/ { print $1 }')"

if [[ -z "$rules" ]]; then
    echo "error: no rules found in $input" >&2
    exit 1
fi
if grep -q '"' <<< "$rules"; then
    echo "error: unexpected quote character in rules; refusing to generate" >&2
    exit 1
fi

count="$(wc -l <<< "$rules" | tr -d ' ')"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT

{
    cat <<'HEADER'
// GENERATED FILE - do not edit. Regenerate with scripts/update-public-suffix-list.sh.
//
// Rules of the Mozilla Public Suffix List (https://publicsuffix.org/), as packaged
// by Debian's `publicsuffix` package, with comments and blank lines removed.
// The unmodified source file is data/public_suffix_list.dat.
//
// This Source Code Form is subject to the terms of the Mozilla Public
// License, v. 2.0. If a copy of the MPL was not distributed with this
// file, You can obtain one at https://mozilla.org/MPL/2.0/.

HEADER
    echo "extension PublicSuffixList {"
    echo "    /// The embedded Public Suffix List rules ($count), one per line."
    echo "    static let embeddedRules = #\"\"\""
    printf '%s\n' "$rules"
    echo "\"\"\"#"
    echo "}"
} > "$tmp"

chmod 644 "$tmp"
mv "$tmp" "$output"
trap - EXIT
echo "wrote Sources/Matching/PublicSuffixList+Data.swift ($count rules)"
