#include "els/smartcard/atr.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>

namespace els::smartcard {

namespace {
constexpr std::size_t maxAtrSize = 33;
constexpr std::uint8_t directConvention = 0x3B;
constexpr std::uint8_t inverseConvention = 0x3F;
constexpr std::uint8_t tagCardCapabilities = 0x7;
constexpr std::uint8_t extendedLcLe = 0x40; // third software function table, b7

// Compact-TLV objects of the historical bytes (ISO/IEC 7816-4 §12.1.1): only category
// indicators 00 (status indicator in the last three bytes) and 80 carry them.
std::optional<bool> extendedLengthFrom(ByteView historical) {
    if (historical.empty())
        return std::nullopt;
    ByteView objects;
    if (historical[0] == 0x80) {
        objects = historical.subspan(1);
    } else if (historical[0] == 0x00 && historical.size() >= 4) {
        objects = historical.subspan(1, historical.size() - 4);
    } else {
        return std::nullopt;
    }
    while (!objects.empty()) {
        const std::uint8_t tag = objects[0] >> 4;
        const std::size_t length = objects[0] & 0x0F;
        if (objects.size() < 1 + length)
            return std::nullopt;
        if (tag == tagCardCapabilities && length >= 3)
            return (objects[3] & extendedLcLe) != 0;
        objects = objects.subspan(1 + length);
    }
    return std::nullopt;
}
} // namespace

std::optional<Atr> Atr::parse(ByteView bytes) {
    if (bytes.size() < 2 || bytes.size() > maxAtrSize)
        return std::nullopt;
    if (bytes[0] != directConvention && bytes[0] != inverseConvention)
        return std::nullopt;
    Atr atr;
    bool tckRequired = false;
    std::size_t pos = 1;
    // Y(i) of T0 and of each TD(i) announces TA, TB, TC, TD of the next group.
    std::uint8_t indicator = bytes[pos++];
    const std::size_t historicalCount = indicator & 0x0F;
    for (;;) {
        const std::uint8_t y = indicator >> 4;
        const auto interfaceBytes = static_cast<std::size_t>(std::popcount(y));
        if (bytes.size() < pos + interfaceBytes)
            return std::nullopt;
        pos += interfaceBytes;
        if ((y & 0x8) == 0)
            break;
        indicator = bytes[pos - 1];
        const unsigned protocol = indicator & 0x0F;
        atr.protocols.push_back(protocol);
        tckRequired = tckRequired || protocol != 0;
    }
    if (atr.protocols.empty())
        atr.protocols.push_back(0);
    if (bytes.size() < pos + historicalCount)
        return std::nullopt;
    atr.historical.assign(bytes.begin() + static_cast<std::ptrdiff_t>(pos),
                          bytes.begin() + static_cast<std::ptrdiff_t>(pos + historicalCount));
    pos += historicalCount;
    if (tckRequired) {
        if (bytes.size() != pos + 1)
            return std::nullopt;
        std::uint8_t check = 0;
        for (std::size_t i = 1; i < bytes.size(); ++i)
            check ^= bytes[i];
        if (check != 0)
            return std::nullopt;
    } else if (bytes.size() != pos) {
        return std::nullopt;
    }
    atr.extendedLength = extendedLengthFrom(atr.historical);
    return atr;
}

} // namespace els::smartcard
