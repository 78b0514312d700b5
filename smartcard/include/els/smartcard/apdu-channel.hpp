#pragma once

#include "els/smartcard/apdu.hpp"

namespace els::smartcard {

// Anything that carries APDUs to a card: a PC/SC Card, or a scripted transcript in tests.
class ApduChannel {
public:
    virtual ~ApduChannel() = default;
    // Throws Error for transport failures (card removed, reader gone); status words, however
    // bad, come back as a ResponseApdu.
    virtual ResponseApdu transmit(const CommandApdu& command) = 0;

protected:
    ApduChannel() = default;
    ApduChannel(const ApduChannel&) = default;
    ApduChannel& operator=(const ApduChannel&) = default;
};

} // namespace els::smartcard
