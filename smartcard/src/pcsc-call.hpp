#pragma once

// Internal: the one place where PC/SC return codes become els::smartcard::Error.

#include "els/smartcard/error.hpp"

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>
#include <winscard.h>

namespace els::smartcard::detail {

ErrorCode errorCodeFor(LONG result) noexcept;
[[noreturn]] void throwPcscError(const char* where, LONG result);

// Calls an SCard* function and throws on failure. Codes listed in `expected` are returned to
// the caller instead (e.g. SCARD_E_TIMEOUT from SCardGetStatusChange is not an error there).
template <typename Function, typename... Args>
LONG scard(const char* where, std::initializer_list<LONG> expected, Function function,
           Args&&... args) {
    const LONG result = function(std::forward<Args>(args)...);
    if (result == SCARD_S_SUCCESS)
        return result;
    for (const LONG code : expected) {
        if (result == code)
            return result;
    }
    throwPcscError(where, result);
}

template <typename Function, typename... Args>
void scard(const char* where, Function function, Args&&... args) {
    scard(where, {}, function, std::forward<Args>(args)...);
}

// SCardListReaders with its two-call dance; empty when no reader is attached.
std::vector<std::string> listReaders(SCARDCONTEXT context);

// For destructors: a failure there means the handle is already dead, nothing to report.
template <typename Function, typename... Args>
void scardQuiet(const char* where, Function function, Args&&... args) noexcept {
    try {
        scard(where, function, std::forward<Args>(args)...);
    } catch (const Error&) {
    }
}

} // namespace els::smartcard::detail
