#include "els/smartcard/apdu.hpp"

#include "els/smartcard/error.hpp"

#include <stdexcept>

namespace els::smartcard {

namespace {
constexpr std::uint8_t insSelect = 0xA4;
constexpr std::uint8_t insReadBinary = 0xB0;
constexpr std::uint8_t insGetResponse = 0xC0;

void appendLength(Bytes& out, std::size_t value, bool extended, std::size_t maxValue) {
    // Ne = maximum is encoded as all zero bytes (00 short, 0000 extended).
    const std::size_t encoded = value == maxValue ? 0 : value;
    if (extended)
        out.push_back(static_cast<std::uint8_t>(encoded >> 8));
    out.push_back(static_cast<std::uint8_t>(encoded & 0xFF));
}
} // namespace

CommandApdu CommandApdu::select(std::uint8_t p1, std::uint8_t p2, Bytes data,
                                std::optional<std::size_t> le) {
    return {0x00, insSelect, p1, p2, std::move(data), le};
}

CommandApdu CommandApdu::selectAid(ByteView aid) {
    return select(0x04, 0x0C, Bytes(aid.begin(), aid.end()));
}

CommandApdu CommandApdu::selectFile(std::uint16_t fid) {
    return select(0x02, 0x0C,
                  {static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid & 0xFF)});
}

CommandApdu CommandApdu::readBinary(std::uint16_t offset, std::size_t le) {
    if (offset > 0x7FFF)
        throw std::invalid_argument("READ BINARY offset above 0x7FFF");
    return {0x00,
            insReadBinary,
            static_cast<std::uint8_t>(offset >> 8),
            static_cast<std::uint8_t>(offset & 0xFF),
            {},
            le};
}

CommandApdu CommandApdu::getResponse(std::size_t le) {
    return {0x00, insGetResponse, 0x00, 0x00, {}, le};
}

bool CommandApdu::isExtended() const noexcept {
    return data.size() > maxShortLc || (le && *le > maxShortLe);
}

Bytes CommandApdu::bytes() const {
    if (data.size() > 65535)
        throw std::invalid_argument("command data longer than 65535 bytes");
    if (le && (*le == 0 || *le > maxExtendedLe)) {
        throw std::invalid_argument("Le must be 1..65536");
    }
    const bool extended = isExtended();
    Bytes out{cla, ins, p1, p2};
    out.reserve(4 + 3 + data.size() + 3);
    if (!data.empty()) {
        if (extended)
            out.push_back(0x00);
        appendLength(out, data.size(), extended, 0x10000);
        out.insert(out.end(), data.begin(), data.end());
    }
    if (le) {
        // Case 2E has a leading 00 before Le; in case 4E it is already present before Lc.
        if (extended && data.empty())
            out.push_back(0x00);
        appendLength(out, *le, extended, extended ? maxExtendedLe : maxShortLe);
    }
    return out;
}

ResponseApdu ResponseApdu::fromBytes(ByteView bytes) {
    if (bytes.size() < 2) {
        throw Error(ErrorCode::CardUnresponsive,
                    "response of " + std::to_string(bytes.size()) + " bytes has no status word");
    }
    return {Bytes(bytes.begin(), bytes.end() - 2), bytes[bytes.size() - 2], bytes.back()};
}

Bytes ResponseApdu::bytes() const {
    Bytes out = data;
    out.push_back(sw1);
    out.push_back(sw2);
    return out;
}

} // namespace els::smartcard
