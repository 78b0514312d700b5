#include "els/kiosk/session-controller.hpp"

#include "els/kiosk/session-engine.hpp"

#include <QMetaObject>
#include <QThread>
#include <exception>

namespace els::kiosk {

using namespace std::chrono_literals;

// --- WorkerThread ---

struct WorkerThread::Impl {
    QThread thread;
    QObject context; // lives on `thread`: queued calls to it run there
};

WorkerThread::WorkerThread() : impl_(std::make_unique<Impl>()) {
    impl_->thread.setObjectName(QStringLiteral("session-worker"));
    impl_->context.moveToThread(&impl_->thread);
    impl_->thread.start();
}

WorkerThread::~WorkerThread() {
    // Queued after every job already posted, so those still run (and free what they hold).
    QThread* thread = &impl_->thread;
    post([thread] { thread->quit(); });
    impl_->thread.wait();
}

void WorkerThread::post(std::function<void()> job) {
    QMetaObject::invokeMethod(&impl_->context, std::move(job), Qt::QueuedConnection);
}

// --- SessionController ---

// Touched only by jobs, i.e. on the worker.
struct SessionController::WorkerSide {
    BackendFactory factory;
    std::unique_ptr<SessionBackend> backend;
    std::unique_ptr<StudentSession> session; // the one per-student object
};

namespace {

ScreenState onScreen(Screen screen, Problem problem = Problem::None) {
    ScreenState state;
    state.screen = screen;
    state.problem = problem;
    return state;
}

int secondsUntil(std::chrono::steady_clock::time_point end,
                 std::chrono::steady_clock::time_point now) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(end - now).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

} // namespace

SessionController::SessionController(std::unique_ptr<JobQueue> jobs, BackendFactory backend,
                                     std::string reader, SessionTimings timings,
                                     platform::log::Logger logger, Now now, QObject* parent)
    : QObject(parent), jobs_(std::move(jobs)), worker_(std::make_shared<WorkerSide>()),
      configuredReader_(std::move(reader)), timings_(timings), logger_(std::move(logger)),
      now_(std::move(now)) {
    worker_->factory = std::move(backend);
    readerCheckAt_ = now_() + timings_.readerWait;
    ticker_.setInterval(250ms);
    connect(&ticker_, &QTimer::timeout, this, &SessionController::tick);
    ticker_.start();
}

SessionController::~SessionController() {
    stopJob();
    jobs_->post([worker = worker_] {
        worker->session.reset();
        worker->backend.reset();
    });
    jobs_.reset(); // joins the worker; its late answers die with this object's event queue
}

bool SessionController::watches(const std::string& reader) const {
    return configuredReader_.empty() || reader == configuredReader_;
}

bool SessionController::readerUsable() const {
    if (!serviceUp_)
        return false;
    return configuredReader_.empty() ? !readers_.empty() : readers_.contains(configuredReader_);
}

Screen SessionController::restingScreen() const {
    return readerUsable() ? Screen::Idle : Screen::ReaderMissing;
}

bool SessionController::cardIn() const {
    return !sessionReader_.empty() && cardsIn_.contains(sessionReader_);
}

void SessionController::touch() {
    idleAt_ = now_() + timings_.idleTimeout;
}

void SessionController::show(ScreenState state) {
    if (state.screen != state_.screen)
        logger_.info("screen", {{"screen", state.screen}});
    // Only a change counts as activity: a retry that finds USOS still down keeps no one waiting.
    if (state != state_)
        touch();
    state_ = std::move(state);
    emit stateChanged(state_);
}

void SessionController::stopJob() {
    stop_.request_stop();
    ++jobId_;
    busy_ = false;
}

void SessionController::run(JobKind kind, Job job) {
    stopJob();
    stop_ = std::stop_source{};
    const auto id = jobId_;
    jobKind_ = kind;
    busy_ = true;
    // A raw `this` is safe: the destructor joins the worker before the object goes, and Qt
    // drops calls queued to an object that no longer exists.
    jobs_->post([this, worker = worker_, job = std::move(job), kind, id, stop = stop_.get_token()] {
        const Progress progress = [this, id](const ScreenState& state) {
            QMetaObject::invokeMethod(
                this, [this, id, state] { onProgress(id, state); }, Qt::QueuedConnection);
        };
        ScreenState result;
        try {
            if (!worker->backend)
                worker->backend = worker->factory();
            if (kind == JobKind::Read || kind == JobKind::Retry)
                worker->session = worker->backend->open();
            result = worker->session ? job(*worker->session, stop, progress)
                                     : onScreen(Screen::Problem, Problem::Internal);
        } catch (const std::exception&) {
            // The backend maps the world's failures to Problems; anything else is a bug.
            result = onScreen(Screen::Problem, Problem::Internal);
        }
        QMetaObject::invokeMethod(
            this, [this, id, result] { onResult(id, result); }, Qt::QueuedConnection);
    });
}

void SessionController::onProgress(std::uint64_t job, ScreenState state) {
    if (job != jobId_ || jobKind_ == JobKind::Retry)
        return; // stale, stopped or silent
    if (jobKind_ == JobKind::Poll && state_.screen == Screen::ExistingOrder &&
        state.screen == Screen::OrderInProgress)
        state.screen = Screen::ExistingOrder;
    if (state.screen == Screen::Ready) {
        enterReady(std::move(state)); // the QR's first frame already shows its countdown
        return;
    }
    show(std::move(state));
}

void SessionController::onResult(std::uint64_t job, ScreenState result) {
    if (job != jobId_)
        return;
    busy_ = false;
    const auto kind = jobKind_;
    switch (result.screen) {
    case Screen::Ready:
        enterReady(std::move(result));
        return;
    case Screen::Goodbye:
        toGoodbye(result.orderStatus);
        return;
    case Screen::OrderInProgress:
        // Polling ended at the order deadline: the order exists and will be ready later.
        result.screen = Screen::ExistingOrder;
        show(std::move(result));
        return;
    case Screen::ExistingOrder:
        show(std::move(result));
        if (kind == JobKind::Read || kind == JobKind::Retry)
            run(JobKind::Poll, [](StudentSession& s, std::stop_token stop, const Progress& p) {
                return s.poll(stop, p);
            });
        return;
    case Screen::ServiceUnavailable:
        retryAt_ = now_() + timings_.serviceRetry;
        show(std::move(result));
        return;
    default:
        show(std::move(result));
        return;
    }
}

void SessionController::startSession(const std::string& reader) {
    if (!sessionReader_.empty()) {
        endSession(onScreen(Screen::Reading), "new_card");
    } else {
        show(onScreen(Screen::Reading));
    }
    sessionReader_ = reader;
    logger_.info("session_started");
    run(JobKind::Read, [reader](StudentSession& s, std::stop_token, const Progress& p) {
        return s.readAndCheck(reader, p);
    });
}

void SessionController::endSession(ScreenState next, platform::log::Code why) {
    stopJob();
    if (!sessionReader_.empty()) {
        logger_.info("session_ended", {{"why", why}});
        // Queued behind a job that may still run; it stops at its next check of the token.
        jobs_->post([worker = worker_] { worker->session.reset(); });
    }
    sessionReader_.clear();
    beforeConfirm_.reset();
    countdownEnd_.reset();
    retryAt_.reset();
    show(std::move(next));
}

void SessionController::enterReady(ScreenState state) {
    // A session reports Ready twice, as progress and then as its result: the countdown starts at
    // the first, and a removal grace begun in between must not turn back into the full time.
    const auto now = now_();
    if (state_.screen != Screen::Ready || !countdownEnd_)
        countdownEnd_ = now + timings_.readyScreen;
    state.screen = Screen::Ready;
    state.secondsLeft = secondsUntil(*countdownEnd_, now);
    show(std::move(state));
}

void SessionController::toGoodbye(std::string orderStatus) {
    ScreenState goodbye = onScreen(Screen::Goodbye);
    goodbye.orderStatus = std::move(orderStatus); // "cancelled" / "revoked": nothing personal
    goodbye.secondsLeft = static_cast<int>(timings_.goodbye.count());
    endSession(std::move(goodbye), "done");
    countdownEnd_ = now_() + timings_.goodbye;
}

void SessionController::onCardEvent(const smartcard::CardEvent& event) {
    using Type = smartcard::CardEvent::Type;
    logger_.info("card_event", {{"type", event.type}});
    switch (event.type) {
    case Type::ReaderAdded:
        readers_.insert(event.reader);
        if (state_.screen == Screen::ReaderMissing && sessionReader_.empty() && readerUsable())
            show(onScreen(Screen::Idle));
        return;
    case Type::ReaderRemoved:
        readers_.erase(event.reader);
        cardsIn_.erase(event.reader);
        if (event.reader == sessionReader_ || (sessionReader_.empty() && !readerUsable()))
            endSession(onScreen(restingScreen()), "reader_removed");
        return;
    case Type::ServiceLost:
        serviceUp_ = false;
        readers_.clear();
        cardsIn_.clear();
        endSession(onScreen(Screen::ReaderMissing), "service_lost");
        return;
    case Type::ServiceBack:
        serviceUp_ = true; // the readers follow as ReaderAdded
        return;
    case Type::CardInserted:
        if (!watches(event.reader))
            return;
        cardsIn_.insert(event.reader);
        // A card in a second reader does not interrupt a student at the first.
        if (cardIn() && event.reader != sessionReader_)
            return;
        startSession(event.reader);
        return;
    case Type::CardRemoved:
        cardsIn_.erase(event.reader);
        if (state_.screen == Screen::Goodbye && watches(event.reader)) {
            countdownEnd_.reset(); // "take your card" is done
            show(onScreen(restingScreen()));
            return;
        }
        if (event.reader != sessionReader_)
            return;
        if (state_.screen == Screen::Ready) {
            // Let the student glance at the code once more; the countdown shows how long.
            countdownEnd_ = now_() + timings_.removalGrace;
            ScreenState grace = state_;
            grace.secondsLeft = static_cast<int>(timings_.removalGrace.count());
            show(std::move(grace));
            return;
        }
        endSession(onScreen(restingScreen()), "card_removed");
        return;
    }
}

void SessionController::requestOrder() {
    if (state_.screen != Screen::ConfirmOrder || busy_)
        return;
    ScreenState waiting = state_;
    waiting.screen = Screen::OrderInProgress;
    waiting.orderStatus = "pending";
    show(std::move(waiting));
    run(JobKind::Order, [](StudentSession& s, std::stop_token stop, const Progress& p) {
        return s.order(stop, p);
    });
}

void SessionController::requestCancel() {
    const bool offered =
        state_.screen == Screen::ExistingOrder || state_.screen == Screen::OrderInProgress;
    if (!offered || !state_.offer.cancel)
        return;
    stopJob(); // no status change under the question
    beforeConfirm_ = state_;
    ScreenState question = state_;
    question.screen = Screen::ConfirmCancel;
    show(std::move(question));
}

void SessionController::requestRevoke() {
    const bool offered = state_.screen == Screen::ExistingOrder || state_.screen == Screen::Ready;
    if (!offered || !state_.offer.revoke || !cardIn())
        return;
    stopJob();
    countdownEnd_.reset();
    beforeConfirm_ = state_;
    ScreenState question = state_;
    question.screen = Screen::ConfirmRevoke;
    question.secondsLeft = 0;
    show(std::move(question));
}

void SessionController::requestConfirm() {
    if (busy_)
        return;
    if (state_.screen == Screen::ConfirmCancel) {
        run(JobKind::Withdraw,
            [](StudentSession& s, std::stop_token, const Progress&) { return s.cancel(); });
    } else if (state_.screen == Screen::ConfirmRevoke) {
        run(JobKind::Withdraw,
            [](StudentSession& s, std::stop_token, const Progress&) { return s.revoke(); });
    }
}

void SessionController::requestBack() {
    const bool asking =
        state_.screen == Screen::ConfirmCancel || state_.screen == Screen::ConfirmRevoke;
    if (!asking || busy_ || !beforeConfirm_)
        return;
    auto previous = std::move(*beforeConfirm_);
    beforeConfirm_.reset();
    if (previous.screen == Screen::Ready) {
        enterReady(std::move(previous));
        return;
    }
    show(std::move(previous));
    run(JobKind::Poll,
        [](StudentSession& s, std::stop_token stop, const Progress& p) { return s.poll(stop, p); });
}

void SessionController::requestDone() {
    switch (state_.screen) {
    case Screen::Problem:
    case Screen::ConfirmOrder:
    case Screen::ExistingOrder:
    case Screen::Ready:
        if (cardIn()) {
            toGoodbye();
        } else {
            endSession(onScreen(restingScreen()), "done");
        }
        return;
    default:
        return;
    }
}

void SessionController::tick() {
    const auto now = now_();
    if (readerCheckAt_ && now >= *readerCheckAt_) {
        readerCheckAt_.reset();
        if (state_.screen == Screen::Idle && sessionReader_.empty() && !readerUsable())
            show(onScreen(Screen::ReaderMissing));
    }
    if (countdownEnd_) {
        if (now >= *countdownEnd_) {
            countdownEnd_.reset();
            if (state_.screen == Screen::Ready && cardIn()) {
                toGoodbye();
            } else {
                endSession(onScreen(restingScreen()), "countdown");
            }
            return;
        }
        const int left = secondsUntil(*countdownEnd_, now);
        if (left != state_.secondsLeft) {
            ScreenState next = state_;
            next.secondsLeft = left;
            show(std::move(next));
        }
        return; // a screen with a countdown has no other timeout
    }
    const bool resting = state_.screen == Screen::Idle ||
                         (state_.screen == Screen::ReaderMissing && !readerUsable());
    if (!resting && idleAt_ && now >= *idleAt_) {
        endSession(onScreen(restingScreen()), "idle_timeout");
        return;
    }
    if (retryAt_ && now >= *retryAt_ && state_.screen == Screen::ServiceUnavailable && !busy_) {
        retryAt_.reset();
        if (cardIn()) {
            const auto reader = sessionReader_;
            logger_.info("usos_retry");
            run(JobKind::Retry, [reader](StudentSession& s, std::stop_token, const Progress& p) {
                return s.readAndCheck(reader, p);
            });
        }
    }
}

std::unique_ptr<smartcard::CardMonitor> monitorCards(SessionController& controller) {
    return std::make_unique<smartcard::CardMonitor>(
        [&controller](const smartcard::CardEvent& event) {
            QMetaObject::invokeMethod(
                &controller, [&controller, event] { controller.onCardEvent(event); },
                Qt::QueuedConnection);
        });
}

} // namespace els::kiosk
