#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/image/pesel.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <unistd.h>

using namespace els::smartcard;
using namespace els::smartcard::image;
using namespace std::chrono;

namespace {
Bytes readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
} // namespace

TEST(Pesel, fakePesel_encodesDateSexAndCheckDigit) {
    EXPECT_EQ(fakePesel(year{2001} / May / 17, 617, Sex::Female), "01251712346");
    EXPECT_EQ(fakePesel(year{1899} / December / 31, 0, Sex::Male).substr(0, 6), "999231");
    EXPECT_EQ(fakePesel(year{2150} / January / 2, 0, Sex::Male).substr(0, 6), "504102");
    EXPECT_EQ((fakePesel(year{1990} / June / 1, 3, Sex::Male)[9] - '0') % 2, 1);
    EXPECT_EQ((fakePesel(year{1990} / June / 1, 3, Sex::Female)[9] - '0') % 2, 0);
}

TEST(Pesel, everyFakePesel_isValid) {
    for (unsigned serial = 0; serial < 5000; serial += 7) {
        for (const Sex sex : {Sex::Female, Sex::Male}) {
            EXPECT_TRUE(isValidPesel(fakePesel(year{1985} / February / 28, serial, sex)));
            EXPECT_TRUE(isValidPesel(fakePesel(year{2004} / February / 29, serial, sex)));
        }
    }
}

TEST(Pesel, wrongNumbers_areInvalid) {
    EXPECT_FALSE(isValidPesel("01251712345")); // check digit
    EXPECT_FALSE(isValidPesel("0125171234"));  // length
    EXPECT_FALSE(isValidPesel("0125171234a"));
    EXPECT_FALSE(isValidPesel("01333012346")); // month 13 of the 2000s
    EXPECT_FALSE(isValidPesel("01023012346")); // 30 February 1901 (check digit right)
    EXPECT_THROW(fakePesel(year{1799} / May / 1, 1, Sex::Male), std::invalid_argument);
    EXPECT_THROW(fakePesel(year{2000} / May / 1, 5000, Sex::Male), std::invalid_argument);
}

TEST(CardImageEncoding, textsThatDoNotFitTheirType_areRejected) {
    CardDescription card;
    card.pesel = "0125171234ł";
    EXPECT_THROW(encodeElsContent(card), std::invalid_argument);
    card = {};
    card.stringTypes.names = StringType::T61;
    card.surnames = {"Łęcka"};
    EXPECT_THROW(encodeElsContent(card), std::invalid_argument);
    card = {};
    card.dateType = DateType::Utc;
    card.validUntil = year{2050} / March / 31;
    EXPECT_THROW(encodeElsContent(card), std::invalid_argument);
}

TEST(CardImageEncoding, defaultCard_isTheExpectedDer) {
    const Bytes content = encodeElsContent(CardDescription{});
    ASSERT_EQ(content.size(), static_cast<std::size_t>(content.at(1)) + 2); // short form
    // SEQUENCE { INTEGER 1, PrintableString "04A1B2C3D4E5F6", UTF8String "Uniwersytet...
    EXPECT_EQ(toHex(ByteView(content).subspan(2, 23)),
              "020101130E30344131423243334434453546360C1E556E");
}

TEST(CardImageFiles, writeCardImage_writesFilesNamedByFid) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("els-card-image-test-" + std::to_string(::getpid()));
    const CardImage image{{0x30, 0x00}, {0x30, 0x01, 0x00}, {0x3B, 0x00}};
    writeCardImage(dir, image);
    EXPECT_EQ(readFile(dir / "0002"), image.elsFile);
    EXPECT_EQ(readFile(dir / "0001"), image.certificateFile);
    EXPECT_EQ(readFile(dir / "atr"), image.atr);
    writeCardImage(dir, CardImage{{0x30, 0x00}, {}, {}});
    EXPECT_FALSE(std::filesystem::exists(dir / "0001"));
    EXPECT_FALSE(std::filesystem::exists(dir / "atr"));
    std::filesystem::remove_all(dir);
}

TEST(TestPkiFiles, savedCredentials_loadBack) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("els-pki-test-" + std::to_string(::getpid()));
    const TestPki pki = TestPki::generate();
    pki.save(dir);
    for (const auto& [name, credential] : {std::pair{"ca", &pki.ca},
                                           {"signer", &pki.signer},
                                           {"signer-ec", &pki.signerEc},
                                           {"foreign-signer", &pki.foreignSigner},
                                           {"expired-signer", &pki.expiredSigner}}) {
        const Credential loaded = TestPki::loadCredential(dir, name);
        EXPECT_EQ(loaded.certificate, credential->certificate) << name;
        EXPECT_EQ(loaded.privateKeyPem, credential->privateKeyPem) << name;
    }
    EXPECT_THROW(TestPki::loadCredential(dir, "nobody"), std::runtime_error);
    std::filesystem::remove_all(dir);
}
