#include "els/smartcard/error.hpp"
#include "trust-store-impl.hpp"

#include <algorithm>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <vector>

namespace els::smartcard {

namespace {

[[noreturn]] void fail(const std::string& why) {
    throw Error(ErrorCode::Internal, why);
}

std::vector<ossl::Cert> readPemCertificates(const std::filesystem::path& file) {
    ossl::Bio bio(BIO_new_file(file.c_str(), "r"));
    if (!bio)
        fail("cannot open trust anchor file " + file.string());
    std::vector<ossl::Cert> certs;
    while (ossl::Cert cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
        certs.push_back(std::move(cert));
    }
    // The loop ends with "no start line" at the end of the file; that is not an error.
    ERR_clear_error();
    return certs;
}

bool isAnchorFile(const std::filesystem::path& path) {
    const auto ext = path.extension();
    return ext == ".pem" || ext == ".crt";
}

} // namespace

TrustStore TrustStore::load(const std::filesystem::path& pemFileOrDirectory) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(pemFileOrDirectory, ec)) {
        for (const auto& entry : std::filesystem::directory_iterator(pemFileOrDirectory, ec)) {
            if (entry.is_regular_file() && isAnchorFile(entry.path()))
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
    } else if (std::filesystem::is_regular_file(pemFileOrDirectory, ec)) {
        files.push_back(pemFileOrDirectory);
    } else {
        fail("trust anchors not found: " + pemFileOrDirectory.string() +
             " is neither a PEM file nor a directory");
    }

    auto impl = std::make_unique<Impl>();
    impl->store.reset(X509_STORE_new());
    if (!impl->store)
        fail("out of memory creating the trust store");
    for (const auto& file : files) {
        for (const auto& cert : readPemCertificates(file)) {
            // Duplicates across files are harmless; OpenSSL reports them as an error.
            if (X509_STORE_add_cert(impl->store.get(), cert.get()) == 1)
                ++impl->anchorCount;
            ERR_clear_error();
        }
    }
    if (impl->anchorCount == 0) {
        fail("no trust anchor certificate found in " + pemFileOrDirectory.string() +
             " (expected PEM certificates, or a directory of *.pem / *.crt files)");
    }
    return TrustStore(std::move(impl));
}

TrustStore::Impl::Impl()
    : digests_{ossl::Md(EVP_MD_fetch(nullptr, "SHA256", nullptr)),
               ossl::Md(EVP_MD_fetch(nullptr, "SHA384", nullptr)),
               ossl::Md(EVP_MD_fetch(nullptr, "SHA512", nullptr))} {
    for (const auto& md : digests_) {
        if (!md)
            fail("OpenSSL offers no SHA-2 digest");
    }
}

const EVP_MD* TrustStore::Impl::digest(Digest which) const noexcept {
    return digests_[static_cast<std::size_t>(which)].get();
}

ossl::PKeyCtx TrustStore::Impl::takeVerifier(EVP_PKEY* key, const SignatureScheme& scheme) const {
    {
        const std::lock_guard lock(verifierMutex_);
        if (const auto pool = verifiers_.find({key, scheme});
            pool != verifiers_.end() && !pool->second.empty()) {
            ossl::PKeyCtx ctx = std::move(pool->second.back());
            pool->second.pop_back();
            return ctx;
        }
    }
    ossl::PKeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    const EVP_MD* md = digest(scheme.digest);
    const bool ready = ctx && EVP_PKEY_verify_init(ctx.get()) == 1 &&
                       EVP_PKEY_CTX_set_signature_md(ctx.get(), md) == 1 &&
                       (scheme.keyType != EVP_PKEY_RSA ||
                        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), scheme.padding) == 1) &&
                       (scheme.padding != RSA_PKCS1_PSS_PADDING ||
                        (EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), md) == 1 &&
                         EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), scheme.saltLength) == 1));
    return ready ? std::move(ctx) : nullptr;
}

void TrustStore::Impl::returnVerifier(EVP_PKEY* key, const SignatureScheme& scheme,
                                      ossl::PKeyCtx ctx) const {
    const std::lock_guard lock(verifierMutex_);
    if (verifiers_.size() >= maxCacheEntries)
        verifiers_.clear();
    auto& pool = verifiers_[{key, scheme}];
    if (pool.size() < maxPooledPerKey)
        pool.push_back(std::move(ctx));
}

TrustStore::TrustStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TrustStore::TrustStore(TrustStore&&) noexcept = default;
TrustStore& TrustStore::operator=(TrustStore&&) noexcept = default;
TrustStore::~TrustStore() = default;

std::size_t TrustStore::size() const noexcept {
    return impl_->anchorCount;
}

std::string oneLineSubject(X509* cert) {
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return {};
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0,
                       XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* text = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &text);
    return length > 0 ? std::string(text, static_cast<std::size_t>(length)) : std::string();
}

ParsedCertificate TrustStore::Impl::certificate(ByteView der) const {
    const std::string_view key(reinterpret_cast<const char*>(der.data()), der.size());
    {
        const std::lock_guard lock(cacheMutex_);
        if (const auto hit = certificates_.find(key); hit != certificates_.end()) {
            X509_up_ref(hit->second.cert.get());
            return {ossl::Cert(hit->second.cert.get()), hit->second.subject};
        }
    }
    const unsigned char* cursor = der.data();
    ossl::Cert parsed(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    if (!parsed || cursor != der.data() + der.size() || X509_up_ref(parsed.get()) != 1)
        return {};
    ParsedCertificate cached{ossl::Cert(parsed.get()), oneLineSubject(parsed.get())};
    std::string subject = cached.subject;
    const std::lock_guard lock(cacheMutex_);
    if (certificates_.size() >= maxCacheEntries)
        certificates_.clear();
    certificates_.insert_or_assign(std::string(key), std::move(cached));
    return {std::move(parsed), std::move(subject)};
}

bool TrustStore::Impl::isKnownGoodChain(const std::string& key, std::time_t now) const {
    const std::lock_guard lock(cacheMutex_);
    const auto hit = chains_.find(key);
    return hit != chains_.end() && hit->second.notBefore <= now && now <= hit->second.notAfter;
}

void TrustStore::Impl::rememberGoodChain(std::string key, VerifiedChain chain) const {
    const std::lock_guard lock(cacheMutex_);
    if (chains_.size() >= maxCacheEntries)
        chains_.clear();
    chains_.insert_or_assign(std::move(key), chain);
}

} // namespace els::smartcard
