#pragma once

#include "els/kiosk/screen-state.hpp"
#include "els/platform/config.hpp"
#include "els/platform/log.hpp"
#include "els/platform/usos-types.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

// The kiosk's one session state machine: (state, event, now) → (screen, commands). No Qt, no
// threads, no I/O: the GUI adapter and `kioskctl session` feed it events (cards, taps, job
// results, ticks) and carry out the commands it returns (start a job, stop one, warm the USOS
// connection). Every decision about what a student sees and may do is made here, once.
namespace els::kiosk {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using JobId = std::uint64_t;

// "idle", "ready", ...: logs and screenshot names.
const char* toString(Screen screen) noexcept;

struct SessionTimings {
    std::chrono::seconds idleTimeout{60};  // no tap and no new state: back to Idle
    std::chrono::seconds readyScreen{120}; // the QR screen's countdown (and one "more time")
    std::chrono::seconds removalGrace{5};  // QR stays this long after the card is taken out
    std::chrono::seconds goodbye{5};       // "take your card" before Idle
    std::chrono::seconds serviceRetry{10}; // USOS down: ask again while the card is in
    std::chrono::seconds readerWait{3};    // at start: no reader reported by then = ReaderMissing
    std::chrono::seconds warning{20};      // a timed screen warns this long before it ends
    std::chrono::seconds orderNotice{30};  // OrderSent's countdown
    std::chrono::seconds cardAlert{20};    // TakeCard: the first "card still in" alert after
    std::chrono::seconds cardAlertRepeat{10}; // ... and again every

    static SessionTimings fromConfig(const platform::TimingConfig& timing);
};

struct EngineSettings {
    std::string reader; // the configured reader; empty = whichever reader gets a card
    SessionTimings timings;
};

// --- what the student service reports (domain results, tagged by job) ---

enum class StudentOutcome {
    MayOrder,   // check: the student may order (firstName set)
    HasOrder,   // check: an active order exists (order set)
    Refused,    // check or order: problem (+ reason for UsosRefused)
    Progress,   // order/follow: the order's current state; the job goes on
    Ready,      // order/follow: token and activation code issued
    InProgress, // order/follow: the deadline passed; the order exists
    Cancelled,  // withdraw
    Revoked,    // withdraw
    Failed,     // problem: CardRemoved, ReaderMissing, ServiceUnavailable, OrderFailed, ...
    Stopped,    // the job's stop token fired; nothing to show
};

const char* toString(StudentOutcome outcome) noexcept;

struct StudentResult {
    StudentOutcome outcome = StudentOutcome::Failed;
    Problem problem = Problem::None;
    LocalizedText reason; // USOS's own words with UsosRefused
    std::string firstName;
    std::optional<platform::McardOrder> order;
    // Set when an issued order's activation code is not shown (clone policy): where it went
    // ("sent to j***@…") or why it is missing. The order then carries no distributionPass.
    LocalizedText codeNote;

    bool isFinal() const noexcept { return outcome != StudentOutcome::Progress; }
};

// --- events ---

namespace event {
struct CardInserted {
    std::string reader;
};
struct CardRemoved {
    std::string reader;
};
struct ReaderAdded {
    std::string reader;
};
struct ReaderRemoved {
    std::string reader;
};
struct ServiceLost {}; // pcscd went away: every reader and card is gone
struct ServiceBack {}; // the readers follow as ReaderAdded
enum class Tap { Order, Confirm, Cancel, Revoke, Done, Back, MoreTime };
const char* toString(Tap tap) noexcept; // "order", "more_time", ...: logs
struct StudentTap {
    Tap tap;
};
struct JobUpdate {
    JobId job = 0;
    StudentResult result;
};
struct Tick {};
struct BackendReady {};
// The configuration or a secret is broken: nothing a student can fix. `code` is a stable error
// code for the technician (shown and logged), never free text.
struct BackendUnavailable {
    std::string code;
};
} // namespace event

using Event =
    std::variant<event::CardInserted, event::CardRemoved, event::ReaderAdded, event::ReaderRemoved,
                 event::ServiceLost, event::ServiceBack, event::StudentTap, event::JobUpdate,
                 event::Tick, event::BackendReady, event::BackendUnavailable>;

// --- commands ---

enum class JobKind { Check, Order, Follow, Cancel, Revoke };
const char* toString(JobKind kind) noexcept;

// What the engine asks its driver to do. A plain struct rather than a variant: most fields
// belong to StartJob, and the driver switches on `type` anyway.
struct Command {
    enum class Type {
        // Start a job; its updates come back as JobUpdate{job}. Check reads the card in
        // `reader` and opens a new student file (forgetting the previous one); the other kinds
        // act on that file.
        StartJob,
        // Stop `job`: its token fires (any later update of it is dropped here anyway).
        StopJob,
        // The session is over: forget the student (names, order, token) wherever held.
        ForgetStudent,
        // Open or refresh the USOS connection now (a card was detected; the chip read overlaps
        // the TLS handshake).
        WarmUp,
    };
    Type type = Type::WarmUp;
    JobId job = 0;
    JobKind kind = JobKind::Check;
    std::string reader;

    bool operator==(const Command&) const = default;
};

struct Transition {
    ScreenState screen;
    std::vector<Command> commands;
    bool screenChanged = false; // anything in `screen` differs from before the event
};

class SessionEngine {
public:
    SessionEngine(EngineSettings settings, TimePoint now,
                  platform::log::Logger logger = platform::log::Logger{});

    Transition handle(const Event& event, TimePoint now);

    const ScreenState& screen() const noexcept { return state_; }
    // The job whose updates are listened to, if any.
    std::optional<JobId> runningJob() const noexcept {
        return job_ ? std::optional(job_->id) : std::nullopt;
    }
    bool hasSession() const noexcept { return !sessionReader_.empty(); }

private:
    struct Running {
        JobId id = 0;
        JobKind kind = JobKind::Check;
    };

    void on(const event::CardInserted& e);
    void on(const event::CardRemoved& e);
    void on(const event::ReaderAdded& e);
    void on(const event::ReaderRemoved& e);
    void on(const event::ServiceLost& e);
    void on(const event::ServiceBack& e);
    void on(const event::StudentTap& e);
    void on(const event::JobUpdate& e);
    void on(const event::Tick& e);
    void on(const event::BackendReady& e);
    void on(const event::BackendUnavailable& e);
    void finished(const StudentResult& result, JobKind kind);

    bool watches(const std::string& reader) const;
    bool readerUsable() const;
    bool cardIn() const;
    Screen restingScreen() const;
    ScreenState resting() const;
    // Where an ended session leaves the screen: TakeCard while a card is in, else resting().
    ScreenState afterSession() const;
    // The status to tell on OrderSent when the session ends now; nullopt: no order to tell of.
    // Empty: an order request went out but its fate is unknown.
    std::optional<std::string> pendingOrder() const;
    bool warns(const ScreenState& state) const;
    Offer offerFor(const ScreenState& state) const;

    void show(ScreenState next);
    void start(JobKind kind);
    void stopJob();
    void startSession(const std::string& reader);
    void endSession(ScreenState next, platform::log::Code why,
                    std::optional<std::chrono::seconds> countdown = std::nullopt);
    void toOrderSent(std::string status, platform::log::Code why);
    void showIssued(const platform::McardOrder& order, const LocalizedText& codeNote);
    void showOrder(const platform::McardOrder& order, Screen screen);
    void enterReady(const platform::McardOrder& order, const LocalizedText& codeNote);
    bool orderOnScreen() const;
    void toGoodbye(std::string orderStatus = {});
    void touch();
    void startCountdown(std::chrono::seconds length);

    EngineSettings settings_;
    platform::log::Logger logger_;
    TimePoint now_;

    ScreenState state_;
    std::vector<Command> out_;

    enum class Backend { Starting, Ready, Broken };
    Backend backend_ = Backend::Starting;
    std::set<std::string> readers_;
    std::set<std::string> cardsIn_;
    bool serviceUp_ = true;
    std::string sessionReader_; // empty: no session
    bool orderShown_ = false;   // a real order (from USOS) is on screen, not just "pending…"
    bool orderSent_ = false;    // an Order job started in this session: a request may be out
    std::optional<Running> job_;
    JobId lastJob_ = 0;
    std::optional<ScreenState> beforeConfirm_; // where Back returns to
    std::optional<TimePoint> idleAt_, countdownEnd_, retryAt_, readerCheckAt_, takeCardSince_;
    std::chrono::seconds countdownLength_{0}; // what "more time" restarts a countdown with
};

} // namespace els::kiosk
