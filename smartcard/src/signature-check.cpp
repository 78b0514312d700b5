#include "signature-check.hpp"

#include "der-reader.hpp"
#include "els/smartcard/error.hpp"

#include <algorithm>
#include <initializer_list>
#include <openssl/rsa.h>
#include <optional>

namespace els::smartcard {

namespace {

using Oid = std::initializer_list<std::uint8_t>;

// Content octets of the object identifiers RFC 5652, RFC 4055 and RFC 5754/5758 name.
constexpr Oid idData{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01};
constexpr Oid contentTypeAttribute{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x03};
constexpr Oid messageDigestAttribute{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04};
constexpr Oid signingTimeAttribute{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05};
constexpr Oid countersignatureAttribute{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x06};
constexpr Oid sha256{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
constexpr Oid sha384{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02};
constexpr Oid sha512{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03};
constexpr Oid rsaEncryption{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01};
constexpr Oid mgf1{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08};
constexpr Oid rsassaPss{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A};
constexpr Oid sha256WithRsa{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B};
constexpr Oid sha384WithRsa{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0C};
constexpr Oid sha512WithRsa{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0D};
constexpr Oid ecPublicKey{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};
constexpr Oid ecdsaWithSha256{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02};
constexpr Oid ecdsaWithSha384{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03};
constexpr Oid ecdsaWithSha512{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x04};

bool is(ByteView bytes, Oid oid) {
    return std::equal(bytes.begin(), bytes.end(), oid.begin(), oid.end());
}

bool same(ByteView a, ByteView b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// Parameters absent or NULL, the two encodings RFC 5754 and RFC 3370 allow.
bool noParameters(const AlgorithmId& algorithm) {
    return algorithm.parameters.empty() || is(algorithm.parameters, {0x05, 0x00});
}

std::optional<Digest> digestOf(ByteView oid) {
    if (is(oid, sha256))
        return Digest::Sha256;
    if (is(oid, sha384))
        return Digest::Sha384;
    if (is(oid, sha512))
        return Digest::Sha512;
    return std::nullopt;
}

std::optional<Digest> digestOf(const AlgorithmId& algorithm) {
    if (!noParameters(algorithm))
        return std::nullopt;
    return digestOf(algorithm.oid);
}

// RFC 5652 §5.1 lists every signer's digest in digestAlgorithms, for one-pass processing.
// OpenSSL refuses a SignedData that lists a digest it does not know; so do we, for ours.
std::string checkDigestList(const SignerInfo& signer, const SignedData& signedData) {
    bool listed = false;
    for (const AlgorithmId& algorithm : signedData.digestAlgorithms) {
        if (!digestOf(algorithm.oid))
            return "the signed data lists an unsupported digest algorithm " +
                   dottedOid(algorithm.oid);
        listed = listed || same(algorithm.oid, signer.digestAlgorithm.oid);
    }
    return listed ? std::string() : "the signed data does not list the signer's digest algorithm";
}

// RSASSA-PSS-params (RFC 4055 §3.1) with the one shape worth supporting: the signer's hash
// for both the message and MGF1, trailer field 1. Returns the salt length.
std::optional<int> pssSaltLength(ByteView parameters, Digest digest) {
    try {
        der::Reader outer(parameters);
        der::Reader fields(outer.expect(der::Sequence, "RSASSA-PSS parameters").value);
        outer.expectEnd("RSASSA-PSS parameters");
        const auto field = [&fields](std::uint8_t tag) -> std::optional<ByteView> {
            if (fields.atEnd() || fields.peekTag() != tag)
                return std::nullopt;
            der::Reader inner(fields.next().value);
            const ByteView value = inner.next().encoded;
            inner.expectEnd("RSASSA-PSS field");
            return value;
        };
        const auto algorithm = [](ByteView encoded) {
            der::Reader outerAlgorithm(encoded);
            der::Reader parts(outerAlgorithm.expect(der::Sequence, "algorithm").value);
            AlgorithmId id{parts.expect(0x06, "algorithm").value, {}};
            if (!parts.atEnd())
                id.parameters = parts.next().encoded;
            parts.expectEnd("algorithm");
            return id;
        };
        const auto hash = field(0xA0);
        const auto mask = field(0xA1);
        const auto salt = field(0xA2);
        const auto trailer = field(0xA3);
        fields.expectEnd("RSASSA-PSS parameters");
        if (!hash || digestOf(algorithm(*hash)) != digest || !mask)
            return std::nullopt;
        const AlgorithmId maskAlgorithm = algorithm(*mask);
        if (!is(maskAlgorithm.oid, mgf1) || digestOf(algorithm(maskAlgorithm.parameters)) != digest)
            return std::nullopt;
        if (trailer && !is(*trailer, {0x02, 0x01, 0x01}))
            return std::nullopt;
        if (!salt)
            return 20;
        // A small non-negative INTEGER: one or two content octets.
        if (salt->size() < 3 || salt->size() > 4 || (*salt)[0] != der::Integer ||
            (*salt)[1] != salt->size() - 2 || ((*salt)[2] & 0x80) != 0) {
            return std::nullopt;
        }
        return salt->size() == 3 ? (*salt)[2] : (*salt)[2] << 8 | (*salt)[3];
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<SignatureScheme> schemeOf(const SignerInfo& signer) {
    const std::optional<Digest> digest = digestOf(signer.digestAlgorithm);
    if (!digest)
        return std::nullopt;
    const AlgorithmId& algorithm = signer.signatureAlgorithm;
    const ByteView oid = algorithm.oid;
    const auto withHash = [&](int keyType, Digest named) -> std::optional<SignatureScheme> {
        if (named != *digest || !noParameters(algorithm))
            return std::nullopt;
        return SignatureScheme{*digest, keyType, keyType == EVP_PKEY_RSA ? RSA_PKCS1_PADDING : 0,
                               0};
    };
    // CMS names the key type alone (RFC 3370) or repeats the hash (RFC 5754); both occur.
    if (is(oid, rsaEncryption))
        return withHash(EVP_PKEY_RSA, *digest);
    if (is(oid, sha256WithRsa))
        return withHash(EVP_PKEY_RSA, Digest::Sha256);
    if (is(oid, sha384WithRsa))
        return withHash(EVP_PKEY_RSA, Digest::Sha384);
    if (is(oid, sha512WithRsa))
        return withHash(EVP_PKEY_RSA, Digest::Sha512);
    if (is(oid, ecPublicKey))
        return withHash(EVP_PKEY_EC, *digest);
    if (is(oid, ecdsaWithSha256))
        return withHash(EVP_PKEY_EC, Digest::Sha256);
    if (is(oid, ecdsaWithSha384))
        return withHash(EVP_PKEY_EC, Digest::Sha384);
    if (is(oid, ecdsaWithSha512))
        return withHash(EVP_PKEY_EC, Digest::Sha512);
    if (is(oid, rsassaPss)) {
        const std::optional<int> salt = pssSaltLength(algorithm.parameters, *digest);
        if (!salt)
            return std::nullopt;
        return SignatureScheme{*digest, EVP_PKEY_RSA, RSA_PKCS1_PSS_PADDING, *salt};
    }
    return std::nullopt;
}

struct DigestValue {
    std::array<unsigned char, EVP_MAX_MD_SIZE> bytes{};
    unsigned int size = 0;

    ByteView view() const { return {bytes.data(), size}; }
};

DigestValue digestOf(const EVP_MD* md, ByteView data) {
    DigestValue value;
    if (EVP_Digest(data.data(), data.size(), value.bytes.data(), &value.size, md, nullptr) != 1)
        value.size = 0;
    return value;
}

// RFC 5652 §5.3 and §11: returns the problem with the signed attributes, empty when the
// content-type and message-digest attributes are present once with the right values.
std::string checkAttributes(ByteView encoded, const SignedData& signedData, ByteView digest) {
    std::size_t contentTypes = 0;
    std::size_t messageDigests = 0;
    std::size_t signingTimes = 0;
    for (const Attribute& attribute : parseAttributes(encoded)) {
        const auto single = [&attribute](std::uint8_t tag) -> std::optional<ByteView> {
            if (attribute.values.size() != 1 || attribute.values.front()[0] != tag)
                return std::nullopt;
            return der::Reader(attribute.values.front()).next().value;
        };
        if (is(attribute.type, contentTypeAttribute)) {
            ++contentTypes;
            const auto value = single(0x06);
            if (!value || !same(*value, signedData.contentType))
                return "its content-type attribute does not name the signed content's type";
        } else if (is(attribute.type, messageDigestAttribute)) {
            ++messageDigests;
            const auto value = single(0x04);
            if (!value || !same(*value, digest))
                return "its message-digest attribute does not match the signed content";
        } else if (is(attribute.type, signingTimeAttribute)) {
            ++signingTimes;
        } else if (is(attribute.type, countersignatureAttribute)) {
            return "a countersignature is not allowed among the signed attributes";
        }
    }
    if (contentTypes != 1 || messageDigests != 1 || signingTimes > 1) {
        return "its signed attributes must hold exactly one content-type and one "
               "message-digest attribute";
    }
    return {};
}

} // namespace

std::string checkSignerInfo(const SignerInfo& signer, const SignedData& signedData, EVP_PKEY* key,
                            const TrustStore::Impl& trust) {
    const std::optional<SignatureScheme> scheme = schemeOf(signer);
    if (!scheme) {
        return "its algorithms are not supported (digest " + dottedOid(signer.digestAlgorithm.oid) +
               ", signature " + dottedOid(signer.signatureAlgorithm.oid) +
               "; supported: SHA-256/384/512 with RSA, RSASSA-PSS or ECDSA)";
    }
    if (std::string problem = checkDigestList(signer, signedData); !problem.empty())
        return problem;
    const int keyType = EVP_PKEY_get_base_id(key);
    if (keyType != scheme->keyType &&
        !(scheme->padding == RSA_PKCS1_PSS_PADDING && keyType == EVP_PKEY_RSA_PSS)) {
        return "its signature algorithm does not fit the signer certificate's key";
    }

    const EVP_MD* md = trust.digest(scheme->digest);
    const DigestValue contentDigest = digestOf(md, signedData.content);
    DigestValue signedDigest = contentDigest;
    if (!signer.signedAttributes.empty()) {
        if (std::string problem =
                checkAttributes(signer.signedAttributes, signedData, contentDigest.view());
            !problem.empty()) {
            return problem;
        }
        // The signature covers the attributes' DER with the SET tag, not the [0] on the card.
        Bytes asSet(signer.signedAttributes.begin(), signer.signedAttributes.end());
        asSet[0] = 0x31;
        signedDigest = digestOf(md, asSet);
    } else if (!is(signedData.contentType, idData)) {
        return "it has no signed attributes, which RFC 5652 allows only for id-data content";
    }

    ossl::PKeyCtx ctx = trust.takeVerifier(key, *scheme);
    if (!ctx || contentDigest.size == 0 || signedDigest.size == 0)
        return "OpenSSL could not set up the signature check";
    const bool valid = EVP_PKEY_verify(ctx.get(), signer.signature.data(), signer.signature.size(),
                                       signedDigest.bytes.data(), signedDigest.size) == 1;
    trust.returnVerifier(key, *scheme, std::move(ctx));
    return valid ? std::string() : "the card data were altered or signed by another key";
}

} // namespace els::smartcard
