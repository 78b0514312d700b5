#pragma once

#include "els/smartcard/apdu.hpp"

#include <chrono>

namespace els::smartcard {

// Anything that carries APDUs to a card: a PC/SC Card, or a scripted transcript in tests.
class ApduChannel {
public:
    virtual ~ApduChannel() = default;
    // Throws Error for transport failures (card removed, reader gone); status words, however
    // bad, come back as a ResponseApdu.
    virtual ResponseApdu transmit(const CommandApdu& command) = 0;
    // Bounds how long each following transmit waits for the card's answer; past it, transmit
    // throws Error(CardUnresponsive). Channels that cannot hang (transcripts) ignore it.
    virtual void setResponseTimeout(std::chrono::milliseconds timeout) { (void)timeout; }

protected:
    ApduChannel() = default;
    ApduChannel(const ApduChannel&) = default;
    ApduChannel& operator=(const ApduChannel&) = default;
};

} // namespace els::smartcard
