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
#include "own-pcscd.hpp"
#include "pcsc-environment.hpp"

#include <gtest/gtest.h>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;

class JourneyReader : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(OwnPcscd::permitted());
        ASSERT_TRUE(waitForReader(vpcdReader(0), 10s));
    }
    // Whatever failed, the other tests get a pcscd with its readers back.
    void TearDown() override { EXPECT_NO_THROW(pcscd_.ensureRunning()); }

    OwnPcscd pcscd_;
};

std::string scenarioName() {
    return std::string("JourneyReader.") +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

TEST_F(JourneyReader, readerUnplugged_readerMissing_readerBack_idle_thenACardIsServed) {
    Journey journey(scenarioName(), "100001");
    ASSERT_TRUE(journey.start()) << journey.log();
    ASSERT_NO_THROW(pcscd_.stop());
    const auto missing = journey.waitForScreen("ReaderMissing");
    ASSERT_TRUE(missing) << journey.log();
    EXPECT_TRUE(journey.appRunning()) << journey.log();
    ASSERT_NO_THROW(pcscd_.start());
    ASSERT_TRUE(journey.waitForScreen("Idle")) << journey.log();
    // The reader really works again: a card is read and the student served.
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    EXPECT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
}

} // namespace
} // namespace els::testing::journey
