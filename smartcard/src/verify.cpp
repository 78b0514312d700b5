// EF.ELS verification: the CMS signature first (which certificate signed these bytes), then
// the signer's chain to the configured anchors at `now`. The two verdicts are reported
// separately so a technician can tell a tampered card from an unknown signer.
#include "els/smartcard/verify.hpp"

#include "der-reader.hpp"
#include "els/smartcard/error.hpp"
#include "signed-data.hpp"
#include "trust-store-impl.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <limits>
#include <openssl/err.h>
#include <openssl/objects.h>
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

// The certificates a card offers (from the CMS and the certificate file) and their DER
// concatenated, which identifies them for the chain cache.
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
    // For certificates that did not come through the cache (PEM, BER fallbacks).
    void add(ossl::Cert cert) {
        unsigned char* der = nullptr;
        const int length = i2d_X509(cert.get(), &der);
        if (length <= 0)
            return;
        std::string subject = oneLineSubject(cert.get());
        add({std::move(cert), std::move(subject)}, ByteView(der, static_cast<std::size_t>(length)));
        OPENSSL_free(der);
    }
    std::string subjectOf(X509* cert) const {
        const int index = sk_X509_find(stack.get(), cert);
        return index >= 0 ? subjects.at(static_cast<std::size_t>(index)) : oneLineSubject(cert);
    }
};

ossl::Cms parseCms(ByteView der) {
    const unsigned char* cursor = der.data();
    ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(der.size())));
    if (!cms)
        malformed("EF.ELS is not a DER CMS ContentInfo");
    if (!der::isFill(der.subspan(static_cast<std::size_t>(cursor - der.data())))) {
        malformed("unexpected bytes after the CMS ContentInfo");
    }
    if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        malformed("EF.ELS is a CMS ContentInfo but not SignedData");
    }
    return cms;
}

ossl::Cms readCms(ByteView elsFile, const TrustStore::Impl& anchors, CardCertificates& certs) {
    if (elsFile.empty())
        malformed("EF.ELS is empty");
    const auto split = splitCertificates(elsFile);
    if (!split) {
        ossl::Cms cms = parseCms(elsFile);
        const ossl::CertStack embedded(CMS_get1_certs(cms.get()));
        for (int i = 0; i < sk_X509_num(embedded.get()); ++i) {
            X509* cert = sk_X509_value(embedded.get(), i);
            if (X509_up_ref(cert) == 1)
                certs.add(ossl::Cert(cert));
        }
        return cms;
    }
    ossl::Cms cms = parseCms(split->withoutCertificates);
    for (const auto der : split->certificates) {
        ParsedCertificate parsed = anchors.certificate(der);
        if (!parsed.cert)
            malformed("a certificate in the signed data does not parse");
        certs.add(std::move(parsed), der);
    }
    return cms;
}

std::string dottedOid(const ASN1_OBJECT* oid) {
    std::array<char, 128> text{};
    const int length = OBJ_obj2txt(text.data(), static_cast<int>(text.size()), oid, 1);
    if (length <= 0 || static_cast<std::size_t>(length) >= text.size())
        return {};
    return {text.data(), static_cast<std::size_t>(length)};
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

void appendDer(std::string& key, X509* cert) {
    const int length = i2d_X509(cert, nullptr);
    if (length <= 0)
        return;
    const std::size_t at = key.size();
    key.resize(at + static_cast<std::size_t>(length));
    auto* out = reinterpret_cast<unsigned char*>(key.data() + at);
    i2d_X509(cert, &out);
    key.push_back('\0');
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
std::string checkChain(X509* signer, const CardCertificates& certs, const TrustStore::Impl& anchors,
                       std::time_t now) {
    if (!hasSigningKeyUsage(signer)) {
        return "The signer's certificate is not meant for signatures (key usage).";
    }
    std::string key = certs.identity;
    key += "signer:";
    const int index = sk_X509_find(certs.stack.get(), signer);
    if (index >= 0) {
        key += std::to_string(index);
    } else {
        appendDer(key, signer);
    }
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

VerifiedEls verifyEls(ByteView elsFile, ByteView certificateFile, const TrustStore& anchors,
                      std::chrono::system_clock::time_point now) {
    const ErrorQueueGuard errorQueueGuard;
    const TrustStore::Impl& trust = anchors.impl();
    CardCertificates certs;
    if (!certs.stack)
        throw Error(ErrorCode::Internal, "out of memory");
    const ossl::Cms cms = readCms(elsFile, trust, certs);
    ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
    if (!content || !*content)
        malformed("the signed content is not attached");

    VerifiedEls result;
    result.contentType = dottedOid(CMS_get0_eContentType(cms.get()));
    result.data = parseElsContent(ByteView(ASN1_STRING_get0_data(*content),
                                           static_cast<std::size_t>(ASN1_STRING_length(*content))));

    readCertificateFile(certificateFile, trust, certs);
    STACK_OF(CMS_SignerInfo)* signerInfos = CMS_get0_SignerInfos(cms.get());
    if (sk_CMS_SignerInfo_num(signerInfos) <= 0) {
        result.problem = "The signed data carries no signature.";
        return result;
    }
    CMS_set1_signers_certs(cms.get(), certs.stack.get(), 0);
    const ossl::CertRefs signers(CMS_get0_signers(cms.get()));
    if (!signers || sk_X509_num(signers.get()) != sk_CMS_SignerInfo_num(signerInfos)) {
        result.problem = "The signer's certificate is in neither the signed data nor the "
                         "certificate file, so the signature cannot be checked.";
        if (certs.certificateFileUnreadable)
            result.problem += " The certificate file could not be parsed.";
        return result;
    }
    result.signerSubject = certs.subjectOf(sk_X509_value(signers.get(), 0));
    result.signatureValid = CMS_verify(cms.get(), certs.stack.get(), nullptr, nullptr, nullptr,
                                       CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;

    std::string chainProblemText;
    for (int i = 0; i < sk_X509_num(signers.get()) && chainProblemText.empty(); ++i) {
        chainProblemText = checkChain(sk_X509_value(signers.get(), i), certs, trust,
                                      std::chrono::system_clock::to_time_t(now));
    }
    result.trusted = chainProblemText.empty();

    if (!result.signatureValid) {
        result.problem = "The signature does not match the card data: the data were altered "
                         "or signed by another key.";
    } else if (!result.trusted) {
        result.problem = chainProblemText;
    }
    return result;
}

} // namespace els::smartcard
