#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <thread>
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

// Starts `args[0]` in a session of its own with default signal handling, stdin from /dev/null,
// stdout and stderr appended to `log` and no other descriptor of the test (its sockets): a daemon
// that outlives the test and holds none of ctest's pipes. 0, or the error of posix_spawn.
int spawnDetached(std::vector<std::string> args, const std::filesystem::path& log);

// Waits for `pid`, killing it (SIGKILL) after `limit`; its exit status, or -1 when it did not
// exit normally.
int waitExit(pid_t pid, std::chrono::milliseconds limit);

// Polls `predicate` every 20 ms until it holds (true) or `timeout` has passed (false).
template <typename Predicate>
bool waitUntil(std::chrono::milliseconds timeout, Predicate predicate) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// A started process (spawnProcess), killed (SIGKILL) and reaped if it still runs when the object
// goes, so that a failed test leaves nothing behind.
class ChildProcess {
public:
    explicit ChildProcess(pid_t pid) noexcept : pid_(pid) {}
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&&) = delete;
    ~ChildProcess();

    // -1 once it has been reaped.
    pid_t pid() const noexcept { return pid_; }
    // False once it has exited; reaps it then.
    bool running();
    // Its exit status within `patience`, 128 + the signal when a signal ended it; -1 when it had
    // to be killed.
    int wait(std::chrono::milliseconds patience);

private:
    pid_t pid_;
    int exitStatus_ = -1;
};

} // namespace els::testing
