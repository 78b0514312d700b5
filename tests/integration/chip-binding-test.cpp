// A cloned card through the real stack (libpcsclite -> pcscd -> vpcd -> els-card-sim): the
// copy's EF.ELS verifies like the original, and only the chip-serial binding tells them apart.
#include "card-sim.hpp"
#include "els/smartcard/chip-serial.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/pcsc.hpp"
#include "els/smartcard/verify.hpp"
#include "pcsc-environment.hpp"

#include <fstream>
#include <gtest/gtest.h>

using namespace els::smartcard;
using namespace els::testing;
namespace image = els::smartcard::image;

namespace {

constexpr auto signedSerial = "04A1B2C3D4E5F6";

class ChipBindingThroughPcscd : public ::testing::Test {
protected:
    static void SetUpTestSuite() { pki_ = new image::TestPki(image::TestPki::generate()); }
    static void TearDownTestSuite() { delete pki_; }

    void SetUp() override {
        image::CardDescription victim;
        victim.chipSerial = signedSerial;
        // The attacker's card holds the victim's files byte for byte.
        image::writeCardImage(dir_.path() / "card", image::makeCardImage(victim, pki_->signer));
        std::ofstream(dir_.path() / "ca.pem") << pki_->ca.certificatePem();
    }

    // Reads the card in slot 0 the way a kiosk with [clone] chip_serial_apdu = 00CA010000
    // does, verifies it, and compares the chip's answer with the signed serial.
    ChipBinding insertAndCheck(std::vector<std::string> simOptions) {
        CardSim sim(0, dir_.path() / "card", std::move(simOptions));
        EXPECT_TRUE(sim.insert());
        const Context context;
        auto card = context.connect(sim.reader());
        ReadOptions options;
        options.chipSerialCommand = parseCommandApdu(fromHex("00CA010000"));
        const auto files = readElsFiles(card, options);
        const auto anchors = TrustStore::load(dir_.path() / "ca.pem");
        const auto verified =
            verifyEls(files.els, files.certificate, anchors, std::chrono::system_clock::now());
        EXPECT_TRUE(verified.verified()) << verified.problem; // a perfect copy verifies
        EXPECT_EQ(verified.data.chipSerial, signedSerial);
        EXPECT_TRUE(files.chipSerial);
        return files.chipSerial ? chipBinding(*files.chipSerial, verified.data.chipSerial)
                                : ChipBinding::NotAnswered;
    }

    static image::TestPki* pki_;
    TempDir dir_;
};

image::TestPki* ChipBindingThroughPcscd::pki_ = nullptr;

} // namespace

TEST_F(ChipBindingThroughPcscd, genuineCard_chipAnswersTheSignedSerial) {
    EXPECT_EQ(insertAndCheck({"--chip-serial-hex", signedSerial}), ChipBinding::Matches);
}

TEST_F(ChipBindingThroughPcscd, genuineT0Card_chipAnswersTheSignedSerialByGetResponse) {
    EXPECT_EQ(insertAndCheck({"--t0", "--chip-serial-hex", signedSerial}), ChipBinding::Matches);
}

TEST_F(ChipBindingThroughPcscd, cloneOnAnotherChip_isDetected) {
    EXPECT_EQ(insertAndCheck({"--chip-serial-hex", "04FFEEDDCCBBAA"}), ChipBinding::Differs);
}

TEST_F(ChipBindingThroughPcscd, cloneOnABlankCardWithoutTheCommand_isDetected) {
    EXPECT_EQ(insertAndCheck({}), ChipBinding::NotAnswered);
}
