// els-kiosk end to end, offscreen: a signed card of the seed's happy student in vpcd slot 0
// (els-card-sim through pcscd), the real usos-sim over HTTPS, and the real app writing a PNG
// and the visible texts of every screen. The QR on the ready screen is decoded by zbarimg, an
// independent decoder, and must equal the token USOS issued.
#include "card-sim.hpp"
#include "child-process.hpp"
#include "els/smartcard/image/test-pki.hpp"
#include "pcsc-environment.hpp"
#include "seed-cards.hpp"
#include "usos-sim-process.hpp"

#include <QCoreApplication>
#include <QJsonDocument>
#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <thread>

namespace els::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace image = smartcard::image;

constexpr int slot = 0;
constexpr auto happyStudent = "100001";

// An els-kiosk or kioskctl process, killed (SIGKILL) if it outlives the test.
struct Process {
    pid_t pid = -1;
    fs::path err;

    // Waits for the exit status; kills after `patience`. -1 when killed or crashed.
    int wait(std::chrono::seconds patience) {
        const int status = waitExit(pid, patience);
        pid = -1;
        return status;
    }
    ~Process() {
        if (pid > 0)
            wait(0s);
    }
};

Process spawn(std::vector<std::string> args, const fs::path& out, const fs::path& err) {
    return {spawnProcess(std::move(args), "/dev/null", out, err), err};
}

// "05-ready.png" for "ready": the screens in the order the app showed them.
std::vector<std::string> shownScreens(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".png")
            files.push_back(entry.path().stem().string());
    std::sort(files.begin(), files.end());
    std::vector<std::string> screens;
    for (const auto& f : files)
        screens.push_back(f.substr(f.find('-') + 1));
    return screens;
}

std::optional<fs::path> shot(const fs::path& dir, const std::string& screen, int nth = 1) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const auto stem = entry.path().stem().string();
        if (entry.path().extension() == ".png" && stem.substr(stem.find('-') + 1) == screen)
            found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    if (static_cast<int>(found.size()) < nth)
        return std::nullopt;
    return found[nth - 1];
}

bool waitForShot(const fs::path& dir, const std::string& screen, std::chrono::seconds patience,
                 int nth = 1) {
    const auto end = std::chrono::steady_clock::now() + patience;
    while (std::chrono::steady_clock::now() < end) {
        if (shot(dir, screen, nth))
            return true;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

std::vector<std::string> zbar(const fs::path& png) {
    std::istringstream output(
        runShell("zbarimg --raw -q " + shellQuoted(png.string()) + " 2>/dev/null").output);
    std::vector<std::string> lines;
    for (std::string line; std::getline(output, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

fs::path withExtension(fs::path png, const char* extension) {
    return png.replace_extension(extension);
}

class KioskApp : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(waitForReader(vpcdReader(slot), 10s));
        pki_ = image::TestPki::generate();
        pki_.save(dir_.path() / "pki");
        card_ = makeSeedCard(pki_.signer, happyStudent, dir_.path());
        shots_ = dir_.path() / "shots";
        fs::create_directories(shots_);
    }

    fs::path writeConfig(const UsosSimProcess& sim) {
        const auto file = dir_.path() / "kiosk.conf";
        std::ofstream(file) << "[usos]\nbase_url = " << sim.baseUrl()
                            << "\nca_file = " << sim.caFile().string()
                            << "\nconsumer_key = " << UsosSimProcess::consumerKey
                            << "\nsecret_file = " << sim.secretFile().string()
                            << "\n\n[trust]\nanchors = "
                            << (dir_.path() / "pki" / "ca.pem").string()
                            << "\n\n[journal]\npath = " << (dir_.path() / "journal.sqlite").string()
                            << "\n\n[reader]\nname = " << vpcdReader(slot)
                            << "\n\n[timing]\nrequest_timeout_ms = 2000\npoll_initial_ms = 100\n"
                               "poll_max_ms = 400\norder_deadline_s = 20\nremoval_grace_s = 1\n"
                               "ready_screen_s = 60\nidle_timeout_s = 60\n";
        return file;
    }

    Process startKiosk(const fs::path& config, bool autoConfirm) {
        std::vector<std::string> args{ELS_KIOSK_PATH,  "--config",
                                      config.string(), "--screenshots",
                                      shots_.string(), "--exit-when-idle-after-session"};
        if (autoConfirm)
            args.emplace_back("--auto-confirm");
        auto process = spawn(args, dir_.path() / "kiosk.out", dir_.path() / "kiosk.err");
        // The idle screen is the first shot; after it the card monitor is listening.
        EXPECT_TRUE(waitForShot(shots_, "idle", 20s)) << readFile(process.err);
        return process;
    }

    // The texts of a shot must not show the student: no first name, token or code.
    void expectNothingPersonal(const fs::path& png, const std::string& token,
                               const std::string& code) {
        const auto texts = readFile(withExtension(png, ".txt"));
        ASSERT_FALSE(texts.empty()) << png;
        EXPECT_EQ(texts.find("Zofia"), std::string::npos) << texts;
        EXPECT_EQ(texts.find("Żółkowska"), std::string::npos) << texts;
        if (!token.empty()) {
            EXPECT_EQ(texts.find(token.substr(0, 16)), std::string::npos) << texts;
        }
        if (!code.empty()) {
            EXPECT_EQ(texts.find(code), std::string::npos) << texts;
        }
        for (const auto& decoded : zbar(png))
            EXPECT_TRUE(token.empty() || decoded != token) << decoded;
    }

    TempDir dir_;
    image::TestPki pki_;
    fs::path card_;
    fs::path shots_;
};

} // namespace

TEST_F(KioskApp, wholeSession_qrOnScreenIsTheIssuedToken_idleAfterRemovalShowsNothingPersonal) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    const auto config = writeConfig(sim);
    auto kiosk = startKiosk(config, true);
    std::string token, code;
    {
        CardSim card(slot, card_);
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(waitForShot(shots_, "ready", 30s)) << readFile(kiosk.err);
        // The same order through an independent path: kioskctl reads the existing ready order.
        const auto json = dir_.path() / "session.json";
        auto ctl = spawn({KIOSKCTL_PATH, "session", "--config", config.string(), "--reader",
                          vpcdReader(slot), "--yes", "--json"},
                         json, dir_.path() / "session.err");
        ASSERT_EQ(ctl.wait(30s), 0) << readFile(dir_.path() / "session.err");
        const auto result =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFile(json))).object();
        token = result.value("token").toString().toStdString();
        code = result.value("activation_code").toString().toStdString();
        ASSERT_EQ(token.size(), 64u) << readFile(json);
        EXPECT_EQ(sim.orders(happyStudent).value("count").toInt(), 1) << "ordered exactly once";
    } // the card is pulled
    ASSERT_EQ(kiosk.wait(30s), 0) << readFile(kiosk.err);

    const auto ready = *shot(shots_, "ready");
    const auto decoded = zbar(ready);
    EXPECT_NE(std::find(decoded.begin(), decoded.end(), token), decoded.end())
        << "zbarimg found " << decoded.size() << " codes, none the issued token";
    // The text dumps see what is on screen, so their absence on idle below means something.
    const auto readyTexts = readFile(withExtension(ready, ".txt"));
    EXPECT_NE(readyTexts.find(code.substr(0, 4) + " " + code.substr(4, 4)), std::string::npos)
        << readyTexts;
    EXPECT_NE(readFile(withExtension(*shot(shots_, "confirm_order"), ".txt")).find("Zofia"),
              std::string::npos);

    EXPECT_EQ(shownScreens(shots_),
              (std::vector<std::string>{"idle", "reading", "confirm_order", "order_in_progress",
                                        "ready", "idle"}));
    const auto idleAfter = *shot(shots_, "idle", 2);
    expectNothingPersonal(idleAfter, token, code);
    const auto err = readFile(kiosk.err);
    EXPECT_EQ(err.find("Zofia"), std::string::npos) << "logs carry events only";
    EXPECT_EQ(err.find(token), std::string::npos);
    EXPECT_NE(err.find("event=session_started"), std::string::npos) << err;
}

TEST_F(KioskApp, cardRemovedOnConfirmScreen_idleWithoutPersonalDataAndNothingOrdered) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    auto kiosk = startKiosk(writeConfig(sim), false);
    {
        CardSim card(slot, card_);
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(waitForShot(shots_, "confirm_order", 30s)) << readFile(kiosk.err);
        const auto confirmTexts = readFile(withExtension(*shot(shots_, "confirm_order"), ".txt"));
        EXPECT_NE(confirmTexts.find("Zofia"), std::string::npos) << confirmTexts;
    }
    ASSERT_EQ(kiosk.wait(30s), 0) << readFile(kiosk.err);
    EXPECT_EQ(shownScreens(shots_),
              (std::vector<std::string>{"idle", "reading", "confirm_order", "idle"}));
    expectNothingPersonal(*shot(shots_, "idle", 2), "", "");
    EXPECT_EQ(sim.orders(happyStudent).value("count").toInt(), 0);
}

TEST_F(KioskApp, usosDown_serviceUnavailable_thenRecoversByItselfWhileCardIsIn) {
    UsosSimProcess sim(dir_.path() / "sim", {"--advance", "instant"});
    sim.control("POST", "/_sim/faults", {{"error_rate", "1"}});
    auto kiosk = startKiosk(writeConfig(sim), false);
    {
        CardSim card(slot, card_);
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(waitForShot(shots_, "service_unavailable", 30s)) << readFile(kiosk.err);
        sim.control("POST", "/_sim/reset");
        EXPECT_TRUE(waitForShot(shots_, "confirm_order", 30s)) << readFile(kiosk.err);
    }
    ASSERT_EQ(kiosk.wait(30s), 0) << readFile(kiosk.err);
    expectNothingPersonal(*shot(shots_, "idle", 2), "", "");
}

} // namespace els::testing

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
    ::setenv("QT_QUICK_BACKEND", "software", 1);
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new els::testing::PcscEnvironment);
    return RUN_ALL_TESTS();
}
