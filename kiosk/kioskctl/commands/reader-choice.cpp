#include "reader-choice.hpp"

#include "els/smartcard/error.hpp"

#include <algorithm>

namespace els::kiosk::kioskctl {

std::string chooseReader(const smartcard::Context& context, std::string_view wanted) {
    using smartcard::Error;
    using smartcard::ErrorCode;
    const auto readers = context.readerStatuses();
    if (readers.empty())
        throw Error(ErrorCode::NoReaders, "pcscd lists no reader");
    if (!wanted.empty()) {
        const bool known = std::any_of(readers.begin(), readers.end(),
                                       [&](const auto& r) { return r.name == wanted; });
        if (!known)
            throw Error(ErrorCode::ReaderUnavailable,
                        "no reader named \"" + std::string(wanted) + '"');
        return std::string(wanted);
    }
    const auto withCard =
        std::find_if(readers.begin(), readers.end(), [](const auto& r) { return r.cardPresent; });
    if (withCard == readers.end())
        throw Error(ErrorCode::NoCard, "no card in any reader");
    return withCard->name;
}

} // namespace els::kiosk::kioskctl
