"""What the adversarial RPC suites (tests/test_security_*.py) share.

A hostile client is any logged-in desk sending by hand what the web client
never would: another action's id, a context flag, a list where a dict goes,
a NUL byte, a megabyte of text. Every such request must come back as a
refusal the desk can read (a UserError, translated: the demo users read
Chinese) and change nothing; an internal error (a Python or database error
text, a traceback) is a defect.

    from .security import LOGINS, HostileMixin

    class MyTestCase(HostileMixin, unittest.TestCase):
        def test_x(self):
            self.assertRefused(session('cashier'), 'model.x.y', arg)
"""
import re

from .rpc import RPCError

# every desk of the demo center, least privileged first
LOGINS = ['archive_clerk', 'training_officer', 'service_agent',
    'service_manager', 'center_confirm', 'salesperson', 'sales_office',
    'cashier', 'reception', 'center_manager', 'member_admin']
CHINESE = re.compile('[\u4e00-\u9fff]')
INTERNAL = re.compile(
    r'Traceback|Error:|psycopg|sqlite3|NoneType|object has no attribute|'
    r'unsupported operand|not subscriptable|KeyError|TypeError|ValueError|'
    r'IntegrityError|has no column|invalid input syntax')
# what a hostile client sends where a value is expected
WRONG_VALUES = [None, True, -1, 0, 2 ** 40, 1.5, '', 'abc', 'x\x00y',
    'x' * 100000, [], [1, 'a'], {}, {'a': 1}]


def wrong_values(*keep):
    "WRONG_VALUES without those of the types in keep (a valid kind)"
    return [v for v in WRONG_VALUES if not (keep and isinstance(v, keep)
            and not isinstance(v, bool))]


class HostileMixin:
    "Assertions of the adversarial suites"

    def assertRefused(self, session, method, *args, context=None,
            chinese=True):
        """method(*args) is refused with a message a desk can read:
        a UserError (AccessError and the like included), in Chinese when
        chinese, with no Python or database error text; returns it"""
        with self.assertRaises(RPCError, msg=f'{method}{args!r:.200}') as cm:
            session.call(method, *args, context=context)
        error = cm.exception
        self.assertIn(error.type, {'UserError', 'UserWarning'},
            f'{method} crashed instead of refusing: '
            f'{str(error.message)[:300]} {str(error.description)[:600]}')
        text = f'{error.message} {error.description or ""}'
        self.assertNotRegex(text, INTERNAL,
            f'{method} answered an internal error text')
        if chinese:
            self.assertRegex(str(error.message), CHINESE,
                f'{method} refused in another language: {error.message}')
        return error

    def assertWizardRefused(self, session, wizard, record=None,
            context=None, data=None, state=None, chinese=True):
        """Running wizard on record (model, id) is refused as a desk reads
        it, when it is created or at its step state (its first by default)
        with data: the framework's check at creation or ours at the step"""
        base = {}
        if record:
            base = {'active_model': record[0], 'active_id': record[1],
                'active_ids': [record[1]]}
        context = {**base, **(context or {})}
        try:
            session_id, start, _ = session.call(f'wizard.{wizard}.create',
                context=context)
        except RPCError:
            return self.assertRefused(session, f'wizard.{wizard}.create',
                context=context, chinese=chinese)
        return self.assertRefused(session, f'wizard.{wizard}.execute',
            session_id, data or {}, state or start, context=context,
            chinese=chinese)

    def assertHidden(self, session, model, ids, fields=('id',)):
        """The records ids of model are neither found nor read by
        session"""
        found = session.call(f'model.{model}.search',
            [('id', 'in', list(ids))], 0, None, None)
        self.assertEqual(found, [], f'{session.login_name} finds {model}')
        for id_ in ids:
            self.assertRefused(session, f'model.{model}.read', [id_],
                list(fields))
