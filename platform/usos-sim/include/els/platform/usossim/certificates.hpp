#pragma once

#include <string>

// A throw-away test CA and a server certificate for 127.0.0.1/localhost signed by it, made
// fresh at every start so that no private key ever lives in the repository.
namespace els::platform::usossim {

struct TlsIdentity {
    std::string caCertificatePem; // what clients trust
    std::string certificatePem;   // the server's leaf certificate
    std::string privateKeyPem;    // the leaf's key (PKCS#8)
};

// Throws SimError when OpenSSL fails.
TlsIdentity makeThrowAwayIdentity();

} // namespace els::platform::usossim
