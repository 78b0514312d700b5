// els-card-bench: APDU count and wall time of a full readElsFiles through the real stack
// (libpcsclite -> pcscd -> vpcd -> els-card-sim), per card behaviour.
//
//   els-card-bench [--slot 0|1] [--reads N]      (pcscd with vsmartcard-vpcd must run)
#include "card-sim.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"
#include "pcsc-environment.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace sc = els::smartcard;
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

int run(int slot, int reads) {
    const std::string reader = support::vpcdReader(slot);
    if (!support::waitForReader(reader, std::chrono::seconds(5))) {
        std::fprintf(
            stderr,
            "els-card-bench: reader \"%s\" not found (is pcscd with vsmartcard-vpcd running?)\n",
            reader.c_str());
        return 1;
    }
    const auto els = support::derFiller(1700, 3);
    const auto certificate = support::derFiller(900, 5);
    support::TempDir image;
    support::writeCardImage(image.path(), els, certificate);

    std::printf("card: EF.ELS %zu bytes, certificate %zu bytes; %d reads each through %s\n",
                els.size(), certificate.size(), reads, reader.c_str());
    std::printf("%-22s %6s %12s %12s\n", "card", "APDUs", "median ms", "p95 ms");
    const std::vector<Kind> kinds{{"extended length", {}},
                                  {"short only (Le<=256)", {"--no-extended"}},
                                  {"T=0 style (61xx)", {"--t0"}},
                                  {"max Le 100 (6Cxx)", {"--max-le", "100"}}};
    for (const auto& kind : kinds) {
        support::CardSim sim(slot, image.path(), kind.options);
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
            millis.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
            if (files.els != els || files.certificate != certificate) {
                std::fprintf(stderr, "els-card-bench: read returned different bytes\n");
                return 1;
            }
            apdus = files.apduCount;
        }
        std::printf("%-22s %6u %12.3f %12.3f\n", kind.name, apdus, percentile(millis, 0.5),
                    percentile(millis, 0.95));
    }
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
