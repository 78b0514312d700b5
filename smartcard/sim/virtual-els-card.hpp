#pragma once

#include "els/smartcard/bytes.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>

namespace els::smartcard::sim {

// How the card bends ISO 7816-4 the way real cards do.
struct Behaviour {
    bool t0 = false;            // answer data with 61xx and hand it out by GET RESPONSE
    bool extendedLength = true; // false: extended APDUs get 6700
    std::size_t maxLe = 65536;  // larger Ne on READ BINARY gets 6Cxx
    // With t0: announce at most this many bytes per 61xx (1: a "61 01" chain of one byte
    // per GET RESPONSE).
    std::size_t chainStep = 256;
    // READ BINARY hands out at most this many bytes with 9000, whatever Ne asks (0: no limit).
    std::size_t readStep = 0;
    // Set: GET DATA 00 CA 01 00 answers with these bytes as the chip's own serial (the genuine
    // chip's, or another one for a "cloned" card); unset: 6D00, as on a card without it.
    std::optional<Bytes> chipSerial = std::nullopt;
};

// A well-formed ISO/IEC 7816-3 ATR for the behaviour: T=1 (with T=0 also offered, and a
// TCK) or T=0 only, whose historical bytes announce extended Lc/Le exactly when the card
// takes them.
Bytes atrFor(const Behaviour& behaviour);

// An ELS card: the application D6 16 00 00 30 01 01 holding transparent EFs by FID.
class VirtualElsCard {
public:
    VirtualElsCard(std::map<std::uint16_t, Bytes> files, Behaviour behaviour);

    // Power on or reset: nothing selected, nothing pending.
    void reset();
    // Response APDU (data + SW1 SW2) for one command APDU.
    Bytes respond(ByteView command);

private:
    struct Answer {
        Bytes data;
        std::uint16_t sw;
    };
    struct Command {
        std::uint8_t cla, ins, p1, p2;
        Bytes data;
        std::optional<std::size_t> ne;
        bool extended;
    };
    static std::optional<Command> parse(ByteView apdu);
    Answer execute(const Command& command);
    Answer select(const Command& command);
    Answer readBinary(const Command& command);
    Answer getResponse(const Command& command);
    Answer getData(const Command& command) const; // get-data.cpp
    static Answer withNe(Bytes data, std::optional<std::size_t> ne);
    static Bytes encode(Answer answer);

    std::map<std::uint16_t, Bytes> files_;
    Behaviour behaviour_;
    bool applicationSelected_ = false;
    std::optional<std::uint16_t> currentEf_;
    std::optional<Answer> pending_; // T=0 data not yet fetched by GET RESPONSE
};

} // namespace els::smartcard::sim
