#!/bin/sh
PGPASSWORD="$MIGRATOR_DB_PASSWORD" psql -h db.internal -U migrator -f schema.sql
