#!/usr/bin/python3
"""The reference reader of `make bench`: what a technician could write in a few lines with
Debian's python3-pyscard and openssl, to compare `kioskctl read-card` with as a whole process.

Reads EF.ELS (00 02) and, when present, the certificate file (00 01) of the ELS application in
one connection, with extended-length READ BINARY when the card takes it (the fewest
APDUs, as kioskctl), then verifies the CMS signature and chain with `openssl cms -verify`.

Usage: reference-reader.py READER CA_PEM WORK_DIR     (exit 0 when the signature verifies)
"""
import os
import subprocess
import sys

from smartcard.System import readers

ELS_AID = [0xD6, 0x16, 0x00, 0x00, 0x30, 0x01, 0x01]


def transmit(connection, apdu):
    data, sw1, sw2 = connection.transmit(apdu)
    return bytes(data), (sw1 << 8) | sw2


def read_file(connection, fid):
    """The whole transparent file `fid`, or None when the card has no such file."""
    _, sw = transmit(connection, [0x00, 0xA4, 0x02, 0x0C, 0x02, fid >> 8, fid & 0xFF])
    if sw != 0x9000:
        return None
    content = b""
    extended = True
    short_le = 0x00  # 256
    while True:
        offset = len(content)
        header = [0x00, 0xB0, offset >> 8, offset & 0xFF]
        asked = 65536 if extended else (short_le or 256)
        apdu = header + ([0x00, 0x00, 0x00] if extended else [short_le])
        data, sw = transmit(connection, apdu)
        if sw >> 8 == 0x6C:  # wrong Le: the card says how many bytes it has
            extended, short_le = False, sw & 0xFF
            continue
        if sw in (0x6700, 0x6A81, 0x6D00) and extended:  # no extended length
            extended = False
            continue
        if sw == 0x6282:  # end of file before Ne bytes: the rest of the file
            return content + data
        if sw == 0x6B00 or (sw == 0x9000 and not data):
            return content
        if sw != 0x9000:
            raise RuntimeError(f"READ BINARY: status {sw:04X}")
        content += data
        if len(data) < asked:
            return content


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    reader_name, ca_pem, work = sys.argv[1:]
    reader = next((r for r in readers() if str(r) == reader_name), None)
    if reader is None:
        sys.exit(f"no reader {reader_name}")
    connection = reader.createConnection()
    connection.connect()
    _, sw = transmit(connection, [0x00, 0xA4, 0x04, 0x0C, len(ELS_AID)] + ELS_AID)
    if sw != 0x9000:
        sys.exit(f"not an ELS card ({sw:04X})")
    els = read_file(connection, 0x0002)
    certificate = read_file(connection, 0x0001)
    connection.disconnect()

    els_path = os.path.join(work, "els.der")
    with open(els_path, "wb") as out:
        out.write(els)
    command = ["openssl", "cms", "-verify", "-inform", "DER", "-in", els_path,
               "-CAfile", ca_pem, "-binary",
               "-out", os.path.join(work, "content.der")]
    if certificate:
        certificate_path = os.path.join(work, "certificate.der")
        with open(certificate_path, "wb") as out:
            out.write(certificate)
        command += ["-certfile", certificate_path]  # openssl 3 reads DER here too
    result = subprocess.run(command, capture_output=True, text=True)
    print(result.stderr.strip())
    sys.exit(0 if result.returncode == 0 else 4)


if __name__ == "__main__":
    main()
