#pragma once

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QString>
#include <els/kiosk/session-driver.hpp>
#include <els/ui/kiosk-app.hpp>
#include <functional>

class QQuickWindow;

// els-kiosk's composition: the session engine (through its driver) drives the screen model,
// the screen's taps go to the engine; plus the hooks the demo, the end-to-end test and the
// benchmark use.
namespace els::ui {

struct KioskOptions {
    QString config;      // --config FILE
    QString reader;      // --reader NAME (else [reader] name)
    QString screenshots; // --screenshots DIR: PNG + visible texts of every screen shown
    // --screenshot-personal-texts (tests only): the text dumps keep the student's first name,
    // QR token and activation code instead of "[personal]".
    bool screenshotPersonalTexts = false;
    bool autoConfirm = false;              // demo/test only: press "Order" on ConfirmOrder
    bool exitWhenIdleAfterSession = false; // demo/test only: quit when a session is over

    static void addTo(QCommandLineParser& parser);
    static KioskOptions from(const QCommandLineParser& parser);
};

// Connects `driver` and `app`'s screen model; owns nothing of either.
class KioskRunner {
public:
    KioskRunner(KioskApp& app, QQuickWindow& window, kiosk::SessionDriver& driver,
                KioskOptions options, platform::log::Logger logger);

    // Called after every state is on screen (after the screenshot, if any).
    std::function<void(const kiosk::ScreenState&)> onShown;
    // Called when the first frame of a new screen has been drawn.
    std::function<void(kiosk::Screen)> onDrawn;

private:
    void shown(const kiosk::ScreenState& state);
    void screenshot(const kiosk::ScreenState& state);

    KioskApp& app_;
    QQuickWindow& window_;
    KioskOptions options_;
    platform::log::Logger logger_;
    kiosk::Screen lastShot_ = kiosk::Screen::Idle;
    kiosk::Screen shownScreen_ = kiosk::Screen::Idle;
    bool drawPending_ = false; // a new screen is waiting for its first frame
    int shots_ = 0;
    bool sessionSeen_ = false;
};

// The visible texts and image sources of the window's item tree, one per line ("text: ...",
// "image: ..."): what a passer-by could read off the screen.
QStringList visibleTexts(QQuickWindow& window);

// `lines` with every line that shows the student (first name, QR token or activation code, in
// any spacing) replaced by "[personal]".
QStringList withoutPersonalTexts(QStringList lines, const kiosk::ScreenState& state);

// Runs the kiosk against the real card reader and USOS from options.config until it quits.
int runKiosk(KioskApp& app, QQuickWindow& window, const KioskOptions& options,
             QElapsedTimer started);

} // namespace els::ui
