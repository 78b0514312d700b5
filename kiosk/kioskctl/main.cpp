// kioskctl: the technician's tool. `kioskctl COMMAND [ARGS]`; see commands.hpp.
#include "commands.hpp"
#include "failure.hpp"

#include <cstdio>
#include <exception>

namespace ctl = els::kiosk::kioskctl;

namespace {
void printUsage(std::FILE* out) {
    std::fputs("usage: kioskctl COMMAND [ARGS]\n", out);
    for (const auto& command : ctl::commands) {
        std::fprintf(out, "  kioskctl %.*s\n", static_cast<int>(command.usage.size()),
                     command.usage.data());
    }
    std::fputs("exit status: 0 ok, 1 other failure, 2 usage, 3 card not extended, 4 signature or "
               "chain failure,\n  5 malformed card data / not an ELS card, 6 no card / card "
               "removed, 7 no reader / pcscd not running,\n  8 card does not answer (mute or too "
               "slow), 9 card's ATR invalid or unsupported\n",
               out);
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::string_view(argv[1]) == "help" || std::string_view(argv[1]) == "--help") {
        printUsage(argc < 2 ? stderr : stdout);
        return argc < 2 ? ctl::exitUsage : ctl::exitOk;
    }
    for (const auto& command : ctl::commands) {
        if (command.name != argv[1])
            continue;
        try {
            return command.run(ctl::Args(argv + 2, argv + argc));
        } catch (...) {
            return ctl::reportFailure(std::current_exception());
        }
    }
    std::fprintf(stderr, "kioskctl: unknown command \"%s\" (try kioskctl help)\n", argv[1]);
    return ctl::exitUsage;
}
