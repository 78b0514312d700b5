#include "session-rig.hpp"

#include "pcsc-environment.hpp"
#include "seed-cards.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace els::bench {

double millisBetween(Clock::time_point start, Clock::time_point end) {
    return std::chrono::duration<double, std::milli>(end - start).count();
}

double millisSince(Clock::time_point start) {
    return millisBetween(start, Clock::now());
}

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[index];
}

void printRow(const char* name, const std::vector<double>& values) {
    std::printf("  %-34s median %8.2f ms   p95 %8.2f ms\n", name, percentile(values, 0.5),
                percentile(values, 0.95));
}

SessionRig::SessionRig(int slot, std::vector<std::string> simArguments)
    : slot_(slot), reader_(testing::vpcdReader(slot)), pki_(smartcard::image::TestPki::generate()) {
    if (!testing::waitForReader(reader_, std::chrono::seconds(5)))
        throw std::runtime_error("reader \"" + reader_ +
                                 "\" not found (is pcscd with vsmartcard-vpcd running?)");
    pki_.save(dir_.path() / "pki");
    sim_ = std::make_unique<testing::UsosSimProcess>(dir_.path() / "sim", std::move(simArguments));
}

std::filesystem::path SessionRig::cardImage(const std::string& studentId) const {
    return testing::makeSeedCard(pki_.signer, studentId, dir_.path());
}

std::filesystem::path SessionRig::writeConfig(testing::KioskTiming timing,
                                              const std::string& baseUrl) const {
    const auto file =
        testing::writeKioskConfig(dir_.path(), *sim_, dir_.path() / "pki" / "ca.pem", timing);
    if (baseUrl.empty())
        return file;
    std::stringstream text;
    text << std::ifstream(file).rdbuf();
    auto content = text.str();
    const auto from = "base_url = " + sim_->baseUrl() + "\n";
    const auto at = content.find(from);
    if (at == std::string::npos)
        throw std::runtime_error("kiosk.conf without the simulator's base_url");
    content.replace(at, from.size(), "base_url = " + baseUrl + "\n");
    std::ofstream(file, std::ios::trunc) << content;
    return file;
}

} // namespace els::bench
