"""Every role against every model of ours and every core model holding a
member's data, over JSON-RPC on the demo center (issue 10, "Done when"):
what a desk has no right to do is refused as a message it can read, in
Chinese, with nothing changed; a button or a wizard of another desk is
refused whatever action id is sent; every RPC method we expose, sent wrong
types, too many or too few arguments, oversized values or a forged context,
refuses or answers, and never answers an internal error.

The rights themselves (which letters each department has) are the design
tables' (tests/test_design_tables.py); here, what their absence means."""
import unittest

from .rpc import RPCError
from .security import LOGINS, WRONG_VALUES, HostileMixin
from .server import demo_session as session
from .server import shared_demo_server

MODULES = ['member_card', 'member_account', 'health_checkup', 'iot']
PERSONAL = ['party.party', 'party.contact_mechanism', 'party.address',
    'party.identifier']
# the framework's methods of every model; the others are ours
STANDARD = {'read', 'search', 'search_count', 'search_read', 'write',
    'create', 'delete', 'copy', 'default_get', 'fields_get',
    'fields_view_get', 'view_toolbar_get', 'view_attributes', 'export_data',
    'export_data_domain', 'import_data', 'history_revisions',
    'on_change', 'on_change_with', 'on_change_notify', 'on_scan_code',
    'pre_validate', 'autocomplete', 'search_domain', 'resources',
    'view_get'}
# contexts a hostile client sends with a request
FORGED_CONTEXTS = [{'company': [1]}, {'company': 'abc'}, {'language': 5},
    {'_datetime': 'abc'}, {'active_ids': 'x'}, {'employee': {}},
    {'active_test': 'no'}]


def setUpModule():
    shared_demo_server()


class Catalogue:
    "What the server exposes of our modules, read once as the administrator"

    _cache = {}

    @classmethod
    def get(cls):
        if not cls._cache:
            admin = session('admin')
            models = {m['name'] for m in admin.call(
                    'model.ir.model.search_read',
                    [('module', 'in', MODULES)], 0, None, None, ['name'])}
            methods = admin.call('system.listMethods')
            storage = {name for name in models | set(PERSONAL)
                if f'model.{name}.search' in methods}
            custom = {}
            for method in methods:
                parts = method.split('.')
                if parts[0] != 'model':
                    continue
                model, name = '.'.join(parts[1:-1]), parts[-1]
                if model in models and name not in STANDARD:
                    custom.setdefault(model, set()).add(name)
            buttons = admin.call('model.ir.model.button.search_read',
                [('model', 'in', sorted(models))], 0, None, None,
                ['model', 'name', 'groups'])
            cls._cache.update(storage=sorted(storage), custom=custom,
                buttons=buttons)
        return cls._cache


def rights(login, models):
    return session(login).call('model.ir.model.access.get_access', models)


def some_record(model):
    "A record of model the administrator sees, or None"
    found = session('admin').call(f'model.{model}.search', [], 0, 1,
        [('id', 'DESC')])
    return found[0] if found else None


class RightsTestCase(HostileMixin, unittest.TestCase):
    "What the access rights do not grant is refused, never half done"

    def test_missing_rights_refused(self):
        "No read, write, create or delete right: refused in Chinese"
        storage = Catalogue.get()['storage']
        for login in LOGINS:
            access = rights(login, storage)
            desk = session(login)
            for model in storage:
                record = some_record(model)
                granted = access[model]
                with self.subTest(login=login, model=model):
                    if not granted['read']:
                        self.assertRefused(desk, f'model.{model}.search', [],
                            0, None, None)
                        self.assertRefused(desk,
                            f'model.{model}.search_count', [])
                        if record:
                            self.assertRefused(desk, f'model.{model}.read',
                                [record], ['id'])
                            self.assertRefused(desk,
                                f'model.{model}.export_data', [record],
                                ['id'])
                    if not granted['create']:
                        self.assertRefused(desk, f'model.{model}.create',
                            [{}])
                    if record and not granted['write']:
                        self.assertRefused(desk, f'model.{model}.write',
                            [record], {})
                    if record and not granted['delete']:
                        self.assertRefused(desk, f'model.{model}.delete',
                            [record])
                    if record and granted['read']:
                        self.assertRefused(desk, f'model.{model}.read',
                            [record], ['id'], context={'company': [1]})

    def test_buttons_of_other_desks(self):
        "A button whose groups the desk is not in is refused on a record"
        catalogue = Catalogue.get()
        groups = {g['id']: g['name'] for g in session('admin').call(
                'model.res.group.search_read', [], 0, None, None, ['name'])}
        for login in LOGINS:
            mine = set(session(login).call('model.res.user.read',
                    [session(login).user_id], ['groups'])[0]['groups'])
            for button in catalogue['buttons']:
                if not button['groups'] or mine & set(button['groups']):
                    continue
                model, name = button['model'], button['name']
                record = some_record(model)
                if record is None:
                    continue
                with self.subTest(login=login, button=f'{model}.{name}',
                        groups=[groups.get(g) for g in button['groups']]):
                    self.assertRefused(session(login),
                        f'model.{model}.{name}', [record])


class MethodsTestCase(HostileMixin, unittest.TestCase):
    "Every RPC method of ours, sent what no desk would send"

    def test_wrong_arguments(self):
        """Wrong types, oversized values, too many or too few arguments:
        an answer or a refusal, never an internal error"""
        custom = Catalogue.get()['custom']
        buttons = {(b['model'], b['name'])
            for b in Catalogue.get()['buttons']}
        for model, names in sorted(custom.items()):
            for name in sorted(names):
                if (model, name) in buttons:
                    continue  # buttons: test_buttons_of_other_desks
                for login in ('cashier', 'reception', 'salesperson'):
                    desk = session(login)
                    for count in range(4):
                        for value in WRONG_VALUES:
                            with self.subTest(method=f'{model}.{name}',
                                    login=login, args=count,
                                    value=repr(value)[:30]):
                                self.assertNoCrash(desk,
                                    f'model.{model}.{name}',
                                    *([value] * count))

    def assertNoCrash(self, desk, method, *args, context=None):
        try:
            desk.call(method, *args, context=context)
        except RPCError as error:
            if error.type == 'UserError' and str(error.status) == '403':
                return
            self.assertIn(error.type, {'UserError', 'UserWarning',
                    '403 Forbidden'},
                f'{method}{args!r:.80} crashed: {str(error.message)[:300]}')

    def test_forged_context(self):
        "A context of wrong types is refused on every kind of request"
        storage = Catalogue.get()['storage']
        desk = session('reception')
        for context in FORGED_CONTEXTS:
            for model in storage[:5] + ['member.member']:
                with self.subTest(context=context, model=model):
                    self.assertRefused(desk, f'model.{model}.search', [], 0,
                        1, None, context=context)
            with self.subTest(context=context, call='wizard'):
                self.assertRefused(desk, 'wizard.member.card.lookup.create',
                    context=context)
            with self.subTest(context=context, call='lookup'):
                self.assertRefused(desk, 'model.member.card.lookup',
                    '880000000013', context=context)
