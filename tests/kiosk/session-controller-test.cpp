// The kiosk's state machine without a screen, a card or USOS: a scripted backend below the
// controller's boundary, jobs run by hand, time moved by hand.
#include "els/kiosk/session-controller.hpp"

#include <QCoreApplication>
#include <algorithm>
#include <deque>
#include <functional>
#include <gtest/gtest.h>
#include <string>
#include <thread>
#include <vector>

using namespace els::kiosk;
using namespace std::chrono_literals;
using els::smartcard::CardEvent;
using Type = CardEvent::Type;

namespace {

constexpr auto reader = "Reader A";
constexpr auto otherReader = "Reader B";

// What the scripted world answers, call by call. Counts live sessions to prove destruction.
struct Script {
    std::deque<ScreenState> reads, orders, polls, withdrawals;
    std::vector<ScreenState> progress;   // reported by order() and poll() before they answer
    std::function<void()> afterProgress; // the world moving between the progress and the answer
    std::vector<std::string> calls;
    int liveSessions = 0;
    int opened = 0;
};

class ScriptedSession final : public StudentSession {
public:
    explicit ScriptedSession(Script& script) : script_(script) {
        ++script_.liveSessions;
        ++script_.opened;
    }
    ~ScriptedSession() override { --script_.liveSessions; }

    ScreenState readAndCheck(const std::string& name, const Progress&) override {
        return next(script_.reads, "read:" + name);
    }
    ScreenState order(std::stop_token stop, const Progress& progress) override {
        return follow(script_.orders, "order", stop, progress);
    }
    ScreenState poll(std::stop_token stop, const Progress& progress) override {
        return follow(script_.polls, "poll", stop, progress);
    }
    ScreenState cancel() override { return next(script_.withdrawals, "cancel"); }
    ScreenState revoke() override { return next(script_.withdrawals, "revoke"); }

private:
    ScreenState follow(std::deque<ScreenState>& answers, std::string call, std::stop_token stop,
                       const Progress& progress) {
        if (stop.stop_requested()) { // like the real workflow: a stopped follow gives up
            script_.calls.push_back(call + ":stopped");
            ScreenState removed;
            removed.screen = Screen::Problem;
            removed.problem = Problem::CardRemoved;
            return removed;
        }
        for (const auto& state : script_.progress)
            progress(state);
        if (script_.afterProgress)
            script_.afterProgress();
        return next(answers, std::move(call));
    }
    ScreenState next(std::deque<ScreenState>& answers, std::string call) {
        script_.calls.push_back(std::move(call));
        if (answers.empty())
            throw std::logic_error("script ran out");
        auto state = answers.front();
        answers.pop_front();
        return state;
    }
    Script& script_;
};

class ScriptedBackend final : public SessionBackend {
public:
    explicit ScriptedBackend(Script& script) : script_(script) {}
    std::unique_ptr<StudentSession> open() override {
        return std::make_unique<ScriptedSession>(script_);
    }

private:
    Script& script_;
};

// Jobs wait until the test runs them: "the worker is slow" is a test's choice.
class ManualQueue final : public JobQueue {
public:
    explicit ManualQueue(std::deque<std::function<void()>>& jobs) : jobs_(jobs) {}
    void post(std::function<void()> job) override { jobs_.push_back(std::move(job)); }

private:
    std::deque<std::function<void()>>& jobs_;
};

ScreenState state(Screen screen) {
    ScreenState s;
    s.screen = screen;
    return s;
}

ScreenState named(Screen screen) {
    auto s = state(screen);
    s.firstName = "Zofia";
    return s;
}

ScreenState order(Screen screen, const char* status) {
    auto s = named(screen);
    s.orderStatus = status;
    s.orderDate = "2025-10-01";
    const bool issued = std::string(status) == "ready";
    if (issued) {
        s.token = "TOKEN-0123456789";
        s.activationCode = "12345678";
        s.expirationDate = "2026-03-31";
    }
    s.offer.cancel = !issued;
    s.offer.revoke = issued;
    return s;
}

bool personal(const ScreenState& s) {
    return !s.firstName.empty() || !s.token.empty() || !s.activationCode.empty();
}

class SessionControllerTest : public ::testing::Test {
protected:
    void SetUp() override { make(reader); }

    void make(std::string configured) {
        controller_.reset();
        SessionTimings timings;
        timings.idleTimeout = 60s;
        timings.readyScreen = 120s;
        timings.removalGrace = 5s;
        timings.goodbye = 5s;
        timings.serviceRetry = 10s;
        timings.readerWait = 3s;
        controller_ = std::make_unique<SessionController>(
            std::make_unique<ManualQueue>(jobs_),
            [this] { return std::make_unique<ScriptedBackend>(script_); }, std::move(configured),
            timings,
            els::platform::log::Logger(els::platform::log::Level::Debug,
                                       [this](std::string_view line) { logs_.emplace_back(line); }),
            [this] { return now_; });
        QObject::connect(controller_.get(), &SessionController::stateChanged,
                         [this](const ScreenState& s) { seen_.push_back(s); });
    }

    void event(Type type, std::string name = reader) {
        controller_->onCardEvent(CardEvent{type, std::move(name), {}});
    }
    void insert() { event(Type::CardInserted); }
    void remove() { event(Type::CardRemoved); }

    // Runs the worker's jobs and delivers their queued answers until nothing is left.
    void settle() {
        do {
            while (!jobs_.empty()) {
                auto job = std::move(jobs_.front());
                jobs_.pop_front();
                job();
            }
            QCoreApplication::sendPostedEvents();
        } while (!jobs_.empty());
    }
    // Moves time; `work`: let the worker run what is posted (else it stays "slow").
    void advance(std::chrono::milliseconds by, bool work = true) {
        now_ += by;
        controller_->tick();
        if (work)
            settle();
    }
    Screen screen() const { return controller_->state().screen; }

    // Drives a fresh session (reader present) to `target`; the session's jobs have all run.
    void driveTo(Screen target) {
        event(Type::ReaderAdded);
        switch (target) {
        case Screen::Reading:
            insert();
            return; // the read is still on the worker
        case Screen::Problem:
            script_.reads.push_back(state(Screen::Problem));
            break;
        case Screen::ConfirmOrder:
        case Screen::OrderInProgress:
            script_.reads.push_back(named(Screen::ConfirmOrder));
            break;
        case Screen::ServiceUnavailable:
            script_.reads.push_back(state(Screen::ServiceUnavailable));
            break;
        case Screen::ExistingOrder:
        case Screen::ConfirmCancel:
            script_.reads.push_back(order(Screen::ExistingOrder, "pending"));
            script_.polls.push_back(order(Screen::OrderInProgress, "in_progress")); // deadline
            break;
        case Screen::Ready:
        case Screen::ConfirmRevoke:
        case Screen::Goodbye:
            script_.reads.push_back(order(Screen::Ready, "ready"));
            break;
        default:
            FAIL() << "no way to " << toString(target);
        }
        insert();
        settle();
        if (target == Screen::OrderInProgress) {
            controller_->requestOrder(); // its job waits on the worker
        } else if (target == Screen::ConfirmCancel) {
            controller_->requestCancel();
        } else if (target == Screen::ConfirmRevoke) {
            controller_->requestRevoke();
        } else if (target == Screen::Goodbye) {
            controller_->requestDone();
        }
        ASSERT_EQ(screen(), target);
    }

    std::deque<std::function<void()>> jobs_;
    Script script_;
    std::chrono::steady_clock::time_point now_{};
    std::vector<ScreenState> seen_;
    std::vector<std::string> logs_;
    std::unique_ptr<SessionController> controller_;
};

const Screen sessionScreens[] = {
    Screen::Reading,         Screen::Problem,       Screen::ConfirmOrder,
    Screen::OrderInProgress, Screen::ExistingOrder, Screen::ConfirmCancel,
    Screen::Ready,           Screen::ConfirmRevoke, Screen::ServiceUnavailable,
    Screen::Goodbye};

} // namespace

TEST_F(SessionControllerTest, start_noReaderWithinWait_showsReaderMissing) {
    advance(2s);
    EXPECT_EQ(screen(), Screen::Idle);
    advance(1s);
    EXPECT_EQ(screen(), Screen::ReaderMissing);
}

TEST_F(SessionControllerTest, start_readerReported_staysIdle) {
    event(Type::ReaderAdded);
    advance(10s);
    EXPECT_EQ(screen(), Screen::Idle);
    EXPECT_TRUE(seen_.empty());
}

TEST_F(SessionControllerTest, readerMissing_readerAdded_returnsToIdleByItself) {
    advance(3s);
    ASSERT_EQ(screen(), Screen::ReaderMissing);
    event(Type::ReaderAdded, otherReader);
    EXPECT_EQ(screen(), Screen::ReaderMissing) << "not the configured reader";
    event(Type::ReaderAdded);
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionControllerTest, cardInserted_readsOnWorkerThenAsksToConfirm) {
    event(Type::ReaderAdded);
    script_.reads.push_back(named(Screen::ConfirmOrder));
    insert();
    EXPECT_EQ(screen(), Screen::Reading);
    EXPECT_TRUE(script_.calls.empty()) << "nothing blocking on the GUI thread";
    settle();
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    EXPECT_EQ(controller_->state().firstName, "Zofia");
    EXPECT_EQ(script_.calls, std::vector<std::string>{"read:Reader A"});
}

TEST_F(SessionControllerTest, cardInOtherReader_isIgnoredWhenAReaderIsConfigured) {
    event(Type::ReaderAdded);
    event(Type::ReaderAdded, otherReader);
    event(Type::CardInserted, otherReader);
    settle();
    EXPECT_EQ(screen(), Screen::Idle);
    EXPECT_EQ(script_.opened, 0);
}

TEST_F(SessionControllerTest, noConfiguredReader_firstCardWins_secondReaderDoesNotInterrupt) {
    make("");
    event(Type::ReaderAdded, otherReader);
    event(Type::ReaderAdded);
    script_.reads.push_back(named(Screen::ConfirmOrder));
    event(Type::CardInserted, otherReader);
    settle();
    ASSERT_EQ(screen(), Screen::ConfirmOrder);
    event(Type::CardInserted);
    settle();
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    EXPECT_EQ(script_.calls, std::vector<std::string>{"read:Reader B"});
}

TEST_F(SessionControllerTest, order_showsLiveProgressThenQrWithCountdown) {
    driveTo(Screen::ConfirmOrder);
    script_.progress = {order(Screen::OrderInProgress, "pending"),
                        order(Screen::OrderInProgress, "in_progress")};
    script_.orders.push_back(order(Screen::Ready, "ready"));
    seen_.clear();
    controller_->requestOrder();
    EXPECT_EQ(screen(), Screen::OrderInProgress);
    settle();
    ASSERT_GE(seen_.size(), 4u);
    EXPECT_EQ(seen_[1].orderStatus, "pending");
    EXPECT_EQ(seen_[2].orderStatus, "in_progress");
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(controller_->state().token, "TOKEN-0123456789");
    EXPECT_EQ(controller_->state().secondsLeft, 120);
    advance(30s);
    EXPECT_EQ(controller_->state().secondsLeft, 90);
}

// The real session reports Ready as progress before its answer: the QR's first state already
// carries the countdown, so no frame (or screenshot) of the QR is without it.
TEST_F(SessionControllerTest, ready_reportedAsProgress_firstReadyStateShowsCountdown) {
    driveTo(Screen::ConfirmOrder);
    script_.progress = {order(Screen::Ready, "ready")};
    script_.orders.push_back(order(Screen::Ready, "ready"));
    seen_.clear();
    controller_->requestOrder();
    settle();
    const auto firstReady = std::find_if(
        seen_.begin(), seen_.end(), [](const ScreenState& s) { return s.screen == Screen::Ready; });
    ASSERT_NE(firstReady, seen_.end());
    EXPECT_EQ(firstReady->secondsLeft, 120);
    advance(30s);
    EXPECT_EQ(controller_->state().secondsLeft, 90);
}

TEST_F(SessionControllerTest, ready_cardRemovedBetweenProgressAndAnswer_graceIsKept) {
    driveTo(Screen::ConfirmOrder);
    script_.progress = {order(Screen::Ready, "ready")};
    script_.orders.push_back(order(Screen::Ready, "ready"));
    // Queued, as the card monitor delivers it: lands after the progress, before the answer.
    script_.afterProgress = [this] {
        QMetaObject::invokeMethod(
            controller_.get(), [this] { remove(); }, Qt::QueuedConnection);
    };
    controller_->requestOrder();
    settle();
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(controller_->state().secondsLeft, 5);
    advance(5s);
    EXPECT_EQ(screen(), Screen::Idle);
    EXPECT_FALSE(personal(controller_->state()));
}

TEST_F(SessionControllerTest, ready_countdownEnds_saysGoodbyeThenIdleWithoutPersonalData) {
    driveTo(Screen::Ready);
    advance(119s);
    EXPECT_EQ(screen(), Screen::Ready);
    advance(1s);
    EXPECT_EQ(screen(), Screen::Goodbye);
    EXPECT_FALSE(personal(controller_->state()));
    EXPECT_EQ(script_.liveSessions, 0);
    advance(5s);
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionControllerTest, ready_cardRemoved_keepsQrForVisibleGraceThenIdle) {
    driveTo(Screen::Ready);
    advance(10s);
    remove();
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(controller_->state().secondsLeft, 5);
    advance(2s);
    EXPECT_EQ(controller_->state().secondsLeft, 3);
    advance(3s);
    EXPECT_EQ(screen(), Screen::Idle);
    EXPECT_EQ(controller_->state(), ScreenState{});
    EXPECT_EQ(script_.liveSessions, 0);
}

TEST_F(SessionControllerTest, ready_newCardDuringGrace_startsTheNextStudent) {
    driveTo(Screen::Ready);
    remove();
    script_.reads.push_back(named(Screen::ConfirmOrder));
    insert();
    EXPECT_EQ(screen(), Screen::Reading);
    EXPECT_FALSE(personal(controller_->state()));
    settle();
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    EXPECT_EQ(script_.opened, 2);
    EXPECT_EQ(script_.liveSessions, 1);
}

TEST_F(SessionControllerTest, ready_doneWithCardIn_saysGoodbye_cardOut_idle) {
    driveTo(Screen::Ready);
    controller_->requestDone();
    EXPECT_EQ(screen(), Screen::Goodbye);
    remove();
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionControllerTest, cardRemoved_atEveryScreenButReady_idleAtOnceAndSessionDestroyed) {
    for (const auto target : sessionScreens) {
        if (target == Screen::Ready)
            continue;
        SCOPED_TRACE(toString(target));
        make(reader);
        driveTo(target);
        remove(); // no tick, no job: the event alone
        EXPECT_EQ(screen(), Screen::Idle);
        EXPECT_EQ(controller_->state(), ScreenState{});
        settle();
        EXPECT_EQ(screen(), Screen::Idle) << "a late answer must not bring the student back";
        EXPECT_EQ(script_.liveSessions, 0);
    }
}

TEST_F(SessionControllerTest, idleTimeout_atEveryScreenWithoutCountdown_returnsToIdle) {
    for (const auto target : sessionScreens) {
        if (target == Screen::Ready || target == Screen::Goodbye ||
            target == Screen::ServiceUnavailable)
            continue; // countdowns and the retry: tested on their own
        SCOPED_TRACE(toString(target));
        make(reader);
        driveTo(target);
        advance(59s, false);
        EXPECT_EQ(screen(), target);
        advance(1s, false);
        EXPECT_EQ(screen(), Screen::Idle);
        EXPECT_FALSE(personal(controller_->state()));
        settle();
        EXPECT_EQ(screen(), Screen::Idle);
        EXPECT_EQ(script_.liveSessions, 0);
    }
}

TEST_F(SessionControllerTest, idleTimeout_serviceUnavailable_returnsToIdle) {
    script_.reads.push_back(state(Screen::ServiceUnavailable));
    script_.reads.push_back(state(Screen::ServiceUnavailable));
    script_.reads.push_back(state(Screen::ServiceUnavailable));
    script_.reads.push_back(state(Screen::ServiceUnavailable));
    script_.reads.push_back(state(Screen::ServiceUnavailable));
    script_.reads.push_back(state(Screen::ServiceUnavailable));
    driveTo(Screen::ServiceUnavailable);
    for (int i = 0; i < 4; ++i)
        advance(10s); // retries answer "still down"; no tap
    EXPECT_EQ(screen(), Screen::ServiceUnavailable);
    advance(20s);
    EXPECT_EQ(screen(), Screen::Idle);
    EXPECT_EQ(script_.liveSessions, 0);
}

TEST_F(SessionControllerTest, idleTimeout_isPushedBackByEveryNewState) {
    driveTo(Screen::ExistingOrder); // the poll ended at the order deadline: screen waits
    advance(50s);
    controller_->requestCancel();
    advance(50s);
    EXPECT_EQ(screen(), Screen::ConfirmCancel);
    advance(10s);
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionControllerTest, goodbye_endsOnItsCountdown) {
    driveTo(Screen::Goodbye);
    EXPECT_EQ(controller_->state().secondsLeft, 5);
    advance(4s);
    EXPECT_EQ(controller_->state().secondsLeft, 1);
    advance(1s);
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionControllerTest, staleAnswer_ofRemovedCard_isDroppedAndNextCardShown) {
    event(Type::ReaderAdded);
    script_.reads.push_back(order(Screen::Ready, "ready"));
    insert();
    remove();
    ScreenState second = named(Screen::ConfirmOrder);
    second.firstName = "Jakub";
    script_.reads.push_back(second);
    insert();
    settle();
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    EXPECT_EQ(controller_->state().firstName, "Jakub");
    for (const auto& s : seen_)
        EXPECT_NE(s.screen, Screen::Ready) << "the first card's QR leaked";
    EXPECT_EQ(script_.liveSessions, 1);
}

TEST_F(SessionControllerTest, existingOrder_isPolledLiveWithoutATapUntilReady) {
    event(Type::ReaderAdded);
    script_.reads.push_back(order(Screen::ExistingOrder, "pending"));
    script_.progress = {order(Screen::OrderInProgress, "in_progress")};
    script_.polls.push_back(order(Screen::Ready, "ready"));
    insert();
    settle();
    EXPECT_EQ(script_.calls, (std::vector<std::string>{"read:Reader A", "poll"}));
    ASSERT_GE(seen_.size(), 3u);
    EXPECT_EQ(seen_[seen_.size() - 2].screen, Screen::ExistingOrder);
    EXPECT_EQ(seen_[seen_.size() - 2].orderStatus, "in_progress");
    EXPECT_EQ(screen(), Screen::Ready);
}

TEST_F(SessionControllerTest, orderDeadlinePassed_showsExistingOrder) {
    driveTo(Screen::ConfirmOrder);
    script_.orders.push_back(order(Screen::OrderInProgress, "in_progress"));
    controller_->requestOrder();
    settle();
    EXPECT_EQ(screen(), Screen::ExistingOrder);
    EXPECT_EQ(controller_->state().orderStatus, "in_progress");
}

TEST_F(SessionControllerTest, cancel_askFirst_backResumesPolling_confirmSaysGoodbye) {
    event(Type::ReaderAdded);
    script_.reads.push_back(order(Screen::ExistingOrder, "pending"));
    insert();
    QCoreApplication::sendPostedEvents();
    jobs_.front()(); // the read
    jobs_.pop_front();
    QCoreApplication::sendPostedEvents();
    ASSERT_EQ(screen(), Screen::ExistingOrder);
    controller_->requestCancel(); // while the poll waits on the worker
    EXPECT_EQ(screen(), Screen::ConfirmCancel);
    settle();
    EXPECT_EQ(script_.calls.back(), "poll:stopped");
    EXPECT_EQ(screen(), Screen::ConfirmCancel) << "the stopped poll's answer is dropped";

    script_.polls.push_back(order(Screen::OrderInProgress, "pending"));
    controller_->requestBack();
    EXPECT_EQ(screen(), Screen::ExistingOrder);
    settle();
    EXPECT_EQ(script_.calls.back(), "poll");

    controller_->requestCancel();
    auto cancelled = order(Screen::Goodbye, "cancelled");
    script_.withdrawals.push_back(cancelled);
    controller_->requestConfirm();
    controller_->requestConfirm(); // a double tap sends one request
    settle();
    EXPECT_EQ(script_.calls.back(), "cancel");
    EXPECT_EQ(std::count(script_.calls.begin(), script_.calls.end(), "cancel"), 1);
    EXPECT_EQ(screen(), Screen::Goodbye);
    EXPECT_EQ(controller_->state().orderStatus, "cancelled");
    EXPECT_FALSE(personal(controller_->state()));
    EXPECT_EQ(script_.liveSessions, 0);
}

TEST_F(SessionControllerTest, revoke_fromReady_pausesCountdown_backRestartsIt) {
    driveTo(Screen::Ready);
    advance(100s);
    controller_->requestRevoke();
    EXPECT_EQ(screen(), Screen::ConfirmRevoke);
    advance(30s);
    EXPECT_EQ(screen(), Screen::ConfirmRevoke);
    controller_->requestBack();
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(controller_->state().secondsLeft, 120);
    controller_->requestRevoke();
    script_.withdrawals.push_back(order(Screen::Goodbye, "revoked"));
    controller_->requestConfirm();
    settle();
    EXPECT_EQ(script_.calls.back(), "revoke");
    EXPECT_EQ(screen(), Screen::Goodbye);
}

TEST_F(SessionControllerTest, withdrawalRefused_showsProblem) {
    driveTo(Screen::ConfirmRevoke);
    auto refused = named(Screen::Problem);
    refused.problem = Problem::OrderFailed;
    script_.withdrawals.push_back(refused);
    controller_->requestConfirm();
    settle();
    EXPECT_EQ(screen(), Screen::Problem);
    EXPECT_EQ(controller_->state().problem, Problem::OrderFailed);
}

TEST_F(SessionControllerTest, serviceUnavailable_retriesWhileCardIn_andRecovers) {
    driveTo(Screen::ServiceUnavailable);
    script_.reads.push_back(named(Screen::ConfirmOrder));
    advance(9s);
    EXPECT_EQ(screen(), Screen::ServiceUnavailable);
    advance(1s);
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    EXPECT_EQ(script_.liveSessions, 1);
}

TEST_F(SessionControllerTest, readerRemoved_duringSession_readerMissingThenIdleWhenBack) {
    driveTo(Screen::OrderInProgress);
    // What the monitor reports for an unplugged reader: the reader, then its card.
    event(Type::ReaderRemoved);
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    event(Type::CardRemoved);
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    settle();
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    advance(300s);
    EXPECT_EQ(screen(), Screen::ReaderMissing) << "no timeout while the reader is gone";
    event(Type::ReaderAdded);
    EXPECT_EQ(screen(), Screen::Idle);
    EXPECT_EQ(script_.liveSessions, 0);
}

TEST_F(SessionControllerTest, readerUnplugged_atEveryScreen_readerMissingAtOnceNeverIdle) {
    for (const auto target : sessionScreens) {
        SCOPED_TRACE(toString(target));
        make(reader);
        driveTo(target);
        event(Type::ReaderRemoved);
        EXPECT_EQ(screen(), Screen::ReaderMissing);
        EXPECT_FALSE(personal(controller_->state()));
        event(Type::CardRemoved);
        EXPECT_EQ(screen(), Screen::ReaderMissing) << "the card left with its reader";
        EXPECT_FALSE(personal(controller_->state()));
        settle();
        EXPECT_EQ(script_.liveSessions, 0);
    }
}

TEST_F(SessionControllerTest, readerRemoved_onReadyWithoutCardEvent_readerMissing) {
    driveTo(Screen::Ready);
    event(Type::ReaderRemoved);
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    EXPECT_FALSE(personal(controller_->state()));
}

TEST_F(SessionControllerTest, pcscdLost_atEveryScreen_readerMissingThenIdleWhenBack) {
    for (const auto target : sessionScreens) {
        SCOPED_TRACE(toString(target));
        make(reader);
        driveTo(target);
        // What the monitor reports when pcscd dies: the service gone, then every card and reader.
        event(Type::ServiceLost, "");
        EXPECT_EQ(screen(), Screen::ReaderMissing);
        EXPECT_FALSE(personal(controller_->state()));
        remove();
        event(Type::ReaderRemoved);
        EXPECT_EQ(screen(), Screen::ReaderMissing);
        EXPECT_FALSE(personal(controller_->state()));
        event(Type::ServiceBack, "");
        EXPECT_EQ(screen(), Screen::ReaderMissing);
        event(Type::ReaderAdded);
        EXPECT_EQ(screen(), Screen::Idle);
        settle();
        EXPECT_EQ(script_.liveSessions, 0);
    }
}

TEST_F(SessionControllerTest, readFailedWithReaderError_readerStillThere_idleAfterTimeout) {
    event(Type::ReaderAdded);
    script_.reads.push_back(state(Screen::ReaderMissing));
    insert();
    settle();
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    advance(60s);
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionControllerTest, tapsNotOffered_areIgnored) {
    event(Type::ReaderAdded);
    controller_->requestOrder();
    controller_->requestConfirm();
    controller_->requestDone();
    controller_->requestCancel();
    EXPECT_EQ(screen(), Screen::Idle);
    driveTo(Screen::Ready);
    controller_->requestCancel(); // canCancel is false for an issued order
    controller_->requestOrder();
    controller_->requestConfirm();
    controller_->requestBack();
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(jobs_.size(), 0u);
}

TEST_F(SessionControllerTest, backendThrows_showsInternalProblemNotACrash) {
    event(Type::ReaderAdded);
    insert(); // the script has no answer: the scripted session throws
    settle();
    EXPECT_EQ(screen(), Screen::Problem);
    EXPECT_EQ(controller_->state().problem, Problem::Internal);
}

TEST_F(SessionControllerTest, logs_holdEventsButNoPersonalData) {
    driveTo(Screen::Ready);
    controller_->requestDone();
    remove();
    ASSERT_FALSE(logs_.empty());
    bool sawSession = false;
    for (const auto& line : logs_) {
        EXPECT_EQ(line.find("Zofia"), std::string::npos) << line;
        EXPECT_EQ(line.find("TOKEN"), std::string::npos) << line;
        EXPECT_EQ(line.find("12345678"), std::string::npos) << line;
        sawSession = sawSession || line.find("session_started") != std::string::npos;
    }
    EXPECT_TRUE(sawSession);
}

TEST(WorkerThreadTest, runsJobsInOrderOffTheCallingThread_andDrainsOnDestruction) {
    std::vector<int> order;
    std::thread::id ran;
    {
        WorkerThread worker;
        for (int i = 0; i < 5; ++i)
            worker.post([&order, &ran, i] {
                order.push_back(i);
                ran = std::this_thread::get_id();
            });
    }
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
    EXPECT_NE(ran, std::this_thread::get_id());
}

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
