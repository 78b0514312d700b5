// kioskctl: the technician's tool. `kioskctl COMMAND [ARGS]`; see commands.hpp.
//
// This program links no Qt: `readers` and `read-card` are what a technician runs at the reader,
// again and again, and loading Qt and its ~39 libraries was most of their time. Every other
// command needs Qt (USOS client, configuration, journal) and runs in kioskctl-admin, which this
// program execs with argv unchanged, so the command line, exit statuses and signals are those
// of one process either way.
#include "commands.hpp"
#include "failure.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <unistd.h>

namespace ctl = els::kiosk::kioskctl;

namespace {
void printUsage(std::FILE* out) {
    std::fputs("usage: kioskctl COMMAND [ARGS]\n", out);
    for (const auto& usage : ctl::usages) {
        std::fprintf(out, "  kioskctl %.*s\n", static_cast<int>(usage.text.size()),
                     usage.text.data());
    }
    std::fputs("exit status: 0 ok, 1 other failure, 2 usage, 3 card not extended, 4 signature or "
               "chain failure,\n  5 malformed card data / not an ELS card, 6 no card / card "
               "removed, 7 no reader / pcscd not running,\n  8 card does not answer (mute or too "
               "slow), 9 card's ATR invalid or unsupported\n",
               out);
}

// kioskctl-admin lies at the same place relative to this program in the build tree
// (build/bin, build/libexec/els-kiosk) and in the package (/usr/bin, /usr/libexec/els-kiosk).
std::string adminPath() {
    char self[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0)
        return {};
    std::string path(self, static_cast<std::size_t>(length));
    return path.substr(0, path.rfind('/') + 1) + ELS_KIOSKCTL_ADMIN_RELATIVE;
}

int execAdmin(char** argv) {
    const auto path = adminPath();
    if (path.empty()) {
        std::fprintf(stderr, "kioskctl: cannot find kioskctl-admin: /proc/self/exe: %s\n",
                     std::strerror(errno));
        return ctl::exitOther;
    }
    ::execv(path.c_str(), argv);
    std::fprintf(stderr, "kioskctl: cannot run %s: %s\n", path.c_str(), std::strerror(errno));
    return ctl::exitOther;
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::string_view(argv[1]) == "help" || std::string_view(argv[1]) == "--help") {
        printUsage(argc < 2 ? stderr : stdout);
        return argc < 2 ? ctl::exitUsage : ctl::exitOk;
    }
    if (const auto* command = ctl::findCommand(ctl::cardCommands, argv[1])) {
        try {
            return command->run(ctl::Args(argv + 2, argv + argc));
        } catch (...) {
            return ctl::reportFailure(std::current_exception());
        }
    }
    const bool known = std::any_of(ctl::usages.begin(), ctl::usages.end(),
                                   [&](const auto& usage) { return usage.name == argv[1]; });
    if (known)
        return execAdmin(argv);
    std::fprintf(stderr, "kioskctl: unknown command \"%s\" (try kioskctl help)\n", argv[1]);
    return ctl::exitUsage;
}
