#include "els/kiosk/eligibility.hpp"
#include "els/kiosk/order-workflow.hpp"
#include "els/platform/error.hpp"

#include <QTemporaryDir>
#include <deque>
#include <gtest/gtest.h>

namespace els::kiosk {
namespace {

using namespace std::chrono_literals;
using platform::McardOrder;
using platform::McardStatus;
using platform::OperationKind;
using platform::OperationState;
using platform::UsosError;
using platform::UsosErrorKind;

// What a make_mcard_order call does besides placing the order.
enum class MakeFault {
    None,
    LostAnswer,    // order placed, answer lost (timeout / drop after the effect)
    DroppedBefore, // connection dropped before USOS acted (client cannot tell)
    Refused,       // certainly never reached USOS (connection refused)
};

// A scripted USOS for one student: orders advance one status per status read.
class FakeUsos final : public McardService {
public:
    std::vector<McardOrder> orders;
    std::optional<platform::LangText> whyCannotOrder;
    std::deque<MakeFault> makeFaults;
    int unreadableMcard = 0; // the next N mcard() calls fail
    int failingPolls = 0;    // the next N mcardOrder() calls fail
    bool advances = true;
    bool listsBareIds = false;
    int makeCalls = 0;
    int orderReads = 0;
    int mcardCalls = 0;
    int mcardCallsBeforeMake = -1;
    int revokeCalls = 0;

    platform::McardInfo mcard(std::stop_token) override {
        ++mcardCalls;
        if (unreadableMcard > 0) {
            --unreadableMcard;
            throw UsosError(UsosErrorKind::Network, "down");
        }
        if (failingPolls > 0 && !orders.empty()) {
            --failingPolls;
            throw UsosError(UsosErrorKind::Timeout, "slow");
        }
        // Every read of a known order moves it one status on (polling happens through mcard).
        if (advances)
            for (auto& order : orders)
                advance(order);
        platform::McardInfo info;
        info.whyCannotOrder = whyCannotOrder;
        for (auto order : orders) {
            if (listsBareIds) {
                McardOrder bare;
                bare.id = order.id;
                order = bare;
            }
            info.orders.push_back(order);
        }
        return info;
    }
    McardOrder mcardOrder(std::string_view id, std::stop_token) override {
        ++orderReads;
        return find(id);
    }
    static void advance(McardOrder& order) {
        if (order.status == McardStatus::Pending) {
            set(order, McardStatus::InProgress);
        } else if (order.status == McardStatus::InProgress) {
            set(order, McardStatus::Ready);
            order.token = "TOKEN-" + order.id;
            order.distributionPass = "1234-5678";
        }
    }
    bool makeMcardOrder(std::stop_token) override {
        ++makeCalls;
        if (mcardCallsBeforeMake < 0)
            mcardCallsBeforeMake = mcardCalls;
        const auto fault = makeFaults.empty() ? MakeFault::None : makeFaults.front();
        if (!makeFaults.empty())
            makeFaults.pop_front();
        if (fault == MakeFault::Refused)
            throw UsosError(UsosErrorKind::Network, "refused", 0, {}, false);
        if (fault == MakeFault::DroppedBefore)
            throw UsosError(UsosErrorKind::Network, "dropped");
        orders.push_back(order(std::to_string(100 + orders.size()), McardStatus::Pending));
        if (fault == MakeFault::LostAnswer)
            throw UsosError(UsosErrorKind::Timeout, "lost");
        return true;
    }
    bool revokeMcard(std::string_view id, std::stop_token) override {
        ++revokeCalls;
        auto& order = find(id);
        set(order, order.status == McardStatus::Pending || order.status == McardStatus::InProgress
                       ? McardStatus::Cancelled
                       : McardStatus::Revoked);
        return true;
    }

    static void set(McardOrder& order, McardStatus status) {
        order.status = status;
        order.rawStatus = platform::toString(status);
    }
    static McardOrder order(std::string id, McardStatus status) {
        McardOrder order;
        order.id = std::move(id);
        set(order, status);
        return order;
    }
    McardOrder& find(std::string_view id) {
        for (auto& order : orders)
            if (order.id == id)
                return order;
        throw UsosError(UsosErrorKind::Usos, "no such order", 400, "object_not_found", false);
    }
    int activeCount() const {
        return static_cast<int>(
            std::count_if(orders.begin(), orders.end(), [](const McardOrder& o) {
                return o.status == McardStatus::Pending || o.status == McardStatus::InProgress ||
                       o.status == McardStatus::Ready;
            }));
    }
};

class FakePacer final : public Pacer {
public:
    std::chrono::steady_clock::time_point now() const override { return now_; }
    bool sleepFor(std::chrono::milliseconds duration, std::stop_token stop) override {
        if (stop.stop_requested())
            return false;
        sleeps.push_back(duration);
        now_ += duration;
        return true;
    }
    std::vector<std::chrono::milliseconds> sleeps;

private:
    std::chrono::steady_clock::time_point now_{};
};

class OrderWorkflowTest : public ::testing::Test {
protected:
    OrderWorkflowTest()
        : clock_(std::chrono::system_clock::now()),
          journal_(std::filesystem::path(dir_.path().toStdString()) / "journal.sqlite", clock_),
          hash_(journal_.hashStudent("100001")) {
        settings_.pollInitial = 100ms;
        settings_.pollMax = 400ms;
        settings_.deadline = 10s;
    }

    OrderWorkflow workflow() {
        return OrderWorkflow(usos_, journal_, clock_, hash_, settings_, pacer_);
    }
    std::vector<platform::Operation> open() const { return journal_.openOperationsFor(hash_); }

    QTemporaryDir dir_;
    platform::FixedClock clock_;
    platform::Journal journal_;
    std::string hash_;
    WorkflowSettings settings_;
    FakeUsos usos_;
    FakePacer pacer_;
};

TEST_F(OrderWorkflowTest, noOrder_ordersOnceAndFollowsToReady) {
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    ASSERT_TRUE(result.order.has_value());
    EXPECT_EQ(result.order->token, "TOKEN-100");
    EXPECT_EQ(result.order->distributionPass, "1234-5678");
    EXPECT_EQ(usos_.makeCalls, 1);
    EXPECT_TRUE(open().empty());
    EXPECT_EQ(journal_.counters().operations["order.confirmed"], 1);
}

TEST_F(OrderWorkflowTest, withTheChecksRead_theRequestGoesFirst_thenOneReadFindsItReady) {
    const auto known = usos_.mcard({}); // what the check read before the student tapped
    usos_.mcardCalls = 0;
    const auto result = workflow().placeOrder({}, {}, &known);
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.mcardCallsBeforeMake, 0);
    EXPECT_EQ(usos_.makeCalls, 1);
}

// Issue 11 (c): the revoke-and-reorder limit is asked right before the request, on the list the
// request rests on; past it nothing is sent and nothing is journalled.
TEST_F(OrderWorkflowTest, reorderGate_closed_refusedWithNothingSentOrJournalled) {
    usos_.orders = {FakeUsos::order("7", McardStatus::Revoked)};
    const auto known = usos_.mcard({});
    std::vector<std::string> seen;
    const OrderGate closed = [&](const platform::McardInfo& mcard) {
        for (const auto& order : mcard.orders)
            seen.push_back(order.id);
        return false;
    };
    const auto result = workflow().placeOrder({}, {}, &known, closed);
    EXPECT_EQ(result.outcome, WorkflowOutcome::Refused);
    EXPECT_EQ(result.problem, Problem::ReorderLimit);
    EXPECT_EQ(result.errorCode, "reorder_limit");
    EXPECT_EQ(seen, std::vector<std::string>{"7"});
    EXPECT_EQ(usos_.makeCalls, 0);
    EXPECT_TRUE(journal_.counters().operations.empty());
}

TEST_F(OrderWorkflowTest, reorderGate_open_ordersOnce) {
    const auto result = workflow().placeOrder({}, {}, nullptr, [](const auto&) { return true; });
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 1);
}

TEST_F(OrderWorkflowTest, reorderGate_notAskedWhenAnActiveOrderIsFollowed) {
    usos_.orders = {FakeUsos::order("7", McardStatus::Pending)};
    bool asked = false;
    const auto result = workflow().placeOrder({}, {}, nullptr, [&](const auto&) {
        asked = true;
        return false;
    });
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_FALSE(asked);
    EXPECT_EQ(usos_.makeCalls, 0);
}

TEST_F(OrderWorkflowTest, withTheChecksRead_anUnsettledEarlierOrderIsStillAwaited) {
    usos_.makeFaults = {MakeFault::DroppedBefore};
    workflow().placeOrder({});
    const auto known = usos_.mcard({});
    workflow().placeOrder({}, {}, &known);
    EXPECT_EQ(usos_.makeCalls, 1);
}

TEST_F(OrderWorkflowTest, progress_reportsEveryStatusRead) {
    std::vector<McardStatus> seen;
    workflow().placeOrder({}, [&](const McardOrder& order) { seen.push_back(order.status); });
    EXPECT_EQ(seen, (std::vector{McardStatus::InProgress, McardStatus::Ready}));
}

TEST_F(OrderWorkflowTest, polling_backsOffExponentiallyUpToTheMaximum) {
    usos_.advances = false;
    settings_.deadline = 2s;
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::InProgress);
    ASSERT_GE(pacer_.sleeps.size(), 5u);
    EXPECT_EQ(pacer_.sleeps[0], 100ms);
    EXPECT_EQ(pacer_.sleeps[1], 200ms);
    EXPECT_EQ(pacer_.sleeps[2], 400ms);
    EXPECT_EQ(pacer_.sleeps[3], 400ms);
    std::chrono::milliseconds total{};
    for (const auto s : pacer_.sleeps)
        total += s;
    EXPECT_LE(total, settings_.deadline);
    EXPECT_EQ(usos_.makeCalls, 1);
}

TEST_F(OrderWorkflowTest, activeOrderInUsos_isFollowedNeverDoubled) {
    const auto existing = FakeUsos::order("7", McardStatus::Pending);
    usos_.orders = {existing};
    usos_.whyCannotOrder = platform::LangText{"Masz już zamówienie.", "You already have an order."};
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(result.order->id, "7");
    EXPECT_EQ(usos_.makeCalls, 0);
}

TEST_F(OrderWorkflowTest, usosRefuses_refusedWithItsWordsAndNothingSent) {
    usos_.whyCannotOrder = platform::LangText{"Nie.", "No."};
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Refused);
    EXPECT_EQ(result.problem, Problem::UsosRefused);
    EXPECT_EQ(result.usosReason->en, "No.");
    EXPECT_EQ(usos_.makeCalls, 0);
}

TEST_F(OrderWorkflowTest, lostAnswer_reconciledFromUsosNotResent) {
    usos_.makeFaults = {MakeFault::LostAnswer};
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 1);
    EXPECT_EQ(usos_.orders.size(), 1u);
    EXPECT_TRUE(open().empty());
    EXPECT_EQ(journal_.counters().operations["order.confirmed"], 1);
}

TEST_F(OrderWorkflowTest, droppedBeforeUsosActed_neverResentInTheSession) {
    // The client cannot tell a drop before USOS acted from one after: it awaits, never re-sends.
    usos_.makeFaults = {MakeFault::DroppedBefore};
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Failed);
    EXPECT_EQ(result.problem, Problem::ServiceUnavailable);
    EXPECT_EQ(usos_.makeCalls, 1);
    ASSERT_EQ(open().size(), 1u);
    EXPECT_EQ(open()[0].state, OperationState::Unknown);
}

TEST_F(OrderWorkflowTest, lostAnswer_nextSessionBeforeSettleTime_awaitsAndSendsNothing) {
    usos_.makeFaults = {MakeFault::DroppedBefore};
    workflow().placeOrder({});
    clock_.advance(settings_.settleAfter / 2);
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Failed);
    EXPECT_EQ(usos_.makeCalls, 1);
    ASSERT_EQ(open().size(), 1u); // still unsettled: USOS may apply it yet
}

TEST_F(OrderWorkflowTest, lostAnswer_heldRequestLandsLater_isFollowedNotDoubled) {
    usos_.makeFaults = {MakeFault::DroppedBefore};
    workflow().placeOrder({});
    clock_.advance(settings_.settleAfter / 2);
    usos_.orders.push_back(FakeUsos::order("900", McardStatus::Pending)); // the held request
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 1);
    EXPECT_TRUE(open().empty());
    EXPECT_EQ(journal_.counters().operations["order.confirmed"], 1);
}

TEST_F(OrderWorkflowTest, lostAnswer_settlesWhileTheNextTapWaits_thenThatTapOrdersOnce) {
    usos_.makeFaults = {MakeFault::DroppedBefore};
    workflow().placeOrder({});
    clock_.advance(settings_.settleAfter - 1s);
    // The journal's clock moves with the waiting.
    struct MovingPacer final : Pacer {
        FakePacer& inner;
        platform::FixedClock& clock;
        MovingPacer(FakePacer& p, platform::FixedClock& c) : inner(p), clock(c) {}
        std::chrono::steady_clock::time_point now() const override { return inner.now(); }
        bool sleepFor(std::chrono::milliseconds d, std::stop_token stop) override {
            clock.advance(d);
            return inner.sleepFor(d, stop);
        }
    } pacer(pacer_, clock_);
    const auto result =
        OrderWorkflow(usos_, journal_, clock_, hash_, settings_, pacer).placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 2);
    EXPECT_EQ(usos_.orders.size(), 1u);
}

TEST_F(OrderWorkflowTest, lostAnswer_settledAfterSettleTime_nextTapOrdersOnce) {
    usos_.makeFaults = {MakeFault::DroppedBefore};
    workflow().placeOrder({});
    clock_.advance(settings_.settleAfter);
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 2);
    EXPECT_EQ(usos_.orders.size(), 1u);
    EXPECT_EQ(journal_.counters().operations["order.failed"], 1);
    EXPECT_EQ(journal_.counters().operations["order.confirmed"], 1);
}

TEST_F(OrderWorkflowTest, connectionRefused_failsAsServiceUnavailableWithoutRetry) {
    usos_.makeFaults = {MakeFault::Refused};
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Failed);
    EXPECT_EQ(result.problem, Problem::ServiceUnavailable);
    EXPECT_EQ(usos_.makeCalls, 1);
    EXPECT_TRUE(open().empty());
    EXPECT_EQ(journal_.counters().operations["order.failed"], 1);
}

TEST_F(OrderWorkflowTest, answerLostAndUsosUnreadable_staysUnknownUntilNextSession) {
    usos_.makeFaults = {MakeFault::LostAnswer};
    {
        // mcard readable at first (reconcile), unreadable after the lost answer.
        struct Once final : McardService {
            FakeUsos& inner;
            int mcardReads = 0;
            explicit Once(FakeUsos& u) : inner(u) {}
            platform::McardInfo mcard(std::stop_token stop) override {
                if (++mcardReads > 1)
                    throw UsosError(UsosErrorKind::Network, "down");
                return inner.mcard(stop);
            }
            McardOrder mcardOrder(std::string_view id, std::stop_token stop) override {
                return inner.mcardOrder(id, stop);
            }
            bool makeMcardOrder(std::stop_token stop) override {
                return inner.makeMcardOrder(stop);
            }
            bool revokeMcard(std::string_view id, std::stop_token stop) override {
                return inner.revokeMcard(id, stop);
            }
        } flaky(usos_);
        OrderWorkflow first(flaky, journal_, clock_, hash_, settings_, pacer_);
        const auto result = first.placeOrder({});
        EXPECT_EQ(result.outcome, WorkflowOutcome::Failed);
        EXPECT_EQ(result.problem, Problem::ServiceUnavailable);
    }
    ASSERT_EQ(open().size(), 1u);
    EXPECT_EQ(open()[0].state, OperationState::Unknown);

    // The next session (same card) settles it from USOS and follows the one order.
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 1);
    EXPECT_TRUE(open().empty());
}

TEST_F(OrderWorkflowTest, crashAfterSendBeforeUsosActed_nextSessionAfterSettleTimeOrdersOnce) {
    const auto op =
        journal_.begin(OperationKind::Order, hash_, newIdempotencyKey(OperationKind::Order, hash_));
    journal_.markSent(op.id); // then kill -9: USOS never saw it
    clock_.advance(settings_.settleAfter);
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 1);
    EXPECT_EQ(journal_.find(op.idempotencyKey)->state, OperationState::Failed);
    EXPECT_EQ(journal_.find(op.idempotencyKey)->errorCode, "not_in_usos");
}

TEST_F(OrderWorkflowTest, crashAfterUsosActed_nextSessionConfirmsAndDoesNotOrder) {
    const auto op =
        journal_.begin(OperationKind::Order, hash_, newIdempotencyKey(OperationKind::Order, hash_));
    journal_.markSent(op.id);
    usos_.makeMcardOrder({}); // USOS acted; the kiosk died before hearing it
    usos_.makeCalls = 0;
    const auto mcard = workflow().reconcile({});
    EXPECT_EQ(journal_.find(op.idempotencyKey)->state, OperationState::Confirmed);
    EXPECT_EQ(journal_.find(op.idempotencyKey)->usosOrderId, "100");
    EXPECT_TRUE(activeOrder(mcard).has_value());
    EXPECT_EQ(workflow().placeOrder({}).outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 0);
}

TEST_F(OrderWorkflowTest, bareOrderIdsInTheList_areReadInFullBeforeDeciding) {
    const auto existing = FakeUsos::order("7", McardStatus::InProgress);
    usos_.orders = {existing};
    usos_.listsBareIds = true;
    usos_.advances = false;
    const auto mcard = workflow().reconcile({});
    ASSERT_TRUE(activeOrder(mcard).has_value());
    EXPECT_EQ(activeOrder(mcard)->id, "7");
}

TEST_F(OrderWorkflowTest, pollFailures_toleratedUntilTheDeadline) {
    usos_.failingPolls = 2;
    const auto result = workflow().placeOrder({});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Ready);
    EXPECT_EQ(usos_.makeCalls, 1);
}

TEST_F(OrderWorkflowTest, stopRequested_stopsPollingAtOnce) {
    usos_.advances = false;
    std::stop_source stop;
    int reads = 0;
    const auto result = workflow().placeOrder(stop.get_token(), [&](const McardOrder&) {
        if (++reads == 2)
            stop.request_stop();
    });
    EXPECT_EQ(result.outcome, WorkflowOutcome::Stopped);
    EXPECT_EQ(reads, 2);
}

TEST_F(OrderWorkflowTest, withdrawPending_cancelsAndJournals) {
    const auto pending = FakeUsos::order("7", McardStatus::Pending);
    usos_.orders = {pending};
    usos_.advances = false;
    const auto result = workflow().withdraw(pending, {});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Cancelled);
    EXPECT_EQ(usos_.orders[0].status, McardStatus::Cancelled);
    EXPECT_EQ(journal_.counters().operations["cancel.confirmed"], 1);
}

TEST_F(OrderWorkflowTest, withdrawReady_revokes) {
    const auto ready = FakeUsos::order("7", McardStatus::Ready);
    usos_.orders = {ready};
    const auto result = workflow().withdraw(ready, {});
    EXPECT_EQ(result.outcome, WorkflowOutcome::Revoked);
    EXPECT_EQ(journal_.counters().operations["revoke.confirmed"], 1);
}

TEST_F(OrderWorkflowTest, withdrawFinishedOrder_failsWithoutCallingUsos) {
    const auto revoked = FakeUsos::order("7", McardStatus::Revoked);
    usos_.orders = {revoked};
    EXPECT_EQ(workflow().withdraw(revoked, {}).outcome, WorkflowOutcome::Failed);
    EXPECT_EQ(usos_.revokeCalls, 0);
}

// A read long after the operation was sent: nothing is unsettled any more.
Reconciliation reconcile(const platform::Operation& op, const platform::McardInfo& mcard) {
    return reconcileOperation(op, mcard, op.updatedAt + 1h, 60s);
}

TEST(WorkflowDecisions, settleAfter_coversFourRequestTimeoutsAndAtLeastFiveSeconds) {
    EXPECT_EQ(WorkflowSettings::settleAfterFor(8s), 40s);
    EXPECT_EQ(WorkflowSettings::settleAfterFor(800ms), 5800ms);
}

TEST(WorkflowDecisions, reconcileOrder_sentButNotInUsos_unsettledUntilTheSettleTime) {
    platform::Operation op;
    op.kind = OperationKind::Order;
    op.state = OperationState::Unknown;
    const platform::McardInfo none;
    const auto early = reconcileOperation(op, none, op.updatedAt + 59s, 60s);
    EXPECT_TRUE(early.unsettled);
    EXPECT_FALSE(early.confirmed);
    const auto late = reconcileOperation(op, none, op.updatedAt + 60s, 60s);
    EXPECT_FALSE(late.unsettled);
    EXPECT_EQ(late.code, "not_in_usos");
}

TEST(WorkflowDecisions, reconcileOrder_confirmsActiveOrderElseFails) {
    platform::Operation op;
    op.kind = OperationKind::Order;
    op.state = OperationState::Unknown;
    platform::McardInfo mcard;
    EXPECT_FALSE(reconcile(op, mcard).confirmed);
    EXPECT_EQ(reconcile(op, mcard).code, "not_in_usos");
    op.state = OperationState::Started;
    EXPECT_EQ(reconcile(op, mcard).code, "never_sent");
    const auto ready = FakeUsos::order("9", McardStatus::Ready);
    mcard.orders = {ready};
    EXPECT_TRUE(reconcile(op, mcard).confirmed);
    EXPECT_EQ(reconcile(op, mcard).usosOrderId, "9");
}

TEST(WorkflowDecisions, reconcileWithdrawal_looksAtTheOrderNamedInTheKey) {
    platform::Operation op;
    op.kind = OperationKind::Revoke;
    op.state = OperationState::Sent;
    op.idempotencyKey = newIdempotencyKey(OperationKind::Revoke, std::string(64, 'a'), "9");
    const auto order = FakeUsos::order("9", McardStatus::Ready);
    platform::McardInfo mcard;
    mcard.orders = {order};
    EXPECT_EQ(reconcile(op, mcard).code, "not_applied");
    FakeUsos::set(mcard.orders[0], McardStatus::Revoked);
    EXPECT_TRUE(reconcile(op, mcard).confirmed);
    mcard.orders[0].id = "10";
    EXPECT_EQ(reconcile(op, mcard).code, "order_not_found");
}

TEST(WorkflowDecisions, idempotencyKeys_areUniqueCodesCarryingTheOrderId) {
    const std::string hash(64, 'f');
    const auto a = newIdempotencyKey(OperationKind::Order, hash);
    const auto b = newIdempotencyKey(OperationKind::Order, hash);
    EXPECT_NE(a, b);
    EXPECT_LE(a.size(), 64u);
    EXPECT_EQ(a.rfind("order.ffffffffffffffff.", 0), 0u);
    EXPECT_FALSE(orderIdOfKey(a).has_value());
    EXPECT_EQ(orderIdOfKey(newIdempotencyKey(OperationKind::Cancel, hash, "123")), "123");
    EXPECT_FALSE(
        orderIdOfKey(newIdempotencyKey(OperationKind::Cancel, hash, "bad id")).has_value());
}

TEST(WorkflowDecisions, withdrawalKind_followsTheStatus) {
    EXPECT_EQ(withdrawalKind(McardStatus::Pending), OperationKind::Cancel);
    EXPECT_EQ(withdrawalKind(McardStatus::InProgress), OperationKind::Cancel);
    EXPECT_EQ(withdrawalKind(McardStatus::Ready), OperationKind::Revoke);
    EXPECT_EQ(withdrawalKind(McardStatus::Received), OperationKind::Revoke);
    EXPECT_FALSE(withdrawalKind(McardStatus::Revoked).has_value());
    EXPECT_FALSE(withdrawalKind(McardStatus::Error).has_value());
}

TEST(WorkflowDecisions, nextPollDelay_doublesWithinBounds) {
    WorkflowSettings s;
    s.pollInitial = 1000ms;
    s.pollMax = 5000ms;
    EXPECT_EQ(nextPollDelay(1000ms, s), 2000ms);
    EXPECT_EQ(nextPollDelay(4000ms, s), 5000ms);
    EXPECT_EQ(nextPollDelay(0ms, s), 1000ms);
}

TEST(SteadyPacer, stopToken_wakesASleeperEarly) {
    SteadyPacer pacer;
    std::stop_source stop;
    stop.request_stop();
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(pacer.sleepFor(10s, stop.get_token()));
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    EXPECT_TRUE(pacer.sleepFor(1ms, {}));
}

} // namespace
} // namespace els::kiosk
