#include "els/kiosk/order-workflow.hpp"

#include "els/kiosk/eligibility.hpp"
#include "els/platform/error.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <openssl/rand.h>

namespace els::kiosk {

using platform::McardOrder;
using platform::McardStatus;
using platform::OperationKind;
using platform::OperationState;
using platform::UsosError;
using platform::UsosErrorKind;
using Lvl = platform::log::Level;

namespace {

std::string randomHex(std::size_t bytes) {
    std::array<unsigned char, 16> buffer{};
    bytes = std::min(bytes, buffer.size());
    if (RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1)
        throw platform::Error("no randomness for an idempotency key");
    std::string hex;
    for (std::size_t i = 0; i < bytes; ++i) {
        std::array<char, 3> two{};
        std::snprintf(two.data(), two.size(), "%02x", buffer[i]);
        hex += two.data();
    }
    return hex;
}

bool isIdCode(std::string_view id) {
    return !id.empty() && id.size() <= 20 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-';
    });
}

bool isIssued(const McardOrder& order) {
    return (order.status == McardStatus::Ready || order.status == McardStatus::Received) &&
           order.token && !order.token->empty() && order.distributionPass &&
           !order.distributionPass->empty();
}

WorkflowResult failed(Problem problem, std::string code, std::optional<McardOrder> order = {}) {
    return WorkflowResult{WorkflowOutcome::Failed, std::move(order), problem, std::nullopt,
                          std::move(code)};
}

// A USOS refusal of the request itself is about the order; anything else means USOS could not
// be reached properly.
Problem problemOf(const UsosError& error) {
    return error.kind() == UsosErrorKind::Usos ? Problem::OrderFailed : Problem::ServiceUnavailable;
}

} // namespace

std::chrono::milliseconds
WorkflowSettings::settleAfterFor(std::chrono::milliseconds requestTimeout) {
    return requestTimeout +
           std::max<std::chrono::milliseconds>(std::chrono::seconds(5), requestTimeout * 4);
}

std::chrono::steady_clock::time_point SteadyPacer::now() const {
    return std::chrono::steady_clock::now();
}

bool SteadyPacer::sleepFor(std::chrono::milliseconds duration, std::stop_token stop) {
    std::unique_lock lock(mutex_);
    wakeUp_.wait_for(lock, stop, duration, [] { return false; });
    return !stop.stop_requested();
}

const char* toString(WorkflowOutcome outcome) noexcept {
    switch (outcome) {
    case WorkflowOutcome::Ready:
        return "ready";
    case WorkflowOutcome::InProgress:
        return "in_progress";
    case WorkflowOutcome::Cancelled:
        return "cancelled";
    case WorkflowOutcome::Revoked:
        return "revoked";
    case WorkflowOutcome::Refused:
        return "refused";
    case WorkflowOutcome::Failed:
        return "failed";
    case WorkflowOutcome::Stopped:
        return "stopped";
    }
    return "failed";
}

Reconciliation reconcileOperation(const platform::Operation& operation,
                                  const platform::McardInfo& mcard, platform::Clock::TimePoint now,
                                  std::chrono::milliseconds settleAfter) {
    const bool sent = operation.state != OperationState::Started;
    if (operation.kind == OperationKind::Order) {
        if (const auto active = activeOrder(mcard))
            return {true, false, active->id, {}};
        if (!sent)
            return {false, false, {}, "never_sent"};
        // Sent, not (yet) in USOS: only a read long enough after the send proves USOS will not
        // apply it; before that a held request may still land.
        if (now - operation.updatedAt < settleAfter)
            return {false, true, {}, "unsettled"};
        return {false, false, {}, "not_in_usos"};
    }
    const auto target = orderIdOfKey(operation.idempotencyKey);
    const auto it = std::find_if(mcard.orders.begin(), mcard.orders.end(),
                                 [&](const McardOrder& o) { return target && o.id == *target; });
    if (it == mcard.orders.end())
        return {false, false, {}, "order_not_found"};
    if (it->status == McardStatus::Cancelled || it->status == McardStatus::Revoked)
        return {true, false, it->id, {}};
    return {false, false, {}, sent ? "not_applied" : "never_sent"};
}

std::optional<OperationKind> withdrawalKind(McardStatus status) {
    switch (status) {
    case McardStatus::Pending:
    case McardStatus::InProgress:
        return OperationKind::Cancel;
    case McardStatus::Ready:
    case McardStatus::Received:
        return OperationKind::Revoke;
    default:
        return std::nullopt;
    }
}

std::chrono::milliseconds nextPollDelay(std::chrono::milliseconds current,
                                        const WorkflowSettings& settings) {
    return std::clamp(current * 2, settings.pollInitial, settings.pollMax);
}

std::string newIdempotencyKey(OperationKind kind, std::string_view studentHash,
                              std::string_view orderId) {
    std::string key =
        std::string(platform::toString(kind)) + '.' + std::string(studentHash.substr(0, 16)) + '.';
    if (kind != OperationKind::Order)
        key += (isIdCode(orderId) ? std::string(orderId) : "x") + '.';
    return key + randomHex(8);
}

std::optional<std::string> orderIdOfKey(std::string_view key) {
    const auto first = key.find('.');
    const auto second = first == key.npos ? key.npos : key.find('.', first + 1);
    const auto third = second == key.npos ? key.npos : key.find('.', second + 1);
    if (third == key.npos)
        return std::nullopt;
    auto id = std::string(key.substr(second + 1, third - second - 1));
    return isIdCode(id) && id != "x" ? std::optional(id) : std::nullopt;
}

OrderWorkflow::OrderWorkflow(McardService& usos, platform::Journal& journal,
                             const platform::Clock& clock, std::string studentHash,
                             WorkflowSettings settings, Pacer& pacer, platform::log::Logger logger)
    : usos_(usos), journal_(journal), clock_(clock), studentHash_(std::move(studentHash)),
      settings_(settings), pacer_(pacer), logger_(std::move(logger)) {}

platform::McardInfo OrderWorkflow::readMcard(std::stop_token stop) {
    auto mcard = usos_.mcard(stop);
    // An installation may list bare ids; deciding "no active order" from those would double it.
    for (auto& order : mcard.orders)
        if (order.rawStatus.empty())
            order = usos_.mcardOrder(order.id, stop);
    return mcard;
}

bool OrderWorkflow::settle(const platform::McardInfo& mcard) {
    bool unsettled = false;
    const auto now = clock_.now();
    for (const auto& operation : journal_.openOperationsFor(studentHash_)) {
        const auto verdict = reconcileOperation(operation, mcard, now, settings_.settleAfter);
        if (verdict.unsettled) {
            unsettled = true;
            continue;
        }
        if (verdict.confirmed) {
            journal_.markConfirmed(operation.id, verdict.usosOrderId);
        } else {
            journal_.markFailed(operation.id, verdict.code);
        }
        logger_.event(
            Lvl::Info, "operation_reconciled",
            {{"kind", operation.kind}, {"was", operation.state}, {"confirmed", verdict.confirmed}});
    }
    return unsettled;
}

platform::McardInfo OrderWorkflow::reconcile(std::stop_token stop) {
    auto mcard = readMcard(stop);
    settle(mcard);
    return mcard;
}

namespace {

WorkflowResult stopped(std::optional<McardOrder> order = {}) {
    return WorkflowResult{WorkflowOutcome::Stopped, std::move(order), Problem::None, std::nullopt,
                          "stopped"};
}

bool cancelled(const UsosError& error) {
    return error.kind() == UsosErrorKind::Cancelled;
}

} // namespace

WorkflowResult OrderWorkflow::placeOrder(std::stop_token stop, const OrderProgress& progress,
                                         const platform::McardInfo* known,
                                         const OrderGate& mayOrder) {
    const auto deadline = pacer_.now() + settings_.deadline;
    platform::McardInfo mcard;
    bool unsettled = false;
    try {
        // The check's read is the decision the student confirmed: no second read before the
        // request (the journal is settled against it again, which costs no request).
        mcard = known ? *known : readMcard(stop);
        unsettled = settle(mcard);
    } catch (const UsosError& e) {
        if (cancelled(e))
            return stopped();
        return failed(Problem::ServiceUnavailable, platform::toString(e.kind()));
    }
    if (auto active = activeOrder(mcard))
        return followUntil(*active, deadline, stop, progress);
    if (mcard.whyCannotOrder)
        return WorkflowResult{WorkflowOutcome::Refused, std::nullopt, Problem::UsosRefused,
                              mcard.whyCannotOrder, "usos_refused"};
    if (unsettled) {
        // An earlier request may still land: wait for it. Only once USOS has certainly not
        // acted on it (settleAfter) does this tap send its own, first request.
        if (auto outcome = awaitOrder(deadline, stop, progress, "unsettled", true))
            return *outcome;
    }
    if (stop.stop_requested())
        return stopped();
    if (mayOrder && !mayOrder(mcard))
        return WorkflowResult{WorkflowOutcome::Refused, std::nullopt, Problem::ReorderLimit,
                              std::nullopt, "reorder_limit"};

    // The one durable write before the request: a crash after it is settled from USOS.
    const auto intent = journal_.recordIntent(
        OperationKind::Order, studentHash_, newIdempotencyKey(OperationKind::Order, studentHash_));
    if (!intent.maySend) // a fresh key is never taken; if it were, it must not be sent again
        return *awaitOrder(deadline, stop, progress, "already_sent", false);
    const auto& operation = intent.operation;
    logger_.info("order_sent");
    try {
        if (!usos_.makeMcardOrder(stop)) {
            journal_.markFailed(operation.id, "usos_declined");
            return failed(Problem::OrderFailed, "usos_declined");
        }
    } catch (const UsosError& e) {
        if (!e.mayHaveReachedServer()) {
            journal_.markFailed(operation.id, platform::toString(e.kind()));
            if (cancelled(e))
                return stopped();
            return failed(problemOf(e), platform::toString(e.kind()));
        }
        journal_.markUnknown(operation.id, platform::toString(e.kind()));
        logger_.warning("order_answer_lost", {{"error", e.kind()}});
        if (cancelled(e))
            return stopped(); // the next session settles it from USOS
        return *awaitOrder(deadline, stop, progress, platform::toString(e.kind()), false);
    }
    return *awaitOrder(deadline, stop, progress, "accepted", false);
}

std::optional<WorkflowResult>
OrderWorkflow::awaitOrder(std::chrono::steady_clock::time_point deadline, std::stop_token stop,
                          const OrderProgress& progress, std::string code, bool untilSettled) {
    // The first read goes at once: USOS usually shows an accepted order immediately.
    auto delay = std::chrono::milliseconds::zero();
    for (;;) {
        if (delay > std::chrono::milliseconds::zero()) {
            if (pacer_.now() + delay > deadline)
                return failed(Problem::ServiceUnavailable, code);
            if (!pacer_.sleepFor(delay, stop))
                return stopped();
        }
        delay = nextPollDelay(delay, settings_);
        try {
            const auto mcard = readMcard(stop);
            const bool unsettled = settle(mcard);
            if (auto active = activeOrder(mcard)) {
                if (progress)
                    progress(*active); // a status just read: the student sees it at once
                return followUntil(*active, deadline, stop, progress);
            }
            if (untilSettled && !unsettled) {
                if (mcard.whyCannotOrder)
                    return WorkflowResult{WorkflowOutcome::Refused, std::nullopt,
                                          Problem::UsosRefused, mcard.whyCannotOrder,
                                          "usos_refused"};
                return std::nullopt; // certainly not done: the caller may send its request
            }
        } catch (const UsosError& e) {
            if (cancelled(e))
                return stopped();
            code = platform::toString(e.kind());
            logger_.warning("order_read_failed", {{"error", e.kind()}});
        }
    }
}

WorkflowResult OrderWorkflow::follow(const McardOrder& known, std::stop_token stop,
                                     const OrderProgress& progress) {
    return followUntil(known, pacer_.now() + settings_.deadline, stop, progress);
}

WorkflowResult OrderWorkflow::followUntil(McardOrder order,
                                          std::chrono::steady_clock::time_point deadline,
                                          std::stop_token stop, const OrderProgress& progress) {
    auto delay = settings_.pollInitial;
    std::string lastError;
    bool fresh = false; // `order` came from services/cards/mcard_order in this loop
    for (;;) {
        if (progress && fresh)
            progress(order);
        if (isIssued(order))
            return WorkflowResult{WorkflowOutcome::Ready, order, Problem::None, std::nullopt, {}};
        if (order.status == McardStatus::Cancelled)
            return WorkflowResult{
                WorkflowOutcome::Cancelled, order, Problem::None, std::nullopt, {}};
        if (order.status == McardStatus::Revoked)
            return WorkflowResult{WorkflowOutcome::Revoked, order, Problem::None, std::nullopt, {}};
        if (order.status == McardStatus::Error)
            return failed(Problem::OrderFailed, "order_error", order);

        if (fresh || !lastError.empty()) {
            if (pacer_.now() + delay > deadline)
                return WorkflowResult{WorkflowOutcome::InProgress, order, Problem::None,
                                      std::nullopt, lastError.empty() ? "deadline" : lastError};
            if (!pacer_.sleepFor(delay, stop))
                return stopped(order);
            delay = nextPollDelay(delay, settings_);
        }
        try {
            // services/cards/mcard carries the complete orders: one request per poll.
            const auto mcard = readMcard(stop);
            const auto it = std::find_if(mcard.orders.begin(), mcard.orders.end(),
                                         [&](const McardOrder& o) { return o.id == order.id; });
            if (it != mcard.orders.end())
                order = *it;
            fresh = true;
            lastError.clear();
        } catch (const UsosError& e) {
            if (cancelled(e))
                return stopped(order);
            // A read failing now and then is the network; keep polling until the deadline.
            fresh = false;
            lastError = platform::toString(e.kind());
            logger_.warning("order_poll_failed", {{"error", e.kind()}});
        }
    }
}

WorkflowResult OrderWorkflow::withdraw(const McardOrder& order, std::stop_token stop) {
    const auto kind = withdrawalKind(order.status);
    if (!kind)
        return failed(Problem::OrderFailed, "not_withdrawable", order);
    const auto expected =
        *kind == OperationKind::Cancel ? McardStatus::Cancelled : McardStatus::Revoked;
    const auto done =
        *kind == OperationKind::Cancel ? WorkflowOutcome::Cancelled : WorkflowOutcome::Revoked;

    const auto intent = journal_.recordIntent(*kind, studentHash_,
                                              newIdempotencyKey(*kind, studentHash_, order.id));
    if (!intent.maySend)
        return failed(Problem::OrderFailed, "already_sent", order);
    const auto& operation = intent.operation;
    logger_.info("withdrawal_sent", {{"kind", *kind}});
    try {
        if (!usos_.revokeMcard(order.id, stop)) {
            journal_.markFailed(operation.id, "usos_declined");
            return failed(Problem::OrderFailed, "usos_declined", order);
        }
    } catch (const UsosError& e) {
        if (!e.mayHaveReachedServer()) {
            journal_.markFailed(operation.id, platform::toString(e.kind()));
            if (cancelled(e))
                return stopped(order);
            return failed(problemOf(e), platform::toString(e.kind()), order);
        }
        journal_.markUnknown(operation.id, platform::toString(e.kind()));
        if (cancelled(e))
            return stopped(order);
    }
    McardOrder now;
    try {
        const auto mcard = readMcard(stop);
        const auto it = std::find_if(mcard.orders.begin(), mcard.orders.end(),
                                     [&](const McardOrder& o) { return o.id == order.id; });
        if (it == mcard.orders.end())
            return failed(Problem::OrderFailed, "order_not_found", order);
        now = *it;
    } catch (const UsosError& e) {
        if (cancelled(e))
            return stopped(order);
        return failed(Problem::ServiceUnavailable, platform::toString(e.kind()), order);
    }
    if (now.status != expected) {
        journal_.markFailed(operation.id, "not_applied");
        return failed(Problem::OrderFailed, "not_applied", now);
    }
    journal_.markConfirmed(operation.id, order.id);
    return WorkflowResult{done, now, Problem::None, std::nullopt, {}};
}

} // namespace els::kiosk
