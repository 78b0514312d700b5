#include "els/smartcard/image/test-pki.hpp"

#include "openssl-handles.hpp"

#include <fstream>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sstream>
#include <stdexcept>

namespace els::smartcard::image {

namespace {

[[noreturn]] void fail(const std::string& what) {
    ERR_clear_error();
    throw std::runtime_error("test PKI: " + what);
}

ossl::PKey makeKey(bool rsa) {
    EVP_PKEY* key = rsa ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                        : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!key)
        fail("key generation failed");
    return ossl::PKey(key);
}

void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value);
    if (!ext || X509_add_ext(cert, ext, -1) != 1)
        fail(std::string("cannot add extension ") + value);
    X509_EXTENSION_free(ext);
}

struct Issued {
    ossl::Cert cert;
    ossl::PKey key;
};

struct CertSpec {
    std::string commonName;
    bool rsa = false;
    bool isCa = false;
    std::time_t notBefore = 0;
    std::time_t notAfter = 0;
    long serial = 1;
};

// `issuer` null means self-signed.
Issued issue(const CertSpec& spec, const Issued* issuer) {
    Issued out{ossl::Cert(X509_new()), makeKey(spec.rsa)};
    X509* cert = out.cert.get();
    if (!cert)
        fail("out of memory");
    X509_set_version(cert, X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), spec.serial);
    X509_NAME* name = X509_get_subject_name(cert);
    const auto addName = [&](const char* field, const std::string& value) {
        X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                   0);
    };
    addName("C", "PL");
    addName("O", "Uniwersytet Testowy (TEST ONLY)");
    addName("CN", spec.commonName);
    X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer->cert.get()) : name);
    if (!ASN1_TIME_set(X509_getm_notBefore(cert), spec.notBefore) ||
        !ASN1_TIME_set(X509_getm_notAfter(cert), spec.notAfter)) {
        fail("cannot set validity");
    }
    X509_set_pubkey(cert, out.key.get());
    X509* issuerCert = issuer ? issuer->cert.get() : cert;
    addExtension(cert, issuerCert, NID_subject_key_identifier, "hash");
    if (spec.isCa) {
        addExtension(cert, issuerCert, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(cert, issuerCert, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExtension(cert, issuerCert, NID_authority_key_identifier, "keyid:always");
        addExtension(cert, issuerCert, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(cert, issuerCert, NID_key_usage, "critical,digitalSignature,nonRepudiation");
    }
    EVP_PKEY* signingKey = issuer ? issuer->key.get() : out.key.get();
    if (X509_sign(cert, signingKey, EVP_sha256()) <= 0)
        fail("cannot sign certificate " + spec.commonName);
    return out;
}

Credential toCredential(const Issued& issued) {
    Credential credential;
    const int length = i2d_X509(issued.cert.get(), nullptr);
    if (length <= 0)
        fail("cannot encode certificate");
    credential.certificate.resize(static_cast<std::size_t>(length));
    unsigned char* out = credential.certificate.data();
    i2d_X509(issued.cert.get(), &out);
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), issued.key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1) {
        fail("cannot encode private key");
    }
    char* text = nullptr;
    const long textLength = BIO_get_mem_data(bio.get(), &text);
    credential.privateKeyPem.assign(text, static_cast<std::size_t>(textLength));
    return credential;
}

std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("test PKI: cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw std::runtime_error("test PKI: cannot write " + file.string());
}

constexpr std::time_t day = 24 * 3600;

} // namespace

std::string Credential::certificatePem() const {
    const unsigned char* in = certificate.data();
    const ossl::Cert cert(d2i_X509(nullptr, &in, static_cast<long>(certificate.size())));
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!cert || !bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1)
        fail("cannot encode certificate");
    char* text = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &text);
    return {text, static_cast<std::size_t>(length)};
}

TestPki TestPki::generate(std::chrono::system_clock::time_point now) {
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const Issued ca = issue({"ELS Test CA", true, true, t - day, t + 3650 * day, 1}, nullptr);
    const Issued foreignCa =
        issue({"Foreign Test CA", false, true, t - day, t + 3650 * day, 1}, nullptr);
    TestPki pki;
    pki.ca = toCredential(ca);
    pki.signer =
        toCredential(issue({"ELS Test Signer RSA", true, false, t - day, t + 1825 * day, 2}, &ca));
    pki.signerEc =
        toCredential(issue({"ELS Test Signer EC", false, false, t - day, t + 1825 * day, 3}, &ca));
    pki.expiredSigner = toCredential(
        issue({"ELS Test Signer Expired", false, false, t - 730 * day, t - 365 * day, 4}, &ca));
    pki.foreignCa = toCredential(foreignCa);
    pki.foreignSigner = toCredential(
        issue({"Foreign Test Signer", false, false, t - day, t + 1825 * day, 2}, &foreignCa));
    return pki;
}

void TestPki::save(const std::filesystem::path& directory) const {
    std::filesystem::create_directories(directory);
    const std::pair<const char*, const Credential*> all[] = {
        {"ca", &ca},
        {"signer", &signer},
        {"signer-ec", &signerEc},
        {"foreign-ca", &foreignCa},
        {"foreign-signer", &foreignSigner},
        {"expired-signer", &expiredSigner},
    };
    for (const auto& [name, credential] : all) {
        writeText(directory / (std::string(name) + ".pem"), credential->certificatePem());
        writeText(directory / (std::string(name) + ".key"), credential->privateKeyPem);
    }
}

Credential TestPki::loadCredential(const std::filesystem::path& directory,
                                   const std::string& name) {
    const std::string pem = readText(directory / (name + ".pem"));
    ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    const ossl::Cert cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert)
        fail("no certificate in " + (directory / (name + ".pem")).string());
    Credential credential;
    const int length = i2d_X509(cert.get(), nullptr);
    credential.certificate.resize(static_cast<std::size_t>(std::max(length, 0)));
    unsigned char* out = credential.certificate.data();
    i2d_X509(cert.get(), &out);
    credential.privateKeyPem = readText(directory / (name + ".key"));
    return credential;
}

} // namespace els::smartcard::image
