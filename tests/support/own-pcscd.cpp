#include "own-pcscd.hpp"

#include "card-sim.hpp"
#include "child-process.hpp"
#include "pcsc-environment.hpp"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <signal.h>
#include <stdexcept>
#include <sys/wait.h>

namespace els::testing {

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr auto pcscdLog = "/tmp/els-test-pcscd.log";
const std::vector<std::string> plainPcscd{"/usr/sbin/pcscd", "-f"};

// A pcscd this program started is its own to restart (a developer's run without one). Per
// process, like the pcscd it records.
bool startedByThisProgram = false;

// Whether `pid` has exited (a zombie counts: its parent, maybe gone, has not reaped it yet).
bool exited(pid_t pid) {
    ::waitpid(pid, nullptr, WNOHANG); // reaps it when this process started it
    if (::kill(pid, 0) != 0)
        return true;
    const auto stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    const auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z';
}

// Its arguments (a debug level, say) with the path of the binary it runs: argv[0] may be a bare
// "pcscd". Empty when /proc does not tell.
std::vector<std::string> commandLine(pid_t pid) {
    const auto raw = readFile("/proc/" + std::to_string(pid) + "/cmdline");
    std::vector<std::string> args;
    for (std::size_t pos = 0; pos < raw.size();) {
        const auto end = raw.find('\0', pos);
        args.push_back(raw.substr(pos, end - pos));
        pos = end == std::string::npos ? raw.size() : end + 1;
    }
    std::error_code error;
    const auto binary = fs::read_symlink("/proc/" + std::to_string(pid) + "/exe", error);
    if (args.empty() || error || !fs::exists(binary))
        return {};
    args[0] = binary.string();
    return args;
}

// pcscd refuses to start while its socket file exists; only a dead pcscd leaves one.
void removeStaleSocket() {
    std::error_code ignored;
    if (!pcscdListening())
        fs::remove(pcscdSocket(), ignored);
}

std::string notPermitted() {
    return "the pcscd on " + pcscdSocket().string() +
           " was not started by this test run: run `make test` (its own pcscd in private "
           "namespaces) or set " +
           OwnPcscd::mayRestart +
           "=1 inside a namespace whose pcscd is yours to let the tests restart it";
}

} // namespace

::testing::AssertionResult OwnPcscd::permitted() {
    if (mayStop())
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << notPermitted();
}

bool OwnPcscd::mayStop() {
    const char* allowed = std::getenv(mayRestart);
    return startedByThisProgram || (allowed && std::string(allowed) == "1");
}

void OwnPcscd::stop() {
    if (!mayStop())
        throw std::runtime_error(notPermitted());
    const auto pid = pcscdServingSocket();
    if (!pid)
        throw std::runtime_error("no pcscd of this PID namespace listens on " +
                                 pcscdSocket().string());
    if (auto args = commandLine(*pid); !args.empty())
        arguments_ = std::move(args);
    if (::kill(*pid, SIGTERM) != 0)
        throw std::runtime_error("cannot signal pcscd " + std::to_string(*pid) + ": " +
                                 std::strerror(errno));
    if (!waitUntil(10s, [&] { return exited(*pid); })) {
        ::kill(*pid, SIGKILL);
        const bool killed = waitUntil(5s, [&] { return exited(*pid); });
        removeStaleSocket();
        throw std::runtime_error("pcscd " + std::to_string(*pid) + " ignored SIGTERM for 10 s" +
                                 (killed ? " (killed)" : " and SIGKILL"));
    }
    removeStaleSocket();
}

void OwnPcscd::start() {
    if (pcscdListening())
        throw std::runtime_error("another pcscd was started on " + pcscdSocket().string() +
                                 " while this test had stopped its own: no other test may use "
                                 "pcscd meanwhile (ctest RUN_SERIAL)");
    removeStaleSocket();
    int rc = spawnDetached(arguments_, pcscdLog);
    if (rc != 0 && arguments_ != plainPcscd)
        rc = spawnDetached(plainPcscd, pcscdLog);
    if (rc != 0)
        throw std::runtime_error("cannot start " + arguments_.front() + ": " + std::strerror(rc));
    startedByThisProgram = true;
    if (!waitForReader(vpcdReader(0), 10s) || !waitForReader(vpcdReader(1), 10s))
        throw std::runtime_error("pcscd started again without the vpcd readers; see " +
                                 std::string(pcscdLog) + ":\n" + readFile(pcscdLog));
}

void OwnPcscd::ensureRunning() {
    if (!pcscdListening())
        start();
}

} // namespace els::testing
