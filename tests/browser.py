"""Drive sao, the Tryton web client, in Debian's chromium with Playwright's
sync API; for the browser tests of the desks.

    from .browser import Chromium, login, open_menu, ...

    chromium = Chromium().start()          # setUpClass; .stop() in cleanup
    page = chromium.new_page()
    login(page, server.url, server.database, 'reception', 'member-demo')
    open_menu(page, '会员', '会员')
    toolbar(page, 'new_')
    fill_field(page, '姓名', '张三')
    fill_many2one(page, '销售人员', 'Salesperson')
    add_line(page, '联系方式', {'类型': '移动电话', '取值': '+86 138 0013 8000'})
    toolbar(page, 'save')
    click_button(page, '登记')
    expect_field(page, '状态', '已登记')
    screenshot(page, 'reception-registered')   # test-output/browser/*.png

    with screenshot_on_failure(page, 'reception'):  # + .log, .html
        ...

Everything is found the way a user finds it: menu entries by their path,
fields by their label, buttons by their text, in the active tab (or in the
dialog on top of it). The labels are the ones the user reads, so in the
user's language.

How sao 8.0 is built (.sao/package/src):
- login (session.js): a modal ``.login-dialog`` with ``#database`` (a select
  when the server lists several databases, an input otherwise) and
  ``#login``; trytond then asks for the password through an ``.ask-dialog``
  with ``#ask-dialog-entry``;
- the menu (sao.js ``Sao.menu``) is a tree view of ``ir.ui.menu`` in
  ``#menu``, its rows reachable as ``Sao.main_menu_screen.current_view.rows``
  (each with ``.el``, ``.expander`` and its children ``.rows``);
- a tab (tab.js) is ``#tabcontent > .tab-pane``; its toolbar buttons carry
  the ids ``new_``, ``save``, ``reload``, ``switch_``, ...;
- form labels (view/form.js) are ``<label for=...>`` pointing at the input,
  select or one2many panel of the field;
- sao talks to trytond with ``jQuery.ajax`` and defers its work with short
  timers (300 ms completion debounce, jQuery 3 deferreds, bootstrap
  transitions): it is idle when ``jQuery.active`` counts no request but the
  bus long poll and no timer of 1 s or less is pending (counted by a
  wrapper of ``setTimeout`` installed before sao loads);
- its messages are modals: ``.error-dialog``, ``.warning-dialog``,
  ``.user-warning-dialog``, ``.message-dialog``, ``.confirmation-dialog``.
"""
import contextlib
import os
import re
import time
import traceback
import unittest
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

__all__ = ['CHROMIUM', 'CHROMIUM_ARGS', 'OUTPUT', 'Chromium', 'SaoDialog',
    'login', 'open_menu', 'open_menu_dialog', 'toolbar', 'field',
    'fill_field', 'fill_many2one', 'type_into_focus', 'buttons',
    'many2one_action', 'add_line', 'fill_line_cell', 'list_rows',
    'field_value', 'search_list', 'selection_options',
    'field_required', 'expect_field', 'click_button', 'open_notebook_page',
    'wait_idle', 'wait_view', 'dialogs', 'close_dialog', 'current_record_id',
    'screenshot', 'screenshot_on_failure']

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / 'test-output' / 'browser'
CHROMIUM = os.environ.get('CHROMIUM') or '/usr/bin/chromium'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run']
VIEWPORT = {'width': 1440, 'height': 960}
TIMEOUT = int(os.environ.get('BROWSER_TIMEOUT', 30)) * 1000  # ms
LOGIN_TIMEOUT = 2 * TIMEOUT
# the dialogs that tell the user something went wrong
ALARM_DIALOGS = ('error-dialog', 'warning-dialog', 'user-warning-dialog')

# Installed before sao's own scripts: count the short timers sao runs its
# work on (debounces of 250-300 ms, jQuery 3 deferreds, bootstrap
# transitions); the long ones (the 3 s "Processing" notice, the bus retry)
# are not work. Then the functions on window.__saoTest.
SHORT_TIMER = 1000  # ms
_HELPERS_JS = r"""
(() => {
    const pending = new Set();
    const setTimeout_ = window.setTimeout.bind(window);
    const clearTimeout_ = window.clearTimeout.bind(window);
    window.setTimeout = function(callback, delay, ...args) {
        if (typeof callback != 'function' || Number(delay) > %(short)d) {
            return setTimeout_(callback, delay, ...args);
        }
        const id = setTimeout_(function() {
            pending.delete(id);
            return callback.apply(this, args);
        }, delay);
        pending.add(id);
        return id;
    };
    window.clearTimeout = function(id) {
        pending.delete(id);
        return clearTimeout_(id);
    };
    window.__saoTestTimers = pending;
})();
window.__saoTest = {
    norm(text) {
        return (text || '').replace(/\s+/g, ' ').trim()
            .replace(/[:：*\s]+$/, '');
    },
    visible(el) {
        return Boolean(el && (el.offsetWidth || el.offsetHeight
            || el.getClientRects().length));
    },
    // the dialog on top, else the active tab
    scope() {
        const modals = [...document.querySelectorAll('.modal.in')]
            .filter(m => this.visible(m));
        if (modals.length) {
            return modals[modals.length - 1];
        }
        return document.querySelector('#tabcontent > .tab-pane.active');
    },
    // the id of the element the visible label `text` points at
    labelled(text) {
        const scope = this.scope();
        if (!scope) {
            return {error: 'no active tab nor dialog'};
        }
        const want = this.norm(text);
        const labels = [...scope.querySelectorAll('label[for]')]
            .filter(l => this.visible(l) && this.norm(l.textContent) == want);
        if (labels.length != 1) {
            const seen = [...scope.querySelectorAll('label[for]')]
                .filter(l => this.visible(l))
                .map(l => this.norm(l.textContent));
            return {error: `${labels.length} visible labels "${want}"; ` +
                `visible labels: ${JSON.stringify(seen)}`};
        }
        const id = labels[0].getAttribute('for');
        if (!document.getElementById(id)) {
            return {error: `label "${want}" points at a missing #${id}`};
        }
        return {id: id};
    },
    busy() {
        if (!window.jQuery || !window.Sao) {
            return true;
        }
        let active = jQuery.active;
        const bus = Sao.Bus && Sao.Bus.request;
        if (bus && bus.state && bus.state() == 'pending') {
            active -= 1;  // the long poll of the bus never ends
        }
        // a request running, a short timer pending, an animation, a dialog
        // fading in or out
        return active > 0 || window.__saoTestTimers.size > 0
            || jQuery(':animated').length > 0
            || [...document.querySelectorAll('.modal.fade:not(.in)')]
                .some(m => this.visible(m));
    },
    // true when sao stays quiet over two frames and a task
    settled() {
        return new Promise(resolve => {
            if (this.busy()) {
                resolve(false);
                return;
            }
            requestAnimationFrame(() => setTimeout(() =>
                requestAnimationFrame(() => resolve(!this.busy())), 0));
        });
    },
    // the row of the main menu at path (names as read), or an error
    menuRow(path) {
        let rows = Sao.main_menu_screen.current_view.rows;
        let row = null;
        for (const name of path) {
            const found = rows.filter(r => this.norm(r.el.text()) == name);
            if (found.length != 1) {
                return {error: `${found.length} entries "${name}" among ` +
                    JSON.stringify(rows.map(r => this.norm(r.el.text())))};
            }
            row = found[0];
            rows = row.rows;
        }
        return {row: row};
    },
    menuState(path) {
        const found = this.menuRow(path);
        if (found.error) {
            return found;
        }
        const row = found.row;
        return {
            expanded: row.is_expanded(),
            children: row.rows.length,
            attached: row.rows.every(r => r.el[0].isConnected),
        };
    },
    // the expander of the row, or the cell with its name as a user clicks
    menuElement(path, part) {
        const row = this.menuRow(path).row;
        if (part == 'expander') {
            return row.expander[0];
        }
        return [...row.el[0].querySelectorAll('td')].find(
            td => this.norm(td.textContent)) || row.el[0];
    },
    dialogs() {
        return [...document.querySelectorAll('.modal')]
            .filter(m => this.visible(m))
            .map(m => ({
                kind: [...m.classList].find(c => c.endsWith('-dialog'))
                    || '',
                text: this.norm(m.innerText),
            }));
    },
};
""" % {'short': SHORT_TIMER}


class SaoDialog(AssertionError):
    "sao shows an error or a warning to the user"

    def __init__(self, dialogs):
        self.dialogs = dialogs
        super().__init__('sao shows ' + '; '.join(
                f'{d["kind"]}: {d["text"]!r}' for d in dialogs))


class Chromium:
    """Debian's chromium under Playwright, headless unless $BROWSER_HEADED;
    never a browser downloaded by `playwright install`"""

    def __init__(self, headless=None):
        if headless is None:
            headless = not os.environ.get('BROWSER_HEADED')
        self.headless = headless
        self.playwright = None
        self.browser = None

    def start(self):
        if not os.access(CHROMIUM, os.X_OK):
            raise RuntimeError(f'{CHROMIUM} not found: install Debian\'s '
                'chromium (`make debs`)')
        self.playwright = sync_playwright().start()
        try:
            self.browser = self.playwright.chromium.launch(
                executable_path=CHROMIUM, headless=self.headless,
                args=CHROMIUM_ARGS)
        except BaseException:
            self.playwright.stop()
            raise
        return self

    def stop(self):
        try:
            if self.browser:
                self.browser.close()
        finally:
            self.browser = None
            if self.playwright:
                self.playwright.stop()
                self.playwright = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def new_page(self, locale='zh-CN', timezone='Asia/Shanghai'):
        """A page in a fresh context (no session left by another test);
        page.console_lines collects the console, the page errors and the
        HTTP errors"""
        context = self.browser.new_context(viewport=VIEWPORT, locale=locale,
            timezone_id=timezone)
        context.add_init_script(script=_HELPERS_JS)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        page.console_lines = []
        page.on('console', lambda m: page.console_lines.append(
                f'{m.type}: {m.text}'))
        page.on('pageerror', lambda e: page.console_lines.append(
                f'pageerror: {e}'))
        page.on('response', lambda r: r.status >= 400
            and page.console_lines.append(
                f'http {r.status}: {r.request.method} {r.url}'))
        return page


# --------------------------------------------------------------- waiting --

def dialogs(page):
    "The visible sao dialogs: [{'kind': 'error-dialog', 'text': ...}]"
    return page.evaluate('() => __saoTest.dialogs()')


def _check_dialogs(page):
    alarms = [d for d in dialogs(page) if d['kind'] in ALARM_DIALOGS]
    if alarms:
        raise SaoDialog(alarms)


def wait_idle(page, timeout=TIMEOUT, allow_dialogs=False):
    """Wait until sao has no request running and nothing moving; then
    raise SaoDialog if it shows an error or a warning (unless allowed)"""
    deadline = time.monotonic() + timeout / 1000
    while True:
        remaining = max(deadline - time.monotonic(), 0.1) * 1000
        page.wait_for_function('() => !__saoTest.busy()', timeout=remaining,
            polling='raf')
        if page.evaluate('() => __saoTest.settled()'):
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f'sao still busy after {timeout} ms')
    if not allow_dialogs:
        _check_dialogs(page)


def close_dialog(page, button=None):
    """Close the dialog on top with its primary button (or the button with
    that text); returns the dialog's text"""
    modal = page.locator('.modal.in').last
    modal.wait_for(state='visible')
    # this dialog: once it is gone, `.last` is the one beneath (a wizard)
    element = modal.element_handle()
    text = modal.inner_text()
    if button:
        modal.locator('.modal-footer button').filter(
            has_text=_exact(button)).click()
    else:
        modal.locator('.modal-footer button.btn-primary').first.click()
    page.wait_for_function('(el) => !el.isConnected', arg=element)
    element.dispose()
    wait_idle(page, allow_dialogs=True)
    return text


def wait_view(page, view_type, timeout=TIMEOUT):
    "Wait until the current tab shows a view of that type ('tree', 'form')"
    page.wait_for_function('''(view_type) => {
            const tab = Sao.Tab.tabs.get_current();
            const view = tab && tab.screen && tab.screen.current_view;
            return Boolean(view && view.view_type == view_type
                && __saoTest.visible(view.el[0]));
        }''', arg=view_type, timeout=timeout)
    wait_idle(page)


def current_record_id(page):
    "The id of the current record of the current tab (negative if unsaved)"
    return page.evaluate('''() => {
            const record = Sao.Tab.tabs.get_current().screen.current_record;
            return record ? record.id : null;
        }''')


# ----------------------------------------------------------------- login --

def login(page, url, database, user, password):
    """Open sao at url and log in; returns once the menu is shown"""
    page.goto(f"{url.rstrip('/')}/#{database}", timeout=LOGIN_TIMEOUT)
    dialog = page.locator('.login-dialog')
    dialog.wait_for(state='visible', timeout=LOGIN_TIMEOUT)
    # sao lists the databases when trytond allows it: a select then,
    # an input otherwise (readonly when there is a single database)
    select = dialog.locator('select#database')
    entry = dialog.locator('input#database')
    page.wait_for_function('''() => [...document.querySelectorAll(
            '.login-dialog #database')].some(e => __saoTest.visible(e))''',
        timeout=LOGIN_TIMEOUT)
    if select.is_visible():
        select.select_option(database)
    elif entry.get_attribute('readonly') is None:
        entry.fill(database)
    elif entry.input_value() != database:
        raise AssertionError(f'sao only offers the database '
            f'{entry.input_value()!r}, not {database!r}')
    dialog.locator('input#login').fill(user)
    dialog.locator('button[type=submit]').click()
    # trytond asks for the password in a second dialog
    ask = page.locator('.ask-dialog').filter(
        has=page.locator('input[type=password]'))
    ask.wait_for(state='visible', timeout=LOGIN_TIMEOUT)
    ask.locator('input[type=password]').fill(password)
    ask.locator('.modal-footer button.btn-primary').click()
    try:
        page.wait_for_function('''() => Boolean(window.Sao
                && Sao.Session.current_session
                && Sao.Session.current_session.user_id
                && Sao.main_menu_screen
                && Sao.main_menu_screen.current_view
                && Sao.main_menu_screen.current_view.rows.length
                && document.querySelector('#menu tr'))''',
            timeout=LOGIN_TIMEOUT)
    except PlaywrightError:
        _check_dialogs(page)  # e.g. a refused login
        raise
    wait_idle(page, timeout=LOGIN_TIMEOUT)


# ------------------------------------------------------------------ menu --

def _menu_state(page, path):
    state = page.evaluate('(path) => __saoTest.menuState(path)', list(path))
    if 'error' in state:
        raise AssertionError(f'menu {" / ".join(path)}: {state["error"]}')
    return state


def _menu_element(page, path, part):
    return page.evaluate_handle(
        '(args) => __saoTest.menuElement(...args)', [list(path), part]
        ).as_element()


def _expand_menu(page, path):
    "Expand the entries above the menu entry at path, which must exist"
    wait_idle(page)
    for depth in range(1, len(path)):
        parent = path[:depth]
        if not _menu_state(page, parent)['expanded']:
            _menu_element(page, parent, 'expander').click()
        page.wait_for_function('''(path) => {
                const state = __saoTest.menuState(path);
                return state.expanded && state.children && state.attached;
            }''', arg=list(parent))
        wait_idle(page)
    _menu_state(page, path)


def open_menu(page, *path):
    """Open the menu entry at path (its names as the user reads them),
    expanding the entries above it; waits for the new tab to be shown"""
    if not path:
        raise ValueError('open_menu needs the path of a menu entry')
    _expand_menu(page, path)
    tabs = page.evaluate('() => Sao.Tab.tabs.length')
    _menu_element(page, path, 'cell').click()
    page.wait_for_function('''(count) => Sao.Tab.tabs.length > count
            && __saoTest.visible(document.querySelector(
                '#tabcontent > .tab-pane.active'))''', arg=tabs)
    wait_idle(page)


def open_menu_dialog(page, *path):
    """Open the menu entry at path whose action runs in a dialog (a wizard
    without a tab of its own, as sao runs them unless the action asks for
    a window); waits for the dialog, which is then the helpers' scope"""
    if not path:
        raise ValueError('open_menu_dialog needs the path of a menu entry')
    _expand_menu(page, path)
    count = len(dialogs(page))
    _menu_element(page, path, 'cell').click()
    page.wait_for_function(
        '(count) => __saoTest.dialogs().length > count', arg=count)
    wait_idle(page)


# ------------------------------------------------------ buttons, fields --

def _exact(text):
    return re.compile(r'^\s*' + re.escape(text) + r'\s*$')


def _scope(page):
    "The locator of the dialog on top, else of the active tab"
    if page.evaluate('() => __saoTest.scope() != null '
            '&& __saoTest.scope().classList.contains("modal")'):
        return page.locator('.modal.in').last
    return page.locator('#tabcontent > .tab-pane.active')


def toolbar(page, action):
    """Click a button of the active tab's toolbar by its id: 'new_',
    'save', 'reload', 'switch_', 'previous', 'next', 'delete_'..."""
    wait_idle(page)
    button = page.locator(
        f'#tabcontent > .tab-pane.active nav.toolbar button#{action}')
    button.click()
    wait_idle(page)


def click_button(page, text):
    """Click the visible, enabled button reading text in the active tab or
    the dialog on top (form buttons, wizard buttons, dialog buttons)"""
    wait_idle(page)
    button = _scope(page).locator('button:visible').filter(
        has_text=_exact(text))
    count = button.count()
    if count != 1:
        raise AssertionError(f'{count} visible buttons "{text}"')
    button.click()
    wait_idle(page)


def click_row_button(page, text, button):
    """Select the one row of the current tab's list (or the dialog's) that
    shows text, then click its button reading button"""
    wait_idle(page)
    rows = _scope(page).locator('table.tree > tbody > tr:visible').filter(
        has_text=text)
    count = rows.count()
    if count != 1:
        raise AssertionError(f'{count} visible rows showing "{text}"')
    # sao runs a row's button only for the current record: a user's first
    # click on another row selects it
    rows.locator('td').filter(has_text=text).first.click()
    wait_idle(page)
    rows.locator('button:visible').filter(has_text=_exact(button)).click()
    wait_idle(page)


def open_notebook_page(page, text):
    "Show the notebook page (form tab) named text"
    _scope(page).locator('.form-notebook a[role=tab]:visible').filter(
        has_text=_exact(text)).click()
    wait_idle(page)


def field(page, label):
    """The locator of what the visible label points at in the active tab or
    the dialog on top: an input, a select, or a one2many panel"""
    wait_idle(page)
    target = page.evaluate('(label) => __saoTest.labelled(label)', label)
    if 'error' in target:
        raise AssertionError(f'field "{label}": {target["error"]}')
    # sao's number widgets swap a text and a number input that end up
    # sharing the id: the visible one is the field
    return page.locator(f'[id="{target["id"]}"]').filter(visible=True)


def _type(page, locator, value):
    """Click into the input, replace its text by typing value, leave it
    with Tab; as a user does, so sao sees the keys, the change, the blur"""
    _type_text(page, locator, value)
    page.keyboard.press('Tab')


def _type_text(page, locator, value):
    "Click into the input and replace its text by typing value"
    name = locator.get_attribute('name')
    locator.click()
    # sao may move the focus to another input of the same field (numbers)
    page.wait_for_function('''(name) => {
            const active = document.activeElement;
            return active && active.getAttribute('name') == name
                && __saoTest.visible(active);
        }''', arg=name)
    page.keyboard.press('ControlOrMeta+A')
    page.keyboard.press('Delete')
    page.keyboard.type(str(value))


def _kind(locator):
    """tag, type, sao widget class (form-char, form-many2one...) and
    whether the widget is marked required"""
    return locator.evaluate('''(el) => {
            // bootstrap's form-control, form-group are not sao widgets
            const sao = c => c.startsWith('form-')
                && !['form-control', 'form-group'].includes(c);
            let widget = '', node = el;
            for (; node; node = node.parentElement) {
                widget = [...node.classList].find(sao) || '';
                if (widget) {
                    break;
                }
            }
            return {
                tag: el.tagName.toLowerCase(),
                type: (el.getAttribute('type') || '').toLowerCase(),
                widget: widget,
                required: Boolean(node && node.classList.contains(
                    'required')),
            };
        }''')


def fill_field(page, label, value):
    """Enter value in the field labelled label as a user does: type and
    leave the field (Tab), pick a selection by its text, tick a checkbox,
    or for a many2one pick the completion reading value"""
    locator = field(page, label)
    kind = _kind(locator)
    if kind['widget'] in {'form-many2one', 'form-reference',
            'form-one2one'}:
        return fill_many2one(page, label, value)
    if kind['tag'] == 'select':
        locator.select_option(label=value)
    elif kind['type'] == 'checkbox':
        locator.set_checked(bool(value))
    else:
        _type(page, locator, value)
    wait_idle(page)


def type_into_focus(page, label, text, end='Enter'):
    """Type text, then the key end, into the field labelled label, which
    must already have the keyboard focus: what a keyboard-wedge reader
    (card, barcode) does, typing into whatever is focused; then wait (a
    refusal raises SaoDialog)"""
    locator = field(page, label)
    if not locator.evaluate('(el) => el === document.activeElement'):
        focused = page.evaluate('''() => {
                const el = document.activeElement;
                return el ? `${el.tagName.toLowerCase()}`
                    + ` name=${el.getAttribute('name')}` : null;
            }''')
        raise AssertionError(f'field "{label}" does not have the focus '
            f'(the focus is on {focused}): a reader would type elsewhere')
    page.keyboard.type(text)
    if end:
        page.keyboard.press(end)
    wait_idle(page)


def buttons(page):
    """The texts of the visible buttons that read something in the active
    tab or the dialog on top, in the order shown"""
    wait_idle(page)
    return [t for t in (' '.join(text.split()) for text in
            _scope(page).locator('button:visible').all_inner_texts()) if t]


def _completion(entry):
    "The dropdown sao opens under a many2one entry as the user types"
    return entry.locator('xpath=ancestor::div[contains('
        'concat(" ", normalize-space(@class), " "), " dropdown ")][1]'
        ).locator('ul.dropdown-completion')


def _pick_completion(page, entry, text, choice, what):
    """Click the one completion reading choice that sao offers under entry
    for text typed, and check the entry then shows it"""
    menu = _completion(entry)
    item = menu.locator('li.completion > a').filter(has_text=_exact(choice))
    try:
        item.first.wait_for(state='visible')
    except PlaywrightError:
        raise AssertionError(f'{what}: no completion {choice!r} for '
            f'{text!r}; the dropdown reads {_text(menu)!r}')
    if item.count() != 1:
        raise AssertionError(f'{what}: {item.count()} completions {choice!r}')
    item.click()
    wait_idle(page)
    if entry.input_value() != choice:
        raise AssertionError(f'{what} shows {entry.input_value()!r} after '
            f'picking {choice!r}')


def fill_many2one(page, label, text, choice=None):
    """Type text in the many2one labelled label and pick the completion
    reading choice (text by default)"""
    choice = text if choice is None else choice
    entry = field(page, label)
    _type_text(page, entry, text)
    # sao waits 300 ms after the last key, asks trytond, opens the dropdown
    _pick_completion(page, entry, text, choice, f'many2one "{label}"')


def many2one_action(page, label, text, action='create'):
    """Type text in the many2one labelled label and click the dropdown's
    action ('create': 新建..., 'search': 查找...); sao then opens its
    form or search dialog on top, which becomes the scope of the helpers"""
    entry = field(page, label)
    _type_text(page, entry, text)
    menu = _completion(entry)
    link = menu.locator(f'li.action-{action} > a')
    try:
        link.wait_for(state='visible')
    except PlaywrightError:
        raise AssertionError(f'many2one "{label}": no {action} action; '
            f'the dropdown reads {_text(menu)!r}')
    link.click()
    page.locator('.modal.in').last.wait_for(state='visible')
    wait_idle(page)


def _text(locator):
    try:
        return locator.inner_text(timeout=1000)
    except PlaywrightError:
        return ''


def add_line(page, label, values):
    """Add a line to the editable one2many list labelled label, filling
    values ({column title: text}) cell by cell with Tab between cells"""
    panel = field(page, label)
    new = page.evaluate('() => Sao.i18n.gettext("New")')
    rows = panel.locator('tbody tr:not(.more-row)')
    before = rows.count()
    panel.locator(f'.form-one2many-menu button[aria-label="{new}"]').click()
    # the row in edition: sao shows the editable widgets of its cells
    edited = panel.locator('tbody tr:has(.widget-editable.edited)')
    edited.first.wait_for(state='visible')
    wait_idle(page)
    if rows.count() != before + 1 or edited.count() != 1:
        raise AssertionError(f'{label}: {rows.count()} rows (from '
            f'{before}), {edited.count()} in edition')
    for column, value in values.items():
        widget = _edited_widget(panel, edited, label, column)
        if _kind(widget)['tag'] == 'select':
            widget.select_option(label=value)
            widget.press('Tab')
        else:
            _type(page, widget, value)
        wait_idle(page)


def _edited_widget(panel, edited, label, column):
    "The input or select of column (its title) in the row in edition"
    header_id = panel.evaluate('''(panel, title) => {
            const th = [...panel.querySelectorAll('thead th')].find(
                th => __saoTest.visible(th)
                    && __saoTest.norm(th.textContent) == title);
            return th ? th.id : null;
        }''', column)
    if not header_id:
        titles = [t.strip() for t in
            panel.locator('thead th:visible').all_inner_texts()]
        raise AssertionError(f'{label}: no column "{column}" in {titles}')
    cell = edited.locator(f'td[headers="{header_id}"] .widget-editable')
    return cell.locator('select, input').filter(visible=True).first


def fill_line_cell(page, label, column, text, choice=None):
    """Fill the cell of column (its title) in the row in edition of the
    editable one2many list labelled label (add_line(page, label, {}) adds
    an empty one): a many2one picks the completion reading choice (text by
    default) as fill_many2one does, a selection the option reading text,
    anything else gets text typed and left with Tab"""
    panel = field(page, label)
    edited = panel.locator('tbody tr:has(.widget-editable.edited)')
    if edited.count() != 1:
        raise AssertionError(f'{label}: {edited.count()} rows in edition')
    widget = _edited_widget(panel, edited, label, column)
    kind = _kind(widget)
    if widget.evaluate('(el) => Boolean(el.closest('
            '".editabletree-many2one, .form-many2one"))'):
        choice = text if choice is None else choice
        _type_text(page, widget, text)
        _pick_completion(page, widget, text, choice, f'{label} / {column}')
    elif kind['tag'] == 'select':
        widget.select_option(label=text)
        widget.press('Tab')
    else:
        _type(page, widget, text)
    wait_idle(page)


def search_list(page, text):
    """Type text into the search entry of the current tab's list, as a
    desk does, and press Enter"""
    entry = page.locator('#tabcontent > .tab-pane.active '
        '.filter-box input.form-control').first
    entry.fill('')
    entry.type(text)
    entry.press('Enter')
    wait_idle(page, allow_dialogs=True)


def selection_options(page, label, column):
    """The texts of the options of the selection column (its title) in the
    row in edition of the one2many list labelled label"""
    panel = field(page, label)
    edited = panel.locator('tbody tr:has(.widget-editable.edited)')
    widget = _edited_widget(panel, edited, label, column)
    return [t.strip() for t in widget.locator('option').all_inner_texts()]


def field_value(page, label):
    """What the field labelled label shows: the text of an input, the
    chosen text of a selection, the ticked state of a checkbox"""
    locator = field(page, label)
    kind = _kind(locator)
    if kind['tag'] == 'select':
        return locator.evaluate('(el) => el.selectedIndex < 0 ? "" : '
            'el.options[el.selectedIndex].text').strip()
    if kind['type'] == 'checkbox':
        return locator.is_checked()
    if kind['tag'] in {'input', 'textarea'}:
        return locator.input_value()
    return locator.inner_text().strip()


def field_required(page, label):
    "Whether sao marks the field labelled label as required"
    return _kind(field(page, label))['required']


def list_rows(page, label=None):
    """The visible rows of the one2many list labelled label, or of the
    current tab's list view: [{column title: text shown}]"""
    container = field(page, label) if label else _scope(page)
    return container.evaluate('''(el) => {
            const t = __saoTest;
            const table = [...el.querySelectorAll('table.tree')].find(
                table => t.visible(table));
            if (!table) {
                return [];
            }
            const titles = {};
            for (const th of table.querySelectorAll('thead th[id]')) {
                titles[th.id] = t.norm(th.textContent);
            }
            const shown = td => {
                const input = [...td.querySelectorAll('select, input')]
                    .find(i => t.visible(i));
                if (input && input.tagName == 'SELECT') {
                    return input.selectedIndex < 0 ? ''
                        : input.options[input.selectedIndex].text;
                }
                return input ? input.value : td.innerText;
            };
            return [...table.querySelectorAll(':scope > tbody > tr')]
                .filter(tr => t.visible(tr)
                    && !tr.classList.contains('more-row'))
                .map(tr => {
                    const row = {};
                    for (const td of tr.querySelectorAll('td[headers]')) {
                        const title = titles[td.getAttribute('headers')];
                        if (title) {
                            row[title] = shown(td).replace(/\s+/g, ' ')
                                .trim();
                        }
                    }
                    return row;
                });
        }''')


def expect_field(page, label, expected, timeout=TIMEOUT):
    """Wait until the field labelled label shows expected (a string, or a
    compiled regular expression to match); returns what it shows"""
    deadline = time.monotonic() + timeout / 1000
    while True:
        value = field_value(page, label)
        if (expected.search(value) if isinstance(expected, re.Pattern)
                else value == expected):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f'field "{label}" shows {value!r}, '
                f'not {expected!r}')
        page.wait_for_timeout(100)  # poll, as Playwright's expect does


# ------------------------------------------------------------ artifacts --

def screenshot(page, name):
    "Save the whole page as test-output/browser/<name>.png; returns its path"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f'{name}.png'
    page.screenshot(path=str(path), full_page=True)
    return path


@contextlib.contextmanager
def screenshot_on_failure(page, name):
    """On any exception inside: keep <name>-failure.png and a
    <name>-failure.log (the error, sao's dialogs, the console, the HTTP
    errors) and <name>-failure.html, re-raise; those of an earlier run go"""
    for old in OUTPUT.glob(f'{name}-failure.*'):
        old.unlink()
    try:
        yield
    except BaseException as e:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        lines = [''.join(traceback.format_exception(e))]
        try:
            screenshot(page, f'{name}-failure')
            lines.append(f'dialogs: {dialogs(page)!r}')
            (OUTPUT / f'{name}-failure.html').write_text(
                page.content(), encoding='utf-8')
        except Exception as shot_error:  # the page may be gone
            lines.append(f'no screenshot: {shot_error!r}')
        lines.append('console:')
        lines.extend(getattr(page, 'console_lines', []))
        (OUTPUT / f'{name}-failure.log').write_text(
            '\n'.join(lines) + '\n', encoding='utf-8')
        raise


class DemoBrowserTestCase(unittest.TestCase):
    """A desk in chromium on the shared demo center: one browser per class,
    a fresh page (and browser context) per test; cls.admin is a JSON-RPC
    session of the administrator to set up and check through"""

    @classmethod
    def setUpClass(cls):
        from .server import demo_session, shared_demo_server
        cls.server = shared_demo_server()
        cls.admin = demo_session('admin')
        cls.chromium = Chromium().start()
        cls.addClassCleanup(cls.chromium.stop)

    def setUp(self):
        self.page = self.chromium.new_page()
        self.addCleanup(self.page.context.close)
