// `kioskctl session` end to end: cards through pcscd + vpcd (els-card-sim, slot 1) and the real
// usos-sim over HTTPS on 127.0.0.1, for every seeded student, under faults, and killed -9.
#include "card-sim.hpp"
#include "pcsc-environment.hpp"
#include "usos-sim-process.hpp"

#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/image/test-pki.hpp"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

extern char** environ;

namespace els::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace image = smartcard::image;

constexpr int slot = 1;

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

QJsonArray seedStudents() {
    QFile file(USOS_SIM_SEED);
    if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("seed missing");
    return QJsonDocument::fromJson(file.readAll()).object().value("students").toArray();
}

QJsonObject seedStudent(const std::string& id) {
    for (const auto& s : seedStudents())
        if (s.toObject().value("id").toString().toStdString() == id) return s.toObject();
    throw std::runtime_error("no seeded student " + id);
}

// "today+150" / "today-20" / "YYYY-MM-DD", as the seed writes dates.
std::chrono::year_month_day seedDate(const QString& text) {
    QDate date = text.startsWith("today") ? QDate::currentDate().addDays(text.mid(5).toInt())
                                          : QDate::fromString(text, Qt::ISODate);
    return std::chrono::year_month_day{std::chrono::year{date.year()},
                                       std::chrono::month{static_cast<unsigned>(date.month())},
                                       std::chrono::day{static_cast<unsigned>(date.day())}};
}

std::vector<std::string> strings(const QJsonValue& list) {
    std::vector<std::string> out;
    for (const auto& item : list.toArray()) out.push_back(item.toString().toStdString());
    return out;
}

// The chip of a seeded student as a card image (PESEL may be absent: els-card-make would refuse).
fs::path makeCard(const image::Credential& signer, const std::string& studentId, const fs::path& dir) {
    const auto chip = seedStudent(studentId).value("chip").toObject();
    image::CardDescription card;
    card.chipSerial = chip.value("chip_serial").toString().toStdString();
    card.university = chip.value("university").toString().toStdString();
    card.universityCode = chip.value("university_code").toString().toStdString();
    card.surnames = strings(chip.value("surnames"));
    card.givenNames = strings(chip.value("given_names"));
    card.albumNumber = chip.value("album_number").toString().toStdString();
    card.pesel = chip.value("pesel").toString().toStdString();
    card.validUntil = seedDate(chip.value("valid_until").toString());
    const auto out = dir / ("card-" + studentId);
    image::writeCardImage(out, image::makeCardImage(card, signer));
    return out;
}

struct Timing {
    int requestTimeoutMs = 3000;
    int deadlineS = 3;
};

fs::path writeConfig(const fs::path& dir, const UsosSimProcess& sim, const fs::path& anchors,
                     Timing timing = {}) {
    const auto file = dir / "kiosk.conf";
    std::ofstream out(file);
    out << "[usos]\nbase_url = " << sim.baseUrl() << "\nca_file = " << sim.caFile().string()
        << "\nconsumer_key = " << UsosSimProcess::consumerKey
        << "\nsecret_file = " << sim.secretFile().string() << "\n\n[trust]\nanchors = "
        << anchors.string() << "\n\n[journal]\npath = " << (dir / "journal.sqlite").string()
        << "\n\n[timing]\nrequest_timeout_ms = " << timing.requestTimeoutMs
        << "\npoll_initial_ms = 100\npoll_max_ms = 400\norder_deadline_s = " << timing.deadlineS << "\n";
    return file;
}

pid_t spawnSession(const fs::path& config, const fs::path& outFile, const fs::path& errFile) {
    std::vector<std::string> args{KIOSKCTL_PATH, "session", "--reader", vpcdReader(slot),
                                  "--config", config.string(), "--yes", "--json"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start kioskctl");
    return pid;
}

struct SessionRun {
    int exitCode = -1;
    QJsonObject json;
    std::string stdoutText;
    std::string stderrText;

    std::string get(const char* key) const { return json.value(key).toString().toStdString(); }
};

SessionRun runSession(const fs::path& config, const fs::path& dir) {
    const auto out = dir / "session.out";
    const auto err = dir / "session.err";
    const pid_t pid = spawnSession(config, out, err);
    int status = 0;
    const auto end = std::chrono::steady_clock::now() + 60s;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > end) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(20ms);
    }
    SessionRun run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.stdoutText = readFile(out);
    run.stderrText = readFile(err);
    run.json = QJsonDocument::fromJson(QByteArray::fromStdString(run.stdoutText)).object();
    return run;
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
        const auto card = makeCard(pki_.signer, studentId, dir_.path());
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
    const auto config = writeConfig(dir_.path(), sim, anchors());
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
        EXPECT_EQ(run.json.value("usos_requests").toInt() == 0, e.exitCode == 8 && std::string(e.reasonCode) == "card_not_extended");
        if (std::string(e.outcome) == "refused") {
            EXPECT_FALSE(run.json.value("reason").toObject().value("pl").toString().isEmpty());
            EXPECT_FALSE(run.json.value("reason").toObject().value("en").toString().isEmpty());
        }
        if (std::string(e.outcome) == "ready") {
            EXPECT_FALSE(run.get("token").empty());
            EXPECT_FALSE(run.get("activation_code").empty());
            EXPECT_EQ(run.get("status"), "ready");
        }
        const auto orders = sim.orders(seedStudent(e.studentId).value("id").toString().toStdString());
        EXPECT_EQ(orders.value("count").toInt(), e.ordersAfter);
        EXPECT_LE(orders.value("active").toInt(), 1);
    }
}

TEST_F(KioskSession, readyOrderAgain_showsTheSameTokenWithoutOrdering) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    const auto config = writeConfig(dir_.path(), sim, anchors());
    const auto first = sessionFor("100002", config);
    const auto second = sessionFor("100002", config);
    EXPECT_EQ(first.get("outcome"), "ready");
    EXPECT_EQ(second.get("outcome"), "ready");
    EXPECT_EQ(first.get("token"), second.get("token"));
    EXPECT_EQ(sim.orders("100002").value("count").toInt(), 1);
}

struct FaultCase {
    const char* name;
    std::vector<std::string> simArguments;
    bool mustSucceed; // else: a clear error is fine too
};

void PrintTo(const FaultCase& fault, std::ostream* out) { *out << fault.name; }

class KioskSessionFaults : public KioskSession, public ::testing::WithParamInterface<FaultCase> {};

TEST_P(KioskSessionFaults, faultEndsInClearErrorOrCorrectRetry_andNeverTwoOrders) {
    auto arguments = GetParam().simArguments;
    arguments.insert(arguments.end(), {"--advance", "timed", "--advance-seconds", "0.2"});
    UsosSimProcess sim(dir_.path() / "sim", arguments);
    const auto config = writeConfig(dir_.path(), sim, anchors(), Timing{800, 5});

    const auto run = sessionFor("100002", config);
    const auto outcome = run.get("outcome");
    if (GetParam().mustSucceed) {
        EXPECT_EQ(outcome, "ready") << run.stdoutText << run.stderrText;
    } else if (outcome != "ready") {
        EXPECT_EQ(outcome, "error") << run.stdoutText;
        EXPECT_TRUE(run.get("reason_code") == "service_unavailable" || run.get("reason_code") == "order_failed")
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

TEST_F(KioskSession, killedAtRandomPoints_nextSessionEndsWithExactlyOneOrder) {
    const auto card = makeCard(pki_.signer, "100002", dir_.path());
    std::mt19937 random(20251015);
    std::uniform_int_distribution<int> killAfterMs(0, 1200);
    int killedBeforeOrdering = 0;
    int killedAfterOrdering = 0;
    for (int i = 0; i < 10; ++i) {
        const auto delay = std::chrono::milliseconds(killAfterMs(random));
        SCOPED_TRACE("iteration " + std::to_string(i) + ", kill after " + std::to_string(delay.count()) + " ms");
        const auto round = dir_.path() / ("round-" + std::to_string(i));
        UsosSimProcess sim(round / "sim", {"--advance", "timed", "--advance-seconds", "0.3", "--latency-ms", "40"});
        const auto config = writeConfig(round, sim, anchors());
        CardSim cardSim(slot, card);
        ASSERT_TRUE(cardSim.insert());

        const pid_t pid = spawnSession(config, round / "killed.out", round / "killed.err");
        std::this_thread::sleep_for(delay);
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        (sim.orders("100002").value("count").toInt() == 0 ? killedBeforeOrdering : killedAfterOrdering)++;

        const auto run = runSession(config, round);
        EXPECT_EQ(run.get("outcome"), "ready") << run.stdoutText << run.stderrText;
        EXPECT_EQ(sim.orders("100002").value("count").toInt(), 1);
    }
    // The kill points really fell on both sides of the order.
    EXPECT_GT(killedBeforeOrdering, 0);
    EXPECT_GT(killedAfterOrdering, 0);
}

TEST_F(KioskSession, journalAndLogs_holdNoPeselNameOrCode) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    const auto config = writeConfig(dir_.path(), sim, anchors());
    std::string logs;
    std::vector<std::string> codes;
    for (const char* id : {"100001", "100005", "100008", "100009", "100012", "100013"}) {
        const auto run = sessionFor(id, config);
        logs += run.stderrText;
        if (!run.get("token").empty()) codes.push_back(run.get("token"));
        if (!run.get("activation_code").empty()) codes.push_back(run.get("activation_code"));
    }
    ASSERT_FALSE(logs.empty()); // the sessions did log
    ASSERT_GE(codes.size(), 4u);
    std::string journal;
    for (const auto& entry : fs::directory_iterator(dir_.path()))
        if (entry.path().filename().string().rfind("journal.sqlite", 0) == 0) journal += readFile(entry.path());
    ASSERT_FALSE(journal.empty());

    std::vector<std::string> secrets = codes;
    for (const auto& value : seedStudents()) {
        const auto s = value.toObject();
        for (const char* key : {"first_name", "middle_names", "last_name", "student_number", "pesel"})
            if (s.value(key).isString()) secrets.push_back(s.value(key).toString().toStdString());
        for (const auto& name : strings(s.value("chip").toObject().value("surnames"))) secrets.push_back(name);
        for (const auto& name : strings(s.value("chip").toObject().value("given_names"))) secrets.push_back(name);
    }
    for (const auto& secret : secrets) {
        if (secret.empty()) continue;
        EXPECT_EQ(logs.find(secret), std::string::npos) << "in the logs: " << secret;
        EXPECT_EQ(journal.find(secret), std::string::npos) << "in the journal: " << secret;
    }
}

} // namespace
} // namespace els::testing

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new els::testing::PcscEnvironment);
    return RUN_ALL_TESTS();
}
