#include "els/smartcard/error.hpp"
#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/verify.hpp"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <optional>
#include <unistd.h>

using namespace els::smartcard;
using namespace els::smartcard::image;
using namespace std::chrono;

namespace {

void writeText(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

Bytes bytesOf(const std::string& text) {
    return {text.begin(), text.end()};
}

// Finds `needle` in `haystack`; the tests flip bytes inside the signed content by locating it.
std::size_t find(const Bytes& haystack, std::string_view needle) {
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end());
    return it == haystack.end() ? std::string::npos
                                : static_cast<std::size_t>(it - haystack.begin());
}

} // namespace

class Verify : public testing::Test {
protected:
    // Key generation is the slow part: one PKI for the whole binary.
    static void SetUpTestSuite() {
        pki_ = TestPki::generate();
        dir_ = std::filesystem::temp_directory_path() /
               ("els-verify-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_ / "anchors");
        writeText(dir_ / "anchors" / "ca.pem", pki_->ca.certificatePem());
        writeText(dir_ / "anchors" / "ignored.txt", pki_->foreignCa.certificatePem());
        anchors_.emplace(TrustStore::load(dir_ / "anchors" / "ca.pem"));
    }
    static void TearDownTestSuite() {
        anchors_.reset();
        std::filesystem::remove_all(dir_);
    }

    static VerifiedEls verify(const CardImage& image,
                              system_clock::time_point at = system_clock::now()) {
        return verifyEls(image.elsFile, image.certificateFile, *anchors_, at);
    }

    static void expectMalformed(const Bytes& elsFile) {
        try {
            verifyEls(elsFile, {}, *anchors_, system_clock::now());
            ADD_FAILURE() << "accepted " << elsFile.size() << " bytes";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::MalformedData) << e.what();
        }
    }

    static inline std::optional<TestPki> pki_;
    static inline std::optional<TrustStore> anchors_;
    static inline std::filesystem::path dir_;
};

TEST_F(Verify, rsaSignedCard_isVerified_withEveryField) {
    CardDescription card;
    card.givenNames = {"Łucja", "Żaneta"};
    const VerifiedEls result = verify(makeCardImage(card, pki_->signer));
    EXPECT_TRUE(result.signatureValid);
    EXPECT_TRUE(result.trusted);
    EXPECT_TRUE(result.verified());
    EXPECT_EQ(result.problem, "");
    EXPECT_EQ(result.data, parseElsContent(encodeElsContent(card)));
    EXPECT_NE(result.signerSubject.find("CN=ELS Test Signer RSA"), std::string::npos)
        << result.signerSubject;
    EXPECT_EQ(result.contentType, "1.2.616.1.113527.2.4.1.1");
}

TEST_F(Verify, ecdsaSignedCard_isVerified) {
    const VerifiedEls result = verify(makeCardImage(CardDescription{}, pki_->signerEc));
    EXPECT_TRUE(result.verified()) << result.problem;
    EXPECT_NE(result.signerSubject.find("ELS Test Signer EC"), std::string::npos);
}

TEST_F(Verify, anyContentType_isAcceptedAndReported) {
    CardDescription card;
    card.contentTypeOid = "1.2.840.113549.1.7.1";
    const VerifiedEls result = verify(makeCardImage(card, pki_->signerEc));
    EXPECT_TRUE(result.verified()) << result.problem;
    EXPECT_EQ(result.contentType, "1.2.840.113549.1.7.1");
}

TEST_F(Verify, everyCardVariant_isVerified) {
    CardDescription longNames;
    longNames.surnames = {std::string(300, 'z') + "źż"};
    CardDescription utc;
    utc.dateType = DateType::Utc;
    CardDescription longForm;
    longForm.lengthForm = LengthForm::Long;
    CardDescription t61;
    t61.stringTypes.names = StringType::T61;
    t61.surnames = {"Müller"};
    for (const auto& card : {longNames, utc, longForm, t61}) {
        const VerifiedEls result = verify(makeCardImage(card, pki_->signerEc));
        EXPECT_TRUE(result.verified()) << result.problem;
        EXPECT_EQ(result.data.surnames, card.surnames);
    }
}

TEST_F(Verify, expiredValidityDate_isVerifiedButNotExtended) {
    CardDescription card;
    card.validUntil = year{2020} / March / 31;
    const VerifiedEls result = verify(makeCardImage(card, pki_->signer));
    EXPECT_TRUE(result.verified());
    EXPECT_FALSE(isExtended(result.data, year{2024} / October / 1));
    EXPECT_TRUE(isExtended(result.data, year{2020} / March / 31));
}

TEST_F(Verify, tamperedContent_failsSignature_butStillShowsData) {
    CardImage image = makeCardImage(CardDescription{}, pki_->signerEc);
    const std::size_t at = find(image.elsFile, "Testowa");
    ASSERT_NE(at, std::string::npos);
    image.elsFile[at] = 'B';
    const VerifiedEls result = verify(image);
    EXPECT_FALSE(result.signatureValid);
    EXPECT_FALSE(result.verified());
    EXPECT_EQ(result.data.surnames.front(), "Bestowa");
    EXPECT_NE(result.problem.find("signature"), std::string::npos) << result.problem;
}

TEST_F(Verify, tamperedSignatureValue_failsSignature) {
    CardImage image =
        makeCardImage(CardDescription{}, pki_->signer); // RSA: last bytes are the signature
    image.elsFile.back() ^= 0x01;
    EXPECT_FALSE(verify(image).signatureValid);
}

TEST_F(Verify, foreignSigner_hasValidSignature_butIsNotTrusted) {
    const VerifiedEls result = verify(makeCardImage(CardDescription{}, pki_->foreignSigner));
    EXPECT_TRUE(result.signatureValid);
    EXPECT_FALSE(result.trusted);
    EXPECT_NE(result.problem.find("trust anchor"), std::string::npos) << result.problem;
}

TEST_F(Verify, expiredSigner_isNotTrusted) {
    const VerifiedEls result = verify(makeCardImage(CardDescription{}, pki_->expiredSigner));
    EXPECT_TRUE(result.signatureValid);
    EXPECT_FALSE(result.trusted);
    EXPECT_NE(result.problem.find("expired"), std::string::npos) << result.problem;
}

TEST_F(Verify, signerCertificateOnlyInCertificateFile_isVerified) {
    CardDescription card;
    card.embedSignerCertificate = false;
    const CardImage image = makeCardImage(card, pki_->signer);
    EXPECT_TRUE(verify(image).verified()) << verify(image).problem;

    CardImage pem = image;
    pem.certificateFile = bytesOf(pki_->signer.certificatePem());
    EXPECT_TRUE(verify(pem).verified());

    CardImage padded = image;
    padded.certificateFile.resize(padded.certificateFile.size() + 100, 0xFF);
    EXPECT_TRUE(verify(padded).verified());
}

TEST_F(Verify, noSignerCertificateAnywhere_cannotCheckSignature) {
    CardDescription card;
    card.embedSignerCertificate = false;
    card.writeCertificateFile = false;
    const VerifiedEls result = verify(makeCardImage(card, pki_->signer));
    EXPECT_FALSE(result.signatureValid);
    EXPECT_FALSE(result.trusted);
    EXPECT_EQ(result.data.pesel, card.pesel);
    EXPECT_NE(result.problem.find("neither"), std::string::npos) << result.problem;
}

TEST_F(Verify, wrongOrGarbledCertificateFile_cannotCheckSignature) {
    CardDescription card;
    card.embedSignerCertificate = false;
    CardImage image = makeCardImage(card, pki_->signer);
    image.certificateFile = pki_->signerEc.certificate;
    EXPECT_FALSE(verify(image).signatureValid);
    image.certificateFile = {0x30, 0x03, 0x02, 0x01, 0x01};
    const VerifiedEls garbled = verify(image);
    EXPECT_FALSE(garbled.signatureValid);
    EXPECT_NE(garbled.problem.find("could not be parsed"), std::string::npos) << garbled.problem;
}

TEST_F(Verify, chainIsCheckedAtTheGivenTime_evenAfterASuccess) {
    const CardImage image = makeCardImage(CardDescription{}, pki_->signerEc);
    ASSERT_TRUE(verify(image).trusted); // remembered as a good chain
    const VerifiedEls later = verify(image, system_clock::now() + years{20});
    EXPECT_TRUE(later.signatureValid);
    EXPECT_FALSE(later.trusted);
    EXPECT_NE(later.problem.find("expired"), std::string::npos) << later.problem;
    const VerifiedEls earlier = verify(image, system_clock::now() - days{30});
    EXPECT_FALSE(earlier.trusted);
    EXPECT_NE(earlier.problem.find("not yet valid"), std::string::npos) << earlier.problem;
}

TEST_F(Verify, everyTruncation_isMalformed) {
    const Bytes file = makeCardImage(CardDescription{}, pki_->signerEc).elsFile;
    for (std::size_t size = 0; size < file.size(); size += 7) {
        expectMalformed(Bytes(file.begin(), file.begin() + static_cast<long>(size)));
    }
}

TEST_F(Verify, paddingAfterTheDocument_isIgnored_butGarbageIsMalformed) {
    CardImage image = makeCardImage(CardDescription{}, pki_->signerEc);
    image.elsFile.resize(image.elsFile.size() + 64, 0x00);
    EXPECT_TRUE(verify(image).verified());
    image.elsFile.push_back(0x42);
    expectMalformed(image.elsFile);
}

TEST_F(Verify, notSignedData_isMalformed) {
    expectMalformed(fromHex("3011 0609 2A864886F70D010701 A004 0402 3000")); // CMS Data
    expectMalformed(fromHex("3003 020101"));
    expectMalformed(encodeElsContent(CardDescription{})); // the bare content, unsigned
}

TEST_F(Verify, signedGarbageContent_isMalformed) {
    expectMalformed(signElsContent(fromHex("0401FF"), pki_->signerEc));
}

TEST_F(Verify, everySingleByteCorruption_neverCrashes_andNeverVerifiesChangedContent) {
    const CardImage image = makeCardImage(CardDescription{}, pki_->signerEc);
    const ElsData original = parseElsContent(encodeElsContent(CardDescription{}));
    for (std::size_t i = 0; i < image.elsFile.size(); ++i) {
        CardImage corrupted = image;
        corrupted.elsFile[i] ^= 0x5A;
        try {
            const VerifiedEls result = verify(corrupted);
            if (result.signatureValid) {
                EXPECT_EQ(result.data, original) << "byte " << i;
            }
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::MalformedData);
        }
    }
}

TEST_F(Verify, trustStore_loadsDirectories_andRejectsEmptyOrMissingPaths) {
    EXPECT_EQ(TrustStore::load(dir_ / "anchors").size(), 1u); // *.txt is not an anchor file
    writeText(dir_ / "two.pem", pki_->ca.certificatePem() + pki_->foreignCa.certificatePem());
    const TrustStore both = TrustStore::load(dir_ / "two.pem");
    EXPECT_EQ(both.size(), 2u);
    EXPECT_TRUE(verifyEls(makeCardImage(CardDescription{}, pki_->foreignSigner).elsFile, {}, both,
                          system_clock::now())
                    .verified());

    writeText(dir_ / "empty.pem", "");
    std::filesystem::create_directories(dir_ / "empty-dir");
    for (const auto& path : {dir_ / "empty.pem", dir_ / "empty-dir", dir_ / "missing.pem"}) {
        try {
            TrustStore::load(path);
            ADD_FAILURE() << path;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
        }
    }
}
