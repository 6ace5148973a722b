#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh into a new, empty database (docs/operations.md).
#
#   DATABASE_URL=postgres://jobbro_owner@db:5432/jobbro_restored ops/restore.sh FILE [APP_ROLE]
#
# Run it as the role that is to own the tables (migrations run as it later). The database
# must be empty: restoring over live data is refused. With APP_ROLE, the application's role
# gets its rights again (manage.py grant_application_role), since the dump keeps no grants.
set -euo pipefail
source=${1:?usage: ops/restore.sh FILE [APP_ROLE]}
app_role=${2:-}
: "${DATABASE_URL:?set DATABASE_URL to the new, empty database}"

tables=$(psql "$DATABASE_URL" -XAtc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "refused: the database already has $tables tables; restore into a new, empty one" >&2
  exit 1
fi
pg_restore --exit-on-error --no-owner --no-privileges --jobs="${JOBS:-2}" \
  --dbname="$DATABASE_URL" "$source"
psql "$DATABASE_URL" -XqAtc "ANALYZE"
if [ -n "$app_role" ]; then
  here=$(cd "$(dirname "$0")/.." && pwd)
  "${PYTHON:-$here/.venv/bin/python}" "$here/manage.py" grant_application_role "$app_role"
fi
echo "restored: $source"
