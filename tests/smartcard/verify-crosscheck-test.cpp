// verifyEls checks signatures itself (RFC 5652 §5.4 with OpenSSL primitives). These tests hold
// its verdict against OpenSSL's CMS_verify for every kind of card the tests can make, and
// pin down the few places where it is deliberately stricter.
#include "els/smartcard/error.hpp"
#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/verify.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <optional>
#include <unistd.h>

using namespace els::smartcard;
using namespace els::smartcard::image;
using namespace std::chrono;

namespace {

template <auto Free> struct Deleter {
    template <typename T> void operator()(T* p) const noexcept { Free(p); }
};
using Cms = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free>>;
using CertStack =
    std::unique_ptr<STACK_OF(X509),
                    Deleter<[](STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }>>;

Cert certificateOf(const Credential& credential) {
    const unsigned char* in = credential.certificate.data();
    return Cert(d2i_X509(nullptr, &in, static_cast<long>(credential.certificate.size())));
}

Key keyOf(const Credential& credential) {
    const Bio bio(BIO_new_mem_buf(credential.privateKeyPem.data(),
                                  static_cast<int>(credential.privateKeyPem.size())));
    return Key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

struct SignerSpec {
    const Credential* credential;
    const EVP_MD* md = EVP_sha256();
    bool pss = false;
};

// Attached SignedData made with OpenSSL's CMS API, with `tweak` applied to the finished
// structure before encoding (e.g. to change a signed attribute and sign again).
Bytes sign(ByteView content, const std::vector<SignerSpec>& signers, unsigned flags = 0,
           const std::string& contentTypeOid = CardDescription{}.contentTypeOid,
           const std::function<void(CMS_ContentInfo*)>& tweak = {}) {
    const Cms cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, CMS_PARTIAL | CMS_BINARY | flags));
    ASN1_OBJECT* oid = OBJ_txt2obj(contentTypeOid.c_str(), 1);
    EXPECT_EQ(CMS_set1_eContentType(cms.get(), oid), 1);
    ASN1_OBJECT_free(oid);
    for (const SignerSpec& spec : signers) {
        const Cert cert = certificateOf(*spec.credential);
        const Key key = keyOf(*spec.credential);
        CMS_SignerInfo* si = CMS_add1_signer(cms.get(), cert.get(), key.get(), spec.md,
                                             CMS_BINARY | flags | (spec.pss ? CMS_KEY_PARAM : 0u));
        EXPECT_NE(si, nullptr);
        if (spec.pss) {
            EXPECT_EQ(EVP_PKEY_CTX_set_rsa_padding(CMS_SignerInfo_get0_pkey_ctx(si),
                                                   RSA_PKCS1_PSS_PADDING),
                      1);
        }
    }
    const Bio data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    EXPECT_EQ(CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY), 1);
    if (tweak)
        tweak(cms.get());
    const int length = i2d_CMS_ContentInfo(cms.get(), nullptr);
    Bytes der(static_cast<std::size_t>(std::max(length, 0)));
    unsigned char* out = der.data();
    i2d_CMS_ContentInfo(cms.get(), &out);
    return der;
}

// Replaces the first signer's signed attribute `nid` with one value and signs the attributes
// again (CMS_SignerInfo_sign cannot be called twice on one SignerInfo).
std::function<void(CMS_ContentInfo*)> resignWith(const Credential& signer, int nid, int type,
                                                 const void* value, int length) {
    return [=, &signer](CMS_ContentInfo* cms) {
        CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
        X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, CMS_signed_get_attr_by_NID(si, nid, -1)));
        ASSERT_EQ(CMS_signed_add1_attr_by_NID(si, nid, type, value, length), 1);
        std::vector<Bytes> attributes; // DER orders a SET OF by the encodings' bytes
        for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
            unsigned char* der = nullptr;
            const int size = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &der);
            attributes.emplace_back(der, der + size);
            OPENSSL_free(der);
        }
        std::sort(attributes.begin(), attributes.end());
        Bytes body;
        for (const Bytes& attribute : attributes)
            body.insert(body.end(), attribute.begin(), attribute.end());
        ASSERT_LT(body.size(), 0x10000u);
        Bytes set{0x31, 0x82, static_cast<std::uint8_t>(body.size() >> 8),
                  static_cast<std::uint8_t>(body.size())};
        if (body.size() < 0x80)
            set = {0x31, static_cast<std::uint8_t>(body.size())};
        else if (body.size() < 0x100)
            set = {0x31, 0x81, static_cast<std::uint8_t>(body.size())};
        set.insert(set.end(), body.begin(), body.end());

        const Key key = keyOf(signer);
        const std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
        std::size_t size = 0;
        ASSERT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()), 1);
        ASSERT_EQ(EVP_DigestSign(ctx.get(), nullptr, &size, set.data(), set.size()), 1);
        Bytes signature(size);
        ASSERT_EQ(EVP_DigestSign(ctx.get(), signature.data(), &size, set.data(), set.size()), 1);
        ASSERT_EQ(ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature.data(),
                                  static_cast<int>(size)),
                  1);
    };
}

// OpenSSL's verdict on the signature alone, as the code before this one asked it; nullopt
// when OpenSSL cannot parse the file.
std::optional<bool> cmsVerifyVerdict(const Bytes& elsFile, const Bytes& certificateFile) {
    const unsigned char* in = elsFile.data();
    const Cms cms(d2i_CMS_ContentInfo(nullptr, &in, static_cast<long>(elsFile.size())));
    if (!cms) {
        ERR_clear_error();
        return std::nullopt;
    }
    // Embedded certificates first, then the certificate file: the order the verifier searches.
    STACK_OF(X509)* embedded = CMS_get1_certs(cms.get());
    const CertStack extra(embedded ? embedded : sk_X509_new_null());
    const unsigned char* certIn = certificateFile.data();
    if (X509* cert = d2i_X509(nullptr, &certIn, static_cast<long>(certificateFile.size())))
        sk_X509_push(extra.get(), cert);
    const bool valid = CMS_verify(cms.get(), extra.get(), nullptr, nullptr, nullptr,
                                  CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1;
    ERR_clear_error();
    return valid;
}

std::size_t find(const Bytes& haystack, ByteView needle) {
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end());
    return it == haystack.end() ? std::string::npos
                                : static_cast<std::size_t>(it - haystack.begin());
}

} // namespace

class VerifyCrossCheck : public testing::Test {
protected:
    static void SetUpTestSuite() {
        pki_ = TestPki::generate();
        const auto file = std::filesystem::temp_directory_path() /
                          ("els-crosscheck-" + std::to_string(::getpid()) + ".pem");
        std::ofstream(file) << pki_->ca.certificatePem();
        anchors_.emplace(TrustStore::load(file));
        std::filesystem::remove(file);
    }
    static void TearDownTestSuite() { anchors_.reset(); }

    static VerifiedEls verify(const CardImage& card) {
        return verifyEls(card.elsFile, card.certificateFile, *anchors_, system_clock::now());
    }
    static CardImage card(Bytes elsFile, const Credential& signer) {
        return {std::move(elsFile), signer.certificate, {}};
    }
    // The fast path and CMS_verify agree on `expected`.
    static void expectBothSay(bool expected, const CardImage& image, const std::string& what) {
        SCOPED_TRACE(what);
        const VerifiedEls result = verify(image);
        EXPECT_EQ(result.signatureValid, expected) << result.problem;
        EXPECT_EQ(cmsVerifyVerdict(image.elsFile, image.certificateFile), expected);
        if (!expected) {
            EXPECT_NE(result.problem.find("signature"), std::string::npos) << result.problem;
        }
    }

    static Bytes content() { return encodeElsContent(CardDescription{}); }

    static inline std::optional<TestPki> pki_;
    static inline std::optional<TrustStore> anchors_;
};

TEST_F(VerifyCrossCheck, goodCards_areValidForBoth) {
    expectBothSay(true, makeCardImage(CardDescription{}, pki_->signer), "RSA");
    expectBothSay(true, makeCardImage(CardDescription{}, pki_->signerEc), "ECDSA");
    expectBothSay(true, makeCardImage(CardDescription{}, pki_->foreignSigner), "foreign signer");
    expectBothSay(true, makeCardImage(CardDescription{}, pki_->expiredSigner), "expired signer");
    CardDescription certificateFileOnly;
    certificateFileOnly.embedSignerCertificate = false;
    expectBothSay(true, makeCardImage(certificateFileOnly, pki_->signerEc), "certificate file");
}

TEST_F(VerifyCrossCheck, otherDigestsAndSchemes_areValidForBoth) {
    for (const EVP_MD* md : {EVP_sha384(), EVP_sha512()}) {
        expectBothSay(true, card(sign(content(), {{&pki_->signerEc, md}}), pki_->signerEc),
                      std::string("ECDSA ") + EVP_MD_get0_name(md));
        expectBothSay(true, card(sign(content(), {{&pki_->signer, md}}), pki_->signer),
                      std::string("RSA ") + EVP_MD_get0_name(md));
    }
    expectBothSay(true, card(sign(content(), {{&pki_->signer, EVP_sha256(), true}}), pki_->signer),
                  "RSASSA-PSS");
    expectBothSay(true, card(sign(content(), {{&pki_->signerEc}}, CMS_USE_KEYID), pki_->signerEc),
                  "subjectKeyIdentifier");
    expectBothSay(true, card(sign(content(), {{&pki_->signer}, {&pki_->signerEc}}), pki_->signer),
                  "two signers");
}

TEST_F(VerifyCrossCheck, tamperedCards_areInvalidForBoth) {
    for (const Credential* signer : {&pki_->signer, &pki_->signerEc}) {
        const CardImage good = makeCardImage(CardDescription{}, *signer);
        CardImage content = good;
        content.elsFile[find(content.elsFile, Bytes{'T', 'e', 's', 't', 'o', 'w', 'a'})] = 'B';
        expectBothSay(false, content, "tampered content");

        CardImage signature = good; // the signature value is the last element
        signature.elsFile.back() ^= 0x01;
        expectBothSay(false, signature, "tampered signature");

        // The first digit of the signing-time attribute's UTCTime: 1.2.840.113549.1.9.5,
        // SET header, UTCTime header.
        CardImage attribute = good;
        const std::size_t at = find(attribute.elsFile, fromHex("2A864886F70D010905"));
        ASSERT_NE(at, std::string::npos);
        attribute.elsFile[at + 9 + 2 + 2] ^= 0x01;
        expectBothSay(false, attribute, "tampered signed attribute");
    }
}

// Every signer must verify (as CMS_verify demands), not just one of them.
TEST_F(VerifyCrossCheck, twoSignersWithOneBadSignature_isInvalidForBoth) {
    Bytes file = sign(content(), {{&pki_->signer}, {&pki_->signerEc}});
    file.back() ^= 0x01; // the last SignerInfo's signature value
    expectBothSay(false, card(file, pki_->signer), "one of two signatures tampered");
}

TEST_F(VerifyCrossCheck, wrongMessageDigestAttribute_isInvalidForBoth) {
    const std::array<unsigned char, 32> wrong{0x42};
    const Bytes file = sign(content(), {{&pki_->signerEc}}, 0, CardDescription{}.contentTypeOid,
                            resignWith(pki_->signerEc, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                       wrong.data(), static_cast<int>(wrong.size())));
    expectBothSay(false, card(file, pki_->signerEc), "wrong message digest");
    EXPECT_NE(verify(card(file, pki_->signerEc)).problem.find("message-digest"), std::string::npos);
}

TEST_F(VerifyCrossCheck, signerCertificateMissing_isInvalidForBoth) {
    CardDescription description;
    description.embedSignerCertificate = false;
    CardImage image = makeCardImage(description, pki_->signerEc);
    image.certificateFile = pki_->signer.certificate; // someone else's
    expectBothSay(false, image, "foreign certificate file");
}

TEST_F(VerifyCrossCheck, noSignedAttributesOverIdData_isValidForBoth) {
    const std::string idData = "1.2.840.113549.1.7.1";
    for (const Credential* signer : {&pki_->signer, &pki_->signerEc}) {
        expectBothSay(true, card(sign(content(), {{signer}}, CMS_NOATTR, idData), *signer),
                      "no signed attributes");
        Bytes tampered = sign(content(), {{signer}}, CMS_NOATTR, idData);
        tampered[find(tampered, Bytes{'T', 'e', 's', 't', 'o', 'w', 'a'})] = 'B';
        expectBothSay(false, card(tampered, *signer), "no signed attributes, tampered content");
    }
}

// RFC 5652 §5.3 demands signed attributes for any content type but id-data, and §11.1 that
// the content-type attribute name eContentType; CMS_verify checks neither.
TEST_F(VerifyCrossCheck, rfcViolationsThatCmsVerifyAccepts_areInvalid) {
    const Bytes noAttributes = sign(content(), {{&pki_->signerEc}}, CMS_NOATTR);
    EXPECT_EQ(cmsVerifyVerdict(noAttributes, {}), true);
    const VerifiedEls bare = verify(card(noAttributes, pki_->signerEc));
    EXPECT_FALSE(bare.signatureValid);
    EXPECT_NE(bare.problem.find("id-data"), std::string::npos) << bare.problem;

    ASN1_OBJECT* idData = OBJ_nid2obj(NID_pkcs7_data);
    const Bytes wrongType =
        sign(content(), {{&pki_->signerEc}}, 0, CardDescription{}.contentTypeOid,
             resignWith(pki_->signerEc, NID_pkcs9_contentType, V_ASN1_OBJECT, idData, -1));
    EXPECT_EQ(cmsVerifyVerdict(wrongType, {}), true);
    const VerifiedEls mislabelled = verify(card(wrongType, pki_->signerEc));
    EXPECT_FALSE(mislabelled.signatureValid);
    EXPECT_NE(mislabelled.problem.find("content-type"), std::string::npos) << mislabelled.problem;
}

TEST_F(VerifyCrossCheck, unknownSignatureAlgorithmOnAnEcdsaSignature_isRefused) {
    CardImage image = makeCardImage(CardDescription{}, pki_->signerEc);
    const Bytes ecdsaWithSha256 = fromHex("2A8648CE3D040302");
    const auto at = std::find_end(image.elsFile.begin(), image.elsFile.end(),
                                  ecdsaWithSha256.begin(), ecdsaWithSha256.end());
    ASSERT_NE(at, image.elsFile.end());
    at[7] = 0x05; // 1.2.840.10045.4.3.5: no such algorithm
    EXPECT_EQ(cmsVerifyVerdict(image.elsFile, image.certificateFile), true); // OpenSSL ignores it
    const VerifiedEls result = verify(image);
    EXPECT_FALSE(result.signatureValid);
    EXPECT_NE(result.problem.find("1.2.840.10045.4.3.5"), std::string::npos) << result.problem;
}

// SHA-1 (and anything else outside SHA-256/384/512) is refused with a clear reason.
TEST_F(VerifyCrossCheck, sha1Signature_isRefusedAsUnsupported) {
    const VerifiedEls result =
        verify(card(sign(content(), {{&pki_->signerEc, EVP_sha1()}}), pki_->signerEc));
    EXPECT_FALSE(result.signatureValid);
    EXPECT_NE(result.problem.find("not supported"), std::string::npos) << result.problem;
    EXPECT_NE(result.problem.find("1.3.14.3.2.26"), std::string::npos) << result.problem;
}

// The expected differences: a changed eContentType, which CMS_verify does not compare with
// the content-type attribute, and a changed ECDSA signature algorithm, which it ignores.
TEST_F(VerifyCrossCheck, everySingleByteCorruption_getsTheSameVerdictFromBoth) {
    for (const Credential* signer : {&pki_->signer, &pki_->signerEc}) {
        const CardImage good = makeCardImage(CardDescription{}, *signer);
        int compared = 0;
        for (std::size_t i = 0; i < good.elsFile.size(); ++i) {
            CardImage corrupted = good;
            corrupted.elsFile[i] ^= 0x5A;
            const std::optional<bool> openssl =
                cmsVerifyVerdict(corrupted.elsFile, corrupted.certificateFile);
            try {
                const VerifiedEls result = verify(corrupted);
                if (!openssl)
                    continue;
                ++compared;
                if (*openssl &&
                    result.problem.find("content-type attribute") != std::string::npos) {
                    EXPECT_NE(result.contentType, "1.2.616.1.113527.2.4.1.1") << "byte " << i;
                    continue;
                }
                if (*openssl && result.problem.find("not supported") != std::string::npos)
                    continue;
                EXPECT_EQ(result.signatureValid, *openssl)
                    << "byte " << i << ": " << result.problem;
            } catch (const Error& e) {
                EXPECT_EQ(e.code(), ErrorCode::MalformedData);
                EXPECT_NE(openssl, true) << "byte " << i << ": " << e.what();
            }
        }
        EXPECT_GT(compared, 100);
    }
}
