// kioskctl readers: one line per reader, its name and whether a card is in it.
#include "command.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"

#include <cstdio>

namespace els::kiosk::kioskctl {

int runReaders(const Args& args) {
    if (!args.empty())
        throw UsageError("readers takes no arguments");
    const smartcard::Context context;
    const auto readers = context.readerStatuses();
    if (readers.empty())
        throw smartcard::Error(smartcard::ErrorCode::NoReaders, "pcscd lists no reader");
    for (const auto& reader : readers) {
        std::printf("%s\t%s\n", reader.name.c_str(),
                    reader.cardPresent ? "card present" : "no card");
    }
    return exitOk;
}

} // namespace els::kiosk::kioskctl
