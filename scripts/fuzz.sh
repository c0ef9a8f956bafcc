#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (with address sanitizer) in their own scratch directory,
# then runs each for FUZZ_SECONDS on a corpus seeded from the project's fixtures and from the
# regression inputs in fixtures/fuzz/<target>/. A crash, a sanitizer report, a broken invariant
# or a timeout is saved under FUZZ_OUT/<target>/ and fails the run.
#
#   scripts/fuzz.sh [TARGET...]      (default: every target)
#
# FUZZ_SECONDS (60) per target, FUZZ_SCRATCH (.build-fuzz), FUZZ_OUT (FUZZ_SCRATCH/findings),
# FUZZ_TIMEOUT (25): seconds one input may take before it counts as a hang; FUZZ_LEAKS (0): 1
# turns LeakSanitizer on, which today reports the rule set each target loads once as leaked.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_SCRATCH=${FUZZ_SCRATCH:-.build-fuzz}
FUZZ_OUT=${FUZZ_OUT:-$FUZZ_SCRATCH/findings}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-25}
FUZZ_LEAKS=${FUZZ_LEAKS:-0}
all_targets=(fuzz-rule-loader fuzz-check fuzz-links fuzz-lint-catalog fuzz-inbound)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

case "$FUZZ_SCRATCH" in /*) scratch=$FUZZ_SCRATCH ;; *) scratch=$root/$FUZZ_SCRATCH ;; esac
case "$FUZZ_OUT" in /*) out=$FUZZ_OUT ;; *) out=$root/$FUZZ_OUT ;; esac

# The fuzz package reaches textgate's sources as a path dependency, whose new files a cached
# build manifest does not see: the manifest is planned afresh on every build.
build=("$SWIFT" build -c debug --package-path Fuzz --scratch-path "$scratch" --disable-build-manifest-caching
       -Xswiftc -sanitize=fuzzer,address)
echo "fuzz: building ${targets[*]} in $FUZZ_SCRATCH"
mkdir -p "$scratch"
for t in "${targets[@]}"; do
  # ld.gold warns that it cannot export the sanitizer's local symbols; that is harmless.
  if ! "${build[@]}" --product "$t" > "$scratch/build-$t.log" 2>&1; then
    grep -v "Cannot export local symbol" "$scratch/build-$t.log" >&2
    echo "fuzz: building $t failed" >&2
    exit 2
  fi
done
bin=$("${build[@]}" --show-bin-path)

# Copies each file matched by the globs into the corpus directory.
seed_files() {
  local dir=$1; shift
  local f
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
  return 0
}

# Makes one corpus file of each of the first N lines of the files given (a message a line).
seed_lines() {
  local dir=$1 n=$2; shift 2
  local f i
  for f in "$@"; do
    i=0
    while IFS= read -r line && [ "$i" -lt "$n" ]; do
      i=$((i + 1))
      printf '%s' "${line#*	}" > "$dir/$(basename "$f").$i"
    done < "$f"
  done
}

seed() {
  local t=$1 dir=$2
  shopt -s nullglob globstar
  case "$t" in
    fuzz-rule-loader) seed_files "$dir" rules/**/*.yml fixtures/rulesets/**/*.yml ;;
    fuzz-check | fuzz-links)
      seed_files "$dir" fixtures/messages/*.txt
      seed_lines "$dir" 60 fixtures/accuracy/*.tsv fixtures/corpus/sms-spam-collection.tsv ;;
    fuzz-lint-catalog)
      seed_files "$dir" fixtures/templates/**/*.yml fixtures/templates/**/*.yaml fixtures/templates/**/*.json \
        fixtures/template-samples/*.yml ;;
    fuzz-inbound) seed_lines "$dir" 100 fixtures/inbound/*.tsv ;;
  esac
  seed_files "$dir" fixtures/fuzz/"${t#fuzz-}"/*
  shopt -u nullglob globstar
}

failed=()
summary=()
for t in "${targets[@]}"; do
  corpus=$scratch/corpus/$t
  mkdir -p "$corpus" "$out/$t"
  seed "$t" "$corpus"
  log=$out/$t.log
  echo "fuzz: $t for ${FUZZ_SECONDS}s on $(ls "$corpus" | wc -l) inputs; log $log"
  # Inputs an earlier run saved stay (they may not be copied to fixtures/fuzz yet); only those
  # saved by this run count against it.
  started=$scratch/started-$t
  touch "$started"
  set +e
  ASAN_OPTIONS="detect_leaks=$FUZZ_LEAKS${ASAN_OPTIONS:+:$ASAN_OPTIONS}" TEXTGATE_FUZZ_RULES=$root/rules "$bin/$t" "$corpus" -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" \
    -rss_limit_mb=4096 -max_len=16384 -detect_leaks="$FUZZ_LEAKS" -print_final_stats=1 -artifact_prefix="$out/$t/" > "$log" 2>&1
  status=$?
  set -e
  runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo "?")
  artifacts=$(find "$out/$t" -type f -newer "$started" | wc -l)
  if [ "$status" -ne 0 ] || [ "$artifacts" -gt 0 ]; then
    failed+=("$t")
    summary+=("$t: FAILED (exit $status) after $runs runs; inputs in $out/$t/")
    grep -m5 -E 'ERROR|fuzz invariant|Fatal error|deadly signal|timeout' "$log" || true
  else
    summary+=("$t: ${FUZZ_SECONDS}s, $runs runs, coverage $cov edges, no crash")
  fi
done

echo
printf 'fuzz: %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) found a failure: ${failed[*]}; copy each input to fixtures/fuzz/<target>/ as a regression" >&2
  exit 1
fi
