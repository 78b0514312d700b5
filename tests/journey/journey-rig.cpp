#include "journey-rig.hpp"

#include "card-sim.hpp"
#include "pcsc-environment.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace els::testing::journey {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr int slot = 0;

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    return text;
}

std::vector<fs::path> readoutFiles(const fs::path& dir) {
    std::vector<fs::path> files;
    if (!fs::exists(dir))
        return files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".txt") // QSaveFile's temporaries have other names
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

XDisplay::XDisplay(const fs::path& dir, Orientation orientation) {
    const auto* screen = orientation == Orientation::Portrait ? "1080x1920x24" : "1920x1080x24";
    const auto out = dir / "xvfb.out";
    // -displayfd 1: Xvfb picks a free display and prints its number once it accepts clients.
    server_.emplace(spawnProcess({"/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", screen,
                                  "-nolisten", "tcp", "-noreset"},
                                 "/dev/null", out, dir / "xvfb.err"));
    const bool ready = waitUntil(20s, [&] {
        const auto text = readFile(out);
        return !text.empty() && text.back() == '\n';
    });
    if (!ready)
        throw std::runtime_error("Xvfb did not start: " + readFile(dir / "xvfb.err"));
    name_ = ":" + trimmed(readFile(out));
}

CommandResult XDisplay::run(const std::string& command) const {
    return runShell("DISPLAY=" + name_ + " " + command);
}

bool XDisplay::screenshot(const fs::path& png) const {
    return run("import -silent -window root " + shellQuoted(png.string()) + " 2>&1").status == 0;
}

Readout Readout::parse(const std::string& text) {
    Readout readout;
    readout.raw = text;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto colon = line.find(": ");
        if (colon == std::string::npos)
            continue;
        const auto key = line.substr(0, colon);
        auto value = line.substr(colon + 2);
        if (key == "screen")
            readout.screen = value;
        else if (key == "language")
            readout.language = value;
        else if (key == "window")
            readout.window = value;
        else if (key == "view")
            readout.view = value;
        else if (key == "focus")
            readout.focus = value;
        else if (key == "text")
            readout.texts.push_back(std::move(value));
        else if (key == "button") {
            Button button{};
            std::istringstream fields(value);
            fields >> button.x >> button.y >> button.width >> button.height;
            std::getline(fields >> std::ws, button.label);
            readout.buttons.push_back(std::move(button));
        }
    }
    return readout;
}

bool Readout::hasText(const std::string& text) const {
    return std::any_of(texts.begin(), texts.end(),
                       [&](const auto& shown) { return shown.find(text) != std::string::npos; });
}

const Readout::Button* Readout::button(const std::string& label) const {
    const auto found = std::find_if(buttons.begin(), buttons.end(),
                                    [&](const auto& button) { return button.label == label; });
    return found == buttons.end() ? nullptr : &*found;
}

Journey::Journey(const std::string& scenario, const std::string& studentId,
                 std::vector<std::string> simArguments, Orientation orientation)
    : rig_(ELS_KIOSK_PATH, studentId), display_(rig_.dir(), orientation),
      sim_(rig_.dir() / "sim", std::move(simArguments)), readoutDir_(rig_.dir() / "readout"),
      shots_(fs::path(ELS_JOURNEY_SHOTS) / scenario) {
    fs::remove_all(shots_);
    fs::create_directories(shots_);
}

bool Journey::start(int idleTimeoutS) {
    config_ = rig_.writeConfig(sim_, slot, idleTimeoutS);
    std::ofstream(config_, std::ios::app) << "\n" << extraConfig_;
    // The app sees the display and draws with the platform's real (xcb) plugin.
    ::setenv("DISPLAY", display_.name().c_str(), 1);
    ::setenv("QT_QPA_PLATFORM", "xcb", 1);
    app_.emplace(rig_.start(config_, {"--readout", readoutDir_.string()}));
    const bool mapped = waitUntil(30s, [&] {
        const auto found = display_.run("xdotool search --onlyvisible --name . 2>/dev/null");
        window_ = trimmed(found.output);
        window_ = window_.substr(0, window_.find('\n'));
        return found.status == 0 && !window_.empty();
    });
    // The keyboard goes to the focused window; a kiosk's compositor focuses its only window, a bare
    // X server without a window manager does not.
    // Mapped is not yet viewable for X: focusing may fail (BadMatch) for a moment.
    return mapped &&
           waitUntil(10s,
                     [&] {
                         return display_
                                    .run("xdotool windowfocus --sync " + window_ + " 2>/dev/null")
                                    .status == 0;
                     }) &&
           waitForScreen("Idle").has_value();
}

bool Journey::appRunning() {
    return app_ && app_->running();
}

std::vector<Readout> Journey::readouts() const {
    std::vector<Readout> all;
    for (const auto& file : readoutFiles(readoutDir_))
        all.push_back(Readout::parse(readFile(file)));
    return all;
}

Readout Journey::current() const {
    const auto files = readoutFiles(readoutDir_);
    return files.empty() ? Readout{} : Readout::parse(readFile(files.back()));
}

std::optional<Readout> Journey::waitFor(const std::function<bool(const Readout&)>& predicate,
                                        std::chrono::milliseconds patience) {
    std::optional<Readout> seen;
    if (!waitUntil(patience, [&] {
            auto now = current();
            if (!predicate(now))
                return false;
            seen = std::move(now);
            return true;
        }))
        return std::nullopt;
    // The read-out follows a drawn frame, so the display shows it now.
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%02d-", ++shotCount_);
    lastShot_ = shots_ / (prefix + seen->screen + "-" + seen->language + ".png");
    display_.screenshot(lastShot_);
    return seen;
}

std::optional<Readout> Journey::waitForScreen(const std::string& screen,
                                              std::chrono::milliseconds patience) {
    return waitFor([&](const Readout& now) { return now.screen == screen; }, patience);
}

bool Journey::tap(const std::string& label) {
    const auto now = current();
    const auto* button = now.button(label);
    if (!button)
        return false;
    const auto x = button->x + button->width / 2;
    const auto y = button->y + button->height / 2;
    return display_
               .run("xdotool mousemove --window " + window_ + " " + std::to_string(x) + " " +
                    std::to_string(y) + " click 1")
               .status == 0;
}

bool Journey::key(const std::string& name) {
    // As a keypad does: to the focused window (XTEST), not a synthetic event sent to a window.
    return display_.run("xdotool key " + shellQuoted(name)).status == 0;
}

std::string Journey::log() const {
    return "newest read-out:\n" + current().raw + "\nkiosk stderr:\n" + readFile(rig_.errFile());
}

void Journey::keepShot(const fs::path& file) const {
    fs::create_directories(file.parent_path());
    fs::copy_file(lastShot_, file, fs::copy_options::overwrite_existing);
}

std::vector<std::string> decodeQr(const fs::path& png) {
    std::istringstream output(
        runShell("zbarimg --raw -q " + shellQuoted(png.string()) + " 2>/dev/null").output);
    std::vector<std::string> codes;
    for (std::string line; std::getline(output, line);)
        if (!trimmed(line).empty())
            codes.push_back(trimmed(line));
    return codes;
}

} // namespace els::testing::journey
