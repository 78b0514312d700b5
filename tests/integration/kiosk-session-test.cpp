// `kioskctl session` end to end: cards through pcscd + vpcd (els-card-sim, slot 1) and the real
// usos-sim over HTTPS on 127.0.0.1, for every seeded student, under faults, killed -9,
// interrupted by SIGINT/SIGTERM, and cancelling / revoking with the y/N question on stdin.
#include "card-sim.hpp"
#include "child-process.hpp"
#include "els/kiosk/mail-text.hpp"
#include "els/kiosk/session-driver.hpp"
#include "els/platform/config.hpp"
#include "els/platform/journal.hpp"
#include "els/smartcard/image/test-pki.hpp"
#include "pcsc-environment.hpp"
#include "seed-cards.hpp"
#include "smtp-sink.hpp"
#include "usos-sim-process.hpp"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <chrono>
#include <fstream>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace els::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace image = smartcard::image;

constexpr int slot = 1;

std::vector<std::string> strings(const QJsonValue& list) {
    std::vector<std::string> out;
    for (const auto& item : list.toArray())
        out.push_back(item.toString().toStdString());
    return out;
}

pid_t spawnKioskctl(std::vector<std::string> args, const fs::path& outFile, const fs::path& errFile,
                    const fs::path& input = "/dev/null") {
    args.insert(args.begin(), KIOSKCTL_PATH);
    return spawnProcess(std::move(args), input, outFile, errFile);
}

// `kioskctl session --json` for the slot-1 card; `extra` replaces --yes (e.g. {"--cancel"}),
// and `input` is its stdin (the answer to the confirmation question).
pid_t spawnSession(const fs::path& config, const fs::path& outFile, const fs::path& errFile,
                   std::vector<std::string> extra = {"--yes"},
                   const fs::path& input = "/dev/null") {
    std::vector<std::string> args{"session",  "--reader",      vpcdReader(slot),
                                  "--config", config.string(), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return spawnKioskctl(std::move(args), outFile, errFile, input);
}

struct SessionRun {
    int exitCode = -1;
    QJsonObject json;
    std::string stdoutText;
    std::string stderrText;

    std::string get(const char* key) const { return json.value(key).toString().toStdString(); }
};

// Long enough for a whole session against the simulator.
constexpr auto sessionPatience = 60s;

SessionRun collect(int exitCode, const fs::path& out, const fs::path& err) {
    SessionRun run;
    run.exitCode = exitCode;
    run.stdoutText = readFile(out);
    run.stderrText = readFile(err);
    run.json = QJsonDocument::fromJson(QByteArray::fromStdString(run.stdoutText)).object();
    return run;
}

SessionRun runSession(const fs::path& config, const fs::path& dir,
                      std::vector<std::string> extra = {"--yes"},
                      const fs::path& input = "/dev/null") {
    const auto out = dir / "session.out";
    const auto err = dir / "session.err";
    return collect(
        waitExit(spawnSession(config, out, err, std::move(extra), input), sessionPatience), out,
        err);
}

// `kioskctl status --json`: the journal's counters (codes only).
QJsonObject journalStatus(const fs::path& config) {
    const auto dir = config.parent_path();
    const pid_t pid = spawnKioskctl({"status", "--config", config.string(), "--json"},
                                    dir / "status.out", dir / "status.err");
    const auto run =
        collect(waitExit(pid, sessionPatience), dir / "status.out", dir / "status.err");
    return run.json;
}

class KioskSession : public ::testing::Test {
protected:
    void SetUp() override {
        pki_ = image::TestPki::generate();
        pki_.save(dir_.path() / "pki");
        ASSERT_TRUE(waitForReader(vpcdReader(slot), 10s));
    }

    fs::path anchors() const { return dir_.path() / "pki" / "ca.pem"; }

    // One session with the student's card in the slot-1 reader.
    SessionRun sessionFor(const std::string& studentId, const fs::path& config) {
        const auto card = makeSeedCard(pki_.signer, studentId, dir_.path());
        CardSim sim(slot, card);
        EXPECT_TRUE(sim.insert());
        return runSession(config, config.parent_path());
    }

    TempDir dir_;
    image::TestPki pki_;
};

struct Expected {
    const char* studentId;
    const char* outcome;
    const char* reasonCode; // "" when none
    int exitCode;
    int ordersAfter;
};

TEST_F(KioskSession, everySeededStudent_endsInTheRightOutcome) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "timed", "--advance-seconds", "0.2"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    const Expected expected[] = {
        {"100001", "ready", "", 0, 1},
        {"100002", "ready", "", 0, 1},
        {"100003", "refused", "student_inactive", 8, 0},
        {"100004", "refused", "no_photo", 8, 0},
        {"100005", "refused", "no_pesel", 8, 0},
        {"100006", "refused", "card_not_extended_in_usos", 8, 0},
        {"100007", "refused", "card_not_extended", 8, 0},
        {"100008", "refused", "surname_changed", 8, 0},
        {"100009", "refused", "given_names_changed", 8, 0},
        {"100010", "refused", "card_unknown", 8, 0},
        {"100011", "in_progress", "", 9, 1}, // seeded pending order that never advances
        {"100012", "ready", "", 0, 1},       // existing ready order: shown, not doubled
        {"100013", "ready", "", 0, 2},       // revoked earlier: a new order
    };
    ASSERT_EQ(std::size(expected), static_cast<std::size_t>(seedStudents().size()));
    for (const auto& e : expected) {
        SCOPED_TRACE(e.studentId);
        const auto run = sessionFor(e.studentId, config);
        EXPECT_EQ(run.get("outcome"), e.outcome) << run.stdoutText << run.stderrText;
        EXPECT_EQ(run.get("reason_code"), e.reasonCode);
        EXPECT_EQ(run.exitCode, e.exitCode);
        ASSERT_TRUE(run.json.contains("usos_requests"));
        // A card that is not extended is refused before USOS is asked anything.
        EXPECT_EQ(run.json.value("usos_requests").toInt() == 0,
                  e.exitCode == 8 && std::string(e.reasonCode) == "card_not_extended");
        if (std::string(e.outcome) == "refused") {
            EXPECT_FALSE(run.json.value("reason").toObject().value("pl").toString().isEmpty());
            EXPECT_FALSE(run.json.value("reason").toObject().value("en").toString().isEmpty());
        }
        if (std::string(e.outcome) == "ready") {
            EXPECT_FALSE(run.get("token").empty());
            EXPECT_FALSE(run.get("activation_code").empty());
            EXPECT_EQ(run.get("status"), "ready");
        }
        const auto orders =
            sim.orders(seedStudent(e.studentId).value("id").toString().toStdString());
        EXPECT_EQ(orders.value("count").toInt(), e.ordersAfter);
        EXPECT_LE(orders.value("active").toInt(), 1);
    }
}

// Issue 8 item 12: without --reader (and none configured) the session serves the reader that
// holds a card, as the README says; with no card anywhere it says so (exit 6, no card).
TEST_F(KioskSession, withoutReaderOption_usesTheReaderHoldingACard) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    const auto out = dir_.path() / "any.out";
    const auto err = dir_.path() / "any.err";
    const auto args =
        std::vector<std::string>{"session", "--config", config.string(), "--json", "--yes"};
    const auto none = collect(waitExit(spawnKioskctl(args, out, err), sessionPatience), out, err);
    EXPECT_EQ(none.exitCode, 6) << none.stdoutText << none.stderrText;

    const auto card = makeSeedCard(pki_.signer, "100001", dir_.path());
    CardSim cardSim(slot, card);
    ASSERT_TRUE(cardSim.insert());
    const auto run = collect(waitExit(spawnKioskctl(args, out, err), sessionPatience), out, err);
    EXPECT_EQ(run.exitCode, 0) << run.stdoutText << run.stderrText;
    EXPECT_EQ(run.get("outcome"), "ready") << run.stdoutText << run.stderrText;
}

// Issue 11 item 5: the terminal greets only a student it serves; a refused one (here: inactive,
// no photo, names changed) is told what to fix, without their name.
TEST_F(KioskSession, refusedStudent_humanOutputHasNoName_servedStudentIsGreeted) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    for (const char* id : {"100003", "100004", "100008", "100001"}) {
        SCOPED_TRACE(id);
        const auto card = makeSeedCard(pki_.signer, id, dir_.path());
        CardSim cardSim(slot, card);
        ASSERT_TRUE(cardSim.insert());
        const auto out = dir_.path() / "human.out";
        const auto err = dir_.path() / "human.err";
        const int exit = waitExit(spawnKioskctl({"session", "--reader", vpcdReader(slot),
                                                 "--config", config.string(), "--yes"},
                                                out, err),
                                  sessionPatience);
        const auto text = readFile(out) + readFile(err);
        const auto firstName = seedStudent(id).value("first_name").toString().toStdString();
        ASSERT_FALSE(firstName.empty());
        if (std::string(id) == "100001") {
            EXPECT_EQ(exit, 0) << text;
            EXPECT_NE(text.find(firstName), std::string::npos) << text;
        } else {
            EXPECT_EQ(exit, 8) << text;
            EXPECT_EQ(text.find(firstName), std::string::npos) << text;
        }
    }
}

TEST_F(KioskSession, readyOrderAgain_showsTheSameTokenWithoutOrdering) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    const auto first = sessionFor("100002", config);
    const auto second = sessionFor("100002", config);
    EXPECT_EQ(first.get("outcome"), "ready");
    EXPECT_EQ(second.get("outcome"), "ready");
    EXPECT_EQ(first.get("token"), second.get("token"));
    EXPECT_EQ(sim.orders("100002").value("count").toInt(), 1);
    // The minimal chain: lookup, then users/user + cards/user + cards/mcard (orders included)
    // at once; after the tap make_mcard_order and one cards/mcard that finds it ready. No
    // request whose answer is already known.
    EXPECT_EQ(first.json.value("usos_requests").toInt(), 6) << first.stdoutText;
    EXPECT_EQ(second.json.value("usos_requests").toInt(), 4) << second.stdoutText;
}

// The status usos-sim holds for the student's only order.
std::string simOrderStatus(const UsosSimProcess& sim, const std::string& studentId) {
    const auto orders = sim.orders(studentId);
    if (orders.value("count").toInt() != 1)
        return "count " + std::to_string(orders.value("count").toInt());
    return orders.value("orders")
        .toArray()
        .at(0)
        .toObject()
        .value("status")
        .toString()
        .toStdString();
}

fs::path answerFile(const fs::path& dir, const std::string& answer) {
    const auto file = dir / ("answer-" + answer);
    std::ofstream(file) << answer << "\n";
    return file;
}

struct WithdrawalCase {
    const char* name;
    const char* studentId;
    const char* option;   // --cancel / --revoke
    const char* question; // part of the prompt on stderr
    const char* statusBefore;
    const char* outcome;   // after "y"
    const char* operation; // journal "<kind>.<state>" after "y"
};

void PrintTo(const WithdrawalCase& c, std::ostream* out) {
    *out << c.name;
}

class KioskSessionWithdrawal : public KioskSession,
                               public ::testing::WithParamInterface<WithdrawalCase> {};

TEST_P(KioskSessionWithdrawal, asksFirst_noChangesNothing_yesWithdrawsInUsos) {
    const auto& c = GetParam();
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "manual"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    CardSim card(slot, makeSeedCard(pki_.signer, c.studentId, dir_.path()));
    ASSERT_TRUE(card.insert());

    const auto declined = runSession(config, dir_.path(), {c.option}, answerFile(dir_.path(), "n"));
    EXPECT_EQ(declined.get("outcome"), "declined") << declined.stdoutText << declined.stderrText;
    EXPECT_EQ(declined.exitCode, 0);
    EXPECT_NE(declined.stderrText.find(c.question), std::string::npos) << declined.stderrText;
    EXPECT_EQ(simOrderStatus(sim, c.studentId), c.statusBefore);

    const auto done = runSession(config, dir_.path(), {c.option}, answerFile(dir_.path(), "y"));
    EXPECT_EQ(done.get("outcome"), c.outcome) << done.stdoutText << done.stderrText;
    EXPECT_EQ(done.exitCode, 0);
    EXPECT_EQ(done.get("status"), c.outcome);
    EXPECT_EQ(simOrderStatus(sim, c.studentId), c.outcome);
    const auto journal = journalStatus(config);
    EXPECT_EQ(journal.value("operations").toObject(), (QJsonObject{{c.operation, 1}}))
        << QJsonDocument(journal).toJson().toStdString();

    // Nothing left to withdraw: refused, and USOS keeps its state.
    const auto again = runSession(config, dir_.path(), {c.option}, answerFile(dir_.path(), "y"));
    EXPECT_EQ(again.get("outcome"), "refused") << again.stdoutText;
    EXPECT_EQ(again.exitCode, 8);
    EXPECT_EQ(simOrderStatus(sim, c.studentId), c.outcome);
}

INSTANTIATE_TEST_SUITE_P(Withdrawals, KioskSessionWithdrawal,
                         ::testing::Values(WithdrawalCase{"cancelPendingOrder", "100011",
                                                          "--cancel", "Cancel the order?",
                                                          "pending", "cancelled",
                                                          "cancel.confirmed"},
                                           WithdrawalCase{"revokeReadyOrder", "100012", "--revoke",
                                                          "Revoke the mLegitymacja?", "ready",
                                                          "revoked", "revoke.confirmed"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(KioskSession, cancelOnAReadyOrder_isRefusedAndChangesNothing) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "manual"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    CardSim card(slot, makeSeedCard(pki_.signer, "100012", dir_.path()));
    ASSERT_TRUE(card.insert());
    const auto run = runSession(config, dir_.path(), {"--cancel"}, answerFile(dir_.path(), "y"));
    EXPECT_EQ(run.get("outcome"), "refused") << run.stdoutText << run.stderrText;
    EXPECT_EQ(run.exitCode, 8);
    EXPECT_EQ(simOrderStatus(sim, "100012"), "ready");
}

class KioskSessionSignal : public KioskSession, public ::testing::WithParamInterface<int> {};

// A real signal while the session follows its fresh order (the simulator never advances it).
TEST_P(KioskSessionSignal, whilePolling_stopsWithOneLine_distinctStatus_journalConsistent) {
    const int signal = GetParam();
    const char* name = signal == SIGINT ? "SIGINT" : "SIGTERM";
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "manual"});
    const auto config =
        writeKioskConfig(dir_.path(), sim, anchors(), KioskTiming{3000, 100, 200, 60});
    CardSim card(slot, makeSeedCard(pki_.signer, "100001", dir_.path()));
    ASSERT_TRUE(card.insert());

    const auto out = dir_.path() / "signal.out";
    const auto err = dir_.path() / "signal.err";
    const pid_t pid = spawnSession(config, out, err);
    // lookup, user, cards, mcard, mcard, make_mcard_order, mcard, then mcard_order polls.
    const auto end = std::chrono::steady_clock::now() + 20s;
    while (sim.control("GET", "/_sim/requests").value("count").toInt() < 10 &&
           std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(50ms);
    ASSERT_EQ(sim.orders("100001").value("count").toInt(), 1);
    const auto sent = std::chrono::steady_clock::now();
    ::kill(pid, signal);
    const auto run = collect(waitExit(pid, 20s), out, err);
    EXPECT_LT(std::chrono::steady_clock::now() - sent, 2s) << "a poll wait must end at once";

    EXPECT_EQ(run.exitCode, 128 + signal) << run.stdoutText << run.stderrText;
    EXPECT_NE(run.stderrText.find(std::string("Interrupted (") + name + ")"), std::string::npos)
        << run.stderrText;
    EXPECT_EQ(run.get("outcome"), "stopped") << run.stdoutText;
    EXPECT_EQ(run.get("signal"), name);
    EXPECT_EQ(run.get("status"), "pending");
    EXPECT_FALSE(run.get("order_id").empty());

    // The journal holds the order as confirmed by USOS, nothing open, and the stop as an outcome.
    const auto journal = journalStatus(config);
    EXPECT_EQ(journal.value("operations").toObject(), (QJsonObject{{"order.confirmed", 1}}))
        << QJsonDocument(journal).toJson().toStdString();
    EXPECT_EQ(journal.value("outcomes").toObject().value("stopped").toInt(), 1);

    // The next session finds the same order once it is ready.
    sim.control("POST", "/_sim/step");
    sim.control("POST", "/_sim/step");
    const auto next = runSession(config, dir_.path());
    EXPECT_EQ(next.get("outcome"), "ready") << next.stdoutText << next.stderrText;
    EXPECT_EQ(next.get("order_id"), run.get("order_id"));
    EXPECT_EQ(sim.orders("100001").value("count").toInt(), 1);
}

INSTANTIATE_TEST_SUITE_P(Signals, KioskSessionSignal, ::testing::Values(SIGINT, SIGTERM),
                         [](const auto& info) {
                             return std::string(info.param == SIGINT ? "sigint" : "sigterm");
                         });

struct FaultCase {
    const char* name;
    std::vector<std::string> simArguments;
    bool mustSucceed; // else: a clear error is fine too
};

void PrintTo(const FaultCase& fault, std::ostream* out) {
    *out << fault.name;
}

class KioskSessionFaults : public KioskSession, public ::testing::WithParamInterface<FaultCase> {};

TEST_P(KioskSessionFaults, faultEndsInClearErrorOrCorrectRetry_andNeverTwoOrders) {
    auto arguments = GetParam().simArguments;
    arguments.insert(arguments.end(), {"--advance", "timed", "--advance-seconds", "0.2"});
    UsosSimProcess sim(dir_.path() / "sim", arguments);
    const auto config =
        writeKioskConfig(dir_.path(), sim, anchors(), KioskTiming{800, 100, 400, 5});

    const auto run = sessionFor("100002", config);
    const auto outcome = run.get("outcome");
    if (GetParam().mustSucceed) {
        EXPECT_EQ(outcome, "ready") << run.stdoutText << run.stderrText;
    } else if (outcome != "ready") {
        EXPECT_EQ(outcome, "error") << run.stdoutText;
        EXPECT_TRUE(run.get("reason_code") == "service_unavailable" ||
                    run.get("reason_code") == "order_failed")
            << run.get("reason_code");
        EXPECT_EQ(run.exitCode, 10);
    }
    EXPECT_LE(sim.orders("100002").value("count").toInt(), 1);

    // The faults gone, the next session ends with exactly one order.
    sim.control("POST", "/_sim/reset");
    const auto after = sessionFor("100002", config);
    EXPECT_EQ(after.get("outcome"), "ready") << after.stdoutText << after.stderrText;
    EXPECT_EQ(sim.orders("100002").value("count").toInt(), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Faults, KioskSessionFaults,
    ::testing::Values(
        FaultCase{"latencyBeyondTimeout", {"--latency-ms", "1500"}, false},
        FaultCase{"allServerErrors", {"--error-rate", "1"}, false},
        FaultCase{"allDropped", {"--drop-rate", "1"}, false},
        FaultCase{"allGarbage", {"--garbage-rate", "1"}, false},
        FaultCase{"someServerErrors", {"--error-rate", "0.3", "--random-seed", "7"}, false},
        FaultCase{"someDropped", {"--drop-rate", "0.3", "--random-seed", "11"}, false},
        FaultCase{"someGarbage", {"--garbage-rate", "0.3", "--random-seed", "13"}, false},
        FaultCase{"lostOrderResponse", {"--lose-order-response", "1"}, true}),
    [](const auto& info) { return std::string(info.param.name); });

// Where a kill -9 lands, chosen by what has happened, not by wall time.
enum class KillPoint {
    BeforeOrdering,   // USOS was asked about the student; nothing was sent
    AfterJournalSent, // the journal holds the order as sent; USOS has not applied it yet
    AfterUsosOrdered, // the simulator holds the order; the kiosk follows it
};

bool sawMethod(const UsosSimProcess& sim, const char* method) {
    for (const auto& request : sim.control("GET", "/_sim/requests").value("requests").toArray())
        if (request.toObject().value("method").toString() == QLatin1String(method))
            return true;
    return false;
}

// (The name is kept from when the kill times were random; each point is now reached by event.)
TEST_F(KioskSession, killedAtRandomPoints_nextSessionEndsWithExactlyOneOrder) {
    const auto card = makeSeedCard(pki_.signer, "100002", dir_.path());
    const platform::SystemClock clock;
    int round = 0;
    for (const auto point :
         {KillPoint::BeforeOrdering, KillPoint::AfterJournalSent, KillPoint::AfterUsosOrdered,
          KillPoint::BeforeOrdering, KillPoint::AfterJournalSent, KillPoint::AfterUsosOrdered}) {
        SCOPED_TRACE("round " + std::to_string(round) + ", kill point " +
                     std::to_string(static_cast<int>(point)));
        const auto dir = dir_.path() / ("round-" + std::to_string(round++));
        // The held order request leaves a window between "sent" and "in USOS" to kill in.
        UsosSimProcess sim(dir / "sim", {"--advance", "timed", "--advance-seconds", "0.3",
                                         "--hold-before-effect-ms", "1500", "--hold-methods",
                                         "services/cards/make_mcard_order"});
        const auto config = writeKioskConfig(dir, sim, anchors(), KioskTiming{3000, 100, 400, 20});
        CardSim cardSim(slot, card);
        ASSERT_TRUE(cardSim.insert());

        const pid_t pid = spawnSession(config, dir / "killed.out", dir / "killed.err");
        const auto reached = [&] {
            switch (point) {
            case KillPoint::BeforeOrdering:
                return sawMethod(sim, "services/users/user");
            case KillPoint::AfterJournalSent: {
                platform::Journal journal(dir / "journal.sqlite", clock);
                return journal.counters().operations["order.sent"] > 0;
            }
            case KillPoint::AfterUsosOrdered:
                return sim.orders("100002").value("count").toInt() > 0;
            }
            return false;
        };
        const auto giveUp = std::chrono::steady_clock::now() + sessionPatience;
        while (!reached() && std::chrono::steady_clock::now() < giveUp)
            std::this_thread::yield();
        ASSERT_TRUE(reached());
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        if (point == KillPoint::BeforeOrdering) {
            EXPECT_EQ(sim.orders("100002").value("count").toInt(), 0);
        }

        const auto run = runSession(config, dir);
        EXPECT_EQ(run.get("outcome"), "ready") << run.stdoutText << run.stderrText;
        EXPECT_EQ(sim.orders("100002").value("count").toInt(), 1);
    }
}

// make_mcard_order held by the simulator before it takes effect, longer than the client's
// timeout: the session reconciles by reading USOS and never sends a second request.
class KioskSessionHeldOrder : public KioskSession, public ::testing::WithParamInterface<int> {};

TEST_P(KioskSessionHeldOrder, exactlyOneMakeMcardOrderReachesTheSimulator) {
    const int holdMs = GetParam();
    UsosSimProcess sim(dir_.path() / "sim",
                       {"--advance", "instant", "--hold-before-effect-ms", std::to_string(holdMs),
                        "--hold-methods", "services/cards/make_mcard_order"});
    const auto config =
        writeKioskConfig(dir_.path(), sim, anchors(), KioskTiming{3000, 100, 1000, 60});

    const auto run = sessionFor("100002", config);
    EXPECT_EQ(run.get("outcome"), "ready") << run.stdoutText << run.stderrText;
    EXPECT_EQ(run.exitCode, 0);
    int makeOrders = 0;
    for (const auto& request : sim.control("GET", "/_sim/requests").value("requests").toArray())
        makeOrders += request.toObject().value("method").toString() ==
                      QStringLiteral("services/cards/make_mcard_order");
    EXPECT_EQ(makeOrders, 1);
    EXPECT_EQ(sim.orders("100002").value("count").toInt(), 1);
}

INSTANTIATE_TEST_SUITE_P(Holds, KioskSessionHeldOrder, ::testing::Values(0, 2000, 12000, 30000),
                         [](const auto& info) { return std::to_string(info.param) + "ms"; });

// The sequence that crashed the kiosk screen (issue 9), through the GUI's real driver, backend
// (USOS client, journal) and card stack, without the screen: an order in progress, USOS then
// answering 503 to every poll, the idle timeout ending the session while the worker polls, and
// the kiosk shutting down right after. Also run under ASan (the sanitizer build has no UI).
TEST_F(KioskSession, orderPolledThrough503s_idleTimeoutEndsSession_thenShutdown_noCrash) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "manual"});
    const auto configFile =
        writeKioskConfig(dir_.path(), sim, anchors(), KioskTiming{800, 100, 400, 600});
    const auto config = platform::Config::load(configFile);
    const auto card = makeSeedCard(pki_.signer, "100002", dir_.path());
    CardSim cardSim(slot, card);
    ASSERT_TRUE(cardSim.insert());

    auto now = std::chrono::steady_clock::now();
    const platform::log::Logger quiet(platform::log::Level::Error, [](std::string_view) {});
    auto driver = std::make_unique<kiosk::SessionDriver>(
        [config, quiet] { return kiosk::Backend::fromConfig(config, quiet, std::nullopt); },
        kiosk::EngineSettings{vpcdReader(slot), kiosk::SessionTimings::fromConfig(config.timing)},
        quiet, [&now] { return now; });
    const auto waitFor = [&](auto done) {
        const auto giveUp = std::chrono::steady_clock::now() + sessionPatience;
        while (!done() && std::chrono::steady_clock::now() < giveUp)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return done();
    };
    smartcard::CardEvent event;
    event.reader = vpcdReader(slot);
    event.type = smartcard::CardEvent::Type::ReaderAdded;
    driver->onCardEvent(event);
    event.type = smartcard::CardEvent::Type::CardInserted;
    driver->onCardEvent(event);
    ASSERT_TRUE(waitFor([&] { return driver->state().screen == kiosk::Screen::ConfirmOrder; }))
        << kiosk::toString(driver->state().screen);

    driver->requestOrder();
    ASSERT_TRUE(waitFor([&] {
        return driver->state().screen == kiosk::Screen::OrderInProgress &&
               driver->state().offer.cancel; // the order exists in USOS and is being followed
    }));
    sim.control("POST", "/_sim/faults", {{"error_rate", "1"}});
    const auto before = sim.control("GET", "/_sim/requests").value("count").toInteger();
    ASSERT_TRUE(waitFor([&] {
        return sim.control("GET", "/_sim/requests").value("count").toInteger() >= before + 3;
    })); // polls answered 503
    now += std::chrono::seconds(config.timing.idleTimeout);
    driver->tick();
    // The order exists in USOS: the screen says so (no name) before it forgets the student.
    EXPECT_EQ(driver->state().screen, kiosk::Screen::OrderSent);
    EXPECT_EQ(driver->state().orderStatus, "pending");
    EXPECT_TRUE(driver->state().firstName.empty());
    driver.reset(); // the worker may still be inside a poll: it is stopped and joined
    sim.control("POST", "/_sim/faults", {{"error_rate", "0"}});
    EXPECT_EQ(sim.orders("100002").value("count").toInt(), 1);
}

TEST_F(KioskSession, journalAndLogs_holdNoPeselNameOrCode) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    std::string logs;
    std::vector<std::string> codes;
    for (const char* id : {"100001", "100005", "100008", "100009", "100012", "100013"}) {
        const auto run = sessionFor(id, config);
        logs += run.stderrText;
        if (!run.get("token").empty())
            codes.push_back(run.get("token"));
        if (!run.get("activation_code").empty())
            codes.push_back(run.get("activation_code"));
    }
    ASSERT_FALSE(logs.empty()); // the sessions did log
    ASSERT_GE(codes.size(), 4u);
    std::string journal;
    for (const auto& entry : fs::directory_iterator(dir_.path()))
        if (entry.path().filename().string().rfind("journal.sqlite", 0) == 0)
            journal += readFile(entry.path());
    ASSERT_FALSE(journal.empty());

    std::vector<std::string> secrets = codes;
    for (const auto& value : seedStudents()) {
        const auto s = value.toObject();
        for (const char* key :
             {"first_name", "middle_names", "last_name", "student_number", "pesel", "email"})
            if (s.value(key).isString())
                secrets.push_back(s.value(key).toString().toStdString());
        for (const auto& name : strings(s.value("chip").toObject().value("surnames")))
            secrets.push_back(name);
        for (const auto& name : strings(s.value("chip").toObject().value("given_names")))
            secrets.push_back(name);
    }
    for (const auto& secret : secrets) {
        if (secret.empty())
            continue;
        EXPECT_EQ(logs.find(secret), std::string::npos) << "in the logs: " << secret;
        EXPECT_EQ(journal.find(secret), std::string::npos) << "in the journal: " << secret;
    }
}

// --- clone resistance (issue 11): a copy of a student's files on another chip ---

// Appends `text` (whole sections) to the kiosk configuration.
void appendConfig(const fs::path& config, const std::string& text) {
    std::ofstream(config, std::ios::app) << '\n' << text;
}

constexpr auto chipSerialApdu = "[clone]\nchip_serial_apdu = 00CA010000\n";

// The seeded card of `studentId` in slot 1, its chip answering GET DATA with `chipSerialHex`
// (none: the chip refuses the command, as a blank card would).
SessionRun sessionWithChip(const image::TestPki& pki, const std::string& studentId,
                           const fs::path& config, std::optional<std::string> chipSerialHex,
                           std::vector<std::string> extra = {"--yes"}) {
    const auto card = makeSeedCard(pki.signer, studentId, config.parent_path());
    std::vector<std::string> options;
    if (chipSerialHex)
        options = {"--chip-serial-hex", *chipSerialHex};
    CardSim sim(slot, card, options);
    EXPECT_TRUE(sim.insert());
    return runSession(config, config.parent_path(), std::move(extra));
}

std::string signedChipSerial(const std::string& studentId) {
    return seedStudent(studentId)
        .value("chip")
        .toObject()
        .value("chip_serial")
        .toString()
        .toStdString();
}

TEST_F(KioskSession, chipBinding_cloneOnAnotherChip_refusedBeforeAnyUsosRequest) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "timed", "--advance-seconds", "0.2"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    appendConfig(config, chipSerialApdu);
    const auto before = sim.control("GET", "/_sim/requests").value("count").toInteger();
    for (const std::optional<std::string>& chip :
         {std::optional<std::string>("04FFEEDDCCBBAA"), std::optional<std::string>()}) {
        SCOPED_TRACE(chip.value_or("no answer"));
        const auto run = sessionWithChip(pki_, "100001", config, chip);
        EXPECT_EQ(run.get("outcome"), "refused") << run.stdoutText << run.stderrText;
        EXPECT_EQ(run.get("reason_code"), "chip_mismatch");
        EXPECT_EQ(run.exitCode, 8);
        EXPECT_EQ(run.json.value("usos_requests").toInt(), 0);
        EXPECT_TRUE(run.get("activation_code").empty());
        EXPECT_TRUE(run.get("token").empty());
    }
    EXPECT_EQ(sim.control("GET", "/_sim/requests").value("count").toInteger(), before);
    EXPECT_EQ(sim.orders("100001").value("count").toInt(), 0);
}

TEST_F(KioskSession, chipBinding_genuineChip_ordersAsBefore) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "timed", "--advance-seconds", "0.2"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    appendConfig(config, chipSerialApdu);
    const auto run = sessionWithChip(pki_, "100001", config, signedChipSerial("100001"));
    EXPECT_EQ(run.get("outcome"), "ready") << run.stdoutText << run.stderrText;
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_EQ(sim.orders("100001").value("count").toInt(), 1);
}

// Issue 11 (c): a clone that revokes the student's order and orders anew is stopped by the
// day's limit, counted from USOS's own list (here: no reorder at all on the same day).
TEST_F(KioskSession, reorderLimit_revokeThenReorderSameDay_refusedAndNothingSent) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "timed", "--advance-seconds", "0.2"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    appendConfig(config, "[clone]\nmax_reorders_per_day = 0\n");
    CardSim card(slot, makeSeedCard(pki_.signer, "100001", dir_.path()));
    ASSERT_TRUE(card.insert());

    const auto first = runSession(config, dir_.path());
    EXPECT_EQ(first.get("outcome"), "ready") << first.stdoutText << first.stderrText;
    const auto revoked =
        runSession(config, dir_.path(), {"--revoke"}, answerFile(dir_.path(), "y"));
    EXPECT_EQ(revoked.get("outcome"), "revoked") << revoked.stdoutText << revoked.stderrText;

    const auto again = runSession(config, dir_.path());
    EXPECT_EQ(again.get("outcome"), "refused") << again.stdoutText << again.stderrText;
    EXPECT_EQ(again.get("reason_code"), "reorder_limit");
    EXPECT_EQ(again.exitCode, 8);
    EXPECT_FALSE(again.json.value("reason").toObject().value("en").toString().isEmpty());
    EXPECT_EQ(sim.orders("100001").value("count").toInt(), 1);
    EXPECT_EQ(sim.orders("100001").value("active").toInt(), 0);
}

// Issue 11 (a)/(b): with a relay, the activation code goes to the student's USOS address and
// never to the screen or kioskctl's output; the order needs no second notice, a revoke gets one.
class KioskSessionMail : public KioskSession {
protected:
    // [mail] with the sink as relay; `extra` adds keys (none: the safe defaults).
    std::string mailSection(const std::string& extra = {}) const {
        return "[mail]\nsmtp_url = " + sink_.url("smtp") +
               "\nca_file = " + sink_.caFile().string() +
               "\nfrom = legitymacje@udk.example\nkiosk_name = A-0 hall\n"
               "contact = legitymacje@udk.example\n" +
               extra;
    }
    std::string mailBody(int n) const { return decode(mailDir_, sink_.message(n)).body; }

    ::TempDir mailDir_;
    SmtpSink sink_{mailDir_, "starttls"};
};

TEST_F(KioskSessionMail, codeByEmail_sinkGetsTheCode_jsonAndScreenDoNot) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "timed", "--advance-seconds", "0.2"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    appendConfig(config, mailSection("activation_code = email\nnotify = on\n"));
    CardSim card(slot, makeSeedCard(pki_.signer, "100001", dir_.path()));
    ASSERT_TRUE(card.insert());

    const auto run = runSession(config, dir_.path());
    EXPECT_EQ(run.get("outcome"), "ready") << run.stdoutText << run.stderrText;
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_FALSE(run.get("token").empty()); // the QR stays on screen
    EXPECT_FALSE(run.json.contains("activation_code")) << run.stdoutText;
    EXPECT_EQ(run.json.value("activation_code_note").toObject().value("en").toString(),
              QString::fromStdString(kiosk::codeSentText("s***@student.udk.example").en));
    ASSERT_EQ(sink_.received(), 1); // the code's e-mail is also the order's notice
    EXPECT_NE(sink_.envelope(1).find("s100001@student.udk.example"), std::string::npos);

    // The code USOS issued, as a kiosk that shows it on screen sees the same order.
    fs::create_directories(dir_.path() / "screen");
    const auto onScreen = runSession(writeKioskConfig(dir_.path() / "screen", sim, anchors()),
                                     dir_.path() / "screen");
    const auto code = onScreen.get("activation_code");
    ASSERT_FALSE(code.empty()) << onScreen.stdoutText;
    EXPECT_NE(mailBody(1).find(code), std::string::npos);
    EXPECT_EQ(run.stdoutText.find(code), std::string::npos);
    EXPECT_EQ(run.stderrText.find(code), std::string::npos);
    // Only the masked address reaches the output; the logs name no address at all.
    EXPECT_EQ(run.stdoutText.find("s100001@"), std::string::npos);
    EXPECT_EQ(run.stderrText.find("s100001@"), std::string::npos);

    // A revoke at the kiosk: the code is not e-mailed a second time (once per order), and the
    // owner gets the revoke's notice.
    const auto revoked =
        runSession(config, dir_.path(), {"--revoke"}, answerFile(dir_.path(), "y"));
    EXPECT_EQ(revoked.get("outcome"), "revoked") << revoked.stdoutText << revoked.stderrText;
    EXPECT_EQ(revoked.stdoutText.find(code), std::string::npos);
    ASSERT_EQ(sink_.received(), 2);
    EXPECT_NE(sink_.envelope(2).find("s100001@student.udk.example"), std::string::npos);
    EXPECT_EQ(mailBody(2).find(code), std::string::npos);
}

TEST_F(KioskSessionMail, cloneUnderTheDefaultPolicy_neverSeesTheCode) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "timed", "--advance-seconds", "0.2"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    appendConfig(config, mailSection()); // defaults: code by e-mail only, notices on
    // The victim's files on the attacker's chip (no chip binding configured).
    const auto run = sessionWithChip(pki_, "100002", config, std::string("04FFEEDDCCBBAA"));
    EXPECT_EQ(run.get("outcome"), "ready") << run.stdoutText << run.stderrText;
    EXPECT_FALSE(run.json.contains("activation_code")) << run.stdoutText;
    ASSERT_EQ(sink_.received(), 1);
    EXPECT_NE(sink_.envelope(1).find("s100002@student.udk.example"), std::string::npos);
    // Shown again at the next session, the order still has no code on screen or in the output.
    const auto again = sessionWithChip(pki_, "100002", config, std::string("04FFEEDDCCBBAA"));
    EXPECT_EQ(again.get("outcome"), "ready") << again.stdoutText;
    EXPECT_FALSE(again.json.contains("activation_code")) << again.stdoutText;
    EXPECT_EQ(again.json.value("activation_code_note").toObject().value("en").toString(),
              QString::fromStdString(kiosk::codeSentText("s***@student.udk.example").en));
    EXPECT_EQ(sink_.received(), 1); // once per order
}

// An order still in progress at the deadline has no code to e-mail yet: its owner gets the
// order's notice at once, and the code when a session shows the order ready.
TEST_F(KioskSessionMail, orderInProgressAtTheDeadline_ownerNotifiedAtOnce) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "manual"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors(), KioskTiming{.deadlineS = 1});
    appendConfig(config, mailSection());
    CardSim card(slot, makeSeedCard(pki_.signer, "100001", dir_.path()));
    ASSERT_TRUE(card.insert());
    const auto run = runSession(config, dir_.path());
    EXPECT_EQ(run.get("outcome"), "in_progress") << run.stdoutText << run.stderrText;
    EXPECT_EQ(run.exitCode, 9);
    ASSERT_EQ(sink_.received(), 1);
    EXPECT_NE(sink_.envelope(1).find("s100001@student.udk.example"), std::string::npos);
}

TEST_F(KioskSessionMail, relayDown_codeNeverFallsBackToTheScreen) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "timed", "--advance-seconds", "0.2"});
    const auto config = writeKioskConfig(dir_.path(), sim, anchors());
    // A relay that is not there: nothing listens on the discard port of the loopback.
    appendConfig(config, "[mail]\nsmtp_url = smtp://127.0.0.1:9\ntimeout_ms = 3000\n"
                         "from = legitymacje@udk.example\nkiosk_name = A-0 hall\n"
                         "contact = legitymacje@udk.example\n");
    CardSim card(slot, makeSeedCard(pki_.signer, "100001", dir_.path()));
    ASSERT_TRUE(card.insert());
    const auto run = runSession(config, dir_.path());
    EXPECT_EQ(run.get("outcome"), "ready") << run.stdoutText << run.stderrText;
    EXPECT_FALSE(run.json.contains("activation_code")) << run.stdoutText;
    EXPECT_EQ(run.json.value("activation_code_note").toObject().value("en").toString(),
              QString::fromStdString(kiosk::codeMailFailedText().en));
}

} // namespace
} // namespace els::testing
