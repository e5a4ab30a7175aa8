"""The box's HTTP API end to end against its simulated devices: pairing,
refused tokens, jobs with action ids, the long-poll cursor, CORS and the
logs"""
import io
import logging
import threading
import time
import unittest
import uuid

from PIL import Image

from iot_box import logmask, track
from iot_box.tests.server import ORIGIN, BoxServer
from iot_box.tests.tools import artifact

PAYLOAD = '889900012345=123456789012345678'
SLIP = ['消费单\n会员联\n--------\n合计：￥128.00', '消费单\n中心联\n合计：￥128.00',
    '消费单\n财务联\n合计：￥128.00']


class BoxTestCase(unittest.TestCase):
    def setUp(self):
        self.server = BoxServer().__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)


class PairingTestCase(BoxTestCase):
    def test_pairing(self):
        "A wrong code is refused, the right one pairs once"
        server = self.server
        status, answer, _ = server.call('GET', '/v1/status')
        self.assertEqual((status, answer['paired']), (200, False))
        status, answer, _ = server.call('GET', '/v1/devices')
        self.assertEqual((status, answer['error']['code']), (409, 'unpaired'))
        status, answer, _ = server.call('POST', '/v1/pair',
            {'code': '00000000' if server.code != '00000000' else '1'})
        self.assertEqual((status, answer['error']['code']),
            (403, 'pairing_code'))
        answer = server.pair()
        self.assertEqual(len(answer['secret']), 64)
        status, answer, _ = server.call('POST', '/v1/pair',
            {'code': server.code})
        self.assertEqual((status, answer['error']['code']),
            (409, 'pairing_paired'))
        self.assertTrue(server.call('GET', '/v1/status')[1]['paired'])

    def test_five_wrong_codes(self):
        "Five wrong codes and the box shows a new one; the old one is dead"
        first = self.server.code
        for _ in range(5):
            self.server.call('POST', '/v1/pair', {'code': 'x'})
        self.assertNotEqual(self.server.code, first)
        status, _, _ = self.server.call('POST', '/v1/pair', {'code': first})
        self.assertEqual(status, 403)

    def test_pairing_kept(self):
        "The pairing survives a restart of the box"
        self.server.pair()
        with BoxServer(self.server.state) as again:
            self.assertEqual(again.codes, [])
            again.box_id, again.secret = self.server.box_id, \
                self.server.secret
            status, _, _ = again.call('GET', '/v1/devices',
                token=again.token(['status']))
            self.assertEqual(status, 200)


class TokenTestCase(BoxTestCase):
    def setUp(self):
        super().setUp()
        self.server.pair()

    def assertRefused(self, token, status, code, path='/v1/devices'):
        got, answer, _ = self.server.call('GET', path, token=token)
        self.assertEqual((got, answer['error']['code']), (status, code))

    def test_refused_tokens(self):
        "No token, another signer, expired, too long, another box"
        server = self.server
        self.assertRefused(None, 401, 'token_missing')
        self.assertRefused('garbage', 403, 'token_malformed')
        good = server.token(['status'])
        body, mac = good.split('.')
        self.assertRefused(body + '.' + mac[::-1], 403, 'token_signature')
        self.assertRefused(server.token(['status'], lifetime=-120), 401,
            'token_expired')
        self.assertRefused(server.token(['status'], lifetime=3600), 403,
            'token_lifetime')
        self.assertRefused(server.token(['status'], box='another'), 403,
            'token_box')
        self.assertEqual(server.call('GET', '/v1/devices', token=good)[0],
            200)

    def test_scope(self):
        "A token for printing cannot write a card, nor use another printer"
        server = self.server
        printing = server.token(['print'], ['printer'])
        status, answer, _ = server.job('write_card', 'encoder',
            {'tracks': {'2': PAYLOAD}}, token=printing)
        self.assertEqual((status, answer['error']['code']),
            (403, 'token_action'))
        status, answer, _ = server.job('print', 'other-printer',
            {'copies': SLIP}, token=printing)
        self.assertEqual((status, answer['error']['code']),
            (403, 'token_device'))
        self.assertEqual(server.simulation.encoder.received, [])


class JobTestCase(BoxTestCase):
    def setUp(self):
        super().setUp()
        self.server.pair()

    def test_write_card(self):
        "Written, read back, verified; the card in the slot holds it"
        status, job, _ = self.server.job('write_card', 'encoder',
            {'tracks': {'2': PAYLOAD}})
        self.assertEqual(status, 201)
        job = self.server.finished(job)
        self.assertEqual(job['state'], 'done', job)
        self.assertEqual(job['result'], {'verified': True, 'tracks': [2]})
        encoder = self.server.simulation.encoder
        self.assertEqual(encoder.received, ['write', 'r'])
        self.assertEqual(track.decode(2, encoder.card[2]), PAYLOAD)

    def test_write_mismatch(self):
        "Another card read back: the job fails, saying so"
        self.server.simulation.encoder.fault = 'other_card'
        _, job, _ = self.server.job('write_card', 'encoder',
            {'tracks': {'2': PAYLOAD}})
        job = self.server.finished(job)
        self.assertEqual((job['state'], job['error']['code']),
            ('failed', 'mismatch'))

    def test_bad_tracks(self):
        "Letters on track 2 never reach the encoder"
        _, job, _ = self.server.job('write_card', 'encoder',
            {'tracks': {'2': 'ABC'}})
        job = self.server.finished(job)
        self.assertEqual(job['error']['code'], 'tracks')
        self.assertEqual(self.server.simulation.encoder.received, [])

    def test_action_id(self):
        "The same action id twice prints once; reused for another: 409"
        action_id = uuid.uuid4().hex
        status, first, _ = self.server.job('print', 'printer',
            {'copies': SLIP}, action_id=action_id)
        self.assertEqual(status, 201)
        status, second, _ = self.server.job('print', 'printer',
            {'copies': SLIP}, action_id=action_id)
        self.assertEqual((status, second['id']), (200, first['id']))
        self.assertEqual(self.server.finished(first)['state'], 'done')
        status, answer, _ = self.server.job('print', 'printer',
            {'copies': SLIP[:1]}, action_id=action_id)
        self.assertEqual((status, answer['error']['code']),
            (409, 'action_reused'))
        printer = self.server.simulation.printer
        time.sleep(0.8)  # a second job would have come by now
        self.assertEqual(len(printer.wait_jobs(1)), 1)
        copies = printer.copies()
        self.assertEqual([c.lines[1].text for c in copies],
            ['会员联', '中心联', '财务联'])
        self.assertTrue(all(c.cut and c.chinese for c in copies))
        self.assertIn('合计：￥128.00'.encode('gb18030'), printer.jobs[0])

    def test_action_id_after_restart(self):
        "The box restarted: a retried action id is not printed again"
        action_id = uuid.uuid4().hex
        _, job, _ = self.server.job('print', 'printer', {'copies': SLIP},
            action_id=action_id)
        self.server.finished(job)
        self.server.__exit__(None, None, None)
        with BoxServer(self.server.state) as again:
            again.box_id, again.secret = self.server.box_id, \
                self.server.secret
            status, answer, _ = again.job('print', 'printer',
                {'copies': SLIP}, action_id=action_id)
            self.assertEqual((status, answer['id'], answer['state']),
                (200, job['id'], 'done'))
            time.sleep(0.8)
            self.assertEqual(again.simulation.printer.jobs, [])
        self.server.__enter__()  # for the clean-up

    def test_paper_out(self):
        "Out of paper: refused before printing, and an event says it"
        server = self.server
        status, _, _ = server.call('POST', '/v1/simulator/paper',
            {'paper': 'out'})
        _, job, _ = server.job('print', 'printer', {'copies': SLIP})
        job = server.finished(job)
        self.assertEqual((job['state'], job['error']['code']),
            ('failed', 'paper_out'))
        _, answer, _ = server.call('GET', '/v1/events?kind=paper',
            token=server.token(['status']))
        self.assertEqual([e['paper'] for e in answer['events']], ['out'])
        server.call('POST', '/v1/simulator/paper', {'paper': 'near_end'})
        _, job, _ = server.job('print', 'printer', {'copies': SLIP})
        self.assertEqual(server.finished(job)['result'],
            {'copies': 3, 'paper': 'near_end'})

    def test_receipt_png(self):
        "The simulated printer renders what it printed (kept as an artifact)"
        _, job, _ = self.server.job('print', 'printer', {'copies': SLIP})
        self.server.finished(job)
        self.server.simulation.printer.wait_jobs(1)
        png = self.server.simulation.printer.png()
        self.assertEqual(png[:8], b'\x89PNG\r\n\x1a\n')
        image = Image.open(io.BytesIO(png))
        self.assertGreater(image.height, 300)
        self.assertLess(image.getextrema()[0], 64)  # ink on it
        artifact('receipt.png').write_bytes(png)


class EventTestCase(BoxTestCase):
    def setUp(self):
        super().setUp()
        self.server.pair()

    def events(self, cursor, timeout=0, token=None, extra=''):
        token = token or self.server.token(['swipe'], ['reader'])
        status, answer, _ = self.server.call('GET',
            f'/v1/events?cursor={cursor}&timeout={timeout}{extra}', token=token)
        self.assertEqual(status, 200, answer)
        return answer

    def test_long_poll(self):
        "A swipe during the wait answers it; the cursor moves on"
        start = self.events(0)['cursor']
        threading.Timer(0.5, self.server.simulation.reader.swipe,
            [';' + PAYLOAD + '?']).start()
        began = time.monotonic()
        answer = self.events(start, timeout=10)
        self.assertLess(time.monotonic() - began, 9)
        swiped, = answer['events']
        self.assertEqual((swiped['kind'], swiped['device'], swiped['tracks']),
            ('card_swiped', 'reader', {'2': PAYLOAD}))
        self.assertEqual(answer['cursor'], swiped['id'])
        # nothing new: the wait ends empty at its timeout
        began = time.monotonic()
        again = self.events(answer['cursor'], timeout=1)
        self.assertEqual((again['events'], again['cursor']),
            ([], answer['cursor']))
        self.assertGreaterEqual(time.monotonic() - began, 0.9)

    def test_misread(self):
        "A misread swipe is an event with a code, no data"
        self.server.simulation.reader.swipe(';12AB?')
        answer = self.events(0, timeout=5, extra='&kind=swipe_refused')
        refused, = answer['events']
        self.assertEqual(refused['code'], 'charset')

    def test_lost_cursor(self):
        "A cursor older than what the box keeps is told it lost events"
        events = self.server.box.events
        for _ in range(events._events.maxlen + 5):
            events.emit('paper', device='printer', paper='ok')
        answer = self.events(1)
        self.assertTrue(answer['lost'])
        self.assertEqual(answer['cursor'], events.cursor)

    def test_swipes_need_the_swipe_action(self):
        "A token for status sees no swipe, one for another reader neither"
        self.server.simulation.reader.swipe(';' + PAYLOAD + '?')
        self.events(0, timeout=5)  # it arrived
        status_only = self.events(0, token=self.server.token(['status']))
        self.assertEqual([e for e in status_only['events']
                if e['kind'] == 'card_swiped'], [])
        other = self.events(0,
            token=self.server.token(['swipe'], ['front-reader']))
        self.assertEqual(other['events'], [])


class CorsTestCase(BoxTestCase):
    def test_cors(self):
        "Only the configured Tryton origin may call from a browser"
        _, _, headers = self.server.call('GET', '/v1/status',
            headers={'Origin': ORIGIN})
        self.assertEqual(headers['access-control-allow-origin'], ORIGIN)
        _, _, headers = self.server.call('GET', '/v1/status',
            headers={'Origin': 'http://evil.test'})
        self.assertIsNone(headers['access-control-allow-origin'])


class LogTestCase(BoxTestCase):
    def test_no_secrets_in_logs(self):
        "Swipes, card writing and tokens leave no track data in the logs"
        logmask.install()
        records = []
        handler = logging.Handler()
        handler.emit = lambda record: records.append(record.getMessage())
        root = logging.getLogger()
        root.addHandler(handler)
        self.addCleanup(root.removeHandler, handler)
        old_level = root.level
        root.setLevel(logging.DEBUG)
        self.addCleanup(root.setLevel, old_level)
        server = self.server
        server.pair()
        token = server.token(['write_card', 'swipe'])
        _, job, _ = server.job('write_card', 'encoder',
            {'tracks': {'2': PAYLOAD}}, token=token)
        server.finished(job, token)
        server.call('POST', '/v1/simulator/swipe', {'card': 'encoder'})
        server.call('GET', '/v1/events?timeout=2&kind=card_swiped',
            token=token)
        logging.getLogger('iot_box.test').info(
            'swiped %s with %s', ';' + PAYLOAD + '?', 'Bearer ' + token)
        text = '\n'.join(records)
        self.assertIn('/v1/events', text)  # the access log was captured
        for secret in [PAYLOAD, '889900012345', token, server.secret.hex()]:
            self.assertNotIn(secret, text)
