#pragma once

#include <QQmlApplicationEngine>
#include <els/ui/language-switch.hpp>
#include <els/ui/screen-model.hpp>
#include <memory>

class QQuickWindow;

namespace els::ui {

// Owns the QML engine, the screen model and the language switch. The session core drives the
// screen with model().apply(...) and connects to the model's *Requested signals.
class KioskApp {
public:
    KioskApp();
    KioskApp(const KioskApp&) = delete;
    KioskApp& operator=(const KioskApp&) = delete;
    ~KioskApp();

    ScreenModel& model() { return model_; }

    // Loads the main window; returns nullptr (after Qt has printed why) if QML failed to load.
    QQuickWindow* load();

private:
    // Declared before the engine so it outlives every binding that refers to it.
    ScreenModel model_;
    QQmlApplicationEngine engine_;
    LanguageSwitch language_;
};

// Applies every preview state in Polish and English, portrait 1080x1920 and landscape
// 1920x1080, and saves <dir>/<state>-<pl|en>-<portrait|landscape>.png. Returns the number of
// files written, or -1 on the first failure.
int renderPreviews(ScreenModel& model, QQuickWindow& window, const QString& dir);

} // namespace els::ui
