#pragma once

#include "child-process.hpp"
#include "kiosk-app-process.hpp"
#include "usos-sim-process.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// The journey test harness: the real els-kiosk as a real X11 window on a private Xvfb display,
// driven from outside with xdotool (pointer taps at a button's position, keys), seen through
// the app's test read-out (--readout: screen, sizes, texts, buttons with positions after every
// drawn frame) and through X screenshots of the display (ImageMagick's import) that go to a
// folder per scenario. Every wait polls for a state with a generous limit; nothing sleeps as a
// check.
namespace els::testing::journey {

// How the kiosk's screen stands: 1080x1920 (the usual kiosk) or 1920x1080.
enum class Orientation { Portrait, Landscape };

// Xvfb on a display number of its own choosing (-displayfd), portrait 1080x1920 like the kiosk
// unless told otherwise; killed with the object.
class XDisplay {
public:
    explicit XDisplay(const std::filesystem::path& dir,
                      Orientation orientation = Orientation::Portrait);
    XDisplay(const XDisplay&) = delete;
    XDisplay& operator=(const XDisplay&) = delete;

    // ":N"
    const std::string& name() const noexcept { return name_; }
    // Runs `command` (xdotool, import, ...) with DISPLAY set to this display.
    CommandResult run(const std::string& command) const;
    // Writes the whole display as a PNG; false when import failed.
    bool screenshot(const std::filesystem::path& png) const;

private:
    std::optional<ChildProcess> server_;
    std::string name_;
};

// One read-out file of the app (see ui/include/els/ui/screen-readout.hpp).
struct Readout {
    struct Button {
        int x, y, width, height;
        std::string label;
    };
    std::string screen;
    std::string language;
    std::string window; // "WxH" when the frame was drawn
    std::string view;   // the root item's "WxH" when the frame was drawn
    std::string focus;  // the keyboard's target: "button <label>", an item's name, or "none"
    std::vector<std::string> texts;
    std::vector<Button> buttons;
    std::string raw;

    static Readout parse(const std::string& text);
    bool hasText(const std::string& text) const;
    const Button* button(const std::string& label) const;
};

// A scenario: Xvfb, the seeded student's card image, usos-sim and the app on the display.
class Journey {
public:
    // `scenario` names the screenshot folder (<ELS_JOURNEY_SHOTS>/<scenario>).
    Journey(const std::string& scenario, const std::string& studentId,
            std::vector<std::string> simArguments = {"--advance", "instant"},
            Orientation orientation = Orientation::Portrait);

    KioskAppRig& rig() noexcept { return rig_; }
    UsosSimProcess& sim() noexcept { return sim_; }
    const XDisplay& display() const noexcept { return display_; }
    // The app's kiosk.conf (written by start()).
    const std::filesystem::path& config() const noexcept { return config_; }

    // More kiosk.conf sections ("[help]\ncontact_pl = ...\n"), written by start().
    void addConfig(const std::string& ini) { extraConfig_ += ini; }

    // Starts els-kiosk on the display; true once its window is mapped and the idle screen drawn.
    // `idleTimeoutS`: the kiosk's idle timeout (a short one shows the timeout warning soon).
    [[nodiscard]] bool start(int idleTimeoutS = 60);
    // Whether the app still runs (it did not crash or quit).
    bool appRunning();

    // Every read-out written so far, in order.
    std::vector<Readout> readouts() const;
    // The newest read-out (empty screen when there is none yet).
    Readout current() const;
    // Waits until the newest read-out satisfies `predicate`; then screenshots the display as
    // NN-<screen>.png into the scenario folder. The read-out, or nullopt after `patience`.
    std::optional<Readout> waitFor(const std::function<bool(const Readout&)>& predicate,
                                   std::chrono::milliseconds patience = std::chrono::seconds(30));
    std::optional<Readout>
    waitForScreen(const std::string& screen,
                  std::chrono::milliseconds patience = std::chrono::seconds(30));

    // Taps (pointer click) the centre of the button labelled `label` on the current screen.
    [[nodiscard]] bool tap(const std::string& label);
    // Sends a key (xdotool key name: Return, Tab, Down, ...) to the app's window.
    [[nodiscard]] bool key(const std::string& name);

    const std::filesystem::path& shotsDir() const noexcept { return shots_; }
    std::filesystem::path lastShot() const { return lastShot_; }
    // Copies the newest screenshot to `file` (replacing it): a gallery's stable name.
    void keepShot(const std::filesystem::path& file) const;
    // What went wrong, for failure messages: the newest read-out and the app's stderr.
    std::string log() const;

private:
    KioskAppRig rig_;
    XDisplay display_;
    UsosSimProcess sim_;
    std::filesystem::path config_;
    std::string extraConfig_;
    std::optional<ChildProcess> app_;
    std::string window_; // X window id
    std::filesystem::path readoutDir_;
    std::filesystem::path shots_;
    std::filesystem::path lastShot_;
    int shotCount_ = 0;
};

// The QR codes zbarimg finds in `png`, one per entry.
std::vector<std::string> decodeQr(const std::filesystem::path& png);

} // namespace els::testing::journey
