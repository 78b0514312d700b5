#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

// Running the project's programs from tests: as a shell command whose output is collected, or
// as a process of its own with its standard streams in files.
namespace els::testing {

// The whole file as it is on disk; empty when it cannot be read.
std::string readFile(const std::filesystem::path& file);

// `arg` in single quotes for /bin/sh.
std::string shellQuoted(const std::string& arg);

struct CommandResult {
    int status;         // the exit status; -1 when the command did not exit normally
    std::string output; // stdout (append " 2>&1" to the command line for stderr too)
};

// Runs `commandLine` through /bin/sh and waits for it.
CommandResult runShell(const std::string& commandLine);

// Starts `args[0]` with `args`, reading stdin from `input` and writing stdout and stderr to
// `out` and `err` (truncated). Throws std::runtime_error when it cannot start.
pid_t spawnProcess(std::vector<std::string> args, const std::filesystem::path& input,
                   const std::filesystem::path& out, const std::filesystem::path& err);

// Waits for `pid`, killing it (SIGKILL) after `limit`; its exit status, or -1 when it did not
// exit normally.
int waitExit(pid_t pid, std::chrono::milliseconds limit);

} // namespace els::testing
