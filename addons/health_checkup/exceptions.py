# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError, UserWarning
from trytond.model.exceptions import AccessError, ValidationError


class CapacityError(UserError):
    "The day (or half day) has no place left, or the center is closed"


class BookingError(UserError):
    "A booking request, change or check-in that cannot be accepted"


class BookingDateError(ValidationError):
    "A checkup date in the past"


class BookingAccessError(AccessError):
    "A workflow field written directly instead of through its button"


class BookingWarning(UserWarning):
    "A booking the desk may want to think twice about"
