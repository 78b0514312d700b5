// The signed content of EF.ELS (els-card.md, "The data file"): a strict DER walk, lenient only
// where the field table is uncertain (string and date types, fields appended by later versions).
#include "der-reader.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/verify.hpp"

#include <string>

namespace els::smartcard {

namespace {

[[noreturn]] void malformed(const std::string& why) {
    throw Error(ErrorCode::MalformedData, "malformed ELS data: " + why);
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else {
        out.push_back(static_cast<char>(0xC0 | cp >> 6));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(ByteView s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::uint8_t b = s[i];
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++i;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            extra = 1;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            extra = 2;
            cp = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            extra = 3;
            cp = b & 0x07;
        } else {
            return false;
        }
        if (s.size() - i <= extra)
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

// Control characters have no place in a name or number and could forge terminal output.
bool hasControlCharacter(ByteView s) {
    for (const auto b : s) {
        if (b < 0x20 || b == 0x7F)
            return true;
    }
    return false;
}

std::string readString(const der::Tlv& tlv, const char* what) {
    const ByteView v = tlv.value;
    if (hasControlCharacter(v))
        malformed(std::string(what) + " contains a control character");
    switch (tlv.tag) {
    case der::Utf8String:
        if (!isValidUtf8(v))
            malformed(std::string(what) + " is not valid UTF-8");
        return {v.begin(), v.end()};
    case der::PrintableString:
    case der::Ia5String:
        for (const auto b : v) {
            if (b >= 0x80)
                malformed(std::string(what) + " has a non-ASCII byte");
        }
        return {v.begin(), v.end()};
    case der::T61String: {
        // Writers of T61String in practice store Latin-1; the T.61 diacritic escapes are not
        // seen on cards, so bytes map one-to-one to code points.
        std::string out;
        out.reserve(v.size() * 2);
        for (const auto b : v)
            appendUtf8(out, b);
        return out;
    }
    default:
        malformed(std::string(what) + " is not a string (tag 0x" + toHex(ByteView(&tlv.tag, 1)) +
                  ")");
    }
}

std::string expectString(der::Reader& reader, const char* what) {
    if (reader.atEnd())
        malformed(std::string(what) + " missing");
    return readString(reader.next(), what);
}

// SEQUENCE OF string; a lone string is accepted as a list of one (the field table is verified
// only on a few cards).
std::vector<std::string> expectStringList(der::Reader& reader, const char* what) {
    if (reader.atEnd())
        malformed(std::string(what) + " missing");
    const der::Tlv tlv = reader.next();
    if (tlv.tag != der::Sequence)
        return {readString(tlv, what)};
    std::vector<std::string> list;
    der::Reader items(tlv.value);
    while (!items.atEnd())
        list.push_back(readString(items.next(), what));
    return list;
}

long expectVersion(der::Reader& reader) {
    const ByteView v = reader.expect(der::Integer, "version").value;
    if (v.empty())
        malformed("version INTEGER is empty");
    if (v.size() > 4)
        malformed("version INTEGER too large");
    if (v[0] & 0x80)
        malformed("version is negative");
    long value = 0;
    for (const auto b : v)
        value = value << 8 | b;
    return value;
}

int digits(ByteView s, std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i)
        value = value * 10 + (s[i] - '0');
    return value;
}

// Only the calendar date matters ("valid through that day"); the time of day and zone that
// may follow are checked for sane characters and otherwise ignored.
std::chrono::year_month_day expectDate(der::Reader& reader) {
    if (reader.atEnd())
        malformed("validity date missing");
    const der::Tlv tlv = reader.next();
    std::size_t yearDigits = 0;
    if (tlv.tag == der::GeneralizedTime) {
        yearDigits = 4;
    } else if (tlv.tag == der::UtcTime) {
        yearDigits = 2;
    } else {
        malformed("validity date is not a GeneralizedTime or UTCTime (tag 0x" +
                  toHex(ByteView(&tlv.tag, 1)) + ")");
    }
    const ByteView v = tlv.value;
    const std::size_t dateLength = yearDigits + 4;
    if (v.size() < dateLength || v.size() > 32)
        malformed("validity date has a bad length");
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = static_cast<char>(v[i]);
        const bool digit = c >= '0' && c <= '9';
        if (i < dateLength ? !digit
                           : !(digit || c == 'Z' || c == '.' || c == ',' || c == '+' || c == '-')) {
            malformed("validity date has a bad character");
        }
    }
    int year = digits(v, 0, yearDigits);
    if (yearDigits == 2)
        year += year >= 50 ? 1900 : 2000; // RFC 5280, 4.1.2.5.1
    const std::chrono::year_month_day date{
        std::chrono::year{year},
        std::chrono::month{static_cast<unsigned>(digits(v, yearDigits, 2))},
        std::chrono::day{static_cast<unsigned>(digits(v, yearDigits + 2, 2))}};
    if (!date.ok())
        malformed("validity date is not a calendar date");
    return date;
}

} // namespace

ElsData parseElsContent(ByteView content) {
    der::Reader outer(content);
    const der::Tlv sequence = outer.expect(der::Sequence, "content SEQUENCE");
    outer.expectEnd("the content SEQUENCE");

    der::Reader fields(sequence.value);
    ElsData data;
    data.version = expectVersion(fields);
    data.chipSerial = expectString(fields, "chip serial number");
    data.university = expectString(fields, "university name");
    data.surnames = expectStringList(fields, "surnames");
    if (data.surnames.empty())
        malformed("no surname");
    data.givenNames = expectStringList(fields, "given names");
    data.albumNumber = expectString(fields, "album number");
    data.universityCode = expectString(fields, "university code");
    data.pesel = expectString(fields, "PESEL");
    data.validUntil = expectDate(fields);
    // Later versions may append fields: skip them, but only if they are well-formed elements.
    while (!fields.atEnd())
        fields.next();
    return data;
}

} // namespace els::smartcard
