#include "card-event-log.hpp"

#include <algorithm>

namespace els::testing {

void CardEventLog::add(const smartcard::CardEvent& event) {
    const std::lock_guard lock(mutex_);
    events_.push_back(event);
    changed_.notify_all();
}

std::size_t CardEventLog::size() {
    const std::lock_guard lock(mutex_);
    return events_.size();
}

smartcard::CardEvent CardEventLog::at(std::size_t index) {
    const std::lock_guard lock(mutex_);
    return events_.at(index);
}

std::optional<std::size_t> CardEventLog::waitFor(Type type, const std::string& reader,
                                                 std::size_t from,
                                                 std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    std::optional<std::size_t> found;
    changed_.wait_for(lock, timeout, [&] {
        found = findLocked(type, reader, from);
        return found.has_value();
    });
    return found;
}

std::size_t CardEventLog::count(Type type) {
    const std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(
        std::count_if(events_.begin(), events_.end(),
                      [&](const smartcard::CardEvent& e) { return e.type == type; }));
}

std::string CardEventLog::describe() {
    const std::lock_guard lock(mutex_);
    std::string text;
    for (const auto& e : events_)
        text += std::string(smartcard::toString(e.type)) + ' ' + e.reader + '\n';
    return text;
}

std::optional<std::size_t> CardEventLog::findLocked(Type type, const std::string& reader,
                                                    std::size_t from) const {
    for (std::size_t i = from; i < events_.size(); ++i)
        if (events_[i].type == type && events_[i].reader == reader)
            return i;
    return std::nullopt;
}

} // namespace els::testing
