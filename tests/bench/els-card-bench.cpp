// els-card-bench: APDU count and wall time of a full read + verify of a signed test card
// through the real stack (libpcsclite -> pcscd -> vpcd -> els-card-sim), per card behaviour,
// and the peak RSS of `kioskctl read-card` on the same card.
//
//   els-card-bench [--slot 0|1] [--reads N]      (pcscd with vsmartcard-vpcd must run)
#include "card-sim.hpp"
#include "child-process.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/pcsc.hpp"
#include "els/smartcard/verify.hpp"
#include "pcsc-environment.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

namespace sc = els::smartcard;
namespace image = els::smartcard::image;
namespace support = els::testing;

namespace {

struct Kind {
    const char* name;
    std::vector<std::string> options;
};

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[index];
}

// Peak resident set of one `kioskctl read-card` (ru_maxrss of the child), in KiB.
long kioskctlPeakRssKb(const std::string& reader, const std::filesystem::path& anchors,
                       const std::filesystem::path& scratch) {
    const pid_t pid = support::spawnProcess(
        {KIOSKCTL_PATH, "read-card", "--reader", reader, "--trust", anchors.string(), "--json"},
        "/dev/null", scratch / "out", scratch / "err");
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return usage.ru_maxrss;
}

int run(int slot, int reads) {
    const std::string reader = support::vpcdReader(slot);
    if (!support::waitForReader(reader, std::chrono::seconds(5))) {
        std::fprintf(
            stderr,
            "els-card-bench: reader \"%s\" not found (is pcscd with vsmartcard-vpcd running?)\n",
            reader.c_str());
        return 1;
    }
    // A signed card as the kiosk sees it: ECDSA signer, certificate in the CMS and in EF 0001
    // (which the reader then skips).
    const auto pki = image::TestPki::generate();
    const auto card = image::makeCardImage(image::CardDescription{}, pki.signerEc);
    const auto& els = card.elsFile;
    const auto& certificate = card.certificateFile;
    support::TempDir dir;
    const auto imageDir = dir.path() / "card";
    image::writeCardImage(imageDir, card);
    const auto anchorFile = dir.path() / "ca.pem";
    std::ofstream(anchorFile) << pki.ca.certificatePem();
    const auto anchors = sc::TrustStore::load(anchorFile);

    std::printf("card: EF.ELS %zu bytes, certificate %zu bytes; %d reads each through %s\n",
                els.size(), certificate.size(), reads, reader.c_str());
    std::printf("%-22s %6s %16s %16s\n", "card", "APDUs", "read+verify med", "p95 ms");
    const std::vector<Kind> kinds{{"extended length", {}},
                                  {"short only (Le<=256)", {"--no-extended"}},
                                  {"T=0 style (61xx)", {"--t0"}},
                                  {"max Le 100 (6Cxx)", {"--max-le", "100"}}};
    for (const auto& kind : kinds) {
        support::CardSim sim(slot, imageDir, kind.options);
        if (!sim.insert()) {
            std::fprintf(stderr, "els-card-bench: card not seen in %s\n", reader.c_str());
            return 1;
        }
        const sc::Context context;
        auto card = context.connect(reader);
        std::vector<double> millis;
        unsigned apdus = 0;
        for (int i = 0; i < reads; ++i) {
            const auto start = std::chrono::steady_clock::now();
            const auto files = sc::readElsFiles(card);
            const auto verified = sc::verifyEls(files.els, files.certificate, anchors,
                                                std::chrono::system_clock::now());
            millis.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
            // The CMS carries the signer certificate, so EF 0001 is not read.
            if (files.els != els || !files.certificate.empty() || !verified.verified()) {
                std::fprintf(stderr,
                             "els-card-bench: read returned different or unverified bytes\n");
                return 1;
            }
            apdus = files.apduCount;
        }
        std::printf("%-22s %6u %16.3f %16.3f\n", kind.name, apdus, percentile(millis, 0.5),
                    percentile(millis, 0.95));
    }

    support::CardSim sim(slot, imageDir, {});
    if (!sim.insert()) {
        std::fprintf(stderr, "els-card-bench: card not seen in %s\n", reader.c_str());
        return 1;
    }
    const long peakKb = kioskctlPeakRssKb(reader, anchorFile, dir.path());
    if (peakKb < 0) {
        std::fprintf(stderr, "els-card-bench: kioskctl read-card failed on the bench card\n");
        return 1;
    }
    std::printf("kioskctl read-card peak RSS: %.1f MB\n", static_cast<double>(peakKb) / 1024.0);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    int slot = 0;
    int reads = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--slot") {
            slot = std::stoi(argv[i + 1]);
        } else if (option == "--reads") {
            reads = std::max(1, std::stoi(argv[i + 1]));
        } else {
            std::fprintf(stderr, "usage: els-card-bench [--slot 0|1] [--reads N]\n");
            return 2;
        }
    }
    try {
        return run(slot, reads);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "els-card-bench: %s\n", e.what());
        return 1;
    }
}
