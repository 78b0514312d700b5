// The GUI's driver of the session engine: jobs on the worker thread, results back by job id,
// stopped jobs that keep running never reach an ended session, the backend built in the
// background (out of service when it cannot be). A scripted job runner stands in for PC/SC and
// USOS; time for the engine is moved by hand.
#include "els/kiosk/session-driver.hpp"
#include "els/smartcard/image/test-pki.hpp"

#include <QCoreApplication>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>

using namespace els::kiosk;
using namespace std::chrono_literals;
using els::smartcard::CardEvent;

namespace {

constexpr auto reader = "Reader A";

// Processes the GUI thread's events until `done` holds (a generous bound only against hangs).
template <typename Pred> bool waitFor(Pred done) {
    const auto giveUp = std::chrono::steady_clock::now() + 20s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > giveUp)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

// What the scripted jobs saw, shared with them (they may outlive a driver).
struct Jobs {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<JobKind> started;
    std::thread::id thread;
    bool orderStopped = false;
    bool orderFinished = false;
    int reportsAfterStop = 0;
    std::atomic<bool> release{false}; // ends a stopped job's unwinding early

    void note(JobKind kind) {
        const std::lock_guard lock(mutex);
        started.push_back(kind);
        thread = std::this_thread::get_id();
        changed.notify_all();
    }
};

els::platform::McardOrder pendingOrder() {
    els::platform::McardOrder order;
    order.id = "7";
    order.status = els::platform::McardStatus::Pending;
    order.rawStatus = "pending";
    return order;
}

// The check says "may order"; the order reports "pending", then behaves like USOS answering 503
// to every poll: it keeps "polling" (and logging through its own copy of a logger) until its stop
// token fires, then goes on using what it owns for a while, as a real worker unwinding would.
SessionDriver::JobRunner scripted(std::shared_ptr<Jobs> jobs) {
    return [jobs](Backend*, JobKind kind, StudentFile& file, const std::string&,
                  std::stop_token stop, const Report& report) {
        jobs->note(kind);
        if (kind == JobKind::Check) {
            file.userId = "100002";
            StudentResult may;
            may.outcome = StudentOutcome::MayOrder;
            may.firstName = "Zofia";
            return may;
        }
        StudentResult progress;
        progress.outcome = StudentOutcome::Progress;
        progress.order = pendingOrder();
        report(progress);
        const els::platform::log::Logger logger(els::platform::log::Level::Warning,
                                                [](std::string_view) {});
        while (!stop.stop_requested())
            logger.warning("order_poll_failed", {{"error", "usos_http"}});
        {
            const std::lock_guard lock(jobs->mutex);
            jobs->orderStopped = true;
            jobs->changed.notify_all();
        }
        // After the stop: touch the student file and report again, for a while (or until
        // released).
        for (int i = 0; i < 5000 && !jobs->release.load(); ++i) {
            file.activeOrder = pendingOrder();
            logger.warning("order_poll_failed", {{"error", "usos_http"}});
            report(progress);
            {
                const std::lock_guard lock(jobs->mutex);
                ++jobs->reportsAfterStop;
            }
            std::this_thread::yield();
        }
        {
            const std::lock_guard lock(jobs->mutex);
            jobs->orderFinished = true;
        }
        StudentResult failed;
        failed.outcome = StudentOutcome::Failed;
        failed.problem = Problem::ServiceUnavailable;
        return failed;
    };
}

class SessionDriverTest : public ::testing::Test {
protected:
    std::unique_ptr<SessionDriver> driver(SessionDriver::BackendFactory factory = {}) {
        return std::make_unique<SessionDriver>(
            std::move(factory), EngineSettings{"", {}},
            els::platform::log::Logger(els::platform::log::Level::Info, [](std::string_view) {}),
            [this] { return now_; }, scripted(jobs_));
    }
    void card(SessionDriver& d, CardEvent::Type type) {
        CardEvent event;
        event.type = type;
        event.reader = reader;
        d.onCardEvent(event);
    }

    TimePoint now_{std::chrono::steady_clock::time_point{} + 1000h};
    std::shared_ptr<Jobs> jobs_ = std::make_shared<Jobs>();
};

TEST_F(SessionDriverTest, backendFailsToBuild_outOfServiceWithItsCode) {
    auto d = driver([]() -> std::shared_ptr<Backend> {
        throw BackendFailure("trust_anchors_invalid", "no anchors");
    });
    ASSERT_TRUE(waitFor([&] { return d->state().screen == Screen::OutOfService; }));
    EXPECT_EQ(d->state().errorCode, "trust_anchors_invalid");
    card(*d, CardEvent::Type::ReaderAdded);
    card(*d, CardEvent::Type::CardInserted);
    EXPECT_EQ(d->state().screen, Screen::OutOfService);
    EXPECT_TRUE(jobs_->started.empty());
}

TEST_F(SessionDriverTest, cardInserted_checkRunsOnTheWorker_thenAsksToConfirm) {
    auto d = driver();
    card(*d, CardEvent::Type::ReaderAdded);
    card(*d, CardEvent::Type::CardInserted);
    EXPECT_EQ(d->state().screen, Screen::Reading);
    ASSERT_TRUE(waitFor([&] { return d->state().screen == Screen::ConfirmOrder; }));
    EXPECT_EQ(d->state().firstName, "Zofia");
    const std::lock_guard lock(jobs_->mutex);
    EXPECT_NE(jobs_->thread, std::this_thread::get_id());
}

// The sequence that crashed the old GUI (issue 9): an order in progress, every poll failing, the
// idle timeout ends the session while the worker still runs, the worker goes on reporting and
// logging, and the kiosk shuts down under it. The job is stopped, nothing it posts reaches the
// ended session, and everything it uses is its own.
TEST_F(SessionDriverTest, failingPollsThenIdleTimeout_jobStoppedItsAnswersDropped_noCrash) {
    auto d = driver();
    card(*d, CardEvent::Type::ReaderAdded);
    card(*d, CardEvent::Type::CardInserted);
    ASSERT_TRUE(waitFor([&] { return d->state().screen == Screen::ConfirmOrder; }));
    d->requestOrder();
    ASSERT_TRUE(
        waitFor([&] { return d->state().orderStatus == "pending" && d->state().offer.cancel; }));

    now_ += 60s;
    d->tick();
    // The order was sent: the screen says it exists before it forgets the student.
    EXPECT_EQ(d->state().screen, Screen::OrderSent);
    {
        std::unique_lock lock(jobs_->mutex);
        ASSERT_TRUE(jobs_->changed.wait_for(lock, 20s, [&] { return jobs_->orderStopped; }));
    }
    // The stopped job keeps reporting: the engine drops every one of them.
    ASSERT_TRUE(waitFor([&] {
        const std::lock_guard lock(jobs_->mutex);
        return jobs_->reportsAfterStop > 50;
    }));
    EXPECT_EQ(d->state().screen, Screen::OrderSent);
    EXPECT_TRUE(d->state().firstName.empty());

    // The kiosk shuts down while the job still runs: the destructor waits for it to unwind.
    d.reset();
    const std::lock_guard lock(jobs_->mutex);
    EXPECT_TRUE(jobs_->orderFinished);
}

TEST_F(SessionDriverTest, newCard_whileAStoppedJobUnwinds_getsItsOwnCheck) {
    auto d = driver();
    card(*d, CardEvent::Type::ReaderAdded);
    card(*d, CardEvent::Type::CardInserted);
    ASSERT_TRUE(waitFor([&] { return d->state().screen == Screen::ConfirmOrder; }));
    d->requestOrder();
    // The order job runs (it reported the order), then the card goes.
    ASSERT_TRUE(waitFor([&] { return d->state().offer.cancel; }));
    card(*d, CardEvent::Type::CardRemoved);
    jobs_->release = true;
    card(*d, CardEvent::Type::CardInserted);
    ASSERT_TRUE(waitFor([&] { return d->state().screen == Screen::ConfirmOrder; }));
    const std::lock_guard lock(jobs_->mutex);
    EXPECT_EQ(jobs_->started,
              (std::vector<JobKind>{JobKind::Check, JobKind::Order, JobKind::Check}));
}

// A server closes idle keep-alive connections after a few seconds, and a new TCP + TLS handshake
// cannot hide behind a chip read of a few ms: while no student is there the driver keeps the
// USOS connection warm on its ticks (UsosClient limits the rate), during a session it does not.
TEST_F(SessionDriverTest, ticksWithoutAStudent_keepUsosWarm_notDuringASession) {
    std::string pattern = (std::filesystem::temp_directory_path() / "els-driver-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    const std::filesystem::path dir = pattern;
    els::smartcard::image::TestPki::generate().save(dir);
    std::atomic<Backend*> built{nullptr}; // owned by the driver's worker, which destroys it
    auto d = driver([&]() -> std::shared_ptr<Backend> {
        els::platform::UsosClientSettings usos;
        usos.baseUrl = "https://127.0.0.1:9"; // nothing answers; warm-ups fail quietly
        usos.consumerKey = usos.consumerSecret = "kiosk";
        usos.warmFreshFor = 0ms; // every warm-up asked for is started: the count shows the asks
        auto backend =
            std::make_shared<Backend>(els::smartcard::TrustStore::load(dir / "ca.pem"),
                                      std::move(usos), dir / "journal.sqlite", Backend::Settings{});
        built = backend.get();
        return backend;
    });
    card(*d, CardEvent::Type::ReaderAdded);
    card(*d, CardEvent::Type::CardInserted);
    // The check ran on the worker, so the backend (and its start-up warm-up) is done with.
    ASSERT_TRUE(waitFor([&] { return d->state().screen == Screen::ConfirmOrder; }));
    auto& usos = built.load()->usos();
    const auto inSession = usos.warmUpCount();
    d->tick();
    d->tick();
    EXPECT_EQ(usos.warmUpCount(), inSession);

    card(*d, CardEvent::Type::CardRemoved); // the student has gone
    ASSERT_EQ(d->state().screen, Screen::Idle);
    const auto idle = usos.warmUpCount();
    d->tick();
    EXPECT_EQ(usos.warmUpCount(), idle + 1);
    d.reset();
    std::filesystem::remove_all(dir);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
