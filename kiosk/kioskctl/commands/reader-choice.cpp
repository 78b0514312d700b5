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
    const auto chosen = !wanted.empty()
                            ? std::find_if(readers.begin(), readers.end(),
                                           [&](const auto& r) { return r.name == wanted; })
                            : std::find_if(readers.begin(), readers.end(),
                                           [](const auto& r) { return r.cardPresent; });
    if (chosen == readers.end()) {
        if (!wanted.empty())
            throw Error(ErrorCode::ReaderUnavailable,
                        "no reader named \"" + std::string(wanted) + '"');
        throw Error(ErrorCode::NoCard, "no card in any reader");
    }
    // pcscd would refuse the connection as "unresponsive card"; say why.
    if (chosen->cardMute) {
        throw Error(ErrorCode::CardUnresponsive,
                    "the card in \"" + chosen->name + "\" gives no answer to reset (ATR)");
    }
    return chosen->name;
}

} // namespace els::kiosk::kioskctl
