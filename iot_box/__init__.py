"""The device service of the membership suite: card readers and writers on
serial ports, ESC/POS receipt printers (see ../shared/DEVICES.md). Wire
protocols are data; drivers take any pyserial port, so tests speak to
simulators on ptys or loop:// instead of hardware."""
