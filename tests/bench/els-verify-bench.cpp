// In-process parse+verify throughput of EF.ELS on one thread (issue 2, "Performance").
// Usage: els-verify-bench [SECONDS_PER_CASE]
// Rates are per second of this thread's CPU time (the machine may be shared), with the wall
// clock rate alongside.
#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/verify.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <string>
#include <unistd.h>

using namespace els::smartcard;
using namespace els::smartcard::image;
using Clock = std::chrono::steady_clock;

namespace {

double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Rate {
    double perCpuSecond = 0;
    double perWallSecond = 0;
};

template <typename Work> Rate measure(double seconds, Work&& work) {
    std::size_t count = 0;
    const double cpuStart = threadCpuSeconds();
    const auto wallStart = Clock::now();
    double cpu = cpuStart;
    while (cpu - cpuStart < seconds) {
        for (int i = 0; i < 64; ++i)
            work();
        count += 64;
        cpu = threadCpuSeconds();
    }
    const double wall = std::chrono::duration<double>(Clock::now() - wallStart).count();
    return {static_cast<double>(count) / (cpu - cpuStart), static_cast<double>(count) / wall};
}

// The floor under parse+verify: one EVP_PKEY_verify of a SHA-256 digest with the signer's key
// and a set-up context, i.e. what `openssl speed` measures.
Rate rawVerifyRate(const Credential& signer, double seconds) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(signer.privateKeyPem.data(), static_cast<int>(signer.privateKeyPem.size())),
        &BIO_free);
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    const std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new(key.get(), nullptr), &EVP_PKEY_CTX_free);
    const unsigned char digest[32] = {1, 2, 3};
    unsigned char signature[256];
    std::size_t length = sizeof signature;
    if (EVP_PKEY_sign_init(ctx.get()) != 1 ||
        EVP_PKEY_sign(ctx.get(), signature, &length, digest, sizeof digest) != 1 ||
        EVP_PKEY_verify_init(ctx.get()) != 1) {
        std::abort();
    }
    return measure(seconds, [&] {
        if (EVP_PKEY_verify(ctx.get(), signature, length, digest, sizeof digest) != 1)
            std::abort();
    });
}

} // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
    const TestPki pki = TestPki::generate();
    const auto dir =
        std::filesystem::temp_directory_path() / ("els-verify-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "ca.pem") << pki.ca.certificatePem();
    const TrustStore anchors = TrustStore::load(dir / "ca.pem");
    std::filesystem::remove_all(dir);

    const auto now = std::chrono::system_clock::now();
    std::printf("els-verify-bench: one thread, %.1f s per case (CA RSA-2048, content %zu bytes)\n",
                seconds, encodeElsContent(CardDescription{}).size());
    bool allVerified = true;
    for (const auto& [name, signer] :
         {std::pair{"ECDSA P-256 signer", &pki.signerEc}, {"RSA-2048 signer", &pki.signer}}) {
        const CardImage card = makeCardImage(CardDescription{}, *signer);
        allVerified =
            allVerified && verifyEls(card.elsFile, card.certificateFile, anchors, now).verified();
        const Rate rate = measure(seconds, [&] {
            if (!verifyEls(card.elsFile, card.certificateFile, anchors, now).verified())
                std::abort();
        });
        std::printf(
            "  parse+verify, %-18s %8.0f cards/s per CPU second (%.1f us/card; wall %.0f/s), "
            "EF.ELS %zu bytes\n",
            name, rate.perCpuSecond, 1e6 / rate.perCpuSecond, rate.perWallSecond,
            card.elsFile.size());
    }
    const Rate raw = rawVerifyRate(pki.signerEc, seconds / 2);
    std::printf("  raw ECDSA P-256 verify (floor):    %8.0f /s per CPU second (%.1f us)\n",
                raw.perCpuSecond, 1e6 / raw.perCpuSecond);
    const Bytes content = encodeElsContent(CardDescription{});
    const Rate parseRate = measure(seconds / 2, [&] { (void)parseElsContent(content); });
    std::printf("  content parse only:                %8.0f /s per CPU second\n",
                parseRate.perCpuSecond);
    return allVerified ? 0 : 1;
}
