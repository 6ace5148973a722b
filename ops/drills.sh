#!/usr/bin/env bash
# Every fault drill of docs/operations.md ("Fault drills"), against a throwaway PostgreSQL
# database created here and dropped afterwards, with a summary at the end.
#
#   ops/drills.sh            # PostgreSQL and Redis on 127.0.0.1 (PGHOST, PGUSER to change)
#
# Real processes: gunicorn with the production settings, db_worker, an SMTP server on
# loopback. Exits non-zero when a drill fails; a skipped drill is listed with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."

host=${PGHOST:-127.0.0.1}
user=${PGUSER:-postgres}
for port in 5432 6379; do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "drills need PostgreSQL (5432) and Redis (6379) on 127.0.0.1; nothing answers on $port" >&2
    exit 2
  fi
done

db="jobbro_drills_$$"
log=$(mktemp)
trap 'dropdb -h "$host" -U "$user" --if-exists "$db" >/dev/null 2>&1 || true; rm -f "$log"' EXIT
createdb -h "$host" -U "$user" "$db"

drills=(tests/drills tests/notifications/test_worker_killed.py tests/core/test_production_server.py)
echo "== fault drills on PostgreSQL ($db); the test database is migrated first (a minute or two)"
started=$SECONDS
status=0
DATABASE_URL="postgres://$user@$host:5432/$db" .venv/bin/pytest "${drills[@]}" \
  -v -rs -p no:cacheprovider 2>&1 | tee "$log" || status=$?

echo
echo "== summary ($((SECONDS - started)) s)"
grep -E '::.* (PASSED|FAILED|ERROR|SKIPPED)' "$log" |
  sed -E 's/^(.*)::([^ ]+) (PASSED|FAILED|ERROR|SKIPPED).*/\3  \1::\2/' || true
grep -E '^SKIPPED \[' "$log" || true
tail -n 1 "$log"
exit "$status"
