#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace els::smartcard {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Upper-case hex without separators, e.g. "D6160000300101".
std::string toHex(ByteView bytes);
// Accepts upper/lower case and ignores spaces and colons; throws std::invalid_argument otherwise.
Bytes fromHex(std::string_view hex);

} // namespace els::smartcard
