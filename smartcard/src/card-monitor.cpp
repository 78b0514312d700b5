#include "els/smartcard/card-monitor.hpp"

#include "els/smartcard/error.hpp"
#include "pcsc-call.hpp"
#include "reader-state.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <stop_token>
#include <string_view>
#include <thread>
#include <vector>
#include <winscard.h>

namespace els::smartcard {

const char* toString(CardEvent::Type type) noexcept {
    switch (type) {
    case CardEvent::Type::ReaderAdded:
        return "reader-added";
    case CardEvent::Type::ReaderRemoved:
        return "reader-removed";
    case CardEvent::Type::CardInserted:
        return "card-inserted";
    case CardEvent::Type::CardRemoved:
        return "card-removed";
    case CardEvent::Type::ServiceLost:
        return "service-lost";
    case CardEvent::Type::ServiceBack:
        return "service-back";
    }
    return "unknown";
}

namespace {

using namespace std::chrono_literals;
using detail::scard;

constexpr auto pnpReader = "\\\\?PnP?\\Notification";
// Without PnP support, how often the reader list is polled.
constexpr auto pollInterval = 1000ms;
constexpr auto firstBackoff = 100ms;
constexpr auto maxBackoff = 5000ms;

bool present(DWORD state) {
    return (state & SCARD_STATE_PRESENT) != 0;
}

} // namespace

struct CardMonitor::Impl {
    Callback callback;
    std::mutex mutex;
    SCARDCONTEXT context = 0; // guarded by mutex: stop() cancels waits on it
    bool hasContext = false;
    std::condition_variable_any wakeUp;
    std::atomic<bool> finished = false;
    std::map<std::string, DWORD> readers; // name -> last seen dwEventState
    bool pnpSupported = true;
    DWORD pnpState = 0;
    std::jthread thread; // last: starts once everything above exists

    explicit Impl(Callback cb)
        : callback(std::move(cb)), thread([this](std::stop_token stop) { run(stop); }) {}

    void emit(CardEvent::Type type, const std::string& reader = {}, Bytes atr = {}) {
        callback(CardEvent{type, reader, std::move(atr)});
    }

    void run(std::stop_token stop) {
        auto backoff = firstBackoff;
        bool serviceLost = false;
        while (!stop.stop_requested()) {
            try {
                establish();
                if (serviceLost)
                    emit(CardEvent::Type::ServiceBack);
                serviceLost = false;
                backoff = firstBackoff;
                watch(stop);
            } catch (const Error& e) {
                if (stop.stop_requested())
                    break;
                if (e.code() == ErrorCode::ReaderUnavailable || e.code() == ErrorCode::NoReaders) {
                    // A reader vanished between listing and waiting: look again.
                    pause(stop, firstBackoff);
                    continue;
                }
                release();
                if (!serviceLost) {
                    // The service first: its cards and readers then go as a consequence, and a
                    // consumer does not take them for a student pulling the card.
                    emit(CardEvent::Type::ServiceLost);
                    forgetReaders();
                }
                serviceLost = true;
                pause(stop, backoff);
                backoff = std::min(backoff * 2, maxBackoff);
            }
        }
        release();
        finished = true;
    }

    void establish() {
        const std::lock_guard lock(mutex);
        if (hasContext)
            return;
        scard("SCardEstablishContext", SCardEstablishContext, SCARD_SCOPE_SYSTEM, nullptr, nullptr,
              &context);
        hasContext = true;
        pnpSupported = true;
        pnpState = 0;
    }

    void release() {
        const std::lock_guard lock(mutex);
        if (!hasContext)
            return;
        detail::scardQuiet("SCardReleaseContext", SCardReleaseContext, context);
        hasContext = false;
    }

    void cancel() {
        const std::lock_guard lock(mutex);
        if (hasContext)
            detail::scardQuiet("SCardCancel", SCardCancel, context);
    }

    void pause(std::stop_token stop, std::chrono::milliseconds duration) {
        std::unique_lock lock(mutex);
        wakeUp.wait_for(lock, stop, duration, [] { return false; });
    }

    void forgetReaders() {
        for (const auto& [name, state] : readers) {
            if (present(state))
                emit(CardEvent::Type::CardRemoved, name);
            emit(CardEvent::Type::ReaderRemoved, name);
        }
        readers.clear();
    }

    void syncReaderList() {
        const auto names = detail::listReaders(context);
        for (auto it = readers.begin(); it != readers.end();) {
            if (std::find(names.begin(), names.end(), it->first) != names.end()) {
                ++it;
                continue;
            }
            // Reader first: an unplugged reader is not a student pulling the card, so a
            // listener can tell the two apart (the kiosk shows "reader missing", not idle).
            emit(CardEvent::Type::ReaderRemoved, it->first);
            if (present(it->second))
                emit(CardEvent::Type::CardRemoved, it->first);
            it = readers.erase(it);
        }
        for (const auto& name : names) {
            if (readers.emplace(name, SCARD_STATE_UNAWARE).second) {
                emit(CardEvent::Type::ReaderAdded, name);
            }
        }
    }

    // Returns when the reader list must be read again; throws on PC/SC failure.
    void watch(std::stop_token stop) {
        syncReaderList();
        for (;;) {
            std::vector<SCARD_READERSTATE> states;
            for (const auto& [name, state] : readers) {
                SCARD_READERSTATE s{};
                s.szReader = name.c_str();
                s.dwCurrentState = state & ~SCARD_STATE_CHANGED;
                states.push_back(s);
            }
            if (pnpSupported) {
                SCARD_READERSTATE s{};
                s.szReader = pnpReader;
                s.dwCurrentState = pnpState;
                states.push_back(s);
            }
            if (states.empty()) {
                pause(stop, pollInterval);
                return;
            }
            if (stop.stop_requested())
                return;
            const DWORD timeout =
                pnpSupported ? INFINITE : static_cast<DWORD>(pollInterval.count());
            const LONG result =
                scard("SCardGetStatusChange", {SCARD_E_TIMEOUT}, SCardGetStatusChange, context,
                      timeout, states.data(), static_cast<DWORD>(states.size()));
            if (result == SCARD_E_TIMEOUT)
                return;

            bool listChanged = false;
            for (const auto& s : states) {
                const DWORD now = s.dwEventState & ~SCARD_STATE_CHANGED;
                if (std::string_view(s.szReader) == pnpReader) {
                    if (now & SCARD_STATE_UNKNOWN)
                        pnpSupported = false;
                    listChanged = listChanged || (s.dwEventState & SCARD_STATE_CHANGED) != 0;
                    pnpState = now;
                    continue;
                }
                if ((s.dwEventState & SCARD_STATE_CHANGED) == 0)
                    continue;
                if (now & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE)) {
                    listChanged = true;
                    continue;
                }
                report(s.szReader, s.dwCurrentState, now,
                       Bytes(s.rgbAtr, s.rgbAtr + std::min<DWORD>(s.cbAtr, MAX_ATR_SIZE)));
                readers[s.szReader] = now;
            }
            if (listChanged)
                return;
        }
    }

    void report(const std::string& reader, DWORD before, DWORD now, Bytes atr) {
        const auto change = detail::cardChange(before, now);
        if (change.removed)
            emit(CardEvent::Type::CardRemoved, reader);
        if (change.inserted)
            emit(CardEvent::Type::CardInserted, reader, std::move(atr));
    }
};

CardMonitor::CardMonitor(Callback callback) : impl_(std::make_unique<Impl>(std::move(callback))) {}

CardMonitor::~CardMonitor() {
    stop();
}

void CardMonitor::stop() {
    if (!impl_->thread.joinable())
        return;
    impl_->thread.request_stop();
    // SCardCancel only interrupts a wait already in progress; repeat it until the thread has
    // left, so a wait that starts just after the first cancel is interrupted too.
    while (!impl_->finished) {
        impl_->cancel();
        impl_->wakeUp.notify_all();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    impl_->thread.join();
}

} // namespace els::smartcard
