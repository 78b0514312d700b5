#include "kiosk-app-process.hpp"

#include "pcsc-environment.hpp"
#include "seed-cards.hpp"

#include <algorithm>
#include <fstream>
#include <utility>

namespace els::testing {

namespace fs = std::filesystem;

namespace {

// The screen a screenshot shows: "05-ready.png" → "ready".
std::string screenOf(const fs::path& file) {
    const auto stem = file.stem().string();
    return stem.substr(stem.find('-') + 1);
}

// The screenshot files with `extension`, in the order shown.
std::vector<fs::path> shotFiles(const fs::path& dir, const std::string& extension) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == extension)
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

KioskAppRig::KioskAppRig(fs::path kioskPath, const std::string& studentId)
    : kioskPath_(std::move(kioskPath)), pki_(smartcard::image::TestPki::generate()) {
    pki_.save(dir() / "pki");
    card_ = makeSeedCard(pki_.signer, studentId, dir());
    shots_ = dir() / "shots";
    fs::create_directories(shots_);
}

fs::path KioskAppRig::writeConfig(const UsosSimProcess& sim, int slot, int idleTimeoutS) const {
    const auto file = writeKioskConfig(dir(), sim, dir() / "pki" / "ca.pem",
                                       {.requestTimeoutMs = 2000, .deadlineS = 20});
    // writeKioskConfig ends in [timing]: the app's own timings go on there.
    std::ofstream(file, std::ios::app)
        << "removal_grace_s = 1\nready_screen_s = 60\nidle_timeout_s = " << idleTimeoutS
        << "\n\n[reader]\nname = " << vpcdReader(slot) << "\n";
    return file;
}

ChildProcess KioskAppRig::start(const fs::path& config,
                                const std::vector<std::string>& options) const {
    std::vector<std::string> args{kioskPath_.string(), "--config", config.string(), "--screenshots",
                                  shots_.string()};
    args.insert(args.end(), options.begin(), options.end());
    return ChildProcess(spawnProcess(std::move(args), "/dev/null", dir() / "kiosk.out", errFile()));
}

std::vector<std::string> KioskAppRig::shownScreens() const {
    std::vector<std::string> screens;
    for (const auto& file : shotFiles(shots_, ".png"))
        screens.push_back(screenOf(file));
    return screens;
}

std::optional<fs::path> KioskAppRig::shot(const std::string& screen, int nth) const {
    std::vector<fs::path> found;
    for (const auto& file : shotFiles(shots_, ".png"))
        if (screenOf(file) == screen)
            found.push_back(file);
    if (static_cast<int>(found.size()) < nth)
        return std::nullopt;
    return found[nth - 1];
}

bool KioskAppRig::waitForShot(const std::string& screen, std::chrono::milliseconds patience,
                              int nth) const {
    return waitUntil(patience, [&] { return shot(screen, nth).has_value(); });
}

bool KioskAppRig::waitForScreens(const std::vector<std::string>& screens,
                                 std::chrono::milliseconds patience) const {
    return waitUntil(patience, [&] {
        const auto shown = shownScreens();
        return shown.size() >= screens.size() &&
               std::equal(screens.begin(), screens.end(), shown.begin());
    });
}

std::string KioskAppRig::texts(std::size_t index) const {
    const auto found = shotFiles(shots_, ".txt");
    return index < found.size() ? readFile(found[index]) : std::string{};
}

std::string KioskAppRig::log() const {
    std::string screens;
    for (const auto& screen : shownScreens())
        screens += screen + ' ';
    return "screens: " + screens + "\nkiosk stderr:\n" + readFile(errFile());
}

} // namespace els::testing
