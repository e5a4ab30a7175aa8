# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from .exceptions import MemberEditError


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    members = fields.One2Many('member.member', 'party', "Members", readonly=True)

    @classmethod
    def check_modification(cls, mode, parties, values=None, external=False):
        "A registered member's name changes only by the correction wizard"
        super().check_modification(
            mode, parties, values=values, external=external)
        if (mode == 'write' and external and 'name' in values
                and not Transaction().context.get('_member_correction')):
            for party in parties:
                registered = [m for m in party.members
                    if m.state != 'potential']
                if registered and party.name != values['name']:
                    raise MemberEditError(gettext(
                            'member_card.msg_member_protected_field',
                            field=cls.__names__('name')['field'],
                            member=registered[0].rec_name))


class ContactMechanism(metaclass=PoolMeta):
    __name__ = 'party.contact_mechanism'

    member = fields.Many2One(
        'member.member', "Member", ondelete='CASCADE',
        help="The member whose contact methods list this one.")

    @classmethod
    def preprocess_values(cls, mode, values):
        "A contact method entered on a member belongs to the member's party"
        pool = Pool()
        Member = pool.get('member.member')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and values.get('member') and not values.get(
                'party'):
            values['party'] = Member(values['member']).party.id
        return values

    @classmethod
    def check_modification(cls, mode, mechanisms, values=None,
            external=False):
        "Contacts of a registered member follow the member's edit rule"
        super().check_modification(
            mode, mechanisms, values=values, external=external)
        if external:
            for mechanism in mechanisms:
                if mechanism.member and mechanism.member.state != 'potential':
                    mechanism.member.check_editor()
