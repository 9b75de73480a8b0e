#!/usr/bin/env bash
# The test command of FillWatch: `scripts/test.sh [extra Maven arguments, e.g. -o]`.
#
# On a Debian machine (root or sudo, apt reachable) it installs what is missing, starts InfluxDB,
# Mosquitto and PostgreSQL on 127.0.0.1 unless something already answers on their ports, runs
# `mvn -B verify` (unit tests, then the integration tests against those servers), stops only the
# servers it started, and exits with Maven's exit code.
#
# Environment:
#   FILLWATCH_TEST_SERVERS_DIR  where generated configs, data and logs go (default target/test-servers)
#   INFLUX_PORT MQTT_PORT PG_PORT  ports to check/start on (defaults 8086 1883 5432)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
WORK=${FILLWATCH_TEST_SERVERS_DIR:-$ROOT/target/test-servers}
INFLUX_PORT=${INFLUX_PORT:-8086}
MQTT_PORT=${MQTT_PORT:-1883}
PG_PORT=${PG_PORT:-5432}

INFLUX_PID=""
MOSQUITTO_PID=""
PG_STARTED=""

log() { echo "[test.sh] $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

answers() { # true when something accepts TCP connections on 127.0.0.1:$1
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for() { # wait_for NAME SECONDS COMMAND...
    local name=$1 seconds=$2
    shift 2
    for _ in $(seq 1 $((seconds * 5))); do
        if "$@"; then return 0; fi
        sleep 0.2
    done
    log "$name did not come up within ${seconds}s"
    return 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_missing() {
    local missing=() pkg
    command -v influxd >/dev/null 2>&1 || missing+=(influxdb)
    command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
    command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    # parses docker-compose.yml the way `docker compose config` does (no Docker engine runs here)
    command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
    command -v mvn >/dev/null 2>&1 || missing+=(maven)
    command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)   # Java 17 or newer
    # RTSP stream tests: a PLAY-mode RTSP server like an IP camera's
    for pkg in gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly \
               gstreamer1.0-plugins-base gstreamer1.0-plugins-bad gstreamer1.0-libav gstreamer1.0-tools python3-gi gir1.2-gstreamer-1.0; do
        installed "$pkg" || missing+=("$pkg")
    done
    # TorchScriptModelTest: Debian's torch (run with /usr/bin/python3) writes a small TorchScript model
    installed python3-torch || missing+=(python3-torch)
    # browser tests (Selenium) drive Debian's headless Chromium through its chromedriver
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    # the reference Python pipeline of the benchmarks (bench/) reads frames with OpenCV
    installed python3-opencv || missing+=(python3-opencv)
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    log "installing: ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

influx_ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$INFLUX_PORT/ping")" = 204 ]; }

start_influxdb() {
    if answers "$INFLUX_PORT"; then
        log "InfluxDB: something already answers on $INFLUX_PORT, using it"
        return 0
    fi
    local dir=$WORK/influxdb
    mkdir -p "$dir/meta" "$dir/data" "$dir/wal"
    cat > "$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((INFLUX_PORT + 2))"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$INFLUX_PORT"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
    log "starting InfluxDB on 127.0.0.1:$INFLUX_PORT (log $dir/influxd.log)"
    influxd run -config "$dir/influxdb.conf" > "$dir/influxd.log" 2>&1 &
    INFLUX_PID=$!
    wait_for InfluxDB 30 influx_ready
}

start_mosquitto() {
    if answers "$MQTT_PORT"; then
        log "Mosquitto: something already answers on $MQTT_PORT, using it"
        return 0
    fi
    local dir=$WORK/mosquitto mosquitto
    mkdir -p "$dir"
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$MQTT_PORT" > "$dir/mosquitto.conf"
    chmod 644 "$dir/mosquitto.conf"
    mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
    log "starting Mosquitto on 127.0.0.1:$MQTT_PORT (log $dir/mosquitto.log)"
    "$mosquitto" -c "$dir/mosquitto.conf" > "$dir/mosquitto.log" 2>&1 &
    MOSQUITTO_PID=$!
    wait_for Mosquitto 15 answers "$MQTT_PORT"
}

pg_version() { ls /usr/lib/postgresql | sort -V | tail -n 1; }

pg_trusts_tests() { # the tests connect as postgres over TCP without a password
    PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -w -Atqc 'SELECT 1' >/dev/null 2>&1
}

pg_allow_trust() { # pg_allow_trust VERSION: lets postgres in from 127.0.0.1 without a password
    local hba=/etc/postgresql/$1/main/pg_hba.conf
    if ! as_root grep -qE '^host\s+all\s+postgres\s+127\.0\.0\.1/32\s+trust' "$hba"; then
        log "adding 'host all postgres 127.0.0.1/32 trust' to $hba"
        as_root sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
        return 0
    fi
    return 1
}

start_postgresql() {
    local version
    version=$(pg_version)
    if answers "$PG_PORT"; then
        log "PostgreSQL: something already answers on $PG_PORT, using it"
        # a cluster that apt started on a fresh machine asks for passwords: relax it for loopback
        if ! pg_trusts_tests && as_root pg_ctlcluster --skip-systemctl-redirect "$version" main status >/dev/null 2>&1; then
            pg_allow_trust "$version" && as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
        fi
        return 0
    fi
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
        as_root pg_createcluster "$version" main -p "$PG_PORT"
    fi
    if as_root pg_ctlcluster --skip-systemctl-redirect "$version" main status >/dev/null 2>&1; then
        log "PostgreSQL $version main runs, but not on port $PG_PORT: set PG_PORT to its port"
        return 1
    fi
    pg_allow_trust "$version" || true
    log "starting PostgreSQL $version cluster main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    PG_STARTED=$version
    wait_for PostgreSQL 30 answers "$PG_PORT"
}

stop_started() {
    local rc=$?
    if [ -n "$MOSQUITTO_PID" ]; then log "stopping Mosquitto"; kill "$MOSQUITTO_PID" 2>/dev/null || true; fi
    if [ -n "$INFLUX_PID" ]; then log "stopping InfluxDB"; kill "$INFLUX_PID" 2>/dev/null || true; fi
    if [ -n "$PG_STARTED" ]; then
        log "stopping PostgreSQL"
        as_root pg_ctlcluster --skip-systemctl-redirect "$PG_STARTED" main stop || true
    fi
    wait 2>/dev/null || true
    exit "$rc"
}
trap stop_started EXIT

install_missing
mkdir -p "$WORK"
log "checking docker-compose.yml"
docker-compose -f docker-compose.yml config -q
start_influxdb
start_mosquitto
start_postgresql

log "running mvn -B verify $*"
set +e
mvn -B verify \
    -Dfillwatch.it.influx.url="http://127.0.0.1:$INFLUX_PORT" \
    -Dfillwatch.it.mqtt.url="tcp://127.0.0.1:$MQTT_PORT" \
    -Dfillwatch.it.postgres.url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
    "$@"
status=$?
set -e
log "mvn -B verify exited with $status"
exit "$status"
