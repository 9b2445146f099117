#!/usr/bin/env bash
# A real streaming replica of the local PostgreSQL on 127.0.0.1:5433, the portal served with
# DATABASE_REPLICA_URLS pointing at it, and the checks: writes land on the primary, show up on
# the replica, the replica refuses writes, portal reads go to the replica. Everything it starts
# or changes (the replica, its temporary folder, a scratch database, a replication line in
# pg_hba.conf if one was needed) is stopped, removed or restored on exit, even on failure.
#
# Run as root (or postgres) on the machine of the primary: bash bench/replica.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
WEB_PORT=${WEB_PORT:-8765}
DB=gongkai_replica_check_$$
PY=${PY:-.venv/bin/python}
GONGKAI=${GONGKAI:-.venv/bin/gongkai}
[ -x "$GONGKAI" ] || make install >/dev/null
TMP=$(mktemp -d /tmp/gongkai-replica.XXXXXX)
chmod 755 "$TMP"
mkdir "$TMP/log" && chown postgres "$TMP/log" 2>/dev/null || true
HBA=$(psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atc "SHOW hba_file")
HBA_BACKUP=""
WEB_PID=""

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_primary() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }

cleanup() {
  set +e
  [ -n "$WEB_PID" ] && kill "$WEB_PID" 2>/dev/null && wait "$WEB_PID" 2>/dev/null
  [ -f "$TMP/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$TMP/data" -m fast -w stop >/dev/null
  psql_primary -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
  if [ -n "$HBA_BACKUP" ]; then
    cp "$HBA_BACKUP" "$HBA" && psql_primary -c "SELECT pg_reload_conf()" >/dev/null
    echo "pg_hba.conf restored"
  fi
  [ -n "${KEEP_LOG:-}" ] && cp "$TMP/log/replica.log" /tmp/gongkai-replica-last.log 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

# pg_basebackup needs a replication connection; the machine's rules may allow only ordinary ones.
if ! grep -Eq '^\s*host\s+replication\s+(all|postgres)\s+127\.0\.0\.1/32\s+trust' "$HBA"; then
  HBA_BACKUP="$TMP/pg_hba.conf.orig"
  cp -p "$HBA" "$HBA_BACKUP"
  echo "host replication postgres 127.0.0.1/32 trust  # gongkai bench/replica.sh, removed on exit" >> "$HBA"
  psql_primary -c "SELECT pg_reload_conf()" >/dev/null
  echo "pg_hba.conf: a replication line added for the duration of the check"
fi

echo "== base backup into $TMP/data"
mkdir "$TMP/data" && chown postgres "$TMP/data" 2>/dev/null || true
chmod 700 "$TMP/data"
as_postgres pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$TMP/data" -R -X stream -c fast
# Debian keeps the configuration outside the data directory: give the replica its own.
cat > "$TMP/data/postgresql.conf" <<CONF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$TMP/log'
hot_standby = on
max_connections = 100  # a hot standby needs at least the primary's
shared_buffers = 64MB
CONF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > "$TMP/data/pg_hba.conf"
chown postgres "$TMP/data/postgresql.conf" "$TMP/data/pg_hba.conf" 2>/dev/null || true
as_postgres "$PGBIN/pg_ctl" -D "$TMP/data" -l "$TMP/log/replica.log" -w start >/dev/null
psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc "SELECT pg_is_in_recovery()" | grep -qx t
echo "replica running on 127.0.0.1:$REPLICA_PORT (in recovery)"

echo "== a scratch database, migrated on the primary"
psql_primary -c "CREATE DATABASE $DB"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/$DB"
export DATABASE_REPLICA_URLS="postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB"
export GONGKAI_VAR_DIR="$TMP/var"
"$GONGKAI" migrate --noinput -v 0

echo "== writes land on the primary, show up on the replica, and the replica refuses them"
"$PY" - <<'PYCHECK'
import os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
import django
django.setup()
from django.db import DatabaseError, connections
from gongkai.accounts.models import Organization

org = Organization.objects.create(name="副本检查局", code=f"replica-{os.getpid()}", kind="agency")
with connections["default"].cursor() as c:
    c.execute("SELECT client_addr, state FROM pg_stat_replication")
    print("  pg_stat_replication:", c.fetchall())
deadline = time.monotonic() + 30
while not Organization.objects.using("replica1").filter(pk=org.pk).exists():
    assert time.monotonic() < deadline, "the write never reached the replica"
    time.sleep(0.05)
print(f"  the row written on the primary is on the replica")
try:
    Organization.objects.using("replica1").filter(pk=org.pk).update(name="x")
except DatabaseError as exc:
    print("  the replica refuses writes:", str(exc).splitlines()[0])
else:
    raise SystemExit("the replica accepted a write")
PYCHECK

echo "== the portal served with reads on the replica"
.venv/bin/gunicorn gongkai.wsgi -b 127.0.0.1:$WEB_PORT -w 2 --log-level warning &
WEB_PID=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$WEB_PORT/" >/dev/null && break; sleep 0.2; done
before=$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'")
for path in / /search/?q=%E5%8F%B8%E6%B3%95; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB_PORT$path")
  echo "  GET $path -> $code"
  [ "$code" = 200 ] || { echo "portal page failed" >&2; exit 1; }
done
sleep 1  # statistics reach pg_stat_database with a short delay
after=$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'")
echo "  replica transactions during the page views: $((after - before))"
[ "$after" -gt "$before" ] || { echo "the portal did not read from the replica" >&2; exit 1; }
echo "replica check passed"
