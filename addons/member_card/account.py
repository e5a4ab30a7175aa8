# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval

from .access import context_company
from .exceptions import HouseholdError
from .guard import ValueGuard


class Account(ValueGuard, ModelSQL, ModelView):
    """Household Account

    The stored-value account that one person (single), a couple (double) or
    a family shares through one card each (C2)."""
    __name__ = 'member.account'
    _history = True

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True,
        states={'readonly': Eval('id', -1) >= 0})
    kind = fields.Selection([
            ('single', "Single"),
            ('double', "Double"),
            ('family', "Family"),
            ], "Kind", required=True, sort=False,
        help="How many people may share the account is set in the "
        "membership configuration.")
    holders = fields.One2Many(
        'member.member', 'account', "Holders", readonly=True)
    primary_holder = fields.Many2One(
        'member.member', "Primary Holder",
        domain=[('account', '=', Eval('id', -1))],
        help="The holder shown for the household on lists and slips.")
    cards = fields.One2Many('member.card', 'account', "Cards", readonly=True)
    holder_limit = fields.Function(
        fields.Integer("Holder Limit"), 'on_change_with_holder_limit')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('number', 'DESC NULLS FIRST'), ('id', 'DESC')]

    @classmethod
    def default_company(cls):
        return context_company()

    @classmethod
    def default_kind(cls):
        return 'single'

    @fields.depends('kind')
    def on_change_with_holder_limit(self, name=None):
        pool = Pool()
        Configuration = pool.get('member.configuration')
        if self.kind:
            return Configuration(1).household_size(self.kind)

    def get_rec_name(self, name):
        holder = self.primary_holder
        number = self.number or ''
        if holder:
            return f'{number} {holder.name}'.strip()
        return number

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith('!') or operator.startswith(
            'not ') else 'OR'
        return [bool_op,
            ('number', operator, operand, *extra),
            ('holders.party.name', operator, operand, *extra),
            ]

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('member.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('number'):
            values['number'] = Configuration(1).account_sequence.get()
        return values

    @classmethod
    def validate_fields(cls, accounts, field_names):
        super().validate_fields(accounts, field_names)
        cls.check_holders(accounts, field_names)

    @classmethod
    def check_holders(cls, accounts, field_names=None):
        "A household never holds more people than its kind allows"
        if field_names and not (field_names & {'kind', 'holders'}):
            return
        for account in accounts:
            limit = account.on_change_with_holder_limit()
            holders = [h for h in account.holders if h.state != 'withdrawn']
            if len(holders) > limit:
                raise HouseholdError(gettext(
                        'member_card.msg_account_full',
                        account=account.rec_name,
                        kind=account.kind_string,
                        limit=limit,
                        count=len(holders)))

    kind_string = kind.translated('kind')

    @classmethod
    def open_for(cls, members):
        """Give every member a household: a single one of their own unless
        one was chosen, and make them its primary holder if it has none"""
        to_create = [m for m in members if not m.account]
        accounts = cls.create([{
                    'company': m.company.id,
                    'kind': 'single',
                    } for m in to_create])
        for member, account in zip(to_create, accounts):
            member.account = account
        Member = members[0].__class__ if members else None
        if to_create:
            Member.save(to_create)
        without_primary = {}
        for member in members:
            if not member.account.primary_holder:
                without_primary.setdefault(member.account, member)
        for account, member in without_primary.items():
            account.primary_holder = member
        cls.save(list(without_primary))
        cls.check_holders(list({m.account for m in members}))
