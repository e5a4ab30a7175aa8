"""The test machinery itself: a trytond started by tests/server.py answers
the JSON-RPC client of tests/rpc.py. Uses only the party module, so it does
not depend on the membership modules."""
import unittest

from .rpc import RPCError, Session
from .server import start_module_server

server = None


def setUpModule():
    global server
    server = start_module_server(modules=('party',), demo=False)


class RPCSmokeTestCase(unittest.TestCase):

    def test_admin_login(self):
        "admin logs in and finds itself"
        session = Session.login(
            server.url, server.database, 'admin', 'admin-demo')
        users = session.call('model.res.user.search_read',
            [('login', '=', 'admin')], 0, None, None, ['login', 'name'])
        self.assertEqual([u['login'] for u in users], ['admin'])
        self.assertEqual(users[0]['id'], session.user_id)

    def test_wrong_password_refused(self):
        "a wrong password is refused"
        with self.assertRaises(RPCError) as cm:
            Session.login(server.url, server.database, 'admin', 'wrong-pass')
        self.assertTrue(cm.exception.message.startswith('401'),
            cm.exception.message)

    def test_call_without_session_refused(self):
        "a model method without a session is refused"
        session = Session(server.url, server.database, 'admin', 1, 'x' * 20)
        with self.assertRaises(RPCError) as cm:
            session.call('model.res.user.search_read', [], 0, 1, None, [])
        self.assertTrue(cm.exception.message.startswith('401'),
            cm.exception.message)

    def test_web_client_served(self):
        "sao's index.html is served at the root"
        import urllib.request
        with urllib.request.urlopen(server.url, timeout=30) as response:
            self.assertEqual(response.status, 200)
            self.assertIn(b'sao', response.read().lower())
