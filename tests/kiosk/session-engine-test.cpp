// The session state machine alone: events in, screens and commands out, time moved by hand.
#include "els/kiosk/session-engine.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace els::kiosk;
using namespace std::chrono_literals;
using els::platform::McardOrder;
using els::platform::McardStatus;
using Tap = event::Tap;

namespace {

constexpr auto reader = "Reader A";
constexpr auto otherReader = "Reader B";

McardOrder orderWith(McardStatus status) {
    McardOrder order;
    order.id = "42";
    order.status = status;
    order.rawStatus = els::platform::toString(status);
    order.orderDate = std::chrono::year{2026} / 10 / 1;
    if (status == McardStatus::Ready || status == McardStatus::Received) {
        order.token = "QR-TOKEN";
        order.distributionPass = "ABCD1234";
    }
    return order;
}

StudentResult result(StudentOutcome outcome, std::optional<McardOrder> order = std::nullopt,
                     Problem problem = Problem::None) {
    StudentResult r;
    r.outcome = outcome;
    r.order = std::move(order);
    r.problem = problem;
    r.firstName = "Zofia";
    return r;
}

class SessionEngineTest : public ::testing::Test {
protected:
    SessionEngineTest() : engine_(EngineSettings{"", {}}, now_, logger()) {}

    els::platform::log::Logger logger() {
        return els::platform::log::Logger(
            els::platform::log::Level::Info,
            [this](std::string_view line) { logs_.emplace_back(line); });
    }

    Transition send(const Event& event) {
        last_ = engine_.handle(event, now_);
        for (const auto& command : last_.commands) {
            switch (command.type) {
            case Command::Type::StartJob:
                started_.push_back(command);
                break;
            case Command::Type::StopJob:
                stopped_.push_back(command.job);
                break;
            case Command::Type::ForgetStudent:
                ++forgotten_;
                break;
            case Command::Type::WarmUp:
                ++warmUps_;
                break;
            }
        }
        return last_;
    }
    Transition after(std::chrono::milliseconds elapsed) {
        now_ += elapsed;
        return send(event::Tick{});
    }
    Screen screen() const { return engine_.screen().screen; }
    const ScreenState& state() const { return engine_.screen(); }
    JobId job() const { return started_.back().job; }
    JobKind jobKind() const { return started_.back().kind; }
    void answer(StudentResult r) { send(event::JobUpdate{job(), std::move(r)}); }

    void readerThere(const std::string& name = reader) { send(event::ReaderAdded{name}); }
    void cardIn(const std::string& name = reader) { send(event::CardInserted{name}); }
    void cardOut(const std::string& name = reader) { send(event::CardRemoved{name}); }
    void tap(Tap t) { send(event::StudentTap{t}); }

    // A student at the reader whose check says "may order".
    void atConfirm() {
        readerThere();
        cardIn();
        answer(result(StudentOutcome::MayOrder));
        ASSERT_EQ(screen(), Screen::ConfirmOrder);
    }
    void atReady() {
        atConfirm();
        tap(Tap::Order);
        answer(result(StudentOutcome::Ready, orderWith(McardStatus::Ready)));
        ASSERT_EQ(screen(), Screen::Ready);
    }
    void atExisting(McardStatus status) {
        readerThere();
        cardIn();
        answer(result(StudentOutcome::HasOrder, orderWith(status)));
        ASSERT_EQ(screen(), Screen::ExistingOrder);
    }

    TimePoint now_{std::chrono::steady_clock::time_point{} + 1000h};
    std::vector<std::string> logs_;
    SessionEngine engine_;
    Transition last_;
    std::vector<Command> started_;
    std::vector<JobId> stopped_;
    int forgotten_ = 0;
    int warmUps_ = 0;
};

// --- readers and start ---

TEST_F(SessionEngineTest, start_noReaderWithinWait_showsReaderMissing) {
    EXPECT_EQ(screen(), Screen::Idle);
    after(2s);
    EXPECT_EQ(screen(), Screen::Idle);
    after(1s);
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    readerThere();
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionEngineTest, start_readerReported_staysIdle) {
    readerThere();
    after(10s);
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionEngineTest, cardInserted_warmsUsosAndStartsACheckOnThatReader) {
    readerThere();
    cardIn();
    EXPECT_EQ(screen(), Screen::Reading);
    ASSERT_EQ(started_.size(), 1U);
    EXPECT_EQ(jobKind(), JobKind::Check);
    EXPECT_EQ(started_.back().reader, reader);
    EXPECT_EQ(warmUps_, 1);
    // The warm-up comes first, so that the TLS handshake overlaps the chip read.
    ASSERT_GE(last_.commands.size(), 2U);
    EXPECT_EQ(last_.commands.front().type, Command::Type::WarmUp);
    answer(result(StudentOutcome::MayOrder));
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    EXPECT_EQ(state().firstName, "Zofia");
    EXPECT_TRUE(state().offer.order);
    EXPECT_TRUE(state().offer.done);
    EXPECT_FALSE(state().offer.cancel);
}

TEST_F(SessionEngineTest, configuredReader_cardsElsewhereAreIgnored) {
    SessionEngine engine(EngineSettings{reader, {}}, now_);
    engine.handle(event::ReaderAdded{reader}, now_);
    engine.handle(event::ReaderAdded{otherReader}, now_);
    const auto t = engine.handle(event::CardInserted{otherReader}, now_);
    EXPECT_TRUE(t.commands.empty());
    EXPECT_EQ(engine.screen().screen, Screen::Idle);
    engine.handle(event::CardInserted{reader}, now_);
    EXPECT_EQ(engine.screen().screen, Screen::Reading);
}

TEST_F(SessionEngineTest, noConfiguredReader_firstCardWins_secondReaderDoesNotInterrupt) {
    readerThere();
    readerThere(otherReader);
    cardIn();
    const auto first = job();
    cardIn(otherReader);
    EXPECT_EQ(job(), first);
    EXPECT_EQ(screen(), Screen::Reading);
    cardOut();
    EXPECT_EQ(screen(), Screen::Idle);
}

// --- ordering ---

TEST_F(SessionEngineTest, order_showsProgressThenQrWithCountdown) {
    atConfirm();
    tap(Tap::Order);
    EXPECT_EQ(screen(), Screen::OrderInProgress);
    EXPECT_EQ(jobKind(), JobKind::Order);
    EXPECT_FALSE(state().offer.cancel); // no order known yet
    EXPECT_FALSE(state().offer.order);
    answer(result(StudentOutcome::Progress, orderWith(McardStatus::InProgress)));
    EXPECT_EQ(screen(), Screen::OrderInProgress);
    EXPECT_EQ(state().orderStatus, "in_progress");
    EXPECT_TRUE(state().offer.cancel);
    answer(result(StudentOutcome::Ready, orderWith(McardStatus::Ready)));
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(state().token, "QR-TOKEN");
    EXPECT_EQ(state().activationCode, "ABCD1234");
    EXPECT_EQ(state().secondsLeft, 120);
    EXPECT_TRUE(state().offer.revoke);
    EXPECT_TRUE(state().offer.done);
    EXPECT_TRUE(state().offer.moreTime);
}

// Clone policy: the code went by e-mail. A ready progress without the code is not shown; the
// result shows the QR and where the code went, never a code.
TEST_F(SessionEngineTest, order_codeByEmail_readyShowsTheNoteInsteadOfTheCode) {
    atConfirm();
    tap(Tap::Order);
    auto withoutCode = orderWith(McardStatus::Ready);
    withoutCode.distributionPass.reset();
    answer(result(StudentOutcome::Progress, withoutCode));
    EXPECT_EQ(screen(), Screen::OrderInProgress);
    auto ready = result(StudentOutcome::Ready, withoutCode);
    ready.codeNote = {"Wysłano na s***@x.example", "Sent to s***@x.example"};
    answer(ready);
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(state().token, "QR-TOKEN");
    EXPECT_EQ(state().activationCode, "");
    EXPECT_EQ(state().codeNote.en, "Sent to s***@x.example");
}

TEST_F(SessionEngineTest, order_tappedTwice_startsOneJob) {
    atConfirm();
    tap(Tap::Order);
    tap(Tap::Order);
    EXPECT_EQ(started_.size(), 2U); // the check and one order
}

TEST_F(SessionEngineTest, ready_asProgressThenAsResult_countdownStartsOnce) {
    atConfirm();
    tap(Tap::Order);
    answer(result(StudentOutcome::Progress, orderWith(McardStatus::Ready)));
    EXPECT_EQ(screen(), Screen::Ready);
    now_ += 3s;
    cardOut(); // grace begins
    answer(result(StudentOutcome::Ready, orderWith(McardStatus::Ready)));
    EXPECT_EQ(state().secondsLeft, 5);
    after(5s);
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionEngineTest, ready_countdownEnds_goodbyeWithoutPersonalData_thenTakeCard) {
    atReady();
    after(119s);
    EXPECT_EQ(state().secondsLeft, 1);
    after(1s);
    EXPECT_EQ(screen(), Screen::Goodbye);
    EXPECT_TRUE(state().firstName.empty());
    EXPECT_TRUE(state().token.empty());
    EXPECT_EQ(forgotten_, 1);
    after(5s);
    EXPECT_EQ(screen(), Screen::TakeCard); // the card is still in
    cardOut();
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionEngineTest, ready_moreTime_restartsTheCountdown) {
    atReady();
    after(100s);
    tap(Tap::MoreTime);
    EXPECT_EQ(state().secondsLeft, 120);
    after(119s);
    EXPECT_EQ(screen(), Screen::Ready);
}

TEST_F(SessionEngineTest, ready_cardRemoved_graceWithoutRevokeThenIdle) {
    atReady();
    cardOut();
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(state().secondsLeft, 5);
    EXPECT_FALSE(state().offer.revoke); // revoking needs the card
    tap(Tap::Revoke);
    EXPECT_EQ(screen(), Screen::Ready);
    after(5s);
    EXPECT_EQ(screen(), Screen::Idle);
    EXPECT_EQ(forgotten_, 1);
}

TEST_F(SessionEngineTest, ready_newCardDuringGrace_startsTheNextStudent) {
    atReady();
    cardOut();
    cardIn(otherReader);
    EXPECT_EQ(screen(), Screen::Reading);
    EXPECT_TRUE(state().token.empty());
    EXPECT_EQ(forgotten_, 1);
    EXPECT_EQ(started_.back().reader, otherReader);
}

TEST_F(SessionEngineTest, ready_doneWithCardIn_goodbye_cardOut_idle) {
    atReady();
    tap(Tap::Done);
    EXPECT_EQ(screen(), Screen::Goodbye);
    cardOut();
    EXPECT_EQ(screen(), Screen::Idle);
}

// The goodbye thanks a student only for an order they saw; after a refusal it is neutral.
TEST_F(SessionEngineTest, goodbye_carriesTheShownOrdersStatus_notARefusedOnes) {
    atReady();
    tap(Tap::Done);
    EXPECT_EQ(state().orderStatus, "ready");
    cardOut();

    atConfirm();
    tap(Tap::Order); // "pending…" is shown while the request runs
    answer(result(StudentOutcome::Refused));
    ASSERT_EQ(screen(), Screen::Problem);
    tap(Tap::Done);
    EXPECT_EQ(screen(), Screen::Goodbye);
    EXPECT_EQ(state().orderStatus, "");
}

TEST_F(SessionEngineTest, readyCountdownEnds_goodbyeCarriesTheOrdersStatus) {
    atReady();
    after(120s);
    ASSERT_EQ(screen(), Screen::Goodbye);
    EXPECT_EQ(state().orderStatus, "ready");
}

// --- removal, timeouts, stale answers ---

TEST_F(SessionEngineTest, cardRemoved_beforeAnOrder_idleAtOnceJobStoppedStudentForgotten) {
    for (const auto setUp : {0, 1}) {
        started_.clear();
        stopped_.clear();
        forgotten_ = 0;
        engine_ = SessionEngine(EngineSettings{"", {}}, now_, logger());
        readerThere();
        cardIn();
        if (setUp >= 1)
            answer(result(StudentOutcome::MayOrder));
        const auto running = engine_.runningJob();
        cardOut();
        EXPECT_EQ(screen(), Screen::Idle) << setUp;
        EXPECT_EQ(forgotten_, 1) << setUp;
        if (running) {
            ASSERT_FALSE(stopped_.empty());
            EXPECT_EQ(stopped_.back(), *running) << setUp;
        }
        EXPECT_FALSE(engine_.runningJob());
    }
}

TEST_F(SessionEngineTest, idleTimeout_duringOrderPolling_stopsTheJobAndIgnoresItsLateAnswers) {
    // The sequence that crashed the old GUI: USOS failing while an order is followed, then the
    // idle timeout ends the session. The job is stopped; whatever it still reports is dropped.
    atConfirm();
    tap(Tap::Order);
    const auto orderJob = job();
    answer(result(StudentOutcome::Progress, orderWith(McardStatus::Pending)));
    after(59s);
    EXPECT_EQ(screen(), Screen::OrderInProgress);
    after(1s);
    EXPECT_EQ(screen(), Screen::OrderSent); // the order exists: said before forgetting
    ASSERT_FALSE(stopped_.empty());
    EXPECT_EQ(stopped_.back(), orderJob);
    EXPECT_EQ(forgotten_, 1);
    const auto dropped = send(event::JobUpdate{
        orderJob, result(StudentOutcome::Failed, std::nullopt, Problem::ServiceUnavailable)});
    EXPECT_FALSE(dropped.screenChanged);
    EXPECT_EQ(screen(), Screen::OrderSent);
}

TEST_F(SessionEngineTest, idleTimeout_atScreensWithoutCountdown_endsTheSession_takeCard) {
    atConfirm();
    after(60s);
    EXPECT_EQ(screen(), Screen::TakeCard);
    EXPECT_TRUE(state().firstName.empty());
    EXPECT_EQ(forgotten_, 1);
}

TEST_F(SessionEngineTest, idleTimeout_pushedBackByNewStatesAndMoreTime) {
    atConfirm();
    after(50s);
    tap(Tap::MoreTime);
    after(50s);
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    tap(Tap::Order);
    after(50s);
    answer(result(StudentOutcome::Progress, orderWith(McardStatus::InProgress)));
    after(50s);
    EXPECT_EQ(screen(), Screen::OrderInProgress);
}

TEST_F(SessionEngineTest, staleAnswer_ofRemovedCard_isDroppedAndNextCardShown) {
    readerThere();
    cardIn();
    const auto first = job();
    cardOut();
    cardIn();
    send(event::JobUpdate{first, result(StudentOutcome::MayOrder)});
    EXPECT_EQ(screen(), Screen::Reading);
    answer(result(StudentOutcome::HasOrder, orderWith(McardStatus::Ready)));
    EXPECT_EQ(screen(), Screen::Ready);
}

// --- existing orders, cancel, revoke ---

TEST_F(SessionEngineTest, existingOrder_isFollowedWithoutATapUntilReady) {
    atExisting(McardStatus::Pending);
    EXPECT_EQ(jobKind(), JobKind::Follow);
    EXPECT_TRUE(state().offer.cancel);
    EXPECT_FALSE(state().offer.revoke);
    answer(result(StudentOutcome::Progress, orderWith(McardStatus::InProgress)));
    EXPECT_EQ(screen(), Screen::ExistingOrder);
    EXPECT_EQ(state().orderStatus, "in_progress");
    answer(result(StudentOutcome::Ready, orderWith(McardStatus::Ready)));
    EXPECT_EQ(screen(), Screen::Ready);
}

TEST_F(SessionEngineTest, existingIssuedOrder_goesStraightToTheQr_withRevoke) {
    readerThere();
    cardIn();
    answer(result(StudentOutcome::HasOrder, orderWith(McardStatus::Ready)));
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_TRUE(state().offer.revoke);
    EXPECT_FALSE(engine_.runningJob());
}

TEST_F(SessionEngineTest, cancel_asksFirst_backResumesFollowing_confirmSaysGoodbye) {
    atExisting(McardStatus::Pending);
    const auto follow = job();
    tap(Tap::Cancel);
    EXPECT_EQ(screen(), Screen::ConfirmCancel);
    EXPECT_EQ(stopped_.back(), follow); // no status change under the question
    EXPECT_TRUE(state().offer.confirm);
    EXPECT_TRUE(state().offer.back);
    tap(Tap::Back);
    EXPECT_EQ(screen(), Screen::ExistingOrder);
    EXPECT_EQ(jobKind(), JobKind::Follow);
    tap(Tap::Cancel);
    tap(Tap::Confirm);
    EXPECT_EQ(jobKind(), JobKind::Cancel);
    EXPECT_FALSE(state().offer.confirm); // no second request while the first runs
    EXPECT_FALSE(state().offer.back);
    tap(Tap::Confirm);
    EXPECT_EQ(jobKind(), JobKind::Cancel);
    answer(result(StudentOutcome::Cancelled, orderWith(McardStatus::Cancelled)));
    EXPECT_EQ(screen(), Screen::Goodbye);
    EXPECT_EQ(state().orderStatus, "cancelled");
    EXPECT_EQ(forgotten_, 1);
}

TEST_F(SessionEngineTest, revoke_fromReady_pausesCountdown_backRestartsIt) {
    atReady();
    after(100s);
    tap(Tap::Revoke);
    EXPECT_EQ(screen(), Screen::ConfirmRevoke);
    EXPECT_EQ(state().secondsLeft, 0);
    after(30s);
    EXPECT_EQ(screen(), Screen::ConfirmRevoke); // no countdown under the question
    tap(Tap::Back);
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_EQ(state().secondsLeft, 120);
    EXPECT_EQ(state().token, "QR-TOKEN");
}

TEST_F(SessionEngineTest, revoke_confirmed_checksAgain_landsOnOrder) {
    atReady();
    tap(Tap::Revoke);
    tap(Tap::Confirm);
    EXPECT_EQ(jobKind(), JobKind::Revoke);
    answer(result(StudentOutcome::Revoked, orderWith(McardStatus::Revoked)));
    EXPECT_EQ(screen(), Screen::Reading);
    EXPECT_EQ(jobKind(), JobKind::Check);
    EXPECT_TRUE(state().token.empty());
    answer(result(StudentOutcome::MayOrder));
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    EXPECT_EQ(state().orderStatus, "revoked"); // the screen may say the old one is gone
    EXPECT_TRUE(state().offer.order);
    tap(Tap::Order);
    EXPECT_EQ(jobKind(), JobKind::Order);
}

TEST_F(SessionEngineTest, withdrawalFailed_showsProblem) {
    atExisting(McardStatus::Pending);
    tap(Tap::Cancel);
    tap(Tap::Confirm);
    answer(result(StudentOutcome::Failed, std::nullopt, Problem::OrderFailed));
    EXPECT_EQ(screen(), Screen::Problem);
    EXPECT_EQ(state().problem, Problem::OrderFailed);
    EXPECT_TRUE(state().offer.done);
}

// --- USOS, readers, pcscd, backend ---

TEST_F(SessionEngineTest, serviceUnavailable_checksAgainWhileCardIn_andRecovers) {
    readerThere();
    cardIn();
    answer(result(StudentOutcome::Failed, std::nullopt, Problem::ServiceUnavailable));
    EXPECT_EQ(screen(), Screen::ServiceUnavailable);
    const auto checks = started_.size();
    after(9s);
    EXPECT_EQ(started_.size(), checks);
    after(1s);
    ASSERT_EQ(started_.size(), checks + 1);
    EXPECT_EQ(jobKind(), JobKind::Check);
    EXPECT_EQ(screen(), Screen::ServiceUnavailable); // a silent check
    answer(result(StudentOutcome::MayOrder));
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
}

TEST_F(SessionEngineTest, serviceUnavailable_idleTimeoutStillEnds) {
    readerThere();
    cardIn();
    answer(result(StudentOutcome::Failed, std::nullopt, Problem::ServiceUnavailable));
    for (int i = 0; i < 6; ++i) {
        after(10s);
        answer(result(StudentOutcome::Failed, std::nullopt, Problem::ServiceUnavailable));
    }
    EXPECT_EQ(screen(), Screen::TakeCard);
    cardOut();
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionEngineTest, readerUnplugged_duringSession_readerMissingThenIdleWhenBack) {
    atReady();
    send(event::ReaderRemoved{reader});
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    EXPECT_EQ(forgotten_, 1);
    readerThere();
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionEngineTest, pcscdLost_readerMissing_thenIdleWhenReadersReturn) {
    atConfirm();
    send(event::ServiceLost{});
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    readerThere(); // pcscd is still away: its reader events cannot count
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    send(event::ServiceBack{});
    readerThere();
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionEngineTest, readerFailure_ofTheCheck_readerMissing) {
    readerThere();
    cardIn();
    answer(result(StudentOutcome::Failed, std::nullopt, Problem::ReaderMissing));
    EXPECT_EQ(screen(), Screen::ReaderMissing);
    after(60s);
    EXPECT_EQ(screen(), Screen::TakeCard); // pcscd still lists the card
    cardOut();
    EXPECT_EQ(screen(), Screen::Idle);
}

TEST_F(SessionEngineTest, backendUnavailable_outOfServiceWithCode_loggedAsError_cardsIgnored) {
    readerThere();
    cardIn();
    send(event::BackendUnavailable{"consumer_secret_unreadable"});
    EXPECT_EQ(screen(), Screen::OutOfService);
    EXPECT_EQ(state().errorCode, "consumer_secret_unreadable");
    EXPECT_FALSE(engine_.runningJob());
    ASSERT_FALSE(logs_.empty());
    bool logged = false;
    for (const auto& line : logs_)
        logged |= line.starts_with("<3>") &&
                  line.find("error=consumer_secret_unreadable") != std::string::npos;
    EXPECT_TRUE(logged);
    cardOut();
    const auto jobs = started_.size();
    cardIn();
    EXPECT_EQ(started_.size(), jobs);
    EXPECT_EQ(screen(), Screen::OutOfService);
    after(600s);
    EXPECT_EQ(screen(), Screen::OutOfService);
}

TEST_F(SessionEngineTest, tapsNotOffered_changeNothing) {
    readerThere();
    for (const auto t : {Tap::Order, Tap::Confirm, Tap::Cancel, Tap::Revoke, Tap::Done, Tap::Back,
                         Tap::MoreTime}) {
        const auto transition = send(event::StudentTap{t});
        EXPECT_FALSE(transition.screenChanged);
        EXPECT_TRUE(transition.commands.empty());
    }
    atConfirm();
    for (const auto t : {Tap::Confirm, Tap::Cancel, Tap::Revoke, Tap::Back}) {
        const auto transition = send(event::StudentTap{t});
        EXPECT_FALSE(transition.screenChanged);
        EXPECT_TRUE(transition.commands.empty());
    }
}

TEST_F(SessionEngineTest, offers_everyScreenOffersOnlyItsActions) {
    EXPECT_EQ(state().offer, Offer{});
    readerThere();
    cardIn();
    EXPECT_EQ(state().offer, Offer{});
    answer(result(StudentOutcome::Refused, std::nullopt, Problem::NoPhoto));
    EXPECT_EQ(screen(), Screen::Problem);
    EXPECT_EQ(state().offer, (Offer{.done = true, .moreTime = true}));
    tap(Tap::Done);
    EXPECT_EQ(screen(), Screen::Goodbye);
    EXPECT_EQ(state().offer, Offer{});
}

TEST_F(SessionEngineTest, logs_holdCodesButNoPersonalData) {
    atReady();
    tap(Tap::Done);
    for (const auto& line : logs_) {
        EXPECT_EQ(line.find("Zofia"), std::string::npos) << line;
        EXPECT_EQ(line.find("QR-TOKEN"), std::string::npos) << line;
        EXPECT_EQ(line.find("ABCD1234"), std::string::npos) << line;
    }
}

// --- defect 2 of issue 10: an order sent is never forgotten silently ---

TEST_F(SessionEngineTest, orderSent_cardPulledWhileOrdering_saysTheOrderExists_thenIdle) {
    for (const bool statusKnown : {false, true}) {
        engine_ = SessionEngine(EngineSettings{"", {}}, now_, logger());
        forgotten_ = 0;
        atConfirm();
        tap(Tap::Order);
        const auto orderJob = job();
        if (statusKnown)
            answer(result(StudentOutcome::Progress, orderWith(McardStatus::Pending)));
        cardOut();
        EXPECT_EQ(screen(), Screen::OrderSent) << statusKnown;
        // Nothing personal, only the status ("" while USOS has not shown the order yet).
        EXPECT_EQ(state().orderStatus, statusKnown ? "pending" : "") << statusKnown;
        EXPECT_TRUE(state().firstName.empty());
        EXPECT_EQ(forgotten_, 1);
        EXPECT_EQ(stopped_.back(), orderJob);
        EXPECT_EQ(state().secondsLeft, 30);
        EXPECT_TRUE(state().offer.done);
        EXPECT_TRUE(state().offer.moreTime);
        const auto jobs = started_.size();
        after(30s);
        EXPECT_EQ(screen(), Screen::Idle) << statusKnown;
        EXPECT_EQ(started_.size(), jobs) << "no second order request";
    }
}

TEST_F(SessionEngineTest, orderSent_cardPulledAtExistingPendingOrderOrItsCancelQuestion) {
    atExisting(McardStatus::InProgress);
    tap(Tap::Cancel);
    cardOut();
    EXPECT_EQ(screen(), Screen::OrderSent);
    EXPECT_EQ(state().orderStatus, "in_progress");
}

TEST_F(SessionEngineTest, orderSent_usosFailsAfterTheOrderWasSent_thenTakeCard) {
    atConfirm();
    tap(Tap::Order);
    answer(result(StudentOutcome::Progress, orderWith(McardStatus::Pending)));
    answer(result(StudentOutcome::Failed, std::nullopt, Problem::ServiceUnavailable));
    EXPECT_EQ(screen(), Screen::OrderSent);
    EXPECT_EQ(state().orderStatus, "pending");
    EXPECT_FALSE(engine_.runningJob());
    tap(Tap::Done); // the card is still in
    EXPECT_EQ(screen(), Screen::TakeCard);
}

TEST_F(SessionEngineTest, orderSent_usosUnreachableRightAfterTheTap_statusUnknown) {
    atConfirm();
    tap(Tap::Order);
    answer(result(StudentOutcome::Failed, std::nullopt, Problem::ServiceUnavailable));
    EXPECT_EQ(screen(), Screen::OrderSent);
    EXPECT_EQ(state().orderStatus, "");
}

TEST_F(SessionEngineTest, orderDeclinedOrErrored_isAProblem_notAnOrderToComeBackFor) {
    atConfirm();
    tap(Tap::Order);
    answer(result(StudentOutcome::Failed, std::nullopt, Problem::OrderFailed));
    EXPECT_EQ(screen(), Screen::Problem);
    EXPECT_EQ(state().problem, Problem::OrderFailed);
    after(60s); // nothing waits in USOS: the idle timeout does not tell of an order
    EXPECT_EQ(screen(), Screen::TakeCard);

    engine_ = SessionEngine(EngineSettings{"", {}}, now_, logger());
    atConfirm();
    tap(Tap::Order);
    answer(result(StudentOutcome::Failed, orderWith(McardStatus::Error), Problem::OrderFailed));
    EXPECT_EQ(screen(), Screen::Problem);
}

TEST_F(SessionEngineTest, orderDeadlinePassed_showsOrderSentWithItsStatus) {
    atConfirm();
    tap(Tap::Order);
    answer(result(StudentOutcome::InProgress, orderWith(McardStatus::InProgress)));
    EXPECT_EQ(screen(), Screen::OrderSent);
    EXPECT_EQ(state().orderStatus, "in_progress");
    after(30s);
    EXPECT_EQ(screen(), Screen::TakeCard);
}

TEST_F(SessionEngineTest, orderSent_moreTime_restartsItsCountdown) {
    atConfirm();
    tap(Tap::Order);
    cardOut();
    after(25s);
    EXPECT_TRUE(state().warning);
    tap(Tap::MoreTime);
    EXPECT_EQ(state().secondsLeft, 30);
    EXPECT_FALSE(state().warning);
    after(29s);
    EXPECT_EQ(screen(), Screen::OrderSent);
}

// --- defect 3: revoke, activated orders, no flash ---

TEST_F(SessionEngineTest, readyOrderWithoutToken_followedOnReading_noExistingOrderFlash) {
    readerThere();
    cardIn();
    auto listed = orderWith(McardStatus::Ready);
    listed.token.reset();
    listed.distributionPass.reset();
    answer(result(StudentOutcome::HasOrder, listed));
    EXPECT_EQ(screen(), Screen::Reading);
    EXPECT_EQ(jobKind(), JobKind::Follow);
    answer(result(StudentOutcome::Ready, orderWith(McardStatus::Ready)));
    EXPECT_EQ(screen(), Screen::Ready);
    EXPECT_TRUE(state().offer.revoke);
}

TEST_F(SessionEngineTest, receivedOrder_existingOrderActivated_noQr_revokeAndDone) {
    readerThere();
    cardIn();
    answer(result(StudentOutcome::HasOrder, orderWith(McardStatus::Received)));
    EXPECT_EQ(screen(), Screen::ExistingOrder);
    EXPECT_EQ(state().orderStatus, "received");
    EXPECT_TRUE(state().token.empty());
    EXPECT_TRUE(state().activationCode.empty());
    EXPECT_TRUE(state().offer.revoke);
    EXPECT_TRUE(state().offer.done);
    EXPECT_FALSE(state().offer.cancel);
    EXPECT_FALSE(engine_.runningJob());
    tap(Tap::Revoke);
    EXPECT_EQ(screen(), Screen::ConfirmRevoke);
    tap(Tap::Back);
    EXPECT_EQ(screen(), Screen::ExistingOrder);
    EXPECT_FALSE(engine_.runningJob()) << "nothing to follow";
    tap(Tap::Revoke);
    tap(Tap::Confirm);
    answer(result(StudentOutcome::Revoked, orderWith(McardStatus::Revoked)));
    answer(result(StudentOutcome::MayOrder));
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
}

TEST_F(SessionEngineTest, revoked_cardPulledMeanwhile_idle) {
    atReady();
    tap(Tap::Revoke);
    tap(Tap::Confirm);
    const auto revokeJob = job();
    send(event::JobUpdate{revokeJob, result(StudentOutcome::Progress)}); // nothing to show
    cardOut();
    EXPECT_EQ(screen(), Screen::Idle);
}

// --- defect 4: take your card ---

TEST_F(SessionEngineTest, takeCard_afterDoneGoodbye_alertsAfter20sAndEvery10s_untilRemoved) {
    atConfirm();
    tap(Tap::Done);
    EXPECT_EQ(screen(), Screen::Goodbye);
    after(5s);
    EXPECT_EQ(screen(), Screen::TakeCard);
    EXPECT_TRUE(state().firstName.empty());
    EXPECT_EQ(state().offer, Offer{});
    after(19s);
    EXPECT_EQ(state().cardAlerts, 0);
    after(1s);
    EXPECT_EQ(state().cardAlerts, 1);
    after(9s);
    EXPECT_EQ(state().cardAlerts, 1);
    after(1s);
    EXPECT_EQ(state().cardAlerts, 2);
    after(600s); // no timeout: the screen stays while the card is in
    EXPECT_EQ(screen(), Screen::TakeCard);
    cardOut();
    EXPECT_EQ(screen(), Screen::Idle);
    EXPECT_EQ(state().cardAlerts, 0);
}

TEST_F(SessionEngineTest, takeCard_newCardInAnotherReader_startsANormalSession) {
    atConfirm();
    after(60s);
    ASSERT_EQ(screen(), Screen::TakeCard);
    readerThere(otherReader);
    cardIn(otherReader);
    EXPECT_EQ(screen(), Screen::Reading);
    EXPECT_EQ(started_.back().reader, otherReader);
}

TEST_F(SessionEngineTest, takeCard_sameReaderOutAndIn_startsANormalSession) {
    atConfirm();
    after(60s);
    ASSERT_EQ(screen(), Screen::TakeCard);
    const auto jobs = started_.size();
    cardOut();
    EXPECT_EQ(screen(), Screen::Idle);
    cardIn();
    EXPECT_EQ(screen(), Screen::Reading);
    EXPECT_EQ(started_.size(), jobs + 1);
}

TEST_F(SessionEngineTest, takeCard_readerUnplugged_readerMissing) {
    atConfirm();
    after(60s);
    ASSERT_EQ(screen(), Screen::TakeCard);
    send(event::ReaderRemoved{reader});
    EXPECT_EQ(screen(), Screen::ReaderMissing);
}

// --- defect 5 (WCAG 2.2.1): a warning before every timeout, and more time ---

TEST_F(SessionEngineTest, idleTimeout_warns20sBefore_moreTimeEndsTheWarningAndRestarts) {
    atConfirm();
    after(39s);
    EXPECT_FALSE(state().warning);
    EXPECT_EQ(state().secondsLeft, 0);
    const auto warned = after(1s);
    EXPECT_TRUE(warned.screenChanged);
    EXPECT_TRUE(state().warning);
    EXPECT_EQ(state().secondsLeft, 20);
    after(5s);
    EXPECT_EQ(state().secondsLeft, 15);
    tap(Tap::MoreTime);
    EXPECT_FALSE(state().warning);
    EXPECT_EQ(state().secondsLeft, 0);
    after(59s);
    EXPECT_EQ(screen(), Screen::ConfirmOrder);
    EXPECT_TRUE(state().warning);
    EXPECT_EQ(state().secondsLeft, 1);
    after(1s);
    EXPECT_EQ(screen(), Screen::TakeCard);
    EXPECT_FALSE(state().warning);
}

TEST_F(SessionEngineTest, idleWarning_onEveryTimedScreen_notOnReadingOrGoodbye) {
    const auto warnsAt = [this](const char* name) {
        after(40s);
        EXPECT_TRUE(state().warning) << name;
        EXPECT_TRUE(state().offer.moreTime) << name;
    };
    atConfirm();
    warnsAt("confirm");
    tap(Tap::Order);
    answer(result(StudentOutcome::Progress, orderWith(McardStatus::Pending)));
    warnsAt("in progress");
    tap(Tap::Cancel);
    warnsAt("confirm cancel");

    engine_ = SessionEngine(EngineSettings{"", {}}, now_, logger());
    atExisting(McardStatus::Pending);
    warnsAt("existing");

    engine_ = SessionEngine(EngineSettings{"", {}}, now_, logger());
    readerThere();
    cardIn();
    answer(result(StudentOutcome::Refused, std::nullopt, Problem::NoPhoto));
    warnsAt("problem");

    engine_ = SessionEngine(EngineSettings{"", {}}, now_, logger());
    readerThere();
    cardIn();
    answer(result(StudentOutcome::Failed, std::nullopt, Problem::ServiceUnavailable));
    warnsAt("usos down");

    engine_ = SessionEngine(EngineSettings{"", {}}, now_, logger());
    readerThere();
    cardIn();
    after(45s);
    EXPECT_FALSE(state().warning) << "reading";
}

TEST_F(SessionEngineTest, idleWarning_aNewStatusIsActivity_endsTheWarning) {
    atConfirm();
    tap(Tap::Order);
    after(45s);
    EXPECT_TRUE(state().warning);
    answer(result(StudentOutcome::Progress, orderWith(McardStatus::InProgress)));
    EXPECT_FALSE(state().warning);
    EXPECT_EQ(state().secondsLeft, 0);
}

TEST_F(SessionEngineTest, readyCountdown_warnsInItsLast20s) {
    atReady();
    after(99s);
    EXPECT_FALSE(state().warning);
    after(1s);
    EXPECT_TRUE(state().warning);
    EXPECT_EQ(state().secondsLeft, 20);
    tap(Tap::MoreTime);
    EXPECT_FALSE(state().warning);
    EXPECT_EQ(state().secondsLeft, 120);
}

} // namespace
