"""The lists of the desks show moments to the minute (issue 10): no
"23:28:41.153327" in a list. Every list view of our modules, read over
JSON-RPC as the administrator, gives each of its date-time and timestamp
columns the format "%H:%M"."""
import unittest

from .server import demo_session as session
from .server import shared_demo_server
from .test_security_matrix import MODULES

MOMENTS = {'datetime', 'timestamp'}
EXEMPT = {'create_date', 'write_date'}  # the framework's, not in our lists


def setUpModule():
    shared_demo_server()


class MinutesTestCase(unittest.TestCase):
    "Moments in lists, to the minute"

    def test_list_columns(self):
        admin = session('admin')
        views = admin.call('model.ir.ui.view.search_read',
            [('module', 'in', MODULES), ('type', '=', 'tree')], 0, None,
            None, ['model', 'id'])
        self.assertTrue(views)
        checked = 0
        for view in views:
            fields = admin.call(f"model.{view['model']}.fields_view_get",
                view['id'], 'tree')['fields']
            for name, field in fields.items():
                if field['type'] in MOMENTS and name not in EXEMPT:
                    checked += 1
                    with self.subTest(model=view['model'], field=name):
                        self.assertEqual(field.get('format'), '"%H:%M"')
        self.assertGreater(checked, 0)


if __name__ == '__main__':
    unittest.main()
