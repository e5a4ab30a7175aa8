# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError


class BoxError(UserError):
    "A device box did not answer, refused, or its device failed"


class DeskError(UserError):
    "The user is at no desk, or the desk lacks the device needed"


class CardWritingError(UserError):
    "A card is written on the encoder, verified, not confirmed by hand"
