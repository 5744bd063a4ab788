#!/usr/bin/env bash
# One scheduled run of the extraction over a bucket. Settings and secrets come from an environment
# file (BELIEFS_ENV_FILE, default /etc/beliefs/extract.env; see extract.env.example), never from
# the command line, so no key shows in ps, cron mail or the journal. A run does not start while
# another one holds the lock (exit 75): runs over one output must not overlap (runs.jsonl is
# rewritten whole by each run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
env_file="${BELIEFS_ENV_FILE:-/etc/beliefs/extract.env}"

if [ ! -r "$env_file" ]; then
  echo "error: cannot read the environment file $env_file (set BELIEFS_ENV_FILE)" >&2
  exit 2
fi
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
: "${BELIEFS_INPUT:?set BELIEFS_INPUT in $env_file, e.g. s3://bucket/transcripts/**}"
: "${BELIEFS_OUTPUT:?set BELIEFS_OUTPUT in $env_file, e.g. s3://bucket/beliefs/}"

lock="${BELIEFS_LOCK:-${XDG_RUNTIME_DIR:-/tmp}/beliefs-extract.lock}"
# shellcheck disable=SC2086 # BELIEFS_ARGS holds several options on purpose
exec flock --nonblock --conflict-exit-code 75 "$lock" \
  "$root/beliefs" extract --input="$BELIEFS_INPUT" --output="$BELIEFS_OUTPUT" ${BELIEFS_ARGS:-}
