#pragma once

#include <string>
#include <string_view>

namespace els::kiosk::kioskctl {

// The QR code of `text` (byte mode, error correction M) as lines of half-block characters, two
// modules per character cell, with a 4-module quiet zone. Light modules are drawn as blocks,
// so it scans on the usual light-on-dark terminal. Throws std::runtime_error when libqrencode
// cannot encode it.
std::string terminalQr(std::string_view text);

} // namespace els::kiosk::kioskctl
