#pragma once

#include "card-sim.hpp"
#include "child-process.hpp"
#include "els/smartcard/image/test-pki.hpp"
#include "usos-sim-process.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace els::testing {

// els-kiosk for integration tests: a throw-away directory with a test PKI and the signed card of a
// seeded student, the app's config, and what the app writes with --screenshots: per screen
// "NN-name.png" and "NN-name.txt" (its visible texts), NN counting in the order shown.
class KioskAppRig {
public:
    // `kioskPath` is the els-kiosk binary; `studentId` a student of usos-sim's seed.
    KioskAppRig(std::filesystem::path kioskPath, const std::string& studentId);

    const std::filesystem::path& dir() const noexcept { return dir_.path(); }
    // The card image for CardSim.
    const std::filesystem::path& card() const noexcept { return card_; }
    std::filesystem::path errFile() const { return dir() / "kiosk.err"; }

    // kiosk.conf for `sim` and the reader of vpcd `slot`, with timings short enough for tests.
    std::filesystem::path writeConfig(const UsosSimProcess& sim, int slot, int idleTimeoutS) const;

    // Starts the app with `config`, the screenshots and `options` (stdout and stderr in dir()).
    ChildProcess start(const std::filesystem::path& config,
                       const std::vector<std::string>& options) const;

    // "05-ready.png" → "ready": the screens in the order the app showed them.
    std::vector<std::string> shownScreens() const;
    // The `nth` (from 1) PNG of `screen`.
    std::optional<std::filesystem::path> shot(const std::string& screen, int nth = 1) const;
    bool waitForShot(const std::string& screen, std::chrono::milliseconds patience,
                     int nth = 1) const;
    // True once the app's first screens are `screens`, in this order, within `patience`.
    bool waitForScreens(const std::vector<std::string>& screens,
                        std::chrono::milliseconds patience) const;
    // The visible texts of the `index`th screen shown (from 0); empty when there is none.
    std::string texts(std::size_t index) const;
    // The screens shown and the app's stderr, for failure messages.
    std::string log() const;

private:
    std::filesystem::path kioskPath_;
    TempDir dir_;
    smartcard::image::TestPki pki_;
    std::filesystem::path card_;
    std::filesystem::path shots_;
};

} // namespace els::testing
