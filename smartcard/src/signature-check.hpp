#pragma once

#include "signed-data.hpp"
#include "trust-store-impl.hpp"

#include <string>

namespace els::smartcard {

// RFC 5652 §5.4 for one SignerInfo, with OpenSSL primitives only (no CMS_verify: its parsing
// and set-up cost a third of an ECDSA verify). With signed attributes, the content-type
// attribute must equal eContentType, the message-digest attribute must equal the digest of
// eContent, and the signature covers the DER of the attributes as a SET (tag 0x31);
// without them it covers eContent, which RFC 5652 §5.3 allows only for id-data.
// Supported: SHA-256/384/512 with RSA PKCS#1 v1.5, RSASSA-PSS (MGF1 with the same hash,
// trailer 1) or ECDSA. Returns why the signature is not valid; empty when it is.
std::string checkSignerInfo(const SignerInfo& signer, const SignedData& signedData, EVP_PKEY* key,
                            const TrustStore::Impl& trust);

} // namespace els::smartcard
