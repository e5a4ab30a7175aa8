# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelView, fields
from trytond.pool import Pool
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .access import DeskWizard
from .card import SWIPE_DESKS


class CardLookupStart(ModelView):
    "Card Lookup"
    __name__ = 'member.card.lookup.start'
    swipe = fields.Char(
        "Swipe or Type", required=True,
        help="Swipe the card on the reader, or type its number, then Enter.")


class CardLookupResult(ModelView):
    "Card Lookup Result"
    __name__ = 'member.card.lookup.result'
    found = fields.Boolean("Found", readonly=True)
    message = fields.Text("Message", readonly=True)
    card = fields.Many2One('member.card', "Card", readonly=True)
    card_type = fields.Char("Card Type", readonly=True)
    state = fields.Char("State", readonly=True)
    member = fields.Many2One('member.member', "Member", readonly=True)
    account = fields.Many2One('member.account', "Household", readonly=True)
    holders = fields.Text("Holders", readonly=True)


class CardLookup(DeskWizard, Wizard):
    """Card Lookup

    The front desk's and the cashier's swipe: who is this, and may the card
    be used."""
    __name__ = 'member.card.lookup'
    _desk_groups = SWIPE_DESKS
    start = StateView('member.card.lookup.start',
        'member_card.card_lookup_start_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Look Up", 'lookup', 'tryton-search', default=True),
            ])
    lookup = StateTransition()
    result = StateView('member.card.lookup.result',
        'member_card.card_lookup_result_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Next Card", 'start', 'tryton-forward', default=True),
            ])

    def default_start(self, fields):
        return {'swipe': None}

    def transition_lookup(self):
        return 'result'

    def default_result(self, fields):
        pool = Pool()
        Card = pool.get('member.card')
        found = Card.lookup(self.start.swipe)
        self.start.swipe = None
        if not found['ok']:
            return {'found': False, 'message': found['message']}
        card = Card(found['card'])
        return {
            'found': True,
            'card': card.id,
            'card_type': found['card_type'],
            'state': card.state_string,
            'member': found['member'],
            'account': found['account'],
            'holders': '\n'.join(found['holders']),
            }
