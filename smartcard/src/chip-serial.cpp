#include "els/smartcard/chip-serial.hpp"

#include "els/smartcard/error.hpp"

#include <algorithm>
#include <cctype>

namespace els::smartcard {
namespace {

// A chip that keeps answering 61xx is not honest; an ELS serial fits in one or two answers.
constexpr unsigned maxGetResponses = 4;

std::string hexDigitsOnly(std::string_view text) {
    std::string digits;
    for (const char c : text) {
        if (c == ' ' || c == ':' || c == '-')
            continue;
        digits += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return digits;
}

} // namespace

CommandApdu parseCommandApdu(ByteView bytes) {
    if (bytes.size() < 4)
        throw Error(ErrorCode::MalformedData, "a command APDU has at least CLA INS P1 P2");
    CommandApdu command{bytes[0], bytes[1], bytes[2], bytes[3], {}, std::nullopt};
    const auto body = bytes.subspan(4);
    const auto le = [](std::uint8_t byte) { return byte == 0 ? std::size_t{256} : byte; };
    if (body.empty())
        return command; // case 1
    if (body.size() == 1) {
        command.le = le(body[0]); // case 2
        return command;
    }
    const std::size_t lc = body[0];
    if (lc == 0 || body.size() < 1 + lc || body.size() > 2 + lc)
        throw Error(ErrorCode::MalformedData,
                    "the command APDU's Lc does not match its length (short APDUs only)");
    command.data.assign(body.begin() + 1, body.begin() + 1 + static_cast<std::ptrdiff_t>(lc));
    if (body.size() == 2 + lc)
        command.le = le(body[1 + lc]); // case 4; else case 3
    return command;
}

ChipSerialReading readChipSerial(ApduChannel& channel, const CommandApdu& command) {
    ChipSerialReading reading;
    auto response = channel.transmit(command);
    ++reading.apduCount;
    if (response.sw1 == 0x6C) {
        auto repeated = command;
        repeated.le = response.sw2 == 0 ? 256 : response.sw2;
        response = channel.transmit(repeated);
        ++reading.apduCount;
    }
    reading.answer = response.data;
    for (unsigned i = 0; response.sw1 == 0x61 && i < maxGetResponses; ++i) {
        response =
            channel.transmit(CommandApdu::getResponse(response.sw2 == 0 ? 256 : response.sw2));
        ++reading.apduCount;
        reading.answer.insert(reading.answer.end(), response.data.begin(), response.data.end());
    }
    reading.sw = response.sw();
    if (!response.isOk())
        reading.answer.clear();
    return reading;
}

const char* toString(ChipBinding binding) noexcept {
    switch (binding) {
    case ChipBinding::Matches:
        return "chip_serial_matches";
    case ChipBinding::Differs:
        return "chip_serial_differs";
    case ChipBinding::NotAnswered:
        return "chip_serial_not_answered";
    }
    return "chip_serial_unknown";
}

ChipBinding chipBinding(const ChipSerialReading& reading, std::string_view signedSerial) {
    if (reading.sw != 0x9000 || reading.answer.empty())
        return ChipBinding::NotAnswered;
    const std::string_view asText(reinterpret_cast<const char*>(reading.answer.data()),
                                  reading.answer.size());
    if (!signedSerial.empty() && asText == signedSerial)
        return ChipBinding::Matches;
    const auto wanted = hexDigitsOnly(signedSerial);
    if (!wanted.empty() && toHex(reading.answer) == wanted)
        return ChipBinding::Matches;
    return ChipBinding::Differs;
}

} // namespace els::smartcard
