# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction, without_check_access

from . import minutes
from .access import context_company
from .party import MEMBER_CONTACT_TYPES
from .exceptions import MemberEditError, MemberValidationError
from .guard import ValueGuard
from .privacy import may_read_contacts
from .reason import ReasonWizard

PHONE_TYPES = {'phone', 'mobile'}
# Fields only the center manager's correction wizard may change once a
# member is registered (C4).
PROTECTED_FIELDS = {'name', 'paid_amount'}


def classify(consumption_times):
    """The customer class of source 003 from the times of consumption.

    potential: enquired or registered but never consumed;
    new: consumed once (one visit, whatever the number of items);
    returning: consumed at two different times (another date, or another
    time of the same date).
    """
    visits = set(consumption_times)
    if not visits:
        return 'potential'
    if len(visits) == 1:
        return 'new'
    return 'returning'


class Member(ValueGuard, Workflow, ModelSQL, ModelView):
    "Member"
    __name__ = 'member.member'
    _history = True
    # personal data read only by the groups with the setting (privacy.py)
    _contact_fields = {'phone', 'contact_mechanisms'}
    _identity_fields = {'id_number'}

    party = fields.Many2One(
        'party.party', "Party", required=True, ondelete='RESTRICT',
        readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The person's party, which holds the name and identifiers.")
    name = fields.Function(
        fields.Char(
            "Name", required=True,
            states={'readonly': Eval('state') != 'potential'}),
        'get_name', setter='set_name', searcher='search_name')
    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True,
        states={'readonly': Eval('state') != 'potential'})
    state = fields.Selection([
            ('potential', "Potential"),
            ('registered', "Registered"),
            ('active', "Active Member"),
            ('withdrawn', "Withdrawn"),
            ], "State", readonly=True, required=True, sort=False)
    state_string = state.translated('state')
    salesperson = fields.Many2One(
        'company.employee', "Salesperson",
        domain=[('company', '=', Eval('company', -1))],
        states={'required': Eval('state') != 'potential'},
        help="The salesperson responsible for this member.")
    contact_mechanisms = fields.One2Many(
        'party.contact_mechanism', 'member', "Contact Methods",
        domain=[('type', 'in', MEMBER_CONTACT_TYPES)],
        order=[('sequence', 'ASC NULLS LAST'), ('id', 'ASC')],
        context={'company': Eval('company', -1)}, depends={'company'},
        help="In the member's order of preference: the first one is tried "
        "first.")
    phone = fields.Function(
        fields.Char("Phone",
            help="The member's first phone number (mobile or landline), "
            "the first of the contact methods of that kind."),
        'get_phone', setter='set_phone', searcher='search_phone')
    employer = fields.Char("Employer/Unit")
    person_type = fields.Many2One('member.person_type', "Person Type")
    gender = fields.Selection([
            (None, ""),
            ('male', "Male"),
            ('female', "Female"),
            ], "Gender")
    birth_date = fields.Date("Birth Date")
    id_number = fields.Function(
        fields.Char(
            "ID Number",
            help="The resident identity card number, kept as a party "
            "identifier."),
        'get_id_number', setter='set_id_number', searcher='search_id_number')
    source = fields.Many2One(
        'member.source', "Source",
        help="Where the member came from (newspaper, referral...).")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    paid_amount = fields.Numeric(
        "Paid Amount", digits='currency',
        domain=[If(Bool(Eval('paid_amount')),
                ('paid_amount', '>=', 0), ())],
        states={
            'required': Eval('state') != 'potential',
            'readonly': Eval('state') != 'potential',
            },
        help="The membership fee paid at registration.\n"
        "Only the center manager can correct it afterwards.")
    registration_date = fields.Date("Registration Date", readonly=True)
    registered_by = fields.Many2One(
        'company.employee', "Registered By", readonly=True)
    registered_user = fields.Many2One(
        'res.user', "Registered By User", readonly=True)
    classification = fields.Selection([
            ('potential', "Potential Customer"),
            ('new', "New Customer"),
            ('returning', "Returning Customer"),
            ], "Classification", readonly=True, required=True, sort=False,
        help="Potential: never consumed; new: consumed once; "
        "returning: consumed at two different times.")
    account = fields.Many2One(
        'member.account', "Household", ondelete='RESTRICT',
        domain=[('company', '=', Eval('company', -1))],
        states={'readonly': Eval('state') == 'withdrawn'},
        help="The shared account; left empty, registration opens a single "
        "one.")
    cards = fields.One2Many('member.card', 'member', "Cards", readonly=True)
    card_type = fields.Function(
        fields.Many2One('member.card.type', "Card Type",
            help="The type of the member's own card (the active one, else "
            "the newest one in use)."),
        'get_card_type', searcher='search_card_type')
    household_kind = fields.Function(
        fields.Selection('get_household_kinds', "Household Kind"),
        'get_household_kind', searcher='search_household_kind')
    withdrawal_reason = fields.Text(
        "Withdrawal Reason",
        states={
            'invisible': Eval('state') != 'withdrawn',
            'readonly': True,
            })
    changed_by = fields.Function(
        fields.Many2One('res.user', "Last Changed By"), 'get_changed')
    changed_at = fields.Function(
        minutes.Timestamp("Last Changed At"), 'get_changed')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('number', 'DESC NULLS FIRST'), ('id', 'DESC')]
        t = cls.__table__()
        # a party is one member's: through a second member on it, a desk
        # changed a registered member's name or read another's contacts
        cls._sql_constraints += [
            ('party_unique', Unique(t, t.party),
                'member_card.msg_member_party_unique'),
            ]
        cls._transitions |= {
            ('potential', 'registered'),
            ('registered', 'active'),
            ('registered', 'withdrawn'),
            ('active', 'withdrawn'),
            }
        cls._buttons.update({
                'register': {
                    'invisible': Eval('state') != 'potential',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'withdraw': {
                    'invisible': ~Eval('state').in_(['registered', 'active']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'correct': {
                    'invisible': Eval('state') == 'potential',
                    'icon': 'tryton-launch',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_company(cls):
        return context_company()

    @classmethod
    def default_state(cls):
        return 'potential'

    @classmethod
    def default_classification(cls):
        return 'potential'

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    def get_rec_name(self, name):
        if self.number:
            return f'{self.number} {self.party.name or ""}'.strip()
        return self.party.name or ''

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith('!') or operator.startswith(
            'not ') else 'OR'
        domain = [bool_op,
            ('number', operator, operand, *extra),
            ('party.name', operator, operand, *extra),
            ]
        if may_read_contacts():  # no finding members by a hidden field
            domain.append(('phone', operator, operand, *extra))
        return domain

    # name lives on the party ---------------------------------------------
    def get_name(self, name):
        return self.party.name

    @classmethod
    def set_name(cls, members, name, value):
        pool = Pool()
        Party = pool.get('party.party')
        parties = [m.party for m in members if m.party.name != value]
        if parties:
            Party.write(parties, {'name': value})

    @classmethod
    def search_name(cls, name, clause):
        return [('party.name', *clause[1:])]

    # contacts --------------------------------------------------------------
    def get_phone(self, name):
        for mechanism in self.contact_mechanisms:
            if mechanism.type in PHONE_TYPES:
                return mechanism.value

    @fields.depends('phone', 'contact_mechanisms')
    def on_change_phone(self):
        "The phone typed on the form is the first phone contact method"
        pool = Pool()
        Mechanism = pool.get('party.contact_mechanism')
        mechanisms = list(self.contact_mechanisms or [])
        phones = [m for m in mechanisms if m.type in PHONE_TYPES]
        if phones:
            phones[0].value = self.phone
        elif self.phone:
            # a new record of an on_change has no defaults: the client
            # would save the line inactive, out of the list
            mechanisms.insert(0, Mechanism(type='mobile', value=self.phone,
                    **Mechanism.default_get(['active'], with_rec_name=False)))
        self.contact_mechanisms = mechanisms

    @fields.depends('contact_mechanisms')
    def on_change_contact_mechanisms(self):
        phones = [m for m in self.contact_mechanisms or []
            if m.type in PHONE_TYPES]
        self.phone = phones[0].value if phones else None

    @classmethod
    def set_phone(cls, members, name, value):
        """Write the phone into the first phone contact method, or add one
        (a mobile, or a landline when the number is one)"""
        pool = Pool()
        Mechanism = pool.get('party.contact_mechanism')
        to_save = []
        for member in members:
            phones = [m for m in member.contact_mechanisms
                if m.type in PHONE_TYPES]
            if phones:
                first = phones[0]
                if value and first.value != first.format_value(
                        value=value, type_=first.type):
                    first.value = value
                    to_save.append(first)
            elif value:
                mechanism = Mechanism(member=member, party=member.party,
                    type='mobile', value=value)
                if not mechanism.is_mobile():
                    mechanism.type = 'phone'
                to_save.append(mechanism)
        Mechanism.save(to_save)

    @classmethod
    def search_phone(cls, name, clause):
        _, operator, operand, *extra = clause
        return [('contact_mechanisms', 'where', [
                    ('type', 'in', list(PHONE_TYPES)),
                    ['OR',
                        ('value', operator, operand, *extra),
                        ('value_compact', operator, operand, *extra),
                        ],
                    ])]

    # what the member query filters on (H6) -----------------------------------
    @classmethod
    def get_card_type(cls, members, name):
        order = {'active': 0, 'dormant': 1, 'written': 2, 'draft': 3}
        result = {}
        for member in members:
            cards = sorted((c for c in member.cards
                    if c.kind == 'primary' and c.state in order),
                key=lambda c: (order[c.state], -c.id))
            result[member.id] = cards[0].card_type.id if cards else None
        return result

    @classmethod
    def search_card_type(cls, name, clause):
        return [('cards', 'where', [
                    ('card_type',) + tuple(clause[1:]),
                    ('kind', '=', 'primary'),
                    ('state', 'in', ['draft', 'written', 'active', 'dormant']),
                    ])]

    @classmethod
    def get_household_kinds(cls):
        pool = Pool()
        Account = pool.get('member.account')
        return [(None, '')] + Account.fields_get(['kind'])['kind']['selection']

    def get_household_kind(self, name):
        return self.account.kind if self.account else None

    @classmethod
    def search_household_kind(cls, name, clause):
        return [('account.kind',) + tuple(clause[1:])]

    # ID number as party identifier -----------------------------------------
    def get_id_number(self, name):
        for identifier in self.party.identifiers:
            if identifier.type == 'cn_ric':
                return identifier.code

    @classmethod
    def set_id_number(cls, members, name, value):
        pool = Pool()
        Identifier = pool.get('party.identifier')
        to_save, to_delete = [], []
        for member in members:
            current = [i for i in member.party.identifiers
                if i.type == 'cn_ric']
            if not value:
                to_delete.extend(current)
            elif current:
                current[0].code = value
                to_save.append(current[0])
            else:
                to_save.append(Identifier(
                        party=member.party, type='cn_ric', code=value))
        Identifier.save(to_save)
        Identifier.delete(to_delete)

    @classmethod
    def search_id_number(cls, name, clause):
        _, operator, operand, *extra = clause
        return [('party.identifiers', 'where', [
                    ('type', '=', 'cn_ric'),
                    ('code', operator, operand, *extra),
                    ])]

    @classmethod
    def get_changed(cls, members, names):
        result = {n: {} for n in names}
        for member in members:
            user = member.write_uid or member.create_uid
            when = member.write_date or member.create_date
            if 'changed_by' in names:
                result['changed_by'][member.id] = user.id if user else None
            if 'changed_at' in names:
                result['changed_at'][member.id] = when
        return result

    # creation and modification ---------------------------------------------
    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Party = pool.get('party.party')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('party'):
            party = Party(name=values.get('name'))
            party.save()
            values['party'] = party.id
        if 'phone' in values and 'contact_mechanisms' in values:
            # the form's phone is already the first line of the list
            del values['phone']
        return values

    @classmethod
    def check_modification(cls, mode, members, values=None, external=False):
        super().check_modification(
            mode, members, values=values, external=external)
        if mode == 'delete':
            for member in members:
                if member.state != 'potential':
                    raise MemberEditError(gettext(
                            'member_card.msg_member_delete_registered',
                            member=member.rec_name))
        if mode != 'write' or not external:
            return
        registered = [m for m in members if m.state != 'potential']
        protected = PROTECTED_FIELDS & set(values)
        if (registered and protected
                and not Transaction().context.get('_member_correction')):
            field = cls.fields_get([min(protected)])[min(protected)]
            raise MemberEditError(gettext(
                    'member_card.msg_member_protected_field',
                    field=field['string'],
                    member=registered[0].rec_name))
        for member in registered:
            member.check_editor()

    def check_editor(self):
        "Raise unless the current user may edit this registered member"
        if not self.may_edit():
            raise MemberEditError(gettext(
                    'member_card.msg_member_edit_forbidden',
                    member=self.rec_name,
                    registrar=(self.registered_user.rec_name
                        if self.registered_user else '')))

    def may_edit(self):
        """The registering user, their superiors along the employee
        supervisor chain, and the center manager may edit"""
        pool = Pool()
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        user_id = Transaction().user
        if not user_id:
            return True
        groups = set(User.get_groups())
        if groups & {
                ModelData.get_id('member_card', 'group_center_manager'),
                ModelData.get_id('member_card', 'group_member_admin')}:
            return True
        if self.registered_user and self.registered_user.id == user_id:
            return True
        my_employees = set(User.get_employees())
        employee = self.registered_by
        seen = set()
        while employee and employee.id not in seen:
            seen.add(employee.id)
            employee = employee.supervisor
            if employee and employee.id in my_employees:
                return True
        return False

    @classmethod
    def copy(cls, members, default=None):
        "A copy is a new potential member: a party of its own, no contacts"
        pool = Pool()
        Party = pool.get('party.party')
        default = default.copy() if default is not None else {}
        for field in ['number', 'registration_date', 'registered_by',
                'registered_user', 'account', 'cards', 'paid_amount',
                'contact_mechanisms']:
            default.setdefault(field, None)
        default['party'] = lambda data: Party.create([{
                        'name': Party(data['party']).name}])[0].id
        default.setdefault('state', 'potential')
        default.setdefault('classification', 'potential')
        return super().copy(members, default=default)

    @classmethod
    def validate_fields(cls, members, field_names):
        pool = Pool()
        Account = pool.get('member.account')
        super().validate_fields(members, field_names)
        if field_names & {'account', 'state'}:
            Account.check_holders(list({m.account for m in members
                        if m.account}))

    # workflow ----------------------------------------------------------------
    def check_registration(self):
        "Raise with every missing item of registration (C1, M3) at once"
        missing = []
        if not (self.party.name or '').strip():
            missing.append(self.__names__('name')['field'])
        if not any(c.type in PHONE_TYPES for c in self.contact_mechanisms):
            missing.append(self.__names__('phone')['field'])
        if not self.salesperson:
            missing.append(self.__names__('salesperson')['field'])
        if self.paid_amount is None:
            missing.append(self.__names__('paid_amount')['field'])
        if missing:
            raise MemberValidationError(gettext(
                    'member_card.msg_member_registration_missing',
                    member=self.rec_name, fields=', '.join(missing)))

    @classmethod
    @ModelView.button
    @Workflow.transition('registered')
    def register(cls, members):
        pool = Pool()
        Date = pool.get('ir.date')
        User = pool.get('res.user')
        Account = pool.get('member.account')
        Configuration = pool.get('member.configuration')
        config = Configuration(1)
        user = User(Transaction().user)
        for member in members:
            member.check_registration()
        today = Date.today()
        for member in members:
            member.number = config.member_sequence.get()
            member.registration_date = today
            member.registered_user = user if user.id else None
            member.registered_by = user.employee if user.id else None
        cls.save(members)
        with without_check_access():
            Account.open_for(members)

    @classmethod
    def activate(cls, members):
        "Called when one of the member's cards is activated"
        members = [m for m in members if m.state == 'registered']
        if members:
            with without_check_access():
                cls._activate(members)

    @classmethod
    @Workflow.transition('active')
    def _activate(cls, members):
        pass

    @classmethod
    @ModelView.button_action('member_card.wizard_member_withdraw')
    def withdraw(cls, members):
        pass

    @classmethod
    @Workflow.transition('withdrawn')
    def _withdraw(cls, members, reason):
        cls.write(members, {'withdrawal_reason': reason})

    @classmethod
    @ModelView.button_action('member_card.wizard_member_correct')
    def correct(cls, members):
        pass

    # classification (M1) -----------------------------------------------------
    @classmethod
    def _consumption_times(cls, members):
        """Map member id to the times it consumed.

        Consumption comes from the ledger of a later module; until then no
        member has consumed."""
        return {m.id: [] for m in members}

    @classmethod
    def update_classification(cls, members):
        times = cls._consumption_times(members)
        to_write = []
        for member in members:
            classification = classify(times.get(member.id, []))
            if member.classification != classification:
                to_write.extend(([member], {'classification': classification}))
        if to_write:
            with without_check_access():
                cls.write(*to_write)


MANAGERS = ('member_card.group_center_manager', 'member_card.group_member_admin')


class MemberWithdraw(ReasonWizard):
    "Withdraw Member"
    __name__ = 'member.withdraw'
    _desk_groups = MANAGERS
    _desk_models = ('member.member',)
    _done = 'member_card.msg_done_withdrawn'

    def apply_reason(self, members, reason):
        self.model._withdraw(members, reason)
