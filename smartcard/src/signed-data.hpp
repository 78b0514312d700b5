#pragma once

#include "els/smartcard/bytes.hpp"

#include <optional>
#include <vector>

namespace els::smartcard {

// EF.ELS with the SignedData `certificates` cut out and re-assembled as DER, plus the DER of
// each certificate cut out. The certificates are not covered by the signature, so the
// signature check is unchanged; cutting them lets verification reuse parsed certificates
// (see TrustStore::Impl). Returns nullopt when there is nothing to cut or the file is not
// plain DER of the expected shape; the caller then lets OpenSSL parse the whole file.
struct SplitSignedData {
    Bytes withoutCertificates;
    std::vector<ByteView> certificates; // into the original file
};

std::optional<SplitSignedData> splitCertificates(ByteView elsFile);

} // namespace els::smartcard
