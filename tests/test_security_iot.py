"""iot against a hostile client (issue 10): the boxes' secrets are read by
no desk, the pairing wizard and the browser token refuse what no web
client sends, on the demo center over JSON-RPC."""
import unittest

from .security import LOGINS, WRONG_VALUES, HostileMixin
from .server import demo_session as session
from .server import shared_demo_server


def setUpModule():
    shared_demo_server()


class BoxTestCase(HostileMixin, unittest.TestCase):

    def setUp(self):
        box, = session('admin').call('model.iot.box.create',
            [{'name': "安全测试", 'url': 'http://127.0.0.1:9'}])
        self.addCleanup(session('admin').call, 'model.iot.box.delete',
            [box])
        self.box = box

    def test_secret_unreadable(self):
        "No desk, the administrator included, reads a box's secret"
        for login in LOGINS + ['admin']:
            with self.subTest(login=login):
                self.assertRefused(session(login), 'model.iot.box.read',
                    [self.box], ['secret'])
                self.assertRefused(session(login), 'model.iot.box.search',
                    [('secret', '!=', None)], 0, None, None)

    def test_pairing_code(self):
        "A pairing code that is no text, empty, a NUL, too long: refused"
        for code in [None, 5, '', 'x\x00y', '1' * 100, ['1234']]:
            with self.subTest(code=repr(code)[:20]):
                self.assertWizardRefused(session('member_admin'),
                    'iot.box.pair', ('iot.box', self.box),
                    data={'start': {'box': self.box, 'code': code}},
                    state='pair')
        state, = session('admin').call('model.iot.box.read', [self.box],
            ['state'])
        self.assertEqual(state['state'], 'unpaired')

    def test_pairing_desks(self):
        "Only the administrators pair a box, whatever action id is sent"
        for login in ('reception', 'cashier', 'center_manager'):
            with self.subTest(login=login):
                self.assertWizardRefused(session(login), 'iot.box.pair',
                    ('iot.box', self.box),
                    data={'start': {'box': self.box, 'code': '12345678'}},
                    state='pair')


class BrowserTokenTestCase(HostileMixin, unittest.TestCase):

    def test_arguments(self):
        "The browser token takes no argument"
        for value in WRONG_VALUES[:6]:
            with self.subTest(value=value):
                self.assertRefused(session('cashier'),
                    'model.iot.desk.browser_token', value)

    def test_no_desk(self):
        "A user at no desk is told so"
        error = self.assertRefused(session('sales_office'),
            'model.iot.desk.browser_token')
        self.assertTrue(error.message)
