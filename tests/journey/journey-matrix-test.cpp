// The journey matrix of issue 10: every seeded student (and forged cards) through the real
// els-kiosk on Xvfb, USOS down / slow / failing mid-order, cancel and revoke, the card pulled at
// every step (the reader unplugged: journey-reader-test.cpp, which must run alone). The scenarios
// assert what stays true while the screens' wording and layout change: the screen names of the
// read-out, USOS's state in usos-sim, the problem titles from the kiosk's own text table (so a
// rewording there changes both sides), the QR on the display decoding to the issued token, no
// personal data left after a session, the app alive. Screenshots of each scenario go to
// ELS_JOURNEY_SHOTS/<scenario>.
#include "card-sim.hpp"
#include "els/kiosk/problem-text.hpp"
#include "els/smartcard/image/test-pki.hpp"
#include "journey-rig.hpp"
#include "pcsc-environment.hpp"
#include "seed-cards.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <initializer_list>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;
using kiosk::Problem;
namespace fs = std::filesystem;

// The labels of the buttons these scenarios tap, in one place: the texts change, update them here.
namespace label {
constexpr auto order = "Zamów mLegitymację";       // ConfirmOrder
constexpr auto cancelOrder = "Anuluj zamówienie";  // ExistingOrder (pending / in progress)
constexpr auto confirmCancel = "Tak, anuluj";      // ConfirmCancel
constexpr auto revoke = "Unieważnij mLegitymację"; // a ready or received order
constexpr auto confirmRevoke = "Tak, unieważnij";  // ConfirmRevoke
constexpr auto finish = "Zakończ";                 // every screen that ends a session
} // namespace label

bool oneOf(const std::string& screen, std::initializer_list<const char*> screens) {
    return std::any_of(screens.begin(), screens.end(),
                       [&](const char* name) { return screen == name; });
}

std::string scenarioName() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "." + info->name();
    std::replace(name.begin(), name.end(), '/', '-');
    return name;
}

std::string seedText(const std::string& studentId, const char* field) {
    return seedStudent(studentId).value(field).toString().toStdString();
}

// What this student's session may show and nothing may show after it: the names from the seed,
// and the token and activation code once they were on screen.
struct Secrets {
    std::vector<std::string> texts;

    static Secrets of(const std::string& studentId) {
        return {{seedText(studentId, "first_name"), seedText(studentId, "last_name")}};
    }
    // The token decoded from the display and the digit groups of the code on the Ready screen.
    void addReady(const Readout& ready, const std::vector<std::string>& qr) {
        texts.insert(texts.end(), qr.begin(), qr.end());
        for (const auto& text : ready.texts) {
            std::string digits;
            std::copy_if(text.begin(), text.end(), std::back_inserter(digits),
                         [](char c) { return c >= '0' && c <= '9'; });
            // An 8-digit activation code, shown grouped; dates have other separators.
            if (digits.size() == 8 && text.find('-') == std::string::npos &&
                text.find('.') == std::string::npos && text.find(':') == std::string::npos)
                texts.push_back(text);
        }
    }
};

// No name, token or code in the newest read-out, no QR code on the display, the app alive.
void expectNothingPersonalLeft(Journey& journey, const Readout& now, const Secrets& secrets) {
    for (const auto& secret : secrets.texts)
        EXPECT_EQ(now.raw.find(secret), std::string::npos)
            << "\"" << secret << "\" still on the " << now.screen << " screen\n"
            << now.raw;
    EXPECT_TRUE(decodeQr(journey.lastShot()).empty())
        << "a QR code is still on the display: " << journey.lastShot();
    EXPECT_TRUE(journey.appRunning()) << journey.log();
}

// The first screen the kiosk settles on after the card went in (not idle, not reading).
std::optional<Readout> settled(Journey& journey, std::chrono::milliseconds patience = 30s) {
    return journey.waitFor(
        [](const Readout& now) {
            return !oneOf(now.screen, {"Idle", "Reading"});
        },
        patience);
}

// Where the read-outs stood when the card was pulled.
struct PullMark {
    std::size_t readouts = 0;
    std::string screen;
};

PullMark mark(const Journey& journey) {
    const auto all = journey.readouts();
    return {all.size(), all.empty() ? std::string() : all.back().screen};
}

// After the card left: the student's screen may stay for the removal grace, but from the first
// other screen on no read-out names the student or shows their token or code, and the kiosk ends
// at idle with no QR code on the display.
void expectSessionEndsClean(Journey& journey, const Secrets& secrets, const PullMark& pulled,
                            std::chrono::milliseconds patience = 30s) {
    // An order sent and the card pulled: the student is told the order exists (issue 10,
    // defect 2) before the screen forgets them; they read it and finish.
    const auto left = journey.waitFor(
        [](const Readout& now) { return oneOf(now.screen, {"Idle", "OrderSent"}); }, patience);
    ASSERT_TRUE(left) << "no idle screen after the card left\n" << journey.log();
    if (left->screen == "OrderSent") {
        expectNothingPersonalLeft(journey, *left, secrets);
        ASSERT_TRUE(journey.tap(label::finish)) << journey.log();
    }
    const auto idle = journey.waitForScreen("Idle", patience);
    ASSERT_TRUE(idle) << "no idle screen after the card left\n" << journey.log();
    expectNothingPersonalLeft(journey, *idle, secrets);
    const auto all = journey.readouts();
    bool changed = false;
    for (auto i = pulled.readouts; i < all.size(); ++i) {
        changed = changed || all[i].screen != pulled.screen;
        if (!changed)
            continue;
        for (const auto& secret : secrets.texts)
            EXPECT_EQ(all[i].raw.find(secret), std::string::npos)
                << "\"" << secret << "\" shown after the card left\n"
                << all[i].raw;
    }
}

int ordersOf(Journey& journey, const std::string& studentId) {
    return journey.sim().orders(studentId).value("count").toInt();
}

// The status of the student's newest order in usos-sim ("" without one).
std::string newestOrderStatus(Journey& journey, const std::string& studentId) {
    const auto orders = journey.sim().orders(studentId).value("orders").toArray();
    std::string status;
    long long newest = -1;
    for (const auto& value : orders) {
        const auto order = value.toObject();
        const auto id = order.value("id").toString().toLongLong();
        if (id > newest) {
            newest = id;
            status = order.value("status").toString().toStdString();
        }
    }
    return status;
}

// How many requests of `service` ("services/cards/make_mcard_order") usos-sim has recorded.
int requestsTo(Journey& journey, const std::string& service) {
    const auto record = journey.sim().control("GET", "/_sim/requests").value("requests").toArray();
    return static_cast<int>(std::count_if(record.begin(), record.end(), [&](const auto& r) {
        return r.toObject().value("method").toString().toStdString() == service;
    }));
}

// The token of the student's ready order as kioskctl reads it from USOS through the same card:
// an independent path to what the QR on the display must say.
std::string issuedToken(Journey& journey) {
    const auto json = journey.rig().dir() / "session.json";
    const auto err = journey.rig().dir() / "session.err";
    ChildProcess ctl(spawnProcess({KIOSKCTL_PATH, "session", "--config", journey.config().string(),
                                   "--reader", vpcdReader(0), "--yes", "--json"},
                                  "/dev/null", json, err));
    EXPECT_EQ(ctl.wait(30s), 0) << readFile(err);
    return QJsonDocument::fromJson(QByteArray::fromStdString(readFile(json)))
        .object()
        .value("token")
        .toString()
        .toStdString();
}

class JourneyMatrix : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(waitForReader(vpcdReader(0), 10s)); }
};

// --- 1. every seeded student, and forged cards ---

// How the card in the reader is made.
enum class Card {
    Seeded,        // the student's chip as the seed describes it, signed by the university
    ForeignSigner, // signed by a CA the kiosk does not trust
    ChangedData,   // signed, then the album number on the chip changed
};

struct Outcome {
    const char* name;
    const char* student;
    Card card;
    std::vector<std::string> screens; // the screen(s) the card must lead to
    Problem problem;                  // on Problem: whose title must be shown
    int ordersAfter;                  // usos-sim's order count for the student: card-in orders none
};

void PrintTo(const Outcome& outcome, std::ostream* out) {
    *out << outcome.name;
}

fs::path forgedCard(const KioskAppRig& rig, const Outcome& outcome) {
    const auto pki = rig.dir() / "pki";
    if (outcome.card == Card::ForeignSigner)
        return makeSeedCard(smartcard::image::TestPki::loadCredential(pki, "foreign-signer"),
                            outcome.student, rig.dir() / "forged");
    // The album number is inside the signed content: one digit changed after signing.
    const auto card = rig.card();
    const auto els = card / "0002";
    auto bytes = readFile(els);
    const auto album = seedStudent(outcome.student)
                           .value("chip")
                           .toObject()
                           .value("album_number")
                           .toString()
                           .toStdString();
    const auto at = bytes.find(album);
    if (at == std::string::npos)
        throw std::runtime_error("album number not found on the chip image");
    bytes[at + album.size() - 1] = bytes[at + album.size() - 1] == '9' ? '0' : '9';
    std::ofstream(els, std::ios::binary | std::ios::trunc) << bytes;
    return card;
}

class JourneyStudent : public JourneyMatrix, public ::testing::WithParamInterface<Outcome> {};

TEST_P(JourneyStudent, cardIn_reachesTheirScreen_cardOut_nothingPersonalLeft) {
    const auto& expected = GetParam();
    Journey journey(scenarioName(), expected.student);
    const auto image =
        expected.card == Card::Seeded ? journey.rig().card() : forgedCard(journey.rig(), expected);
    ASSERT_TRUE(journey.start()) << journey.log();
    auto secrets = Secrets::of(expected.student);
    PullMark pulled;
    {
        CardSim card(0, image);
        ASSERT_TRUE(card.insert());
        const auto shown = settled(journey);
        ASSERT_TRUE(shown) << journey.log();
        EXPECT_NE(std::find(expected.screens.begin(), expected.screens.end(), shown->screen),
                  expected.screens.end())
            << shown->raw;
        if (expected.problem != Problem::None) {
            const auto& title = kiosk::problemText(expected.problem).title.pl;
            EXPECT_TRUE(shown->hasText(title)) << "expected the problem \"" << title << "\"\n"
                                               << shown->raw;
            // A refusal greets nobody: the name is for a student the kiosk serves.
            EXPECT_FALSE(shown->hasText(seedText(expected.student, "last_name"))) << shown->raw;
        }
        // A seeded ready order: the QR screen shows the token USOS issued (it may first show the
        // order with its actions).
        if (std::find(expected.screens.begin(), expected.screens.end(), "Ready") !=
            expected.screens.end()) {
            const auto ready = journey.waitForScreen("Ready", 10s);
            if (ready) {
                const auto qr = decodeQr(journey.lastShot());
                const auto token = issuedToken(journey);
                ASSERT_EQ(token.size(), 64u);
                EXPECT_NE(std::find(qr.begin(), qr.end(), token), qr.end())
                    << "the QR on the display is not the issued token";
                secrets.addReady(*ready, qr);
            }
        }
        EXPECT_EQ(ordersOf(journey, expected.student), expected.ordersAfter)
            << "a card in the reader orders nothing by itself";
        EXPECT_TRUE(journey.appRunning()) << journey.log();
        pulled = mark(journey);
    } // the card is pulled
    expectSessionEndsClean(journey, secrets, pulled);
}

const std::vector<std::string> confirm{"ConfirmOrder"};
const std::vector<std::string> problem{"Problem"};

INSTANTIATE_TEST_SUITE_P(
    Seed, JourneyStudent,
    ::testing::Values(
        Outcome{"happy", "100001", Card::Seeded, confirm, Problem::None, 0},
        Outcome{"happy_second", "100002", Card::Seeded, confirm, Problem::None, 0},
        Outcome{"inactive", "100003", Card::Seeded, problem, Problem::StudentInactive, 0},
        Outcome{"no_photo", "100004", Card::Seeded, problem, Problem::NoPhoto, 0},
        Outcome{"no_pesel", "100005", Card::Seeded, problem, Problem::NoPesel, 0},
        Outcome{"card_not_extended_in_usos", "100006", Card::Seeded, problem,
                Problem::CardNotExtendedInUsos, 0},
        Outcome{"chip_not_extended", "100007", Card::Seeded, problem, Problem::CardNotExtended, 0},
        Outcome{"changed_surname", "100008", Card::Seeded, problem, Problem::SurnameChanged, 0},
        Outcome{"changed_given_names", "100009", Card::Seeded, problem, Problem::GivenNamesChanged,
                0},
        Outcome{"chip_uid_unknown", "100010", Card::Seeded, problem, Problem::CardUnknown, 0},
        Outcome{"pending_order", "100011", Card::Seeded, {"ExistingOrder"}, Problem::None, 1},
        // The ready order: the order with its actions, or the QR with the issued token.
        Outcome{
            "ready_order", "100012", Card::Seeded, {"ExistingOrder", "Ready"}, Problem::None, 1},
        Outcome{"revoked_order", "100013", Card::Seeded, confirm, Problem::None, 1},
        Outcome{"forged_foreign_signer", "100001", Card::ForeignSigner, problem,
                Problem::SignatureInvalid, 0},
        Outcome{"forged_changed_album", "100001", Card::ChangedData, problem,
                Problem::SignatureInvalid, 0}),
    [](const auto& info) { return std::string(info.param.name); });

// --- 2. USOS down, slow, failing mid-order ---

constexpr auto happy = "100001";

// USOS answers 503 to everything when the card goes in; it comes back while the card stays in and
// the kiosk gets there on its own, without a tap.
TEST_F(JourneyMatrix, usosDownAtCardIn_serviceUnavailable_usosBack_confirmOrderWithoutATap) {
    Journey journey(scenarioName(), happy);
    ASSERT_TRUE(journey.start()) << journey.log();
    journey.sim().control("POST", "/_sim/faults", {{"error_rate", "1"}});
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto down = settled(journey);
    ASSERT_TRUE(down) << journey.log();
    EXPECT_EQ(down->screen, "ServiceUnavailable") << down->raw;
    journey.sim().control("POST", "/_sim/reset");
    const auto confirm = journey.waitForScreen("ConfirmOrder", 60s);
    ASSERT_TRUE(confirm) << journey.log();
    EXPECT_EQ(ordersOf(journey, happy), 0);
}

// Every USOS answer takes 0.8 s (well under the kiosk's 2 s request timeout): the student sees the
// reading screen while a request is in flight, then the order screen, and never an error.
TEST_F(JourneyMatrix, usosSlow_readingShownWhileUsosAnswers_thenConfirmOrder) {
    Journey journey(scenarioName(), happy);
    ASSERT_TRUE(journey.start()) << journey.log();
    journey.sim().control("POST", "/_sim/faults", {{"latency_ms", "800"}});
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    const auto waiting = journey.waitFor([&](const Readout& now) {
        return now.screen == "Reading" &&
               journey.sim().control("GET", "/_sim/requests").value("in_flight").toInt() > 0;
    });
    ASSERT_TRUE(waiting) << "no reading screen while USOS was answering\n" << journey.log();
    const auto confirm = settled(journey);
    ASSERT_TRUE(confirm) << journey.log();
    EXPECT_EQ(confirm->screen, "ConfirmOrder") << confirm->raw;
}

// USOS accepted the order, then fails (503) on every request: the kiosk never sends a second
// make_mcard_order; whatever it says then, once the card is out nothing personal stays and the app
// runs on.
TEST_F(JourneyMatrix, usosFailsAfterOrderAccepted_noSecondOrder_noStaleData_appAlive) {
    Journey journey(scenarioName(), happy, {"--advance", "manual"});
    ASSERT_TRUE(journey.start()) << journey.log();
    const auto secrets = Secrets::of(happy);
    PullMark pulled;
    {
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
        ASSERT_TRUE(journey.tap(label::order)) << journey.log();
        ASSERT_TRUE(waitUntil(30s, [&] { return ordersOf(journey, happy) == 1; }))
            << "USOS never received the order\n"
            << journey.log();
        journey.sim().control("POST", "/_sim/faults", {{"error_rate", "1"}});
        // The kiosk gives up following the order at its deadline (20 s in the rig's config).
        const auto after = journey.waitFor(
            [](const Readout& now) {
                return !oneOf(now.screen, {"OrderInProgress", "ConfirmOrder"});
            },
            60s);
        ASSERT_TRUE(after) << journey.log();
        EXPECT_TRUE(journey.appRunning()) << journey.log();
        pulled = mark(journey);
    } // the card is pulled
    expectSessionEndsClean(journey, secrets, pulled, 60s);
    EXPECT_EQ(requestsTo(journey, "services/cards/make_mcard_order"), 1);
    EXPECT_EQ(ordersOf(journey, happy), 1);
}

// USOS creates the order but the answer is lost (the connection drops): the kiosk finds the order
// in USOS instead of sending it again, and the student gets the QR of that one order.
TEST_F(JourneyMatrix, orderAnswerLost_kioskFindsTheOrder_neverOrdersTwice) {
    Journey journey(scenarioName(), happy);
    ASSERT_TRUE(journey.start()) << journey.log();
    journey.sim().control("POST", "/_sim/faults", {{"lose_order_response", "1"}});
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
    ASSERT_TRUE(journey.tap(label::order)) << journey.log();
    const auto ready = journey.waitForScreen("Ready");
    ASSERT_TRUE(ready) << journey.log();
    EXPECT_FALSE(decodeQr(journey.lastShot()).empty());
    EXPECT_EQ(requestsTo(journey, "services/cards/make_mcard_order"), 1);
    EXPECT_EQ(ordersOf(journey, happy), 1);
}

// --- 4. cancel and revoke, confirmed, as USOS sees them ---

TEST_F(JourneyMatrix, pendingOrder_cancelConfirmed_usosHasItCancelled) {
    constexpr auto student = "100011";
    Journey journey(scenarioName(), student);
    ASSERT_TRUE(journey.start()) << journey.log();
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitFor([](const Readout& now) { return now.button(label::cancelOrder); }))
        << journey.log();
    ASSERT_TRUE(journey.tap(label::cancelOrder)) << journey.log();
    ASSERT_TRUE(journey.waitForScreen("ConfirmCancel")) << journey.log();
    EXPECT_EQ(newestOrderStatus(journey, student), "pending") << "asked first, nothing done yet";
    ASSERT_TRUE(journey.tap(label::confirmCancel)) << journey.log();
    ASSERT_TRUE(waitUntil(30s, [&] { return newestOrderStatus(journey, student) == "cancelled"; }))
        << journey.log();
    EXPECT_TRUE(journey.waitFor([](const Readout& now) { return now.screen != "ConfirmCancel"; }))
        << journey.log();
    EXPECT_EQ(ordersOf(journey, student), 1);
    EXPECT_TRUE(journey.appRunning()) << journey.log();
}

// A student who changed phones: the ready order is revoked at the kiosk, after a confirmation,
// and a new one ordered with the same card.
TEST_F(JourneyMatrix, readyOrder_revokeConfirmed_usosHasItRevoked_thenOrdersAgain) {
    constexpr auto student = "100012";
    Journey journey(scenarioName(), student);
    ASSERT_TRUE(journey.start()) << journey.log();
    const auto secrets = Secrets::of(student);
    PullMark pulled;
    {
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        // On the order's own screen or beside the QR: the revoke action stays until tapped.
        const auto settledOn = journey.waitFor(
            [](const Readout& now) {
                return oneOf(now.screen, {"ExistingOrder", "Ready"}) && now.button(label::revoke);
            },
            15s);
        ASSERT_TRUE(settledOn) << journey.log();
        ASSERT_TRUE(journey.tap(label::revoke)) << "the revoke action vanished\n" << journey.log();
        ASSERT_TRUE(journey.waitForScreen("ConfirmRevoke")) << journey.log();
        EXPECT_EQ(newestOrderStatus(journey, student), "ready") << "asked first, nothing done yet";
        ASSERT_TRUE(journey.tap(label::confirmRevoke)) << journey.log();
        ASSERT_TRUE(waitUntil(30s, [&] {
            return newestOrderStatus(journey, student) == "revoked";
        })) << journey.log();
        EXPECT_EQ(ordersOf(journey, student), 1) << "revoking orders nothing new by itself";
        // Revoke-and-reorder: with the card still in, the kiosk checks again and offers an order.
        ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
        EXPECT_TRUE(journey.appRunning()) << journey.log();
        pulled = mark(journey);
    } // the card is pulled
    expectSessionEndsClean(journey, secrets, pulled, 60s);
    // The same card again: the student may order, and gets a new mLegitymacja.
    CardSim card(0, journey.rig().card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
    ASSERT_TRUE(journey.tap(label::order)) << journey.log();
    ASSERT_TRUE(journey.waitForScreen("Ready")) << journey.log();
    EXPECT_FALSE(decodeQr(journey.lastShot()).empty());
    EXPECT_EQ(ordersOf(journey, student), 2);
    EXPECT_EQ(newestOrderStatus(journey, student), "ready");
}

// --- 5. the card pulled at every step ---

struct PullAt {
    const char* name;
    const char* student;
    const char* screen; // the card leaves while this screen is shown
    bool order;         // tap "order" on the way (Ready)
    std::vector<std::string> simArguments;
    const char* latency; // usos-sim latency while reading (Reading), or nullptr
};

void PrintTo(const PullAt& step, std::ostream* out) {
    *out << step.name;
}

class JourneyCardPulled : public JourneyMatrix, public ::testing::WithParamInterface<PullAt> {};

TEST_P(JourneyCardPulled, atThisStep_nothingPersonalLeft_appAlive_idleAgain) {
    const auto& step = GetParam();
    Journey journey(scenarioName(), step.student, step.simArguments);
    ASSERT_TRUE(journey.start()) << journey.log();
    if (step.latency)
        journey.sim().control("POST", "/_sim/faults", {{"latency_ms", step.latency}});
    auto secrets = Secrets::of(step.student);
    const auto ordersBefore = ordersOf(journey, step.student);
    PullMark pulled;
    {
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        if (step.order) {
            ASSERT_TRUE(journey.waitForScreen("ConfirmOrder")) << journey.log();
            ASSERT_TRUE(journey.tap(label::order)) << journey.log();
        }
        const auto shown = journey.waitForScreen(step.screen);
        ASSERT_TRUE(shown) << journey.log();
        if (std::string(step.screen) == "Ready")
            secrets.addReady(*shown, decodeQr(journey.lastShot()));
        pulled = mark(journey);
    } // the card is pulled
    expectSessionEndsClean(journey, secrets, pulled, 60s);
    EXPECT_EQ(ordersOf(journey, step.student), ordersBefore + (step.order ? 1 : 0))
        << "pulling the card orders nothing";
}

INSTANTIATE_TEST_SUITE_P(
    Steps, JourneyCardPulled,
    ::testing::Values(
        PullAt{"reading", happy, "Reading", false, {"--advance", "instant"}, "1000"},
        PullAt{"confirm_order", happy, "ConfirmOrder", false, {"--advance", "instant"}, nullptr},
        PullAt{
            "existing_order", "100011", "ExistingOrder", false, {"--advance", "instant"}, nullptr},
        // Issue 10 defect 2: the order was sent; the student learns it exists, nothing else stays.
        PullAt{
            "order_in_progress", happy, "OrderInProgress", true, {"--advance", "manual"}, nullptr},
        PullAt{"ready", happy, "Ready", true, {"--advance", "instant"}, nullptr}),
    [](const auto& info) { return std::string(info.param.name); });

} // namespace
} // namespace els::testing::journey
