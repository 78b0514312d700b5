#pragma once

#include "els/smartcard/pcsc.hpp"

#include <string>
#include <string_view>

namespace els::kiosk::kioskctl {

// The reader a command talks to: `wanted` when given (it must be connected), otherwise the
// first reader with a card in it, as the kiosk does with an empty [reader] name. Throws
// smartcard::Error: NoReaders (none connected), ReaderUnavailable (no reader named so),
// NoCard (no reader has a card) — each mapped to its exit status by reportFailure.
std::string chooseReader(const smartcard::Context& context, std::string_view wanted);

} // namespace els::kiosk::kioskctl
