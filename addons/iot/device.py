# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelSQL, ModelView, Unique, fields

KINDS = [
    ('encoder', "Card Encoder"),
    ('reader', "Swipe Reader"),
    ('printer', "Receipt Printer"),
    ]


class Device(ModelSQL, ModelView):
    "Desk Device"
    __name__ = 'iot.device'
    __string__ = "Desk Device"
    _rec_name = 'name'
    box = fields.Many2One('iot.box', "Box", required=True, readonly=True,
        ondelete='CASCADE')
    name = fields.Char("Name", required=True, readonly=True,
        help="The device's name in the box's configuration.")
    kind = fields.Selection(KINDS, "Kind", required=True, readonly=True)
    path = fields.Char("Path", readonly=True,
        help="Where the box finds the device (a stable device path or URL).")
    state = fields.Selection([
            ('connected', "Connected"),
            ('lost', "Lost"),
            ('gone', "No Longer at the Box"),
            ], "State", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('box_name_unique', Unique(t, t.box, t.name),
                'iot.msg_device_unique'),
            ]
        cls._order.insert(0, ('box', 'ASC'))

    def get_rec_name(self, name):
        return f'{self.name} ({self.box.rec_name})'

    @classmethod
    def update_from(cls, box, found):
        "Record what the box says it has (found: its devices as dicts)"
        known = {d.name: d for d in box.devices}
        kinds = {k for k, _ in KINDS}
        to_create, to_save = [], []
        for spec in found:
            if spec.get('kind') not in kinds:
                continue
            values = {'kind': spec['kind'], 'path': spec.get('url'),
                'state': 'lost' if spec.get('state') == 'lost'
                else 'connected'}
            device = known.pop(spec['name'], None)
            if device is None:
                to_create.append({'box': box.id, 'name': spec['name'],
                        **values})
            else:
                to_save += [[device], values]
        for device in known.values():
            to_save += [[device], {'state': 'gone'}]
        if to_save:
            cls.write(*to_save)
        if to_create:
            cls.create(to_create)
