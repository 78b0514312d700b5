#pragma once

#include "els/smartcard/card-monitor.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace els::testing {

// What a CardMonitor reported, in order; its callback thread adds, the test waits and looks.
class CardEventLog {
public:
    using Type = smartcard::CardEvent::Type;

    void add(const smartcard::CardEvent& event);
    std::size_t size();
    smartcard::CardEvent at(std::size_t index);

    // The index of the first event of `type` on `reader` at or after `from`, waiting for it.
    std::optional<std::size_t>
    waitFor(Type type, const std::string& reader, std::size_t from = 0,
            std::chrono::milliseconds timeout = std::chrono::seconds(10));
    std::size_t count(Type type);
    // One "type reader" line per event, for failure messages.
    std::string describe();

private:
    // The first event of `type` on `reader` at or after `from`; the caller holds mutex_.
    std::optional<std::size_t> findLocked(Type type, const std::string& reader,
                                          std::size_t from) const;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<smartcard::CardEvent> events_;
};

} // namespace els::testing
