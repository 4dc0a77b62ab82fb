# Shared helpers for bench/run.sh: logging, the results file and small utilities.
# Sourced, not run. Expects BENCH_RESULTS_JSONL to name the file figures are appended to.

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

# Escapes a string for a JSON string literal (quotes, backslashes, control characters).
json_string() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\t'/\\t}
    s=${s//$'\r'/}
    printf '"%s"' "$s"
}

# A value as JSON: numbers stay numbers, true/false/null stay literals, the rest become strings.
json_value() {
    if [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ || $1 == true || $1 == false || $1 == null ]]; then
        printf '%s' "$1"
    else
        json_string "$1"
    fi
}

# record SCENARIO CASE key=value...
# Appends one case of a scenario with its figures as one JSON line; report.mjs turns the lines into the
# JSON and Markdown results. Keys used by the report: rps/tps, p50_ms, p99_ms, ref (the pgbench case a
# throughput is compared with, e.g. pgbench/many/c32), check_* (pass/fail).
record() {
    local scenario=$1 case_name=$2 pair key line
    shift 2
    line="{\"scenario\":$(json_string "$scenario"),\"case\":$(json_string "$case_name")"
    for pair in "$@"; do
        key=${pair%%=*}
        line+=",$(json_string "$key"):$(json_value "${pair#*=}")"
    done
    printf '%s}\n' "$line" >>"$BENCH_RESULTS_JSONL"
    log "result $scenario/$case_name: $*"
}

# Milliseconds since the epoch, without a fork (the sampler calls it every second under load).
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo "${t:0:-3}"; }

# stop_background VAR: stops the background process whose pid the variable VAR holds, if any, and clears it.
stop_background() {
    local -n pid=$1
    [[ -n $pid ]] || return 0
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
}

# proc_ticks PID [WITH_CHILDREN]: CPU clock ticks (user + system) a process used, read with builtins; with
# a second argument, also those of its exited and waited-for children (cutime, cstime).
proc_ticks() {
    local fields
    read -ra fields <"/proc/$1/stat" 2>/dev/null || { echo 0; return; }
    # Fields 14-17 (1-based) of /proc/PID/stat; the command name has no spaces for java and postgres.
    echo $((fields[13] + fields[14] + (${2:-0} ? fields[15] + fields[16] : 0)))
}

# Milliseconds since an earlier now_ms, as seconds with 3 decimals.
seconds_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.3f", (b - a) / 1000 }'; }

# ratio A B [DIGITS]: A / B with DIGITS decimals (default 2); nothing if B is empty or zero.
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b + 0 != 0) printf("%.*f", d, a / b) }'; }

# Waits until a command succeeds, polling every 0.1 s, for at most TIMEOUT seconds.
wait_for() {
    local timeout=$1 deadline
    shift
    deadline=$(($(date +%s) + timeout))
    until "$@"; do
        (($(date +%s) < deadline)) || return 1
        sleep 0.1
    done
}

# Splits a comma-separated list into words (for levels and sizes given as options).
words() { printf '%s' "${1//,/ }"; }
