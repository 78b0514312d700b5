// Issue 10, "idle at every screen": a student who walks away from any screen of a session (card
// left in) is warned with "more time" first (WCAG 2.2.1), then the screen forgets them and asks
// for the card to be taken; an order on its way is reported before that (defect 2). The real
// els-kiosk on Xvfb with a short idle timeout, the real pcscd + vpcd and usos-sim.
#include "card-sim.hpp"
#include "journey-rig.hpp"
#include "pcsc-environment.hpp"
#include "seed-cards.hpp"

#include <gtest/gtest.h>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;

// The labels and texts this file looks for, in one place.
namespace shown {
constexpr auto moreTime = "Więcej czasu";
constexpr auto warning = "Ekran zamknie się za";
constexpr auto finish = "Zakończ";
} // namespace shown

constexpr int idleTimeoutS = 25; // the warning shows in the last 20 s

struct LeftAt {
    const char* name;
    const char* student;
    const char* screen;      // where the student walks away
    bool usosDown;           // USOS fails every request from the card on
    const char* firstEndsOn; // after the idle timeout
};

void PrintTo(const LeftAt& at, std::ostream* out) {
    *out << at.name;
}

class JourneyIdle : public ::testing::TestWithParam<LeftAt> {
protected:
    void SetUp() override { ASSERT_TRUE(waitForReader(vpcdReader(0), 10s)); }
};

bool warned(const Readout& now) {
    return now.hasText(shown::warning) && now.button(shown::moreTime) != nullptr;
}

} // namespace

TEST_P(JourneyIdle, walkedAway_warnedWithMoreTime_thenForgotten_takeCardUntilItIsOut) {
    const auto& at = GetParam();
    Journey journey(std::string("JourneyIdle-") + at.name, at.student, {"--advance", "manual"});
    ASSERT_TRUE(journey.start(idleTimeoutS)) << journey.log();
    if (at.usosDown)
        journey.sim().control("POST", "/_sim/faults", {{"error_rate", "1"}});
    const auto firstName = seedStudent(at.student).value("first_name").toString().toStdString();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen(at.screen)) << journey.log();

    const auto warning = journey.waitFor(warned, 30s);
    ASSERT_TRUE(warning) << "no warning with \"more time\"\n" << journey.log();
    EXPECT_EQ(warning->screen, at.screen) << "warned on the screen the student left";

    const auto ended =
        journey.waitFor([&](const Readout& now) { return now.screen != at.screen; }, 40s);
    ASSERT_TRUE(ended) << journey.log();
    EXPECT_EQ(ended->screen, at.firstEndsOn) << ended->raw;
    EXPECT_EQ(ended->raw.find(firstName), std::string::npos) << ended->raw;
    if (ended->screen == "OrderSent") {
        ASSERT_TRUE(journey.tap(shown::finish)) << journey.log();
    }

    const auto take = journey.waitForScreen("TakeCard");
    ASSERT_TRUE(take) << journey.log();
    EXPECT_EQ(take->raw.find(firstName), std::string::npos) << take->raw;
    EXPECT_FALSE(take->button(shown::moreTime)) << "nothing left to extend\n" << take->raw;
    card.remove();
    ASSERT_TRUE(journey.waitForScreen("Idle")) << journey.log();
    EXPECT_TRUE(journey.appRunning()) << journey.log();
}

INSTANTIATE_TEST_SUITE_P(
    Screens, JourneyIdle,
    ::testing::Values(LeftAt{"confirm_order", "100001", "ConfirmOrder", false, "TakeCard"},
                      LeftAt{"problem", "100003", "Problem", false, "TakeCard"},
                      LeftAt{"existing_order", "100011", "ExistingOrder", false, "OrderSent"},
                      LeftAt{"service_unavailable", "100002", "ServiceUnavailable", true,
                             "TakeCard"}),
    [](const auto& info) { return std::string(info.param.name); });

} // namespace els::testing::journey
