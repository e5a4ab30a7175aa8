# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The cashier's printed papers as text: consumption slip, top-up receipt,
reversal slip and shift report.

Each is a list of blocks (see receipt_text.render) built from the record,
rendered once per copy with the copy's label, at the width of the receipt
paper. The web client prints the same text (report.py) and the device
service sends it to the ESC/POS printers."""
import datetime as dt

from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.tools import timezone as tz
from trytond.transaction import without_check_access

from .amount_words import amount_words
from .receipt_text import WIDTHS, render


def _t(name, **kwargs):
    return gettext(f'member_account.msg_slip_{name}', **kwargs)


def money(amount, currency, grouped=False):
    """The amount in figures with the currency's digits; on paper never
    grouped (receipt printers and Chinese desks read "4563.00": a grouping
    comma prints like a decimal point on some), grouped on screen"""
    return format(currency.round(amount or 0),
        f'{"," if grouped else ""}.{currency.digits}f')


def _when(timestamp, company):
    """The stored UTC timestamp as the company's wall clock (the slip is
    read beside the screen, which shows local time)"""
    if not timestamp:
        return ''
    zone = tz.get_tzinfo(company.timezone) if company.timezone else tz.UTC
    local = timestamp.replace(tzinfo=dt.timezone.utc).astimezone(zone)
    return local.strftime('%Y-%m-%d %H:%M')


def _name(record):
    return record.rec_name if record else ''


def header(document, title, label, reprint=False):
    "Center name, title, copy label and the document's people and number"
    blocks = [
        ('center', document.company.rec_name),
        ('center', title + (' ' + _t('reprint') if reprint else '')),
        ('center', label),
        ('rule',),
        ('pair', _t('number'), document.number or ''),
        ('pair', _t('time'), _when(document.posted_at, document.company)),
        ]
    if getattr(document, 'employee', None):
        blocks.append(('pair', _t('cashier'), _name(document.employee)))
    return blocks


def holder_blocks(document):
    "Who and which card (the number masked)"
    blocks = [('pair', _t('member'), _name(document.member))]
    if document.card:
        blocks.append(('pair', _t('card'), document.card.masked_number))
    return blocks


def total_blocks(total, balance, currency, total_label=None):
    "The total in figures and in capital words, the balance after"
    return [
        ('rule',),
        ('pair', total_label or _t('total'), money(total, currency)),
        ('text', _t('total_words')),
        ('text', amount_words(total)),
        ('pair', _t('balance'), money(balance, currency)),
        ]


def signature_blocks():
    return [('blank',), ('text', _t('signature')), ('blank',)]


def debit_blocks(debit, label, reprint=False):
    "The consumption slip (C5)"
    currency = debit.currency
    blocks = header(debit, _t('debit_title'), label, reprint)
    blocks += holder_blocks(debit)
    if debit.card_type:
        blocks.append(('pair', _t('card_type'), debit.card_type.rec_name))
    blocks.append(('rule',))
    for item in debit.items:
        blocks.append(('text', item.description or _name(item.product)))
        blocks.append(('pair', f'  {item.quantity} x '
                f'{money(item.unit_price, currency)}',
                money(item.amount, currency)))
    blocks += total_blocks(debit.total, debit.balance, currency)
    return blocks + signature_blocks()


def topup_blocks(topup, label, reprint=False):
    "The top-up receipt"
    currency = topup.currency
    blocks = header(topup, _t('topup_title'), label, reprint)
    blocks += holder_blocks(topup)
    blocks.append(('pair', _t('payment_method'), _name(topup.payment_method)))
    if topup.receipt:
        blocks.append(('pair', _t('receipt'), topup.receipt))
    blocks += total_blocks(topup.amount, topup.balance, currency,
        total_label=_t('topup_amount'))
    return blocks + signature_blocks()


def reversal_blocks(reversal, label, reprint=False):
    "The reversal slip: what is reversed, why, who requested and approved"
    currency = reversal.currency
    line = reversal.ledger_line
    blocks = [
        ('center', reversal.company.rec_name),
        ('center', _t('reversal_title') + (
                ' ' + _t('reprint') if reprint else '')),
        ('center', label),
        ('rule',),
        ('pair', _t('number'), reversal.number or ''),
        ('pair', _t('time'), _when(reversal.decided_at, reversal.company)),
        ('pair', _t('reverses'), _name(reversal.origin)),
        ('pair', _t('requested_by'), _name(reversal.requested_by)),
        ('pair', _t('approved_by'), _name(reversal.decided_by)),
        ('text', _t('reason', reason=reversal.reason or '')),
        ]
    blocks += total_blocks(abs(reversal.amount or 0),
        line.balance if line else 0, currency,
        total_label=_t('reversal_amount'))
    return blocks + signature_blocks()


def shift_blocks(shift, label, reprint=False):
    "The shift report (X9): totals and top-ups by payment method"
    currency = shift.currency
    blocks = [
        ('center', shift.company.rec_name),
        ('center', _t('shift_title')),
        ('center', label),
        ('rule',),
        ('pair', _t('number'), shift.number or ''),
        ('pair', _t('cashier'), _name(shift.employee or shift.user)),
        ('pair', _t('opened_at'), _when(shift.opened_at, shift.company)),
        ('pair', _t('closed_at'), _when(shift.closed_at, shift.company)),
        ('rule',),
        ('pair', _t('topups'), money(shift.topup_total, currency)),
        ]
    for method, count, amount in shift.summary_rows():
        blocks.append(('pair', f'  {method} ({count})',
                money(amount, currency)))
    blocks += [
        ('pair', _t('debits'), money(shift.debit_total, currency)),
        ('pair', _t('reversals'), money(shift.reversal_total, currency)),
        ('rule',),
        ('pair', _t('net'), money(shift.net_total, currency)),
        ]
    return blocks + signature_blocks()


def copies_text(record, blocks, copies=None, width=None, reprint=False):
    """The text of each copy of record's paper: a list of strings.
    copies: how many (default: the configured slip copies), width: '58mm',
    '80mm' or a column count (default: the configured paper)"""
    pool = Pool()
    Configuration = pool.get('member.configuration')
    with without_check_access():
        configuration = Configuration(1)
        labels = configuration.copy_labels(copies)
        width = width or configuration.slip_width
        columns = WIDTHS.get(width, width)
        return ['\n'.join(render(blocks(record, label, reprint), columns))
            for label in labels]
