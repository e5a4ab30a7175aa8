"""Every user-visible text of every module has a zh_CN translation.

For each module of addons/, scripts/po_update.py --check activates the
module on a throwaway SQLite database, collects every translatable text
with Tryton's own wizards (field labels and help, selections, views,
menus, messages, reports) and fails when the module's locale/zh_CN.po
lacks one, leaves one empty or fuzzy, or keeps a text that is gone.
"""
import subprocess
import sys
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ('zh_CN',)


def modules():
    return sorted(p.parent.name
        for p in (REPO / 'addons').glob('*/tryton.cfg'))


class TranslationTestCase(unittest.TestCase):
    "The users' language is Chinese: nothing shown may stay English"

    def test_every_text_translated(self):
        "Each module's po file is complete and current"
        self.assertIn('member_card', modules())
        for module in modules():
            for lang in LANGUAGES:
                with self.subTest(module=module, lang=lang):
                    process = subprocess.run([sys.executable,
                            str(REPO / 'scripts' / 'po_update.py'), module,
                            '--lang', lang, '--check'],
                        cwd=REPO, capture_output=True, text=True,
                        timeout=600)
                    self.assertEqual(process.returncode, 0,
                        f'{module} {lang}:\n{process.stdout}'
                        f'{process.stderr[-3000:]}')
