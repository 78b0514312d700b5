#pragma once

#include <exception>

namespace els::kiosk::kioskctl {

// Prints one line on stderr for any exception and returns the matching exit status.
int reportFailure(std::exception_ptr failure) noexcept;

} // namespace els::kiosk::kioskctl
