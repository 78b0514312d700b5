// The card monitor watching the vpcd readers while els-card-sim comes and goes.
#include "card-event-log.hpp"
#include "card-sim.hpp"
#include "els/smartcard/card-monitor.hpp"
#include "pcsc-environment.hpp"
#include "virtual-els-card.hpp"

#include <gtest/gtest.h>

using namespace els::smartcard;
using namespace els::testing;
using namespace std::chrono_literals;

TEST(CardMonitor, reportsReadersThenInsertAndRemoveWithAtr) {
    TempDir image;
    writeCardImage(image.path(), derFiller(10), {});
    ASSERT_TRUE(waitForCard(vpcdReader(1), false, 5s));

    CardEventLog log;
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

    CardEventLog log;
    CardMonitor monitor([&](const CardEvent& event) { log.add(event); });
    const auto inserted = log.waitFor(CardEvent::Type::CardInserted, vpcdReader(1));
    ASSERT_TRUE(inserted);
    EXPECT_EQ(log.at(*inserted).atr, els::smartcard::sim::atrFor({.t0 = true}));
}

TEST(CardMonitor, stopWhileWaiting_returnsAndStopsReporting) {
    CardEventLog log;
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
