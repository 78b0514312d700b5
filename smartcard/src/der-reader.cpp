#include "der-reader.hpp"

#include "els/smartcard/error.hpp"

#include <algorithm>
#include <string>

namespace els::smartcard::der {

namespace {
[[noreturn]] void malformed(const std::string& why) {
    throw Error(ErrorCode::MalformedData, "malformed ELS data: " + why);
}

// Longer length fields would describe more than 4 GiB, far beyond any smart card file.
constexpr std::size_t maxLengthOctets = 4;
} // namespace

std::uint8_t Reader::peekTag() const {
    if (rest_.empty())
        malformed("element expected, data ended");
    return rest_[0];
}

Tlv Reader::next() {
    if (rest_.size() < 2)
        malformed("truncated element header");
    const std::uint8_t tag = rest_[0];
    if ((tag & 0x1F) == 0x1F)
        malformed("multi-byte tags are not used by ELS data");
    const std::uint8_t first = rest_[1];
    std::size_t offset = 2;
    std::size_t length = first;
    if (first == 0x80)
        malformed("indefinite length is not allowed in DER");
    if (first > 0x80) {
        const std::size_t octets = first & 0x7F;
        if (octets > maxLengthOctets)
            malformed("length field of " + std::to_string(octets) + " bytes");
        if (rest_.size() < offset + octets)
            malformed("truncated length field");
        length = 0;
        for (std::size_t i = 0; i < octets; ++i)
            length = length << 8 | rest_[offset + i];
        offset += octets;
    }
    if (length > rest_.size() - offset) {
        malformed("element of " + std::to_string(length) + " bytes but only " +
                  std::to_string(rest_.size() - offset) + " left");
    }
    Tlv tlv{tag, rest_.subspan(offset, length), rest_.first(offset + length)};
    rest_ = rest_.subspan(offset + length);
    return tlv;
}

Tlv Reader::expect(std::uint8_t tag, const char* what) {
    if (atEnd())
        malformed(std::string(what) + " missing");
    const Tlv tlv = next();
    if (tlv.tag != tag) {
        malformed(std::string(what) + " has tag 0x" + toHex(ByteView(&tlv.tag, 1)) +
                  ", expected 0x" + toHex(ByteView(&tag, 1)));
    }
    return tlv;
}

bool isFill(ByteView rest) noexcept {
    return std::all_of(rest.begin(), rest.end(),
                       [](std::uint8_t b) { return b == 0x00 || b == 0xFF; });
}

void appendHeader(Bytes& out, std::uint8_t tag, std::size_t length) {
    out.push_back(tag);
    if (length < 0x80) {
        out.push_back(static_cast<std::uint8_t>(length));
        return;
    }
    std::size_t octets = 0;
    for (std::size_t rest = length; rest != 0; rest >>= 8)
        ++octets;
    out.push_back(static_cast<std::uint8_t>(0x80 | octets));
    for (std::size_t i = octets; i-- > 0;)
        out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
}

void Reader::expectEnd(const char* what) const {
    if (!atEnd())
        malformed(std::to_string(rest_.size()) + " unexpected bytes after " + what);
}

} // namespace els::smartcard::der
