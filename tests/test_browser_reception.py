"""The reception desk in the web client: the reception user logs in to sao
in Debian's chromium, registers a new member through the member form and
reads the member number; JSON-RPC as the same user then finds the member
registered. Screenshots land in test-output/browser/.

The labels are those the desk reads: reception's language is zh_CN
(addons/member_card/locale/zh_CN.po; the contact method columns come from
trytond's party module, the types a Chinese desk uses from member_card).
The member query filters on any column of the list, combined (H6), and
says so when a criterion names none.
"""
import re
import unittest
from decimal import Decimal

from . import browser
from .rpc import Session

LOGIN = 'reception'
PASSWORD = 'member-demo'
MENU_MEMBERS = ("会员", "会员")          # Members / Members
NAME = "欧阳晓梅"
PHONE = '+86 138 0013 8000'
SALESPERSON = "Salesperson"             # the demo employee's party name
RECEPTION = "Reception"                 # reception's employee
PAID = '1000'
# the member form
L_NAME, L_STATE, L_NUMBER = "姓名", "状态", "会员编号"
L_SALESPERSON, L_PAID, L_CONTACTS = "销售人员", "缴费金额", "联系方式"
L_TYPE, L_VALUE, L_CONTACT_NAME = "类型", "取值", "名称"  # contact columns
L_PHONE = "联系电话"
MOBILE = "手机"
CONTACT_TYPES = ["手机", "电话", "微信", "QQ", "邮箱"]
REGISTER = "登记"                       # the Register button
P_CONTACTS, P_REGISTRATION = "联系方式", "登记信息"  # notebook pages
L_REGISTERED_BY, L_REGISTRATION_DATE = "登记人", "登记日期"
L_PARTY = "客户档案"
POTENTIAL, REGISTERED = "潜在会员", "已登记"


class ReceptionBrowserTestCase(browser.DemoBrowserTestCase):
    "The reception desk registers a member in the web client"

    def test_register_member(self):
        "Reception fills the member form, registers and reads the number"
        page = self.page
        with browser.screenshot_on_failure(page, 'reception-register'):
            browser.login(page, self.server.url, self.server.database,
                LOGIN, PASSWORD)
            browser.open_menu(page, *MENU_MEMBERS)
            browser.wait_view(page, 'tree')

            browser.toolbar(page, 'new_')
            browser.wait_view(page, 'form')
            browser.expect_field(page, L_STATE, POTENTIAL)
            self.assertEqual(browser.field_value(page, L_NUMBER), '')

            browser.fill_field(page, L_NAME, NAME)
            # the first phone is a field of the form; it is the first line
            # of the contact methods
            browser.fill_field(page, L_PHONE, PHONE)
            browser.fill_many2one(page, L_SALESPERSON, SALESPERSON)
            browser.fill_field(page, L_PAID, PAID)
            self.assertEqual(browser.list_rows(page, L_CONTACTS),
                [{L_TYPE: MOBILE, L_VALUE: PHONE, L_CONTACT_NAME: ''}])
            browser.screenshot(page, 'reception-register-filled')

            browser.toolbar(page, 'save')
            member_id = browser.current_record_id(page)
            self.assertGreater(member_id, 0, "the member is not saved")

            browser.click_button(page, REGISTER)
            browser.expect_field(page, L_STATE, REGISTERED)
            number = browser.expect_field(
                page, L_NUMBER, re.compile(r'^M\d+$'))
            self.assertEqual(browser.field_value(page, L_NAME), NAME)
            self.assertEqual(
                browser.field_value(page, L_SALESPERSON), SALESPERSON)
            # registered: the button is gone, the name is read-only (C4)
            self.assertEqual(page.locator('#tabcontent > .tab-pane.active '
                    'button[name="register"]:visible').count(), 0)
            self.assertFalse(browser.field(page, L_NAME).is_editable())
            browser.open_notebook_page(page, P_REGISTRATION)
            self.assertEqual(
                browser.field_value(page, L_REGISTERED_BY), RECEPTION)
            self.assertTrue(browser.field_value(page, L_REGISTRATION_DATE))
            # the party was made from the name by the server
            self.assertEqual(browser.field_value(page, L_PARTY), NAME)
            browser.screenshot(page, 'reception-register-registered')
            browser.open_notebook_page(page, P_CONTACTS)
            self.assertEqual(
                [(r[L_TYPE], r[L_VALUE])
                    for r in browser.list_rows(page, L_CONTACTS)],
                [(MOBILE, PHONE)])

        # what the desk saved, read back through JSON-RPC as the same user
        session = Session.login(self.server.url, self.server.database,
            LOGIN, PASSWORD)
        members = session.call('model.member.member.search_read',
            [('name', '=', NAME)], 0, None, None,
            ['name', 'phone', 'state', 'number', 'paid_amount',
                'salesperson.rec_name', 'registered_user',
                'contact_mechanisms'])
        self.assertEqual([m['id'] for m in members], [member_id])
        member, = members
        self.assertEqual(member['name'], NAME)
        self.assertEqual(member['state'], 'registered')
        self.assertEqual(member['number'], number)
        self.assertEqual(member['phone'], PHONE)
        self.assertEqual(member['paid_amount'], Decimal(PAID))
        self.assertEqual(member['salesperson.']['rec_name'], SALESPERSON)
        self.assertEqual(member['registered_user'], session.user_id)
        contacts = session.call('model.party.contact_mechanism.read',
            member['contact_mechanisms'], ['type', 'value'])
        self.assertEqual([(c['type'], c['value']) for c in contacts],
            [('mobile', PHONE)])


    def open_members(self):
        page = self.page
        browser.login(page, self.server.url, self.server.database, LOGIN,
            PASSWORD)
        browser.open_menu(page, *MENU_MEMBERS)
        browser.wait_view(page, 'tree')

    def test_registration_needs_phone(self):
        "Registering without a phone names the phone field the form shows"
        page = self.page
        with browser.screenshot_on_failure(page, 'reception-no-phone'):
            self.open_members()
            browser.toolbar(page, 'new_')
            browser.wait_view(page, 'form')
            browser.fill_field(page, L_NAME, "无电话")
            browser.fill_many2one(page, L_SALESPERSON, SALESPERSON)
            browser.fill_field(page, L_PAID, PAID)
            browser.toolbar(page, 'save')
            page.locator('#tabcontent > .tab-pane.active '
                'button[name="register"]').click()
            page.wait_for_selector('.error-dialog, .warning-dialog',
                state='visible')
            message = page.locator('.modal.in').last.inner_text()
            browser.screenshot(page, 'reception-no-phone')
            self.assertIn(L_PHONE, message)
            self.assertNotIn('must', message)
            browser.close_dialog(page)
            self.assertEqual(browser.field_value(page, L_PHONE), '')
            self.assertEqual(browser.field_value(page, L_STATE), POTENTIAL)

    def test_contact_types(self):
        "The contact types offered are those a Chinese desk uses"
        page = self.page
        with browser.screenshot_on_failure(page, 'reception-contact-types'):
            self.open_members()
            browser.toolbar(page, 'new_')
            browser.wait_view(page, 'form')
            browser.add_line(page, L_CONTACTS, {})
            options = [o for o in browser.selection_options(page,
                    L_CONTACTS, L_TYPE) if o]
            browser.screenshot(page, 'reception-contact-types')
        self.assertEqual(options, CONTACT_TYPES)

    def test_combined_query(self):
        "Source and card type combined filter the list (H6)"
        page = self.page
        session = Session.login(self.server.url, self.server.database,
            LOGIN, PASSWORD)
        # the list opens on its first tab, the registered members
        expected = session.call('model.member.member.search_read', [
                ('state', 'in', ['registered', 'active']),
                ('source.name', '=', "介绍"), ('card_type.name', '=', "银卡")],
            0, None, None, ['name'])
        self.assertTrue(expected, "the demo has referred silver members")
        every = session.call('model.member.member.search_count', [])
        with browser.screenshot_on_failure(page, 'reception-query'):
            self.open_members()
            browser.search_list(page, '来源: 介绍 卡类型: 银卡')
            browser.screenshot(page, 'reception-query')
            rows = browser.list_rows(page)
        self.assertLess(len(expected), every)
        self.assertEqual(sorted(r[L_NAME] for r in rows),
            sorted(m['name'] for m in expected))

    def test_unknown_criterion(self):
        "A criterion that names no column says so and does not search"
        page = self.page
        with browser.screenshot_on_failure(page, 'reception-unknown'):
            self.open_members()
            before = browser.list_rows(page)
            browser.search_list(page, '来源: 介绍 卡别: 银卡')
            page.wait_for_selector('.warning-dialog', state='visible')
            message = page.locator('.warning-dialog').inner_text()
            browser.screenshot(page, 'reception-unknown')
            self.assertIn('卡别', message)
            self.assertNotIn('来源', message.split('：', 1)[-1].split('\n')[0])
            browser.close_dialog(page)
            self.assertEqual(browser.list_rows(page), before)


if __name__ == '__main__':
    unittest.main()
