# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Build a member center through proteus: company, card types, reference
lists and one user per department. Used by the scenarios and by the demo
loader, so the demo is what the tests exercise."""
from decimal import Decimal

from proteus import Model, Wizard
from proteus.config import get_config

__all__ = ['DEPARTMENTS', 'create_center', 'create_card_types',
    'create_references', 'create_department_users', 'setup_center',
    'stripe', 'write_by_hand']

# login: (role xml id, name, supervisor login)
DEPARTMENTS = {
    'center_manager': ('role_center_manager', "Center Manager", None),
    'sales_office': ('role_sales_office', "Sales Office", 'center_manager'),
    'salesperson': ('role_sales_person', "Salesperson", 'sales_office'),
    'salesperson2': ('role_sales_person', "Second Salesperson",
        'sales_office'),
    'reception': ('role_center_reception', "Reception", 'center_manager'),
    'reception2': ('role_center_reception', "Second Reception",
        'center_manager'),
    'cashier': ('role_center_cashier', "Cashier", 'center_manager'),
    'cashier2': ('role_center_cashier', "Second Cashier", 'center_manager'),
    'center_confirm': ('role_center_confirm', "Center Confirmation",
        'center_manager'),
    'service_manager': ('role_service_manager', "Service Manager", None),
    'service_agent': ('role_service_agent', "Service Agent",
        'service_manager'),
    'archive_clerk': ('role_service_archive', "Archive Clerk",
        'service_manager'),
    'training_officer': ('role_service_training', "Training Officer",
        'service_manager'),
    'member_admin': ('role_member_admin', "Membership Administrator", None),
    }


def create_center(name="Health Checkup Center", config=None):
    "The company of a center in China, paying in CNY"
    Country = Model.get('country.country', config=config)
    Currency = Model.get('currency.currency', config=config)
    Party = Model.get('party.party', config=config)
    User = Model.get('res.user', config=config)

    countries = Country.find([('code', '=', 'CN')])
    if countries:
        china, = countries
    else:
        china = Country(name="China", code='CN', code3='CHN', code_numeric='156')
        china.save()
    currencies = Currency.find([('code', '=', 'CNY')])
    if currencies:
        cny, = currencies
    else:
        cny = Currency(
            name="Yuan Renminbi", code='CNY', symbol='¥',
            rounding=Decimal('0.01'), digits=2)
        cny.save()
    party = Party(name=name)
    address, = party.addresses
    address.country = china
    address.city = "Beijing"
    party.save()

    company_config = Wizard('company.company.config', config=config)
    company_config.execute('company')
    company = company_config.form
    company.party = party
    company.currency = cny
    company.timezone = 'Asia/Shanghai'
    company_config.execute('add')
    config = config or get_config()
    config._context = User.get_preferences(True, {})
    Company = Model.get('company.company', config=config)
    company, = Company.find([('party', '=', party.id)])
    return company


def create_card_types(config=None):
    "Normal, silver and gold cards, by level, with their discounts"
    CardType = Model.get('member.card.type', config=config)
    types = {}
    for code, name, level, discount in [
            ('normal', "Normal Card", 0, '0'),
            ('silver', "Silver Card", 1, '0.05'),
            ('gold', "Gold Card", 2, '0.10'),
            ]:
        card_type = CardType(
            code=code, name=name, level=level, discount=Decimal(discount))
        card_type.save()
        types[code] = card_type
    return types


def create_references(config=None):
    "The sources and person types the desks pick from"
    Source = Model.get('member.source', config=config)
    PersonType = Model.get('member.person_type', config=config)
    sources = {}
    for code, name in [
            ('newspaper', "Newspaper"), ('internet', "Internet"),
            ('referral', "Referral"), ('walk_in', "Walk-in"),
            ('employer', "Employer Contract")]:
        sources[code] = Source(code=code, name=name)
        sources[code].save()
    person_types = {}
    for code, name in [
            ('employee', "Employee"), ('retiree', "Retiree"),
            ('family', "Family Member"), ('vip', "VIP")]:
        person_types[code] = PersonType(code=code, name=name)
        person_types[code].save()
    return sources, person_types


def create_department_users(company, password, language=None, config=None):
    """One employee and one user per desk, with the desk's role and the
    supervisor chain of the center; returns {login: user}"""
    Party = Model.get('party.party', config=config)
    Employee = Model.get('company.employee', config=config)
    User = Model.get('res.user', config=config)
    Role = Model.get('res.role', config=config)
    ModelData = Model.get('ir.model.data', config=config)

    employees, users = {}, {}
    for login, (role_id, name, supervisor) in DEPARTMENTS.items():
        party = Party(name=name)
        party.save()
        employee = Employee(party=party, company=company)
        if supervisor:
            employee.supervisor = employees[supervisor]
        employee.save()
        employees[login] = employee

        role = Role(ModelData.get_id('member_card', role_id, {}))
        user = User(name=name, login=login, password=password)
        Company = Model.get('company.company', config=config)
        user.companies.append(Company(company.id))
        user.company = Company(company.id)
        user.employees.append(Employee(employee.id))
        user.employee = Employee(employee.id)
        if language:
            user.language = language
        user_role = user.roles.new()
        user_role.role = role
        user.save()
        users[login] = user
    return users


def setup_center(password='member-demo', language=None, config=None):
    "Everything a center needs before its first member"
    company = create_center(config=config)
    card_types = create_card_types(config=config)
    sources, person_types = create_references(config=config)
    users = create_department_users(
        company, password, language=language, config=config)
    return company, card_types, sources, person_types, users


def write_by_hand(card):
    """Reception writes card by hand (Write by Hand: the payload shown once,
    then Card Written); returns what it wrote on the stripe"""
    wizard = card.click('write_card')
    payload = wizard.form.payload
    wizard.execute('written')
    card.reload()
    return f';{payload}?'


def stripe(card, config=None):
    """What the card's magnetic stripe holds, as a reader sends it: the
    payload the encoder wrote, read past the access rights that keep it
    from every desk (the test plays the plastic card)"""
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    config = config or get_config()
    with Transaction().start(config.database_name, 0, readonly=True):
        Card = Pool(config.database_name).get('member.card')
        payload = Card(card.id).track_payload
    return f';{payload}?'
