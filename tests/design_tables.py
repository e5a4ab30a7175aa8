"""The "Who may do what" tables of the modules' doc/design.rst, read.

Each module documents, under "Who may do what", reStructuredText list
tables (``.. list-table:: Title`` with ``:header-rows: 1``):

- Records and Fields: the first column names the department (its group's
  English name), each other column a model (``member.card``) or a field
  (``member.member.phone``) in double backquotes; a cell is the letters of
  R W C D (in that order) or "–" for none, then "own" (only the user's own
  members' records) or "non-member" (only records that are no member's);
- Wizards and buttons: an action (``member.correct`` (wizard),
  ``member.card.activate`` (button)) and the departments that may run it.
"""
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEPARTMENTS = {
    'Membership Administration': 'member_admin',
    'Sales Office': 'sales_office',
    'Salesperson': 'salesperson',
    'Reception (Registration)': 'reception',
    'Cashier': 'cashier',
    'Center Confirmation': 'center_confirm',
    'Center Manager': 'center_manager',
    'Service Manager': 'service_manager',
    'Service Agent': 'service_agent',
    'Archive Clerk': 'archive_clerk',
    'Training Officer': 'training_officer',
    }
CELL = re.compile(r'^(?P<letters>R?W?C?D?|[–-])(?: (?P<scope>own|non-member))?$')
NAME = re.compile(r'^``(?P<name>[\w.-]+)``(?: \((?P<kind>wizard|button)\))?$')


def _list_tables(text):
    "(title, rows) of each list table of text; a row is a list of cells"
    tables = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = re.match(r'^\.\. list-table::\s*(.*)$', lines[i])
        if not match:
            i += 1
            continue
        title, rows, i = match.group(1).strip(), [], i + 1
        while i < len(lines) and (not lines[i].strip()
                or lines[i].startswith('   ')):
            line = lines[i]
            if line.startswith('   * - '):
                rows.append([line[len('   * - '):].strip()])
            elif line.startswith('     - '):
                rows[-1].append(line[len('     - '):].strip())
            elif line.startswith('       ') and rows:
                rows[-1][-1] += ' ' + line.strip()
            i += 1
        tables.append((title, rows))
    return tables


def design_tables(module):
    """{title: rows} of the tables under "Who may do what" in module's
    doc/design.rst"""
    text = (REPO / 'addons' / module / 'doc' / 'design.rst').read_text(
        encoding='utf-8')
    start = text.index('Who may do what\n')
    return dict(_list_tables(text[start:]))


def access_table(rows):
    """{name: {login: (letters, scope)}} of a Records or Fields table"""
    header, *body = rows
    assert header[0] == 'Department', header
    names = [NAME.match(h).group('name') for h in header[1:]]
    table = {n: {} for n in names}
    for row in body:
        login = DEPARTMENTS[row[0]]
        for name, cell in zip(names, row[1:]):
            match = CELL.match(cell)
            assert match, f'{row[0]} / {name}: {cell!r}'
            letters = match.group('letters').replace('–', '').replace(
                '-', '')
            table[name][login] = (letters, match.group('scope'))
    return table


def action_table(rows):
    "[(name, kind, set of logins)] of a Wizards and buttons table"
    header, *body = rows
    actions = []
    for name, departments in body:
        match = NAME.match(name)
        assert match and match.group('kind'), name
        logins = {DEPARTMENTS[d.strip()] for d in departments.split(',')
            if d.strip()}
        actions.append((match.group('name'), match.group('kind'), logins))
    return actions
