"""Who may do what, checked through JSON-RPC as each demo user (never as
root) on a running trytond with the demo center: the access table of
addons/member_card/doc/design.rst, the menus of each desk, and the
operations that a desk tries and another desk may not."""
import unittest

from .rpc import RPCError
from .server import demo_session as session
from .server import shared_demo_server

MODELS = ['member.member', 'member.account', 'member.card',
    'member.card.log', 'member.correction', 'member.card.type',
    'member.source', 'member.person_type']
READ_ONLY = ['R', 'R', 'R', 'R', '', 'R', 'R', 'R']
# doc/design.rst, "Who may do what": model -> letters, per login
MATRIX = {
    'admin': ['RWCD', 'RWCD', 'RWCD', 'R', 'RC', 'RWCD', 'RWCD', 'RWCD'],
    'member_admin': ['RWCD', 'RWCD', 'RWCD', 'R', 'RC', 'RWCD', 'RWCD',
        'RWCD'],
    'reception': ['RWC', 'RWC', 'RWCD', 'R', 'R', 'R', 'R', 'R'],
    'center_manager': ['RW', 'RW', 'RWC', 'R', 'RC', 'R', 'R', 'R'],
    'cashier': READ_ONLY,
    'sales_office': READ_ONLY,
    'salesperson': READ_ONLY,
    'center_confirm': READ_ONLY,
    'service_manager': READ_ONLY,
    'service_agent': READ_ONLY,
    'archive_clerk': READ_ONLY,
    'training_officer': READ_ONLY,
    }
# menus (English names) a desk must see, and must not see
MENUS_SEEN = {
    'reception': {'Members', 'Members / Members', 'Members / Card Lookup',
        'Members / Households', 'Members / Cards'},
    'cashier': {'Members', 'Members / Card Lookup'},
    'center_manager': {'Members / Corrections', 'Members / Card Lookup'},
    'admin': {'Members / Configuration / Card Types',
        'Members / Configuration / Membership Configuration'},
    }
MENUS_HIDDEN = {
    'reception': {'Members / Corrections', 'Members / Configuration'},
    'cashier': {'Members / Corrections', 'Members / Configuration'},
    'salesperson': {'Members / Card Lookup', 'Members / Configuration',
        'Members / Corrections'},
    'sales_office': {'Members / Card Lookup', 'Members / Configuration'},
    'center_manager': {'Members / Configuration'},
    }

def setUpModule():
    shared_demo_server()


def letters(access):
    return ''.join(letter for letter, key in [
            ('R', 'read'), ('W', 'write'), ('C', 'create'), ('D', 'delete')]
        if access[key])


class AccessMatrixTestCase(unittest.TestCase):
    "The access table holds for every department"

    def test_model_access(self):
        "Each desk has exactly the rights of the table"
        for login, expected in MATRIX.items():
            with self.subTest(login=login):
                access = session(login).call(
                    'model.ir.model.access.get_access', MODELS)
                got = [letters(access[m]) for m in MODELS]
                self.assertEqual(dict(zip(MODELS, got)),
                    dict(zip(MODELS, expected)))

    def test_menus(self):
        "Each desk sees its menus and not the others'"
        for login in set(MENUS_SEEN) | set(MENUS_HIDDEN):
            with self.subTest(login=login):
                menus = session(login).call(
                    'model.ir.ui.menu.search_read', [], 0, None, None,
                    ['complete_name'], context={'language': 'en'})
                names = {m['complete_name'] for m in menus}
                self.assertLessEqual(MENUS_SEEN.get(login, set()), names)
                self.assertFalse(MENUS_HIDDEN.get(login, set()) & names)

    def test_menus_in_chinese(self):
        "The demo users read their menus in Chinese"
        menus = session('reception').call(
            'model.ir.ui.menu.search_read', [('parent', '=', None)],
            0, None, None, ['name'])
        names = {m['name'] for m in menus}
        self.assertIn('会员', names)


class DeskOperationTestCase(unittest.TestCase):
    "What one desk does and another desk is refused"

    def new_member(self, login, name):
        salesperson, = session('admin').call(
            'model.company.employee.search', [('party.name', '=', 'Salesperson')],
            0, 1, None)
        member_id, = session(login).call('model.member.member.create', [{
                    'name': name,
                    'salesperson': salesperson,
                    'paid_amount': '1000.00',
                    'contact_mechanisms': [('create', [{
                                    'type': 'mobile',
                                    'value': '13512345678'}])],
                    }])
        return member_id

    def test_reception_registers(self):
        "Reception creates and registers a member"
        member_id = self.new_member('reception', "赵敏")
        session('reception').call(
            'model.member.member.register', [member_id])
        member, = session('reception').call(
            'model.member.member.read', [member_id],
            ['state', 'number', 'phone'])
        self.assertEqual(member['state'], 'registered')
        self.assertTrue(member['number'].startswith('M'))
        self.assertEqual(member['phone'], '+86 135 1234 5678')

    def test_cashier_cannot_create_member(self):
        "The cashier cannot register members"
        with self.assertRaises(RPCError) as cm:
            self.new_member('cashier', "钱多多")
        self.assertTrue(cm.exception.message)
        self.assertEqual(session('sales_office').call(
                'model.member.member.search_count',
                [('name', '=', "钱多多")]), 0)

    def test_cashier_cannot_click_register(self):
        "A button of reception is refused to the cashier"
        member_id = self.new_member('reception', "孙悟")
        with self.assertRaises(RPCError):
            session('cashier').call(
                'model.member.member.register', [member_id])
        member, = session('reception').call(
            'model.member.member.read', [member_id], ['state'])
        self.assertEqual(member['state'], 'potential')

    def test_salesperson_sees_own_members(self):
        "A salesperson lists exactly the members they are responsible for"
        for login in ('salesperson', 'salesperson2'):
            with self.subTest(login=login):
                employee = session(login).context['employee']
                own = session('sales_office').call(
                    'model.member.member.search_count',
                    [('salesperson', '=', employee)])
                seen = session(login).call(
                    'model.member.member.search_read', [], 0, None, None,
                    ['salesperson'])
                self.assertEqual(len(seen), own)
                self.assertGreater(own, 0)
                self.assertEqual({m['salesperson'] for m in seen}, {employee})

    def test_other_reception_cannot_edit(self):
        "Only the registrar, their superiors or the center manager edit"
        member_id = self.new_member('reception', "周芷若")
        session('reception').call(
            'model.member.member.register', [member_id])
        with self.assertRaises(RPCError) as cm:
            session('reception2').call('model.member.member.write',
                [member_id], {'employer': "别的单位"},
                context={'language': 'en'})
        self.assertIn('only the person who registered it',
            cm.exception.message)
        session('center_manager').call('model.member.member.write',
            [member_id], {'employer': "北京钢铁集团"})
        member, = session('reception').call(
            'model.member.member.read', [member_id], ['employer'])
        self.assertEqual(member['employer'], "北京钢铁集团")

    def test_nobody_edits_name(self):
        "Not even the center manager edits a name through the form"
        member_id, = session('sales_office').call(
            'model.member.member.search', [('state', '=', 'active')],
            0, 1, None)
        before, = session('sales_office').call(
            'model.member.member.read', [member_id], ['name'])
        for login in ('reception', 'center_manager', 'admin'):
            with self.subTest(login=login):
                with self.assertRaises(RPCError):
                    session(login).call('model.member.member.write',
                        [member_id], {'name': "改名"})
        after, = session('sales_office').call(
            'model.member.member.read', [member_id], ['name'])
        self.assertEqual(after['name'], before['name'])

    def test_cashier_looks_up_card(self):
        "The cashier's lookup finds an active card by its number"
        card, = session('reception').call('model.member.card.search_read',
            [('state', '=', 'active')], 0, 1, None, ['number'])
        found = session('cashier').call(
            'model.member.card.lookup', card['number'])
        self.assertTrue(found['ok'])
        self.assertEqual(found['number'], card['number'])
