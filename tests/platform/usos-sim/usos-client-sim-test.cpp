// The kiosk's real UsosClient against the real simulator: concurrency and the hold-before-effect
// fault, asserted with the simulator's own record of requests (never with wall time).
#include "els/platform/error.hpp"
#include "els/platform/usos-client.hpp"
#include "els/platform/usossim/seed.hpp"
#include "sim-process.hpp"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <gtest/gtest.h>
#include <limits>
#include <optional>
#include <stop_token>
#include <thread>

namespace els::platform::usossim::test {
namespace {

class UsosClientOverSim : public ::testing::Test {
protected:
    explicit UsosClientOverSim(const QStringList& arguments = {"--advance", "manual"})
        : sim(arguments), control(sim.port(), sim.caPem()) {
        QFile ca(dir.filePath("ca.pem"));
        EXPECT_TRUE(ca.open(QIODevice::WriteOnly));
        ca.write(sim.caPem());
    }

    UsosClientSettings settings() const {
        UsosClientSettings s;
        s.baseUrl = "https://127.0.0.1:" + std::to_string(sim.port());
        s.consumerKey = consumerKey;
        s.consumerSecret = consumerSecret;
        s.caFile = dir.filePath("ca.pem").toStdString();
        return s;
    }

    QJsonArray requests(const std::string& method = {}) {
        QJsonArray out;
        for (const auto& r :
             control.control("GET", "/_sim/requests").object()["requests"].toArray())
            if (method.empty() || r.toObject()["method"].toString().toStdString() == method)
                out.append(r);
        return out;
    }
    int ordersOf(const std::string& userId) {
        return control.control("GET", "/_sim/orders", {{"user_id", userId}})
            .object()["count"]
            .toInt();
    }

    QTemporaryDir dir;
    SimProcess sim;
    Client control;
};

class UsosClientOverSlowSim : public UsosClientOverSim {
protected:
    UsosClientOverSlowSim() : UsosClientOverSim({"--advance", "manual", "--latency-ms", "300"}) {}
};

TEST_F(UsosClientOverSlowSim, student_sendsItsThreeRequestsConcurrently) {
    UsosClient client(settings());
    const auto record = client.student(idOf("ready_order"));
    // The order came complete through mcard's orders[...] sub-selector.
    ASSERT_FALSE(record.mcard.orders.empty());
    EXPECT_EQ(record.mcard.orders.back().status, McardStatus::Ready);
    EXPECT_TRUE(record.mcard.orders.back().token);
    EXPECT_TRUE(record.mcard.orders.back().distributionPass);
    EXPECT_FALSE(record.cards.empty());
    EXPECT_EQ(client.requestCount(), 3u);

    const auto all = requests();
    ASSERT_EQ(all.size(), 3);
    qint64 lastStart = 0;
    qint64 firstEnd = std::numeric_limits<qint64>::max();
    for (const auto& r : all) {
        lastStart = std::max(lastStart, r.toObject()["start_ms"].toInteger());
        firstEnd = std::min(firstEnd, r.toObject()["end_ms"].toInteger());
    }
    // Every request had arrived before the first answer left: all three were in flight at once.
    EXPECT_LT(lastStart, firstEnd);
    EXPECT_EQ(control.control("GET", "/_sim/requests").object()["max_in_flight"].toInt(), 3);
}

TEST_F(UsosClientOverSim, orderHeldBeforeEffect_clientGivesUp_orderMadeOnlyOnRelease_sentOnce) {
    const std::string user = idOf("happy");
    control.control(
        "POST", "/_sim/faults",
        {{"hold_before_effect_ms", "600000"}, {"hold_methods", "services/cards/make_mcard_order"}});
    UsosClient client(settings());
    std::stop_source stop;
    std::optional<UsosError> failure;
    std::thread caller([&] {
        try {
            client.makeMcardOrder(user, stop.get_token());
        } catch (const UsosError& e) {
            failure = e;
        }
    });
    // Wait for the event "the simulator holds the order request", then give up on it.
    for (int i = 0; i < 1000 && requests("services/cards/make_mcard_order").isEmpty(); ++i)
        QThread::msleep(10);
    ASSERT_EQ(requests("services/cards/make_mcard_order").size(), 1);
    stop.request_stop();
    caller.join();
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->kind(), UsosErrorKind::Cancelled);
    EXPECT_TRUE(failure->mayHaveReachedServer()); // the kiosk must reconcile, not resend

    EXPECT_EQ(ordersOf(user), 0); // held: not made yet, although the client has gone
    const auto released = control.control("POST", "/_sim/release_held");
    EXPECT_EQ(released.object()["released"].toInt(), 1) << released.body;
    EXPECT_EQ(ordersOf(user), 1); // the late effect
    EXPECT_EQ(requests("services/cards/make_mcard_order").size(), 1);
    EXPECT_EQ(client.requestCount(), 1u);
}

} // namespace
} // namespace els::platform::usossim::test
