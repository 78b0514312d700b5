// The card monitor watching the vpcd readers while els-card-sim comes and goes.
#include "card-sim.hpp"
#include "els/smartcard/card-monitor.hpp"
#include "pcsc-environment.hpp"
#include "virtual-els-card.hpp"

#include <condition_variable>
#include <gtest/gtest.h>
#include <mutex>

using namespace els::smartcard;
using namespace els::testing;
using namespace std::chrono_literals;

namespace {

class EventLog {
public:
    void add(const CardEvent& event) {
        const std::lock_guard lock(mutex_);
        events_.push_back(event);
        changed_.notify_all();
    }

    // Waits for an event of `type` on `reader` after the first `from` events; returns its index.
    std::optional<std::size_t> waitFor(CardEvent::Type type, const std::string& reader,
                                       std::size_t from = 0,
                                       std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex_);
        std::optional<std::size_t> found;
        changed_.wait_for(lock, timeout, [&] {
            for (std::size_t i = from; i < events_.size(); ++i) {
                if (events_[i].type == type && events_[i].reader == reader) {
                    found = i;
                    return true;
                }
            }
            return false;
        });
        return found;
    }

    CardEvent at(std::size_t index) {
        const std::lock_guard lock(mutex_);
        return events_.at(index);
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<CardEvent> events_;
};

} // namespace

TEST(CardMonitor, reportsReadersThenInsertAndRemoveWithAtr) {
    TempDir image;
    writeCardImage(image.path(), derFiller(10), {});
    ASSERT_TRUE(waitForCard(vpcdReader(1), false, 5s));

    EventLog log;
    CardMonitor monitor([&](const CardEvent& event) { log.add(event); });
    ASSERT_TRUE(log.waitFor(CardEvent::Type::ReaderAdded, vpcdReader(0)));
    const auto added = log.waitFor(CardEvent::Type::ReaderAdded, vpcdReader(1));
    ASSERT_TRUE(added);

    CardSim sim(1, image.path());
    ASSERT_TRUE(sim.insert());
    const auto inserted = log.waitFor(CardEvent::Type::CardInserted, vpcdReader(1), *added);
    ASSERT_TRUE(inserted);
    EXPECT_EQ(log.at(*inserted).atr, els::smartcard::sim::atrFor({}));

    sim.remove();
    EXPECT_TRUE(log.waitFor(CardEvent::Type::CardRemoved, vpcdReader(1), *inserted));
    monitor.stop();
}

TEST(CardMonitor, cardAlreadyPresent_isReportedAtStart) {
    TempDir image;
    writeCardImage(image.path(), derFiller(10), {});
    CardSim sim(1, image.path(), {"--t0"});
    ASSERT_TRUE(sim.insert());

    EventLog log;
    CardMonitor monitor([&](const CardEvent& event) { log.add(event); });
    const auto inserted = log.waitFor(CardEvent::Type::CardInserted, vpcdReader(1));
    ASSERT_TRUE(inserted);
    EXPECT_EQ(log.at(*inserted).atr, els::smartcard::sim::atrFor({.t0 = true}));
}

TEST(CardMonitor, stopWhileWaiting_returnsAndStopsReporting) {
    EventLog log;
    CardMonitor monitor([&](const CardEvent& event) { log.add(event); });
    ASSERT_TRUE(log.waitFor(CardEvent::Type::ReaderAdded, vpcdReader(1)));
    monitor.stop();
    monitor.stop(); // idempotent

    TempDir image;
    writeCardImage(image.path(), derFiller(10), {});
    CardSim sim(1, image.path());
    ASSERT_TRUE(sim.insert());
    EXPECT_FALSE(log.waitFor(CardEvent::Type::CardInserted, vpcdReader(1), 0, 1500ms).has_value());
}
