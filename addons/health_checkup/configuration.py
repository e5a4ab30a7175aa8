# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelSQL, fields
from trytond.modules.member_card.configuration import sequence_field
from trytond.pool import PoolMeta


class Configuration(metaclass=PoolMeta):
    __name__ = 'member.configuration'

    booking_sequence = sequence_field(
        "Checkup Number Sequence", 'sequence_type_booking',
        "Numbers the checkups (体检号).", module='health_checkup')
    booking_lead_days = fields.Integer(
        "Booking Lead Days", required=True,
        domain=[('booking_lead_days', '>=', 0)],
        help="A checkup requested fewer days ahead than this needs the "
        "center manager's approval.")
    booking_change_days = fields.Integer(
        "Late Change Days", required=True,
        domain=[('booking_change_days', '>=', 0)],
        help="Moving a confirmed checkup this many days or fewer before it "
        "needs the center manager's approval before the new day's list "
        "takes it.")
    booking_return_days = fields.Integer(
        "Service Booking Days", required=True,
        domain=[('booking_return_days', '>=', 1)],
        help="A member customer service could not book within this many "
        "days goes back to the sales office.")
    approval_person_types = fields.Many2Many(
        'health.checkup.configuration.person_type', 'configuration',
        'person_type', "Person Types Needing Approval",
        help="Checkups of members of these person types are outside the "
        "normal flow: the center manager approves them first.")
    approval_without_card = fields.Boolean(
        "Approval Without Active Card",
        help="A checkup of a member with no active card needs the center "
        "manager's approval first.")

    @classmethod
    def default_booking_sequence(cls):
        return cls._default_sequence('sequence_booking', 'health_checkup')

    @classmethod
    def default_booking_lead_days(cls):
        return 3

    @classmethod
    def default_booking_change_days(cls):
        return 2

    @classmethod
    def default_booking_return_days(cls):
        return 3

    @classmethod
    def default_approval_without_card(cls):
        return True


class ConfigurationPersonType(ModelSQL):
    "Configuration - Person Type Needing Approval"
    __name__ = 'health.checkup.configuration.person_type'
    configuration = fields.Many2One(
        'member.configuration', "Configuration", required=True,
        ondelete='CASCADE')
    person_type = fields.Many2One(
        'member.person_type', "Person Type", required=True,
        ondelete='CASCADE')
