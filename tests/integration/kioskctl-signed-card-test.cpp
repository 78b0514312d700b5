// kioskctl read-card on signed test cards (els_cardimage) through pcscd + vpcd: the JSON a
// technician's script sees and the exit status for each verdict.
#include "card-sim.hpp"
#include "child-process.hpp"
#include "els/smartcard/image/card-image.hpp"
#include "pcsc-environment.hpp"

#include <fstream>
#include <gtest/gtest.h>

using namespace els::testing;
namespace image = els::smartcard::image;

namespace {

// Its stdout only: the JSON.
CommandResult readCard(const std::vector<std::string>& extra) {
    std::string command = KIOSKCTL_PATH " read-card --reader " + shellQuoted(vpcdReader(1));
    for (const auto& arg : extra)
        command += ' ' + shellQuoted(arg);
    return runShell(command + " 2>/dev/null");
}

class KioskctlSignedCard : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new image::TestPki(image::TestPki::generate()); }
    static void TearDownTestSuite() { delete pki_; }

    void SetUp() override {
        anchor_ = (dir_.path() / "ca.pem").string();
        std::ofstream(anchor_) << pki_->ca.certificatePem();
    }

    CommandResult read(const image::CardDescription& card, const image::Credential& signer,
                       std::vector<std::string> extra = {}) {
        const auto cardDir = dir_.path() / "card";
        image::writeCardImage(cardDir, image::makeCardImage(card, signer));
        CardSim sim(1, cardDir);
        if (!sim.insert())
            return {-1, "card not inserted"};
        extra.insert(extra.end(), {"--trust", anchor_});
        return readCard(extra);
    }

    static image::TestPki* pki_;
    TempDir dir_;
    std::string anchor_;
};

image::TestPki* KioskctlSignedCard::pki_ = nullptr;

} // namespace

TEST_F(KioskctlSignedCard, extendedCard_printsEveryJsonKeyAndExits0) {
    image::CardDescription card;
    card.surnames = {"Żółć-Gęślą", "Ąę"};
    card.givenNames = {"Łucja", "Maria \"Mały\""};
    const auto run = read(card, pki_->signer, {"--json", "--today", "2031-03-31"});
    EXPECT_EQ(run.status, 0) << run.output;
    const std::string expected =
        "\"surnames\":[\"Żółć-Gęślą\",\"Ąę\"],\"given_names\":[\"Łucja\",\"Maria \\\"Mały\\\"\"]";
    EXPECT_NE(run.output.find(expected), std::string::npos) << run.output;
    for (const char* key :
         {"\"signature\":\"valid\"", "\"trusted\":true",
          "\"signer\":", "\"chip_serial\":\"04A1B2C3D4E5F6\"",
          "\"university\":", "\"album_number\":\"123456\"", "\"university_code\":\"UTK01\"",
          "\"pesel\":\"01251712346\"", "\"valid_until\":\"2031-03-31\"", "\"extended\":true",
          "\"content_type\":\"1.2.616.1.113527.2.4.1.1\"", "\"apdu_count\":3}"}) {
        EXPECT_NE(run.output.find(key), std::string::npos) << key << " in " << run.output;
    }
}

TEST_F(KioskctlSignedCard, dayAfterValidity_exits3) {
    const auto run = read({}, pki_->signer, {"--json", "--today", "2031-04-01"});
    EXPECT_EQ(run.status, 3) << run.output;
    EXPECT_NE(run.output.find("\"extended\":false"), std::string::npos) << run.output;
}

TEST_F(KioskctlSignedCard, foreignSigner_exits4) {
    const auto run = read({}, pki_->foreignSigner, {"--today", "2030-01-01"});
    EXPECT_EQ(run.status, 4) << run.output;
}
