#pragma once

#include "els/smartcard/bytes.hpp"

#include <chrono>
#include <filesystem>
#include <string>

namespace els::smartcard::image {

// A certificate with its private key. Throw-away test keys only, hence unencrypted.
struct Credential {
    Bytes certificate;         // DER
    std::string privateKeyPem; // PKCS#8
    std::string certificatePem() const;
};

// A throw-away PKI made with OpenSSL at run time (els-card.md, "Test cards"). The CA is
// RSA-2048 like the Polish qualified CAs; the university signers carry keyUsage
// digitalSignature + nonRepudiation and no extendedKeyUsage, like a qualified certificate.
struct TestPki {
    Credential ca;            // self-signed trust anchor
    Credential signer;        // university signer, RSA-2048, issued by `ca`
    Credential signerEc;      // university signer, ECDSA P-256, issued by `ca`
    Credential foreignCa;     // an anchor nobody configured
    Credential foreignSigner; // issued by `foreignCa`
    Credential expiredSigner; // issued by `ca`, expired a year before `now`

    static TestPki
    generate(std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

    // Writes NAME.pem (certificate) and NAME.key (private key) for every credential above,
    // NAME being ca, signer, signer-ec, foreign-ca, foreign-signer, expired-signer.
    void save(const std::filesystem::path& directory) const;
    // Reads NAME.pem and NAME.key back; throws std::runtime_error when missing or unreadable.
    static Credential loadCredential(const std::filesystem::path& directory,
                                     const std::string& name);
};

} // namespace els::smartcard::image
