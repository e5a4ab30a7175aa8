# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What the paid amount at registration becomes when the member's card is
activated (issue 10, Desk defects): credited to the household as its
opening top-up, kept as the membership fee, or split into the fee and a
deposit credited to the household, as the configuration says."""
from decimal import Decimal

from trytond.pool import Pool, PoolMeta
from trytond.transaction import without_check_access

ZERO = Decimal(0)


class Card(metaclass=PoolMeta):
    __name__ = 'member.card'

    @classmethod
    def activate(cls, cards):
        """Activate, credit the paid amounts and, where a member has no
        payment password yet, open its setting for the member to type it"""
        pool = Pool()
        Password = pool.get('member.payment.password')
        ModelData = pool.get('ir.model.data')
        super().activate(cards)
        credit_paid_amounts([c for c in cards if c.state == 'active'])
        unset = [c for c in cards if not getattr(
                Password.of(c.member), 'password_hash', None)]
        if len(cards) == 1 and unset:
            return ModelData.get_id(
                'member_account', 'wizard_payment_password_set_card')


def opening_amount(member, configuration):
    "What of the member's paid amount the household is credited with"
    paid = member.paid_amount or ZERO
    use = configuration.paid_amount_use
    if use == 'credit':
        return paid
    if use == 'fee_deposit':
        return max(paid - (configuration.membership_fee or ZERO), ZERO)
    return ZERO


def credit_paid_amounts(cards):
    """Post each member's opening top-up at the first activation of a card
    of theirs: a ledger line of the household, its origin the member, its
    description the fee receipt of the card"""
    pool = Pool()
    Configuration = pool.get('member.configuration')
    Line = pool.get('member.account.line')
    configuration = Configuration(1)
    with without_check_access():
        for card in cards:
            member = card.member
            amount = opening_amount(member, configuration)
            if amount <= 0 or Line.search([
                        ('origin', '=', str(member)),
                        ('kind', '=', 'opening')], limit=1):
                continue
            currency = card.account.company.currency
            card.account.post([{
                        'kind': 'opening',
                        'amount': currency.round(amount),
                        'card': card.id,
                        'member': member.id,
                        'origin': str(member),
                        'description': card.fee_receipt,
                        }])
