# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The approvals inbox: one list of everything that waits for the center
manager's decision, whatever module asked (a short-notice booking, a late
change, a reversal, a balance adjustment...).

Each module that has requests for a second person adds its model to
Approval._sources() and gives the model a classmethod approval_query()
returning the rows of what waits: a python-sql query with the columns of
approval_columns() (see there). Approve and Refuse on the inbox call the
request's own buttons, with their own checks (who may approve, not the one
who asked, the request frozen meanwhile)."""
from sql import Cast, Literal, Values
from sql.functions import CurrentTimestamp
from sql.operators import Concat

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from . import minutes
from .access import QueryModel


def approval_columns(table, index, model, kind, requested_by, requested_at):
    """The columns of an inbox row for the request rows of table: index is
    the source's place in Approval._sources() (ids stay unique), model the
    request's model name, kind a key of Approval.kind (or an expression
    giving one), requested_by and requested_at expressions on table"""
    pool = Pool()
    Approval = pool.get('member.approval')
    count = len(Approval._sources()) or 1
    return [
        (table.id * count + index).as_('id'),
        Literal(0).as_('create_uid'),
        CurrentTimestamp().as_('create_date'),
        Literal(None).as_('write_uid'),
        Literal(None).as_('write_date'),
        Concat(Literal(model + ','), Cast(table.id, 'VARCHAR')).as_(
            'request'),
        (Literal(kind) if isinstance(kind, str) else kind).as_('kind'),
        requested_by.as_('requested_by'),
        requested_at.as_('requested_at'),
        table.company.as_('company'),
        ]


class Approval(QueryModel, ModelSQL, ModelView):
    "Waiting for Approval"
    __name__ = 'member.approval'
    __string__ = "Waiting for Approval"
    request = fields.Reference("Request", selection='get_requests',
        readonly=True)
    kind = fields.Selection('get_kinds', "Kind", readonly=True)
    requested_by = fields.Many2One('res.user', "Requested By", readonly=True)
    requested_at = minutes.Timestamp("Requested At", readonly=True)
    company = fields.Many2One('company.company', "Company", readonly=True)
    mine = fields.Function(fields.Boolean("Asked by Me",
            help="A request of yours waits for another approver."),
        'get_mine', searcher='search_mine')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('requested_at', 'ASC'), ('id', 'ASC')]
        cls._buttons.update({
                'approve': {
                    'invisible': Eval('mine', False),
                    'depends': ['mine']},
                'refuse': {
                    'invisible': Eval('mine', False),
                    'depends': ['mine']},
                })

    @classmethod
    def _sources(cls):
        "The models whose requests wait here, in a fixed order"
        return []

    @classmethod
    def _kinds(cls):
        "(key, label) of the kinds of request the sources give"
        return []

    @classmethod
    def get_kinds(cls):
        return [(None, '')] + cls._kinds()

    @classmethod
    def get_requests(cls):
        pool = Pool()
        Model = pool.get('ir.model')
        return [(None, '')] + [(m, Model.get_name(m))
            for m in cls._sources()]

    @classmethod
    def table_query(cls):
        pool = Pool()
        queries = [pool.get(model).approval_query(index)
            for index, model in enumerate(cls._sources())]
        if not queries:  # no module asks for approvals: an empty list
            names = ['id', 'create_uid', 'create_date', 'write_uid',
                'write_date', 'request', 'kind', 'requested_by',
                'requested_at', 'company']
            values = Values([[0] * len(names)])
            return values.select(*(getattr(values, f'column{i}').as_(name)
                    for i, name in enumerate(names, 1)),
                where=Literal(False))
        union = queries[0]
        for query in queries[1:]:
            union = union | query
        return union

    def get_rec_name(self, name):
        return self.request.rec_name if self.request else ''

    def get_mine(self, name):
        return bool(self.requested_by
            and self.requested_by.id == Transaction().user)

    @classmethod
    def search_mine(cls, name, clause):
        _, operator, value = clause[:3]
        mine = (operator == '=') == bool(value)
        return [('requested_by', '=' if mine else '!=',
                Transaction().user)]

    @classmethod
    def _by_model(cls, approvals):
        "{model class: its requests} of approvals"
        requests = {}
        for approval in approvals:
            request = approval.request
            requests.setdefault(request.__class__, []).append(request)
        return requests

    @classmethod
    @ModelView.button
    def approve(cls, approvals):
        "The request's own Approve, with its checks"
        for Model, requests in cls._by_model(approvals).items():
            Model.approve(requests)

    @classmethod
    @ModelView.button
    def refuse(cls, approvals):
        "The request's own Refuse, with its checks"
        for Model, requests in cls._by_model(approvals).items():
            Model.refuse(requests)
