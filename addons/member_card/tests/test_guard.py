# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What a client sends, checked on the server (issue 10): RPC arguments,
values written into fields, wizard steps; what each department sees of the
members' personal data; the phone on the member's form."""
import datetime as dt
import unittest
from decimal import Decimal

from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.member_card import arguments, reach, rpc_guard
from trytond.modules.member_card.exceptions import ArgumentError
from trytond.modules.member_card.privacy import user_privacy
from trytond.modules.member_card.tests.test_module import create_member
from trytond.pool import Pool
from trytond.tests.test_tryton import activate_module, with_transaction
from trytond.transaction import Transaction


def user_in_groups(*xml_ids):
    "A user holding the groups member_card.xml_id"
    pool = Pool()
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    user, = User.create([{'name': '-'.join(xml_ids), 'login': '-'.join(
                    xml_ids), 'groups': [('add', [
                            ModelData.get_id('member_card', x)
                            for x in xml_ids])]}])
    return user


class ArgumentsTestCase(unittest.TestCase):
    "The checks of what a client sends to an RPC method"

    @classmethod
    def setUpClass(cls):
        activate_module('member_card')

    def refused(self, func, *args, **kwargs):
        with self.assertRaises(ArgumentError) as cm:
            func(*args, **kwargs)
        return cm.exception.message

    @with_transaction()
    def test_text(self):
        "Text: a str without NUL, not too long, stripped, required"
        self.assertEqual(arguments.text(' 880 ', "卡号"), '880')
        self.assertIsNone(arguments.text(None, "卡号", required=False))
        self.assertIsNone(arguments.text('  ', "卡号", required=False))
        for value in [5, b'880', ['880'], {'a': 1}, True]:
            with self.subTest(value=value):
                self.assertIn("卡号", self.refused(arguments.text, value,
                        "卡号"))
        self.assertIn('NUL', self.refused(arguments.text, '88\x0088', "卡号"))
        self.assertIn('10', self.refused(arguments.text, 'x' * 11, "卡号",
                max_length=10))
        self.refused(arguments.text, '', "卡号")
        self.refused(arguments.text, None, "卡号")

    @with_transaction()
    def test_numbers(self):
        "Integers and ids; amounts never from a float"
        self.assertEqual(arguments.integer(3, "数量", minimum=1), 3)
        for value in [True, 1.0, '3', None, [3]]:
            with self.subTest(value=value):
                self.refused(arguments.integer, value, "数量")
        self.refused(arguments.integer, 0, "数量", minimum=1)
        self.refused(arguments.integer, 11, "数量", maximum=10)
        self.refused(arguments.record_id, 2 ** 40, "会员")
        self.refused(arguments.record_id, -1, "会员")
        self.assertEqual(arguments.decimal('12.50', "金额"), Decimal('12.50'))
        self.assertEqual(arguments.decimal(12, "金额"), Decimal(12))
        for value in [12.5, 'abc', 'NaN', 'Infinity', '1' * 41, True,
                None, [1]]:
            with self.subTest(value=value):
                self.refused(arguments.decimal, value, "金额")

    @with_transaction()
    def test_containers(self):
        "Lists and dicts of the size and keys expected"
        self.assertEqual(arguments.sequence((1, 2), "项目"), [1, 2])
        self.refused(arguments.sequence, {'a': 1}, "项目")
        self.refused(arguments.sequence, 'ab', "项目")
        self.refused(arguments.sequence, [], "项目")
        self.refused(arguments.sequence, [1] * 3, "项目", max_length=2)
        self.assertEqual(arguments.mapping({'a': 1}, "项目", ['a', 'b']),
            {'a': 1})
        self.refused(arguments.mapping, [('a', 1)], "项目", ['a'])
        self.assertIn('c', self.refused(arguments.mapping, {'c': 1}, "项目",
                ['a']))
        self.assertEqual(arguments.date(dt.datetime(2026, 12, 1, 9), "日期"),
            dt.date(2026, 12, 1))
        self.refused(arguments.date, '2026-12-01', "日期")

    @with_transaction()
    def test_signature(self):
        "A method called with other arguments than it takes refuses"
        @arguments.signature_checked
        def method(cls, text, limit=1):
            return text

        self.assertEqual(method(None, 'a'), 'a')
        self.assertEqual(method(None, 'a', limit=2), 'a')
        for args, kwargs in [((), {}), (('a', 1, 2), {}), (('a',),
                    {'other': 1})]:
            with self.subTest(args=args, kwargs=kwargs):
                self.assertIn('method', self.refused(method, None, *args,
                        **kwargs))

    @with_transaction()
    def test_active_context(self):
        "What a wizard or a button runs on must be ids and a model name"
        for context in [{'active_id': 'abc'}, {'active_id': 1.5},
                {'active_ids': 5}, {'active_ids': ['a']},
                {'active_model': 5}, {'active_id': -3}]:
            with self.subTest(context=context):
                with Transaction().set_context(**context):
                    self.refused(arguments.active_context)
        with Transaction().set_context(active_model='member.member',
                active_id=3, active_ids=[3, 4]):
            arguments.active_context()

    @with_transaction()
    def test_wizard_step(self):
        "A step that does not exist, data of no view, values of wrong types"
        pool = Pool()
        Correct = pool.get('member.correct', type='wizard')
        arguments.wizard_step(Correct, 1, {'start': {'field': 'name',
                    'reason': "笔误", 'id': 0}}, 'correct')
        for session, data, state in [
                ('1', {}, 'start'),
                (1, {}, 'nowhere'),
                (1, {'correct': {}}, 'correct'),
                (1, {'start': {'_values': 1}}, 'correct'),
                (1, {'start': {'field': 'state'}}, 'correct'),
                (1, {'start': {'reason': 5}}, 'correct'),
                (1, {'start': {'member': 'abc'}}, 'correct'),
                (1, {'start': ['x']}, 'correct'),
                (1, [], 'correct'),
                ]:
            with self.subTest(session=session, data=data, state=state):
                self.refused(arguments.wizard_step, Correct, session, data,
                    state)

    @with_transaction()
    def test_records(self):
        "What an RPC call is made on: ids, or the values of the fields"
        pool = Pool()
        Member = pool.get('member.member')
        Done = pool.get('member.done')
        for data in [1, [1, 2], {'id': -1, 'name': "张伟"},
                {'id': 1, '_parent_account.number': "H1"},
                {'_parent_account._parent_company.id': 1}]:
            with self.subTest(data=data):
                rpc_guard.check_instances(Member, data)
        for Model, data in [
                (Member, {'a': 1}),
                (Member, {1: 1}),
                (Member, {'id': 'x'}),
                (Member, {'_parent_name.x': 1}),
                (Member, {'_parent_account': 1}),
                (Member, {'_parent_account.x': 1}),
                (Member, {'_parent_account.number': 5}),
                (Member, ['1']),
                (Member, 'x'),
                (Done, [1]),
                (Done, 1),
                ]:
            with self.subTest(model=Model.__name__, data=data):
                self.refused(rpc_guard.check_instances, Model, data)


class GuardTestCase(unittest.TestCase):
    "Values a field cannot take, refused naming the field"

    @classmethod
    def setUpClass(cls):
        activate_module('member_card')

    @with_transaction()
    def test_member_values(self):
        "A date 'abc', a record 'abc', a NUL byte: refused, nothing created"
        pool = Pool()
        Member = pool.get('member.member')
        company = create_company()
        with set_company(company):
            for field, value, label in [
                    ('birth_date', 'abc', "Birth Date"),
                    ('salesperson', 'abc', "Salesperson"),
                    ('source', [1], "Source"),
                    ('employer', 'x\x00y', "Employer/Unit"),
                    ('name', 'x\x00y', "Name"),
                    ('paid_amount', 'abc', "Paid Amount"),
                    ('account', {'id': 1}, "Household"),
                    ]:
                with self.subTest(field=field):
                    with self.assertRaises(ArgumentError) as cm:
                        Member.create([{'name': "张伟", field: value}])
                    self.assertIn(label, cm.exception.message)
            self.assertEqual(Member.search([]), [])


class PrivacyTestCase(unittest.TestCase):
    "What each department sees of the members' personal data"

    @classmethod
    def setUpClass(cls):
        activate_module('member_card')

    @with_transaction()
    def test_settings(self):
        "A user sees the most of what their groups grant"
        for groups, expected in [
                (['group_center_reception'], ('all', True, True)),
                (['group_center_cashier'], ('all', False, False)),
                (['group_sales_person'], ('own', True, False)),
                (['group_sales_person', 'group_center_cashier'],
                    ('all', True, False)),
                (['group_service_archive'], ('all', False, False)),
                ]:
            user = user_in_groups(*groups)
            with self.subTest(groups=groups), \
                    Transaction().set_user(user.id):
                self.assertEqual(user_privacy(), expected)

    @with_transaction()
    def test_where_follows_rules(self):
        """A 'where' of a client's domain into another model counts only
        what the user sees there: a salesperson reaches no other's member's
        phone through a model it reads whole"""
        pool = Pool()
        Employee = pool.get('company.employee')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            member = create_member(company)
            phone = member.phone
            # an employee record on the member's party, readable by all
            Employee.create([{'party': member.party.id,
                        'company': company.id}])
            mine, = Employee.create([{'party': Party.create([{
                                'name': "Own"}])[0].id,
                        'company': company.id}])
            salesperson = user_in_groups('group_sales_person')
            salesperson.employees = [mine]
            salesperson.employee = mine
            salesperson.companies = [company]
            salesperson.company = company
            salesperson.save()
        domain = [('party', 'where', [
                    ('contact_mechanisms', 'where', [
                            ('value', '=', phone)])])]
        with Transaction().set_user(salesperson.id), \
                Transaction().set_context(company=company.id,
                    _check_access=True):
            # what the framework alone answers: the other's phone found
            self.assertEqual(Employee.search(domain, count=True), 1)
            self.assertEqual(Employee.search(
                    reach.secure_domain(Employee, domain), count=True), 0)

    @with_transaction()
    def test_fields_hidden(self):
        "The phone and the ID number are unreadable without the setting"
        pool = Pool()
        FieldAccess = pool.get('ir.model.field.access')
        cashier = user_in_groups('group_center_cashier')
        with Transaction().set_user(cashier.id):
            access = FieldAccess.get_access(['member.member', 'party.party'])
        for model, field in [('member.member', 'phone'),
                ('member.member', 'contact_mechanisms'),
                ('member.member', 'id_number'),
                ('party.party', 'identifiers'),
                ('party.party', 'contact_mechanisms'),
                ('party.party', 'phone')]:
            with self.subTest(model=model, field=field):
                self.assertFalse(access[model][field]['read'])
        self.assertNotIn('name', access['member.member'])

    @with_transaction()
    def test_no_finding_by_hidden_data(self):
        "A party's name search does not look into what the user cannot read"
        pool = Pool()
        Party = pool.get('party.party')
        cashier = user_in_groups('group_center_cashier')
        reception = user_in_groups('group_center_reception')
        clause = ('rec_name', 'ilike', '1101%')
        with Transaction().set_user(cashier.id):
            names = {c[0] for c in Party.search_rec_name('rec_name', clause)
                if isinstance(c, tuple)}
        self.assertFalse(names & {'identifiers.code',
                'contact_mechanisms.rec_name'})
        with Transaction().set_user(reception.id):
            names = {c[0] for c in Party.search_rec_name('rec_name', clause)
                if isinstance(c, tuple)}
        self.assertIn('identifiers.code', names)


def china_company():
    "A company in China: phone numbers are read with its country's rules"
    pool = Pool()
    Country = pool.get('country.country')
    Address = pool.get('party.address')
    china, = Country.create([{'name': "China", 'code': 'CN'}])
    company = create_company()
    Address.create([{'party': company.party.id, 'country': china.id}])
    return company


class ContactTestCase(unittest.TestCase):
    "The phone on the member's form and the contact types of a Chinese desk"

    @classmethod
    def setUpClass(cls):
        activate_module('member_card')

    @with_transaction()
    def test_phone_field(self):
        "The form's phone is the first phone contact method"
        pool = Pool()
        Member = pool.get('member.member')
        company = china_company()
        with set_company(company):
            member, = Member.create([{'name': "李娜",
                        'phone': '13800138000'}])
            mobile, = member.contact_mechanisms
            self.assertEqual((mobile.type, mobile.value),
                ('mobile', '+86 138 0013 8000'))
            self.assertEqual(member.phone, '+86 138 0013 8000')
            Member.write([member], {'phone': '13912345678'})
            mobile, = Member(member.id).contact_mechanisms
            self.assertEqual(mobile.value, '+86 139 1234 5678')
            landline, = Member.create([{'name': "王芳",
                        'phone': '010-62345678'}])
            self.assertEqual(landline.contact_mechanisms[0].type, 'phone')

            # typed on the form: the line the client will save is active
            form = Member(phone='13800138001', contact_mechanisms=[])
            form.on_change_phone()
            line, = form.contact_mechanisms
            self.assertEqual((line.type, line.value, line.active),
                ('mobile', '13800138001', True))

    @with_transaction()
    def test_contact_values(self):
        "A phone, a QQ number, a WeChat id: refused in the desk's words"
        pool = Pool()
        Mechanism = pool.get('party.contact_mechanism')
        company = china_company()
        with set_company(company):
            member = create_member(company)
            for type_, value, words in [
                    ('mobile', '12345', '11 digits'),
                    ('qq', '0123', 'QQ'),
                    ('qq', 'abc12345', 'QQ'),
                    ('wechat', '1abc', 'WeChat'),
                    ]:
                with self.subTest(type=type_, value=value):
                    with self.assertRaises(ValidationError) as cm:
                        Mechanism.create([{'party': member.party.id,
                                    'member': member.id, 'type': type_,
                                    'value': value}])
                    self.assertIn(words, cm.exception.message)
            Mechanism.create([
                    {'party': member.party.id, 'type': 'qq',
                        'value': '123456789'},
                    {'party': member.party.id, 'type': 'wechat',
                        'value': 'zhang_wei-88'}])
            types = dict(Mechanism.fields_get(['type'])['type']['selection'])
            self.assertLessEqual({'mobile', 'phone', 'wechat', 'qq', 'email'},
                set(types))
            self.assertFalse({'skype', 'irc', 'jabber', 'sip'} & set(types))

    @with_transaction()
    def test_member_contact_types(self):
        "A member's contact methods are of the types a Chinese desk uses"
        pool = Pool()
        Member = pool.get('member.member')
        company = create_company()
        with set_company(company):
            with self.assertRaises(UserError):
                Member.create([{'name': "赵敏", 'contact_mechanisms': [
                                ('create', [{'type': 'fax',
                                            'value': '010-62345678'}])]}])
