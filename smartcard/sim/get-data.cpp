// GET DATA for the chip's own serial number: what a kiosk configured with
// [clone] chip_serial_apdu = 00CA010000 compares with the signed serial in EF.ELS.
#include "virtual-els-card.hpp"

namespace els::smartcard::sim {

VirtualElsCard::Answer VirtualElsCard::getData(const Command& command) const {
    constexpr std::uint16_t insNotSupported = 0x6D00;
    constexpr std::uint16_t dataNotFound = 0x6A88;
    constexpr std::uint16_t wrongLength = 0x6700;
    if (!behaviour_.chipSerial)
        return {{}, insNotSupported};
    if (command.p1 != 0x01 || command.p2 != 0x00)
        return {{}, dataNotFound};
    if (!command.data.empty())
        return {{}, wrongLength};
    return withNe(*behaviour_.chipSerial, command.ne);
}

} // namespace els::smartcard::sim
