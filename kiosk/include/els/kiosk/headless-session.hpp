#pragma once

#include "els/kiosk/eligibility.hpp"
#include "els/kiosk/order-workflow.hpp"
#include "els/kiosk/screen-state.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/journal.hpp"
#include "els/platform/log.hpp"
#include "els/platform/usos-client.hpp"
#include "els/smartcard/verify.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

// One session for one inserted card, without a screen: read, verify, check, decide, then
// order / follow / cancel / revoke. Every step reports a ScreenState, so `kioskctl session`
// prints it and the GUI's state machine can show it. Blocking: run it on a worker thread (the
// UsosClient it uses must live on that thread). Destroying the session forgets the student.
namespace els::kiosk {

// What a session needs from the kiosk around it; every reference must outlive the session.
struct SessionEnvironment {
    const smartcard::TrustStore& anchors;
    platform::UsosClient& usos;
    platform::Journal& journal;
    const platform::Clock& clock; // "now" for the chain, "today" in Europe/Warsaw
    Pacer& pacer;
    std::string lookupMethod = "services/users/search2";
    WorkflowSettings workflow;
    platform::log::Logger logger;
    std::optional<std::chrono::year_month_day> today; // overrides the clock's date (tests)
};

enum class SessionAction { Order, Cancel, Revoke };

enum class SessionOutcome {
    Ready,      // QR token and activation code in `order`
    InProgress, // the deadline passed; the order exists and will be ready later
    Refused,    // the student cannot order: problem + reason
    Cancelled,
    Revoked,
    Declined, // the student did not confirm; nothing was sent
    Stopped,  // the stop token fired (card removed, kiosk shutting down, Ctrl-C): nothing more
              // was sent; an order already placed stays in USOS and the journal
    Error,    // problem says what (card removed, reader missing, USOS unavailable, ...)
};

const char* toString(SessionOutcome outcome) noexcept; // "ready", "in_progress", ...

struct SessionResult {
    SessionOutcome outcome = SessionOutcome::Error;
    Problem problem = Problem::None;
    LocalizedText reason; // with Refused and Error; USOS's own words for UsosRefused
    std::optional<platform::McardOrder> order;
};

using ProgressCallback = std::function<void(const ScreenState&)>;
// Asked with the ConfirmOrder / ConfirmCancel / ConfirmRevoke screen; true = go ahead.
using ConfirmCallback = std::function<bool(const ScreenState&)>;

class HeadlessSession {
public:
    explicit HeadlessSession(SessionEnvironment environment, ProgressCallback progress = {});
    ~HeadlessSession();
    HeadlessSession(const HeadlessSession&) = delete;
    HeadlessSession& operator=(const HeadlessSession&) = delete;

    // Step 1. Reads and verifies the card in `reader` (one PC/SC transaction), then inspects it.
    const ScreenState& inspect(const std::string& reader);
    // Step 1 for a card read elsewhere (the GUI's card monitor). Checks the chip, asks USOS,
    // settles open journal operations of this student and decides. The state is then
    // Problem / ReaderMissing / ServiceUnavailable (the session is over: see result()),
    // ConfirmOrder, ExistingOrder (an order not yet ready) or Ready (an issued order).
    const ScreenState& inspect(const smartcard::VerifiedEls& card);

    // Step 2, each after the matching state; each ends the session with a result.
    SessionResult order(std::stop_token stop);  // after ConfirmOrder
    SessionResult follow(std::stop_token stop); // after ExistingOrder or Ready
    SessionResult withdraw();                   // cancel or revoke the active order

    // The whole session for the CLI: inspect, then the action (asking `confirm` first). A stop
    // requested while inspecting or asking ends it as Stopped before anything is sent.
    SessionResult run(const std::string& reader, SessionAction action,
                      const ConfirmCallback& confirm, std::stop_token stop);

    const ScreenState& state() const noexcept { return state_; }
    // Set once the session is over (after inspect refused or failed, or after step 2).
    const std::optional<SessionResult>& result() const noexcept { return result_; }
    // HTTPS requests made to USOS by this session so far.
    std::uint64_t usosRequests() const noexcept;

private:
    struct Student;

    void show(ScreenState state);
    SessionResult finish(SessionResult result);
    SessionResult fail(Problem problem);
    SessionResult fromWorkflow(const WorkflowResult& result);
    void showOrder(const platform::McardOrder& order, Screen screen);

    SessionEnvironment env_;
    ProgressCallback progress_;
    ScreenState state_;
    std::optional<SessionResult> result_;
    std::unique_ptr<Student> student_;
    std::uint64_t requestsAtStart_;
};

} // namespace els::kiosk
