#pragma once

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace els::testing {

// This run's pcscd, stopped and started again to unplug and re-plug the vpcd readers (they exist
// while pcscd runs their driver). Named by the PID listening on this process's pcscd socket
// (pcscdServingSocket(), SO_PEERCRED), never searched by process name: other pcscds may run on
// the machine (other containers, namespaces, the system's own). Stopped only when it is this
// run's own: started by this program, or by a runner that says so with
// ELS_TEST_MAY_RESTART_PCSCD=1 (`make test`: private namespaces, cmake/isolated.sh).
// A pcscd started here runs in its own session with its output in a log file, so it outlives the
// test and holds none of ctest's pipes; the next test program finds it through the socket.
// Every failure throws std::runtime_error saying what went wrong.
class OwnPcscd {
public:
    static constexpr const char* mayRestart = "ELS_TEST_MAY_RESTART_PCSCD";
    static bool mayStop();
    // mayStop() for a test's ASSERT_TRUE, its failure saying how to run the test.
    static ::testing::AssertionResult permitted();

    // SIGTERM and wait for the exit (SIGKILL after 10 s, then it throws); remembers how it was
    // started. Throws when it may not stop it or no pcscd of this PID namespace serves the socket.
    void stop();
    // Starts it as it was started before (plain `pcscd -f` when that fails) and waits for both
    // vpcd readers. Throws when another pcscd took the socket meanwhile or the readers do not come.
    void start();
    void ensureRunning();

private:
    std::vector<std::string> arguments_{"/usr/sbin/pcscd", "-f"};
};

} // namespace els::testing
