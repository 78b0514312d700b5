// Journeys through the real els-kiosk on a real X11 window (Xvfb): the seeded student's signed
// card in vpcd slot 0 through the real pcscd, the real usos-sim over HTTPS, taps from outside
// the app with xdotool. Each scenario's screens are screenshotted into ELS_JOURNEY_SHOTS/<name>.
#include "card-sim.hpp"
#include "journey-rig.hpp"
#include "pcsc-environment.hpp"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <gtest/gtest.h>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;

constexpr auto happyStudent = "100001";

class JourneyTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(waitForReader(vpcdReader(0), 10s)); }
};

std::string scenarioName() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

} // namespace

// Defect 1 of issue 10: the first frame showed every text piled in the top-left corner because it
// was drawn before the layout had the window's size.
TEST_F(JourneyTest, start_firstFrameDrawn_alreadyHasTheWindowsFinalLayout) {
    Journey journey(scenarioName(), happyStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    const auto idle = *journey.waitForScreen("Idle");
    const auto all = journey.readouts();
    ASSERT_FALSE(all.empty());
    const auto& first = all.front();
    EXPECT_EQ(first.window, "1080x1920") << first.raw;
    // The view is as wide as the window (the speech controls take the bottom) and already has
    // the size it keeps.
    EXPECT_EQ(first.view.substr(0, first.view.find('x')), "1080")
        << "first frame drawn before the layout had its size\n"
        << first.raw;
    EXPECT_EQ(first.view, idle.view) << first.raw;
    EXPECT_EQ(first.screen, "Idle");
    std::filesystem::copy(journey.rig().dir() / "shots", journey.shotsDir() / "app-shots");
}

// The happy path, tapped: card in → "Zamów mLegitymację" → the QR on the real display decodes to
// the token USOS issued.
TEST_F(JourneyTest, happyStudent_tapsOrder_qrOnTheDisplayIsTheIssuedToken) {
    Journey journey(scenarioName(), happyStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto confirm = journey.waitForScreen("ConfirmOrder");
    ASSERT_TRUE(confirm) << journey.log();
    EXPECT_TRUE(confirm->hasText("Zofia")) << confirm->raw;
    ASSERT_TRUE(journey.tap("Zamów mLegitymację")) << journey.log();
    const auto ready = journey.waitForScreen("Ready");
    ASSERT_TRUE(ready) << journey.log();

    EXPECT_TRUE(ready->hasText("mObywatel")) << ready->raw;
    const auto decoded = decodeQr(journey.lastShot());
    EXPECT_EQ(journey.sim().orders(happyStudent).value("count").toInt(), 1) << "ordered once";

    // The token through an independent path: kioskctl reads the same (ready) order.
    const auto json = journey.rig().dir() / "session.json";
    const auto err = journey.rig().dir() / "session.err";
    ChildProcess ctl(spawnProcess({KIOSKCTL_PATH, "session", "--config", journey.config().string(),
                                   "--reader", vpcdReader(0), "--yes", "--json"},
                                  "/dev/null", json, err));
    ASSERT_EQ(ctl.wait(30s), 0) << readFile(err);
    const auto token = QJsonDocument::fromJson(QByteArray::fromStdString(readFile(json)))
                           .object()
                           .value("token")
                           .toString()
                           .toStdString();
    ASSERT_EQ(token.size(), 64u) << readFile(json);
    EXPECT_NE(std::find(decoded.begin(), decoded.end(), token), decoded.end())
        << "zbarimg found " << decoded.size() << " codes on the display, none the issued token";
}

// Defect 6 of issue 10: after an English session the idle screen stayed in English for the next
// student.
TEST_F(JourneyTest, englishSession_cardPulled_idleIsPolishAgain) {
    Journey journey(scenarioName(), happyStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    {
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
        ASSERT_TRUE(journey.tap("EN")) << journey.log();
        const auto english = journey.waitFor([](const Readout& now) {
            return now.screen == "ConfirmOrder" && now.language == "en";
        });
        ASSERT_TRUE(english) << journey.log();
        EXPECT_TRUE(english->button("Order mLegitymacja") || english->hasText("Order"))
            << english->raw;
    } // the card is pulled
    const auto idle = journey.waitFor([](const Readout& now) { return now.screen == "Idle"; });
    ASSERT_TRUE(idle) << journey.log();
    EXPECT_EQ(idle->language, "pl") << idle->raw;
    EXPECT_TRUE(idle->hasText("Włóż legitymację studencką do czytnika")) << idle->raw;
}

// A keypad user: the main action has the focus, the arrows move it, Return on "Zamów" orders and
// the ready screen is reached without a tap.
TEST_F(JourneyTest, keypadOnly_returnOnConfirm_ordersAndShowsTheQr) {
    Journey journey(scenarioName(), happyStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto confirm = journey.waitForScreen("ConfirmOrder");
    ASSERT_TRUE(confirm) << journey.log();
    EXPECT_EQ(confirm->focus, "button Zamów mLegitymację") << confirm->raw;
    // The keypad's arrows walk the controls in reading order and back.
    ASSERT_TRUE(journey.key("Down"));
    EXPECT_TRUE(journey.waitFor([](const Readout& now) { return now.focus == "button Zakończ"; }))
        << journey.log();
    ASSERT_TRUE(journey.key("Up"));
    EXPECT_TRUE(journey.waitFor([](const Readout& now) {
        return now.focus == "button Zamów mLegitymację";
    })) << journey.log();
    ASSERT_TRUE(journey.key("Return"));
    const auto ready = journey.waitForScreen("Ready");
    ASSERT_TRUE(ready) << journey.log();
    EXPECT_FALSE(decodeQr(journey.lastShot()).empty());
}

// Speech is turned on without seeing the screen: the speech key (F12 by default) from the keypad,
// and the on-screen control sits at the bottom, within reach.
TEST_F(JourneyTest, speechKeyPressed_speechOn_controlAtTheBottomSaysSo) {
    Journey journey(scenarioName(), happyStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    const auto* control = journey.current().button("Włącz mowę");
    ASSERT_NE(control, nullptr) << journey.log();
    EXPECT_GT(control->y, 1920 * 3 / 4) << "within a wheelchair user's reach";
    ASSERT_TRUE(journey.key("F12"));
    const auto on = journey.waitFor([](const Readout& now) { return now.button("Wyłącz mowę"); });
    ASSERT_TRUE(on) << journey.log();
    ASSERT_TRUE(journey.tap("Wyłącz mowę"));
    EXPECT_TRUE(journey.waitFor([](const Readout& now) { return now.button("Włącz mowę"); }))
        << journey.log();
}

} // namespace els::testing::journey
