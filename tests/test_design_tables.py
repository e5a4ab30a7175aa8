"""The "Who may do what" tables of every module's doc/design.rst hold on
the server, so they cannot drift: logged in as the demo user of each
department (JSON-RPC, the demo center), the access rights, the records each
department sees, the fields it reads and the wizards and buttons it may run
are what the tables say."""
import unittest

from .design_tables import (
    DEPARTMENTS, REPO, access_table, action_table, design_tables)
from .rpc import RPCError
from .server import demo_session as session
from .server import shared_demo_server

E = 'employees'  # the user's employees, in the own domains below
# model: (the domain of the records that are a member's, the domain of
# those of the user's own members)
MEMBER_RECORDS = {
    'member.member': ([], [('salesperson', 'in', E)]),
    'member.account': ([], [('holders.salesperson', 'in', E)]),
    'member.card': ([], [('member.salesperson', 'in', E)]),
    'member.card.log': ([], [('card.member.salesperson', 'in', E)]),
    'member.correction': ([], [('member.salesperson', 'in', E)]),
    'party.party': ([('members', '!=', None)],
        [('members.salesperson', 'in', E)]),
    'party.contact_mechanism': ([('party.members', '!=', None)],
        [('party.members.salesperson', 'in', E)]),
    'party.address': ([('party.members', '!=', None)],
        [('party.members.salesperson', 'in', E)]),
    'party.identifier': ([('party.members', '!=', None)],
        [('party.members.salesperson', 'in', E)]),
    'health.checkup.booking': ([], [('salesperson', 'in', E)]),
    'health.checkup.booking.event': ([], [('booking.salesperson', 'in', E)]),
    'health.checkup.booking.attempt': ([],
        [('booking.salesperson', 'in', E)]),
    'member.account.line': ([], [('account.holders.salesperson', 'in', E)]),
    'member.account.topup': ([], [('account.holders.salesperson', 'in', E)]),
    'member.account.debit': ([], [('account.holders.salesperson', 'in', E)]),
    }
ACCESS_REFUSED = ('not allowed', 'Only ', 'You are not allowed')
# a record to run a wizard on, where the demo center has none
FIXTURES = {
    'iot.box': {'name': "设计表测试", 'url': 'http://127.0.0.1:9'},
    }


def setUpModule():
    shared_demo_server()


def modules():
    return sorted(p.parent.parent.name
        for p in (REPO / 'addons').glob('*/doc/design.rst'))


def letters(access):
    return ''.join(letter for letter, key in [
            ('R', 'read'), ('W', 'write'), ('C', 'create'), ('D', 'delete')]
        if access[key])


def own_domain(template, login):
    employees = session(login).context.get('employees') or [
        session(login).context['employee']]
    return [(f, o, employees if v == E else v) for f, o, v in template]


class DesignTablesTestCase(unittest.TestCase):
    "Each module's tables against what the server grants each desk"

    def tables(self, titles):
        for module in modules():
            tables = design_tables(module)
            for title in titles:
                if title in tables:
                    yield module, title, tables[title]

    def test_every_module_has_its_tables(self):
        "Every module documents its records and its actions"
        for module in modules():
            with self.subTest(module=module):
                tables = design_tables(module)
                self.assertIn('Records', tables)
                self.assertIn('Wizards and buttons', tables)
                departments = {r[0] for r in tables['Records'][1:]}
                self.assertEqual(departments, set(DEPARTMENTS))

    def test_access_rights(self):
        "The letters of each Records table are the department's rights"
        for module, _, rows in self.tables(['Records']):
            table = access_table(rows)
            for login in DEPARTMENTS.values():
                access = session(login).call(
                    'model.ir.model.access.get_access', sorted(table))
                for model, cells in table.items():
                    with self.subTest(module=module, login=login,
                            model=model):
                        self.assertEqual(letters(access[model]),
                            cells[login][0])

    def test_records_seen(self):
        """own: the department sees exactly its own members' records;
        non-member: none that is a member's; else all of them"""
        for module, _, rows in self.tables(['Records']):
            for model, cells in access_table(rows).items():
                if model not in MEMBER_RECORDS:
                    self.assertFalse(any(s for _, s in cells.values()),
                        f'{model}: add it to MEMBER_RECORDS')
                    continue
                linked, own = MEMBER_RECORDS[model]
                every = set(session('admin').call(f'model.{model}.search',
                        linked, 0, None, None))
                for login, (rights, scope) in cells.items():
                    if 'R' not in rights:
                        continue
                    with self.subTest(model=model, login=login):
                        seen = every & set(session(login).call(
                                f'model.{model}.search', [], 0, None, None))
                        if scope == 'non-member':
                            expected = set()
                        elif scope == 'own':
                            expected = every & set(session('admin').call(
                                    f'model.{model}.search',
                                    own_domain(own, login), 0, None, None))
                            self.assertTrue(expected, f'{login} owns none')
                        else:
                            expected = every
                        self.assertEqual(seen, expected)

    def test_fields_read(self):
        "The Fields tables: who reads a field of the members they see"
        for module, _, rows in self.tables(['Fields']):
            for name, cells in access_table(rows).items():
                model, field = name.rsplit('.', 1)
                for login, (rights, scope) in cells.items():
                    records = session(login).call(f'model.{model}.search',
                        [], 0, 5, None) if self.may_read(login, model) \
                        else []
                    if not records:
                        continue
                    with self.subTest(field=name, login=login):
                        if 'R' in rights:
                            session(login).call(f'model.{model}.read',
                                records, [field])
                        else:
                            with self.assertRaises(RPCError):
                                session(login).call(f'model.{model}.read',
                                    records, [field])

    def may_read(self, login, model):
        return session(login).call('model.ir.model.access.get_access',
            [model])[model]['read']

    def test_buttons(self):
        "A button's groups are the departments of the table"
        names = self.group_logins()
        for module, _, rows in self.tables(['Wizards and buttons']):
            for name, kind, logins in action_table(rows):
                if kind != 'button':
                    continue
                model, button = name.rsplit('.', 1)
                with self.subTest(button=name):
                    found = session('admin').call(
                        'model.ir.model.button.search_read',
                        [('model', '=', model), ('name', '=', button)],
                        0, None, None, ['groups'])
                    self.assertEqual(len(found), 1, name)
                    groups = session('admin').call('model.res.group.read',
                        found[0]['groups'], ['name'],
                        context={'language': 'en'})
                    self.assertEqual({names[g['name']] for g in groups
                            if g['name'] in names}, logins)

    def group_logins(self):
        return dict(DEPARTMENTS)

    def test_wizards(self):
        """A wizard runs for the departments of the table and refuses
        the others at its first step"""
        for module, _, rows in self.tables(['Wizards and buttons']):
            for name, kind, logins in action_table(rows):
                if kind != 'wizard':
                    continue
                record = self.record_for(name)
                # another action's id, as a hostile client sends it: one
                # without groups opens no door either
                forged = self.action_of('member.card.write')
                for login in DEPARTMENTS.values():
                    for action_id in (None, forged):
                        with self.subTest(wizard=name, login=login,
                                action_id=action_id):
                            refused = self.refused_access(login, name,
                                record, action_id)
                            self.assertEqual(bool(refused),
                                login not in logins,
                                f'{name} for {login}: {refused}')

    def record_for(self, wizard):
        "(model, id) the wizard runs on, or None for a menu's wizard"
        actions = session('admin').call('model.ir.action.wizard.search_read',
            [('wiz_name', '=', wizard)], 0, 1, None, ['model'])
        model = actions[0]['model'] if actions else None
        if not model or model == 'ir.ui.menu':
            return None
        found = session('admin').call(f'model.{model}.search', [], 0, 1,
            None)
        if not found and model in FIXTURES:
            found = session('admin').call(f'model.{model}.create',
                [FIXTURES[model]])
            self.addCleanup(session('admin').call, f'model.{model}.delete',
                found)
        self.assertTrue(found, f'the demo has a {model}')
        return (model, found[0])

    def action_of(self, wizard):
        action, = session('admin').call('model.ir.action.wizard.search_read',
            [('wiz_name', '=', wizard)], 0, 1, None, ['action'])
        return action['action']

    def refused_access(self, login, wizard, record, action_id=None):
        """The message refusing the desk at the wizard's first step, or
        None (another refusal, a state the record is not in, is no access
        refusal)"""
        desk = session(login)
        context = {'language': 'en'}
        if action_id:
            context['action_id'] = action_id
        try:
            run = desk.wizard(wizard, record, context=context)
            desk.call(f'wizard.{wizard}.execute', run.session_id, {},
                run.start_state, context=run.context)
        except RPCError as error:
            message = str(error.message)
            if any(m in message for m in ACCESS_REFUSED):
                return message
        return None
