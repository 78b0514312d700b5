#include "els/smartcard/bytes.hpp"

#include <stdexcept>

namespace els::smartcard {

std::string toHex(ByteView bytes) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (const auto byte : bytes) {
        hex.push_back(digits[byte >> 4]);
        hex.push_back(digits[byte & 0x0F]);
    }
    return hex;
}

namespace {
int nibble(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

Bytes fromHex(std::string_view hex) {
    Bytes bytes;
    int high = -1;
    for (const char c : hex) {
        if (c == ' ' || c == ':')
            continue;
        const int value = nibble(c);
        if (value < 0)
            throw std::invalid_argument("not a hex digit in \"" + std::string(hex) + '"');
        if (high < 0) {
            high = value;
        } else {
            bytes.push_back(static_cast<std::uint8_t>(high << 4 | value));
            high = -1;
        }
    }
    if (high >= 0)
        throw std::invalid_argument("odd number of hex digits");
    return bytes;
}

} // namespace els::smartcard
