#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace els::kiosk::kioskctl {

using Args = std::vector<std::string>;

// Exit statuses shared by every subcommand (documented in `kioskctl help`).
enum ExitCode : int {
    exitOk = 0,
    exitOther = 1,
    exitUsage = 2,
    exitNotExtended = 3,
    exitSignature = 4,
    exitMalformed = 5,
    exitNoCard = 6,
    exitNoReader = 7,
    exitCardUnresponsive = 8,
    exitCardUnsupported = 9,
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A subcommand reads its arguments (after the command name), prints its result on stdout
// and returns an exit status; failures are thrown and turned into one stderr line by main.
struct Command {
    std::string_view name;
    int (*run)(const Args& args);
};

// The row of `table` named `name`, or nullptr.
template <typename Table> const Command* findCommand(const Table& table, std::string_view name) {
    for (const auto& command : table) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

} // namespace els::kiosk::kioskctl
