#include "pcsc-environment.hpp"

#include "card-sim.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace els::testing {

namespace {
constexpr auto pcscdSocket = "/run/pcscd/pcscd.comm";

bool pcscdRunning() {
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::ifstream comm(entry.path() / "comm");
        std::string name;
        if (comm && std::getline(comm, name) && name == "pcscd")
            return true;
    }
    return false;
}
} // namespace

std::string vpcdReader(int slot) {
    return "Virtual PCD 00 0" + std::to_string(slot);
}

void PcscEnvironment::SetUp() {
    if (!pcscdRunning()) {
        // pcscd refuses to start over a socket left by one that died.
        std::filesystem::remove(pcscdSocket);
        char arg0[] = "/usr/sbin/pcscd";
        char arg1[] = "-f";
        char* argv[] = {arg0, arg1, nullptr};
        pid_t pid = -1;
        ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv, environ), 0)
            << "cannot start pcscd";
        started_ = pid;
    }
    for (const int slot : {0, 1}) {
        ASSERT_TRUE(waitForReader(vpcdReader(slot), std::chrono::seconds(10)))
            << vpcdReader(slot) << " did not appear (is vsmartcard-vpcd installed?)";
    }
}

void PcscEnvironment::TearDown() {
    if (started_ <= 0)
        return;
    ::kill(started_, SIGTERM);
    ::waitpid(started_, nullptr, 0);
    started_ = -1;
}

} // namespace els::testing
