#pragma once

#include "els/kiosk/session-engine.hpp"
#include "els/kiosk/student-service.hpp"
#include "els/platform/log.hpp"
#include "els/smartcard/card-monitor.hpp"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <functional>
#include <memory>

// The kiosk screen's side of the session engine: card events, taps and ticks go into the engine
// on the GUI thread; its commands become jobs on one worker thread (PC/SC, USOS), whose results
// come back as queued events tagged with their job, so an ended session's late answers are
// dropped by the engine. A job owns what it uses (the shared Backend and StudentFile); nothing
// it touches is destroyed under it.
namespace els::kiosk {

class SessionDriver : public QObject {
    Q_OBJECT

public:
    using Now = std::function<TimePoint()>;
    // Builds the backend on the worker, at once (the idle screen is already up). Throws
    // BackendFailure (or anything else: "backend_failed") for the out-of-service screen.
    using BackendFactory = std::function<std::shared_ptr<Backend>()>;
    // Runs one job of the engine on the worker; the default is StudentService::run. Tests
    // script it.
    using JobRunner =
        std::function<StudentResult(Backend*, JobKind, StudentFile&, const std::string& reader,
                                    std::stop_token, const Report&)>;

    SessionDriver(BackendFactory backend, EngineSettings settings,
                  platform::log::Logger logger = platform::log::Logger{}, Now now = &Clock::now,
                  JobRunner runner = {}, QObject* parent = nullptr);
    // Stops the running job, then joins the worker (which destroys the backend it built).
    ~SessionDriver() override;

    const ScreenState& state() const noexcept { return engine_.screen(); }

public slots:
    void onCardEvent(const els::smartcard::CardEvent& event);
    void requestOrder();
    void requestConfirm();
    void requestCancel();
    void requestRevoke();
    void requestDone();
    void requestBack();
    void requestMoreTime();
    // Checks the deadlines against `now`; an internal timer calls it, tests call it directly.
    void tick();
    // The configuration could not even be read: nothing to build.
    void outOfService(platform::log::Code code);

signals:
    void stateChanged(const els::kiosk::ScreenState& state);

private:
    struct Worker;
    struct Inbox;

    void handle(const Event& event);
    void execute(const Command& command);

    EngineSettings settings_;
    platform::log::Logger logger_;
    Now now_;
    SessionEngine engine_;
    JobRunner runner_;
    std::shared_ptr<Inbox> inbox_;
    std::unique_ptr<Worker> worker_;
    QTimer ticker_;
};

// Starts a CardMonitor whose events reach `driver` on its thread. Destroy the monitor first.
std::unique_ptr<smartcard::CardMonitor> monitorCards(SessionDriver& driver);

} // namespace els::kiosk
