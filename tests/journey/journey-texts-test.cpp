// Issue 10, defect 7, through the real els-kiosk: the feedback a student gets after a refusal
// and after cancelling, tapped on the real window in both languages. A refusal ends neutrally
// (no ✓, no "Dziękujemy!", no "Gdy skończysz" as if there were something to finish); a cancel
// ends with "Zamówienie anulowane".
#include "card-sim.hpp"
#include "journey-rig.hpp"
#include "pcsc-environment.hpp"

#include <QJsonObject>
#include <functional>
#include <gtest/gtest.h>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;

constexpr auto refusedStudent = "100004"; // no photo in USOS: refused
constexpr auto pendingStudent = "100011"; // a pending order, may cancel

class JourneyTextsTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(waitForReader(vpcdReader(0), 10s)); }
};

std::string scenarioName() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

std::function<bool(const Readout&)> screenIn(std::string screen, std::string language) {
    return [screen = std::move(screen), language = std::move(language)](const Readout& now) {
        return now.screen == screen && now.language == language;
    };
}

// Switches the current screen to English by its language button.
bool toEnglish(Journey& journey, const std::string& screen) {
    return journey.tap("EN") && journey.waitFor(screenIn(screen, "en")).has_value();
}

} // namespace

TEST_F(JourneyTextsTest, refusedStudent_finishes_goodbyeIsNeutral_inBothLanguages) {
    Journey journey(scenarioName(), refusedStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    {
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        const auto problem = journey.waitForScreen("Problem");
        ASSERT_TRUE(problem) << journey.log();
        EXPECT_TRUE(problem->hasText("USOS")) << problem->raw;
        EXPECT_FALSE(problem->hasText("Gdy skończysz")) << problem->raw;
        EXPECT_FALSE(problem->hasText("kart")) << "the card is a legitymacja\n" << problem->raw;
        ASSERT_TRUE(journey.tap("Zakończ")) << journey.log();
        const auto goodbye = journey.waitForScreen("Goodbye");
        ASSERT_TRUE(goodbye) << journey.log();
        EXPECT_TRUE(goodbye->hasText("Wyjmij legitymację z czytnika")) << goodbye->raw;
        EXPECT_TRUE(goodbye->hasText("Do widzenia!")) << goodbye->raw;
        EXPECT_FALSE(goodbye->hasText("✓")) << goodbye->raw;
        EXPECT_FALSE(goodbye->hasText("Dziękujemy")) << goodbye->raw;
    } // the card is pulled
    ASSERT_TRUE(journey.waitForScreen("Idle")) << journey.log();

    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen("Problem")) << journey.log();
    ASSERT_TRUE(toEnglish(journey, "Problem")) << journey.log();
    const auto problem = journey.current();
    EXPECT_FALSE(problem.hasText("when you are done")) << problem.raw;
    ASSERT_TRUE(journey.tap("Finish")) << journey.log();
    const auto goodbye = journey.waitFor(screenIn("Goodbye", "en"));
    ASSERT_TRUE(goodbye) << journey.log();
    EXPECT_TRUE(goodbye->hasText("Take your student ID card out of the reader")) << goodbye->raw;
    EXPECT_TRUE(goodbye->hasText("Goodbye!")) << goodbye->raw;
    EXPECT_FALSE(goodbye->hasText("✓")) << goodbye->raw;
    EXPECT_FALSE(goodbye->hasText("Thank")) << goodbye->raw;
}

TEST_F(JourneyTextsTest, pendingOrder_cancelled_goodbyeSaysOrderCancelled) {
    Journey journey(scenarioName(), pendingStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto existing = journey.waitForScreen("ExistingOrder");
    ASSERT_TRUE(existing) << journey.log();
    EXPECT_TRUE(existing->hasText("Stan zamówienia: oczekujące")) << existing->raw;
    ASSERT_TRUE(journey.tap("Anuluj zamówienie")) << journey.log();
    ASSERT_TRUE(journey.waitForScreen("ConfirmCancel")) << journey.log();
    ASSERT_TRUE(journey.tap("Tak, anuluj")) << journey.log();
    const auto goodbye = journey.waitForScreen("Goodbye");
    ASSERT_TRUE(goodbye) << journey.log();
    EXPECT_TRUE(goodbye->hasText("Zamówienie anulowane")) << goodbye->raw;
    EXPECT_TRUE(goodbye->hasText("✓")) << goodbye->raw;
    EXPECT_EQ(journey.sim().orders(pendingStudent).value("active").toInt(), 0)
        << "USOS has the order cancelled";
}

TEST_F(JourneyTextsTest, pendingOrder_cancelledInEnglish_goodbyeSaysOrderCancelled) {
    Journey journey(scenarioName(), pendingStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen("ExistingOrder")) << journey.log();
    ASSERT_TRUE(toEnglish(journey, "ExistingOrder")) << journey.log();
    EXPECT_TRUE(journey.current().hasText("Order status: pending")) << journey.current().raw;
    ASSERT_TRUE(journey.tap("Cancel the order")) << journey.log();
    ASSERT_TRUE(journey.waitFor(screenIn("ConfirmCancel", "en"))) << journey.log();
    ASSERT_TRUE(journey.tap("Yes, cancel it")) << journey.log();
    const auto goodbye = journey.waitFor(screenIn("Goodbye", "en"));
    ASSERT_TRUE(goodbye) << journey.log();
    EXPECT_TRUE(goodbye->hasText("Order cancelled")) << goodbye->raw;
    EXPECT_TRUE(goodbye->hasText("You can place a new order at any time.")) << goodbye->raw;
}

} // namespace els::testing::journey

namespace els::testing::journey {

// The mission's rule: show what USOS says about why a student cannot order. A university's own
// rule (here unpaid fees, which no card check can know) reaches the screen verbatim in the
// student's language, with where to ask; nothing is ordered.
TEST_F(JourneyTextsTest, usosOwnReason_shownVerbatim_withWhereToAsk_inBothLanguages) {
    constexpr auto student = "100001";
    Journey journey(scenarioName(), student);
    ASSERT_TRUE(journey.start()) << journey.log();
    journey.sim().control("POST", "/_sim/university_rule",
                          {{"user_id", student},
                           {"pl", "Masz zaległe opłaty w kwesturze."},
                           {"en", "You have unpaid fees at the bursar's office."}});
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto problem = journey.waitFor(screenIn("Problem", "pl"));
    ASSERT_TRUE(problem) << journey.log();
    EXPECT_TRUE(problem->hasText("Masz zaległe opłaty w kwesturze.")) << problem->raw;
    EXPECT_TRUE(problem->hasText("zapytaj w dziekanacie")) << problem->raw;
    EXPECT_FALSE(problem->button("Zamów mLegitymację")) << problem->raw;
    ASSERT_TRUE(toEnglish(journey, "Problem")) << journey.log();
    const auto english = journey.current();
    EXPECT_TRUE(english.hasText("You have unpaid fees at the bursar's office.")) << english.raw;
    EXPECT_EQ(journey.sim().orders(student).value("count").toInt(), 0);
}

} // namespace els::testing::journey
