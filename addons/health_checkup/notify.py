# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The sales office and the member's salesperson are told when the center
confirms a checkup (S4): a notification in their web client, in their
language, that opens the booking; and an e-mail (notification_email, a
trigger on the booking becoming confirmed) to those with an address."""
import json

from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.report import Report
from trytond.transaction import Transaction, without_check_access


def sales_office_users():
    pool = Pool()
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    group = ModelData.get_id('member_card', 'group_sales_office')
    return User.search([('groups', '=', group)])


def users_of(employee):
    pool = Pool()
    User = pool.get('res.user')
    return User.search([('employees', '=', employee.id)]) if employee else []


def notify_confirmed(bookings):
    "Notify who sold the checkups that the center confirmed them"
    pool = Pool()
    Notification = pool.get('res.notification')
    Lang = pool.get('ir.lang')
    values = []
    with without_check_access():
        office = sales_office_users()
        for booking in bookings:
            for user in set(office) | set(users_of(booking.salesperson)):
                language = user.language.code if user.language else None
                with Transaction().set_context(language=language):
                    lang = Lang.get(language)
                    values.append({
                            'user': user.id,
                            'label': gettext(
                                'health_checkup.msg_notify_confirmed'),
                            'description': gettext(
                                'health_checkup.msg_notify_confirmed_text',
                                booking=booking.number,
                                member=booking.member.name,
                                date=lang.strftime(booking.date),
                                slot=booking.slot_string or ''),
                            'icon': 'tryton-calendar',
                            'model': booking.__name__,
                            'records': json.dumps([booking.id]),
                            })
        Notification.create(values)


class BookingConfirmed(Report):
    "The e-mail telling the sales side that a checkup is confirmed"
    __name__ = 'health.checkup.booking.confirmed'
