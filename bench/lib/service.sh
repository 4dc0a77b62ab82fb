# The service under test: built jar, run in prod mode with real tokens, a mail sink, and its resource use.
# Sourced by run.sh.

SERVICE_PORT=${BENCH_PORT:-18080}
SERVICE_URL=http://127.0.0.1:$SERVICE_PORT
SMTP_PORT=${BENCH_SMTP_PORT:-2525}
ISSUER=https://bench.backorders.invalid
AUDIENCE=backorders
SERVICE_PID=
SMTP_PID=
SAMPLER_PID=
CLK_TCK=$(getconf CLK_TCK)

# With an AppCDS archive of the classes start-up loads (made by the same JDK that runs it here), which
# start_service uses when present: about a second less start-up on these cores.
build_service() {
    log "building the production artifact (./mvnw -q package -DskipTests, with AppCDS)"
    (cd "$REPO_DIR" && ./mvnw -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true) || die "build failed"
}

# An RSA key pair standing in for the shop's identity provider; the service trusts the public half.
make_keys() {
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt-private.pem" 2>/dev/null
    openssl pkey -in "$WORK/jwt-private.pem" -pubout -out "$WORK/jwt-public.pem"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# mint_token GROUP EMAIL: an RS256 JWT as an OIDC provider issues it (iss, aud, exp, groups, a verified
# email), valid for BENCH_TOKEN_HOURS (default 3) hours so no subscription ends during the run.
mint_token() {
    local group=$1 email=$2 now header payload
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
    payload=$(printf '{"iss":"%s","aud":"%s","sub":"%s","email":"%s","email_verified":true,"groups":["%s"],"iat":%d,"exp":%d,"jti":"%s"}' \
        "$ISSUER" "$AUDIENCE" "$email" "$email" "$group" "$now" $((now + ${BENCH_TOKEN_HOURS:-3} * 3600)) \
        "$(openssl rand -hex 8)" | b64url)
    printf '%s.%s.%s' "$header" "$payload" \
        "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$WORK/jwt-private.pem" | b64url)"
}

# Mail goes to a local SMTP sink that accepts and discards everything, so the outbox dispatcher does
# its real work (claim, render, SMTP, mark sent) without mail leaving the machine. Quarkus' mock mailer
# would keep every mail in memory and distort the resident-memory figure.
start_smtp_sink() {
    node "$BENCH_DIR/node/smtp-sink.mjs" "$SMTP_PORT" >"$WORK/smtp-sink.log" 2>&1 &
    SMTP_PID=$!
    wait_for 10 bash -c "echo >/dev/tcp/127.0.0.1/$SMTP_PORT" 2>/dev/null || die "SMTP sink did not start"
}

# Starts the jar in prod mode (the default profile of the packaged app); sets SERVICE_PID.
start_service() {
    [[ -z $SERVICE_PID ]] || die "service already running"
    # Another process on the port would answer the readiness probe and be measured instead.
    ! curl -s -o /dev/null "$SERVICE_URL/" || die "something already listens on $SERVICE_URL (set BENCH_PORT)"
    # Sized by run.sh (SERVICE_JAVA_OPTS) unless JAVA_OPTS says otherwise: left to itself the JVM would take a
    # quarter of this machine's memory.
    local jvm_options=${JAVA_OPTS:-$SERVICE_JAVA_OPTS}
    local app=$REPO_DIR/target/quarkus-app
    # The archive holds the class path as it was made: relative, so the jar is started from its directory.
    [[ -f $app/app-cds.jsa ]] && jvm_options+=" -XX:SharedArchiveFile=app-cds.jsa"
    # The subscribers scenario's thousands of storefront pages all present one customer's token: the
    # per-customer and per-instance subscription quotas (30, 3,000) would refuse all but the first.
    # shellcheck disable=SC2086 # a list of JVM options
    (cd "$app" && exec env QUARKUS_HTTP_PORT="$SERVICE_PORT" \
        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/$PG_DB" \
        QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
        MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/jwt-public.pem" MP_JWT_VERIFY_ISSUER="$ISSUER" \
        MP_JWT_VERIFY_AUDIENCES="$AUDIENCE" \
        SHOP_LINKS_SECRET="$LINKS_SECRET" \
        SHOP_LIVE_MAX_SUBSCRIPTIONS=20000 SHOP_LIVE_MAX_PER_CUSTOMER=20000 \
        QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$SMTP_PORT" \
        java $jvm_options -jar quarkus-run.jar) >>"$WORK/service.log" 2>&1 &
    SERVICE_PID=$!
}

is_ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_URL/q/health/ready") == 200 ]]; }

# Starts the service and waits for readiness; sets STARTUP_MS to the milliseconds from launch to the
# first 200 of /q/health/ready (readiness includes the change feed's LISTEN, so the service is fully
# usable then). Not meant for $(...): the service's pid must stay in this shell.
STARTUP_MS=
start_service_timed() {
    local started
    started=$(now_ms)
    start_service
    wait_for 180 is_ready || { tail -50 "$WORK/service.log" >&2; die "service not ready after 180 s"; }
    STARTUP_MS=$(($(now_ms) - started))
}

stop_service() { stop_background SERVICE_PID; }

# Fails the run if the service is gone (crashed, or killed from outside), saying when and how it ended,
# rather than letting the next scenario report connection errors as the service's figures.
ensure_service_alive() {
    kill -0 "$SERVICE_PID" 2>/dev/null && return 0
    local status=0
    wait "$SERVICE_PID" || status=$?
    SERVICE_PID=
    record checks service-alive result=fail after="$1" exit_status="$status" \
        note="$( ((status > 128)) && echo "ended by signal $((status - 128))" || echo "exited")"
    die "the service ended during scenario $1 (exit status $status); see the service log"
}

# How many live subscriptions the service serves and how many still read their starting state, from
# the readiness check's data: "subscriptions starting".
live_counts() {
    curl -s "$SERVICE_URL/q/health/ready" | node -e '
        let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
            const data = JSON.parse(s).checks.find(c => c.data && "subscriptions" in c.data).data;
            console.log(data.subscriptions, data.starting); });'
}

# gql TOKEN QUERY [VARIABLES_JSON]: one GraphQL request, the response on stdout. The query must not
# contain double quotes (pass values as variables).
gql() {
    local token=$1 query=$2 variables=${3:-'{}'}
    curl -sS --max-time "${BENCH_HTTP_TIMEOUT:-900}" "$SERVICE_URL/graphql" \
        -H 'Content-Type: application/json' ${token:+-H "Authorization: Bearer $token"} \
        -d "{\"query\":\"$query\",\"variables\":$variables}"
}

service_rss_kb() {
    local key value _
    while read -r key value _; do
        [[ $key == VmRSS: ]] && { echo "$value"; return; }
    done <"/proc/$SERVICE_PID/status"
}

# "busy total": CPU ticks the whole machine spent busy so far (all processes, ours or not) and in all,
# summed over its cores, from /proc/stat. Elapsed time is total / cores: read at the same instant as the
# processes' ticks, it keeps the percentages right when a loaded machine delays the sampler.
machine_ticks() {
    local _ user nice system idle iowait irq softirq steal
    read -r _ user nice system idle iowait irq softirq steal _ </proc/stat
    echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}
machine_busy_ticks() { local busy _; read -r busy _ <<<"$(machine_ticks)"; echo "$busy"; }

# Percent of one core the machine spent busy over the next 3 seconds, before anything of ours runs: on
# a machine shared with other work, every figure of the run is lower than on a quiet one.
machine_busy_pct_now() {
    local before after
    before=$(machine_busy_ticks)
    sleep 3
    after=$(machine_busy_ticks)
    echo $((100 * (after - before) / CLK_TCK / 3))  # 3 s of wall time: nothing of ours delays this one
}

# Samples the service's resident memory and the CPU of the service, of PostgreSQL and of the whole
# machine once a second into $WORK/samples ("epoch_ms rss_kb service_ticks pg_ticks busy_ticks total_ticks"),
# for the per-scenario figures. The machine's figure shows what the load generators and anything else
# running took: the service's figures are only comparable between runs where that was similar.
start_sampler() {
    (
        while kill -0 "$SERVICE_PID" 2>/dev/null; do
            printf '%s %s %s %s %s\n' "$(now_ms)" "$(service_rss_kb)" "$(proc_ticks "$SERVICE_PID")" \
                "$(pg_cpu_ticks)" "$(machine_ticks)"
            sleep 1
        done
    ) >>"$WORK/samples" 2>/dev/null &
    SAMPLER_PID=$!
}

stop_sampler() { stop_background SAMPLER_PID; }

# resources_since START_MS: key=value figures of the samples taken since then: peak RSS (MB) and the
# average CPU of the service, of PostgreSQL and of the whole machine in percent of one core (200 = both
# cores of this machine).
resources_since() {
    awk -v from="$1" -v cores="$(nproc)" '
        $1 >= from {
            if (!n++) { s0 = $3; p0 = $4; b0 = $5; a0 = $6 }
            if ($2 > rss) rss = $2; s1 = $3; p1 = $4; b1 = $5; a1 = $6
        }
        END {
            if (n == 0) exit
            elapsed = (a1 - a0) / cores
            if (n < 2 || elapsed <= 0) { printf "rss_max_mb=%.0f", rss / 1024; exit }
            printf "rss_max_mb=%.0f service_cpu_pct=%.0f pg_cpu_pct=%.0f machine_cpu_pct=%.0f", rss / 1024,
                100 * (s1 - s0) / elapsed, 100 * (p1 - p0) / elapsed, 100 * (b1 - b0) / elapsed
        }' "$WORK/samples"
}
