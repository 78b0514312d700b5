// pcscd restarted under a running CardMonitor and under the running els-kiosk app: the service
// is reported lost, comes back by itself, and the card in the reader (els-card-sim reconnects
// when the driver closes its port) is seen and read again without restarting anything.
//
// The pcscd these tests stop is the one serving this process's pcscd socket, named by its PID
// as the kernel reports the socket's listener: never "a process called pcscd", since other
// pcscds may run on the machine (other containers or namespaces). They stop it only when it is
// theirs: started by this program, or by the test runner, which says so with
// ELS_TEST_MAY_RESTART_PCSCD=1 (`make test` runs every test in private namespaces with a pcscd
// of their own: cmake/isolated.sh). Otherwise they fail, they never skip. They hold the vpcd
// lock and run alone (RUN_SERIAL), so no other test of the same ctest run sees the restart. A
// pcscd runs again when each test ends, passed or failed.
#include "card-event-log.hpp"
#include "card-sim.hpp"
#include "child-process.hpp"
#include "els/smartcard/card-monitor.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"
#include "kiosk-app-process.hpp"
#include "own-pcscd.hpp"
#include "pcsc-environment.hpp"
#include "usos-sim-process.hpp"

#include <QCoreApplication>
#include <cstdlib>
#include <gtest/gtest.h>
#include <optional>
#include <signal.h>
#include <stdexcept>
#include <thread>

namespace els::testing {
namespace {

using namespace std::chrono_literals;
using smartcard::CardEvent;
using Type = smartcard::CardEvent::Type;

// --- this run's pcscd ---

bool readersUp() {
    return waitForReader(vpcdReader(0), 10s) && waitForReader(vpcdReader(1), 10s);
}

// Makes sure a pcscd runs for the whole program; stops it at the end only when none ran before.
// Started through OwnPcscd, so the tests may restart it (see the top of the file).
class PcscdEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        startedHere_ = !pcscdListening();
        try {
            if (startedHere_)
                pcscd_.start();
        } catch (const std::exception& error) {
            failSetUp(error.what());
        }
        if (!readersUp())
            failSetUp("no pcscd with the vpcd readers on " + pcscdSocket().string());
    }
    void TearDown() override {
        if (startedHere_ && pcscdListening()) {
            EXPECT_NO_THROW(pcscd_.stop());
        }
    }

private:
    OwnPcscd pcscd_;
    bool startedHere_ = false;
};

class PcscdRestart : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(OwnPcscd::permitted());
        ASSERT_TRUE(readersUp());
    }
    // Whatever failed, the other tests get a pcscd with its readers back.
    void TearDown() override { EXPECT_NO_THROW(pcscd_.ensureRunning()); }

    OwnPcscd pcscd_;
};

// --- the card monitor ---

const smartcard::Bytes elsFile = derFiller(600, 3);
const smartcard::Bytes certificateFile = derFiller(900, 7);

smartcard::ElsFiles readCard(const std::string& reader) {
    const smartcard::Context context;
    auto card = context.connect(reader);
    return smartcard::readElsFiles(card);
}

TEST_F(PcscdRestart, cardMonitor_reportsServiceLostThenBack_andTheCardIsReadAgain) {
    TempDir image;
    writeCardImage(image.path(), elsFile, certificateFile);
    CardSim sim(1, image.path());
    ASSERT_TRUE(sim.insert());
    const auto reader = sim.reader();

    CardEventLog log;
    smartcard::CardMonitor monitor([&](const CardEvent& event) { log.add(event); });
    ASSERT_TRUE(log.waitFor(Type::CardInserted, reader, 0)) << log.describe();

    // Twice: the monitor must come back from a restart it has already survived. The second
    // outage outlasts the monitor's longest back-off (5 s) and els-card-sim's first-connect
    // patience (5 s): both must still come back.
    for (std::size_t round = 1; round <= 2; ++round) {
        SCOPED_TRACE("restart " + std::to_string(round));
        const auto before = log.size();
        ASSERT_NO_THROW(pcscd_.stop());
        const auto lost = log.waitFor(Type::ServiceLost, "", before, 5s);
        ASSERT_TRUE(lost) << log.describe();
        // The service first, then what it had: no card looks pulled by a student.
        EXPECT_EQ(*lost, before) << log.describe();
        EXPECT_TRUE(log.waitFor(Type::CardRemoved, reader, *lost, 1s)) << log.describe();
        EXPECT_TRUE(log.waitFor(Type::ReaderRemoved, vpcdReader(0), *lost, 1s)) << log.describe();
        EXPECT_TRUE(log.waitFor(Type::ReaderRemoved, reader, *lost, 1s)) << log.describe();
        // Nothing more while pcscd is away: the monitor retries quietly.
        std::this_thread::sleep_for(round == 1 ? 1s : 7s);
        EXPECT_EQ(log.size(), *lost + 4) << log.describe();

        ASSERT_NO_THROW(pcscd_.start());
        const auto back = log.waitFor(Type::ServiceBack, "", *lost, 10s);
        ASSERT_TRUE(back) << log.describe();
        EXPECT_TRUE(log.waitFor(Type::ReaderAdded, vpcdReader(0), *back)) << log.describe();
        EXPECT_TRUE(log.waitFor(Type::ReaderAdded, reader, *back)) << log.describe();
        // els-card-sim went back into the reader when the driver opened its port again.
        ASSERT_TRUE(log.waitFor(Type::CardInserted, reader, *back)) << log.describe();
        const auto files = readCard(reader);
        EXPECT_EQ(files.els, elsFile);
        EXPECT_EQ(files.certificate, certificateFile);
        EXPECT_EQ(log.count(Type::ServiceLost), round) << log.describe();
        EXPECT_EQ(log.count(Type::ServiceBack), round) << log.describe();
    }

    // And the monitor still follows the reader as before.
    const auto before = log.size();
    sim.remove();
    EXPECT_TRUE(log.waitFor(Type::CardRemoved, reader, before)) << log.describe();
    monitor.stop();
}

#ifdef ELS_KIOSK_PATH // the app is built only with the UI (not in the sanitizer build)

// --- the kiosk app ---

constexpr int kioskSlot = 0;
constexpr auto happyStudent = "100001";

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
        ++count;
    return count;
}

class KioskPcscdRestart : public PcscdRestart {
protected:
    void SetUp() override {
        PcscdRestart::SetUp();
        if (HasFatalFailure())
            return;
        app_.emplace(ELS_KIOSK_PATH, happyStudent);
        sim_.emplace(app_->dir() / "sim", std::vector<std::string>{"--advance", "manual"});
    }

    // `exitAfterSession`: the app quits with status 0 once a session is back to idle, so its exit
    // proves that it ran through.
    // The screenshot texts keep the student's name: the tests check where it shows and where not.
    ChildProcess startKiosk(bool exitAfterSession) {
        std::vector<std::string> options{"--screenshot-personal-texts"};
        if (exitAfterSession)
            options.emplace_back("--exit-when-idle-after-session");
        auto kiosk = app_->start(app_->writeConfig(*sim_, kioskSlot, 120), options);
        EXPECT_TRUE(app_->waitForScreens({"idle"}, 20s)) << app_->log();
        return kiosk;
    }

    std::optional<KioskAppRig> app_;
    std::optional<UsosSimProcess> sim_;
};

TEST_F(KioskPcscdRestart, idle_pcscdGone_readerMissing_thenIdleByItself_andTheNextCardIsServed) {
    auto kiosk = startKiosk(true);
    ASSERT_TRUE(kiosk.running()) << app_->log();

    ASSERT_NO_THROW(pcscd_.stop());
    ASSERT_TRUE(app_->waitForScreens({"idle", "reader_missing"}, 5s)) << app_->log();
    ASSERT_TRUE(kiosk.running()) << app_->log();

    ASSERT_NO_THROW(pcscd_.start());
    ASSERT_TRUE(app_->waitForScreens({"idle", "reader_missing", "idle"}, 10s)) << app_->log();
    ASSERT_TRUE(kiosk.running()) << app_->log();

    {
        CardSim card(kioskSlot, app_->card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(app_->waitForScreens(
            {"idle", "reader_missing", "idle", "reading", "confirm_order"}, 30s))
            << app_->log();
        EXPECT_NE(app_->texts(4).find("Zofia"), std::string::npos) << app_->texts(4);
    } // the card is pulled: idle, and the app quits as asked
    EXPECT_EQ(kiosk.wait(30s), 0) << app_->log();
    EXPECT_EQ(app_->shownScreens(), (std::vector<std::string>{"idle", "reader_missing", "idle",
                                                              "reading", "confirm_order", "idle"}))
        << app_->log();
    EXPECT_EQ(sim_->orders(happyStudent).value("count").toInt(), 0);
}

TEST_F(KioskPcscdRestart,
       midSession_pcscdGone_readerMissingWithoutTheStudent_thenTheSameCardIsReadAgain) {
    // The session's first idle would end an app told to exit after a session: this one runs on.
    auto kiosk = startKiosk(false);
    CardSim card(kioskSlot, app_->card());
    ASSERT_TRUE(card.insert());
    ASSERT_TRUE(app_->waitForScreens({"idle", "reading", "confirm_order"}, 30s)) << app_->log();

    ASSERT_NO_THROW(pcscd_.stop());
    ASSERT_TRUE(app_->waitForScreens({"idle", "reading", "confirm_order", "reader_missing"}, 5s))
        << app_->log();
    const auto missing = app_->texts(3);
    EXPECT_FALSE(missing.empty());
    EXPECT_EQ(missing.find("Zofia"), std::string::npos) << missing;
    ASSERT_TRUE(kiosk.running()) << app_->log();

    // els-card-sim stays in the slot and reconnects: the same card is read once more.
    ASSERT_NO_THROW(pcscd_.start());
    const std::vector<std::string> again{"idle", "reading", "confirm_order", "reader_missing",
                                         "idle", "reading", "confirm_order"};
    ASSERT_TRUE(app_->waitForScreens(again, 30s)) << app_->log();
    card.remove();
    auto afterRemoval = again;
    afterRemoval.emplace_back("idle");
    ASSERT_TRUE(app_->waitForScreens(afterRemoval, 10s)) << app_->log();
    ASSERT_TRUE(kiosk.running()) << app_->log();
    ::kill(kiosk.pid(), SIGTERM);
    const int status = kiosk.wait(10s);
    EXPECT_TRUE(status == 0 || status == 128 + SIGTERM) << status << '\n' << app_->log();
    // The first session ended with the service, not as if the student had pulled the card.
    const auto err = readFile(app_->errFile());
    EXPECT_EQ(occurrences(err, "why=service_lost"), 1u) << err;
    EXPECT_EQ(occurrences(err, "why=card_removed"), 1u) << err;
    EXPECT_EQ(sim_->orders(happyStudent).value("count").toInt(), 0);
}

#endif // ELS_KIOSK_PATH

} // namespace
} // namespace els::testing

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv); // UsosSimProcess needs one
    ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
    ::setenv("QT_QUICK_BACKEND", "software", 1);
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new els::testing::PcscdEnvironment);
    return RUN_ALL_TESTS();
}
