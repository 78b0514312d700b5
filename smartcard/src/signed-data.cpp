#include "signed-data.hpp"

#include "der-reader.hpp"
#include "els/smartcard/error.hpp"

#include <algorithm>

namespace els::smartcard {

namespace {

constexpr std::uint8_t objectIdentifier = 0x06;
constexpr std::uint8_t contextZero = 0xA0; // [0], constructed

void append(Bytes& out, ByteView bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

Bytes wrap(std::uint8_t tag, const Bytes& value) {
    Bytes out;
    out.reserve(value.size() + 6);
    der::appendHeader(out, tag, value.size());
    append(out, value);
    return out;
}

} // namespace

std::optional<SplitSignedData> splitCertificates(ByteView elsFile) {
    try {
        der::Reader file(elsFile);
        const der::Tlv contentInfo = file.next();
        if (contentInfo.tag != der::Sequence ||
            !der::isFill(elsFile.subspan(contentInfo.encoded.size()))) {
            return std::nullopt;
        }
        der::Reader info(contentInfo.value);
        const der::Tlv contentType = info.next();
        const der::Tlv explicitContent = info.next();
        if (contentType.tag != objectIdentifier || explicitContent.tag != contextZero ||
            !info.atEnd()) {
            return std::nullopt;
        }
        der::Reader explicitReader(explicitContent.value);
        const der::Tlv signedData = explicitReader.next();
        if (signedData.tag != der::Sequence || !explicitReader.atEnd())
            return std::nullopt;

        der::Reader fields(signedData.value);
        const der::Tlv version = fields.next();
        const der::Tlv digestAlgorithms = fields.next();
        const der::Tlv encapsulated = fields.next();
        if (fields.atEnd() || fields.peekTag() != contextZero)
            return std::nullopt;
        const der::Tlv certificates = fields.next();

        SplitSignedData split;
        der::Reader certificateReader(certificates.value);
        while (!certificateReader.atEnd()) {
            const der::Tlv certificate = certificateReader.next();
            // Attribute and "other" certificate choices are left to OpenSSL.
            if (certificate.tag != der::Sequence)
                return std::nullopt;
            split.certificates.push_back(certificate.encoded);
        }
        const auto afterCertificates = static_cast<std::size_t>(
            certificates.encoded.data() + certificates.encoded.size() - signedData.value.data());

        Bytes body;
        body.reserve(signedData.value.size());
        append(body, version.encoded);
        append(body, digestAlgorithms.encoded);
        append(body, encapsulated.encoded);
        append(body, signedData.value.subspan(afterCertificates));
        Bytes contentInfoBody(contentType.encoded.begin(), contentType.encoded.end());
        append(contentInfoBody, wrap(contextZero, wrap(der::Sequence, body)));
        split.withoutCertificates = wrap(der::Sequence, contentInfoBody);
        return split;
    } catch (const Error&) {
        return std::nullopt;
    }
}

} // namespace els::smartcard
