# PostgreSQL for the benchmark: a dedicated server on its own port, created for the run and removed after.
# Sourced by run.sh. Port 5432 is left alone on purpose: the test suite's embedded PostgreSQL probes it.
#
# Two ways, first that works:
#  1. Debian/Ubuntu's postgresql-common (pg_createcluster/pg_ctlcluster): a cluster named $PG_CLUSTER of
#     the newest installed major version.
#  2. Any PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin: a private
#     instance initdb'd into the work directory.
# psql and pgbench must be installed in both cases (the figures and checks need them).

PG_PORT=${BENCH_PG_PORT:-5433}
PG_CLUSTER=${BENCH_PG_CLUSTER:-bench}
PG_DB=backorders_bench
PG_USER=backorders_bench
PG_PASSWORD=$(openssl rand -hex 16)
PG_MODE=
PG_BIN=
PG_VERSION=

# Server settings, the same for the service and pgbench. track_commit_timestamp lets the stampede check
# that units went out in the order transactions took the stock lock (commit order, under that lock).
PG_SETTINGS=(
    "max_connections=200"
    "shared_buffers=512MB"
    "track_commit_timestamp=on"
)

# Runs a command as the PostgreSQL OS user when we are root (initdb and the server refuse root).
as_pg_owner() {
    if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
    if command -v pg_createcluster >/dev/null && command -v pg_ctlcluster >/dev/null && ((EUID == 0)); then
        PG_MODE=cluster
        PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
        PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
        if pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c' | grep -q .; then
            log "removing the leftover cluster $PG_VERSION/$PG_CLUSTER from an earlier run"
            pg_dropcluster --stop "$PG_VERSION" "$PG_CLUSTER"
        fi
        local options=() setting
        for setting in "${PG_SETTINGS[@]}"; do options+=(-o "$setting"); done
        log "creating PostgreSQL $PG_VERSION cluster '$PG_CLUSTER' on port $PG_PORT"
        pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" --start-conf manual "${options[@]}" >/dev/null
        pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
    else
        PG_MODE=private
        PG_BIN=$(dirname "$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
        [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || die "no PostgreSQL server found: install postgresql (server, psql, pgbench)"
        PG_VERSION=$("$PG_BIN/postgres" --version | awk '{print $3}')
        PG_DATA=$WORK/pgdata
        mkdir -p "$PG_DATA"
        ((EUID == 0)) && chown postgres "$PG_DATA" "$WORK"
        log "initdb of a private PostgreSQL $PG_VERSION in $PG_DATA, port $PG_PORT"
        as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -A scram-sha-256 --username=postgres --pwfile=<(echo "$PG_PASSWORD") >/dev/null
        printf '%s\n' "${PG_SETTINGS[@]}" "port=$PG_PORT" "listen_addresses='127.0.0.1'" "unix_socket_directories='$PG_DATA'" >>"$PG_DATA/postgresql.conf"
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/postgres.log" -w start >/dev/null
    fi
    command -v psql >/dev/null && command -v pgbench >/dev/null || die "psql and pgbench are needed"
    pg_create_database
}

# Superuser statements: over the local socket as postgres (cluster) or with the initdb password (private).
pg_admin() {
    if [[ $PG_MODE == cluster ]]; then
        runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
    else
        PGPASSWORD=$PG_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
    fi
}

pg_create_database() {
    pg_admin -d postgres <<SQL
CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
CREATE DATABASE $PG_DB OWNER $PG_USER;
SQL
}

# psql as the service's role over TCP, the way the service connects. Extra arguments go to psql.
db() {
    PGPASSWORD=$PG_PASSWORD psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" "$@"
}

# Runs one of bench/sql/*.sql with psql variables (name=value ...).
db_script() {
    local file=$1 vars=() pair
    shift
    for pair in "$@"; do vars+=(-v "$pair"); done
    db "${vars[@]}" -f "$BENCH_DIR/sql/$file"
}

# CPU ticks (user+system) of the server so far: the postmaster, its exited children (cutime/cstime) and
# the backends still running.
pg_cpu_ticks() {
    local postmaster child total
    read -r postmaster <"$(pg_data_dir)/postmaster.pid" 2>/dev/null || { echo 0; return; }
    total=$(proc_ticks "$postmaster" 1)
    for child in $(pgrep -P "$postmaster"); do
        total=$((total + $(proc_ticks "$child")))
    done
    echo "$total"
}

pg_data_dir() {
    if [[ $PG_MODE == cluster ]]; then echo "/var/lib/postgresql/$PG_VERSION/$PG_CLUSTER"; else echo "$PG_DATA"; fi
}

# Stops the server and removes its data, unless BENCH_KEEP_DB=1 (then it is left stopped, to inspect).
pg_stop() {
    case $PG_MODE in
        cluster)
            if [[ ${BENCH_KEEP_DB:-0} == 1 ]]; then
                pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop || true
                log "cluster $PG_VERSION/$PG_CLUSTER kept, stopped (pg_dropcluster $PG_VERSION $PG_CLUSTER removes it)"
            else
                pg_dropcluster --stop "$PG_VERSION" "$PG_CLUSTER" || true
            fi ;;
        private)
            as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true ;;
    esac
}
