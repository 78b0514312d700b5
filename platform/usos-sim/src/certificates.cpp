#include "els/platform/usossim/certificates.hpp"

#include "els/platform/usossim/api-error.hpp"

#include <functional>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace els::platform::usossim {
namespace {

template <auto Free> struct Deleter {
    template <typename T> void operator()(T* p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Extension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using BigNum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

void check(bool ok, const char* what) {
    if (!ok)
        throw SimError(std::string("TLS identity: ") + what + " failed");
}

PKey newKey() {
    PKey key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EC key generation");
    return key;
}

void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    Extension extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    check(extension != nullptr, "certificate extension");
    check(X509_add_ext(cert, extension.get(), -1) == 1, "adding an extension");
}

// Unsigned certificate with a random serial, valid from an hour ago (clock skew) for 30 days.
Cert newCertificate(const char* commonName, EVP_PKEY* key) {
    Cert cert(X509_new());
    check(cert != nullptr, "X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "X509_set_version");
    BigNum serial(BN_new());
    check(serial && BN_rand(serial.get(), 120, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1, "serial");
    check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr, "serial");
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600) != nullptr, "notAfter");
    X509_NAME* name = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>("els-kiosk usos-sim"),
                                     -1, -1, 0) == 1,
          "subject");
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(commonName), -1, -1,
                                     0) == 1,
          "subject");
    check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
    return cert;
}

std::string pem(const std::function<int(BIO*)>& write) {
    Bio bio(BIO_new(BIO_s_mem()));
    check(bio != nullptr && write(bio.get()) == 1, "PEM encoding");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace

TlsIdentity makeThrowAwayIdentity() {
    const PKey caKey = newKey();
    const Cert ca = newCertificate("usos-sim throw-away test CA", caKey.get());
    check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())) == 1, "issuer");
    addExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    addExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    check(X509_sign(ca.get(), caKey.get(), EVP_sha256()) > 0, "signing the CA");

    const PKey key = newKey();
    const Cert leaf = newCertificate("127.0.0.1", key.get());
    check(X509_set_issuer_name(leaf.get(), X509_get_subject_name(ca.get())) == 1, "issuer");
    addExtension(leaf.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(leaf.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
    addExtension(leaf.get(), ca.get(), NID_ext_key_usage, "serverAuth");
    addExtension(leaf.get(), ca.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    addExtension(leaf.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    check(X509_sign(leaf.get(), caKey.get(), EVP_sha256()) > 0, "signing the server certificate");

    return {pem([&](BIO* b) { return PEM_write_bio_X509(b, ca.get()); }),
            pem([&](BIO* b) { return PEM_write_bio_X509(b, leaf.get()); }), pem([&](BIO* b) {
                return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr,
                                                nullptr);
            })};
}

} // namespace els::platform::usossim
