# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Centers, packages, members and the center's clock for the checkup tests"
from decimal import Decimal
import socket
from unittest.mock import patch

from proteus import Model
from proteus import config as pconfig

__all__ = ['create_center', 'create_package', 'create_members', 'set_today',
    'start_smtp']

_clock = []


def set_today(date, config=None):
    """Fix the center's clock (ir.date today) at date, as the scheduled
    actions and the desks read it"""
    config = config or pconfig.get_config()
    Date = config.pool.get('ir.date')
    while _clock:
        _clock.pop().stop()
    patcher = patch.object(Date, 'today', return_value=date)
    patcher.start()
    _clock.append(patcher)


def create_center(name="体检中心", places=(2, 1), half_days=False,
        closed=(6,), config=None):
    """A center taking places (morning, afternoon) each weekday but those
    closed (Sunday)"""
    Center = Model.get('health.checkup.center', config=config)
    center = Center(name=name, half_days=half_days)
    for weekday in range(7):
        if weekday not in closed:
            center.capacities.new(weekday=str(weekday), morning=places[0],
                afternoon=places[1])
    center.save()
    return center


def create_package(code='PKG-A', name="入职体检套餐", price='680.00',
        config=None):
    "A checkup package as a service product"
    Template = Model.get('product.template', config=config)
    Uom = Model.get('product.uom', config=config)
    ModelData = Model.get('ir.model.data', config=config)
    unit = Uom(ModelData.get_id('product', 'uom_unit', {}))
    template = Template(name=name, type='service', default_uom=unit,
        list_price=Decimal(price), code=code, checkup_package=True)
    template.save()
    product, = template.products
    return product


def create_members(names, card_type, salesperson, phone_start=13900000000,
        config=None):
    """Register single members of salesperson with an active card each;
    returns [(member, card)]"""
    Member = Model.get('member.member', config=config)
    Card = Model.get('member.card', config=config)
    result = []
    for i, name in enumerate(names):
        member = Member(name=name, salesperson=salesperson,
            paid_amount=Decimal('1000'))
        member.contact_mechanisms.new(
            type='mobile', value=str(phone_start + i))
        member.save()
        member.click('register')
        card = Card(member=member, card_type=card_type, fee_receipt='R-1')
        card.save()
        card.click('write_card').execute('written')
        card.click('activate')
        result.append((member, card))
    return result


def start_smtp():
    """A real SMTP server on a free local port that keeps what it receives,
    and the server's [email] uri pointing at it; returns (server, outbox),
    stop it with server.stop()"""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    from trytond.config import config

    class Outbox(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    outbox = Outbox()
    server = Controller(outbox, hostname='127.0.0.1', port=port)
    server.start()
    config.set('email', 'uri', f'smtp://127.0.0.1:{port}')
    return server, outbox.messages
