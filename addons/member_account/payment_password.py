# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The member's payment password (issue 10 item 4): six digits the member
chooses, kept only as the framework's password hash (res.user's
hash_password: argon2), asked for a debit of a typed card number and of a
swipe above the configured amount. Five wrong tries in a row lock it until
reception resets it after checking the member's ID. Every try is logged in
its own transaction, so a refused debit keeps its trace. A center manager's
override, with their own login password and a reason, is the only other
way."""
import datetime as dt
import re
from contextlib import contextmanager

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.modules.member_card import arguments, minutes
from trytond.modules.member_card.access import DeskWizard, group_id
from trytond.modules.member_card.done import DoneWizard
from trytond.pool import Pool
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import PasswordError, PasswordLogError

MAX_FAILURES = 5
PASSWORD_RE = re.compile(r'^[0-9]{6}$')
KINDS = [
    ('debit', "Debit"),
    ('set', "Set"),
    ('reset', "Reset"),
    ('override', "Manager Override"),
    ]


def _committed(record):
    "Whether record is in the database for the other transactions too"
    with Transaction().new_transaction(readonly=True) as new:
        table = record.__table__()
        cursor = new.connection.cursor()
        cursor.execute(*table.select(table.id, where=table.id == record.id))
        return cursor.fetchone() is not None


@contextmanager
def own_transaction(record):
    """A transaction of its own, committed at once: a try on record stays
    counted and logged when the request that made it is refused and rolled
    back. Where record is not committed yet (made by the same request, as
    in the module tests), or on an in-memory SQLite database (a single
    connection for every transaction), the try goes with the request"""
    transaction = Transaction()
    if transaction.database.name != ':memory:' and _committed(record):
        with transaction.new_transaction() as new:
            with without_check_access():
                yield
            new.commit()
    else:
        with without_check_access():
            yield


class PaymentPassword(ModelSQL):
    """Payment Password

    The hash of a member's payment password and its wrong tries in a row.
    No group reads it: the server checks it."""
    __name__ = 'member.payment.password'
    __string__ = "Payment Password"

    member = fields.Many2One('member.member', "Member", required=True,
        ondelete='CASCADE')
    password_hash = fields.Char("Password Hash", strip=False)
    failures = fields.Integer("Wrong Tries", required=True)
    set_at = minutes.Timestamp("Set At")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('member_unique', Unique(t, t.member),
                'member_account.msg_payment_password_unique'),
            ]

    @classmethod
    def default_failures(cls):
        return 0

    @classmethod
    def of(cls, member):
        "The payment password record of member, or None"
        with without_check_access():
            found = cls.search([('member', '=', member.id)], limit=1)
        return found[0] if found else None

    @property
    def locked(self):
        return self.failures >= MAX_FAILURES

    @classmethod
    def hash(cls, password):
        User = Pool().get('res.user')
        return User.hash_password(password)

    def verify(self, password):
        User = Pool().get('res.user')
        if not self.password_hash:
            return False
        valid, _ = User.check_password(password, self.password_hash)
        return valid

    @classmethod
    def set_password(cls, member, password, kind='set'):
        "Set the password of member (six digits); the tries start again"
        check_format(password)
        record = cls.of(member)
        values = {'password_hash': cls.hash(password), 'failures': 0,
            'set_at': dt.datetime.now()}
        with without_check_access():
            if record:
                cls.write([record], values)
            else:
                cls.create([{'member': member.id, **values}])
        Attempt = Pool().get('member.payment.password.attempt')
        Attempt.log(member, kind, True)


def check_format(password):
    "Refuse a password that is not six digits"
    if not isinstance(password, str) or not PASSWORD_RE.match(password):
        raise PasswordError(gettext('member_account.msg_password_format'))


class PasswordAttempt(ModelSQL, ModelView):
    """Payment Password Try

    Every try of a member's payment password, right or wrong, every set,
    reset and manager override: who, when, at which card and slip."""
    __name__ = 'member.payment.password.attempt'
    __string__ = "Payment Password Try"
    _order = [('id', 'DESC')]

    member = fields.Many2One('member.member', "Member", readonly=True,
        required=True, ondelete='CASCADE')
    card = fields.Many2One('member.card', "Card", readonly=True)
    kind = fields.Selection(KINDS, "Kind", readonly=True, required=True)
    success = fields.Boolean("Right", readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    manager = fields.Many2One('res.user', "Manager", readonly=True,
        help="The center manager who overrode the password.")
    reason = fields.Text("Reason", readonly=True)
    at = minutes.Timestamp("At", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('id', 'DESC')]

    @classmethod
    def log(cls, member, kind, success, card=None, manager=None,
            reason=None):
        """Log a try in a transaction of its own: it stays when the request
        that made it is refused and rolled back"""
        values = {'member': member.id, 'card': card.id if card else None,
            'kind': kind, 'success': success, 'user': Transaction().user,
            'manager': manager, 'reason': reason, 'at': dt.datetime.now()}
        with own_transaction(member):
            cls.create([values])

    @classmethod
    def check_modification(cls, mode, attempts, values=None, external=False):
        super().check_modification(
            mode, attempts, values=values, external=external)
        if mode in {'write', 'delete'}:
            raise PasswordLogError(gettext(
                    'member_account.msg_password_log_immutable'))


def _count_failure(record, success):
    """Count a wrong try (or clear them after a right one) in a transaction
    of its own; returns the wrong tries in a row"""
    Password = record.__class__
    with own_transaction(record):
        fresh = Password(record.id)
        failures = 0 if success else fresh.failures + 1
        if failures != fresh.failures:
            Password.write([fresh], {'failures': failures})
    return failures


def needs_password(card, typed, amount):
    """Whether a debit of amount on card, typed or swiped, needs the
    member's payment password (the configuration says when)"""
    Configuration = Pool().get('member.configuration')
    configuration = Configuration(1)
    if typed:
        return bool(configuration.password_typed)
    above = configuration.password_swipe_above
    return above is not None and amount > above


def check_override(override, card):
    """The center manager's override: {'login', 'password', 'reason'}, the
    manager's own login password; returns the manager's user id or refuses
    (the try is logged)"""
    pool = Pool()
    User = pool.get('res.user')
    override = arguments.mapping(override, gettext(
            'member_account.msg_label_override'),
        {'login', 'password', 'reason'})
    login = arguments.text(override.get('login'),
        gettext('member_account.msg_label_override_login'), max_length=100)
    password = arguments.text(override.get('password'),
        gettext('member_account.msg_label_override_password'),
        max_length=200, strip=False)
    reason = arguments.text(override.get('reason'),
        gettext('member_account.msg_label_override_reason'),
        max_length=arguments.NOTE_LENGTH)
    manager = None
    with without_check_access():
        user_id, password_hash, _ = User._get_login(login)
        if user_id and password_hash:
            valid, _ = User.check_password(password, password_hash)
            if valid and group_id('member_card.group_center_manager') in {
                    g.id for g in User(user_id).groups}:
                manager = user_id
    Attempt = pool.get('member.payment.password.attempt')
    Attempt.log(card.member, 'override', bool(manager), card=card,
        manager=manager or None, reason=reason)
    if not manager:
        raise PasswordError(gettext('member_account.msg_override_refused'))
    return manager


def check_payment(card, typed, amount, password=None, override=None):
    """Refuse a debit of amount on card without the member's payment
    password (when needs_password) or a center manager's override"""
    pool = Pool()
    Password = pool.get('member.payment.password')
    Attempt = pool.get('member.payment.password.attempt')
    if not needs_password(card, typed, amount):
        return
    if override is not None:
        check_override(override, card)
        return
    member = card.member
    record = Password.of(member)
    if not record or not record.password_hash:
        raise PasswordError(gettext('member_account.msg_password_none',
                member=member.rec_name))
    if record.locked:
        Attempt.log(member, 'debit', False, card=card,
            reason=gettext('member_account.msg_password_locked_short'))
        raise PasswordError(gettext('member_account.msg_password_locked',
                member=member.rec_name))
    if password is None:
        raise PasswordError(gettext('member_account.msg_password_required',
                member=member.rec_name))
    password = arguments.text(password,
        gettext('member_account.msg_label_password'), max_length=100,
        strip=False)
    success = record.verify(password)
    failures = _count_failure(record, success)
    Attempt.log(member, 'debit', success, card=card)
    if success:
        return
    if failures >= MAX_FAILURES:
        raise PasswordError(gettext('member_account.msg_password_locked',
                member=member.rec_name))
    raise PasswordError(gettext('member_account.msg_password_wrong',
            left=MAX_FAILURES - failures))


class SetPasswordStart(ModelView):
    "Set Payment Password"
    __name__ = 'member.payment.password.set.start'
    __string__ = "Set Payment Password"
    member = fields.Many2One('member.member', "Member", readonly=True)
    state = fields.Char("Now", readonly=True)
    id_checked = fields.Boolean("ID Checked",
        help="The member showed their ID document and it is theirs.")
    password = fields.Char("New Password", strip=False,
        help="Six digits the member types.")
    repeat = fields.Char("Repeat", strip=False)


class SetPassword(DoneWizard, DeskWizard, Wizard):
    """Set Payment Password

    Reception sets the member's payment password (at the card's
    activation) or resets it (forgotten or locked) after checking the
    member's ID document; the member types it twice."""
    __name__ = 'member.payment.password.set'
    _desk_groups = ('member_card.group_center_reception',
        'member_card.group_center_manager', 'member_card.group_member_admin')
    # on a member, or on the card just activated (the card's Activate
    # opens it when the member has no password yet)
    _desk_models = ('member.member', 'member.card')
    start = StateView('member.payment.password.set.start',
        'member_account.payment_password_set_start_view_form', [
            Button("Close", 'end', 'tryton-cancel'),
            Button("Set Password", 'apply', 'tryton-ok', default=True),
            ])
    apply = StateTransition()

    @property
    def member(self):
        record = self.record
        return record if record.__name__ == 'member.member' else record.member

    def default_start(self, fields):
        pool = Pool()
        Password = pool.get('member.payment.password')
        record = Password.of(self.member)
        if not record or not record.password_hash:
            state = gettext('member_account.msg_password_state_none')
        elif record.locked:
            state = gettext('member_account.msg_password_state_locked')
        else:
            state = gettext('member_account.msg_password_state_set')
        return {'member': self.member.id, 'state': state,
            'id_checked': False}

    def transition_apply(self):
        pool = Pool()
        Password = pool.get('member.payment.password')
        if not self.start.id_checked:
            raise PasswordError(gettext('member_account.msg_password_id'))
        password = self.start.password
        check_format(password)
        if password != self.start.repeat:
            raise PasswordError(gettext('member_account.msg_password_repeat'))
        kind = 'reset' if Password.of(self.member) else 'set'
        Password.set_password(self.member, password, kind=kind)
        return self.say_done('member_account.msg_password_done',
            member=self.member.rec_name)
