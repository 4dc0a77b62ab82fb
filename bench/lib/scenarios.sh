# The scenarios of issue 10. Sourced by run.sh; each function is one scenario, records its figures and
# ends with the invariant check. Sizes come from run.sh (full or --quick).

# The placement request a storefront sends: one line of 1 unit, placed by staff for a customer (staff
# are not rate limited; a customer may place 30 orders a minute), reading back what the customer sees.
PLACE_ORDER_BODY='{"query":"mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status lines { sku quantity allocated backordered } backorders { id status queuePosition eta { date } } } }","variables":{"input":{"customerEmail":"$EMAIL","lines":[{"sku":"$SKU","quantity":1}]}}}'

# seed_products PREFIX COUNT STOCKED_EVERY ON_HAND (see sql/products.sql)
seed_products() {
    db_script products.sql prefix="$1" count="$2" stocked_every="$3" on_hand="$4" >/dev/null
}

# load_queue SKU N: N waiting backorders of 1 unit on the product (see sql/queue.sql); prints seconds.
load_queue() {
    local started
    started=$(now_ms)
    db_script queue.sql sku="$1" n="$2" >/dev/null
    seconds_since "$started"
}

product_exists() { [[ -n $(db -c "SELECT 1 FROM product WHERE sku = '$1'") ]]; }

# Figures of the last load run, as "key=value ..."; figure KEY reads one of them.
LAST_FIGURES=
figure() { tr ' ' '\n' <<<"$LAST_FIGURES" | sed -n "s/^$1=//p"; }

# wrk_run CLIENTS SECONDS TOKEN SKU SKU_COUNT BODY: closed-loop load from wrk with bench/lua/graphql.lua;
# sets LAST_FIGURES to its throughput (successful requests per second), latencies and errors, and the
# resources the service and PostgreSQL used meanwhile.
wrk_run() {
    local clients=$1 seconds=$2 token=$3 sku=$4 sku_count=$5 body=$6 started output
    started=$(now_ms)
    output=$(BENCH_TOKEN=$token BENCH_SKU=$sku BENCH_SKU_COUNT=$sku_count BENCH_BODY=$body \
        wrk -t $((clients < 2 ? 1 : 2)) -c "$clients" -d "${seconds}s" --timeout 60s \
        -s "$BENCH_DIR/lua/graphql.lua" "$SERVICE_URL/graphql") || die "wrk failed: $output"
    LAST_FIGURES="clients=$clients $(sed -n 's/^BENCH //p' <<<"$output") $(resources_since "$started")"
}

# wrk_case SCENARIO CASE CLIENTS SECONDS TOKEN SKU SKU_COUNT BODY [more key=value to record]
wrk_case() {
    local scenario=$1 case_name=$2
    shift 2
    wrk_run "$@"
    shift 6
    # shellcheck disable=SC2086 # the figures are key=value words
    record "$scenario" "$case_name" $LAST_FIGURES "$@"
}

mails_sent() { db -c "SELECT count(*) FROM notification WHERE state = 'SENT'"; }

# Mails due now and not yet sent (a moved estimate's mail waits out its window, so it is not due yet).
mails_due() { db -c "SELECT count(*) FROM notification WHERE state IN ('PENDING', 'SENDING') AND due_at <= now()"; }

# The waiting units of a product.
waiting_units() { db -c "SELECT s.backordered FROM stock s JOIN product p ON p.id = s.product_id WHERE p.sku = '$1'"; }

# check_invariants SCENARIO: the engine's invariants over the whole database (sql/invariants.sql).
check_invariants() {
    local rows failing
    rows=$(db -F ' ' -f "$BENCH_DIR/sql/invariants.sql")
    failing=$(awk '$2 != 0 {printf "%s%s:%s", sep, $1, $2; sep = ","}' <<<"$rows")
    record "$1" invariants result="$([[ -z $failing ]] && echo pass || echo fail)" violations="${failing:-none}"
}

pass_if() { if "$@"; then echo pass; else echo fail; fi; }

# Start-up to ready: once on the fresh database (Flyway migrates), then STARTUP_RESTARTS times on the
# migrated one. Leaves the service running.
scenario_startup() {
    local runs=() i median
    start_service_timed
    record startup fresh seconds="$(ratio "$STARTUP_MS" 1000)" note="empty database, migrations run"
    for ((i = 0; i < STARTUP_RESTARTS; i++)); do
        stop_service
        start_service_timed
        runs+=("$STARTUP_MS")
    done
    median=$(printf '%s\n' "${runs[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%.2f", a[int((NR + 1) / 2)] / 1000}')
    record startup migrated seconds="$median" runs_ms="$(IFS=,; echo "${runs[*]}")" \
        note="launch of java -jar to the first 200 of /q/health/ready"
    record memory idle rss_max_mb=$(($(service_rss_kb) / 1024)) note="after start-up, before any load"
}

# Placement, half the products in stock and half backordered, at each concurrency level, after a
# warm-up that is reported too (a launch starts cold).
scenario_placement() {
    local clients
    product_exists MIX-1 || seed_products MIX "$PRODUCTS" 2 10000000
    wrk_case placement "cold-first-${WARMUP_S}s" 32 "$WARMUP_S" "$STAFF_TOKEN" MIX "$PRODUCTS" "$PLACE_ORDER_BODY" \
        ref=pgbench/many/c32 note="warm-up from a fresh JVM"
    for clients in $(words "$PLACEMENT_LEVELS"); do
        wrk_case placement "c$clients" "$clients" "$MEASURE_S" "$STAFF_TOKEN" MIX "$PRODUCTS" "$PLACE_ORDER_BODY" \
            ref="pgbench/many/c$clients"
    done
    check_invariants placement
}

# The launch: everyone orders the one product that has nothing left, so every order queues behind the
# last one on the same stock row. One product per level, each starting with an empty queue.
scenario_hot() {
    local clients
    for clients in $(words "$HOT_LEVELS"); do
        product_exists "HOT-C$clients" || seed_products "HOT-C$clients" 0 0 0
        wrk_run "$clients" "$MEASURE_S" "$STAFF_TOKEN" "HOT-C$clients" "" "$PLACE_ORDER_BODY"
        # shellcheck disable=SC2086
        record hot "c$clients" $LAST_FIGURES ref="pgbench/single/c$clients" waiting_after="$(waiting_units "HOT-C$clients")"
    done
    check_invariants hot
}

# pgbench_case CASE CLIENTS FIRST_ID LAST_ID: pgbench/placement.sql at that concurrency.
pgbench_case() {
    local case_name=$1 clients=$2 first=$3 last=$4 started output
    started=$(now_ms)
    output=$(PGPASSWORD=$PG_PASSWORD pgbench -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" \
        -c "$clients" -j $((clients < 2 ? 1 : 2)) -T "$PGBENCH_S" -D first_id="$first" -D last_id="$last" \
        -f "$BENCH_DIR/pgbench/placement.sql" "$PG_DB" 2>&1) || die "pgbench failed: $output"
    record pgbench "$case_name" clients="$clients" \
        tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' <<<"$output" | xargs printf '%.1f')" \
        latency_avg_ms="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$output")" \
        failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$output")" \
        $(resources_since "$started")
}

# The limit: the same SQL work as one placement, over as many products as the placement scenario and on
# one single product, at every concurrency a service figure is compared with.
scenario_pgbench() {
    local range first last count hot clients started_drain
    # The limit is the database's alone: the outbox still sending the earlier scenarios' mails (one per
    # backorder, one at a time) would take CPU from pgbench and flatter every ratio. Wait until it has
    # sent what is due, at most PGBENCH_DRAIN_S seconds, and record how long that took and what was left.
    started_drain=$(now_ms)
    while (($(mails_due) > 0 && $(now_ms) - started_drain < PGBENCH_DRAIN_S * 1000)); do
        sleep 2
    done
    record pgbench mail-drain seconds="$(seconds_since "$started_drain")" still_due="$(mails_due)" \
        note="the outbox sent the earlier scenarios' mails before pgbench ran"
    product_exists PGB-1 || seed_products PGB "$PRODUCTS" 2 10000000
    product_exists PGB-HOT || seed_products PGB-HOT 0 0 0
    range=$(db -F ' ' -c "SELECT min(id), max(id), count(*) FROM product WHERE sku LIKE 'PGB-%' AND sku <> 'PGB-HOT'")
    read -r first last count <<<"$range"
    ((last - first + 1 == count)) || die "PGB product ids are not contiguous: $range"
    hot=$(db -c "SELECT id FROM product WHERE sku = 'PGB-HOT'")
    for clients in $(words "$PLACEMENT_LEVELS"); do
        pgbench_case "many/c$clients" "$clients" "$first" "$last"
    done
    for clients in $(words "$PGBENCH_SINGLE_LEVELS"); do
        pgbench_case "single/c$clients" "$clients" "$hot" "$hot"
    done
    check_invariants pgbench
}

# The stampede: STAMPEDE_ORDERS orders at once for the STAMPEDE_UNITS last units of one product. Then the
# checks: nothing oversold, exactly the last units allocated, units and queue places in acceptance order;
# and a restock of half the waiting units must fill exactly the earliest half of the queue.
scenario_stampede() {
    local output accepted waiting half filled
    product_exists STAMPEDE || seed_products STAMPEDE 0 1 "$STAMPEDE_UNITS"
    output=$(node "$BENCH_DIR/node/stampede.mjs" "$SERVICE_URL/graphql" "$STAFF_TOKEN" STAMPEDE "$STAMPEDE_ORDERS")
    LAST_FIGURES=$(sed -n 's/^BENCH //p' <<<"$output")
    # shellcheck disable=SC2046,SC2086
    record stampede "orders$STAMPEDE_ORDERS-units$STAMPEDE_UNITS" $LAST_FIGURES ref=pgbench/single/c64 \
        note="pgbench ref: its highest single-row concurrency; the service itself holds at most DB_POOL_SIZE (20) connections"
    accepted=$(figure ok)
    LAST_FIGURES=$(db_script stampede.sql sku=STAMPEDE)
    # shellcheck disable=SC2086
    record stampede acceptance-order $LAST_FIGURES \
        check_oversold="$(pass_if test "$(figure oversold)" = 0)" \
        check_last_units_allocated="$(pass_if test "$(figure allocated)" = "$STAMPEDE_UNITS")" \
        stored_but_reported_failed="$(($(figure lines) - accepted))" \
        check_responses_match_stored_orders="$(pass_if test "$(figure lines)" = "$accepted")" \
        check_units_in_acceptance_order="$(pass_if test "$(figure served_after_queue)" = 0)" \
        check_queue_in_acceptance_order="$(pass_if test "$(figure fifo_not_commit_order)" = 0)"
    waiting=$(figure waiting)
    half=$((waiting / 2))
    if ((half > 0)); then
        gql "$STAFF_TOKEN" 'mutation ($sku: String!, $n: Int!) { receiveStock(sku: $sku, quantity: $n) { sku } }' \
            "{\"sku\":\"STAMPEDE\",\"n\":$half}" >/dev/null
        # The filled ones must be exactly the earliest half by FIFO key (= acceptance order, checked above).
        filled=$(db -c "SELECT count(*) FILTER (WHERE rank <= $half AND status = 'ALLOCATED')
                               + count(*) FILTER (WHERE rank > $half AND status = 'WAITING' AND allocated = 0)
                        FROM (SELECT status, allocated, row_number() OVER (ORDER BY fifo_key) AS rank FROM backorder b
                              JOIN product p ON p.id = b.product_id WHERE p.sku = 'STAMPEDE') q")
        record stampede restock-half waiting_before="$waiting" restocked="$half" \
            check_earliest_filled_first="$(pass_if test "$filled" = "$waiting")"
    fi
    check_invariants stampede
}

# Placement cost against queue length: the same orders on a product with DEPTH waiting backorders and on
# products with an empty queue, at each level (all orders are backordered in both).
scenario_depth() {
    local clients empty_rps load_s queue
    if ! product_exists DEPTH-DEEP; then
        seed_products DEPTH-DEEP 0 0 0
        load_s=$(load_queue DEPTH-DEEP "$DEPTH")
        record depth setup waiting="$DEPTH" bulk_load_s="$load_s"
    fi
    for clients in $(words "$DEPTH_LEVELS"); do
        product_exists "DEPTH-EMPTY-C$clients" || seed_products "DEPTH-EMPTY-C$clients" 0 0 0
        wrk_case depth "empty-c$clients" "$clients" "$MEASURE_S" "$STAFF_TOKEN" "DEPTH-EMPTY-C$clients" "" "$PLACE_ORDER_BODY"
        empty_rps=$(figure rps)
        queue=$(waiting_units DEPTH-DEEP)
        wrk_run "$clients" "$MEASURE_S" "$STAFF_TOKEN" DEPTH-DEEP "" "$PLACE_ORDER_BODY"
        # shellcheck disable=SC2086
        record depth "deep-c$clients" $LAST_FIGURES vs_empty="$(ratio "$(figure rps)" "$empty_rps" 3)" waiting_before="$queue"
    done
    check_invariants depth
}

# Restock: for each size, a product with that many waiting backorders (bulk-loaded in SQL), then one
# receiveStock through the API with exactly as many units, timed from send to response. Every backorder
# must be filled; the growth factor compares each time with the previous size's.
scenario_restock() {
    local n sku load_s started response seconds previous_n= previous_s= waiting
    for n in $(words "$RESTOCK_SIZES"); do
        sku=RESTOCK-$n
        product_exists "$sku" && { log "$sku exists already (rerun on a kept database?), skipped"; continue; }
        seed_products "$sku" 0 0 0
        load_s=$(load_queue "$sku" "$n")
        started=$(now_ms)
        response=$(gql "$STAFF_TOKEN" 'mutation ($sku: String!, $n: Int!) { receiveStock(sku: $sku, quantity: $n) { stock { onHand allocated } waitingBackorders } }' \
            "{\"sku\":\"$sku\",\"n\":$n}" 2>&1) || true
        seconds=$(seconds_since "$started")
        waiting=$(waiting_units "$sku")
        record restock "n$n" waiting="$n" bulk_load_s="$load_s" seconds="$seconds" \
            us_per_backorder="$(ratio "${seconds}e6" "$n" 1)" \
            growth="$(ratio "$seconds" "$previous_s")" size_factor="$(ratio "$n" "$previous_n" 0)" \
            check_all_filled="$(pass_if test "$waiting" = 0)" \
            error="$(grep -q '"errors"\|^curl' <<<"$response" && head -c 300 <<<"$response" || echo none)"
        previous_n=$n previous_s=$seconds
    done
    # Every fill queued an ALLOCATED mail: how fast the outbox drains them with nothing else going on.
    local sent_before started_drain
    sent_before=$(mails_sent)
    started_drain=$(now_ms)
    sleep "$MEASURE_S"
    record restock outbox-drain mails_per_s="$(ratio "$(($(mails_sent) - sent_before))" "$(seconds_since "$started_drain")" 1)" \
        pending="$(db -c "SELECT count(*) FROM notification WHERE state IN ('PENDING', 'SENDING')")" \
        note="mails sent to the SMTP sink per second over ${MEASURE_S} s, service otherwise idle"
    check_invariants restock
}

watches_ended() { [[ $(live_counts) == "0 "* ]]; }

# Fan-out: for each size, that many WebSocket subscribers of one product's stock and one restock; every
# subscriber must hear it, and their watches must end when they disconnect.
scenario_subscribers() {
    local n output started ended
    product_exists LIVE || seed_products LIVE 0 0 0
    for n in $(words "$SUBSCRIBER_SIZES"); do
        started=$(now_ms)
        output=$(node "$BENCH_DIR/node/subscribers.mjs" "$SERVICE_URL" LIVE "$n" "$CUSTOMER_TOKEN" "$STAFF_TOKEN" \
            "$SERVICE_PID" "$SUBSCRIBER_TIMEOUT_S")
        LAST_FIGURES="$(sed -n 's/^BENCH //p' <<<"$output") $(resources_since "$started")"
        ended=$(pass_if wait_for 60 watches_ended)
        # shellcheck disable=SC2086
        record subscribers "n$n" $LAST_FIGURES \
            check_every_event_delivered="$(pass_if test "$(figure delivered)" = "$n" -a "$(figure wrong_state)" = 0)" \
            check_watches_end_on_close="$ended"
    done
    check_invariants subscribers
}

# Read load: the catalogue (anonymous), one product by SKU, and staff's backorder list of the longest
# queue (with places in line).
scenario_queries() {
    local longest
    product_exists MIX-1 || seed_products MIX "$PRODUCTS" 2 10000000
    wrk_case queries catalogue-page "$QUERY_CLIENTS" "$MEASURE_S" "" "" "" \
        '{"query":"{ products(first: 20) { edges { node { sku name price { amount currencyCode } stock { available } waitingBackorders } } pageInfo { endCursor hasNextPage } } }"}'
    wrk_case queries product-by-sku "$QUERY_CLIENTS" "$MEASURE_S" "" MIX "$PRODUCTS" \
        '{"query":"query ($sku: String!) { product(sku: $sku) { sku name price { amount currencyCode } backorderPolicy stock { onHand available } waitingBackorders } }","variables":{"sku":"$SKU"}}'
    longest=$(db -F ' ' -c "SELECT p.sku, s.backordered FROM stock s JOIN product p ON p.id = s.product_id ORDER BY s.backordered DESC LIMIT 1")
    wrk_case queries backorder-list "$QUERY_CLIENTS" "$MEASURE_S" "$STAFF_TOKEN" "${longest% *}" "" \
        '{"query":"query ($sku: String!) { backorders(sku: $sku, status: WAITING, first: 20) { edges { node { id sku queuePosition eta { date } } } pageInfo { endCursor hasNextPage } } }","variables":{"sku":"$SKU"}}' \
        queue_length="${longest#* }"
    check_invariants queries
}

# --- Issue 20: what the storefront asks before the sale -----------------------------------------------

# cpu_per_op: the service's and PostgreSQL's CPU per successful request of the last load run, in ms (a
# percent of one core is 10 ms of CPU a second): what a request costs, less shaken than throughput by
# whatever else the machine runs.
cpu_per_op() {
    local rps service pg
    rps=$(figure rps) service=$(figure service_cpu_pct) pg=$(figure pg_cpu_pct)
    [[ -n $service && -n $pg ]] || return 0
    printf 'service_cpu_ms_per_op=%s pg_cpu_ms_per_op=%s' "$(ratio "$((service * 10))" "$rps")" "$(ratio "$((pg * 10))" "$rps")"
}

# The catalogue page a storefront shows (issue 20), without and with each product's availability for one
# unit; $after is the page's cursor. No double quotes: they go into a JSON string as they are.
CATALOGUE_NODE='sku name price { amount currencyCode } stock { available }'
CATALOGUE_QUERY="query (\$after: String) { products(first: 20, after: \$after) { edges { node { $CATALOGUE_NODE } } } }"
CATALOGUE_AVAILABILITY_QUERY="query (\$after: String) { products(first: 20, after: \$after) { edges { node { $CATALOGUE_NODE availability { status eta deliveries { quantity date source } } } } } }"

catalogue_body() { printf '{"query":"%s","variables":{"after":$PICK}}' "$1"; }

# prepare_catalogue SCENARIO: the catalogue pages (sql/catalogue.sql: CATALOGUE_PAGES pages of 20 products
# in a shop's mix), seeded once; then bench/node/catalogue.mjs finds each page's cursor through the API
# (CATALOGUE_CURSORS, one JSON value per page), checks every page shows the same mix, records it, and
# writes the products a shopper could order to $WORK/orderable-skus.
CATALOGUE_CURSORS=
prepare_catalogue() {
    local started output
    if ! product_exists CAT-1; then
        started=$(now_ms)
        db_script catalogue.sql prefix=CAT pages="$CATALOGUE_PAGES" deep_queue="$CATALOGUE_DEEP_QUEUE" >/dev/null
        record "$1" setup products=$((20 * CATALOGUE_PAGES)) \
            waiting="$(db -c "SELECT sum(s.backordered) FROM stock s JOIN product p ON p.id = s.product_id WHERE p.sku LIKE 'CAT-%'")" \
            bulk_load_s="$(seconds_since "$started")"
    fi
    output=$(node "$BENCH_DIR/node/catalogue.mjs" "$SERVICE_URL/graphql" CAT "$CATALOGUE_PAGES" \
        "$CATALOGUE_AVAILABILITY_QUERY" "$WORK/orderable-skus") || die "the catalogue pages are not as seeded (above)"
    CATALOGUE_CURSORS=$(sed -n 's/^CURSORS //p' <<<"$output")
    # shellcheck disable=SC2046
    record "$1" page-mix $(sed -n 's/^BENCH //p' <<<"$output")
}

# The catalogue page with availability against the same page without it: the same pages (a random one of
# CATALOGUE_PAGES per request, anonymous, as a storefront's visitors), the same clients, both measured at
# each level one after the other, the first of the two alternating between levels so that neither always
# runs on a warmer service. After a warm-up of both, reported as rows of their own.
scenario_catalogue() {
    local clients document order level=0 run plain_rps plain_p99
    local -A bodies figures
    prepare_catalogue catalogue
    bodies[plain]=$(catalogue_body "$CATALOGUE_QUERY")
    bodies[availability]=$(catalogue_body "$CATALOGUE_AVAILABILITY_QUERY")
    for document in plain availability; do
        BENCH_PICK=$CATALOGUE_CURSORS wrk_run 32 $((WARMUP_S / 2)) "" "" "" "${bodies[$document]}"
        # shellcheck disable=SC2046,SC2086
        record catalogue "warm-up-$document-$((WARMUP_S / 2))s" $LAST_FIGURES $(cpu_per_op)
    done
    for clients in $(words "$CATALOGUE_LEVELS"); do
        if ((level++ % 2 == 0)); then order="plain availability"; else order="availability plain"; fi
        run=0
        for document in $order; do
            BENCH_PICK=$CATALOGUE_CURSORS wrk_run "$clients" "$MEASURE_S" "" "" "" "${bodies[$document]}"
            figures[$document]="$LAST_FIGURES $(cpu_per_op) run_order=$((++run))"
        done
        LAST_FIGURES=${figures[plain]}
        plain_rps=$(figure rps) plain_p99=$(figure p99_ms)
        # shellcheck disable=SC2086
        record catalogue "plain-c$clients" ${figures[plain]}
        LAST_FIGURES=${figures[availability]}
        # shellcheck disable=SC2086
        record catalogue "availability-c$clients" ${figures[availability]} \
            vs_plain="$(ratio "$(figure rps)" "$plain_rps" 3)" p99_vs_plain="$(ratio "$(figure p99_ms)" "$plain_p99")"
        figures=()
    done
    check_invariants catalogue
}

# Before any load: the quote scenario needs issue 20's API (Query.quote, PlaceOrderInput.quoteToken). A
# service without it answers these two requests (for a SKU that does not exist, so nothing is written) with
# a validation error; then the run stops now, with that answer, not after the scenarios before it.
preflight_quote() {
    local answer
    for answer in \
        "$(gql "$STAFF_TOKEN" 'query ($lines: [OrderLineInput!]!) { quote(lines: $lines) { token expiresAt } }' \
            '{"lines":[{"sku":"NO-SUCH-SKU","quantity":1}]}')" \
        "$(gql "$STAFF_TOKEN" 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }' \
            '{"input":{"customerEmail":"preflight@bench.example","lines":[{"sku":"NO-SUCH-SKU","quantity":1}],"quoteToken":"preflight"}}')"; do
        if [[ $answer != *'"errors"'* ]] || grep -qiE 'ValidationError|undefined|not defined' <<<"$answer"; then
            die "the service lacks issue 20's quote API (Query.quote, PlaceOrderInput.quoteToken), needed by the quote scenario; it answered: ${answer:0:400}"
        fi
    done
}

# quote_run MODE CLIENTS SECONDS SKU_FILE: bench/node/quote.mjs in that mode; sets LAST_FIGURES like wrk_run.
quote_run() {
    local started output status=0
    started=$(now_ms)
    output=$(node "$BENCH_DIR/node/quote.mjs" "$1" "$SERVICE_URL/graphql" "$STAFF_TOKEN" "$WORK/$4" "$2" "$3") || status=$?
    ((status != 2)) || die "the service lacks issue 20's quote API (above)"
    ((status == 0)) || die "quote.mjs $1 failed (exit status $status; its message is above): $output"
    LAST_FIGURES="$(sed -n 's/^BENCH //p' <<<"$output") $(resources_since "$started")"
    LAST_FIGURES+=" $(cpu_per_op)"
}

# The quote's checks on a case: no failure but QUOTE_CHANGED, no order worse than its quote, and every
# QUOTE_CHANGED carrying the fresh quote.
quote_checks() {
    printf 'check_no_other_errors=%s check_not_worse_than_quoted=%s check_quote_changed_carries_quote=%s' \
        "$(pass_if test "$(figure failed)" = 0)" "$(pass_if test "$(figure worse_than_quoted)" = 0)" \
        "$(pass_if test "$(figure quote_changed)" = "$(figure quote_changed_with_fresh_quote)")"
}

# Placement with a quote against plain placement: the same products, QUOTE-1 .. QUOTE-PRODUCTS (ALLOW, 14
# days' lead time, no stock and no supply announced, so every order waits and is expected today + 14 days:
# the date any quote made today tells, so no quote's promise turns false during the run and QUOTE_CHANGED
# should stay 0); the same clients, the same Node client (bench/node/quote.mjs), staff placing for random
# customers as in the placement scenario. At each level: plain placement, placement with a token quoted
# before the run (the cost of checking it), and a storefront's checkout (quote, then place with its token),
# in an order rotating between levels. Then the quote alone, of 3-line carts of the catalogue's orderable
# products (its realistic mix, see scenario_catalogue).
scenario_quote() {
    local clients mode modes level=0 run plain_rps
    local -A figures
    product_exists QUOTE-1 || seed_products QUOTE "$PRODUCTS" 0 0
    db -c "SELECT sku FROM product WHERE sku LIKE 'QUOTE-%' ORDER BY id" >"$WORK/quote-skus"
    [[ -s $WORK/orderable-skus ]] || prepare_catalogue quote
    quote_run checkout 32 "$WARMUP_S" quote-skus
    # shellcheck disable=SC2046,SC2086
    record quote "warm-up-checkout-${WARMUP_S}s" $LAST_FIGURES $(quote_checks) note="warm-up from the service as the scenarios before left it"
    for clients in $(words "$QUOTE_LEVELS"); do
        case $((level++ % 3)) in
            0) modes="plain token checkout" ;;
            1) modes="token checkout plain" ;;
            *) modes="checkout plain token" ;;
        esac
        run=0
        for mode in $modes; do
            quote_run "$mode" "$clients" "$MEASURE_S" quote-skus
            figures[$mode]="$LAST_FIGURES $(quote_checks) run_order=$((++run))"
        done
        LAST_FIGURES=${figures[plain]}
        plain_rps=$(figure rps)
        for mode in plain token checkout; do
            LAST_FIGURES=${figures[$mode]}
            # shellcheck disable=SC2086
            record quote "$mode-c$clients" ${figures[$mode]} \
                $([[ $mode == plain ]] || echo "vs_plain=$(ratio "$(figure rps)" "$plain_rps" 3)")
        done
        figures=()
    done
    for clients in $(words "$QUOTE_LEVELS"); do
        quote_run quote "$clients" "$MEASURE_S" orderable-skus
        # shellcheck disable=SC2046,SC2086
        record quote "cart3-c$clients" $LAST_FIGURES $(quote_checks)
    done
    check_invariants quote
}

# The PostgreSQL server's log, where auto_explain writes the plans (pg_createcluster's default place, or the
# private instance's log file).
pg_log_file() {
    if [[ $PG_MODE == cluster ]]; then echo "/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"; else echo "$WORK/postgres.log"; fi
}

# insight_run CALLS WARMUP: bench/node/insight.mjs, its BENCH lines on stdout.
insight_run() {
    node "$BENCH_DIR/node/insight.mjs" "$SERVICE_URL/graphql" "$STAFF_TOKEN" "$1" "$2" || die "an insight query failed (above)"
}

# Issue 21's insight at a shop's size (sql/insight.sql: INSIGHT_ORDERS orders over 180 days, INSIGHT_PRODUCTS
# products, INSIGHT_SUPPLIERS suppliers with their purchase orders and deliveries), seeded once. Each staff query
# through GraphQL, one call at a time as a back-office page makes them: median and p95 of INSIGHT_CALLS calls
# after 2 warm-up calls. Then each once more with auto_explain on (the service restarted so that its
# connections load it, and again after, without): the plans of the statements that took 20 ms or more go to
# results/<stamp>-insight-plans.log, their key lines (duration, top node, the scans that read over 1,000 rows)
# to the results.
scenario_insight() {
    local started line name plans name_count=0
    if ! product_exists INS-1; then
        started=$(now_ms)
        db_script insight.sql prefix=INS products="$INSIGHT_PRODUCTS" suppliers="$INSIGHT_SUPPLIERS" \
            orders="$INSIGHT_ORDERS" days=180 >/dev/null
        record insight setup bulk_load_s="$(seconds_since "$started")"
    fi
    # shellcheck disable=SC2046 # key=value words
    record insight data-sizes $(db -c "SELECT format('orders=%s order_lines=%s products=%s suppliers=%s backorders=%s waiting_backorders=%s purchase_orders=%s deliveries=%s received_deliveries=%s',
        (SELECT count(*) FROM customer_order), (SELECT count(*) FROM order_line), (SELECT count(*) FROM product),
        (SELECT count(*) FROM supplier), (SELECT count(*) FROM backorder),
        (SELECT count(*) FROM backorder WHERE status = 'WAITING'), (SELECT count(*) FROM purchase_order),
        (SELECT count(*) FROM inbound_shipment WHERE supplier_id IS NOT NULL),
        (SELECT count(*) FROM inbound_shipment WHERE supplier_id IS NOT NULL AND status = 'RECEIVED'))") \
        note="the whole database, which every query reads"
    while read -r line; do
        name=$(sed -n 's/^BENCH query=\([^ ]*\).*/\1/p' <<<"$line")
        [[ -n $name ]] || continue
        # shellcheck disable=SC2046
        record insight "$name" $(sed 's/^BENCH query=[^ ]* //' <<<"$line")
    done < <(insight_run "$INSIGHT_CALLS" 2)

    plans=$RESULTS_DIR/$STAMP-insight-plans.log
    pg_admin -d "$PG_DB" -c "ALTER DATABASE $PG_DB SET session_preload_libraries = 'auto_explain'" \
        -c "ALTER DATABASE $PG_DB SET auto_explain.log_min_duration = '20ms'" \
        -c "ALTER DATABASE $PG_DB SET auto_explain.log_analyze = on"
    stop_service
    start_service_timed
    started=$(wc -c <"$(pg_log_file)")
    insight_run 1 0 >/dev/null
    tail -c +$((started + 1)) "$(pg_log_file)" >"$plans"
    pg_admin -d "$PG_DB" -c "ALTER DATABASE $PG_DB RESET ALL"
    stop_service
    start_service_timed
    # Per plan of an insight statement (each begins WITH; the service's other work, such as revising estimates,
    # is left out): its duration and first words, its top node, and the scans that read more than 1,000 rows.
    while read -r line; do
        # shellcheck disable=SC2086
        record insight "plan-$((++name_count))" $line
    done < <(awk '
        function flush() { if (duration != "" && text ~ /^WITH_/) printf "duration_ms=%s statement=%s top=%s big_scans=%s\n", duration, text, top, scans == "" ? "none" : scans }
        /duration: [0-9.]+ ms  plan:/ { flush(); match($0, /duration: [0-9.]+/); duration = substr($0, RSTART + 10, RLENGTH - 10); text = ""; top = ""; scans = ""; next }
        /Query Text:/ { sub(/.*Query Text: */, ""); gsub(/[^A-Za-z0-9_]+/, "_"); text = substr($0, 1, 60); next }
        duration != "" && top == "" && /\(cost=|\(actual/ { t = $0; sub(/^[^A-Za-z]*/, "", t); sub(/ *\(.*/, "", t); gsub(/ /, "_", t); top = t; next }
        duration != "" && /(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan) on/ && match($0, /rows=[0-9]+ loops=[0-9]+\)/) {
            split(substr($0, RSTART, RLENGTH), r, /[= )]/); if (r[2] * r[4] > 1000) { s = $0; sub(/^[^A-Za-z]*/, "", s); sub(/ *\(cost.*/, "", s); gsub(/ /, "_", s); scans = scans (scans == "" ? "" : ",") s ":" r[2] * r[4] } }
        END { flush() }' "$plans")
    log "insight plans: $plans"
    check_invariants insight
}
