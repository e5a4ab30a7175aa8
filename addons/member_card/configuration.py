# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import secrets

from trytond import config
from trytond.cache import Cache
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Id
from trytond.transaction import Transaction

HOUSEHOLD_KINDS = ['single', 'double', 'family']


def sequence_field(string, type_xml_id, help, module='member_card'):
    "A required sequence of the configuration, of the type given"
    return fields.Many2One(
        'ir.sequence', string, required=True,
        domain=[('sequence_type', '=', Id(module, type_xml_id))],
        help=help)


class Configuration(ModelSingleton, ModelSQL, ModelView):
    "Membership Configuration"
    __name__ = 'member.configuration'

    member_sequence = sequence_field(
        "Member Sequence", 'sequence_type_member',
        "Numbers new members at registration.")
    account_sequence = sequence_field(
        "Household Sequence", 'sequence_type_account',
        "Numbers the shared accounts of households.")
    card_sequence = sequence_field(
        "Card Sequence", 'sequence_type_card',
        "Proposes card numbers; a check digit is appended.")
    single_size = fields.Integer(
        "Single Holders", required=True,
        domain=[('single_size', '>=', 1)],
        help="How many people may share a single account.")
    double_size = fields.Integer(
        "Double Holders", required=True,
        domain=[('double_size', '>=', 1)],
        help="How many people may share a double account.")
    family_size = fields.Integer(
        "Family Holders", required=True,
        domain=[('family_size', '>=', 1)],
        help="How many people may share a family account.")
    secondary_card_limit = fields.Integer(
        "Secondary Cards per Household", required=True,
        domain=[('secondary_card_limit', '>=', 0)],
        help="How many secondary (attached) cards one household may carry.")
    track_secret = fields.Char(
        "Track Secret", loading='lazy',
        help="The server secret that signs the payload written on each card: "
        "whoever has it can make cards, so no group reads it.\n"
        "Generated on first use; a [member_card] track_secret in the "
        "server configuration takes precedence.\n"
        "Changing it makes every card written before unreadable.")
    _track_secret_cache = Cache(
        'member.configuration.track_secret', context=False)

    @classmethod
    def _default_sequence(cls, xml_id, module='member_card'):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id(module, xml_id)
        except KeyError:
            return None

    @classmethod
    def default_member_sequence(cls):
        return cls._default_sequence('sequence_member')

    @classmethod
    def default_account_sequence(cls):
        return cls._default_sequence('sequence_account')

    @classmethod
    def default_card_sequence(cls):
        return cls._default_sequence('sequence_card')

    @classmethod
    def default_single_size(cls):
        return 1

    @classmethod
    def default_double_size(cls):
        return 2

    @classmethod
    def default_family_size(cls):
        return 3

    @classmethod
    def default_secondary_card_limit(cls):
        return 2

    def household_size(self, kind):
        "How many holders an account of this kind may have"
        return getattr(self, f'{kind}_size')

    @classmethod
    def create(cls, vlist):
        cls._track_secret_cache.clear()
        return super().create(vlist)

    @classmethod
    def write(cls, *args):
        cls._track_secret_cache.clear()
        super().write(*args)

    @classmethod
    def delete(cls, records):
        cls._track_secret_cache.clear()
        super().delete(records)

    @classmethod
    def get_track_secret(cls):
        """The signing secret as bytes; generated and stored on first use.
        Every swipe needs it: it is cached (in every server process) until
        the configuration changes"""
        secret = config.get('member_card', 'track_secret', default=None)
        if secret:
            return secret.encode('utf-8')
        secret = cls._track_secret_cache.get(None)
        if secret:
            return secret.encode('utf-8')
        with Transaction().set_context(_check_access=False):
            configuration = cls(1)
            if not configuration.track_secret:
                configuration.track_secret = secrets.token_hex(32)
                configuration.save()
            else:
                cls._track_secret_cache.set(None, configuration.track_secret)
            return configuration.track_secret.encode('utf-8')
