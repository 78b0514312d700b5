#pragma once

#include "els/smartcard/bytes.hpp"

#include <optional>
#include <vector>

namespace els::smartcard {

// The parts of an ISO/IEC 7816-3 Answer-to-Reset that the reader acts on.
struct Atr {
    // Protocols offered (T values from TD1, TD2, ...); {0} when the ATR has no TD1.
    std::vector<unsigned> protocols;
    Bytes historical;
    // Card capabilities (ISO/IEC 7816-4 compact-TLV tag 7, third software function table,
    // bit 7): whether the card takes extended Lc/Le. nullopt when the card does not say.
    std::optional<bool> extendedLength;

    // nullopt for anything ISO/IEC 7816-3 does not allow: bad TS, bytes missing or left
    // over, missing or wrong TCK (required as soon as a protocol other than T=0 is offered).
    static std::optional<Atr> parse(ByteView bytes);
};

} // namespace els::smartcard
