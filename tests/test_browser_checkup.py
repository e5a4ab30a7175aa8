"""The center confirmation desk in the web client (C6): the confirmer logs
in to sao in Debian's chromium, opens the week board on the week of a day
that demo requests ask for, reads the day's places, confirmed checkups and
requests waiting, runs Confirm Here on that day's row, sees the requests
proposed and confirms them; the board then shows them confirmed and none
waiting, and JSON-RPC finds the bookings confirmed on that day. A
screenshot of the board lands in test-output/browser/.

The labels are those the desk reads in zh_CN
(addons/health_checkup/locale/zh_CN.po)."""
import unittest

from . import browser

LOGIN = 'center_confirm'
PASSWORD = 'member-demo'
MENU_BOARD = ("体检", "本周体检安排")    # Checkups / Week Board
MENU_CALENDAR = ("体检", "体检日历")    # Checkups / Checkup Calendar
L_WEEK_OF = "周起始日"                  # Week Of
C_DATE, C_PLACES, C_BOOKED = "日期", "名额", "已确认"
C_FREE, C_WAITING = "剩余名额", "待确认"
C_CENTER, DEMO_CENTER = "体检中心", "体检中心"  # the demo's center
CONFIRM_HERE = "安排在这一天"           # Confirm Here
L_REQUESTS = "预约申请"                 # the wizard's Requests
C_NUMBER = "体检号"
CONFIRM = "确认"
MENU_CHECK_IN = ("体检", "到检登记")    # Checkups / Checkup Arrival
L_SWIPE, L_REFUSAL = "刷卡或输入卡号", "拒绝原因"
DONE_OK = "确定"                        # the done step's OK


class ConfirmationDeskBrowserTestCase(browser.DemoBrowserTestCase):
    "The center confirms requests on the week board"

    def bookings(self, domain, demo_center=True):
        """The bookings of the demo's center (other tests add centers), or
        of every center"""
        if demo_center:
            center, = self.admin.call('model.health.checkup.center.search',
                [('name', '=', DEMO_CENTER)], 0, 1, None)
            domain = [('center', '=', center)] + domain
        return self.admin.call('model.health.checkup.booking.search_read',
            domain, 0, None, [('id', 'ASC')],
            ['number', 'state', 'date', 'requested_date'])

    def test_confirm_on_week_board(self):
        "Requests waiting for a day are confirmed from its row"
        page = self.page
        requested = self.bookings([('state', '=', 'requested')])
        self.assertTrue(requested, "the demo has requests waiting")
        day = requested[0]['requested_date']
        waiting = [b for b in requested if b['requested_date'] == day]
        booked = len(self.bookings([('date', '=', day),
                    ('state', 'in', ['confirmed', 'change', 'checked_in',
                            'done'])]))
        shown = day.isoformat()
        with browser.screenshot_on_failure(page, 'checkup-week-board'):
            browser.login(page, self.server.url, self.server.database,
                LOGIN, PASSWORD)
            browser.open_menu(page, *MENU_BOARD)
            browser.fill_field(page, L_WEEK_OF, shown)
            browser.toolbar(page, 'reload')
            row = self.board_row(shown)
            self.assertEqual(
                (int(row[C_BOOKED]), int(row[C_WAITING])),
                (booked, len(waiting)))
            places = int(row[C_PLACES])
            self.assertEqual(int(row[C_FREE]), places - booked)

            browser.click_row_button(page, shown, CONFIRM_HERE)
            proposed = browser.list_rows(page, L_REQUESTS)
            self.assertEqual(sorted(r[C_NUMBER] for r in proposed),
                sorted(b['number'] for b in waiting))
            # the dialog is titled with the day, not its id
            title = page.locator('.modal.in').last.locator(
                '.modal-header').first
            self.assertNotIn('((', title.inner_text())
            self.assertIn(shown, title.inner_text())
            browser.click_button(page, CONFIRM)
            # the wizard says what it did, and closes with OK
            done = page.locator('.modal.in').last.locator('textarea')
            done.wait_for(timeout=browser.TIMEOUT)
            self.assertIn(f"已确认{shown}的体检", done.input_value())
            browser.click_button(page, DONE_OK)
            self.assertEqual(browser.dialogs(page), [])
            browser.toolbar(page, 'reload')
            row = self.board_row(shown)
            self.assertEqual(
                (int(row[C_BOOKED]), int(row[C_FREE]), int(row[C_WAITING])),
                (booked + len(waiting), places - booked - len(waiting), 0))
            browser.screenshot(page, 'checkup-week-board')
        confirmed = self.bookings([('id', 'in', [b['id'] for b in waiting])])
        self.assertEqual({(b['state'], b['date']) for b in confirmed},
            {('confirmed', day)})

    def test_calendar(self):
        "The calendar shows the confirmed checkups of next week"
        page = self.page
        with browser.screenshot_on_failure(page, 'checkup-calendar'):
            browser.login(page, self.server.url, self.server.database,
                LOGIN, PASSWORD)
            browser.open_menu(page, *MENU_CALENDAR)
            calendar = page.locator(
                '#tabcontent > .tab-pane.active .fc-view:visible')
            calendar.wait_for(timeout=browser.TIMEOUT)
            self.assertEqual(browser.dialogs(page), [])
            # the demo confirmed checkups 4 to 10 days ahead: next week
            page.locator('#tabcontent > .tab-pane.active '
                '.fc-next-button:visible').click()
            events = page.locator('#tabcontent > .tab-pane.active '
                '.fc-event:visible')
            events.first.wait_for(timeout=browser.TIMEOUT)
            confirmed = self.bookings([('state', '=', 'confirmed')],
                demo_center=False)
            self.assertGreater(events.count(), 0)
            self.assertLessEqual(events.count(), len(confirmed))
            browser.screenshot(page, 'checkup-calendar')

    def board_row(self, shown):
        "The row of the week board for the day shown"
        rows = [r for r in browser.list_rows(self.page)
            if r.get(C_DATE) == shown
            and r.get(C_CENTER, DEMO_CENTER) == DEMO_CENTER]
        self.assertEqual(len(rows), 1, browser.list_rows(self.page))
        return rows[0]


class CheckInBrowserTestCase(browser.DemoBrowserTestCase):
    "Reception's check-in refusal reads in full"

    def test_refusal_not_cut_off(self):
        """A card whose member has no checkup today: the refusal is the
        whole sentence, wrapped in its field, nothing hidden"""
        cards = self.admin.call('model.member.card.search_read',
            [('state', '=', 'active')], 0, 1, [('id', 'ASC')], ['number'])
        self.assertTrue(cards, "the demo has active cards")
        page = self.page
        with browser.screenshot_on_failure(page, 'checkup-check-in'):
            browser.login(page, self.server.url, self.server.database,
                'reception', PASSWORD)
            browser.open_menu_dialog(page, *MENU_CHECK_IN)
            browser.type_into_focus(page, L_SWIPE, cards[0]['number'])
            refusal = browser.field(page, L_REFUSAL)
            refusal.wait_for(timeout=browser.TIMEOUT)
            text = browser.field_value(page, L_REFUSAL)
            self.assertRegex(text, r'^会员“.+”(今天没有已确认的体检|.*不是今天)。$')
            hidden = refusal.evaluate('(el) => el.scrollHeight > '
                'el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2')
            self.assertFalse(hidden, f'the refusal is cut off: {text}')
            browser.screenshot(page, 'checkup-check-in')


if __name__ == '__main__':
    unittest.main()
