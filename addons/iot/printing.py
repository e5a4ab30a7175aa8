# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Printing a cashier paper (the copies member_account renders for its
report) on the printer of a desk, through its box."""
from iot_box.client import BoxClient
from iot_box.client import BoxError as ClientError

from trytond.modules.member_account import slip
from trytond.pool import Pool

PRINT_WAIT = 10  # seconds a print waits for the printer


def print_job(desk, document, report_name, reprint=False):
    "(token, device name, payload) of printing document's copies at desk"
    pool = Pool()
    Report = pool.get(report_name, type='report')
    copies = slip.copies_text(document, Report.blocks, copies=Report.copies,
        reprint=reprint)
    printer = desk.device('printer')
    return (desk.token('printer', seconds=PRINT_WAIT + 60), printer.name,
        {'copies': copies, 'headings': 3})


def print_now(url, token, action_id, device, payload):
    "Print and wait for it: None when printed, else the box's error code"
    try:
        client = BoxClient(url)
        job = client.submit(token, action_id, 'print', device, payload)
        job = client.job(token, job['id'], wait=PRINT_WAIT)
    except ClientError as error:
        return error.code
    if job['state'] == 'done':
        return None
    return (job.get('error') or {}).get('code') or 'timeout'
