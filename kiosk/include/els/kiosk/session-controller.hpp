#pragma once

#include "els/kiosk/screen-state.hpp"
#include "els/kiosk/session-engine.hpp"
#include "els/platform/config.hpp"
#include "els/platform/log.hpp"
#include "els/smartcard/card-monitor.hpp"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stop_token>
#include <string>

// The kiosk's state machine: card events and the student's taps in, ScreenStates out. All of it
// runs on the GUI thread; every blocking call (PC/SC, USOS) runs as a job on a worker, and its
// answer comes back as a queued call tagged with the job it belongs to, so the answer of a card
// that has since been removed is dropped.
namespace els::kiosk {

using Progress = std::function<void(const ScreenState&)>;

// One card, one student. Blocking; called on the worker only. Destroying it forgets the
// student (names, token, activation code).
class StudentSession {
public:
    virtual ~StudentSession() = default;
    // Reading → Problem / ConfirmOrder / ExistingOrder / Ready / ReaderMissing /
    // ServiceUnavailable.
    virtual ScreenState readAndCheck(const std::string& reader, const Progress& progress) = 0;
    // After ConfirmOrder: orders and follows it. Progress reports OrderInProgress states.
    virtual ScreenState order(std::stop_token stop, const Progress& progress) = 0;
    // Follows an existing order until ready, failed or the order deadline.
    virtual ScreenState poll(std::stop_token stop, const Progress& progress) = 0;
    // Cancel a pending order / revoke an issued one: Goodbye on success.
    virtual ScreenState cancel() = 0;
    virtual ScreenState revoke() = 0;
};

// Opens student sessions; created, used and destroyed on the worker.
class SessionBackend {
public:
    virtual ~SessionBackend() = default;
    virtual std::unique_ptr<StudentSession> open() = 0;
};
using BackendFactory = std::function<std::unique_ptr<SessionBackend>()>;

// Runs jobs one at a time, in order, off the GUI thread.
class JobQueue {
public:
    virtual ~JobQueue() = default;
    virtual void post(std::function<void()> job) = 0;
};

// A QThread with an event loop (UsosClient needs one). Destruction runs the jobs already
// posted, then joins.
class WorkerThread final : public JobQueue {
public:
    WorkerThread();
    ~WorkerThread() override;
    void post(std::function<void()> job) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

class SessionController : public QObject {
    Q_OBJECT

public:
    using Now = std::function<std::chrono::steady_clock::time_point()>;

    // `reader`: the configured reader, or empty for whichever reader gets a card.
    SessionController(std::unique_ptr<JobQueue> jobs, BackendFactory backend, std::string reader,
                      SessionTimings timings,
                      platform::log::Logger logger = platform::log::Logger{},
                      Now now = &std::chrono::steady_clock::now, QObject* parent = nullptr);
    ~SessionController() override;

    const ScreenState& state() const noexcept { return state_; }

public slots:
    // On the GUI thread; see monitorCards() for events from the monitor's thread.
    void onCardEvent(const els::smartcard::CardEvent& event);
    // The student's taps (ScreenModel's *Requested signals). Ignored where not offered.
    void requestOrder();
    void requestConfirm();
    void requestCancel();
    void requestRevoke();
    void requestDone();
    void requestBack();
    // Checks the deadlines against `now`; an internal timer calls it, tests call it directly.
    void tick();

signals:
    void stateChanged(const els::kiosk::ScreenState& state);

private:
    struct WorkerSide;
    enum class JobKind { Read, Retry, Order, Poll, Withdraw }; // Retry: a silent Read
    using Job = std::function<ScreenState(StudentSession&, std::stop_token, const Progress&)>;

    bool watches(const std::string& reader) const;
    bool readerUsable() const;
    Screen restingScreen() const;
    void show(ScreenState state);
    void startSession(const std::string& reader);
    void endSession(ScreenState next, platform::log::Code why);
    void run(JobKind kind, Job job);
    void stopJob();
    void onProgress(std::uint64_t job, ScreenState state);
    void onResult(std::uint64_t job, ScreenState result);
    void enterReady(ScreenState state);
    void toGoodbye(std::string orderStatus = {});
    void touch();
    bool cardIn() const;

    std::unique_ptr<JobQueue> jobs_;
    std::shared_ptr<WorkerSide> worker_;
    std::string configuredReader_;
    SessionTimings timings_;
    platform::log::Logger logger_;
    Now now_;
    QTimer ticker_;

    ScreenState state_;
    std::set<std::string> readers_;
    bool serviceUp_ = true;
    std::string sessionReader_; // empty: no session
    std::set<std::string> cardsIn_;
    bool busy_ = false;       // a job whose answer the screen waits for is running
    std::uint64_t jobId_ = 0; // answers of other jobs are dropped
    JobKind jobKind_ = JobKind::Read;
    std::stop_source stop_;
    std::optional<ScreenState> beforeConfirm_; // where Back returns to
    using TimePoint = std::chrono::steady_clock::time_point;
    std::optional<TimePoint> idleAt_, countdownEnd_, retryAt_, readerCheckAt_;
};

// Starts a CardMonitor whose events reach `controller` on its own thread. Destroy the monitor
// before the controller.
std::unique_ptr<smartcard::CardMonitor> monitorCards(SessionController& controller);

} // namespace els::kiosk
