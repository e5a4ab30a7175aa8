# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import random
from decimal import Decimal

from trytond.exceptions import UserError
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.modules.member_account import slip
from trytond.modules.member_account.receipt_text import display_width
from trytond.modules.member_account.transfer import transfer
from trytond.modules.member_card.tests.test_module import (
    active_card as member_active_card)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction


def checkup_item(name, price, code):
    pool = Pool()
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('name', '=', 'Unit')])
    template, = Template.create([{'name': name, 'type': 'service',
                'default_uom': unit.id, 'list_price': Decimal(price),
                'code': code, 'products': [('create', [{}])]}])
    return template.products[0]


PASSWORD = '582046'


def active_card(company, **kwargs):
    """An active card whose member's paid amount was kept as a fee: the
    household starts at 0 (see test_paid_amount_credited for the credit)"""
    Configuration = Pool().get('member.configuration')
    Configuration.write([Configuration(1)], {'paid_amount_use': 'fee'})
    return member_active_card(company, **kwargs)


def credited_card(company, **kwargs):
    "An active card whose member's paid amount was credited"
    Configuration = Pool().get('member.configuration')
    Configuration.write([Configuration(1)], {'paid_amount_use': 'credit'})
    return member_active_card(company, **kwargs)


def with_password(card):
    "The card's member sets a payment password (typed debits need it)"
    Password = Pool().get('member.payment.password')
    Password.set_password(card.member, PASSWORD)
    return card


def open_shift():
    pool = Pool()
    Shift = pool.get('member.cashier.shift')
    shift, = Shift.create([{}])
    return shift


class MemberAccountTestCase(CompanyTestMixin, ModuleTestCase):
    "Test the member_account module"
    module = 'member_account'

    @with_transaction()
    def test_ledger_line_immutable(self):
        "A ledger line is refused change and deletion even without access checks"
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        Line = pool.get('member.account.line')
        company = create_company()
        with set_company(company):
            card = active_card(company)
            open_shift()
            TopUp.post_swipe(card.number, '100', 'cash', 'P1', 'k1')
            line, = card.account.lines
            with self.assertRaises(UserError) as cm:
                Line.write([line], {'amount': Decimal('1000')})
            self.assertIn('never changed', cm.exception.message)
            with self.assertRaises(UserError):
                Line.delete([line])
            self.assertEqual(Line(line.id).amount, Decimal('100'))

    @with_transaction()
    def test_reversal_needs_second_person(self):
        "Who requested a reversal cannot approve it"
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        Reversal = pool.get('member.account.reversal')
        company = create_company()
        with set_company(company):
            card = active_card(company)
            open_shift()
            result = TopUp.post_swipe(card.number, '100', 'cash', 'P1', 'k1')
            reversal, = Reversal.create([{
                        'origin': f'member.account.topup,{result["id"]}',
                        'reason': "Wrong card"}])
            with self.assertRaises(UserError) as cm:
                Reversal.approve([reversal])
            self.assertIn('someone other', cm.exception.message)
            self.assertEqual(reversal.state, 'requested')
            self.assertEqual(TopUp(result['id']).state, 'posted')

    @with_transaction()
    def test_adjustment_dual_control(self):
        "A balance adjustment posts only when someone else approves it"
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        Adjustment = pool.get('member.account.adjustment')
        User = pool.get('res.user')
        company = create_company()
        with set_company(company):
            card = active_card(company)
            open_shift()
            TopUp.post_swipe(card.number, '100', 'cash', 'P1', 'k1')
            account = card.account
            for amount, reason, text in [
                    (Decimal('0'), "x", 'cannot be zero'),
                    (Decimal('1.005'), "x", 'digits'),
                    (Decimal('5'), " ", 'reason')]:
                with self.assertRaises(UserError) as cm:
                    Adjustment.create([{'account': account.id,
                                'amount': amount, 'reason': reason}])
                self.assertIn(text, cm.exception.message)
            credit, debit = Adjustment.create([
                    {'account': account.id, 'amount': Decimal('30'),
                        'reason': "Balance of the old system"},
                    {'account': account.id, 'amount': Decimal('-130.01'),
                        'reason': "Counted difference"}])
            self.assertTrue(credit.number)
            with self.assertRaises(UserError) as cm:
                Adjustment.approve([credit])
            self.assertIn('someone other', cm.exception.message)
            manager, = User.create([{'name': "Manager", 'login': 'mgr'}])
            with Transaction().set_user(manager.id):
                Adjustment.approve([credit])
                with self.assertRaises(UserError) as cm:
                    Adjustment.approve([debit])
                self.assertIn('short', cm.exception.message)
            self.assertEqual((credit.state, credit.decided_by),
                ('approved', manager))
            self.assertEqual(
                (credit.ledger_line.kind, credit.ledger_line.amount),
                ('adjustment', Decimal('30')))
            self.assertEqual(debit.state, 'requested')
            self.assertEqual(debit.ledger_line, None)
            self.assertEqual(card.account.balance, Decimal('130'))
            self.assertEqual([l.kind for l in card.account.lines],
                ['adjustment', 'topup'])

    @with_transaction()
    def test_reversal_of_spent_topup_refused(self):
        "A top-up already spent cannot be reversed below zero"
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        Debit = pool.get('member.account.debit')
        Reversal = pool.get('member.account.reversal')
        company = create_company()
        with set_company(company):
            card = active_card(company)
            checkup_item("血常规", '80', 'BLOOD')
            open_shift()
            result = TopUp.post_swipe(card.number, '100', 'cash', 'P1', 'k1')
            Debit.post_swipe(with_password(card).number, [{'product': 'BLOOD'}],
                'k2', PASSWORD)
            reversal, = Reversal.create([{
                        'origin': f'member.account.topup,{result["id"]}',
                        'reason': "Wrong card"}])
            with self.assertRaises(UserError) as cm:
                reversal.post()
            self.assertIn('short', cm.exception.message)
            self.assertEqual(card.account.balance, Decimal('24.00'))

    @with_transaction()
    def test_slip_fits_receipt_paper(self):
        "Slips in Chinese fit 58 mm and 80 mm paper, one text per labelled copy"
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        Debit = pool.get('member.account.debit')
        company = create_company(name="北京市朝阳区国际健康体检中心会员服务部")
        with set_company(company):
            card = active_card(company, name="欧阳娜娜")
            checkup_item("全身核磁共振成像检查（含增强扫描及专家会诊报告）",
                '1280.00', 'MRI')
            checkup_item("血常规", '120.50', 'BLOOD')
            open_shift()
            TopUp.post_swipe(card.number, '5000', 'cash', 'P1', 'k1')
            result = Debit.post_swipe(with_password(card).number, [
                    {'product': 'MRI', 'quantity': 1},
                    {'product': 'BLOOD', 'quantity': 2}], 'k2', PASSWORD)
            debit = Debit(result['id'])
            self.assertEqual(debit.total, Decimal('1444.95'))
            for width, columns in [('58mm', 32), ('80mm', 48)]:
                copies = slip.copies_text(debit, slip.debit_blocks,
                    width=width)
                self.assertEqual(len(copies), 3)
                for number, text in enumerate(copies, 1):
                    with self.subTest(width=width, copy=number):
                        self.assertIn(f'Copy {number}', text)
                        self.assertIn('壹仟肆佰肆拾肆元玖角伍分', text)
                        self.assertIn('欧阳娜娜', text)
                        self.assertNotIn(card.number, text)
                        self.assertIn(card.number[-4:], text)
                        widest = max(map(display_width, text.split('\n')))
                        self.assertLessEqual(widest, columns)

    @with_transaction()
    def test_payment_password(self):
        """A typed number debits with the member's payment password only;
        five wrong tries lock it; the hash is no plain text"""
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        Debit = pool.get('member.account.debit')
        Password = pool.get('member.payment.password')
        Attempt = pool.get('member.payment.password.attempt')
        company = create_company()
        with set_company(company):
            card = active_card(company)
            checkup_item("血常规", '80', 'BLOOD')
            open_shift()
            TopUp.post_swipe(card.number, '500', 'cash', 'P1', 'k1')
            items = [{'product': 'BLOOD'}]
            with self.assertRaises(UserError) as cm:
                Debit.post_swipe(card.number, items, 'k2', PASSWORD)
            self.assertIn('no payment password', cm.exception.message)
            with_password(card)
            record, = Password.search([('member', '=', card.member.id)])
            self.assertNotIn(PASSWORD, record.password_hash)
            with self.assertRaises(UserError) as cm:
                Debit.post_swipe(card.number, items, 'k2')
            self.assertIn('Ask', cm.exception.message)
            result = Debit.post_swipe(card.number, items, 'k2', PASSWORD)
            self.assertEqual(result['state'], 'posted')
            for left in [4, 3, 2, 1]:
                with self.assertRaises(UserError) as cm:
                    Debit.post_swipe(card.number, items, f'w{left}', '000000')
                self.assertIn(f'{left} tries left', cm.exception.message)
            with self.assertRaises(UserError) as cm:
                Debit.post_swipe(card.number, items, 'w0', '000000')
            self.assertIn('locked', cm.exception.message)
            with self.assertRaises(UserError) as cm:  # even the right one
                Debit.post_swipe(card.number, items, 'k3', PASSWORD)
            self.assertIn('locked', cm.exception.message)
            self.assertEqual(card.member.__class__(
                    card.member.id).payment_password, 'locked')
            tries = Attempt.search([('member', '=', card.member.id),
                    ('kind', '=', 'debit')])
            self.assertEqual(sorted(t.success for t in tries),
                [False] * 6 + [True])
            Password.set_password(card.member, '135790', kind='reset')
            Debit.post_swipe(card.number, items, 'k3', '135790')

    @with_transaction()
    def test_slip_local_time_plain_figures(self):
        """A slip prints the time on the company's clock, not UTC, and its
        amounts without a thousands separator"""
        import datetime as dt
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        company = create_company()
        company.timezone = 'Asia/Shanghai'
        company.save()
        with set_company(company):
            card = active_card(company)
            open_shift()
            result = TopUp.post_swipe(card.number, '4563', 'cash', 'P1', 'k1')
            topup = TopUp(result['id'])
            text = slip.copies_text(topup, slip.topup_blocks)[0]
        local = topup.posted_at + dt.timedelta(hours=8)
        self.assertIn(local.strftime('%Y-%m-%d %H:%M'), text)
        self.assertIn('4563.00', text)
        self.assertNotIn('4,563.00', text)

    @with_transaction()
    def test_paid_amount_credited(self):
        """The paid amount at registration is the household's opening
        top-up when the card is activated, once, linked to the receipt;
        or a fee, or a fee and a deposit, as configured"""
        from trytond.modules.member_account.card import (
            credit_paid_amounts, opening_amount)
        pool = Pool()
        Configuration = pool.get('member.configuration')
        Line = pool.get('member.account.line')
        Card = pool.get('member.card')
        company = create_company()
        with set_company(company):
            card = credited_card(company)
            member = card.member
            self.assertTrue(member.paid_amount)
            self.assertEqual(card.account.balance, member.paid_amount)
            credit_paid_amounts([Card(card.id)])  # once only
            line, = Line.search([('kind', '=', 'opening')])
            self.assertEqual((line.amount, line.origin, line.description),
                (member.paid_amount, member, card.fee_receipt))
            configuration = Configuration(1)
            configuration.paid_amount_use = 'fee'
            self.assertEqual(opening_amount(member, configuration), 0)
            configuration.paid_amount_use = 'fee_deposit'
            configuration.membership_fee = member.paid_amount - 30
            self.assertEqual(opening_amount(member, configuration), 30)
            configuration.membership_fee = member.paid_amount + 30
            self.assertEqual(opening_amount(member, configuration), 0)

    @with_transaction()
    def test_balance_is_sum_of_lines(self):
        "Random top-ups and debits: balance = sum of lines, never negative"
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        Debit = pool.get('member.account.debit')
        company = create_company()
        rng = random.Random(20261127)
        with set_company(company):
            card = with_password(active_card(company))
            for code, price in [('A', '9.99'), ('B', '120.50'),
                    ('C', '333.33')]:
                checkup_item(code, price, code)
            open_shift()
            accepted, refused = Decimal(0), 0
            for i in range(60):
                if rng.random() < 0.3:
                    amount = Decimal(rng.randint(1, 50000)) / 100
                    TopUp.post_swipe(card.number, amount, 'cash', 'P',
                        f't{i}')
                    accepted += amount
                else:
                    items = [{'product': rng.choice('ABC'),
                            'quantity': rng.randint(1, 3)}]
                    try:
                        result = Debit.post_swipe(card.number, items, f'd{i}',
                            PASSWORD)
                    except UserError as e:
                        self.assertIn('short', e.message)
                        refused += 1
                    else:
                        accepted -= result['total']
                account = card.account.__class__(card.account.id)
                lines = account.lines
                self.assertEqual(account.balance, accepted)
                self.assertEqual(sum(l.amount for l in lines), accepted)
                self.assertTrue(all(l.balance >= 0 for l in lines))
            self.assertGreater(refused, 0)
            self.assertEqual(
                len(Debit.search([])) + len(TopUp.search([])), 60 - refused)

    @with_transaction()
    def test_item_change_reaches_next_slip(self):
        "A price, a name or a withdrawal of an item applies to the next slip"
        pool = Pool()
        Debit = pool.get('member.account.debit')
        company = create_company()
        with set_company(company):
            card = active_card(company, discount='0.05')
            product = checkup_item("血常规", '80', 'BLOOD')
            quote = Debit.quote(card.number, [{'product': 'BLOOD'}])
            self.assertEqual(quote['total'], Decimal('76.00'))
            template = product.template
            template.list_price = Decimal('90')
            template.name = "血常规五分类"
            template.save()
            quote = Debit.quote(card.number, [{'product': 'BLOOD'}])
            self.assertEqual(quote['total'], Decimal('85.50'))
            self.assertEqual(quote['items'][0]['description'],
                "[BLOOD] 血常规五分类")
            template.active = False
            template.save()
            with self.assertRaises(UserError) as cm:
                Debit.quote(card.number, [{'product': 'BLOOD'}])
            self.assertIn('BLOOD', cm.exception.message)

    @with_transaction()
    def test_transfer_between_households(self):
        "A transfer moves value with a line out and a line in, never overdrawn"
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        company = create_company()
        with set_company(company):
            source = active_card(company, name="王芳")
            target = active_card(company, name="王强",
                phone='+86 139 0013 9000')
            open_shift()
            TopUp.post_swipe(source.number, '300', 'cash', 'P1', 'k1')
            with self.assertRaises(UserError) as cm:
                transfer(source.account, target.account, Decimal('300.01'),
                    "Duplicate member")
            self.assertIn('short', cm.exception.message)
            with self.assertRaises(UserError):
                transfer(source.account, source.account, Decimal('1'), "x")
            out, in_ = transfer(source.account, target.account,
                Decimal('300'), "Duplicate member merged")
            self.assertEqual((out.kind, out.amount, out.balance),
                ('transfer', Decimal('-300'), Decimal('0')))
            self.assertEqual((in_.kind, in_.amount, in_.balance),
                ('transfer', Decimal('300'), Decimal('300')))
            self.assertEqual(out.origin, target.account)
            Account = pool.get('member.account')
            self.assertEqual(Account(source.account.id).balance, Decimal(0))
            self.assertEqual(Account(target.account.id).balance,
                Decimal('300'))


del ModuleTestCase
