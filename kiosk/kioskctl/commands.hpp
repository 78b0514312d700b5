#pragma once

// Adding a subcommand: a file in commands/ defining its run function, its declaration here
// and its row in the table.

#include "command.hpp"

#include <array>

namespace els::kiosk::kioskctl {

int runReaders(const Args& args);
int runReadCard(const Args& args);
int runDoctor(const Args& args);
int runStatus(const Args& args);
int runTrust(const Args& args);
int runConfig(const Args& args);
int runProvision(const Args& args);
int runSession(const Args& args);

inline constexpr std::array commands{
    Command{"readers", "readers", runReaders},
    Command{"read-card",
            "read-card [--reader NAME] --trust PEM_FILE_OR_DIR [--json] [--today YYYY-MM-DD]",
            runReadCard},
    Command{"doctor",
            "doctor [--config FILE] [--json] [--kiosk-user USER] [--systemd-dir DIR] "
            "[--min-free-mb N] [--max-skew-s N]",
            runDoctor},
    Command{"status",
            "status [--config FILE] [--kiosk-user USER] [--json | --prometheus [--output FILE]]",
            runStatus},
    Command{"trust", "trust [--config FILE] list [--json] | add [--force] PEM... | remove FILE",
            runTrust},
    Command{"config", "config [--config FILE] show [--json] | set SECTION.KEY VALUE", runConfig},
    Command{"provision",
            "provision [--config FILE] [--base-url URL] [--consumer-key KEY] [--secret-file FILE | "
            "--secret-stdin] [--trust PEM...] [--force] [--reader NAME] [--kiosk-user USER] "
            "[--journal FILE] [--new-journal-key] [--credentials [--systemd-dir DIR]] [--enable] "
            "(the first time: all of the first four)",
            runProvision},
    Command{"session",
            "session [--reader NAME] [--config FILE] [--yes] [--json] [--cancel|--revoke] [--today "
            "YYYY-MM-DD] (--help: exit statuses)",
            runSession},
};

} // namespace els::kiosk::kioskctl
