# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError, ValidationError


class LedgerError(AccessError):
    "A ledger line may not be changed or deleted: correct with a reversal"


class AmountError(ValidationError):
    "An amount is zero, negative or finer than the currency allows"


class BalanceError(UserError):
    "The household balance does not cover the amount"


class ShiftError(UserError):
    "Amounts need an open shift of the cashier; a shift opens once"


class PostingError(UserError):
    "A top-up or debit request is incomplete or inconsistent"


class ReversalError(UserError):
    "A reversal cannot be requested, approved or refused"


class ApprovalError(UserError):
    "A request needs the approval of someone else"


class LimitError(UserError):
    "An amount or a quantity above the configured limit"


class RequestFrozenError(AccessError):
    "A request waiting for approval, or decided, may not be changed"


class PasswordError(UserError):
    "The member's payment password is missing, wrong or locked"


class PasswordLogError(AccessError):
    "The log of the payment password tries is never changed"
