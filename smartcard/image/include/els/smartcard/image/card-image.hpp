#pragma once

#include "els/smartcard/bytes.hpp"
#include "els/smartcard/image/test-pki.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace els::smartcard::image {

enum class StringType { Utf8, Printable, Ia5, T61 };
enum class DateType { Generalized, Utc };
// Minimal: DER. Long: every length written as `82 HH LL`, as some personalisation tools do.
enum class LengthForm { Minimal, Long };

struct StringTypes {
    StringType chipSerial = StringType::Printable;
    StringType university = StringType::Utf8;
    StringType names = StringType::Utf8;
    StringType albumNumber = StringType::Printable;
    StringType universityCode = StringType::Printable;
    StringType pesel = StringType::Printable;
};

// A fake student's card. Defaults describe a valid card of a made-up person.
struct CardDescription {
    long version = 1;
    std::string chipSerial = "04A1B2C3D4E5F6";
    std::string university = "Uniwersytet Testowy w Krakowie";
    std::vector<std::string> surnames{"Testowa"};
    std::vector<std::string> givenNames{"Anna"};
    std::string albumNumber = "123456";
    std::string universityCode = "UTK01";
    std::string pesel = "01251712346"; // fake, checksum-valid: 2001-05-17, female
    std::chrono::year_month_day validUntil{std::chrono::year{2031}, std::chrono::March,
                                           std::chrono::day{31}};
    DateType dateType = DateType::Generalized;
    StringTypes stringTypes;
    LengthForm lengthForm = LengthForm::Minimal;
    bool embedSignerCertificate = true;                      // in the CMS certificates
    bool writeCertificateFile = true;                        // as EF 0001
    std::string contentTypeOid = "1.2.616.1.113527.2.4.1.1"; // made-up Polish-arc OID
};

// The content SEQUENCE of els-card.md, hand-encoded. Throws std::invalid_argument when a
// text does not fit its string type (e.g. "ł" as PrintableString, UTCTime beyond 2049).
Bytes encodeElsContent(const CardDescription& card);

// Attached CMS SignedData (DER) over `content`, signed by `signer`.
Bytes signElsContent(ByteView content, const Credential& signer,
                     const std::string& contentTypeOid = CardDescription{}.contentTypeOid,
                     bool embedSignerCertificate = true);

// The files of a card image, as els-card-sim serves them.
struct CardImage {
    Bytes elsFile;         // EF 0002
    Bytes certificateFile; // EF 0001; not written when empty
    Bytes atr;             // not written when empty (the simulator's default ATR applies)
};

CardImage makeCardImage(const CardDescription& card, const Credential& signer);

// Writes `0002`, `0001` and `atr` (raw bytes) into `directory`, creating it.
void writeCardImage(const std::filesystem::path& directory, const CardImage& image);

} // namespace els::smartcard::image
