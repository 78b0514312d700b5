#include "els/kiosk/session-driver.hpp"

#include <QMetaObject>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace els::kiosk {

using namespace std::chrono_literals;

// Where the worker's results go: the driver while it lives, nowhere after. Shared by every job,
// so a job finishing after the driver is gone posts into a closed box instead of a dead object.
struct SessionDriver::Inbox {
    std::mutex mutex;
    SessionDriver* target = nullptr;

    template <typename E> void post(E event) {
        const std::lock_guard lock(mutex);
        if (!target)
            return;
        SessionDriver* driver = target;
        // Qt drops calls queued to an object destroyed before they run.
        QMetaObject::invokeMethod(
            driver, [driver, event = std::move(event)] { driver->handle(Event(event)); },
            Qt::QueuedConnection);
    }
    void close() {
        const std::lock_guard lock(mutex);
        target = nullptr;
    }
};

// One thread running the jobs in order. What the jobs share (backend, student file) is touched
// only on that thread; the GUI thread only posts jobs and stops them.
struct SessionDriver::Worker {
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::function<void()>> jobs;
    bool quitting = false;

    // Worker thread only.
    bool built = false;
    std::shared_ptr<Backend> backend;
    std::shared_ptr<StudentFile> file;

    // The backend for warm-ups from the GUI thread (UsosClient::warmUp never blocks).
    std::mutex publishedMutex;
    std::shared_ptr<Backend> published;

    // GUI thread only: the stop source of every job not yet finished.
    std::map<JobId, std::stop_source> stops;

    std::thread thread;

    Worker() : thread([this] { loop(); }) {}
    ~Worker() {
        {
            const std::lock_guard lock(mutex);
            quitting = true;
            jobs.clear(); // not started: their sessions are over
        }
        wake.notify_one();
        thread.join();
    }

    void post(std::function<void()> job) {
        {
            const std::lock_guard lock(mutex);
            jobs.push_back(std::move(job));
        }
        wake.notify_one();
    }

    void loop() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return quitting || !jobs.empty(); });
                if (quitting)
                    break;
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            job();
        }
        // The USOS client is destroyed on the thread that built it.
        {
            const std::lock_guard lock(publishedMutex);
            published.reset();
        }
        file.reset();
        backend.reset();
    }

    void warmUp() {
        const std::lock_guard lock(publishedMutex);
        if (published)
            published->usos().warmUp();
    }
};

SessionDriver::SessionDriver(BackendFactory backend, EngineSettings settings,
                             platform::log::Logger logger, Now now, JobRunner runner,
                             QObject* parent)
    : QObject(parent), settings_(std::move(settings)), logger_(std::move(logger)),
      now_(std::move(now)), engine_(settings_, now_(), logger_), inbox_(std::make_shared<Inbox>()),
      worker_(std::make_unique<Worker>()) {
    inbox_->target = this;
    if (!runner)
        runner = [](Backend* built, JobKind kind, StudentFile& file, const std::string& reader,
                    std::stop_token stop, const Report& report) {
            if (!built) {
                StudentResult internal;
                internal.problem = Problem::Internal;
                return internal;
            }
            return StudentService(*built).run(kind, file, reader, stop, report);
        };
    worker_->post([w = worker_.get(), inbox = inbox_, factory = std::move(backend),
                   logger = logger_]() mutable {
        try {
            w->backend = factory ? factory() : nullptr;
            w->built = true;
            if (w->backend) {
                {
                    const std::lock_guard lock(w->publishedMutex);
                    w->published = w->backend;
                }
                w->backend->usos().warmUp(); // the first student finds the connection open
            }
            inbox->post(event::BackendReady{});
        } catch (const BackendFailure& e) {
            inbox->post(event::BackendUnavailable{e.code()});
        } catch (const std::exception&) {
            inbox->post(event::BackendUnavailable{"backend_failed"});
        }
    });
    // Jobs hold the runner by value: nothing of the driver is needed to finish one.
    runner_ = std::move(runner);
    ticker_.setInterval(250ms);
    connect(&ticker_, &QTimer::timeout, this, &SessionDriver::tick);
    ticker_.start();
}

SessionDriver::~SessionDriver() {
    inbox_->close();
    for (auto& [job, stop] : worker_->stops)
        stop.request_stop();
    worker_.reset(); // joins: the running job ends at its next check of the token
}

void SessionDriver::handle(const Event& event) {
    if (const auto* update = std::get_if<event::JobUpdate>(&event);
        update && update->result.isFinal())
        worker_->stops.erase(update->job);
    const auto transition = engine_.handle(event, now_());
    for (const auto& command : transition.commands)
        execute(command);
    if (transition.screenChanged)
        emit stateChanged(engine_.screen());
}

void SessionDriver::execute(const Command& command) {
    switch (command.type) {
    case Command::Type::StartJob: {
        std::stop_source source;
        worker_->stops[command.job] = source;
        worker_->post([w = worker_.get(), inbox = inbox_, runner = runner_, command,
                       stop = source.get_token()] {
            if (stop.stop_requested())
                return; // stopped before it began
            if (!w->built) {
                StudentResult internal;
                internal.problem = Problem::Internal;
                inbox->post(event::JobUpdate{command.job, std::move(internal)});
                return;
            }
            if (command.kind == JobKind::Check || !w->file)
                w->file = std::make_shared<StudentFile>();
            const auto file = w->file; // the job's own share
            const Report report = [inbox, job = command.job](const StudentResult& update) {
                inbox->post(event::JobUpdate{job, update});
            };
            auto result =
                runner(w->backend.get(), command.kind, *file, command.reader, stop, report);
            inbox->post(event::JobUpdate{command.job, std::move(result)});
        });
        return;
    }
    case Command::Type::StopJob:
        if (const auto it = worker_->stops.find(command.job); it != worker_->stops.end()) {
            it->second.request_stop();
            worker_->stops.erase(it);
        }
        return;
    case Command::Type::ForgetStudent:
        worker_->post([w = worker_.get()] { w->file.reset(); });
        return;
    case Command::Type::WarmUp:
        worker_->warmUp();
        return;
    }
}

void SessionDriver::onCardEvent(const smartcard::CardEvent& event) {
    using Type = smartcard::CardEvent::Type;
    logger_.info("card_event", {{"type", event.type}});
    switch (event.type) {
    case Type::ReaderAdded:
        handle(event::ReaderAdded{event.reader});
        return;
    case Type::ReaderRemoved:
        handle(event::ReaderRemoved{event.reader});
        return;
    case Type::ServiceLost:
        handle(event::ServiceLost{});
        return;
    case Type::ServiceBack:
        handle(event::ServiceBack{});
        return;
    case Type::CardInserted:
        handle(event::CardInserted{event.reader});
        return;
    case Type::CardRemoved:
        handle(event::CardRemoved{event.reader});
        return;
    }
}

void SessionDriver::requestOrder() {
    handle(event::StudentTap{event::Tap::Order});
}
void SessionDriver::requestConfirm() {
    handle(event::StudentTap{event::Tap::Confirm});
}
void SessionDriver::requestCancel() {
    handle(event::StudentTap{event::Tap::Cancel});
}
void SessionDriver::requestRevoke() {
    handle(event::StudentTap{event::Tap::Revoke});
}
void SessionDriver::requestDone() {
    handle(event::StudentTap{event::Tap::Done});
}
void SessionDriver::requestBack() {
    handle(event::StudentTap{event::Tap::Back});
}
void SessionDriver::requestMoreTime() {
    handle(event::StudentTap{event::Tap::MoreTime});
}
void SessionDriver::tick() {
    // Between students a server's keep-alive timeout (~5 s) closes the USOS connections, and the
    // warm-up at card-in cannot hide a new TCP + TLS handshake (two round trips) behind a chip
    // read of a few ms: the first student after a pause would wait for it. So the connections
    // are kept open while no student is there; warmUp() does nothing more often than once per
    // UsosClientSettings::warmFreshFor (3 s), and an open connection takes it without a new
    // handshake or any byte.
    if (!engine_.hasSession())
        worker_->warmUp();
    handle(event::Tick{});
}
void SessionDriver::outOfService(platform::log::Code code) {
    handle(event::BackendUnavailable{std::string(code.text())});
}

std::unique_ptr<smartcard::CardMonitor> monitorCards(SessionDriver& driver) {
    return std::make_unique<smartcard::CardMonitor>([&driver](const smartcard::CardEvent& event) {
        QMetaObject::invokeMethod(
            &driver, [&driver, event] { driver.onCardEvent(event); }, Qt::QueuedConnection);
    });
}

} // namespace els::kiosk
