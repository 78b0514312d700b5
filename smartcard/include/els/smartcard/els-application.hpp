#pragma once

#include "els/smartcard/apdu-channel.hpp"
#include "els/smartcard/bytes.hpp"
#include "els/smartcard/chip-serial.hpp"
#include "els/smartcard/pcsc.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

namespace els::smartcard {

inline constexpr std::array<std::uint8_t, 7> elsAid{0xD6, 0x16, 0x00, 0x00, 0x30, 0x01, 0x01};
inline constexpr std::uint16_t elsDataFid = 0x0002;
inline constexpr std::uint16_t elsCertificateFid = 0x0001;

struct ReadOptions {
    // Try one extended-length READ BINARY for a whole file first. A card or reader that
    // refuses it (6700, or a reader that fails the transfer) costs one APDU, once per read.
    // The Card overload skips the try when the ATR says the card takes no extended Lc/Le.
    bool extendedLength = true;
    // Larger DER lengths are rejected as malformed before anything is read.
    std::size_t maxFileSize = 64 * 1024;
    // A read (both files, all APDUs) that lasts longer ends with CardUnresponsive, so the
    // kiosk can ask the student to take the card out instead of waiting for ever. A healthy
    // card needs well under a second even on a 115 kbit/s reader.
    std::chrono::milliseconds deadline{10'000};
    // One APDU whose answer takes longer ends the read the same way (also within deadline).
    std::chrono::milliseconds apduTimeout{5'000};
    // READ BINARY or GET RESPONSE pieces smaller than this while more data follows are
    // "tiny"; a card that hands out more than maxTinyPieces of them per read is given up on:
    // a 2 KB file in 1-byte pieces takes minutes on a real reader.
    std::size_t minUsefulChunk = 32;
    unsigned maxTinyPieces = 8;
    // The clock of the deadline; tests inject one that advances per APDU.
    std::function<std::chrono::steady_clock::time_point()> now = [] {
        return std::chrono::steady_clock::now();
    };
    // Set: after the files, in the same transaction, ask the chip for its own serial
    // (chip-serial.hpp); the answer is compared with the signed one after verification.
    std::optional<CommandApdu> chipSerialCommand = std::nullopt;
};

struct ElsFiles {
    Bytes els; // EF.ELS (0002), exactly the DER object its header announces
    // The certificate file (0001); empty when absent or unreadable, and not read at all when
    // EF.ELS's SignedData already carries the signer's certificate (it holds the same one).
    Bytes certificate;
    unsigned apduCount = 0;
    std::optional<ChipSerialReading> chipSerial =
        std::nullopt; // when ReadOptions::chipSerialCommand was set
};

// Selects the ELS application and reads EF.ELS, and the certificate file when needed, with
// the fewest APDUs the card allows. Throws Error: NotElsCard (no application / no EF.ELS),
// MalformedData (bad or truncated DER framing), UnexpectedStatus, CardUnresponsive (past the
// deadline, or a card that answers in absurdly small pieces), or whatever the channel throws
// (CardRemoved, ...). Never returns partial data.
ElsFiles readElsFiles(ApduChannel& channel, ReadOptions options = {});

// The same inside one PC/SC transaction, so no other application interleaves APDUs. Uses the
// ATR's card capabilities when present; after a reset by another application (CardReset) it
// reconnects and reads again, once. After CardUnresponsive the card is reset when released, so
// no half-done GET RESPONSE chain or selection is left for the next reader.
ElsFiles readElsFiles(Card& card, ReadOptions options = {});

} // namespace els::smartcard
