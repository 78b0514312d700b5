#pragma once

#include "els/smartcard/bytes.hpp"

#include <functional>
#include <memory>
#include <string>

namespace els::smartcard {

struct CardEvent {
    enum class Type {
        ReaderAdded,
        ReaderRemoved,
        CardInserted,
        CardRemoved,
        ServiceLost, // pcscd went away; its cards and readers are reported removed right after
        ServiceBack, // pcscd answers again; readers and cards follow as added / inserted
    };
    Type type;
    std::string reader; // empty for ServiceLost / ServiceBack
    Bytes atr;          // CardInserted only

    bool operator==(const CardEvent&) const = default;
};

const char* toString(CardEvent::Type type) noexcept;

// Watches every reader on its own thread and its own PC/SC context. The current state is
// reported first (ReaderAdded, CardInserted), then every change. The callback runs on the
// monitor's thread, must return quickly and must not throw. Survives a pcscd restart by
// re-establishing its context with back-off. Construction and destruction never wait for the card
// stack.
class CardMonitor {
public:
    using Callback = std::function<void(const CardEvent&)>;

    explicit CardMonitor(Callback callback);
    CardMonitor(const CardMonitor&) = delete;
    CardMonitor& operator=(const CardMonitor&) = delete;
    ~CardMonitor();

    // Cancels the wait (SCardCancel) and joins the thread; idempotent.
    void stop();

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace els::smartcard
