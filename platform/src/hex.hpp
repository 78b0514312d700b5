#pragma once

#include <span>
#include <string>

namespace els::platform::detail {

// Lower-case hex, two digits per byte: OAuth nonces and the journal's student hashes.
inline std::string lowerHex(std::span<const unsigned char> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const auto byte : bytes) {
        out += digits[byte >> 4];
        out += digits[byte & 0x0F];
    }
    return out;
}

} // namespace els::platform::detail
