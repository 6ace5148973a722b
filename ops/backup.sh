#!/usr/bin/env bash
# A full logical backup of Jobbro's PostgreSQL database (docs/operations.md, "Backup and restore").
#
#   DATABASE_URL=postgres://jobbro_owner@db:5432/jobbro ops/backup.sh /backups/jobbro-$(date +%F).dump
#
# pg_dump's custom format: compressed, consistent (one snapshot, while Jobbro runs), restored
# table by table in parallel. The CPR keys are NOT in it: they live in the secret store and
# are backed up from there, so a stolen backup holds no readable CPR number.
set -euo pipefail
target=${1:?usage: ops/backup.sh FILE}
: "${DATABASE_URL:?set DATABASE_URL to the database (the owner role or a role that reads every table)}"

partial="$target.partial"
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial" "$DATABASE_URL"
# A dump that cannot be listed is no backup: check before it replaces anything.
pg_restore --list "$partial" >/dev/null
mv "$partial" "$target"
echo "backup written: $target ($(du -h "$target" | cut -f1))"
