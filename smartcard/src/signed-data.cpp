#include "signed-data.hpp"

#include "der-reader.hpp"
#include "els/smartcard/error.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace els::smartcard {

namespace {

constexpr std::uint8_t objectIdentifier = 0x06;
constexpr std::uint8_t octetString = 0x04;
constexpr std::uint8_t set = 0x31;
constexpr std::uint8_t contextZero = 0xA0;          // [0], constructed
constexpr std::uint8_t contextOne = 0xA1;           // [1], constructed
constexpr std::uint8_t contextZeroPrimitive = 0x80; // [0] IMPLICIT OCTET STRING

// 1.2.840.113549.1.7.2
constexpr std::array<std::uint8_t, 9> signedDataOid{0x2A, 0x86, 0x48, 0x86, 0xF7,
                                                    0x0D, 0x01, 0x07, 0x02};

[[noreturn]] void malformed(const std::string& why) {
    throw Error(ErrorCode::MalformedData, "malformed ELS data: " + why);
}

ByteView expectOid(der::Reader& reader, const char* what) {
    const ByteView oid = reader.expect(objectIdentifier, what).value;
    if (dottedOid(oid).empty())
        malformed(std::string(what) + " is not a valid object identifier");
    return oid;
}

AlgorithmId readAlgorithm(der::Reader& reader, const char* what) {
    der::Reader fields(reader.expect(der::Sequence, what).value);
    AlgorithmId algorithm{expectOid(fields, what), {}};
    if (!fields.atEnd())
        algorithm.parameters = fields.next().encoded;
    fields.expectEnd(what);
    return algorithm;
}

SignerInfo readSignerInfo(ByteView encoded) {
    der::Reader fields(encoded);
    SignerInfo signer;
    fields.expect(der::Integer, "SignerInfo version");
    if (fields.atEnd())
        malformed("SignerInfo ends before its signer identifier");
    const der::Tlv sid = fields.next();
    if (sid.tag == der::Sequence) {
        der::Reader issuerAndSerial(sid.value);
        signer.issuer = issuerAndSerial.expect(der::Sequence, "signer issuer").encoded;
        signer.serialNumber = issuerAndSerial.expect(der::Integer, "signer serial number").value;
        issuerAndSerial.expectEnd("the signer's issuer and serial number");
    } else if (sid.tag == contextZeroPrimitive) {
        signer.subjectKeyIdentifier = sid.value;
    } else {
        malformed("unknown signer identifier choice");
    }
    if (signer.serialNumber.empty() && signer.subjectKeyIdentifier.empty())
        malformed("empty signer identifier");
    signer.digestAlgorithm = readAlgorithm(fields, "SignerInfo digest algorithm");
    if (!fields.atEnd() && fields.peekTag() == contextZero)
        signer.signedAttributes = fields.next().encoded;
    signer.signatureAlgorithm = readAlgorithm(fields, "SignerInfo signature algorithm");
    signer.signature = fields.expect(octetString, "SignerInfo signature").value;
    if (!fields.atEnd())
        fields.expect(contextOne, "SignerInfo unsigned attributes");
    fields.expectEnd("SignerInfo");
    return signer;
}

} // namespace

SignedData parseSignedData(ByteView elsFile) {
    der::Reader file(elsFile);
    const der::Tlv contentInfo = file.expect(der::Sequence, "CMS ContentInfo");
    if (!der::isFill(elsFile.subspan(contentInfo.encoded.size())))
        malformed("unexpected bytes after the CMS ContentInfo");
    der::Reader info(contentInfo.value);
    const ByteView type = expectOid(info, "CMS content type");
    if (!std::equal(type.begin(), type.end(), signedDataOid.begin(), signedDataOid.end()))
        malformed("EF.ELS is a CMS ContentInfo but not SignedData");
    der::Reader explicitContent(info.expect(contextZero, "CMS content").value);
    info.expectEnd("the CMS ContentInfo");
    der::Reader fields(explicitContent.expect(der::Sequence, "SignedData").value);
    explicitContent.expectEnd("SignedData");

    SignedData signedData;
    fields.expect(der::Integer, "SignedData version");
    der::Reader digestAlgorithms(fields.expect(set, "SignedData digest algorithms").value);
    while (!digestAlgorithms.atEnd())
        signedData.digestAlgorithms.push_back(readAlgorithm(digestAlgorithms, "digest algorithm"));
    der::Reader encapsulated(fields.expect(der::Sequence, "encapsulated content").value);
    signedData.contentType = expectOid(encapsulated, "eContentType");
    if (encapsulated.atEnd())
        malformed("the signed content is not attached");
    der::Reader explicitOctets(encapsulated.expect(contextZero, "eContent").value);
    encapsulated.expectEnd("the encapsulated content");
    // DER demands a primitive OCTET STRING; a BER constructed one is rejected here.
    signedData.content = explicitOctets.expect(octetString, "eContent OCTET STRING").value;
    explicitOctets.expectEnd("eContent");

    if (!fields.atEnd() && fields.peekTag() == contextZero) {
        der::Reader certificates(fields.next().value);
        while (!certificates.atEnd()) {
            const der::Tlv choice = certificates.next();
            // The other CertificateChoices (attribute and "other" certificates) cannot sign.
            if (choice.tag == der::Sequence)
                signedData.certificates.push_back(choice.encoded);
        }
    }
    if (!fields.atEnd() && fields.peekTag() == contextOne)
        fields.next(); // crls: revocation is not checked (see trust-store-impl.hpp)
    der::Reader signerInfos(fields.expect(set, "SignerInfos").value);
    fields.expectEnd("SignedData");
    while (!signerInfos.atEnd())
        signedData.signerInfos.push_back(
            readSignerInfo(signerInfos.expect(der::Sequence, "SignerInfo").value));
    return signedData;
}

std::vector<Attribute> parseAttributes(ByteView encoded) {
    der::Reader outer(encoded);
    der::Reader attributes(outer.next().value);
    outer.expectEnd("the signed attributes");
    std::vector<Attribute> result;
    while (!attributes.atEnd()) {
        der::Reader fields(attributes.expect(der::Sequence, "attribute").value);
        Attribute attribute{expectOid(fields, "attribute type"), {}};
        der::Reader values(fields.expect(set, "attribute values").value);
        fields.expectEnd("attribute");
        while (!values.atEnd())
            attribute.values.push_back(values.next().encoded);
        result.push_back(std::move(attribute));
    }
    return result;
}

std::string dottedOid(ByteView oid) {
    if (oid.empty() || (oid.back() & 0x80) != 0)
        return {};
    std::string text;
    std::uint64_t arc = 0;
    bool first = true;
    bool startOfArc = true;
    for (const std::uint8_t byte : oid) {
        // A leading 0x80 is a non-minimal encoding; more than 63 bits does not fit.
        if ((startOfArc && byte == 0x80) || arc > (UINT64_MAX >> 7))
            return {};
        startOfArc = false;
        arc = arc << 7 | (byte & 0x7Fu);
        if (byte & 0x80)
            continue;
        if (first) {
            const std::uint64_t top = std::min<std::uint64_t>(arc / 40, 2);
            text = std::to_string(top) + '.' + std::to_string(arc - top * 40);
            first = false;
        } else {
            text += '.' + std::to_string(arc);
        }
        arc = 0;
        startOfArc = true;
    }
    return text;
}

} // namespace els::smartcard
