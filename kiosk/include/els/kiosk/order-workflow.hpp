#pragma once

#include "els/kiosk/mcard-service.hpp"
#include "els/kiosk/screen-state.hpp"
#include "els/platform/journal.hpp"
#include "els/platform/log.hpp"
#include "els/platform/usos-types.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>

// Ordering, following, cancelling and revoking one student's mLegitymacja so that a lost
// answer, a server failure or a crash never loses or doubles an order. USOS is the source of
// truth; the journal remembers what we asked for until USOS confirms it.
namespace els::kiosk {

struct WorkflowSettings {
    std::chrono::milliseconds pollInitial{1000}; // first wait between status reads
    std::chrono::milliseconds pollMax{10000};    // back-off doubles up to this
    std::chrono::milliseconds deadline{600000};  // per operation, from its start
    // make_mcard_order is sent at most once per tap and never re-sent. When its answer was lost
    // (timeout, dropped connection, crash), USOS has *certainly not acted* only once a read of
    // services/cards/mcard made at least this long after the request was sent shows no active
    // order: longer than USOS may hold a request it received before applying it (request
    // timeout + the server's own queueing). Before that, the order is awaited, never re-sent.
    std::chrono::milliseconds settleAfter{60000};

    // settleAfter for a request timeout: the timeout plus four times it, at least 5 s more. A
    // server holding a request longer than that before applying it is taken as broken.
    static std::chrono::milliseconds settleAfterFor(std::chrono::milliseconds requestTimeout);
};

// Time for back-off and deadlines, behind an interface so tests need not wait.
class Pacer {
public:
    virtual ~Pacer() = default;
    virtual std::chrono::steady_clock::time_point now() const = 0;
    // False when `stop` was requested before the time passed (e.g. the card was removed).
    virtual bool sleepFor(std::chrono::milliseconds duration, std::stop_token stop) = 0;
};

class SteadyPacer final : public Pacer {
public:
    std::chrono::steady_clock::time_point now() const override;
    bool sleepFor(std::chrono::milliseconds duration, std::stop_token stop) override;

private:
    std::mutex mutex_;
    std::condition_variable_any wakeUp_;
};

enum class WorkflowOutcome {
    Ready,      // token and activation code issued
    InProgress, // the deadline passed before the order was ready
    Cancelled,
    Revoked,
    Refused, // USOS's why_cannot_order (usosReason)
    Failed,  // problem: ServiceUnavailable (USOS unreachable) or OrderFailed
    Stopped, // the stop token fired
};

const char* toString(WorkflowOutcome outcome) noexcept;

struct WorkflowResult {
    WorkflowOutcome outcome = WorkflowOutcome::Failed;
    std::optional<platform::McardOrder> order; // the latest known state of the order
    Problem problem = Problem::None;
    std::optional<platform::LangText> usosReason;
    std::string errorCode; // a code for logs and the journal, never free text
};

using OrderProgress = std::function<void(const platform::McardOrder&)>;
// Whether one more order may be placed, given the order list the request would rest on (the
// revoke-and-reorder limit, clone-policy.hpp); false refuses with Problem::ReorderLimit.
using OrderGate = std::function<bool(const platform::McardInfo&)>;

// --- pure decisions (unit-tested) ---

// What an open journal operation turns into, given USOS's current view.
struct Reconciliation {
    bool confirmed = false;  // else: failed, USOS did not do it (unless unsettled)
    bool unsettled = false;  // a sent order USOS may still apply: leave it open, send nothing
    std::string usosOrderId; // with confirmed
    std::string code;        // why failed
};
// `now` is the journal clock's time of the mcard read; see WorkflowSettings::settleAfter.
Reconciliation reconcileOperation(const platform::Operation& operation,
                                  const platform::McardInfo& mcard, platform::Clock::TimePoint now,
                                  std::chrono::milliseconds settleAfter);

// Cancel for pending/in-progress, revoke for ready/received, nothing otherwise.
std::optional<platform::OperationKind> withdrawalKind(platform::McardStatus status);

std::chrono::milliseconds nextPollDelay(std::chrono::milliseconds current,
                                        const WorkflowSettings& settings);

// "order.<16 hex of the student hash>.<16 hex random>", and for cancel/revoke the order id
// before the random part, so that recovery knows which order was meant.
std::string newIdempotencyKey(platform::OperationKind kind, std::string_view studentHash,
                              std::string_view orderId = {});
std::optional<std::string> orderIdOfKey(std::string_view idempotencyKey);

// --- the workflow for one student ---

class OrderWorkflow {
public:
    OrderWorkflow(McardService& usos, platform::Journal& journal, const platform::Clock& clock,
                  std::string studentHash, WorkflowSettings settings, Pacer& pacer,
                  platform::log::Logger logger = platform::log::Logger{});

    // Settles every open journal operation of this student against `mcard` (crash recovery).
    // Returns whether an order sent earlier may still be applied by USOS (see settleAfter).
    bool settle(const platform::McardInfo& mcard);
    // Reads services/cards/mcard (with full order records where the list lacks a status), then
    // settle(). Throws platform::UsosError when USOS cannot be read: nothing may be decided.
    platform::McardInfo reconcile(std::stop_token stop);

    // Sends make_mcard_order at most once and follows the order to ready or the deadline.
    // Reconciles first (against `known`, the check's read of services/cards/mcard, when given;
    // else it reads USOS); an active order in USOS is followed, never doubled; an order whose
    // answer was lost is awaited by reading USOS with back-off, never re-sent.
    // `mayOrder`, when set, is asked right before the request is recorded and sent.
    WorkflowResult placeOrder(std::stop_token stop, const OrderProgress& progress = {},
                              const platform::McardInfo* known = nullptr,
                              const OrderGate& mayOrder = {});

    // Polls an existing order with back-off until ready, failed or the deadline.
    WorkflowResult follow(const platform::McardOrder& known, std::stop_token stop,
                          const OrderProgress& progress = {});

    // Cancels a pending/in-progress order or revokes a ready/received one (revoke_mcard).
    WorkflowResult withdraw(const platform::McardOrder& order, std::stop_token stop);

private:
    platform::McardInfo readMcard(std::stop_token stop);
    // After a lost answer (or with an unsettled order from before): reads USOS with back-off
    // until the order shows up (then follows it) or the deadline passes. With `untilSettled`,
    // nullopt once no sent order can still land and none is active: the caller may order.
    std::optional<WorkflowResult> awaitOrder(std::chrono::steady_clock::time_point deadline,
                                             std::stop_token stop, const OrderProgress& progress,
                                             std::string code, bool untilSettled);
    WorkflowResult followUntil(platform::McardOrder order,
                               std::chrono::steady_clock::time_point deadline, std::stop_token stop,
                               const OrderProgress& progress);

    McardService& usos_;
    platform::Journal& journal_;
    const platform::Clock& clock_;
    std::string studentHash_;
    WorkflowSettings settings_;
    Pacer& pacer_;
    platform::log::Logger logger_;
};

} // namespace els::kiosk
