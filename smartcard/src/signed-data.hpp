#pragma once

#include "els/smartcard/bytes.hpp"

#include <vector>

namespace els::smartcard {

// EF.ELS walked as a DER ContentInfo holding an attached SignedData (RFC 5652 §3, §5). Every
// view points into the walked file; nothing is decoded beyond what verification needs.

struct AlgorithmId {
    ByteView oid;        // content octets of the OBJECT IDENTIFIER
    ByteView parameters; // the encoded parameters element; empty when absent
};

struct SignerInfo {
    // sid: exactly one of the two is set.
    ByteView issuer;               // IssuerAndSerialNumber: encoded issuer Name
    ByteView serialNumber;         // IssuerAndSerialNumber: INTEGER content octets
    ByteView subjectKeyIdentifier; // [0] SubjectKeyIdentifier content octets
    AlgorithmId digestAlgorithm;
    ByteView signedAttributes; // encoded [0] IMPLICIT SET OF Attribute; empty when absent
    AlgorithmId signatureAlgorithm;
    ByteView signature; // OCTET STRING content octets
};

struct SignedData {
    std::vector<AlgorithmId> digestAlgorithms;
    ByteView contentType;               // eContentType, OID content octets
    ByteView content;                   // eContent, OCTET STRING content octets
    std::vector<ByteView> certificates; // encoded X.509 certificates ([0] CertificateChoices)
    std::vector<SignerInfo> signerInfos;
};

// Throws Error(ErrorCode::MalformedData) when the file is not a DER ContentInfo of type
// signedData with attached content (only 00/FF fill may follow it). Lengths follow
// der::Reader (definite only; non-minimal long forms accepted).
SignedData parseSignedData(ByteView elsFile);

// One attribute of a SET OF Attribute.
struct Attribute {
    ByteView type;                // OID content octets
    std::vector<ByteView> values; // encoded AttributeValues
};

// Walks an encoded SignedAttributes element (any outer tag). Throws MalformedData.
std::vector<Attribute> parseAttributes(ByteView encoded);

// Dotted text of OID content octets ("1.2.840.113549.1.7.1"); empty when they are not a
// well-formed OID.
std::string dottedOid(ByteView oid);

} // namespace els::smartcard
