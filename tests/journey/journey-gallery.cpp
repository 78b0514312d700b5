// The README's screenshots, taken from real journeys (`make screenshots`, cmake/screenshots.sh):
// the real els-kiosk on Xvfb in portrait and landscape, in Polish and English, driven through
// every student-facing screen with seeded fake students only. Each screen reached is kept as
// $ELS_GALLERY_DIR/<screen>-<pl|en>-<portrait|landscape>.png. Not part of `make test` (the
// journey suite asserts these paths); a screen the gallery cannot reach fails the run, so a
// stale picture is never kept silently.
#include "card-sim.hpp"
#include "journey-rig.hpp"
#include "own-pcscd.hpp"
#include "pcsc-environment.hpp"
#include "seed-cards.hpp"

#include <QJsonArray>
#include <QJsonObject>
#include <cstdlib>
#include <gtest/gtest.h>

namespace els::testing::journey {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// The labels the gallery taps, in one place: the texts change, update them here.
struct Label {
    const char* pl;
    const char* en;
};
namespace label {
constexpr auto english = "EN";
constexpr Label order{"Zamów mLegitymację", "Order mLegitymacja"};
constexpr Label cancelOrder{"Anuluj zamówienie", "Cancel the order"};
constexpr Label confirmCancel{"Tak, anuluj", "Yes, cancel it"};
constexpr Label revoke{"Unieważnij mLegitymację", "Revoke mLegitymacja"};
constexpr Label help{"Pomoc", "Help"};
constexpr Label finish{"Zakończ", "Finish"};
constexpr Label closeHelp{"Zamknij pomoc", "Close help"};
} // namespace label

struct Variant {
    Orientation orientation;
    const char* language; // "pl" or "en"
};

std::string orientationName(Orientation orientation) {
    return orientation == Orientation::Portrait ? "portrait" : "landscape";
}

void PrintTo(const Variant& variant, std::ostream* out) {
    *out << variant.language << "-" << orientationName(variant.orientation);
}

class Gallery : public ::testing::TestWithParam<Variant> {
protected:
    void SetUp() override {
        const char* dir = std::getenv("ELS_GALLERY_DIR");
        ASSERT_TRUE(dir && *dir) << "set ELS_GALLERY_DIR (make screenshots does)";
        out_ = dir;
        ASSERT_TRUE(OwnPcscd::permitted())
            << "the gallery unplugs the reader: run it through cmake/screenshots.sh";
        ASSERT_TRUE(waitForReader(vpcdReader(0), 10s));
    }
    void TearDown() override { EXPECT_NO_THROW(pcscd_.ensureRunning()); }

    // Waits for `screen` and keeps its shot as <name>-<language>-<orientation>.png.
    void shoot(Journey& journey, const std::string& screen, const std::string& name) {
        const auto& variant = GetParam();
        const auto shown = journey.waitFor([&](const Readout& now) {
            return now.screen == screen && now.language == variant.language;
        });
        ASSERT_TRUE(shown) << "no " << screen << " in " << variant.language << "\n"
                           << journey.log();
        journey.keepShot(out_ / (name + "-" + variant.language + "-" +
                                 orientationName(variant.orientation) + ".png"));
    }

    // On the idle screen, in the gallery's language: a student's choice ends with the session.
    void idleInLanguage(Journey& journey) {
        ASSERT_TRUE(journey.waitForScreen("Idle")) << journey.log();
        if (std::string(GetParam().language) == "en") {
            ASSERT_TRUE(journey.tap(label::english)) << journey.log();
            ASSERT_TRUE(journey.waitFor([](const Readout& now) { return now.language == "en"; }))
                << journey.log();
        }
    }

    // Taps the button `label` says in the gallery's language.
    void tap(Journey& journey, const Label& label) {
        const auto* text = std::string(GetParam().language) == "en" ? label.en : label.pl;
        ASSERT_TRUE(journey.waitFor([&](const Readout& now) { return now.button(text); }, 15s))
            << "no button \"" << text << "\"\n"
            << journey.log();
        ASSERT_TRUE(journey.tap(text)) << journey.log();
    }

    // Forces the status of `student`'s newest order in usos-sim (the clock is manual).
    void setOrderStatus(Journey& journey, const std::string& student, const std::string& status) {
        const auto orders = journey.sim().orders(student).value("orders").toArray();
        ASSERT_FALSE(orders.isEmpty());
        const auto id = orders.last().toObject().value("id").toString().toStdString();
        journey.sim().control("POST", "/_sim/order_status", {{"order_id", id}, {"status", status}});
    }

    fs::path out_;
    OwnPcscd pcscd_;
};

TEST_P(Gallery, everyStudentScreen) {
    const auto& variant = GetParam();
    const auto name =
        std::string("Gallery-") + variant.language + "-" + orientationName(variant.orientation);
    // Orders stay where they are until the gallery steps them: "in progress" can be shown.
    Journey journey(name, "100001", {"--advance", "manual"}, variant.orientation);
    ASSERT_TRUE(journey.start()) << journey.log();
    const auto signer =
        smartcard::image::TestPki::loadCredential(journey.rig().dir() / "pki", "signer");
    const auto cardOf = [&](const std::string& student) {
        return makeSeedCard(signer, student, journey.rig().dir() / "gallery");
    };
    auto& sim = journey.sim();

    idleInLanguage(journey);
    shoot(journey, "Idle", "idle");
    // The help over the idle screen (the university's texts come from kiosk.conf).
    tap(journey, label::help);
    ASSERT_TRUE(journey.waitFor([&](const Readout& now) {
        return now.button(GetParam().language == std::string("en") ? label::closeHelp.en
                                                                   : label::closeHelp.pl);
    })) << journey.log();
    shoot(journey, "Idle", "help");
    tap(journey, label::closeHelp);
    {
        // A slow USOS keeps the reading screen up long enough to be seen.
        sim.control("POST", "/_sim/faults", {{"latency_ms", "1500"}});
        CardSim card(0, journey.rig().card());
        ASSERT_TRUE(card.insert());
        shoot(journey, "Reading", "reading");
        shoot(journey, "ConfirmOrder", "confirm-order");
        sim.control("POST", "/_sim/reset");
        tap(journey, label::order);
        shoot(journey, "OrderInProgress", "order-in-progress");
        setOrderStatus(journey, "100001", "ready"); // only this one: others' orders stay
        shoot(journey, "Ready", "ready");
    }
    idleInLanguage(journey);
    {
        CardSim card(0, cardOf("100003")); // not an active student
        ASSERT_TRUE(card.insert());
        shoot(journey, "Problem", "problem");
    }
    idleInLanguage(journey);
    {
        CardSim card(0, cardOf("100011")); // a pending order
        ASSERT_TRUE(card.insert());
        shoot(journey, "ExistingOrder", "existing-order");
        tap(journey, label::cancelOrder);
        shoot(journey, "ConfirmCancel", "confirm-cancel");
        tap(journey, label::confirmCancel);
        shoot(journey, "Goodbye", "goodbye");
        shoot(journey, "TakeCard", "take-card"); // the card left in after the goodbye
    }
    idleInLanguage(journey);
    {
        // An order on its way and the card pulled: the student is told the order exists.
        CardSim card(0, cardOf("100002"));
        ASSERT_TRUE(card.insert());
        tap(journey, label::order);
        shoot(journey, "OrderInProgress", "order-in-progress-2");
    }
    shoot(journey, "OrderSent", "order-sent");
    tap(journey, label::finish);
    idleInLanguage(journey);
    {
        setOrderStatus(journey, "100012", "received"); // a ready order, activated on a phone
        CardSim card(0, cardOf("100012"));
        ASSERT_TRUE(card.insert());
        shoot(journey, "ExistingOrder", "existing-order-activated");
        tap(journey, label::revoke);
        shoot(journey, "ConfirmRevoke", "confirm-revoke");
    }
    idleInLanguage(journey);
    {
        sim.control("POST", "/_sim/faults", {{"error_rate", "1"}});
        CardSim card(0, cardOf("100002"));
        ASSERT_TRUE(card.insert());
        shoot(journey, "ServiceUnavailable", "service-unavailable");
        sim.control("POST", "/_sim/reset");
    }
    idleInLanguage(journey);
    ASSERT_NO_THROW(pcscd_.stop());
    shoot(journey, "ReaderMissing", "reader-missing");
    ASSERT_NO_THROW(pcscd_.start());
    ASSERT_TRUE(journey.waitForScreen("Idle")) << journey.log();
}

INSTANTIATE_TEST_SUITE_P(
    Screens, Gallery,
    ::testing::Values(Variant{Orientation::Portrait, "pl"}, Variant{Orientation::Portrait, "en"},
                      Variant{Orientation::Landscape, "pl"}, Variant{Orientation::Landscape, "en"}),
    [](const auto& info) {
        return std::string(info.param.language) + "_" + orientationName(info.param.orientation);
    });

} // namespace
} // namespace els::testing::journey
