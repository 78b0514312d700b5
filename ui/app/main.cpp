// els-kiosk: the kiosk screen. With --config it runs the session core (card monitor, order
// workflow) on the screen model (kiosk-runner.cpp); --preview-screens renders every screen to PNGs.
#include "kiosk-runner.hpp"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QScreen>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <els/ui/kiosk-app.hpp>

Q_IMPORT_QML_PLUGIN(Els_KioskPlugin)

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
    els::ui::KioskOptions::addTo(parser);
    parser.process(app);

    els::ui::KioskApp kiosk;
    QQuickWindow* window = kiosk.load();
    if (!window)
        return 1;

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
