#pragma once

#include <atomic>
#include <csignal>
#include <stop_token>
#include <thread>

namespace els::kiosk::kioskctl {

// Turns SIGINT/SIGTERM into a stop request for a long command (a session following its order).
// The constructor blocks both signals in the calling thread, and so in every thread started
// after it (construct it before Qt starts any), and a waiter thread takes them with
// sigtimedwait: no work runs in a signal handler. The first signal prints one line on stderr
// and requests stop; a second one exits at once with 128 + signal, as kill -9 would (the
// journal is crash-safe). The destructor restores the signal mask.
class SignalStop {
public:
    SignalStop();
    ~SignalStop();
    SignalStop(const SignalStop&) = delete;
    SignalStop& operator=(const SignalStop&) = delete;

    std::stop_token token() const noexcept { return stop_.get_token(); }
    int signal() const noexcept { return signal_.load(); } // 0 while none arrived

private:
    std::stop_source stop_;
    std::atomic<int> signal_{0};
    sigset_t previous_{};
    std::jthread waiter_;
};

} // namespace els::kiosk::kioskctl
