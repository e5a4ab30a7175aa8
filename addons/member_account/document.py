# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What top-ups and debits share: a numbered document posted at the
cashier desk, retried safely by its client key"""
from trytond.i18n import gettext
from trytond.model import Index, Unique, fields
from trytond.modules.member_card import minutes
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .account import forget_cached
from .exceptions import PostingError

STATES = [
    ('posted', "Posted"),
    ('reversed', "Reversed"),
    ]


class CashierDocument:
    "A document posted at the cashier desk into a household's ledger"
    __slots__ = ()
    _rec_name = 'number'

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')
    posted_at = minutes.Timestamp("Posted At", readonly=True)
    account = fields.Many2One(
        'member.account', "Household", required=True, readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    card = fields.Many2One(
        'member.card', "Card", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    member = fields.Many2One(
        'member.member', "Member", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    shift = fields.Many2One(
        'member.cashier.shift', "Shift", required=True, readonly=True)
    employee = fields.Many2One(
        'company.employee', "Cashier", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    client_key = fields.Char(
        "Client Key", readonly=True,
        help="Sent by the desk with the request: a request sent again with "
        "the same key gets the first result and posts nothing.")
    ledger_line = fields.Many2One(
        'member.account.line', "Ledger Line", readonly=True)
    balance = fields.Numeric(
        "Balance After", digits='currency', readonly=True)
    state = fields.Selection(STATES, "State", required=True, readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('client_key_unique', Unique(t, t.company, t.client_key),
                'member_account.msg_client_key_unique'),
            ]
        cls._sql_indexes.update({
                Index(t, (t.account, Index.Range())),
                Index(t, (t.member, Index.Range())),
                })
        cls._order = [('posted_at', 'DESC'), ('id', 'DESC')]

    @classmethod
    def default_state(cls):
        return 'posted'

    def get_currency(self, name):
        return self.company.currency.id

    @classmethod
    def _sequence(cls, configuration):
        "The ir.sequence numbering this kind of document"
        raise NotImplementedError

    @classmethod
    def check_posting_access(cls):
        "Only users who may create this document may post it"
        pool = Pool()
        ModelAccess = pool.get('ir.model.access')
        ModelAccess.check(cls.__name__, 'create')

    @classmethod
    def start_posting(cls, swipe, client_key):
        """The checks every posting starts with: the user may post, the
        card is usable, its household is locked. Returns the card, the
        document already posted under client_key (or None) and, when there
        is none, the open shift of the user"""
        pool = Pool()
        Card = pool.get('member.card')
        Shift = pool.get('member.cashier.shift')
        cls.check_posting_access()
        card = Card.find(swipe)
        card.account.lock_balance()
        document = cls.replayed(client_key, card)
        if document:
            return card, document, None
        return card, None, Shift.open_for_user()

    @classmethod
    def replayed(cls, client_key, card):
        """The document already posted under client_key, or None.
        A key reused for another card is refused."""
        if not client_key:
            raise PostingError(gettext('member_account.msg_client_key_missing'))
        documents = cls.search([
                ('company', '=', Transaction().context.get('company')),
                ('client_key', '=', client_key),
                ], limit=1)
        if not documents:
            return None
        document, = documents
        if document.card != card:
            raise PostingError(gettext(
                    'member_account.msg_client_key_reused',
                    key=client_key, document=document.rec_name))
        return document

    @classmethod
    def posting_values(cls, card, shift, client_key):
        "The values every posting of a card in a shift starts from"
        pool = Pool()
        Configuration = pool.get('member.configuration')
        return {
            'number': cls._sequence(Configuration(1)).get(),
            'company': card.account.company.id,
            'account': card.account.id,
            'card': card.id,
            'member': card.member.id,
            'shift': shift.id,
            'employee': shift.employee.id if shift.employee else None,
            'client_key': client_key,
            }

    def link_ledger(self, line):
        """Record the ledger line and the balance after it on the document:
        plain SQL, the document was just created in this transaction"""
        table = self.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.update(
                [table.ledger_line, table.balance], [line.id, line.balance],
                where=table.id == self.id))
        forget_cached(self)

    def ledger_values(self):
        "What the ledger line of the document repeats of it"
        return {
            'card': self.card.id if self.card else None,
            'member': self.member.id if self.member else None,
            'shift': self.shift.id,
            'employee': self.employee.id if self.employee else None,
            'origin': str(self),
            }
