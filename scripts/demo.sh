#!/usr/bin/env bash
# Set up (first run only) and serve the demo: sao on http://127.0.0.1:8000/
# with the SQLite database var/db/demo.sqlite, and the device box in
# simulation mode on http://127.0.0.1:8070/ (its page: /simulator).
# Called by `make demo`. Delete var/db/demo.sqlite to rebuild the database
# from scratch (the box is paired anew).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
CONF=trytond.conf
DB=demo
DB_FILE=var/db/$DB.sqlite
BOX_URL=http://127.0.0.1:8070
BOX_LOG=var/log/iot-box.log
# every module of addons/ (a folder with a tryton.cfg)
MODULES=$(for cfg in addons/*/tryton.cfg; do basename "$(dirname "$cfg")"; done)
# SQLite in var/db; the path must be absolute (see trytond.conf)
export TRYTOND_DATABASE__URI=sqlite://
export TRYTOND_DATABASE__PATH="$PWD/var/db"

pids=()
passfile=
cleanup() {
    rm -f "$passfile"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# the demo's e-mails (checkup confirmations) go to a local SMTP server
# that writes them into var/log/mail.log
mkdir -p var/log
PYTHONUNBUFFERED=1 "$BIN/python" -m aiosmtpd -n -l 127.0.0.1:8025 > var/log/mail.log 2>&1 &
pids+=($!)
export TRYTOND_EMAIL__URI=smtp://127.0.0.1:8025

if [ ! -f "$DB_FILE" ]; then
    echo "== creating the demo database $DB_FILE"
    rm -rf var/iot-box  # a new database pairs the box anew
    mkdir -p var/db
    touch "$DB_FILE"
    passfile=$(mktemp)
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

echo "== starting the device box (simulated devices), log in $BOX_LOG"
"$BIN/iot-box" --simulate --listen 127.0.0.1:8070 \
    --origin http://127.0.0.1:8000 --state var/iot-box > "$BOX_LOG" 2>&1 &
pids+=($!)
"$BIN/python" scripts/demo_box.py -c "$CONF" -d "$DB" --url "$BOX_URL" \
    --log "$BOX_LOG"

echo
echo "Demo: http://127.0.0.1:8000/  (database: $DB)"
echo "Simulated desk devices: $BOX_URL/simulator (swipe a card, see the slips)"
echo "E-mails sent by the demo: var/log/mail.log"
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
"$BIN/trytond" -c "$CONF" -d "$DB"
