# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import DeactivableMixin, ModelSQL, ModelView, Unique, fields


class _Reference(DeactivableMixin, ModelSQL, ModelView):
    "A short list the desks pick from, kept by the administrator"
    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char("Code", required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'member_card.msg_reference_code_unique'),
            ]
        cls._order.insert(0, ('name', 'ASC'))


class Source(_Reference):
    "Member Source"
    __name__ = 'member.source'


class PersonType(_Reference):
    "Person Type"
    __name__ = 'member.person_type'
