#include "signal-stop.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <pthread.h>

namespace els::kiosk::kioskctl {

namespace {

sigset_t stopSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

const char* nameOf(int signal) {
    return signal == SIGINT ? "SIGINT" : "SIGTERM";
}

} // namespace

SignalStop::SignalStop() {
    const sigset_t set = stopSignals();
    pthread_sigmask(SIG_BLOCK, &set, &previous_);
    waiter_ = std::jthread([this, set](std::stop_token done) {
        // Polls so that the destructor can end the thread without a signal of its own.
        const timespec tick{0, 100'000'000};
        while (!done.stop_requested()) {
            const int signal = sigtimedwait(&set, nullptr, &tick);
            if (signal < 0)
                continue; // EAGAIN (tick) or EINTR
            if (signal_.exchange(signal) != 0) {
                std::fprintf(stderr, "Przerwano ponownie: koniec. / %s again: exiting now.\n",
                             nameOf(signal));
                std::_Exit(128 + signal);
            }
            std::fprintf(
                stderr,
                "Przerwano (%s): kończę po bieżącym kroku. / Interrupted (%s): stopping after "
                "the current step; send it again to quit at once.\n",
                nameOf(signal), nameOf(signal));
            stop_.request_stop();
        }
    });
}

SignalStop::~SignalStop() {
    waiter_.request_stop();
    waiter_.join();
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

} // namespace els::kiosk::kioskctl
