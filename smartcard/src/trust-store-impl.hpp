#pragma once

#include "els/smartcard/verify.hpp"
#include "openssl-handles.hpp"

#include <array>
#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace els::smartcard {

// A chain that verified once, remembered by the exact certificates it was built from. With a
// fixed anchor set and no revocation checking, the outcome depends only on those bytes and
// on the time, so a hit within [notBefore, notAfter] of every certificate in the chain is the
// same answer X509_verify_cert would give, without its signature checks.
struct VerifiedChain {
    std::time_t notBefore = 0;
    std::time_t notAfter = 0;
};

// One line, RFC 2253 order, UTF-8 kept as is (Polish names) instead of \XX escapes.
std::string oneLineSubject(X509* cert);

struct ParsedCertificate {
    ossl::Cert cert; // a new reference
    std::string subject;
};

enum class Digest { Sha256, Sha384, Sha512 };

// How one SignerInfo was signed, in OpenSSL's terms.
struct SignatureScheme {
    Digest digest = Digest::Sha256;
    int keyType = EVP_PKEY_NONE; // EVP_PKEY_RSA or EVP_PKEY_EC
    int padding = 0;             // RSA_PKCS1_PADDING or RSA_PKCS1_PSS_PADDING for RSA
    int saltLength = 0;          // RSASSA-PSS only

    auto operator<=>(const SignatureScheme&) const = default;
};

// The anchors plus what verification may remember between cards. A kiosk sees the same few
// signer certificates all day, and in OpenSSL 3.0 parsing one certificate (public-key
// decoders) costs more than verifying an ECDSA signature, so both caches pay off; each is
// keyed by exact DER bytes and bounded.
struct TrustStore::Impl {
    Impl();

    ossl::Store store;
    std::size_t anchorCount = 0;

    // Fetched once: an implicit fetch per use takes the provider store's lock each time.
    const EVP_MD* digest(Digest which) const noexcept;

    // A context ready for EVP_PKEY_verify with `key` under `scheme`: a pooled one when free,
    // else a new one. Setting one up fetches provider algorithms (~2 us, 5% of an ECDSA P-256
    // verify, measured with els-verify-bench); a kiosk sees the same few keys all day.
    ossl::PKeyCtx takeVerifier(EVP_PKEY* key, const SignatureScheme& scheme) const;
    // Returns a context from takeVerifier(key, scheme) for reuse.
    void returnVerifier(EVP_PKEY* key, const SignatureScheme& scheme, ossl::PKeyCtx ctx) const;

    // The parsed certificate, or a null `cert` when `der` is not exactly one certificate.
    ParsedCertificate certificate(ByteView der) const;
    bool isKnownGoodChain(const std::string& key, std::time_t now) const;
    void rememberGoodChain(std::string key, VerifiedChain chain) const;

private:
    static constexpr std::size_t maxCacheEntries = 256;
    mutable std::mutex cacheMutex_;
    mutable std::map<std::string, ParsedCertificate, std::less<>> certificates_;
    mutable std::map<std::string, VerifiedChain> chains_;
    std::array<ossl::Md, 3> digests_;
    // Keyed by the key's address: a pooled context holds a reference to the key it was made
    // for, so a context found under an address belongs to the key living there.
    using VerifierKey = std::tuple<const EVP_PKEY*, SignatureScheme>;
    static constexpr std::size_t maxPooledPerKey = 8;
    mutable std::mutex verifierMutex_;
    mutable std::map<VerifierKey, std::vector<ossl::PKeyCtx>> verifiers_;
};

} // namespace els::smartcard
