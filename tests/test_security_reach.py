"""What a client reaches through relations (issue 10, found by an
adversarial review): a "where" in a search domain, the records named in an
on_change, a second member on a member's party. Each is held to the same
rights and rules as a direct read; over JSON-RPC on the demo center, as the
least-privileged desks that tried."""
import unittest

from .server import demo_session as session
from .test_security_card import SecurityCase, employee_of
from .test_security_card import setUpModule  # noqa: F401

MEMBER = 'model.member.member'
LOW_DESKS = ['archive_clerk', 'cashier', 'center_confirm', 'salesperson']


class WhereTestCase(SecurityCase):
    "A 'where' in a domain reaches nothing a direct path may not"

    def test_payload(self):
        "No desk narrows a search to a card's stripe, digit by digit"
        for login in LOW_DESKS + ['reception', 'member_admin']:
            for method, domain in [
                    (MEMBER, [('cards', 'where', [
                                    ('track_payload', 'like', '88%')])]),
                    ('model.member.account', [('cards', 'where', [
                                    ('track_payload', 'like', '88%')])]),
                    (MEMBER, [('account', 'where', [('cards', 'not where', [
                                        ('track_payload', 'like', '8%')])])]),
                    ]:
                with self.subTest(login=login, method=method, domain=domain):
                    self.assertRefused(session(login),
                        f'{method}.search_count', domain)

    def test_id_numbers(self):
        "The desks without ID numbers learn none through a 'where'"
        own, other = self.own_and_other()
        for login, member in [('cashier', other), ('archive_clerk', other),
                ('center_confirm', other), ('salesperson', own)]:
            for domain in [
                    [('party', 'where', [('identifiers', 'where', [
                                        ('code', 'like', '1%')])])],
                    [('party', 'where', [('identifiers.code', 'like', '1%')])],
                    ]:
                with self.subTest(login=login, domain=domain):
                    self.assertRefused(session(login),
                        f'{MEMBER}.search_count',
                        [('id', '=', member)] + domain)

    def test_phones(self):
        "The desks without contact details learn no phone through a 'where'"
        _, other = self.own_and_other()
        for login in ['archive_clerk', 'cashier', 'center_confirm']:
            for domain in [
                    [('party', 'where', [('contact_mechanisms', 'where', [
                                        ('value', 'like', '+86%')])])],
                    [('party', 'where', [
                                ('contact_mechanisms.value', 'like', '+86%')])],
                    ]:
                with self.subTest(login=login, domain=domain):
                    self.assertRefused(session(login),
                        f'{MEMBER}.search_count',
                        [('id', '=', other)] + domain)

    def test_rules_of_the_target(self):
        """A 'where' into another model counts only the records the desk
        sees there: a salesperson's parties reach no other's phone"""
        own, other = self.own_and_other()
        phone = session('member_admin').call(f'{MEMBER}.read', [other],
            ['phone'])[0]['phone']
        self.assertTrue(phone)
        desk = session('salesperson')
        self.assertEqual(desk.call('model.company.employee.search_count', [
                    ('party', 'where', [('contact_mechanisms', 'where', [
                                    ('value', '=', phone)])])]), 0)
        # its own member's phone it finds, as its direct search does
        mine = session('member_admin').call(f'{MEMBER}.read', [own],
            ['phone'])[0]['phone']
        direct = desk.call(f'{MEMBER}.search_count', [('phone', '=', mine)])
        self.assertGreaterEqual(direct, 1)
        self.assertEqual(desk.call(f'{MEMBER}.search_count', [
                    ('party', 'where', [('contact_mechanisms', 'where', [
                                    ('value', '=', mine)])])]), direct)


class OnChangeTestCase(SecurityCase):
    "An on_change reads no record the desk may not"

    def test_records_of_another(self):
        own, other = self.own_and_other()
        mechanism = session('member_admin').call(f'{MEMBER}.read', [other],
            ['contact_mechanisms'])[0]['contact_mechanisms'][0]
        calls = [
            (f'{MEMBER}.on_change_contact_mechanisms',
                {'id': -1, 'contact_mechanisms': [mechanism]}),
            (f'{MEMBER}.on_change',
                {'id': -1, 'contact_mechanisms': [mechanism]},
                ['contact_mechanisms']),
            ('model.member.card.on_change_member', {'id': -1, 'member': other}),
            ('model.health.checkup.booking.on_change_member',
                {'id': -1, 'member': other}),
            (f'{MEMBER}.on_change_with', {'id': other}, ['phone']),
            ]
        # the salesperson sees its own members only; the other desks see
        # every member but no contact details
        for login, refused in [('salesperson', calls),
                ('archive_clerk', calls[:2]), ('center_confirm', calls[:2])]:
            for method, *args in refused:
                with self.subTest(login=login, method=method):
                    self.assertRefused(session(login), method, *args)
        # the salesperson's own member: answered
        answer = session('salesperson').call(
            'model.health.checkup.booking.on_change_member',
            {'id': -1, 'member': own})
        self.assertEqual(answer.get('salesperson'),
            employee_of('salesperson'))

    def test_names_not_computed(self):
        "on_change_with of a name the model does not compute: refused"
        for names in [['name', 'rec_name'], ['nothing'], 'name', [5]]:
            with self.subTest(names=names):
                self.assertRefused(session('reception'),
                    f'{MEMBER}.on_change_with', {'id': -1}, names)


class PartyTestCase(SecurityCase):
    "A member's party is that member's alone"

    def test_second_member_on_a_party(self):
        own, other = self.own_and_other()
        desk = session('reception')
        for party_of in [own, other]:
            with self.subTest(member=party_of):
                self.assertRefused(desk, f'{MEMBER}.create', [{
                            'party': self.party_of(party_of),
                            'salesperson': employee_of('salesperson2'),
                            'company': 1}])
        name = desk.call(f'{MEMBER}.read', [own], ['name'])[0]['name']
        copy, = desk.call(f'{MEMBER}.copy', [own], {})
        read, = desk.call(f'{MEMBER}.read', [copy],
            ['party', 'name', 'state', 'contact_mechanisms', 'number'])
        self.assertNotEqual(read['party'], self.party_of(own))
        self.assertEqual((read['name'], read['state'], read['number'],
                read['contact_mechanisms']), (name, 'potential', None, []))
        desk.call(f'{MEMBER}.write', [copy], {'name': name + "改"})
        self.assertEqual(desk.call(f'{MEMBER}.read', [own], ['name'])[0][
                'name'], name)
        session('member_admin').call(f'{MEMBER}.delete', [copy])


if __name__ == '__main__':
    unittest.main()
