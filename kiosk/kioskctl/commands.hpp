#pragma once

// Adding a subcommand: a file in commands/ defining its run function, its usage line here, its
// declaration and its row in the table of the program that runs it: cardCommands (kioskctl
// itself, no Qt: links only smartcard) or adminCommands (kioskctl-admin, which kioskctl execs
// for every other command, argv unchanged).

#include "command.hpp"

#include <array>

namespace els::kiosk::kioskctl {

struct Usage {
    std::string_view name;
    std::string_view text;
};

// Every command, in the order `kioskctl help` lists them.
inline constexpr std::array usages{
    Usage{"readers", "readers"},
    Usage{"read-card",
          "read-card [--reader NAME] --trust PEM_FILE_OR_DIR [--json] [--today YYYY-MM-DD]"},
    Usage{"doctor", "doctor [--config FILE] [--json] [--kiosk-user USER] [--systemd-dir DIR] "
                    "[--min-free-mb N] [--max-skew-s N]"},
    Usage{"status",
          "status [--config FILE] [--kiosk-user USER] [--json | --prometheus [--output FILE]]"},
    Usage{"trust", "trust [--config FILE] list [--json] | add [--force] PEM... | remove FILE"},
    Usage{"config", "config [--config FILE] show [--json] | set SECTION.KEY VALUE"},
    Usage{"provision",
          "provision [--config FILE] [--base-url URL] [--consumer-key KEY] [--secret-file FILE | "
          "--secret-stdin] [--trust PEM...] [--force] [--reader NAME] [--kiosk-user USER] "
          "[--journal FILE] [--new-journal-key] [--credentials [--systemd-dir DIR]] [--enable] "
          "(the first time: all of the first four)"},
    Usage{"session",
          "session [--reader NAME] [--config FILE] [--yes] [--json] [--cancel|--revoke] [--today "
          "YYYY-MM-DD] (--help: exit statuses)"},
    Usage{"mail-test", "mail-test [--config FILE] --to ADDRESS [--notice order|cancel|revoke]"},
};

// --- run by kioskctl itself: a technician's card check starts without loading Qt ---
int runReaders(const Args& args);
int runReadCard(const Args& args);

inline constexpr std::array cardCommands{
    Command{"readers", runReaders},
    Command{"read-card", runReadCard},
};

// --- run by kioskctl-admin (Qt: USOS client, configuration, journal) ---
int runDoctor(const Args& args);
int runStatus(const Args& args);
int runTrust(const Args& args);
int runConfig(const Args& args);
int runProvision(const Args& args);
int runSession(const Args& args);
int runMailTest(const Args& args);

inline constexpr std::array adminCommands{
    Command{"doctor", runDoctor},       Command{"status", runStatus},
    Command{"trust", runTrust},         Command{"config", runConfig},
    Command{"provision", runProvision}, Command{"session", runSession},
    Command{"mail-test", runMailTest},
};

} // namespace els::kiosk::kioskctl
