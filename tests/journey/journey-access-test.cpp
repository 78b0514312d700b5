// Issue 10, defects 9 and 10, through the real els-kiosk on Xvfb: every control low on the
// screen (the language switch too), large text for the session, the help screen with the
// university's texts and the privacy notice, the reader's place on the idle screen.
#include "card-sim.hpp"
#include "journey-rig.hpp"
#include "pcsc-environment.hpp"

#include <gtest/gtest.h>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;

constexpr auto student = "100001";
constexpr int windowWidth = 1080;
constexpr int windowHeight = 1920;

class JourneyAccessTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(waitForReader(vpcdReader(0), 10s)); }
};

std::string scenarioName() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

// Buttons that are not wholly on the window, as "label at x,y wxh".
std::vector<std::string> buttonsOffTheWindow(const Readout& readout) {
    std::vector<std::string> off;
    for (const auto& b : readout.buttons)
        if (b.x < 0 || b.y < 0 || b.x + b.width > windowWidth || b.y + b.height > windowHeight)
            off.push_back(b.label + " at " + std::to_string(b.x) + "," + std::to_string(b.y) + " " +
                          std::to_string(b.width) + "x" + std::to_string(b.height));
    return off;
}

} // namespace

// Defect 10: the only language control was at the top of a 1920 px portrait screen. Now every
// control that is on every screen — speech, large text, help, PL/EN — sits in the lower quarter.
TEST_F(JourneyAccessTest, idle_languageSpeechLargeTextAndHelp_allWithinReachAtTheBottom) {
    Journey journey(scenarioName(), student);
    ASSERT_TRUE(journey.start()) << journey.log();
    const auto idle = journey.current();
    for (const auto* label : {"Włącz mowę", "Duży tekst", "Pomoc", "PL", "EN"}) {
        const auto* control = idle.button(label);
        ASSERT_NE(control, nullptr) << label << "\n" << idle.raw;
        EXPECT_GT(control->y, windowHeight * 3 / 4) << label << " within a wheelchair user's reach";
    }
    // Nothing is left at the top: the idle screen has no control of its own.
    for (const auto& b : idle.buttons)
        EXPECT_GT(b.y, windowHeight * 3 / 4) << b.label;
    ASSERT_TRUE(journey.tap("EN")) << journey.log();
    EXPECT_TRUE(journey.waitFor([](const Readout& now) {
        return now.language == "en" && now.button("Large text") && now.button("Help");
    })) << journey.log();
}

// Large text: from the bottom bar, for the rest of the session (the screen still fits), and
// back to normal for the next student.
TEST_F(JourneyAccessTest, largeText_onForTheSession_confirmFits_nextStudentHasNormalText) {
    Journey journey(scenarioName(), student);
    ASSERT_TRUE(journey.start()) << journey.log();
    {
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        const auto normal = journey.waitForScreen("ConfirmOrder");
        ASSERT_TRUE(normal) << journey.log();
        const int normalY = normal->button("Zamów mLegitymację")->y;
        ASSERT_TRUE(journey.tap("Duży tekst")) << journey.log();
        const auto large = journey.waitFor([](const Readout& now) {
            return now.screen == "ConfirmOrder" && now.button("Zwykły tekst");
        });
        ASSERT_TRUE(large) << journey.log();
        // The taller text above moves the order button.
        EXPECT_NE(large->button("Zamów mLegitymację")->y, normalY) << large->raw;
        EXPECT_EQ(buttonsOffTheWindow(*large), std::vector<std::string>{}) << large->raw;
        ASSERT_TRUE(journey.tap("Zamów mLegitymację")) << journey.log();
        const auto ready = journey.waitForScreen("Ready");
        ASSERT_TRUE(ready) << journey.log();
        // (The ready screen itself does not fit portrait in large text yet: tst_access.qml.)
        EXPECT_TRUE(ready->button("Zwykły tekst")) << "still large on the next screen\n"
                                                   << ready->raw;
    } // the card is pulled: the session ends
    const auto idle = journey.waitFor(
        [](const Readout& now) { return now.screen == "Idle" && now.button("Duży tekst"); });
    ASSERT_TRUE(idle) << "large text reset for the next student\n" << journey.log();
}

// Defect 9: a help screen with the university's own contact, what the kiosk does and what it
// reads; closing it shows the screen that was there, and a new screen closes it by itself.
TEST_F(JourneyAccessTest, helpOnConfirm_universityContactAndPrivacy_closedBackToTheScreen) {
    Journey journey(scenarioName(), student);
    journey.addConfig("[help]\ncontact_pl = Dziekanat: pokój 12, parter.\n"
                      "contact_en = Dean's office: room 12, ground floor.\n");
    ASSERT_TRUE(journey.start()) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
    ASSERT_TRUE(journey.tap("Pomoc")) << journey.log();
    const auto help = journey.waitFor(
        [](const Readout& now) { return now.hasText("Dziekanat: pokój 12, parter."); });
    ASSERT_TRUE(help) << journey.log();
    EXPECT_EQ(help->screen, "ConfirmOrder") << "the session goes on underneath";
    EXPECT_TRUE(help->hasText("Twoje dane")) << help->raw;
    EXPECT_FALSE(help->button("Zamów mLegitymację")) << "the screen below is hidden\n" << help->raw;
    EXPECT_EQ(help->focus, "button Zamknij pomoc") << "Enter closes it";

    ASSERT_TRUE(journey.key("Return")); // on "Zamknij pomoc"
    const auto back = journey.waitFor([](const Readout& now) {
        return now.screen == "ConfirmOrder" && now.button("Zamów mLegitymację");
    });
    ASSERT_TRUE(back) << journey.log();
    EXPECT_FALSE(back->hasText("Twoje dane")) << back->raw;

    // Opened again and read in English; then the session moves on: the new screen is shown,
    // not the help.
    ASSERT_TRUE(journey.tap("Pomoc")) << journey.log();
    ASSERT_TRUE(journey.waitFor([](const Readout& now) { return now.hasText("Twoje dane"); }))
        << journey.log();
    ASSERT_TRUE(journey.tap("EN")) << journey.log();
    EXPECT_TRUE(journey.waitFor([](const Readout& now) {
        return now.hasText("Dean's office: room 12, ground floor.") && now.hasText("Your data");
    })) << journey.log();
    card.remove();
    const auto idle = journey.waitForScreen("Idle");
    ASSERT_TRUE(idle) << journey.log();
    EXPECT_TRUE(journey.waitFor([](const Readout& now) {
        return now.screen == "Idle" && !now.hasText("Twoje dane") && !now.hasText("Your data");
    })) << journey.log();
}

// Defect 9: where the reader is. A kiosk whose reader is right of the screen says so on idle.
TEST_F(JourneyAccessTest, readerRightOfTheScreen_idleSaysWhere) {
    Journey journey(scenarioName(), student);
    journey.addConfig("[accessibility]\nreader_position = right\n");
    ASSERT_TRUE(journey.start()) << journey.log();
    const auto idle = journey.current();
    EXPECT_TRUE(idle.hasText("Czytnik jest na prawo od ekranu.")) << idle.raw;
    EXPECT_TRUE(idle.hasText("Włóż legitymację studencką do czytnika")) << idle.raw;
}

} // namespace els::testing::journey
