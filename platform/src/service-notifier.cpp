#include "els/platform/service-notifier.hpp"

#include <algorithm>
#include <string>

#ifdef ELS_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace els::platform {

namespace {

void notify([[maybe_unused]] const std::string& state) {
#ifdef ELS_HAVE_SYSTEMD
    // Failures are deliberately ignored: a kiosk must not stop because systemd went away,
    // and sd_notify already returns 0 when NOTIFY_SOCKET is unset.
    sd_notify(0, state.c_str());
#endif
}

} // namespace

void ServiceNotifier::ready() const {
    notify("READY=1");
}

void ServiceNotifier::status(log::Code text) const {
    std::string line{text.text()};
    // One assignment per line in the protocol: a newline would smuggle in another one.
    for (char& c : line) {
        if (c == '\n')
            c = ' ';
    }
    notify("STATUS=" + line);
}

void ServiceNotifier::stopping() const {
    notify("STOPPING=1");
}

void ServiceNotifier::ping() const {
    notify("WATCHDOG=1");
}

std::optional<std::chrono::microseconds> ServiceNotifier::watchdogInterval() const {
#ifdef ELS_HAVE_SYSTEMD
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        return std::chrono::microseconds(usec);
    }
#endif
    return std::nullopt;
}

WatchdogPinger::WatchdogPinger(ServiceNotifier notifier) {
    const auto interval = notifier.watchdogInterval();
    if (!interval)
        return;
    timer_.setTimerType(Qt::PreciseTimer);
    const auto half = std::chrono::duration_cast<std::chrono::milliseconds>(*interval / 2);
    timer_.setInterval(std::max(half, std::chrono::milliseconds(1)));
    QObject::connect(&timer_, &QTimer::timeout, [notifier] { notifier.ping(); });
    timer_.start();
    notifier.ping();
}

} // namespace els::platform
