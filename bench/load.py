"""Bulk-load a benchmark center straight into PostgreSQL.

members single households, each with one active card (a real signed track
payload, so the debit path verifies it as it would a swipe) and
lines_per_account top-up lines, written with COPY in one transaction into a
database where the demo center already exists (company, users, items).
"""
import datetime as dt
from decimal import Decimal

import psycopg

from trytond.modules.member_card import track

TOPUP = Decimal('1000.00')


def _one(conn, query, *args):
    row = conn.execute(query, args).fetchone()
    if row is None:
        raise RuntimeError(f'the demo center is missing: {query}')
    return row


def card_number(index):
    "A 12-digit card number with its Luhn digit, apart from the demo's"
    body = f'8899{index:07d}'
    return body + track.luhn_digit(body)


def bulk_load(uri, database, members, lines_per_account, secret):
    """Returns the swipes (track text as a reader sends it) of the cards
    loaded"""
    now = dt.datetime.now()
    swipes = []
    with psycopg.connect(uri, dbname=database) as conn:
        company, currency = _one(conn,
            'SELECT c.id, c.currency FROM company_company c ORDER BY id '
            'LIMIT 1')
        card_type, = _one(conn,
            "SELECT id FROM member_card_type WHERE code = 'normal'")
        salesperson, = _one(conn, 'SELECT id FROM company_employee '
            'ORDER BY id LIMIT 1')
        base_party, = _one(conn, 'SELECT COALESCE(MAX(id), 0) FROM '
            'party_party')
        base_member, = _one(conn, 'SELECT COALESCE(MAX(id), 0) FROM '
            'member_member')
        base_account, = _one(conn, 'SELECT COALESCE(MAX(id), 0) FROM '
            'member_account')
        base_card, = _one(conn, 'SELECT COALESCE(MAX(id), 0) FROM '
            'member_card')
        with conn.cursor() as cur:
            with cur.copy('COPY party_party (id, name, code, active, '
                    'create_uid, create_date) FROM STDIN') as copy:
                for i in range(1, members + 1):
                    copy.write_row((base_party + i, f'Bench Member {i}',
                            f'BENCH{i}', True, 1, now))
            with cur.copy('COPY member_account (id, number, company, kind, '
                    'balance, create_uid, create_date) FROM STDIN') as copy:
                for i in range(1, members + 1):
                    copy.write_row((base_account + i, f'HB{i:07d}', company,
                            'single', TOPUP * lines_per_account, 1, now))
            with cur.copy('COPY member_member (id, party, number, company, '
                    'state, salesperson, paid_amount, registration_date, '
                    'classification, account, create_uid, create_date) '
                    'FROM STDIN') as copy:
                for i in range(1, members + 1):
                    copy.write_row((base_member + i, base_party + i,
                            f'MB{i:07d}', company, 'active', salesperson,
                            Decimal(0), now.date(), 'potential',
                            base_account + i, 1, now))
            with cur.copy('COPY member_card (id, number, member, account, '
                    'card_type, state, kind, track_payload, fee_receipt, '
                    'create_uid, create_date) FROM STDIN') as copy:
                for i in range(1, members + 1):
                    number = card_number(i)
                    payload = track.make_payload(secret, number)
                    swipes.append(f';{payload}?')
                    copy.write_row((base_card + i, number, base_member + i,
                            base_account + i, card_type, 'active', 'primary',
                            payload, 'BENCH', 1, now))
            with cur.copy('COPY member_account_line (account, company, '
                    'currency, posted_at, kind, amount, balance, '
                    'create_uid, create_date) FROM STDIN') as copy:
                for i in range(1, members + 1):
                    for n in range(1, lines_per_account + 1):
                        copy.write_row((base_account + i, company, currency,
                                now, 'topup', TOPUP, TOPUP * n, 1, now))
            cur.execute('UPDATE member_account SET primary_holder = m.id '
                'FROM member_member m WHERE m.account = member_account.id '
                'AND member_account.id > %s', (base_account,))
            for table in ('party_party', 'member_member', 'member_account',
                    'member_card', 'member_account_line'):
                cur.execute(f"SELECT setval('{table}_id_seq', "
                    f'(SELECT MAX(id) FROM {table}))')
                cur.execute(f'ANALYZE {table}')
    return swipes
