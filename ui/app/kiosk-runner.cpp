#include "kiosk-runner.hpp"

#include "els/ui/visible-content.hpp"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <els/kiosk/student-service.hpp>
#include <els/platform/config.hpp>
#include <els/platform/error.hpp>
#include <els/platform/service-notifier.hpp>
#include <exception>
#include <optional>

namespace els::ui {

void KioskOptions::addTo(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("config"), QStringLiteral("Kiosk configuration file."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("reader"),
                      QStringLiteral("Card reader (default: [reader] name)."),
                      QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("screenshots"),
         QStringLiteral("Write a PNG and the visible texts of every screen shown to DIR."),
         QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("screenshot-personal-texts"),
                      QStringLiteral("Test only: keep personal texts in the screenshot texts.")});
    parser.addOption({QStringLiteral("auto-confirm"),
                      QStringLiteral("Demo/test only: confirm the order without a tap.")});
    parser.addOption(
        {QStringLiteral("exit-when-idle-after-session"),
         QStringLiteral("Demo/test only: quit when the first session is back to idle.")});
}

KioskOptions KioskOptions::from(const QCommandLineParser& parser) {
    KioskOptions options;
    options.config = parser.value(QStringLiteral("config"));
    options.reader = parser.value(QStringLiteral("reader"));
    options.screenshots = parser.value(QStringLiteral("screenshots"));
    options.screenshotPersonalTexts = parser.isSet(QStringLiteral("screenshot-personal-texts"));
    options.autoConfirm = parser.isSet(QStringLiteral("auto-confirm"));
    options.exitWhenIdleAfterSession = parser.isSet(QStringLiteral("exit-when-idle-after-session"));
    return options;
}

QStringList visibleTexts(QQuickWindow& window) {
    // The read-out's walk of the item tree (ui/visible-content), in the dump's line format.
    QStringList texts;
    for (const auto& element : visibleContent(*window.contentItem())) {
        if (element.value.isEmpty())
            continue; // a button without a label
        const bool image = element.kind == VisibleElement::Kind::Image;
        texts << (image ? QStringLiteral("image: ") : QStringLiteral("text: ")) + element.value;
    }
    return texts;
}

QStringList withoutPersonalTexts(QStringList lines, const kiosk::ScreenState& state) {
    const auto squeezed = [](QString text) {
        text.remove(QRegularExpression(QStringLiteral("\\s")));
        return text;
    };
    QStringList personal;
    for (const auto& value : {state.firstName, state.token, state.activationCode}) {
        if (const auto text = squeezed(QString::fromStdString(value)); !text.isEmpty())
            personal << text;
    }
    for (auto& line : lines) {
        const auto text = squeezed(line);
        if (std::any_of(personal.begin(), personal.end(),
                        [&](const QString& value) { return text.contains(value); }))
            line = QStringLiteral("[personal]");
    }
    return lines;
}

KioskRunner::KioskRunner(KioskApp& app, QQuickWindow& window, kiosk::SessionDriver& driver,
                         KioskOptions options, platform::log::Logger logger)
    : app_(app), window_(window), options_(std::move(options)), logger_(std::move(logger)) {
    auto& model = app_.model();
    using kiosk::SessionDriver;
    QObject::connect(&model, &ScreenModel::orderRequested, &driver, &SessionDriver::requestOrder);
    QObject::connect(&model, &ScreenModel::confirmRequested, &driver,
                     &SessionDriver::requestConfirm);
    QObject::connect(&model, &ScreenModel::cancelRequested, &driver, &SessionDriver::requestCancel);
    QObject::connect(&model, &ScreenModel::revokeRequested, &driver, &SessionDriver::requestRevoke);
    QObject::connect(&model, &ScreenModel::doneRequested, &driver, &SessionDriver::requestDone);
    QObject::connect(&model, &ScreenModel::backRequested, &driver, &SessionDriver::requestBack);
    QObject::connect(&model, &ScreenModel::moreTimeRequested, &driver,
                     &SessionDriver::requestMoreTime);
    QObject::connect(&driver, &SessionDriver::stateChanged, &model,
                     [this](const kiosk::ScreenState& state) { shown(state); });
    // "screen_drawn" with a CLOCK_MONOTONIC stamp: the benchmark times card-in → QR across
    // processes with it.
    QObject::connect(&window_, &QQuickWindow::frameSwapped, &model, [this] {
        if (!drawPending_)
            return;
        drawPending_ = false;
        const auto now = std::chrono::steady_clock::now().time_since_epoch();
        logger_.info(
            "screen_drawn",
            {{"screen", shownScreen_},
             {"monotonic_us", std::chrono::duration_cast<std::chrono::microseconds>(now).count()}});
        if (onDrawn)
            onDrawn(shownScreen_);
    });
    if (!options_.screenshots.isEmpty()) {
        QDir().mkpath(options_.screenshots);
        screenshot(kiosk::ScreenState{});
    }
}

void KioskRunner::shown(const kiosk::ScreenState& state) {
    app_.model().apply(state);
    if (state.screen != shownScreen_) {
        shownScreen_ = state.screen;
        drawPending_ = true;
    }
    if (!options_.screenshots.isEmpty() && state.screen != lastShot_)
        screenshot(state);
    if (onShown)
        onShown(state);
    if (options_.autoConfirm && state.screen == kiosk::Screen::ConfirmOrder) {
        // Through the model, as a tap would go; queued so that this state is done first.
        QTimer::singleShot(0, &app_.model(), [model = &app_.model()] { model->order(); });
    }
    const bool resting =
        state.screen == kiosk::Screen::Idle || state.screen == kiosk::Screen::ReaderMissing;
    if (!resting)
        sessionSeen_ = true;
    if (options_.exitWhenIdleAfterSession && sessionSeen_ && state.screen == kiosk::Screen::Idle) {
        logger_.info("exit_after_session");
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }
}

void KioskRunner::screenshot(const kiosk::ScreenState& state) {
    const auto screen = state.screen;
    lastShot_ = screen;
    const auto base = QDir(options_.screenshots)
                          .filePath(QStringLiteral("%1-%2")
                                        .arg(++shots_, 2, 10, QLatin1Char('0'))
                                        .arg(QString::fromLatin1(kiosk::toString(screen))));
    // Both files show a student: owner-only from the first byte, and written to a temporary
    // file renamed into place (QSaveFile), so a failure leaves nothing half-written behind.
    // grabWindow() polishes and renders the scene as the model now is, so every state is caught
    // even when the next one follows within the same frame.
    // Texts first, the PNG last: whoever waits for the PNG finds both whole.
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    auto lines = visibleTexts(window_);
    if (!options_.screenshotPersonalTexts)
        lines = withoutPersonalTexts(std::move(lines), state);
    QSaveFile texts(base + QStringLiteral(".txt"));
    bool saved = texts.open(QIODevice::WriteOnly) && texts.setPermissions(ownerOnly) &&
                 texts.write(lines.join('\n').toUtf8() + '\n') >= 0 && texts.commit();
    QSaveFile png(base + QStringLiteral(".png"));
    saved = saved && png.open(QIODevice::WriteOnly) && png.setPermissions(ownerOnly) &&
            window_.grabWindow().save(&png, "PNG") && png.commit();
    logger_.info("screenshot", {{"screen", screen}, {"saved", saved}});
}

int runKiosk(KioskApp& app, QQuickWindow& window, const KioskOptions& options,
             QElapsedTimer started) {
    const platform::log::Logger logger;
    std::optional<platform::Config> config;
    try {
        config = platform::Config::load(options.config.toStdString());
    } catch (const std::exception& e) {
        // Shown as "out of service" with a code: a kiosk that quits leaves a blank screen.
        std::fprintf(stderr, "els-kiosk: %s\n", e.what());
    }
    kiosk::EngineSettings settings;
    settings.reader =
        options.reader.isEmpty() && config ? config->readerName : options.reader.toStdString();
    if (config)
        settings.timings = kiosk::SessionTimings::fromConfig(config->timing);
    kiosk::SessionDriver::BackendFactory factory;
    if (config)
        factory = [config = *config, logger] {
            return kiosk::Backend::fromConfig(config, logger, std::nullopt);
        };
    kiosk::SessionDriver driver(std::move(factory), settings, logger);
    if (!config)
        driver.outOfService("config_invalid");
    KioskRunner runner(app, window, driver, options, logger);
    const platform::ServiceNotifier notifier;
    const platform::WatchdogPinger pinger(notifier); // on the GUI thread: a frozen screen stops it
    QObject::connect(&window, &QQuickWindow::frameSwapped, &window, [&, once = true]() mutable {
        if (!once)
            return;
        once = false;
        logger.info("first_frame", {{"since_start", std::chrono::milliseconds(started.elapsed())}});
        notifier.ready();
    });
    const auto monitor = kiosk::monitorCards(driver); // destroyed before the driver
    const int status = QGuiApplication::exec();
    notifier.stopping();
    return status;
}

} // namespace els::ui
