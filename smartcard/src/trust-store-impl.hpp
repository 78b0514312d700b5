#pragma once

#include "els/smartcard/verify.hpp"
#include "openssl-handles.hpp"

#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace els::smartcard {

// A chain that verified once, remembered by the exact certificates it was built from. With a
// fixed anchor set and no revocation checking, the outcome depends only on those bytes and
// on the time, so a hit within [notBefore, notAfter] of every certificate in the chain is the
// same answer X509_verify_cert would give, without its signature checks.
struct VerifiedChain {
    std::time_t notBefore = 0;
    std::time_t notAfter = 0;
};

// The anchors plus what verification may remember between cards. A kiosk sees the same few
// signer certificates all day, and in OpenSSL 3.0 parsing one certificate (public-key
// decoders) costs more than verifying an ECDSA signature, so both caches pay off; each is
// keyed by exact DER bytes and bounded.
// One line, RFC 2253 order, UTF-8 kept as is (Polish names) instead of \XX escapes.
std::string oneLineSubject(X509* cert);

struct ParsedCertificate {
    ossl::Cert cert; // a new reference
    std::string subject;
};

struct TrustStore::Impl {
    ossl::Store store;
    std::size_t anchorCount = 0;

    // The parsed certificate, or a null `cert` when `der` is not exactly one certificate.
    ParsedCertificate certificate(ByteView der) const;
    bool isKnownGoodChain(const std::string& key, std::time_t now) const;
    void rememberGoodChain(std::string key, VerifiedChain chain) const;

private:
    static constexpr std::size_t maxCacheEntries = 256;
    mutable std::mutex cacheMutex_;
    mutable std::map<std::string, ParsedCertificate, std::less<>> certificates_;
    mutable std::map<std::string, VerifiedChain> chains_;
};

} // namespace els::smartcard
