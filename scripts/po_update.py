#!/usr/bin/env python3
# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Refresh addons/MODULE/locale/LANG.po from the module's sources.

Activates MODULE in a throwaway SQLite database with LANG loaded (so the
translations already in the po file come in), runs Tryton's own
translation wizards (set, update, export) and writes the export back:
existing entries keep their msgstr, new texts appear with an empty one,
texts that are gone are dropped. Prints the entry count and every entry
still to translate (empty or fuzzy: Tryton ignores fuzzy ones); exits 1
if there is any.

    .venv/bin/python scripts/po_update.py member_card [--lang zh_CN]

With --check nothing is written: exits 1 when the po file is not what
the refresh would write (a text added or gone) or an entry is to
translate. tests/test_translation.py runs it for every module.
"""
import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DB_NAME = 'po_update'


def refresh(module, lang):
    "The po file content Tryton exports for module and lang"
    from trytond import backend
    from trytond.modules import get_module_info
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    backend.Database(DB_NAME).init()
    pool = Pool(DB_NAME)
    # the module's own po file is imported here, with every dependency's;
    # with its optional dependencies too: what it adds to them has texts
    extras = get_module_info(module).get('extras_depend', [])
    pool.init(update=['ir', 'res', module, *extras], lang=['en', lang],
        activatedeps=True)

    Lang = pool.get('ir.lang')
    Module = pool.get('ir.module')
    Translation = pool.get('ir.translation')

    def step(name, state, data=None):
        # each step in its own transaction: the wizards write with raw SQL
        # behind the record cache
        with Transaction().start(DB_NAME, 0):
            Wizard = pool.get(name, type='wizard')
            session_id, _, _ = Wizard.create()
            result = Wizard.execute(session_id, data or {}, state)
            Wizard.delete(session_id)
            return result

    with Transaction().start(DB_NAME, 0):
        language, = Lang.search([('code', '=', lang)])
        language.translatable = True
        language.save()
        language = language.id
        module_, = Module.search([('name', '=', module)])
        module_ = module_.id

    # view and report strings into ir.translation (en)
    step('ir.translation.set', 'set_')
    # a lang row for every source; changed sources become fuzzy
    step('ir.translation.update', 'update', {'start': {'language': language}})
    # drop what the sources no longer have (update keeps it)
    with Transaction().start(DB_NAME, 0):
        sources = {
            (t.type, t.name, t.res_id, t.src)
            for t in Translation.search([
                    ('lang', '=', 'en'), ('module', '=', module)])}
        Translation.delete([t for t in Translation.search([
                        ('lang', '=', lang), ('module', '=', module)])
                if (t.type, t.name, t.res_id, t.src) not in sources])
    result = step('ir.translation.export', 'export',
        {'start': {'language': language, 'module': module_}})
    return result['view']['defaults']['file']


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('module')
    parser.add_argument('--lang', default='zh_CN')
    parser.add_argument('--check', action='store_true',
        help='write nothing; fail when the po file is stale or incomplete')
    args = parser.parse_args()
    po_path = REPO / 'addons' / args.module / 'locale' / f'{args.lang}.po'

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.pop('TRYTOND_CONFIG', None)
        os.environ['TRYTOND_DATABASE__URI'] = 'sqlite://'
        os.environ['TRYTOND_DATABASE__PATH'] = tmp
        os.environ['TRYTOND_DATABASE__LANGUAGE'] = 'en'
        Path(tmp, f'{DB_NAME}.sqlite').touch()
        content = refresh(args.module, args.lang)

    import polib
    stale = False
    if args.check:
        stale = (not po_path.exists() or po_path.read_bytes() != content)
        if stale:
            print(f'{po_path.relative_to(REPO)} is stale: run '
                f'scripts/po_update.py {args.module} --lang {args.lang}')
    else:
        po_path.parent.mkdir(exist_ok=True)
        po_path.write_bytes(content)
    entries = [e for e in polib.pofile(content.decode('utf-8'))
        if not e.obsolete]
    todo = [e for e in entries if not e.translated()]
    print(f'{po_path.relative_to(REPO)}: {len(entries)} entries, '
        f'{len(todo)} to translate')
    for entry in todo:
        flag = ' (fuzzy)' if 'fuzzy' in entry.flags else ''
        print(f'  {entry.msgctxt}{flag}\n    {entry.msgid!r}')
    return 1 if todo or stale else 0


if __name__ == '__main__':
    sys.exit(main())
