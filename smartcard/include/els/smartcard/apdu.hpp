#pragma once

#include "els/smartcard/bytes.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace els::smartcard {

// An ISO/IEC 7816-4 command APDU. `le` is Ne, the number of bytes expected (1..65536); the
// encoding (short or extended) follows from the sizes, so callers never juggle "00 means 256".
struct CommandApdu {
    static constexpr std::size_t maxShortLe = 256;
    static constexpr std::size_t maxExtendedLe = 65536;
    static constexpr std::size_t maxShortLc = 255;

    std::uint8_t cla = 0x00;
    std::uint8_t ins = 0x00;
    std::uint8_t p1 = 0x00;
    std::uint8_t p2 = 0x00;
    Bytes data;
    std::optional<std::size_t> le;

    static CommandApdu select(std::uint8_t p1, std::uint8_t p2, Bytes data,
                              std::optional<std::size_t> le = std::nullopt);
    // SELECT by DF name, no FCI wanted (P2=0C): the card answers 9000 and nothing else.
    static CommandApdu selectAid(ByteView aid);
    // SELECT an EF by its identifier under the current DF, no FCI wanted.
    static CommandApdu selectFile(std::uint16_t fid);
    // Offsets above 0x7FFF need the odd-INS form, which the ELS never needs.
    static CommandApdu readBinary(std::uint16_t offset, std::size_t le);
    static CommandApdu getResponse(std::size_t le);

    bool isExtended() const noexcept;
    // Throws std::invalid_argument when le or data exceed what any encoding can carry.
    Bytes bytes() const;

    bool operator==(const CommandApdu&) const = default;
};

struct ResponseApdu {
    Bytes data;
    std::uint8_t sw1 = 0x00;
    std::uint8_t sw2 = 0x00;

    // Throws Error(ErrorCode::CardUnresponsive) when fewer than two bytes arrived.
    static ResponseApdu fromBytes(ByteView bytes);

    std::uint16_t sw() const noexcept { return static_cast<std::uint16_t>(sw1 << 8 | sw2); }
    bool isOk() const noexcept { return sw() == 0x9000; }
    Bytes bytes() const;

    bool operator==(const ResponseApdu&) const = default;
};

} // namespace els::smartcard
