// els-kiosk-bench: the kiosk screen's costs, offscreen, in one process with the real QML, screen
// model, QR provider, session engine, its driver and worker thread, and a scripted job runner
// below the driver (an order already ready, answered at once), so the figures are the kiosk's own:
// start → first idle frame, idle RSS, card-in → first frame with the QR (median, p95), and RSS
// growth over a bounded loop of insert/remove cycles. The card stack and USOS are timed by
// els-card-bench and the end-to-end test.
#include "kiosk-runner.hpp"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <els/kiosk/session-driver.hpp>
#include <els/ui/kiosk-app.hpp>
#include <fstream>
#include <string>
#include <vector>

Q_IMPORT_QML_PLUGIN(Els_KioskPlugin)

namespace {

using namespace els;
using namespace std::chrono_literals;

long rssKb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

// Every check finds an order already issued, with a fresh 64-character token each time, as
// USOS issues them: every QR is new.
kiosk::SessionDriver::JobRunner readyRunner() {
    return
        [n = std::make_shared<int>(0)](kiosk::Backend*, kiosk::JobKind, kiosk::StudentFile&,
                                       const std::string&, std::stop_token, const kiosk::Report&) {
            kiosk::StudentResult result;
            result.outcome = kiosk::StudentOutcome::HasOrder;
            result.firstName = "Zofia";
            platform::McardOrder order;
            order.id = "1";
            order.status = platform::McardStatus::Ready;
            order.rawStatus = "ready";
            order.orderDate = std::chrono::year{2025} / 10 / 1;
            order.expirationDate = std::chrono::year{2026} / 3 / 31;
            char token[65];
            std::snprintf(token, sizeof token, "%064d", ++*n);
            order.token = token;
            order.distributionPass = "12345678";
            result.order = order;
            return result;
        };
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[index];
}

} // namespace

int main(int argc, char* argv[]) {
    QElapsedTimer started;
    started.start();
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    qputenv("QT_QUICK_BACKEND", "software");
    const int cycles = argc > 1 ? std::atoi(argv[1]) : 1000;
    QGuiApplication app(argc, argv);

    ui::KioskApp kiosk;
    QQuickWindow* window = kiosk.load();
    if (!window)
        return 1;
    auto now = std::chrono::steady_clock::now();
    const auto sink = [](std::string_view) {};
    kiosk::SessionTimings timings;
    kiosk::SessionDriver controller(
        {}, kiosk::EngineSettings{"bench", timings},
        platform::log::Logger(platform::log::Level::Error, sink), [&now] { return now; },
        readyRunner());
    ui::KioskRunner runner(kiosk, *window, controller, {},
                           platform::log::Logger(platform::log::Level::Error, sink));

    kiosk::Screen drawn = kiosk::Screen::Reading;
    runner.onDrawn = [&drawn](kiosk::Screen screen) { drawn = screen; };
    const auto waitDrawn = [&](kiosk::Screen screen) {
        // A new screen is drawn on the next frame; make sure one is asked for.
        while (drawn != screen) {
            window->requestUpdate();
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
    };
    // The first frame of a window that has shown nothing yet is "idle".
    QObject::connect(window, &QQuickWindow::frameSwapped, window,
                     [&drawn, &started, first = true]() mutable {
                         if (!first)
                             return;
                         first = false;
                         std::printf("kiosk start → first idle frame: %lld ms (target ≤ 1000)\n",
                                     static_cast<long long>(started.elapsed()));
                         drawn = kiosk::Screen::Idle;
                     });
    waitDrawn(kiosk::Screen::Idle);
    controller.onCardEvent({smartcard::CardEvent::Type::ReaderAdded, "bench", {}});
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    std::printf("kiosk idle RSS: %.1f MB (target ≤ 120)\n", static_cast<double>(rssKb()) / 1024.0);

    // Card events and ticks reach the controller through the event loop, as monitorCards() and
    // the controller's timer deliver them in els-kiosk. Called straight from main(), outside any
    // event loop, they would make the Loader's deleteLater() of each replaced screen wait for an
    // exec() that never comes: every screen would stay alive and the growth would be the bench's.
    const auto post = [&controller](auto call) {
        QMetaObject::invokeMethod(&controller, call, Qt::QueuedConnection);
    };
    const auto cycle = [&]() -> double {
        QElapsedTimer timer;
        timer.start();
        post([&] {
            controller.onCardEvent({smartcard::CardEvent::Type::CardInserted, "bench", {}});
        });
        waitDrawn(kiosk::Screen::Ready);
        const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        post([&] {
            controller.onCardEvent({smartcard::CardEvent::Type::CardRemoved, "bench", {}});
            now += timings.removalGrace; // the grace period passes at once
            controller.tick();
        });
        waitDrawn(kiosk::Screen::Idle);
        return ms;
    };
    std::vector<double> qr;
    for (int i = 0; i < 30; ++i)
        qr.push_back(cycle());
    std::printf("kiosk card-in → QR frame (engine, worker hop, QML, QR; backend answers at once): "
                "median %.1f ms, p95 %.1f ms over %zu (target p95 ≤ 400)\n",
                percentile(qr, 0.5), percentile(qr, 0.95), qr.size());

    for (int i = 0; i < 100; ++i)
        cycle(); // warm caches and pools first
    const long before = rssKb();
    for (int i = 0; i < cycles; ++i)
        cycle();
    const long after = rssKb();
    std::printf("kiosk RSS growth over %d insert/remove cycles, screen included (scripted jobs): "
                "%+.2f MB (%.1f → %.1f MB; target ≤ 5)\n",
                cycles, static_cast<double>(after - before) / 1024.0,
                static_cast<double>(before) / 1024.0, static_cast<double>(after) / 1024.0);

    // The same loop on a driver with no screen attached: separates the session core's
    // memory from the QML/QR side's.
    kiosk::SessionDriver bare(
        {}, kiosk::EngineSettings{"bench", timings},
        platform::log::Logger(platform::log::Level::Error, sink), [&now] { return now; },
        readyRunner());
    const auto settleOn = [&](kiosk::Screen screen) {
        while (bare.state().screen != screen)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    };
    bare.onCardEvent({smartcard::CardEvent::Type::ReaderAdded, "bench", {}});
    const auto bareCycle = [&] {
        bare.onCardEvent({smartcard::CardEvent::Type::CardInserted, "bench", {}});
        settleOn(kiosk::Screen::Ready);
        bare.onCardEvent({smartcard::CardEvent::Type::CardRemoved, "bench", {}});
        now += timings.removalGrace;
        bare.tick();
        settleOn(kiosk::Screen::Idle);
    };
    for (int i = 0; i < 100; ++i)
        bareCycle();
    const long bareBefore = rssKb();
    for (int i = 0; i < cycles; ++i)
        bareCycle();
    std::printf("kiosk RSS growth over %d cycles, session core only (no screen): %+.2f MB\n",
                cycles, static_cast<double>(rssKb() - bareBefore) / 1024.0);
    return 0;
}
