// libFuzzer target for everything that reads card bytes: the content parser and the whole
// CMS verification. Only Error(MalformedData) may come out; anything else is a bug.
#include "els/smartcard/error.hpp"
#include "els/smartcard/image/test-pki.hpp"
#include "els/smartcard/verify.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <unistd.h>

using namespace els::smartcard;

namespace {

// Anchors that the seed corpus chains to (ELS_FUZZ_ANCHORS, written by els-fuzz-seeds), or a
// fresh test CA when run without one.
std::unique_ptr<TrustStore> makeAnchors() {
    if (const char* path = std::getenv("ELS_FUZZ_ANCHORS"))
        return std::make_unique<TrustStore>(TrustStore::load(path));
    const auto file = std::filesystem::temp_directory_path() /
                      ("els-fuzz-ca-" + std::to_string(::getpid()) + ".pem");
    std::ofstream(file) << image::TestPki::generate().ca.certificatePem();
    auto anchors = std::make_unique<TrustStore>(TrustStore::load(file));
    std::filesystem::remove(file);
    return anchors;
}

const TrustStore& anchors() {
    static const std::unique_ptr<TrustStore> store = makeAnchors();
    return *store;
}

void expectOnlyMalformed(const Error& e) {
    if (e.code() != ErrorCode::MalformedData)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    anchors();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ByteView input(data, size);
    try {
        (void)parseElsContent(input);
    } catch (const Error& e) {
        expectOnlyMalformed(e);
    }
    // A fixed time, so that a crash reproduces on any day.
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
    try {
        // The first byte's low bit decides whether the tail also poses as the certificate file.
        const std::size_t split = size > 0 && (data[0] & 1) ? size / 2 : size;
        (void)verifyEls(input.first(split), input.subspan(split), anchors(), now);
    } catch (const Error& e) {
        expectOnlyMalformed(e);
    }
    return 0;
}
