#pragma once

#include <memory>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace els::smartcard::ossl {

// One owner per OpenSSL object kind, so no code path frees by hand.
template <auto Free> struct Deleter {
    template <typename T> void operator()(T* p) const noexcept { Free(p); }
};

inline void freeCertStack(STACK_OF(X509) * certs) noexcept {
    sk_X509_pop_free(certs, X509_free);
}
inline void freeStackOnly(STACK_OF(X509) * certs) noexcept {
    sk_X509_free(certs);
}

using Cms = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PKeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using Md = std::unique_ptr<EVP_MD, Deleter<EVP_MD_free>>;
// Owns the stack and the certificates in it.
using CertStack = std::unique_ptr<STACK_OF(X509), Deleter<freeCertStack>>;
// Owns only the stack (e.g. CMS_get0_signers): the certificates belong to someone else.
using CertRefs = std::unique_ptr<STACK_OF(X509), Deleter<freeStackOnly>>;

} // namespace els::smartcard::ossl
