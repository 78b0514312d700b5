// els-kiosk: the kiosk screen. With --config it runs the session core (card monitor, order
// workflow) on the screen model (kiosk-runner.cpp); --preview-screens renders every screen to PNGs.
#include "kiosk-runner.hpp"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QScreen>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <els/platform/config.hpp>
#include <els/ui/cue-player.hpp>
#include <els/ui/kiosk-app.hpp>
#include <els/ui/polish-typography.hpp>
#include <els/ui/screen-readout.hpp>
#include <els/ui/screen-speaker.hpp>
#include <exception>
#include <optional>

Q_IMPORT_QML_PLUGIN(Els_KioskPlugin)

namespace {

// The kiosk's config for the screen ([accessibility], [help]); the defaults without one (or with
// a broken one, which the session run reports).
els::platform::Config screenConfig(const QString& file) {
    if (file.isEmpty())
        return {};
    try {
        return els::platform::Config::load(file.toStdString());
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace

int main(int argc, char* argv[]) {
    QElapsedTimer started;
    started.start();
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("els-kiosk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kiosk: plastic ELS to mLegitymacja"));
    parser.addHelpOption();
    const QCommandLineOption preview(
        QStringLiteral("preview-screens"),
        QStringLiteral("Render every screen (PL/EN, portrait/landscape) with fake data to DIR."),
        QStringLiteral("DIR"));
    parser.addOption(preview);
    const QCommandLineOption readout(
        QStringLiteral("readout"),
        QStringLiteral("Test only: after each drawn frame that changed the screen, write its "
                       "screen, size, texts and buttons (with positions) to DIR/NNNN.txt."),
        QStringLiteral("DIR"));
    parser.addOption(readout);
    els::ui::KioskOptions::addTo(parser);
    parser.process(app);

    els::ui::KioskApp kiosk;
    QQuickWindow* window = kiosk.load();
    if (!window)
        return 1;

    // Speech output (EN 301 549): off until the student turns it on with the key or the control.
    els::ui::TextToSpeechOutput voice;
    els::ui::ScreenSpeaker speaker(kiosk.model(), voice);
    speaker.attach(*window);
    const auto config = screenConfig(parser.value(QStringLiteral("config")));
    const auto& access = config.accessibility;
    speaker.setKeys(QKeySequence(QString::fromStdString(access.speechKey)),
                    QKeySequence(QString::fromStdString(access.readCodeKey)));
    window->setProperty("speech", QVariant::fromValue(&speaker));
    // Tones for card read, error and card still in, with speech on or off.
    els::ui::AlsaCueOutput cueOutput;
    const els::ui::CuePlayer cues(kiosk.model(), cueOutput, access.cues);
    window->setProperty("readerPosition", QString::fromUtf8(els::platform::readerPositionName(
                                              access.readerPosition)));
    const auto& help = config.help;
    // The university's Polish texts get the typography of every other Polish text.
    window->setProperty("helpTextPl",
                        els::ui::polishNonBreaking(QString::fromStdString(help.textPl)));
    window->setProperty("helpTextEn", QString::fromStdString(help.textEn));
    window->setProperty("contactPl",
                        els::ui::polishNonBreaking(QString::fromStdString(help.contactPl)));
    window->setProperty("contactEn", QString::fromStdString(help.contactEn));

    std::optional<els::ui::ScreenReadout> screenReadout;
    if (parser.isSet(readout))
        screenReadout.emplace(kiosk.model(), *window, parser.value(readout));

    if (parser.isSet(preview)) {
        const int written = els::ui::renderPreviews(kiosk.model(), *window, parser.value(preview));
        if (written < 0) {
            std::fprintf(stderr, "els-kiosk: could not write previews\n");
            return 1;
        }
        std::printf("els-kiosk: wrote %d screens to %s\n", written,
                    qPrintable(parser.value(preview)));
        return 0;
    }
    if (parser.isSet(QStringLiteral("config"))) {
        // A student's language and text size end with their session: the next one starts in
        // Polish with normal text. (Here, not in the model: the previews show the idle screen in
        // English too.)
        auto& model = kiosk.model();
        QObject::connect(&model, &els::ui::ScreenModel::screenChanged, &model, [&model, window] {
            if (model.screen() == els::ui::ScreenModel::Screen::Idle) {
                model.setLanguage(QStringLiteral("pl"));
                window->setProperty("largeText", false);
            }
        });
        // On a real output (cage on the panel) the kiosk is the whole screen, in whatever size
        // and orientation the output has; offscreen runs (tests, screenshots) keep the
        // window's own 1080x1920. Shown again at the screen's size: Qt 6.4's software renderer
        // on Wayland keeps its first buffer width when a shown window grows (a 1080 px wide
        // picture and a black band on a 1280x720 output).
        if (QGuiApplication::platformName() != QLatin1String("offscreen")) {
            window->hide();
            window->setGeometry(window->screen()->geometry());
            window->showFullScreen();
        }
        return els::ui::runKiosk(kiosk, *window, els::ui::KioskOptions::from(parser), started);
    }
    return QGuiApplication::exec();
}
