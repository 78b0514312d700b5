#pragma once

#include "els/smartcard/bytes.hpp"
#include "els/smartcard/els-data.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace els::smartcard {

// The configured trust anchors (PEM file, or a directory of *.pem / *.crt files).
class TrustStore {
public:
    // Throws Error(ErrorCode::Internal) with a clear message when the path is missing or
    // holds no certificate.
    static TrustStore load(const std::filesystem::path& pemFileOrDirectory);

    TrustStore(TrustStore&&) noexcept;
    TrustStore& operator=(TrustStore&&) noexcept;
    ~TrustStore();

    std::size_t size() const noexcept;

    struct Impl;
    const Impl& impl() const noexcept { return *impl_; }

private:
    explicit TrustStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// What verification found. `data` is filled whenever the content parsed, even when the
// signature or chain failed, so a technician can see what the card claims.
struct VerifiedEls {
    ElsData data;
    bool signatureValid = false; // CMS signature over the attached content checks out
    bool trusted = false;        // signer certificate chains to an anchor at `now`
    std::string signerSubject;   // one-line subject of the signer certificate
    std::string contentType;     // eContentType, dotted OID
    std::string problem;         // why not valid or not trusted; empty when verified()

    bool verified() const noexcept { return signatureValid && trusted; }
};

// Parses EF.ELS (DER CMS SignedData, content attached) and verifies it. The certificate file
// (may be empty) supplies the signer certificate when the CMS carries none.
// Throws Error(ErrorCode::MalformedData) when the bytes are not a parseable ELS document.
VerifiedEls verifyEls(ByteView elsFile, ByteView certificateFile, const TrustStore& anchors,
                      std::chrono::system_clock::time_point now);

// True when EF.ELS parses as SignedData whose certificates include, for every signer, a
// well-formed certificate its sid names: then the certificate file (which holds the same
// signer certificate) need not be read. False for anything else, never throws.
bool signedDataCarriesSignerCertificates(ByteView elsFile) noexcept;

// Parses only the signed content SEQUENCE (no signature check). Throws
// Error(ErrorCode::MalformedData). Exposed for tests and the fuzzer.
ElsData parseElsContent(ByteView content);

} // namespace els::smartcard
