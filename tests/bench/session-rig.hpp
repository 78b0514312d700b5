#pragma once

#include "card-sim.hpp"
#include "els/smartcard/image/test-pki.hpp"
#include "usos-sim-process.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

// What every kiosk-session benchmark sets up: the vpcd reader (of the pcscd that make bench
// starts), a card-signing test PKI, usos-sim and a kiosk.conf; plus the figures' arithmetic.
namespace els::bench {

using Clock = std::chrono::steady_clock;

double millisSince(Clock::time_point start);
double millisBetween(Clock::time_point start, Clock::time_point end);
// Nearest-rank percentile of `values` (p in 0..1); 0 for none.
double percentile(std::vector<double> values, double p);
// "  NAME   median X ms   p95 Y ms"
void printRow(const char* name, const std::vector<double>& values);

class SessionRig {
public:
    // Waits for the reader of vpcd `slot`, makes the PKI and starts usos-sim with
    // `simArguments`. Throws std::runtime_error (the reader missing, the simulator not starting).
    SessionRig(int slot, std::vector<std::string> simArguments);

    const std::string& reader() const noexcept { return reader_; }
    int slot() const noexcept { return slot_; }
    testing::UsosSimProcess& sim() noexcept { return *sim_; }
    const std::filesystem::path& dir() const noexcept { return dir_.path(); }

    // An els-card-sim image of seeded student `studentId`, signed by the rig's PKI.
    std::filesystem::path cardImage(const std::string& studentId) const;
    // kiosk.conf for the simulator; `baseUrl` replaces the simulator's own (e.g. a proxy in
    // front of it, on 127.0.0.1 too so that its certificate still matches).
    std::filesystem::path writeConfig(testing::KioskTiming timing = {},
                                      const std::string& baseUrl = {}) const;

private:
    int slot_;
    std::string reader_;
    testing::TempDir dir_;
    smartcard::image::TestPki pki_;
    std::unique_ptr<testing::UsosSimProcess> sim_;
};

} // namespace els::bench
