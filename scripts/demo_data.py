#!/usr/bin/env python3
# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Load the demo center into a database where member_card is activated.

One company, one user per department (password member-demo), about fifty
members in single, double and family households, and cards in every state.
Idempotent: a database that already has a company is left as it is.
"""
import argparse
import random
import sys
from decimal import Decimal

from proteus import Model, Wizard
from proteus import config as pconfig

PASSWORD = 'member-demo'
PAYMENT_PASSWORD = '582046'  # every demo member's payment password
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋",
    "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英"]
EMPLOYERS = ["北京钢铁集团", "首都机场", "华夏银行", "市第一中学", "电力公司",
    "自由职业", None]
CARD_TYPE_NAMES = {'normal': "普通卡", 'silver': "银卡", 'gold': "金卡"}
SOURCE_NAMES = {'newspaper': "报纸", 'internet': "网络", 'referral': "介绍",
    'walk_in': "到店", 'employer': "单位团检"}
PERSON_TYPE_NAMES = {'employee': "在职", 'retiree': "退休", 'family': "家属",
    'vip': "贵宾"}
# the cashier desk's people, as the slips name them
STAFF_NAMES = {  # the others' names are the browser tests' (reception's)
    'cashier': "郑芳", 'cashier2': "王磊", 'center_manager': "赵建国",
    }
CENTER_NAME = "阳光健康体检中心"
# households to create: (kind, holders)
HOUSEHOLDS = [('single', 1)] * 30 + [('double', 2)] * 5 + [('family', 3)] * 4
CHECKUP_ITEMS = [
    ('BLOOD', "血常规", '120.50'),
    ('XRAY', "胸部X光", '200.00'),
    ('ULTRA', "腹部B超", '260.00'),
    ('ECG', "心电图", '80.00'),
    ('PKG-A', "入职体检套餐", '680.00'),
    ('PKG-B', "全面体检套餐", '1880.00'),
    ]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('-c', '--config', dest='config_file',
        help="trytond configuration file")
    parser.add_argument('-d', '--database', required=True)
    return parser.parse_args()


def main():
    from trytond.modules.member_card.tests.tools import setup_center
    from trytond.tests.tools import set_user

    args = parse_args()
    config = pconfig.set_trytond(args.database, config_file=args.config_file)
    Company = Model.get('company.company')
    if Company.find([]):
        print("demo data already loaded", file=sys.stderr)
        return 0

    Lang = Model.get('ir.lang')
    zh_cn, = Lang.find([('code', '=', 'zh_CN')])
    User = Model.get('res.user')
    admin, = User.find([('login', '=', 'admin')])
    admin.language = zh_cn
    admin.save()

    company, card_types, sources, person_types, users = setup_center(
        password=PASSWORD, language=zh_cn, config=config)
    translate_references(card_types, sources, person_types)
    chinese_names(company, users)

    rng = random.Random(2026)
    if activated('member_account'):
        # the paid amount at registration is the household's opening top-up
        Configuration = Model.get('member.configuration')
        configuration = Configuration(1)
        configuration.paid_amount_use = 'credit'
        configuration.save()
    card_writing('manual')  # the demo's history predates its encoder
    set_user(users['reception'], config)
    make_households(rng, users, card_types, sources, person_types)
    set_user(users['center_manager'], config)
    withdraw_one()
    set_user(1, config)
    if activated('member_account'):
        set_user(users['reception'], config)
        set_payment_passwords()
        set_user(1, config)
        make_cashier_history(rng, users, config)
        set_user(users['member_admin'], config)
        request_adjustment()
        set_user(1, config)
    if activated('health_checkup'):
        make_checkups(rng, users, config)
        set_user(1, config)
    card_writing('encoder')  # from now on, on the desk's encoder
    print("demo data loaded", file=sys.stderr)
    return 0


def card_writing(how):
    "Cards written on the encoder, or confirmed by hand (module iot)"
    if activated('iot'):
        Configuration = Model.get('member.configuration')
        configuration = Configuration(1)
        configuration.card_writing = how
        configuration.save()


def translate_references(card_types, sources, person_types):
    "The demo speaks Chinese: name the lists in zh_CN"
    for records, names in [(card_types, CARD_TYPE_NAMES),
            (sources, SOURCE_NAMES), (person_types, PERSON_TYPE_NAMES)]:
        for code, record in records.items():
            Model_ = Model.get(record.__class__.__name__)
            with pconfig.get_config().set_context(language='zh_CN'):
                localized = Model_(record.id)
                localized.name = names[code]
                localized.save()


def chinese_names(company, users):
    """The center and its staff have Chinese names: slips print the
    center's name and the cashier's"""
    company.party.name = CENTER_NAME
    company.party.save()
    for login, user in users.items():
        name = STAFF_NAMES.get(login)
        if not name:
            continue
        user.name = name
        user.save()
        if user.employee:
            party = user.employee.party
            party.name = name
            party.save()


def member_name(rng, surname=None):
    return (surname or rng.choice(SURNAMES)) + rng.choice(GIVEN)


def make_households(rng, users, card_types, sources, person_types):
    Member = Model.get('member.member')
    Account = Model.get('member.account')
    Employee = Model.get('company.employee')
    salespeople = [Employee(users[login].employee.id)
        for login in ('salesperson', 'salesperson2')]
    phone = 13800000000
    cards = []
    for index, (kind, size) in enumerate(HOUSEHOLDS):
        surname = SURNAMES[index % len(SURNAMES)]
        salesperson = rng.choice(salespeople)
        account = None
        for position in range(size):
            phone += rng.randint(1, 97)
            member = Member(name=member_name(rng, surname))
            mobile = member.contact_mechanisms.new(type='mobile')
            mobile.value = str(phone)
            member.salesperson = salesperson
            member.paid_amount = (
                Decimal(rng.choice([1000, 2000, 3000, 5000]))
                if position == 0 else Decimal(0))
            member.source = rng.choice(list(sources.values()))
            member.person_type = rng.choice(list(person_types.values()))
            member.employer = rng.choice(EMPLOYERS)
            member.gender = rng.choice(['male', 'female'])
            member.birth_date = birth_date(rng)
            if position == 0:  # who registers a household shows an ID
                member.id_number = resident_id(rng, member.birth_date)
            if account:
                member.account = Account(account.id)
            member.save()
            if index % 3 == 0:
                add_address(rng, member)
            member.click('register')
            if account is None and kind != 'single':
                account = member.account
                account.kind = kind
                account.save()
            cards.append(issue_card(rng, member, card_types))
    make_card_states(cards, card_types)
    add_secondary_card()
    make_potential(rng, salespeople)


def birth_date(rng):
    import datetime as dt
    return dt.date(rng.randint(1950, 2005), rng.randint(1, 12),
        rng.randint(1, 28))


def resident_id(rng, born):
    "A resident identity card number of Beijing, valid, for born"
    from stdnum.cn import ric
    body = f'110105{born:%Y%m%d}{rng.randint(0, 999):03d}'
    return body + ric.calc_check_digit(body + '0')


def add_address(rng, member):
    "The member's home address, entered at reception"
    party = member.party
    address = party.addresses.new()
    address.street = rng.choice(["复兴路", "长安街", "中关村大街", "望京西路"]) \
        + f"{rng.randint(1, 200)}号"
    address.city = "北京"
    party.save()


def issue_card(rng, member, card_types):
    Card = Model.get('member.card')
    card_type = card_types[rng.choice(['normal'] * 6 + ['silver'] * 3 + ['gold'])]
    card = Card(member=member, card_type=card_type)
    card.save()
    return card


def make_card_states(cards, card_types):
    """Most cards active; a few in every other state, with a lost card
    reissued and one exchanged for gold"""
    Card = Model.get('member.card')
    for position, card in enumerate(cards):
        if position % 17 == 5:
            continue  # stays "to write"
        card.click('write_card').execute('written')
        if position % 17 == 9:
            continue  # written, waiting for the fee receipt
        card.fee_receipt = 'R2026%05d' % (position + 1)
        card.save()
        card.click('activate')
        if position % 17 == 11:
            dormant = Wizard('member.card.dormant', [card])
            dormant.form.reason = "会员出国半年"
            dormant.execute('apply')
        elif position % 17 == 13:
            lost = Wizard('member.card.lost', [card])
            lost.form.reason = "会员来电挂失"
            lost.execute('apply')
            if position % 2:
                reissue = Wizard('member.card.reissue', [card])
                reissue.execute('issue')
                new_card, = Card.find([('replaces', '=', card.id)])
                new_card.click('write_card').execute('written')
                new_card.click('activate')
        elif position % 17 == 15 and card.card_type.code != 'gold':
            exchange = Wizard('member.card.exchange', [card])
            exchange.form.card_type = card_types['gold']
            exchange.execute('issue')
            new_card, = Card.find([('replaces', '=', card.id)])
            new_card.click('write_card').execute('written')
            new_card.click('activate')


def add_secondary_card():
    "A spare card on a family's account (V2)"
    Card = Model.get('member.card')
    card = Card.find([('account.kind', '=', 'family'),
            ('state', '=', 'active'), ('kind', '=', 'primary')], limit=1)[0]
    secondary = Wizard('member.card.secondary', [card])
    secondary.execute('issue')
    new_card, = Card.find([('kind', '=', 'secondary')])
    new_card.click('write_card').execute('written')
    new_card.click('activate')


def withdraw_one():
    "A member who left, with the reason kept"
    Member = Model.get('member.member')
    member = Member.find([('account.kind', '=', 'single'),
            ('state', '=', 'active')], order=[('number', 'DESC')], limit=1)[0]
    withdraw = Wizard('member.withdraw', [member])
    withdraw.form.reason = "会员搬迁外地，申请退会"
    withdraw.execute('apply')


def activated(module):
    Module = Model.get('ir.module')
    return bool(Module.find([('name', '=', module),
                ('state', '=', 'activated')]))


def set_payment_passwords():
    """Reception sets every member's payment password at the card's
    activation (the same for all in the demo: 582046)"""
    Member = Model.get('member.member')
    for member in Member.find([('state', 'in', ['registered', 'active'])]):
        wizard = Wizard('member.payment.password.set', [member])
        wizard.form.id_checked = True
        wizard.form.password = wizard.form.repeat = PAYMENT_PASSWORD
        wizard.execute('apply')
        wizard.execute('end')


def make_cashier_history(rng, users, config):
    """Checkup items, then one closed shift of the cashier: households
    topped up, a few debits; the cashier's own shift is left to open"""
    from trytond.modules.member_account.tests.tools import (
        create_checkup_items)
    from trytond.tests.tools import set_user

    create_checkup_items(CHECKUP_ITEMS, config=config)
    Card = Model.get('member.card')
    households = {}  # account id: the number of its first active card
    for card in Card.find([('state', '=', 'active'), ('kind', '=', 'primary'),
                ('member.state', '!=', 'withdrawn')],
            order=[('id', 'ASC')]):
        households.setdefault(card.account.id, card.number)
    set_user(users['cashier'], config)
    Shift = Model.get('member.cashier.shift')
    TopUp = Model.get('member.account.topup')
    Debit = Model.get('member.account.debit')
    shift = Shift()
    shift.save()
    context = pconfig.get_config().context
    for index, number in enumerate(households.values()):
        amount = Decimal(rng.choice([500, 1000, 2000, 3000, 5000]))
        method = rng.choice(['cash', 'bank_card', 'transfer'])
        TopUp.post_swipe(number, amount, method, 'P2026%05d' % index,
            f'demo-topup-{index}', context)
        if index % 3 == 0:  # single items: less than the smallest top-up
            items = [{'product': code, 'quantity': 1}
                for code in rng.sample(['BLOOD', 'XRAY', 'ULTRA', 'ECG'], 2)]
            Debit.post_swipe(number, items, f'demo-debit-{index}',
                PAYMENT_PASSWORD, None, context)
    shift.click('close')


def request_adjustment():
    "A balance adjustment waiting for the center manager's decision"
    Account = Model.get('member.account')
    Adjustment = Model.get('member.account.adjustment')
    account = Account.find([('balance', '>', 0)], order=[('id', 'ASC')],
        limit=1)[0]
    Adjustment(account=account, amount=Decimal('50.00'),
        reason="旧系统余额结转差额").save()


def make_checkups(rng, users, config):
    """A center open Monday to Saturday, the packages bookable, and the
    sales office's bookings of the coming two weeks: requested, confirmed,
    one waiting for the center manager"""
    import datetime as dt

    from trytond.tests.tools import set_user

    Template = Model.get('product.template')
    Center = Model.get('health.checkup.center')
    Booking = Model.get('health.checkup.booking')
    Member = Model.get('member.member')
    packages = Template.find([('code', 'in', ['PKG-A', 'PKG-B'])])
    for template in packages:
        template.checkup_package = True
        template.save()
    center = Center(name="体检中心")
    for weekday in range(6):
        center.capacities.new(weekday=str(weekday), morning=8, afternoon=4)
    center.save()
    if not packages:
        return
    today = dt.date.today()
    days = [today + dt.timedelta(days=n) for n in range(4, 15)
        if (today + dt.timedelta(days=n)).weekday() != 6]
    members = Member.find([('state', '=', 'active')], order=[('id', 'ASC')],
        limit=14)
    set_user(users['sales_office'], config)
    bookings = []
    for index, member in enumerate(members):
        booking = Booking(member=Member(member.id), center=Center(center.id),
            package=rng.choice(packages).products[0],
            requested_date=days[index % len(days)])
        booking.save()
        bookings.append(booking)
    Booking.click(bookings[:-2], 'request')
    soon = bookings[-2]
    soon.requested_date = today + dt.timedelta(
        days=1 if today.weekday() != 5 else 2)
    soon.save()
    soon.click('request')  # short notice: waits for the center manager
    set_user(users['center_confirm'], config)
    for booking in bookings[:6]:
        booking = Booking(booking.id)
        confirm = Wizard('health.checkup.booking.confirm', [booking])
        confirm.execute('apply')
    # customer service calls a member of each salesperson (S3)
    set_user(users['sales_office'], config)
    called = []
    for login in ('salesperson', 'salesperson2'):
        member, = Member.find([('state', '=', 'active'),
                ('salesperson', '=', users[login].employee.id),
                ('id', 'not in', [m.id for m in members])], limit=1)
        booking = Booking(member=Member(member.id), center=Center(center.id),
            package=packages[0].products[0], requested_date=days[-1])
        booking.save()
        booking.click('hand_to_service')
        called.append(booking.id)
    set_user(users['service_agent'], config)
    Attempt = Model.get('health.checkup.booking.attempt')
    for booking in called:
        Attempt(booking=Booking(booking), result='call_back',
            note="下午再打").save()


def make_potential(rng, salespeople):
    "Enquiries not yet registered"
    MemberModel = Model.get('member.member')
    for index in range(3):
        member = MemberModel(name=member_name(rng))
        mobile = member.contact_mechanisms.new(type='mobile')
        mobile.value = str(13900000000 + index * 1013)
        member.salesperson = rng.choice(salespeople)
        member.save()


if __name__ == '__main__':
    sys.exit(main())
