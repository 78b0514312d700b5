// EF.ELS verification: the CMS signature first (which certificate signed these bytes), then
// the signer's chain to the configured anchors at `now`. The two verdicts are reported
// separately so a technician can tell a tampered card from an unknown signer. The SignedData
// is walked and checked here (signature-check.cpp) rather than by CMS_verify, which spends a
// third of an ECDSA verify on parsing and set-up; tests cross-check the two.
#include "els/smartcard/verify.hpp"

#include "der-reader.hpp"
#include "els/smartcard/error.hpp"
#include "signature-check.hpp"
#include "signed-data.hpp"
#include "trust-store-impl.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <limits>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <string_view>
#include <vector>

namespace els::smartcard {

namespace {

[[noreturn]] void malformed(const std::string& why) {
    throw Error(ErrorCode::MalformedData, "malformed ELS data: " + why);
}

// OpenSSL reports failures through a per-thread queue; leave it empty for the next caller.
struct ErrorQueueGuard {
    ErrorQueueGuard() = default;
    ErrorQueueGuard(const ErrorQueueGuard&) = delete;
    ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
    ~ErrorQueueGuard() { ERR_clear_error(); }
};

// The certificates a card offers (from the CMS, then the certificate file: the order in which
// CMS_set1_signers_certs searches) and their DER concatenated, which identifies them for the
// chain cache.
struct CardCertificates {
    ossl::CertStack stack{sk_X509_new_null()};
    std::vector<std::string> subjects; // parallel to `stack`
    std::string identity;
    bool certificateFileUnreadable = false;

    void add(ParsedCertificate parsed, ByteView der) {
        identity.append(reinterpret_cast<const char*>(der.data()), der.size());
        if (sk_X509_push(stack.get(), parsed.cert.get()) <= 0)
            return;
        parsed.cert.release();
        subjects.push_back(std::move(parsed.subject));
    }
    // For certificates that did not come through the cache (PEM).
    void add(ossl::Cert cert) {
        unsigned char* der = nullptr;
        const int length = i2d_X509(cert.get(), &der);
        if (length <= 0)
            return;
        std::string subject = oneLineSubject(cert.get());
        add({std::move(cert), std::move(subject)}, ByteView(der, static_cast<std::size_t>(length)));
        OPENSSL_free(der);
    }
    int size() const { return sk_X509_num(stack.get()); }
    X509* at(int index) const { return sk_X509_value(stack.get(), index); }
};

bool sameBytes(ByteView a, const unsigned char* b, std::size_t bLength) {
    return b && std::equal(a.begin(), a.end(), b, b + bLength);
}

bool hasSerialNumber(X509* cert, ByteView serialNumber) {
    std::array<unsigned char, 64> der{};
    const ASN1_INTEGER* serial = X509_get0_serialNumber(cert);
    const int length = i2d_ASN1_INTEGER(serial, nullptr);
    if (length <= 0 || static_cast<std::size_t>(length) > der.size())
        return false;
    unsigned char* out = der.data();
    i2d_ASN1_INTEGER(serial, &out);
    const ByteView value =
        der::Reader(ByteView(der.data(), static_cast<std::size_t>(length))).next().value;
    return std::equal(serialNumber.begin(), serialNumber.end(), value.begin(), value.end());
}

// Byte equality first (signers copy the issuer from the certificate), else OpenSSL's
// comparison of canonical names, as CMS_SignerInfo_cert_cmp does.
bool hasIssuer(X509* cert, ByteView issuer) {
    const X509_NAME* name = X509_get_issuer_name(cert);
    const unsigned char* der = nullptr;
    std::size_t length = 0;
    if (X509_NAME_get0_der(name, &der, &length) == 1 && sameBytes(issuer, der, length))
        return true;
    const unsigned char* cursor = issuer.data();
    const std::unique_ptr<X509_NAME, ossl::Deleter<X509_NAME_free>> parsed(
        d2i_X509_NAME(nullptr, &cursor, static_cast<long>(issuer.size())));
    return parsed && X509_NAME_cmp(parsed.get(), name) == 0;
}

// RFC 5652 §5.3: the index of the certificate a SignerInfo's sid names, or -1.
int findSigner(const SignerInfo& signer, const CardCertificates& certs) {
    for (int i = 0; i < certs.size(); ++i) {
        X509* cert = certs.at(i);
        if (!signer.subjectKeyIdentifier.empty()) {
            const ASN1_OCTET_STRING* keyId = X509_get0_subject_key_id(cert);
            if (keyId && sameBytes(signer.subjectKeyIdentifier, ASN1_STRING_get0_data(keyId),
                                   static_cast<std::size_t>(ASN1_STRING_length(keyId)))) {
                return i;
            }
        } else if (hasSerialNumber(cert, signer.serialNumber) && hasIssuer(cert, signer.issuer)) {
            return i;
        }
    }
    return -1;
}

// The certificate file holds one certificate, DER (as on the chip) or PEM (as in tests and
// hand-made images); a trailing fill is ignored.
void readCertificateFile(ByteView file, const TrustStore::Impl& anchors, CardCertificates& certs) {
    if (file.empty())
        return;
    constexpr std::string_view pemStart = "-----BEGIN";
    if (file.size() > pemStart.size() &&
        std::equal(pemStart.begin(), pemStart.end(), file.begin())) {
        ossl::Bio bio(BIO_new_mem_buf(file.data(), static_cast<int>(file.size())));
        bool any = false;
        while (bio) {
            ossl::Cert cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)};
            if (!cert)
                break;
            certs.add(std::move(cert));
            any = true;
        }
        certs.certificateFileUnreadable = !any;
        return;
    }
    try {
        const ByteView der = der::Reader(file).next().encoded;
        ParsedCertificate parsed = anchors.certificate(der);
        certs.certificateFileUnreadable = !parsed.cert;
        if (parsed.cert)
            certs.add(std::move(parsed), der);
    } catch (const Error&) {
        certs.certificateFileUnreadable = true;
    }
}

std::time_t toTimeT(const ASN1_TIME* time) {
    std::tm tm{};
    if (ASN1_TIME_to_tm(time, &tm) != 1)
        return 0;
    return timegm(&tm);
}

bool hasSigningKeyUsage(X509* cert) {
    // X509_get_key_usage answers "everything" when the extension is absent.
    return (X509_get_key_usage(cert) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

std::string chainProblem(int error, int depth) {
    const std::string who =
        depth == 0 ? "The signer's certificate" : "A CA certificate above the signer";
    switch (error) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return who + " has expired.";
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return who + " is not yet valid.";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        return "The signer's certificate does not chain to a configured trust anchor.";
    default:
        return "The signer's certificate chain is not valid: " +
               std::string(X509_verify_cert_error_string(error)) + ".";
    }
}

// Returns an empty string when `signer` chains to an anchor at `now`, else the problem.
std::string checkChain(int signerIndex, const CardCertificates& certs,
                       const TrustStore::Impl& anchors, std::time_t now) {
    X509* signer = certs.at(signerIndex);
    if (!hasSigningKeyUsage(signer)) {
        return "The signer's certificate is not meant for signatures (key usage).";
    }
    std::string key = certs.identity;
    key += "signer:";
    key += std::to_string(signerIndex);
    if (anchors.isKnownGoodChain(key, now))
        return {};

    ossl::StoreCtx ctx(X509_STORE_CTX_new());
    if (!ctx ||
        X509_STORE_CTX_init(ctx.get(), anchors.store.get(), signer, certs.stack.get()) != 1) {
        throw Error(ErrorCode::Internal, "cannot set up certificate chain verification");
    }
    X509_STORE_CTX_set_time(ctx.get(), 0, now);
    if (X509_verify_cert(ctx.get()) != 1) {
        return chainProblem(X509_STORE_CTX_get_error(ctx.get()),
                            X509_STORE_CTX_get_error_depth(ctx.get()));
    }

    VerifiedChain chain{0, std::numeric_limits<std::time_t>::max()};
    STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(ctx.get());
    for (int i = 0; i < sk_X509_num(built); ++i) {
        X509* cert = sk_X509_value(built, i);
        chain.notBefore = std::max(chain.notBefore, toTimeT(X509_get0_notBefore(cert)));
        chain.notAfter = std::min(chain.notAfter, toTimeT(X509_get0_notAfter(cert)));
    }
    anchors.rememberGoodChain(std::move(key), chain);
    return {};
}

} // namespace

bool signedDataCarriesSignerCertificates(ByteView elsFile) noexcept {
    const ErrorQueueGuard errorQueueGuard;
    try {
        const SignedData signedData = parseSignedData(elsFile);
        CardCertificates certs;
        if (!certs.stack || signedData.signerInfos.empty())
            return false;
        for (const ByteView der : signedData.certificates) {
            const unsigned char* cursor = der.data();
            ossl::Cert cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
            if (cert)
                certs.add(std::move(cert));
        }
        return std::all_of(
            signedData.signerInfos.begin(), signedData.signerInfos.end(),
            [&](const SignerInfo& signer) { return findSigner(signer, certs) >= 0; });
    } catch (const std::exception&) {
        return false;
    }
}

VerifiedEls verifyEls(ByteView elsFile, ByteView certificateFile, const TrustStore& anchors,
                      std::chrono::system_clock::time_point now) {
    const ErrorQueueGuard errorQueueGuard;
    const TrustStore::Impl& trust = anchors.impl();
    if (elsFile.empty())
        malformed("EF.ELS is empty");
    const SignedData signedData = parseSignedData(elsFile);
    CardCertificates certs;
    if (!certs.stack)
        throw Error(ErrorCode::Internal, "out of memory");
    for (const ByteView der : signedData.certificates) {
        ParsedCertificate parsed = trust.certificate(der);
        if (!parsed.cert)
            malformed("a certificate in the signed data does not parse");
        certs.add(std::move(parsed), der);
    }

    VerifiedEls result;
    result.contentType = dottedOid(signedData.contentType);
    result.data = parseElsContent(signedData.content);

    readCertificateFile(certificateFile, trust, certs);
    if (signedData.signerInfos.empty()) {
        result.problem = "The signed data carries no signature.";
        return result;
    }
    // Every signer must verify and chain, as CMS_verify demands. RFC 5652 §5.1 would let one
    // good signature per signer suffice, but a card carries one university signature, and a
    // second one that fails is a reason to distrust the card, not to pick the good one.
    std::vector<int> signers;
    for (const SignerInfo& signer : signedData.signerInfos) {
        signers.push_back(findSigner(signer, certs));
        if (signers.back() < 0) {
            result.problem = "The signer's certificate is in neither the signed data nor the "
                             "certificate file, so the signature cannot be checked.";
            if (certs.certificateFileUnreadable)
                result.problem += " The certificate file could not be parsed.";
            return result;
        }
    }
    result.signerSubject = certs.subjects.at(static_cast<std::size_t>(signers.front()));
    std::string signatureProblem;
    for (std::size_t i = 0; i < signers.size() && signatureProblem.empty(); ++i) {
        EVP_PKEY* key = X509_get0_pubkey(certs.at(signers[i]));
        signatureProblem = key ? checkSignerInfo(signedData.signerInfos[i], signedData, key, trust)
                               : "the signer certificate's public key cannot be read";
    }
    result.signatureValid = signatureProblem.empty();

    std::string chainProblemText;
    for (std::size_t i = 0; i < signers.size() && chainProblemText.empty(); ++i) {
        chainProblemText =
            checkChain(signers[i], certs, trust, std::chrono::system_clock::to_time_t(now));
    }
    result.trusted = chainProblemText.empty();

    if (!result.signatureValid) {
        result.problem = "The signature is not valid: " + signatureProblem + ".";
    } else if (!result.trusted) {
        result.problem = chainProblemText;
    }
    return result;
}

} // namespace els::smartcard
