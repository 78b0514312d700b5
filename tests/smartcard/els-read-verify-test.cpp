// The certificate file is read only when EF.ELS's SignedData lacks the signer certificate:
// scripted transcripts of both kinds of card, each read and then verified.
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/image/test-pki.hpp"
#include "els/smartcard/verify.hpp"
#include "scripted-channel.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <optional>
#include <unistd.h>

using namespace els::smartcard;
using namespace els::smartcard::image;
using els::smartcard::testing::ScriptedChannel;

namespace {

const std::string selectAid = "00A4040C07D6160000300101";
const std::string selectEls = "00A4020C020002";
const std::string selectCert = "00A4020C020001";
const std::string readAllExtended = "00B00000000000";

class ReadThenVerify : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        pki_ = TestPki::generate();
        anchorFile_ = std::filesystem::temp_directory_path() /
                      ("els-read-verify-" + std::to_string(::getpid()) + ".pem");
        std::ofstream(anchorFile_) << pki_->ca.certificatePem();
        anchors_.emplace(TrustStore::load(anchorFile_));
    }
    static void TearDownTestSuite() {
        anchors_.reset();
        std::filesystem::remove(anchorFile_);
    }

    static CardImage card(bool embedSignerCertificate) {
        CardDescription description;
        description.embedSignerCertificate = embedSignerCertificate;
        return makeCardImage(description, pki_->signerEc);
    }

    static bool verifies(const ElsFiles& files) {
        return verifyEls(files.els, files.certificate, *anchors_, std::chrono::system_clock::now())
            .verified();
    }

    static inline std::optional<TestPki> pki_;
    static inline std::optional<TrustStore> anchors_;
    static inline std::filesystem::path anchorFile_;
};

} // namespace

TEST_F(ReadThenVerify, signerCertificateInTheSignedData_certificateFileIsNotRead) {
    const auto image = card(true);
    ASSERT_FALSE(image.certificateFile.empty()) << "the card has the file; it is just not needed";
    ScriptedChannel channel({{selectAid, "9000"},
                             {selectEls, "9000"},
                             {readAllExtended, toHex(image.elsFile) + "6282"}});
    const auto files = readElsFiles(channel);
    EXPECT_TRUE(channel.finished());
    EXPECT_EQ(files.apduCount, 3u);
    EXPECT_TRUE(files.certificate.empty());
    EXPECT_TRUE(verifies(files));
}

TEST_F(ReadThenVerify, signerCertificateOnlyInTheFile_certificateFileIsRead) {
    const auto image = card(false);
    ScriptedChannel channel({{selectAid, "9000"},
                             {selectEls, "9000"},
                             {readAllExtended, toHex(image.elsFile) + "6282"},
                             {selectCert, "9000"},
                             {readAllExtended, toHex(image.certificateFile) + "6282"}});
    const auto files = readElsFiles(channel);
    EXPECT_TRUE(channel.finished());
    EXPECT_EQ(files.apduCount, 5u);
    EXPECT_EQ(files.certificate, image.certificateFile);
    EXPECT_TRUE(verifies(files));
}

TEST_F(ReadThenVerify, signerCertificateCheck_needsASignedDataWithTheSignersCertificate) {
    EXPECT_TRUE(signedDataCarriesSignerCertificates(card(true).elsFile));
    EXPECT_TRUE(signedDataCarriesSignerCertificates(
        makeCardImage(CardDescription{}, pki_->signer).elsFile)); // RSA, issuer and serial
    EXPECT_FALSE(signedDataCarriesSignerCertificates(card(false).elsFile));
    EXPECT_FALSE(signedDataCarriesSignerCertificates(fromHex("3003020101")));
    EXPECT_FALSE(signedDataCarriesSignerCertificates({}));
}
