#!/usr/bin/env bash
# The benchmark of issue 10: builds the production artifact, starts a dedicated PostgreSQL, runs the
# service in prod mode with real tokens, runs the scenarios with real load tools (wrk, pgbench, Node),
# checks the engine's invariants after each, and writes bench/results/<timestamp>.{json,md}.
# See docs/benchmarks.md.
#
#   bench/run.sh                 full sizes (about 27 minutes on 2 cores, 4 of them the 1,000,000 restock)
#   bench/run.sh --quick         small sizes, to try it out (about 8 minutes)
#   bench/run.sh --only placement,pgbench     only these scenarios (start-up is always measured)
#   bench/run.sh --only catalogue,quote       issue 20: availability on the catalogue page, the quote
#   bench/run.sh --only insight              issue 21: the staff's insight queries at a shop's size
#   bench/run.sh --skip-build    use the jar already in target/
#   bench/run.sh --keep-db       leave the PostgreSQL cluster stopped instead of removing it
#
# Needs: JDK 17+, PostgreSQL server with psql and pgbench, wrk, Node.js 20+ with npm, openssl, curl.
# Every load generator runs on the machine under test: figures include their cost.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
# Restock runs last: its fills queue a mail per backorder, which the outbox then sends for a long while
# and which would load the service during any scenario after it.
ALL_SCENARIOS=placement,hot,pgbench,stampede,depth,subscribers,queries,catalogue,quote,insight,restock

# shellcheck source=lib/common.sh
source "$BENCH_DIR/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$BENCH_DIR/lib/postgres.sh"
# shellcheck source=lib/service.sh
source "$BENCH_DIR/lib/service.sh"
# shellcheck source=lib/scenarios.sh
source "$BENCH_DIR/lib/scenarios.sh"

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

MODE=full
ONLY=$ALL_SCENARIOS
BUILD=1
while (($#)); do
    case $1 in
        --quick) MODE=quick ;;
        --only) ONLY=${2:?--only needs a list}; shift ;;
        --skip-build) BUILD=0 ;;
        --keep-db) export BENCH_KEEP_DB=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
    shift
done
for scenario in $(words "$ONLY"); do
    [[ ,$ALL_SCENARIOS, == *,$scenario,* ]] || die "unknown scenario $scenario (known: $ALL_SCENARIOS)"
done

# Sizes: the issue's in full mode; small ones that still exercise every path in quick mode.
PLACEMENT_LEVELS=1,8,32,64
PGBENCH_SINGLE_LEVELS=1,8,32,64
HOT_LEVELS=8,32
DEPTH_LEVELS=1,8
PRODUCTS=1000
QUERY_CLIENTS=32
if [[ $MODE == full ]]; then
    WARMUP_S=60 MEASURE_S=20 PGBENCH_S=15 PGBENCH_DRAIN_S=300 STARTUP_RESTARTS=3
    STAMPEDE_ORDERS=1000 STAMPEDE_UNITS=100 DEPTH=100000
    RESTOCK_SIZES=10000,100000,1000000 SUBSCRIBER_SIZES=1000,10000 SUBSCRIBER_TIMEOUT_S=180
    CATALOGUE_LEVELS=$PLACEMENT_LEVELS CATALOGUE_PAGES=50 CATALOGUE_DEEP_QUEUE=1000 QUOTE_LEVELS=$PLACEMENT_LEVELS
    INSIGHT_ORDERS=100000 INSIGHT_PRODUCTS=10000 INSIGHT_SUPPLIERS=1000 INSIGHT_CALLS=15
else
    WARMUP_S=10 MEASURE_S=6 PGBENCH_S=3 PGBENCH_DRAIN_S=30 STARTUP_RESTARTS=1
    STAMPEDE_ORDERS=200 STAMPEDE_UNITS=20 DEPTH=5000
    RESTOCK_SIZES=1000,5000,25000 SUBSCRIBER_SIZES=100,1000 SUBSCRIBER_TIMEOUT_S=60
    CATALOGUE_LEVELS=8,32 CATALOGUE_PAGES=5 CATALOGUE_DEEP_QUEUE=200 QUOTE_LEVELS=8,32
    INSIGHT_ORDERS=20000 INSIGHT_PRODUCTS=2000 INSIGHT_SUPPLIERS=200 INSIGHT_CALLS=5
fi
# Any size can be set for one run with BENCH_<NAME>, e.g. BENCH_RESTOCK_SIZES=10000,100000.
for size in PLACEMENT_LEVELS PGBENCH_SINGLE_LEVELS HOT_LEVELS DEPTH_LEVELS PRODUCTS QUERY_CLIENTS WARMUP_S MEASURE_S \
    PGBENCH_S PGBENCH_DRAIN_S STARTUP_RESTARTS STAMPEDE_ORDERS STAMPEDE_UNITS DEPTH RESTOCK_SIZES SUBSCRIBER_SIZES SUBSCRIBER_TIMEOUT_S \
    CATALOGUE_LEVELS CATALOGUE_PAGES CATALOGUE_DEEP_QUEUE QUOTE_LEVELS INSIGHT_ORDERS INSIGHT_PRODUCTS INSIGHT_SUPPLIERS \
    INSIGHT_CALLS; do
    override=BENCH_$size
    [[ -z ${!override:-} ]] || printf -v "$size" '%s' "${!override}"
done

# The service's JVM as in its container (k8s/base: 512Mi limit, heap 50 % of it), which follows up to
# 3,000 live subscriptions (SHOP_LIVE_MAX_SUBSCRIPTIONS; about 40 KB of heap each). More subscribers get
# 1 GB of heap and the room for them. JAVA_OPTS, if set, decides instead.
SERVICE_JAVA_OPTS="-XX:MaxRAM=512m -XX:MaxRAMPercentage=50"
MOST_SUBSCRIBERS=$(words "$SUBSCRIBER_SIZES" | tr " " "\n" | sort -n | tail -1)
if ((MOST_SUBSCRIBERS > 3000)); then
    SERVICE_JAVA_OPTS="-XX:MaxRAM=2g -XX:MaxRAMPercentage=50"
    export SHOP_LIVE_MAX_SUBSCRIPTIONS=${SHOP_LIVE_MAX_SUBSCRIPTIONS:-$((MOST_SUBSCRIBERS + 1000))}
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS_DIR=$BENCH_DIR/results
mkdir -p "$RESULTS_DIR"
WORK=$(mktemp -d /tmp/backorders-bench.XXXXXX)
BENCH_RESULTS_JSONL=$RESULTS_DIR/$STAMP.jsonl
LINKS_SECRET=$(openssl rand -base64 48)

# Whatever happens, nothing of ours keeps running: load clients are waited for by their scenarios, the
# rest is stopped here. The service log is kept next to the results (it tells what went wrong, if anything).
cleanup() {
    local status=$?
    write_report || true
    stop_sampler
    stop_service
    stop_background SMTP_PID
    pg_stop
    [[ -f $WORK/service.log ]] && cp "$WORK/service.log" "$RESULTS_DIR/$STAMP-service.log"
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

selected() { [[ ,$ONLY, == *,$1,* ]]; }

main() {
    log "mode $MODE, scenarios $ONLY, work dir $WORK"
    ((BUILD)) && build_service
    [[ -f $REPO_DIR/target/quarkus-app/quarkus-run.jar ]] || die "no jar: run without --skip-build"
    (cd "$BENCH_DIR" && npm install --no-audit --no-fund --silent) || die "npm install failed in bench/"
    # Thousands of WebSockets need as many file descriptors, in the service and in the client.
    ulimit -n "$(ulimit -Hn)"

    pg_start
    start_smtp_sink
    make_keys
    STAFF_TOKEN=$(mint_token staff staff@bench.example)
    CUSTOMER_TOKEN=$(mint_token customer watcher@bench.example)
    local busy
    busy=$(machine_busy_pct_now)
    ((busy < 20)) || log "WARNING: the machine is busy before the run (${busy}% of a core used by other processes): expect lower figures"
    record environment run started="$STAMP" mode="$MODE" commit="$(git -C "$REPO_DIR" rev-parse --short HEAD)" \
        cores="$(nproc)" memory_mb="$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)" \
        machine_cpu_pct_before="$busy" load_avg_at_start="$(cut -d' ' -f1 /proc/loadavg)" java="$(java -version 2>&1 | head -1 | cut -d'"' -f2)" \
        postgres="$PG_VERSION ($PG_MODE, port $PG_PORT)" node="$(node --version)" wrk="$(wrk -v 2>&1 | head -1 | cut -d' ' -f2)" \
        load_generators="on the same machine"

    scenario_startup
    # A scenario that needs something of the service checks it now, before any load (preflight_<name>).
    local scenario
    for scenario in $(words "$ONLY"); do
        if declare -F "preflight_$scenario" >/dev/null; then "preflight_$scenario"; fi
    done
    start_sampler
    local started
    for scenario in $(words "$ALL_SCENARIOS"); do
        selected "$scenario" || continue
        log "scenario $scenario"
        started=$(now_ms)
        "scenario_$scenario"
        ensure_service_alive "$scenario"
        # shellcheck disable=SC2046 # key=value words
        record memory "$scenario" $(resources_since "$started") seconds="$(seconds_since "$started")" \
            note="peak RSS and average CPU over the whole scenario, set-up included"
    done
    # The outbox: mails the dispatcher sent to the sink during the run, and what it had left.
    # shellcheck disable=SC2046
    record checks mail $(db -c "SELECT format('sent=%s pending=%s sending=%s failed=%s',
        count(*) FILTER (WHERE state = 'SENT'), count(*) FILTER (WHERE state = 'PENDING'),
        count(*) FILTER (WHERE state = 'SENDING'), count(*) FILTER (WHERE state = 'FAILED')) FROM notification")
    # The service logs JSON lines (production), or plain text where QUARKUS_LOG_CONSOLE_JSON_ENABLED=false.
    record checks service-log errors="$(grep -c -E ' ERROR |"level":"ERROR"' "$WORK/service.log" || true)" \
        warnings="$(grep -c -E ' WARN |"level":"WARN"' "$WORK/service.log" || true)" \
        load_avg_at_end="$(cut -d' ' -f1 /proc/loadavg)"

    write_report
    cat "$RESULTS_DIR/$STAMP.md"
}

# The JSON and Markdown results from what was recorded; also after a failed run, for what it measured.
REPORT_WRITTEN=
write_report() {
    [[ -z $REPORT_WRITTEN && -s $BENCH_RESULTS_JSONL ]] || return 0
    REPORT_WRITTEN=1
    node "$BENCH_DIR/node/report.mjs" "$BENCH_RESULTS_JSONL" "$RESULTS_DIR/$STAMP.json" "$RESULTS_DIR/$STAMP.md" >/dev/null
    log "results: $RESULTS_DIR/$STAMP.md and .json (service log: $STAMP-service.log)"
}

main
