// els-kiosk end to end, offscreen: a signed card of the seed's happy student in vpcd slot 0
// (els-card-sim through pcscd), the real usos-sim over HTTPS, and the real app writing a PNG
// and the visible texts of every screen. The QR on the ready screen is decoded by zbarimg, an
// independent decoder, and must equal the token USOS issued.
#include "card-sim.hpp"
#include "child-process.hpp"
#include "kiosk-app-process.hpp"
#include "pcsc-environment.hpp"
#include "usos-sim-process.hpp"

#include <QCoreApplication>
#include <QJsonDocument>
#include <algorithm>
#include <gtest/gtest.h>
#include <optional>
#include <sstream>

namespace els::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr int slot = 0;
constexpr auto happyStudent = "100001";

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
        app_.emplace(ELS_KIOSK_PATH, happyStudent);
    }

    fs::path writeConfig(const UsosSimProcess& sim) const {
        return app_->writeConfig(sim, slot, 60);
    }

    // `personalTexts`: the screenshot texts keep the student's name, token and code, for tests
    // that check the screen shows them.
    ChildProcess startKiosk(const fs::path& config, bool autoConfirm, bool personalTexts = false) {
        std::vector<std::string> options{"--exit-when-idle-after-session"};
        if (autoConfirm)
            options.emplace_back("--auto-confirm");
        if (personalTexts)
            options.emplace_back("--screenshot-personal-texts");
        auto process = app_->start(config, options);
        // The idle screen is the first shot; after it the card monitor is listening.
        EXPECT_TRUE(app_->waitForShot("idle", 20s)) << kioskErr();
        return process;
    }

    std::string kioskErr() const { return readFile(app_->errFile()); }

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

    std::optional<KioskAppRig> app_;
};

} // namespace

TEST_F(KioskApp, wholeSession_qrOnScreenIsTheIssuedToken_idleAfterRemovalShowsNothingPersonal) {
    UsosSimProcess sim(app_->dir() / "sim", {"--advance", "instant"});
    const auto config = writeConfig(sim);
    auto kiosk = startKiosk(config, true, true);
    std::string token, code;
    {
        CardSim card(slot, app_->card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(app_->waitForShot("ready", 30s)) << kioskErr();
        // The same order through an independent path: kioskctl reads the existing ready order.
        const auto json = app_->dir() / "session.json";
        ChildProcess ctl(spawnProcess({KIOSKCTL_PATH, "session", "--config", config.string(),
                                       "--reader", vpcdReader(slot), "--yes", "--json"},
                                      "/dev/null", json, app_->dir() / "session.err"));
        ASSERT_EQ(ctl.wait(30s), 0) << readFile(app_->dir() / "session.err");
        const auto result =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFile(json))).object();
        token = result.value("token").toString().toStdString();
        code = result.value("activation_code").toString().toStdString();
        ASSERT_EQ(token.size(), 64u) << readFile(json);
        EXPECT_EQ(sim.orders(happyStudent).value("count").toInt(), 1) << "ordered exactly once";
    } // the card is pulled
    ASSERT_EQ(kiosk.wait(30s), 0) << kioskErr();

    const auto ready = *app_->shot("ready");
    const auto decoded = zbar(ready);
    EXPECT_NE(std::find(decoded.begin(), decoded.end(), token), decoded.end())
        << "zbarimg found " << decoded.size() << " codes, none the issued token";
    // The text dumps see what is on screen, so their absence on idle below means something.
    const auto readyTexts = readFile(withExtension(ready, ".txt"));
    EXPECT_NE(readyTexts.find(code.substr(0, 4) + " " + code.substr(4, 4)), std::string::npos)
        << readyTexts;
    EXPECT_NE(readFile(withExtension(*app_->shot("confirm_order"), ".txt")).find("Zofia"),
              std::string::npos);

    EXPECT_EQ(app_->shownScreens(),
              (std::vector<std::string>{"idle", "reading", "confirm_order", "order_in_progress",
                                        "ready", "idle"}));
    const auto idleAfter = *app_->shot("idle", 2);
    expectNothingPersonal(idleAfter, token, code);
    const auto err = kioskErr();
    EXPECT_EQ(err.find("Zofia"), std::string::npos) << "logs carry events only";
    EXPECT_EQ(err.find(token), std::string::npos);
    EXPECT_NE(err.find("event=session_started"), std::string::npos) << err;
}

TEST_F(KioskApp, cardRemovedOnConfirmScreen_idleWithoutPersonalDataAndNothingOrdered) {
    UsosSimProcess sim(app_->dir() / "sim", {"--advance", "instant"});
    auto kiosk = startKiosk(writeConfig(sim), false, true);
    {
        CardSim card(slot, app_->card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(app_->waitForShot("confirm_order", 30s)) << kioskErr();
        const auto confirmTexts = readFile(withExtension(*app_->shot("confirm_order"), ".txt"));
        EXPECT_NE(confirmTexts.find("Zofia"), std::string::npos) << confirmTexts;
    }
    ASSERT_EQ(kiosk.wait(30s), 0) << kioskErr();
    EXPECT_EQ(app_->shownScreens(),
              (std::vector<std::string>{"idle", "reading", "confirm_order", "idle"}));
    expectNothingPersonal(*app_->shot("idle", 2), "", "");
    EXPECT_EQ(sim.orders(happyStudent).value("count").toInt(), 0);
}

TEST_F(KioskApp, usosDown_serviceUnavailable_thenRecoversByItselfWhileCardIsIn) {
    UsosSimProcess sim(app_->dir() / "sim", {"--advance", "instant"});
    sim.control("POST", "/_sim/faults", {{"error_rate", "1"}});
    auto kiosk = startKiosk(writeConfig(sim), false);
    {
        CardSim card(slot, app_->card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(app_->waitForShot("service_unavailable", 30s)) << kioskErr();
        sim.control("POST", "/_sim/reset");
        EXPECT_TRUE(app_->waitForShot("confirm_order", 30s)) << kioskErr();
    }
    ASSERT_EQ(kiosk.wait(30s), 0) << kioskErr();
    expectNothingPersonal(*app_->shot("idle", 2), "", "");
}

TEST_F(KioskApp, screenshotFiles_ownerOnly_nothingPersonalUnlessAsked_noTemporaryFilesLeft) {
    UsosSimProcess sim(app_->dir() / "sim", {"--advance", "instant"});
    auto kiosk = startKiosk(writeConfig(sim), true);
    {
        CardSim card(slot, app_->card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(app_->waitForShot("ready", 30s)) << kioskErr();
    }
    ASSERT_EQ(kiosk.wait(30s), 0) << kioskErr();
    const auto ready = *app_->shot("ready");
    const auto decoded = zbar(ready);
    ASSERT_FALSE(decoded.empty()) << "the QR is still in the PNG";
    for (const auto* screen : {"confirm_order", "ready"}) {
        const auto texts = readFile(withExtension(*app_->shot(screen), ".txt"));
        EXPECT_NE(texts.find("[personal]"), std::string::npos) << texts;
        EXPECT_EQ(texts.find("Zofia"), std::string::npos) << texts;
        for (const auto& token : decoded) // the issued token; the other QR is mObywatel's link
            if (token.size() == 64) {
                EXPECT_EQ(texts.find(token.substr(0, 16)), std::string::npos) << texts;
            }
    }
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(ready.parent_path())) {
        ++files;
        const auto name = entry.path().filename().string();
        EXPECT_TRUE(name.ends_with(".png") || name.ends_with(".txt")) << "left behind: " << name;
        EXPECT_EQ(entry.status().permissions() & (fs::perms::group_all | fs::perms::others_all),
                  fs::perms::none)
            << name;
    }
    EXPECT_EQ(files, 2 * app_->shownScreens().size());
}

TEST_F(KioskApp, screenshotThatCannotBeSaved_leavesNoPartialFile) {
    // A directory where the first PNG should go: the rename into place fails.
    const auto shots = app_->dir() / "shots";
    fs::create_directories(shots / "01-idle.png");
    UsosSimProcess sim(app_->dir() / "sim", {"--advance", "instant"});
    auto kiosk = startKiosk(writeConfig(sim), false);
    {
        CardSim card(slot, app_->card());
        ASSERT_TRUE(card.insert());
        ASSERT_TRUE(app_->waitForShot("confirm_order", 30s)) << kioskErr();
    }
    ASSERT_EQ(kiosk.wait(30s), 0) << kioskErr();
    for (const auto& entry : fs::directory_iterator(shots)) {
        const auto name = entry.path().filename().string();
        EXPECT_TRUE(name.ends_with(".png") || name.ends_with(".txt")) << "left behind: " << name;
    }
    EXPECT_NE(kioskErr().find("saved=false"), std::string::npos) << kioskErr();
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
