#pragma once

#include "els/smartcard/apdu-channel.hpp"
#include "els/smartcard/bytes.hpp"

#include <cstdint>
#include <string_view>

// Binding the signed data to the physical chip (issue 11, clone resistance). EF.ELS is
// readable by anyone and can be copied byte for byte onto another card; its signed "chip serial
// number" field exists to catch that, but only if the kiosk asks the chip itself for its serial.
// Which command answers with it depends on the card type (STARCOS: GET DATA 00 CA 01 00 00),
// so the command comes from the configuration ([clone] chip_serial_apdu).
namespace els::smartcard {

// A short command APDU (ISO/IEC 7816-3 cases 1 to 4) from its bytes, e.g. 00 CA 01 00 00.
// Throws Error(MalformedData) when the bytes are not one.
CommandApdu parseCommandApdu(ByteView bytes);

struct ChipSerialReading {
    Bytes answer;           // the response data; empty when the card refused
    std::uint16_t sw = 0;   // final status word
    unsigned apduCount = 0; // APDUs sent, GET RESPONSE and a 6Cxx repeat included
};

// Sends `command` (inside the caller's transaction, right after the ELS files were read, so the
// answer comes from the chip that held them), following 61xx with GET RESPONSE and repeating
// once with the right Le after 6Cxx. Transport errors propagate as the channel throws them.
ChipSerialReading readChipSerial(ApduChannel& channel, const CommandApdu& command);

enum class ChipBinding {
    Matches,     // the chip answered with the signed serial
    Differs,     // the chip answered with another serial: a copy on a different chip
    NotAnswered, // the chip refused the command or answered nothing (a blank card cannot fake it)
};
const char* toString(ChipBinding binding) noexcept;

// Compares the chip's answer with the signed serial. The signed field is text whose format is
// not standardised, so the answer matches when it is that text byte for byte, or when its hex
// digits equal the text's ignoring case and the separators ' ', ':' and '-'.
ChipBinding chipBinding(const ChipSerialReading& reading, std::string_view signedSerial);

} // namespace els::smartcard
