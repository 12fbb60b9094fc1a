#!/bin/sh
# Reuses the migrator's password for a read-only report: it should have its own.
PGPASSWORD="$MIGRATOR_DB_PASSWORD" psql -h db.internal -U migrator -c 'select count(*) from users'
