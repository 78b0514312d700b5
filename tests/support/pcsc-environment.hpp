#pragma once

#include <filesystem>
#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <sys/types.h>

namespace els::testing {

// "Virtual PCD 00 00" / "Virtual PCD 00 01": the vsmartcard-vpcd readers.
std::string vpcdReader(int slot);

// The socket through which libpcsclite reaches pcscd: $PCSCLITE_CSOCK_NAME, else
// /run/pcscd/pcscd.comm.
std::filesystem::path pcscdSocket();

// Whether a pcscd accepts connections on pcscdSocket().
bool pcscdListening();

// The process of the pcscd that serves pcscdSocket(), as the kernel reports the listener's
// credentials (SO_PEERCRED): how a test names *its* pcscd. Never a search by process name:
// other pcscds may run on the machine (other containers, namespaces, the system's own).
// nullopt when nothing listens, or when the listener's process cannot be seen from here (it
// runs in another PID namespace).
std::optional<pid_t> pcscdServingSocket();

// Ends the test program with status 1 and `why` on stderr. For a failed global set-up: gtest
// (1.12) would report every test SKIPPED and exit 0 after it, which ctest counts as "did not
// run" in a green run; a test that cannot reach its reader must fail instead.
[[noreturn]] void failSetUp(const std::string& why);

// Makes sure a pcscd with the vpcd readers answers on pcscdSocket(): uses the one that does
// (`make test` starts one per run in private namespaces, cmake/isolated.sh), else starts
// `pcscd -f` and stops it at the end. Fails (never skips) when the readers do not appear.
class PcscEnvironment : public ::testing::Environment {
public:
    void SetUp() override;
    void TearDown() override;

private:
    pid_t started_ = -1;
};

} // namespace els::testing
