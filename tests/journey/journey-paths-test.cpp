// The session paths of issue 10 through the real els-kiosk (defects 2–5): an order sent is never
// forgotten silently, revoking and reordering at the kiosk, "take your card" while a card is in,
// and the warning with "more time" before a screen ends on its own. Real pcscd + vpcd, the
// card simulator, usos-sim over HTTPS, taps with xdotool; screenshots per scenario.
#include "card-sim.hpp"
#include "journey-rig.hpp"
#include "pcsc-environment.hpp"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <gtest/gtest.h>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;

constexpr auto happyStudent = "100001";
constexpr auto pendingOrderStudent = "100011"; // seeded with a pending order (stays pending)
constexpr auto readyOrderStudent = "100012";   // seeded with a ready (issued) order

class JourneyPathsTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(waitForReader(vpcdReader(0), 10s)); }
};

std::string scenarioName() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

int orderCount(const UsosSimProcess& sim, const std::string& student) {
    return sim.orders(student).value("count").toInt();
}

// The statuses of the student's orders in the simulator, oldest first.
std::vector<std::string> orderStatuses(const UsosSimProcess& sim, const std::string& student) {
    std::vector<std::string> statuses;
    for (const auto& order : sim.orders(student).value("orders").toArray())
        statuses.push_back(order.toObject().value("status").toString().toStdString());
    return statuses;
}

// ConfirmOrder's way out ("Nie teraz", or the glossary's one "Zakończ").
std::string finishLabel(const Readout& now) {
    return now.button("Nie teraz") ? "Nie teraz" : "Zakończ";
}

bool hasWarning(const Readout& now) {
    return now.hasText("Ekran zamknie się za") && now.button("Więcej czasu") != nullptr;
}

} // namespace

// Defect 2 of issue 10: pulling the card while the order is on its way went straight to idle.
// Now the screen says the order exists and how to get it; nothing personal, no second request.
TEST_F(JourneyPathsTest, cardPulledWhileOrdering_screenSaysTheOrderExists) {
    Journey journey(scenarioName(), happyStudent, {"--advance", "manual"});
    ASSERT_TRUE(journey.start()) << journey.log();
    {
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
        ASSERT_TRUE(journey.tap("Zamów mLegitymację")) << journey.log();
        ASSERT_TRUE(journey.waitForScreen("OrderInProgress")) << journey.log();
        ASSERT_TRUE(waitUntil(20s, [&] { return orderCount(journey.sim(), happyStudent) == 1; }));
    } // the card is pulled while the order is pending
    const auto sent = journey.waitForScreen("OrderSent");
    ASSERT_TRUE(sent) << journey.log();
    EXPECT_TRUE(sent->hasText("Twoje zamówienie jest w USOS")) << sent->raw;
    EXPECT_TRUE(sent->hasText("Stan zamówienia:")) << sent->raw;
    EXPECT_TRUE(sent->hasText("włóż legitymację ponownie")) << sent->raw;
    EXPECT_TRUE(sent->hasText("USOSweb")) << sent->raw;
    EXPECT_FALSE(sent->hasText("Zofia")) << sent->raw;
    EXPECT_EQ(sent->focus, "button Zakończ") << sent->raw;
    ASSERT_TRUE(journey.key("Return"));
    EXPECT_TRUE(journey.waitForScreen("Idle")) << journey.log();
    EXPECT_EQ(orderCount(journey.sim(), happyStudent), 1) << "no second order request";
}

// Defect 2: USOS failing after it accepted the order kept "To zwykle trwa kilka sekund" on
// screen and then went idle. Now the order is said to exist; with the card still in, the end is
// "take your card" (defect 4).
TEST_F(JourneyPathsTest, usosFailsAfterTheOrderWasAccepted_screenSaysTheOrderExists) {
    Journey journey(scenarioName(), happyStudent, {"--advance", "manual"});
    ASSERT_TRUE(journey.start()) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
    ASSERT_TRUE(journey.tap("Zamów mLegitymację")) << journey.log();
    ASSERT_TRUE(waitUntil(20s, [&] { return orderCount(journey.sim(), happyStudent) == 1; }));
    journey.sim().control("POST", "/_sim/faults", {{"error_rate", "1"}}); // every request 503
    // The kiosk polls until the order deadline (20 s in the rig), then tells what it knows.
    const auto sent = journey.waitForScreen("OrderSent", 60s);
    ASSERT_TRUE(sent) << journey.log();
    EXPECT_TRUE(sent->hasText("Twoje zamówienie jest w USOS")) << sent->raw;
    EXPECT_FALSE(sent->hasText("Zofia")) << sent->raw;
    ASSERT_TRUE(journey.tap("Zakończ")) << journey.log();
    const auto take = journey.waitForScreen("TakeCard");
    ASSERT_TRUE(take) << journey.log();
    EXPECT_TRUE(take->hasText("Wyjmij legitymację z czytnika")) << take->raw;
    card.remove();
    EXPECT_TRUE(journey.waitForScreen("Idle")) << journey.log();
    journey.sim().control("POST", "/_sim/reset");
    EXPECT_EQ(orderCount(journey.sim(), happyStudent), 1) << "no second order request";
}

// Defect 2: pulling the card at an existing, still pending order went straight to idle.
TEST_F(JourneyPathsTest, cardPulledAtAPendingOrder_screenSaysTheOrderExistsWithItsStatus) {
    Journey journey(scenarioName(), pendingOrderStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    {
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(journey.waitForScreen("ExistingOrder")) << journey.log();
    }
    const auto sent = journey.waitForScreen("OrderSent");
    ASSERT_TRUE(sent) << journey.log();
    EXPECT_TRUE(sent->hasText("Twoje zamówienie jest w USOS")) << sent->raw;
    EXPECT_TRUE(sent->hasText("czekujące")) << sent->raw; // "Stan zamówienia: oczekujące"
    // In English too.
    ASSERT_TRUE(journey.tap("EN")) << journey.log();
    const auto english = journey.waitFor(
        [](const Readout& now) { return now.screen == "OrderSent" && now.language == "en"; });
    ASSERT_TRUE(english) << journey.log();
    EXPECT_TRUE(english->hasText("Your order is in USOS")) << english->raw;
    EXPECT_TRUE(english->hasText("Order status: ")) << english->raw;
    EXPECT_EQ(orderCount(journey.sim(), pendingOrderStudent), 1);
}

// Defect 3: the revoke screen flashed for 0.1 s and was replaced by the QR screen without a
// revoke action. Now: the QR at once (no existing-order flash), "Unieważnij mLegitymację", a
// question, and the student lands on "order" again; USOS has the old order revoked and exactly
// one new one.
TEST_F(JourneyPathsTest, readyOrder_revokeAndReorder_byTaps) {
    Journey journey(scenarioName(), readyOrderStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    ASSERT_EQ(orderStatuses(journey.sim(), readyOrderStudent), std::vector<std::string>{"ready"});
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto ready = journey.waitForScreen("Ready");
    ASSERT_TRUE(ready) << journey.log();
    for (const auto& shown : journey.readouts())
        EXPECT_NE(shown.screen, "ExistingOrder") << "flashed before the QR";
    ASSERT_TRUE(ready->button("Unieważnij mLegitymację")) << ready->raw;

    ASSERT_TRUE(journey.tap("Unieważnij mLegitymację")) << journey.log();
    const auto question = journey.waitForScreen("ConfirmRevoke");
    ASSERT_TRUE(question) << journey.log();
    ASSERT_TRUE(journey.tap("Tak, unieważnij")) << journey.log();
    const auto again = journey.waitForScreen("ConfirmOrder");
    ASSERT_TRUE(again) << journey.log();
    EXPECT_EQ(orderStatuses(journey.sim(), readyOrderStudent), std::vector<std::string>{"revoked"});
    ASSERT_TRUE(journey.tap("Zamów mLegitymację")) << journey.log();
    const auto reordered = journey.waitForScreen("Ready");
    ASSERT_TRUE(reordered) << journey.log();
    EXPECT_FALSE(decodeQr(journey.lastShot()).empty());
    const auto statuses = orderStatuses(journey.sim(), readyOrderStudent);
    ASSERT_EQ(statuses.size(), 2u) << "exactly one new order";
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), "revoked"), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), "ready"), 1);
}

// Defect 3: an order already activated in mObywatel ("received") showed the activation steps and
// the QR as if new. Now it says it is active, offers revoking (a new phone) and finishing.
TEST_F(JourneyPathsTest, receivedOrder_saysItIsActivated_noQrNoSteps) {
    Journey journey(scenarioName(), readyOrderStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    const auto orders = journey.sim().orders(readyOrderStudent).value("orders").toArray();
    ASSERT_EQ(orders.size(), 1);
    journey.sim().control(
        "POST", "/_sim/order_status",
        {{"order_id", orders[0].toObject().value("id").toVariant().toString().toStdString()},
         {"status", "received"}});
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto activated = journey.waitForScreen("ExistingOrder");
    ASSERT_TRUE(activated) << journey.log();
    EXPECT_TRUE(activated->hasText("Twoja mLegitymacja jest już aktywna w mObywatelu"))
        << activated->raw;
    EXPECT_FALSE(activated->hasText("Zeskanuj kod QR")) << activated->raw;
    EXPECT_TRUE(activated->button("Unieważnij mLegitymację")) << activated->raw;
    EXPECT_TRUE(activated->button("Zakończ")) << activated->raw;
    EXPECT_TRUE(decodeQr(journey.lastShot()).empty()) << "no QR of an activated order";
    for (const auto& shown : journey.readouts())
        EXPECT_NE(shown.screen, "Ready");
}

// Defects 4 and 5: a short idle timeout (25 s; the warning comes 20 s before). The warning and
// "Więcej czasu" appear; the tap restarts the time and the screen stays; without a tap the
// session ends and, with the card still in, the screen says to take it (no name), until the
// card is out.
TEST_F(JourneyPathsTest, idleTimeout_warnsWithMoreTime_thenTakeCardWhileTheCardIsIn) {
    Journey journey(scenarioName(), happyStudent);
    ASSERT_TRUE(journey.start(25)) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
    const auto warned = journey.waitFor(hasWarning, 20s);
    ASSERT_TRUE(warned) << journey.log();
    EXPECT_EQ(warned->screen, "ConfirmOrder");
    // The keypad's focus is on "more time" at once (Return extends).
    EXPECT_EQ(warned->focus, "button Więcej czasu") << warned->raw;
    ASSERT_TRUE(journey.tap("Więcej czasu")) << journey.log();
    const auto extended = journey.waitFor(
        [](const Readout& now) { return now.screen == "ConfirmOrder" && !hasWarning(now); });
    ASSERT_TRUE(extended) << journey.log();
    EXPECT_EQ(extended->focus, "button Zamów mLegitymację") << extended->raw;
    ASSERT_TRUE(journey.waitFor(hasWarning, 20s)) << journey.log();
    const auto take = journey.waitForScreen("TakeCard", 30s);
    ASSERT_TRUE(take) << journey.log();
    EXPECT_TRUE(take->hasText("Wyjmij legitymację z czytnika")) << take->raw;
    EXPECT_TRUE(take->hasText("nadal w czytniku")) << take->raw;
    EXPECT_FALSE(take->hasText("Zofia")) << take->raw;
    card.remove();
    const auto idle = journey.waitForScreen("Idle");
    ASSERT_TRUE(idle) << journey.log();
    EXPECT_TRUE(idle->hasText("Włóż legitymację studencką do czytnika")) << idle->raw;
}

// Defect 4: after goodbye the kiosk said "insert your card" with the card still in. Now the
// goodbye is followed by "take your card" until the card is out, with an alert if it stays.
TEST_F(JourneyPathsTest, goodbyeWithTheCardLeftIn_takeCard_untilRemoved) {
    Journey journey(scenarioName(), happyStudent);
    ASSERT_TRUE(journey.start()) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto confirm = journey.waitForScreen("ConfirmOrder");
    ASSERT_TRUE(confirm) << journey.log();
    ASSERT_TRUE(journey.tap(finishLabel(*confirm))) << journey.log();
    ASSERT_TRUE(journey.waitForScreen("Goodbye")) << journey.log();
    const auto take = journey.waitForScreen("TakeCard");
    ASSERT_TRUE(take) << journey.log();
    EXPECT_TRUE(take->hasText("Wyjmij legitymację z czytnika")) << take->raw;
    EXPECT_FALSE(take->hasText("Włóż legitymację")) << take->raw;
    // Left in for 20 s: the alert (shown, and sounded through the access layer's cue).
    const auto alert = journey.waitFor(
        [](const Readout& now) {
            return now.screen == "TakeCard" && now.hasText("Legitymacja wciąż jest w czytniku!");
        },
        40s);
    EXPECT_TRUE(alert) << journey.log();
    card.remove();
    EXPECT_TRUE(journey.waitForScreen("Idle")) << journey.log();
}

// Defect 4: a USOS outage with the card in ended on "insert your card". Now the idle timeout
// (after its warning) ends on "take your card".
TEST_F(JourneyPathsTest, usosDownWithTheCardIn_idleTimeout_takeCard) {
    Journey journey(scenarioName(), happyStudent);
    ASSERT_TRUE(journey.start(25)) << journey.log();
    journey.sim().control("POST", "/_sim/faults", {{"error_rate", "1"}});
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen("ServiceUnavailable")) << journey.log();
    const auto warned = journey.waitFor(hasWarning, 30s);
    ASSERT_TRUE(warned) << journey.log();
    EXPECT_EQ(warned->screen, "ServiceUnavailable");
    const auto take = journey.waitForScreen("TakeCard", 30s);
    ASSERT_TRUE(take) << journey.log();
    EXPECT_TRUE(take->hasText("Wyjmij legitymację z czytnika")) << take->raw;
    card.remove();
    EXPECT_TRUE(journey.waitForScreen("Idle")) << journey.log();
}

} // namespace els::testing::journey
