# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError, ValidationError


class MemberValidationError(ValidationError):
    "A member's data breaks a registration rule"


class MemberEditError(AccessError):
    "The user may not change this member or this field"


class HouseholdError(ValidationError):
    "A household (shared account) breaks its size or holder rules"


class CardValidationError(ValidationError):
    "A card's data breaks a rule"


class CardStateError(UserError):
    "A card cannot go through the requested change in its state"


class CardRefused(UserError):
    "A swiped or typed card is refused at a desk"

    def __init__(self, message, description='', refusal=None):
        super().__init__(message, description)
        self.refusal = refusal


class ArgumentError(UserError):
    "What a client sent is not of the type or size the method takes"


class DeskAccessError(AccessError):
    "The user's groups do not include the desk whose job this is"


class ContactValueError(ValidationError):
    "A phone number, QQ number or WeChat id that is not one"
