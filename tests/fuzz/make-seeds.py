#!/usr/bin/python3
"""Writes the committed seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/).
Run again after changing a seed here; the files are small and reviewed like code."""
import os, struct

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

def write(target, name, data):
    os.makedirs(os.path.join(here, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(here, target, name), "wb") as f:
        f.write(data)

# --- APDU reader: byte 0 = options, then per APDU: time, kind/length, response ---
def der(n):
    body = bytes((i * 7 + 1) & 0xFF for i in range(n))
    return b"\x30\x82" + struct.pack(">H", n) + body

def answer(response, time=1):
    if len(response) < 0xFE:
        return bytes([time, len(response)]) + response
    return bytes([time, 0xFE]) + struct.pack(">H", len(response)) + response

OK = b"\x90\x00"
els, cert = der(300), der(200)
write("els-fuzz-apdu", "extended", b"\x01" + answer(OK) + answer(OK) + answer(els + b"\x62\x82")
      + answer(OK) + answer(cert + b"\x62\x82"))
write("els-fuzz-apdu", "short", b"\x00" + answer(OK) + answer(OK) + answer(els[:256] + OK)
      + answer(els[256:] + OK) + answer(b"\x6a\x82"))
write("els-fuzz-apdu", "t0-chain", b"\x00" + answer(OK) + answer(OK) + answer(b"\x61\x00")
      + answer(els[:256] + b"\x61\x30") + answer(els[256:] + OK) + answer(b"\x61\x00")
      + answer(b"\x6a\x82"))
write("els-fuzz-apdu", "6c-then-chunks", b"\x01" + answer(OK) + answer(OK) + answer(b"\x6c\x64")
      + b"".join(answer(els[i:i + 100] + OK) for i in range(0, len(els), 100))
      + answer(b"\x6a\x82"))
write("els-fuzz-apdu", "select-fallbacks", b"\x01" + answer(b"\x6a\x86") + answer(b"\x61\x12")
      + answer(b"\x6a\x86") + answer(b"\x67\x00") + answer(b"\x61\x06") + answer(els + OK)
      + answer(b"\xff\x04", time=200))

# --- USOS JSON answers (no personal data) ---
json_seeds = {
    "installation": '{"base_url": "https://usos.example.edu/", "institution_name": {"pl": "Uczelnia", "en": "University"}, "version": "7.0.0.0-1", "machine_version": "7.0.0.0-1"}',
    "user": '{"id": 9, "student_status": "1", "has_photo": false, "first_name": "Jan", "last_name": "Test"}',
    "cards": '[{"id": 3, "type": "student", "barcode_number": "B1", "contact_chip_uid": "04A1B2", "contactless_chip_uid": null, "date_of_issue": "2023-10-01", "expiration_date": "2026-03-31"}, {"id": "4", "type": "student", "barcode_number": null, "contact_chip_uid": null, "contactless_chip_uid": null, "date_of_issue": null, "expiration_date": null}]',
    "mcard": '{"why_cannot_order": null, "why_cannot_revoke": {"pl": "Brak", "en": "None"}, "orders": [17, "18", {"id": 19, "status": "revoked", "order_date": "2026-01-02 10:11:12", "token": "t", "distribution_pass": "p", "expiration_date": "2026-03-31"}]}',
    "order": '{"id": "1", "status": "ready", "token": "abc", "distribution_pass": "123", "order_date": "2026-01-02 10:11:12", "expiration_date": "2026-03-31"}',
    "lookup": '{"items": [{"user": {"id": "1", "student_number": "123456"}}, {"user": {"id": "3", "student_number": null}}], "next_page": false}',
    "success": '{"success": true}',
    "owner": '{"user": {"id": "77"}}',
    "langtext": '{"pl": "Brak karty", "en": null}',
}
for name, text in json_seeds.items():
    write("els-fuzz-usos-json", name, text)

# --- kiosk.conf ---
write("els-fuzz-config", "full", """# Kiosk in the main hall
[usos]
base_url = https://usos.example.edu/
ca_file = certs/usos-ca.pem
consumer_key = kioskKey1
secret_file = secret/consumer.secret
lookup_method = services/users/search2
act_as_param = user_id

; the trust anchors for ELS signatures
[trust]
anchors = /etc/els-kiosk/anchors

[journal]
path = var/journal.db

[reader]
name = "Virtual PCD 00 00"

[timing]
request_timeout_ms = 2500
poll_initial_ms = 500
poll_max_ms = 4000
""")
write("els-fuzz-config", "minimal", "[usos]\nbase_url = https://127.0.0.1:8443\nconsumer_key = k\nsecret_file = s\n[trust]\nanchors = a\n[journal]\npath = j\n")
write("els-fuzz-config", "accessibility-help", """[accessibility]
speech_key = F12
cues = off
reader_position = left

[help]
text_pl = Kiosk czynny 8–20.
text_en = Open 8-20.
contact_pl = Dziekanat, pokój 12
contact_en = Dean's office, room 12
""")

# --- OAuth / HTTP: byte 0 = chunk size for the split feed, then the text ---
auth = ('OAuth realm="https://usos.example.edu/", oauth_consumer_key="kioskKey1", '
        'oauth_nonce="0123456789abcdef0123456789abcdef", oauth_signature_method="HMAC-SHA1", '
        'oauth_timestamp="1790000000", oauth_version="1.0", oauth_signature="a%2Bb%3D"')
write("els-fuzz-http", "authorization", b"\x00" + auth.encode())
request = ("POST /services/mcard/make_mcard_order?format=json HTTP/1.1\r\nHost: 127.0.0.1:8443\r\n"
           "Authorization: " + auth + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
           "Content-Length: 23\r\n\r\nuser_id=42&fields=id%7C")
write("els-fuzz-http", "post", b"\x07" + request.encode())
pipelined = ("GET /services/users/user?user_id=1&fields=id|first_name HTTP/1.1\r\nHost: a\r\n\r\n"
             "GET /services/apisrv/installation HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
write("els-fuzz-http", "pipelined", b"\x03" + pipelined.encode())
write("els-fuzz-http", "form", b"\x01" + b"a=1&b=x+y%20z&c&=d&e=%ZZ")
