# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import re

import phonenumbers
from phonenumbers import PhoneNumberType

from trytond.i18n import gettext
from trytond.model import fields
from trytond.modules.party.exceptions import InvalidPhoneNumber
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from .exceptions import ContactValueError, MemberEditError
from .guard import ValueGuard
from .privacy import may_read_contacts, may_read_identity

# the contact types of a Chinese desk, first those a member gets
CONTACT_TYPES = [
    ('mobile', "Mobile Phone"),
    ('phone', "Landline"),
    ('wechat', "WeChat"),
    ('qq', "QQ"),
    ('email', "E-Mail"),
    ('fax', "Fax"),
    ('website', "Website"),
    ('other', "Other"),
    ]
MEMBER_CONTACT_TYPES = ['mobile', 'phone', 'wechat', 'qq', 'email']
QQ_RE = re.compile(r'^[1-9]\d{4,11}$')
WECHAT_RE = re.compile(r'^([a-zA-Z][-_a-zA-Z0-9]{5,19}|1\d{10})$')


def check_member_editor(parties):
    "The edit rule of the registered members of parties (C1)"
    for party in parties:
        for member in party.members:
            if member.state != 'potential':
                member.check_editor()


class MemberData:
    """A party's data that is a member's data: changed over RPC only by
    who may edit the member"""
    __slots__ = ()

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if external:
            check_member_editor({r.party for r in records if r.party})


class Party(ValueGuard, metaclass=PoolMeta):
    __name__ = 'party.party'
    # a member's personal data, read only with the group's setting
    # (privacy.py): the party's own copies of its contact mechanisms,
    # addresses and identifiers
    _contact_fields = {'contact_mechanisms', 'addresses', 'phone', 'mobile',
        'fax', 'email', 'website'}
    _identity_fields = {'identifiers', 'tax_identifier'}

    @classmethod
    def search_rec_name(cls, name, clause):
        """No finding a party by an ID number or a contact the user may not
        read (the search behind a name is no access-checked domain)"""
        domain = super().search_rec_name(name, clause)
        hidden = set()
        if not may_read_identity():
            hidden |= {'identifiers.code', 'identifiers.code_compact'}
        if not may_read_contacts():
            hidden |= {'contact_mechanisms.rec_name'}
        return [c for c in domain
            if not (isinstance(c, tuple) and c[0] in hidden)]

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
        if external:
            check_member_editor(parties)


class ContactMechanism(MemberData, ValueGuard, metaclass=PoolMeta):
    __name__ = 'party.contact_mechanism'

    member = fields.Many2One(
        'member.member', "Member", ondelete='CASCADE',
        help="The member whose contact methods list this one.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.type.selection = list(CONTACT_TYPES)

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
    def validate_fields(cls, mechanisms, field_names):
        super().validate_fields(mechanisms, field_names)
        cls.check_valid_chat(mechanisms, field_names)

    @classmethod
    def check_valid_phonenumber(cls, mechanisms, field_names=None):
        "The desk reads why a number is refused, in its words"
        try:
            super().check_valid_phonenumber(mechanisms, field_names)
        except InvalidPhoneNumber:
            for mechanism in mechanisms:
                if (mechanism.type in {'phone', 'mobile', 'fax'}
                        and not mechanism._parse_phonenumber(
                            mechanism.value)):
                    raise ContactValueError(gettext(
                            'member_card.msg_phone_invalid',
                            phone=mechanism.value or ''))
            raise

    def is_mobile(self):
        "Whether the value is a mobile phone number"
        if self.value and self._parse_phonenumber(self.value):
            number_type = phonenumbers.number_type(
                self._parse_phonenumber(self.value))
            return number_type in {PhoneNumberType.MOBILE,
                PhoneNumberType.FIXED_LINE_OR_MOBILE}
        return False

    @classmethod
    def check_valid_chat(cls, mechanisms, field_names=None):
        "QQ numbers and WeChat ids as the services give them"
        if field_names and not (field_names & {'type', 'value'}):
            return
        for mechanism in mechanisms:
            value = (mechanism.value or '').strip()
            if mechanism.type == 'qq' and not QQ_RE.match(value):
                raise ContactValueError(gettext(
                        'member_card.msg_qq_invalid', value=value))
            if mechanism.type == 'wechat' and not WECHAT_RE.match(value):
                raise ContactValueError(gettext(
                        'member_card.msg_wechat_invalid', value=value))


class Address(MemberData, ValueGuard, metaclass=PoolMeta):
    __name__ = 'party.address'


class Identifier(MemberData, ValueGuard, metaclass=PoolMeta):
    __name__ = 'party.identifier'
