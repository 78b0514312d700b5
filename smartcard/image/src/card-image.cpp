#include "els/smartcard/image/card-image.hpp"

#include "der-reader.hpp"
#include "openssl-handles.hpp"

#include <cstdio>
#include <fstream>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <stdexcept>
#include <string_view>

namespace els::smartcard::image {

namespace {

void appendTlv(Bytes& out, std::uint8_t tag, ByteView value, LengthForm form) {
    const std::size_t length = value.size();
    if (form == LengthForm::Long) {
        if (length > 0xFFFF)
            throw std::invalid_argument("element too long for the 82 HH LL form");
        out.insert(out.end(), {tag, 0x82, static_cast<std::uint8_t>(length >> 8),
                               static_cast<std::uint8_t>(length)});
    } else {
        der::appendHeader(out, tag, length);
    }
    out.insert(out.end(), value.begin(), value.end());
}

ByteView bytesOf(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

bool isPrintableStringChar(char c) {
    constexpr std::string_view extra = " '()+,-./:=?";
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           extra.find(c) != std::string_view::npos;
}

// UTF-8 to Latin-1, the way T61String is written in practice.
Bytes toLatin1(std::string_view text) {
    Bytes out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<std::uint8_t>(text[i]);
        if (b < 0x80) {
            out.push_back(b);
        } else if ((b == 0xC2 || b == 0xC3) && i + 1 < text.size()) {
            out.push_back(static_cast<std::uint8_t>((b & 0x03) << 6 |
                                                    (static_cast<std::uint8_t>(text[++i]) & 0x3F)));
        } else {
            throw std::invalid_argument("text does not fit a T61String (Latin-1): " +
                                        std::string(text));
        }
    }
    return out;
}

void appendString(Bytes& out, std::string_view text, StringType type, LengthForm form) {
    switch (type) {
    case StringType::Utf8:
        appendTlv(out, 0x0C, bytesOf(text), form);
        return;
    case StringType::Printable:
        for (const char c : text) {
            if (!isPrintableStringChar(c)) {
                throw std::invalid_argument("text does not fit a PrintableString: " +
                                            std::string(text));
            }
        }
        appendTlv(out, 0x13, bytesOf(text), form);
        return;
    case StringType::Ia5:
        for (const char c : text) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                throw std::invalid_argument("text does not fit an IA5String: " + std::string(text));
            }
        }
        appendTlv(out, 0x16, bytesOf(text), form);
        return;
    case StringType::T61:
        appendTlv(out, 0x14, toLatin1(text), form);
        return;
    }
}

void appendStringList(Bytes& out, const std::vector<std::string>& texts, StringType type,
                      LengthForm form) {
    Bytes items;
    for (const auto& text : texts)
        appendString(items, text, type, form);
    appendTlv(out, 0x30, items, form);
}

void appendDate(Bytes& out, std::chrono::year_month_day date, DateType type, LengthForm form) {
    const int year = static_cast<int>(date.year());
    const unsigned month = static_cast<unsigned>(date.month());
    const unsigned dayOfMonth = static_cast<unsigned>(date.day());
    char text[32];
    if (type == DateType::Generalized) {
        std::snprintf(text, sizeof text, "%04d%02u%02u000000Z", year, month, dayOfMonth);
        appendTlv(out, 0x18, bytesOf(text), form);
    } else {
        if (year < 1950 || year > 2049)
            throw std::invalid_argument("UTCTime holds only 1950..2049");
        std::snprintf(text, sizeof text, "%02d%02u%02u000000Z", year % 100, month, dayOfMonth);
        appendTlv(out, 0x17, bytesOf(text), form);
    }
}

void appendVersion(Bytes& out, long version, LengthForm form) {
    if (version < 0)
        throw std::invalid_argument("version must not be negative");
    Bytes value;
    for (long rest = version; rest != 0; rest >>= 8)
        value.insert(value.begin(), static_cast<std::uint8_t>(rest));
    if (value.empty() || value.front() & 0x80)
        value.insert(value.begin(), 0x00);
    appendTlv(out, 0x02, value, form);
}

[[noreturn]] void fail(const std::string& what) {
    ERR_clear_error();
    throw std::runtime_error("card image: " + what);
}

void writeFile(const std::filesystem::path& file, ByteView bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("card image: cannot write " + file.string());
}

} // namespace

Bytes encodeElsContent(const CardDescription& card) {
    const auto form = card.lengthForm;
    const auto& types = card.stringTypes;
    Bytes fields;
    appendVersion(fields, card.version, form);
    appendString(fields, card.chipSerial, types.chipSerial, form);
    appendString(fields, card.university, types.university, form);
    appendStringList(fields, card.surnames, types.names, form);
    appendStringList(fields, card.givenNames, types.names, form);
    appendString(fields, card.albumNumber, types.albumNumber, form);
    appendString(fields, card.universityCode, types.universityCode, form);
    appendString(fields, card.pesel, types.pesel, form);
    appendDate(fields, card.validUntil, card.dateType, form);
    Bytes content;
    appendTlv(content, 0x30, fields, form);
    return content;
}

Bytes signElsContent(ByteView content, const Credential& signer, const std::string& contentTypeOid,
                     bool embedSignerCertificate) {
    const unsigned char* certIn = signer.certificate.data();
    const ossl::Cert cert(d2i_X509(nullptr, &certIn, static_cast<long>(signer.certificate.size())));
    ossl::Bio keyBio(BIO_new_mem_buf(signer.privateKeyPem.data(),
                                     static_cast<int>(signer.privateKeyPem.size())));
    const ossl::PKey key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr)
                                : nullptr);
    if (!cert || !key)
        fail("unreadable signer credential");

    const unsigned flags =
        CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | (embedSignerCertificate ? 0 : CMS_NOCERTS);
    const ossl::Cms cms(CMS_sign(cert.get(), key.get(), nullptr, nullptr, flags));
    if (!cms)
        fail("CMS_sign failed");
    ASN1_OBJECT* oid = OBJ_txt2obj(contentTypeOid.c_str(), 1);
    const bool typeSet = oid && CMS_set1_eContentType(cms.get(), oid) == 1;
    ASN1_OBJECT_free(oid);
    if (!typeSet)
        fail("bad content-type OID " + contentTypeOid);
    ossl::Bio data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    if (!data || CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY) != 1)
        fail("CMS_final failed");

    const int length = i2d_CMS_ContentInfo(cms.get(), nullptr);
    if (length <= 0)
        fail("cannot encode CMS");
    Bytes der(static_cast<std::size_t>(length));
    unsigned char* out = der.data();
    i2d_CMS_ContentInfo(cms.get(), &out);
    return der;
}

CardImage makeCardImage(const CardDescription& card, const Credential& signer) {
    CardImage image;
    image.elsFile = signElsContent(encodeElsContent(card), signer, card.contentTypeOid,
                                   card.embedSignerCertificate);
    if (card.writeCertificateFile)
        image.certificateFile = signer.certificate;
    return image;
}

void writeCardImage(const std::filesystem::path& directory, const CardImage& image) {
    std::filesystem::create_directories(directory);
    writeFile(directory / "0002", image.elsFile);
    std::filesystem::remove(directory / "0001");
    std::filesystem::remove(directory / "atr");
    if (!image.certificateFile.empty())
        writeFile(directory / "0001", image.certificateFile);
    if (!image.atr.empty())
        writeFile(directory / "atr", image.atr);
}

} // namespace els::smartcard::image
