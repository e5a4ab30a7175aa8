#!/usr/bin/env bash
# Set up (first run only) and serve the demo: sao on http://127.0.0.1:8000/
# with the SQLite database var/db/demo.sqlite. Called by `make demo`.
# Delete var/db/demo.sqlite to rebuild the database from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
CONF=trytond.conf
DB=demo
DB_FILE=var/db/$DB.sqlite
# every module of addons/ (a folder with a tryton.cfg)
MODULES=$(for cfg in addons/*/tryton.cfg; do basename "$(dirname "$cfg")"; done)
# SQLite in var/db; the path must be absolute (see trytond.conf)
export TRYTOND_DATABASE__URI=sqlite://
export TRYTOND_DATABASE__PATH="$PWD/var/db"

if [ ! -f "$DB_FILE" ]; then
    echo "== creating the demo database $DB_FILE"
    mkdir -p var/db
    touch "$DB_FILE"
    passfile=$(mktemp)
    trap 'rm -f "$passfile"' EXIT
    echo admin-demo > "$passfile"
    if ! TRYTONPASSFILE="$passfile" "$BIN/trytond-admin" -c "$CONF" -d "$DB" \
            --all -u $MODULES --activate-dependencies -l zh_CN --email admin@example.com \
        || ! "$BIN/python" scripts/demo_data.py -c "$CONF" -d "$DB"; then
        rm -f "$DB_FILE"
        echo "demo: setting up $DB_FILE failed (removed it; fix and re-run)" >&2
        exit 1
    fi
else
    echo "== reusing the demo database $DB_FILE (delete it to rebuild)"
fi

echo
echo "Demo: http://127.0.0.1:8000/  (database: $DB)"
echo
printf '  %-18s %-13s %s\n' login password department
printf '  %-18s %-13s %s\n' ----- -------- ----------
while read -r login password department; do
    if [ -n "$login" ]; then
        printf '  %-18s %-13s %s\n' "$login" "$password" "$department"
    fi
done < scripts/demo_users.txt
echo
echo "Stop with Ctrl-C."
exec "$BIN/trytond" -c "$CONF" -d "$DB"
