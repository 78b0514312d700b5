// The reader unplugged under the running kiosk (issue 10's journey matrix): the vpcd reader exists
// while pcscd runs its driver, so stopping this run's pcscd takes the reader away and starting it
// again brings it back. A program of its own because ctest must run it alone (RUN_SERIAL): while
// pcscd is down no other test may need it.
//
// The pcscd stopped is the one serving this process's pcscd socket, named by its PID as the
// kernel reports the socket's listener, never "a process called pcscd" (other pcscds may run on
// the machine). It is stopped only when the runner says it is this run's own
// (ELS_TEST_MAY_RESTART_PCSCD=1, set by cmake/isolated.sh for `make test`); otherwise the test
// fails, it never skips. pcscd runs again when the test ends, passed or failed.
#include "card-sim.hpp"
#include "journey-rig.hpp"
#include "pcsc-environment.hpp"

#include <QCoreApplication>
#include <cstdlib>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr auto mayRestart = "ELS_TEST_MAY_RESTART_PCSCD";

bool exited(pid_t pid) {
    ::waitpid(pid, nullptr, WNOHANG); // reaps it when this process started it
    if (::kill(pid, 0) != 0)
        return true;
    const auto stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    const auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z';
}

// This run's pcscd: stopped by the PID on its socket, started again as it was started.
class OwnPcscd {
public:
    static bool mayStop() {
        const char* allowed = std::getenv(mayRestart);
        return allowed && std::string(allowed) == "1";
    }

    void stop() {
        const auto pid = pcscdServingSocket();
        ASSERT_TRUE(pid) << "no pcscd of this PID namespace listens on " << pcscdSocket();
        remember(*pid);
        ASSERT_EQ(::kill(*pid, SIGTERM), 0);
        if (!waitUntil(10s, [&] { return exited(*pid); })) {
            ::kill(*pid, SIGKILL);
            ASSERT_TRUE(waitUntil(5s, [&] { return exited(*pid); }));
        }
        removeStaleSocket();
    }

    void start() {
        removeStaleSocket();
        ASSERT_EQ(spawnDetached(arguments_, "/tmp/els-journey-pcscd.log"), 0);
        ASSERT_TRUE(waitForReader(vpcdReader(0), 10s)) << readFile("/tmp/els-journey-pcscd.log");
    }

    void ensureRunning() {
        if (!pcscdListening())
            start();
    }

private:
    // Its arguments with the path of the binary it runs (argv[0] may be a bare "pcscd").
    void remember(pid_t pid) {
        const auto raw = readFile("/proc/" + std::to_string(pid) + "/cmdline");
        std::vector<std::string> args;
        for (std::size_t at = 0; at < raw.size();) {
            const auto end = raw.find('\0', at);
            args.push_back(raw.substr(at, end - at));
            at = end == std::string::npos ? raw.size() : end + 1;
        }
        std::error_code error;
        const auto binary = fs::read_symlink("/proc/" + std::to_string(pid) + "/exe", error);
        if (args.empty() || error)
            return;
        args[0] = binary.string();
        arguments_ = std::move(args);
    }

    // pcscd refuses to start while its socket file exists; only a dead pcscd leaves one.
    static void removeStaleSocket() {
        std::error_code ignored;
        if (!pcscdListening())
            fs::remove(pcscdSocket(), ignored);
    }

    std::vector<std::string> arguments_{"/usr/sbin/pcscd", "-f"};
};

class JourneyReader : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(OwnPcscd::mayStop())
            << "this test stops pcscd: run it with `make test` (private namespaces, a pcscd of "
               "their own) or set "
            << mayRestart << "=1 inside a namespace whose pcscd is yours";
        ASSERT_TRUE(waitForReader(vpcdReader(0), 10s));
    }
    // Whatever failed, the other tests get a pcscd with its readers back.
    void TearDown() override { pcscd_.ensureRunning(); }

    OwnPcscd pcscd_;
};

std::string scenarioName() {
    return std::string("JourneyReader.") +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

TEST_F(JourneyReader, readerUnplugged_readerMissing_readerBack_idle_thenACardIsServed) {
    Journey journey(scenarioName(), "100001");
    ASSERT_TRUE(journey.start()) << journey.log();
    pcscd_.stop();
    ASSERT_FALSE(HasFatalFailure());
    const auto missing = journey.waitForScreen("ReaderMissing");
    ASSERT_TRUE(missing) << journey.log();
    EXPECT_TRUE(journey.appRunning()) << journey.log();
    pcscd_.start();
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(journey.waitForScreen("Idle")) << journey.log();
    // The reader really works again: a card is read and the student served.
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    EXPECT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
}

} // namespace
} // namespace els::testing::journey

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new els::testing::PcscEnvironment);
    return RUN_ALL_TESTS();
}
