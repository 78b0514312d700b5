#pragma once

#include "els/platform/log.hpp"

#include <QTimer>
#include <chrono>
#include <optional>

// Readiness and watchdog for systemd (Type=notify, WatchdogSec=). Every call is a no-op when
// the build has no libsystemd or the process was not started with NOTIFY_SOCKET, so the same
// binary runs under systemd, in a terminal and in tests.
namespace els::platform {

class ServiceNotifier {
public:
    void ready() const;
    // A short state for `systemctl status`. A log::Code, so no personal data can get in.
    void status(log::Code text) const;
    void stopping() const;
    void ping() const;

    // The interval systemd expects pings within; empty when the watchdog is off.
    std::optional<std::chrono::microseconds> watchdogInterval() const;
};

// Pings the watchdog from the thread that owns it, at half the interval. Create it on the GUI
// thread: when that thread's event loop stalls the pings stop and systemd restarts the kiosk,
// which is the point — a worker-thread pinger would keep a frozen screen alive.
class WatchdogPinger {
public:
    explicit WatchdogPinger(ServiceNotifier notifier = {});

    WatchdogPinger(const WatchdogPinger&) = delete;
    WatchdogPinger& operator=(const WatchdogPinger&) = delete;

    bool active() const { return timer_.isActive(); }

private:
    QTimer timer_;
};

} // namespace els::platform
