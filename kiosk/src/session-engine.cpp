#include "els/kiosk/session-engine.hpp"

#include "els/platform/clock.hpp"

namespace els::kiosk {

using platform::McardOrder;
using platform::McardStatus;

namespace {

ScreenState onScreen(Screen screen, Problem problem = Problem::None) {
    ScreenState state;
    state.screen = screen;
    state.problem = problem;
    return state;
}

int secondsUntil(TimePoint end, TimePoint now) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(end - now).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

std::string isoDate(const std::optional<std::chrono::year_month_day>& date) {
    if (!date || !date->ok())
        return {};
    return platform::isoDate(*date);
}

bool cancellable(std::string_view status) {
    return status == platform::toString(McardStatus::Pending) ||
           status == platform::toString(McardStatus::InProgress);
}

bool revocable(std::string_view status) {
    return status == platform::toString(McardStatus::Ready) ||
           status == platform::toString(McardStatus::Received);
}

Screen screenOf(Problem problem) {
    switch (problem) {
    case Problem::ReaderMissing:
        return Screen::ReaderMissing;
    case Problem::ServiceUnavailable:
        return Screen::ServiceUnavailable;
    default:
        return Screen::Problem;
    }
}

} // namespace

const char* toString(Screen screen) noexcept {
    switch (screen) {
    case Screen::Idle:
        return "idle";
    case Screen::Reading:
        return "reading";
    case Screen::Problem:
        return "problem";
    case Screen::ConfirmOrder:
        return "confirm_order";
    case Screen::OrderInProgress:
        return "order_in_progress";
    case Screen::Ready:
        return "ready";
    case Screen::ExistingOrder:
        return "existing_order";
    case Screen::ConfirmCancel:
        return "confirm_cancel";
    case Screen::ConfirmRevoke:
        return "confirm_revoke";
    case Screen::ReaderMissing:
        return "reader_missing";
    case Screen::ServiceUnavailable:
        return "service_unavailable";
    case Screen::Goodbye:
        return "goodbye";
    case Screen::OutOfService:
        return "out_of_service";
    case Screen::OrderSent:
        return "order_sent";
    case Screen::TakeCard:
        return "take_card";
    }
    return "unknown";
}

const char* toString(StudentOutcome outcome) noexcept {
    switch (outcome) {
    case StudentOutcome::MayOrder:
        return "may_order";
    case StudentOutcome::HasOrder:
        return "has_order";
    case StudentOutcome::Refused:
        return "refused";
    case StudentOutcome::Progress:
        return "progress";
    case StudentOutcome::Ready:
        return "ready";
    case StudentOutcome::InProgress:
        return "in_progress";
    case StudentOutcome::Cancelled:
        return "cancelled";
    case StudentOutcome::Revoked:
        return "revoked";
    case StudentOutcome::Failed:
        return "failed";
    case StudentOutcome::Stopped:
        return "stopped";
    }
    return "failed";
}

const char* event::toString(Tap tap) noexcept {
    switch (tap) {
    case event::Tap::Order:
        return "order";
    case event::Tap::Confirm:
        return "confirm";
    case event::Tap::Cancel:
        return "cancel";
    case event::Tap::Revoke:
        return "revoke";
    case event::Tap::Done:
        return "done";
    case event::Tap::Back:
        return "back";
    case event::Tap::MoreTime:
        return "more_time";
    }
    return "unknown";
}

const char* toString(JobKind kind) noexcept {
    switch (kind) {
    case JobKind::Check:
        return "check";
    case JobKind::Order:
        return "order";
    case JobKind::Follow:
        return "follow";
    case JobKind::Cancel:
        return "cancel";
    case JobKind::Revoke:
        return "revoke";
    }
    return "unknown";
}

SessionTimings SessionTimings::fromConfig(const platform::TimingConfig& timing) {
    SessionTimings timings;
    timings.idleTimeout = timing.idleTimeout;
    timings.readyScreen = timing.readyScreen;
    timings.removalGrace = timing.removalGrace;
    return timings;
}

SessionEngine::SessionEngine(EngineSettings settings, TimePoint now, platform::log::Logger logger)
    : settings_(std::move(settings)), logger_(std::move(logger)), now_(now),
      readerCheckAt_(now + settings_.timings.readerWait) {
    state_.offer = offerFor(state_);
}

Transition SessionEngine::handle(const Event& event, TimePoint now) {
    now_ = now;
    out_.clear();
    const auto before = state_;
    std::visit([this](const auto& e) { on(e); }, event);
    return Transition{state_, std::move(out_), state_ != before};
}

// --- the facts ---

bool SessionEngine::watches(const std::string& reader) const {
    return settings_.reader.empty() || reader == settings_.reader;
}

bool SessionEngine::readerUsable() const {
    if (!serviceUp_)
        return false;
    return settings_.reader.empty() ? !readers_.empty() : readers_.contains(settings_.reader);
}

bool SessionEngine::cardIn() const {
    return !sessionReader_.empty() && cardsIn_.contains(sessionReader_);
}

Screen SessionEngine::restingScreen() const {
    if (backend_ == Backend::Broken)
        return Screen::OutOfService;
    return readerUsable() ? Screen::Idle : Screen::ReaderMissing;
}

ScreenState SessionEngine::resting() const {
    return onScreen(restingScreen());
}

ScreenState SessionEngine::afterSession() const {
    // A forgotten legitymacja (name, PESEL) must not wait for the next student to find it.
    if (restingScreen() == Screen::Idle && !cardsIn_.empty())
        return onScreen(Screen::TakeCard);
    return resting();
}

std::optional<std::string> SessionEngine::pendingOrder() const {
    if (!orderShown_)
        return orderSent_ ? std::optional<std::string>(std::string{}) : std::nullopt;
    // An issued, withdrawn or failed order is not waiting for anything.
    if (!cancellable(state_.orderStatus))
        return std::nullopt;
    return state_.orderStatus;
}

bool SessionEngine::warns(const ScreenState& state) const {
    return state.offer.moreTime && state.secondsLeft > 0 &&
           state.secondsLeft <= settings_.timings.warning.count();
}

// The one place that decides what a student may tap.
Offer SessionEngine::offerFor(const ScreenState& state) const {
    Offer offer;
    const bool waiting = job_ && (job_->kind == JobKind::Check || job_->kind == JobKind::Order ||
                                  job_->kind == JobKind::Cancel || job_->kind == JobKind::Revoke);
    switch (state.screen) {
    case Screen::ConfirmOrder:
        offer.order = !waiting;
        offer.done = true;
        break;
    case Screen::ConfirmCancel:
    case Screen::ConfirmRevoke:
        offer.confirm = !waiting;
        offer.back = !waiting;
        break;
    case Screen::OrderInProgress:
        offer.cancel = orderShown_ && cancellable(state.orderStatus);
        break;
    case Screen::ExistingOrder:
        offer.cancel = cancellable(state.orderStatus);
        offer.revoke = revocable(state.orderStatus) && cardIn();
        offer.done = true;
        break;
    case Screen::Ready:
        offer.revoke = revocable(state.orderStatus) && cardIn();
        offer.done = true;
        break;
    case Screen::Problem:
    case Screen::OrderSent:
        offer.done = true;
        break;
    default:
        break;
    }
    // Every screen that ends on its own while a student is at it can be given more time.
    const bool timed = state.screen != Screen::Idle && state.screen != Screen::Reading &&
                       state.screen != Screen::Goodbye && state.screen != Screen::ReaderMissing &&
                       state.screen != Screen::OutOfService && state.screen != Screen::TakeCard;
    // OrderSent outlives the session: whoever reads it may still want the time.
    offer.moreTime = timed && (!sessionReader_.empty() || state.screen == Screen::OrderSent);
    return offer;
}

// --- changes ---

void SessionEngine::touch() {
    idleAt_ = now_ + settings_.timings.idleTimeout;
}

void SessionEngine::startCountdown(std::chrono::seconds length) {
    countdownLength_ = length;
    countdownEnd_ = now_ + length;
}

void SessionEngine::show(ScreenState next) {
    next.offer = offerFor(next);
    if (next.screen != state_.screen) {
        logger_.info("screen", {{"screen", next.screen}});
        next.cardAlerts = 0;
        takeCardSince_ = next.screen == Screen::TakeCard ? std::optional(now_) : std::nullopt;
    }
    if (countdownEnd_) {
        next.secondsLeft = secondsUntil(*countdownEnd_, now_);
        if (next != state_)
            touch();
    } else {
        // The idle timeout's warning is the engine's own (Tick): only news counts as activity
        // and ends the warning; a retry that finds USOS still down keeps no one waiting.
        next.secondsLeft = state_.secondsLeft;
        next.warning = state_.warning;
        if (next != state_) {
            touch();
            next.secondsLeft = 0;
        }
    }
    next.warning = warns(next);
    state_ = std::move(next);
}

void SessionEngine::start(JobKind kind) {
    stopJob();
    job_ = Running{++lastJob_, kind};
    out_.push_back({Command::Type::StartJob, job_->id, kind, sessionReader_});
}

void SessionEngine::stopJob() {
    if (!job_)
        return;
    out_.push_back({Command::Type::StopJob, job_->id, job_->kind, {}});
    job_.reset();
}

void SessionEngine::startSession(const std::string& reader) {
    if (!sessionReader_.empty())
        endSession(onScreen(Screen::Reading), "new_card");
    sessionReader_ = reader;
    logger_.info("session_started");
    // The TLS handshake overlaps the chip read: USOS is asked only once the card is read.
    out_.push_back({Command::Type::WarmUp, 0, JobKind::Check, {}});
    start(JobKind::Check);
    show(onScreen(Screen::Reading));
}

void SessionEngine::endSession(ScreenState next, platform::log::Code why,
                               std::optional<std::chrono::seconds> countdown) {
    stopJob();
    if (!sessionReader_.empty()) {
        logger_.info("session_ended", {{"why", why}});
        out_.push_back({Command::Type::ForgetStudent, 0, JobKind::Check, {}});
    }
    sessionReader_.clear();
    orderShown_ = false;
    orderSent_ = false;
    beforeConfirm_.reset();
    countdownEnd_.reset();
    retryAt_.reset();
    if (countdown)
        startCountdown(*countdown);
    show(std::move(next));
}

void SessionEngine::toOrderSent(std::string status, platform::log::Code why) {
    ScreenState sent = onScreen(Screen::OrderSent);
    sent.orderStatus = std::move(status); // empty: sent, fate unknown
    endSession(std::move(sent), why, settings_.timings.orderNotice);
}

void SessionEngine::showOrder(const McardOrder& order, Screen screen) {
    orderShown_ = true;
    ScreenState next = state_;
    next.screen = screen;
    next.problem = Problem::None;
    next.usosReason = {};
    next.orderStatus = platform::toString(order.status);
    next.orderDate = isoDate(order.orderDate);
    next.expirationDate = isoDate(order.expirationDate);
    // Never the QR or the code here: an order on this screen is not (or no longer) to be
    // activated.
    next.token.clear();
    next.activationCode.clear();
    next.codeNote = {};
    show(std::move(next));
}

void SessionEngine::showIssued(const McardOrder& order, const LocalizedText& codeNote) {
    if (order.status != McardStatus::Received) {
        enterReady(order, codeNote);
        return;
    }
    // Already activated in mObywatel: the QR and code would only confuse (and could be used by
    // someone else); the student may revoke it (a new phone) or finish.
    countdownEnd_.reset();
    showOrder(order, Screen::ExistingOrder);
}

void SessionEngine::enterReady(const McardOrder& order, const LocalizedText& codeNote) {
    // The countdown starts at the first Ready; a removal grace begun since is kept.
    if (state_.screen != Screen::Ready || !countdownEnd_)
        startCountdown(settings_.timings.readyScreen);
    orderShown_ = true;
    ScreenState next = state_;
    next.screen = Screen::Ready;
    next.problem = Problem::None;
    next.orderStatus = platform::toString(order.status);
    next.orderDate = isoDate(order.orderDate);
    next.expirationDate = isoDate(order.expirationDate);
    next.token = order.token.value_or("");
    next.activationCode = order.distributionPass.value_or("");
    next.codeNote = codeNote;
    show(std::move(next));
}

// An order from USOS is what the student sees: the goodbye may thank them for it.
bool SessionEngine::orderOnScreen() const {
    return state_.screen == Screen::Ready || state_.screen == Screen::ExistingOrder;
}

void SessionEngine::toGoodbye(std::string orderStatus) {
    ScreenState goodbye = onScreen(Screen::Goodbye);
    goodbye.orderStatus = std::move(orderStatus); // "cancelled" / "revoked": nothing personal
    endSession(std::move(goodbye), "done", settings_.timings.goodbye);
}

// --- events ---

void SessionEngine::on(const event::BackendReady&) {
    if (backend_ == Backend::Broken)
        return; // a broken configuration stays broken until the kiosk is restarted
    backend_ = Backend::Ready;
}

void SessionEngine::on(const event::BackendUnavailable& e) {
    backend_ = Backend::Broken;
    // Codes come from the kiosk's own checks (checkConfigUsable, Backend), never personal.
    logger_.error("kiosk_out_of_service",
                  {{"error", platform::log::Code::fromConfiguration(e.code)}});
    ScreenState out = onScreen(Screen::OutOfService);
    out.errorCode = e.code;
    endSession(std::move(out), "out_of_service");
}

void SessionEngine::on(const event::ReaderAdded& e) {
    readers_.insert(e.reader);
    if (state_.screen == Screen::ReaderMissing && sessionReader_.empty() && readerUsable())
        show(resting());
}

void SessionEngine::on(const event::ReaderRemoved& e) {
    readers_.erase(e.reader);
    cardsIn_.erase(e.reader);
    if (state_.screen == Screen::TakeCard && cardsIn_.empty()) {
        show(resting());
        return;
    }
    if (e.reader == sessionReader_ ||
        (sessionReader_.empty() && !readerUsable() && state_.screen != restingScreen()))
        endSession(resting(), "reader_removed");
}

void SessionEngine::on(const event::ServiceLost&) {
    serviceUp_ = false;
    readers_.clear();
    cardsIn_.clear();
    endSession(resting(), "service_lost");
}

void SessionEngine::on(const event::ServiceBack&) {
    serviceUp_ = true;
}

void SessionEngine::on(const event::CardInserted& e) {
    if (!watches(e.reader))
        return;
    cardsIn_.insert(e.reader);
    if (backend_ == Backend::Broken)
        return; // nothing can be done for the student; the screen says so
    // A card in a second reader does not interrupt a student at the first.
    if (cardIn() && e.reader != sessionReader_)
        return;
    startSession(e.reader);
}

void SessionEngine::on(const event::CardRemoved& e) {
    cardsIn_.erase(e.reader);
    if ((state_.screen == Screen::Goodbye || state_.screen == Screen::TakeCard) &&
        watches(e.reader)) {
        countdownEnd_.reset(); // "take your card" is done
        show(afterSession());
        return;
    }
    if (e.reader != sessionReader_)
        return;
    if (state_.screen == Screen::Ready) {
        // Let the student glance at the code once more; the countdown shows how long.
        startCountdown(settings_.timings.removalGrace);
        show(state_); // also withdraws "revoke": it needs the card
        return;
    }
    if (auto status = pendingOrder()) {
        // The order lives on without the card: say so before the screen forgets the student.
        toOrderSent(std::move(*status), "card_removed");
        return;
    }
    endSession(resting(), "card_removed");
}

void SessionEngine::on(const event::StudentTap& e) {
    using event::Tap;
    const Offer offer = state_.offer;
    switch (e.tap) {
    case Tap::Order:
        if (!offer.order)
            return;
        logger_.info("tap", {{"tap", e.tap}});
        {
            ScreenState waiting = state_;
            waiting.screen = Screen::OrderInProgress;
            waiting.orderStatus = platform::toString(McardStatus::Pending);
            orderSent_ = true;
            start(JobKind::Order);
            show(std::move(waiting));
        }
        return;
    case Tap::Cancel:
    case Tap::Revoke: {
        const bool cancel = e.tap == Tap::Cancel;
        if (cancel ? !offer.cancel : !offer.revoke)
            return;
        logger_.info("tap", {{"tap", e.tap}});
        stopJob(); // no status change under the question
        countdownEnd_.reset();
        beforeConfirm_ = state_;
        ScreenState question = state_;
        question.screen = cancel ? Screen::ConfirmCancel : Screen::ConfirmRevoke;
        question.secondsLeft = 0;
        show(std::move(question));
        return;
    }
    case Tap::Confirm:
        if (!offer.confirm)
            return;
        logger_.info("tap", {{"tap", e.tap}});
        start(state_.screen == Screen::ConfirmCancel ? JobKind::Cancel : JobKind::Revoke);
        show(state_); // the offer changes: no second confirm while the request runs
        return;
    case Tap::Back: {
        if (!offer.back || !beforeConfirm_)
            return;
        logger_.info("tap", {{"tap", e.tap}});
        auto previous = std::move(*beforeConfirm_);
        beforeConfirm_.reset();
        if (previous.screen == Screen::Ready) {
            // A fresh countdown: the question took the student's time.
            startCountdown(settings_.timings.readyScreen);
            show(std::move(previous));
            return;
        }
        if (previous.orderStatus == platform::toString(McardStatus::Received)) {
            show(std::move(previous)); // an activated order has nothing left to follow
            return;
        }
        start(JobKind::Follow);
        show(std::move(previous));
        return;
    }
    case Tap::Done:
        if (!offer.done)
            return;
        logger_.info("tap", {{"tap", e.tap}});
        if (cardIn()) {
            toGoodbye(orderOnScreen() ? state_.orderStatus : std::string{});
        } else {
            endSession(afterSession(), "done");
        }
        return;
    case Tap::MoreTime:
        if (!offer.moreTime)
            return;
        logger_.info("tap", {{"tap", e.tap}});
        if (countdownEnd_) {
            startCountdown(countdownLength_);
            show(state_);
            return;
        }
        touch();
        state_.secondsLeft = 0;
        state_.warning = false;
        return;
    }
}

void SessionEngine::on(const event::JobUpdate& e) {
    if (!job_ || e.job != job_->id)
        return; // stale: a removed card's or a stopped job's answer
    const auto& result = e.result;
    const auto kind = job_->kind;
    if (result.isFinal())
        job_.reset();
    finished(result, kind);
}

void SessionEngine::finished(const StudentResult& result, JobKind kind) {
    const bool following = kind == JobKind::Follow;
    switch (result.outcome) {
    case StudentOutcome::MayOrder: {
        ScreenState confirm = state_;
        confirm.screen = Screen::ConfirmOrder;
        confirm.firstName = result.firstName;
        show(std::move(confirm));
        return;
    }
    case StudentOutcome::HasOrder: {
        state_.firstName = result.firstName;
        if (!result.order) {
            show(onScreen(Screen::Problem, Problem::Internal));
            return;
        }
        if (result.order->token || result.order->status == McardStatus::Received) {
            showIssued(*result.order, result.codeNote);
            return;
        }
        if (result.order->status == McardStatus::Ready) {
            // The list USOS checks against has no token: fetch it while "checking" stays on
            // screen, instead of flashing the existing-order screen before the QR.
            start(JobKind::Follow);
            show(state_);
            return;
        }
        showOrder(*result.order, Screen::ExistingOrder);
        start(JobKind::Follow); // followed live, without a tap, until ready or the deadline
        show(state_);
        return;
    }
    case StudentOutcome::Progress:
        if (!result.order)
            return;
        if (result.order->token && !result.order->distributionPass)
            return; // half an issued order is not shown
        if (result.order->token) {
            showIssued(*result.order, result.codeNote);
            return;
        }
        showOrder(*result.order, state_.screen == Screen::ExistingOrder && following
                                     ? Screen::ExistingOrder
                                     : Screen::OrderInProgress);
        return;
    case StudentOutcome::Ready:
        if (!result.order) {
            show(onScreen(Screen::Problem, Problem::Internal));
            return;
        }
        showIssued(*result.order, result.codeNote);
        return;
    case StudentOutcome::InProgress:
        // The order deadline passed: the order exists and will be ready later.
        toOrderSent(result.order ? platform::toString(result.order->status)
                                 : pendingOrder().value_or(std::string{}),
                    "order_deadline");
        return;
    case StudentOutcome::Cancelled:
        toGoodbye(platform::toString(McardStatus::Cancelled));
        return;
    case StudentOutcome::Revoked: {
        if (!cardIn()) {
            toGoodbye(platform::toString(McardStatus::Revoked));
            return;
        }
        // Revoked for a new phone: check again, so the student lands on "order" at once.
        orderShown_ = false;
        orderSent_ = false;
        ScreenState again = onScreen(Screen::Reading);
        again.orderStatus = platform::toString(McardStatus::Revoked);
        start(JobKind::Check);
        show(std::move(again));
        return;
    }
    case StudentOutcome::Refused: {
        if (kind == JobKind::Order)
            orderSent_ = false; // refused before any request went out
        ScreenState refused = state_;
        refused.screen = Screen::Problem;
        refused.problem = result.problem;
        refused.usosReason = result.reason;
        if (!result.firstName.empty())
            refused.firstName = result.firstName;
        refused.token.clear();
        refused.activationCode.clear();
        refused.codeNote = {};
        show(std::move(refused));
        return;
    }
    case StudentOutcome::Failed: {
        const auto problem = result.problem == Problem::None ? Problem::Internal : result.problem;
        const bool aboutTheOrder = kind == JobKind::Order || kind == JobKind::Follow;
        const bool usosFailed =
            problem == Problem::ServiceUnavailable || problem == Problem::OrderFailed;
        const bool orderFailed = result.order && result.order->status == McardStatus::Error;
        // OrderFailed with no order seen: USOS declined the request, nothing was placed.
        const bool placed = result.order || orderShown_ || problem == Problem::ServiceUnavailable;
        if (aboutTheOrder && usosFailed && !orderFailed && placed) {
            if (auto status =
                    result.order
                        ? std::optional(std::string(platform::toString(result.order->status)))
                        : pendingOrder()) {
                toOrderSent(std::move(*status), "usos_failed");
                return;
            }
        }
        if (aboutTheOrder) { // declined or failed in USOS: no order waits for this student
            orderSent_ = false;
            orderShown_ = false;
        }
        ScreenState failed = state_;
        failed.screen = screenOf(problem);
        failed.problem = problem;
        failed.token.clear();
        failed.activationCode.clear();
        failed.codeNote = {};
        if (problem == Problem::ServiceUnavailable)
            retryAt_ = now_ + settings_.timings.serviceRetry;
        show(std::move(failed));
        return;
    }
    case StudentOutcome::Stopped:
        return; // whoever stopped the job decides what to show
    }
}

void SessionEngine::on(const event::Tick&) {
    const auto now = now_;
    if (readerCheckAt_ && now >= *readerCheckAt_) {
        readerCheckAt_.reset();
        if (state_.screen == Screen::Idle && sessionReader_.empty() && !readerUsable())
            show(resting());
    }
    if (takeCardSince_ && now - *takeCardSince_ >= settings_.timings.cardAlert) {
        const auto late = now - *takeCardSince_ - settings_.timings.cardAlert;
        const auto alerts = static_cast<int>(1 + late / settings_.timings.cardAlertRepeat);
        if (alerts != state_.cardAlerts) {
            if (state_.cardAlerts == 0)
                logger_.warning("card_left_in_reader");
            ScreenState next = state_;
            next.cardAlerts = alerts;
            show(std::move(next));
        }
    }
    if (countdownEnd_) {
        if (now >= *countdownEnd_) {
            countdownEnd_.reset();
            if (state_.screen == Screen::Ready && cardIn()) {
                toGoodbye(state_.orderStatus);
            } else {
                endSession(afterSession(), "countdown");
            }
            return;
        }
        if (secondsUntil(*countdownEnd_, now) != state_.secondsLeft)
            show(state_);
        return; // a screen with a countdown has no other timeout
    }
    const bool resting = state_.screen == Screen::Idle || state_.screen == Screen::OutOfService ||
                         state_.screen == Screen::TakeCard ||
                         (state_.screen == Screen::ReaderMissing && !readerUsable());
    if (!resting && idleAt_ && now >= *idleAt_) {
        if (auto status = pendingOrder()) {
            toOrderSent(std::move(*status), "idle_timeout");
            return;
        }
        endSession(afterSession(), "idle_timeout");
        return;
    }
    if (!resting && idleAt_) {
        // The warning before the idle timeout (WCAG 2.2.1), on screens that offer more time.
        ScreenState next = state_;
        const int left = secondsUntil(*idleAt_, now);
        next.secondsLeft = left <= settings_.timings.warning.count() ? left : 0;
        next.warning = warns(next);
        if (!next.warning)
            next.secondsLeft = 0;
        state_ = std::move(next); // not news: the idle timeout goes on
    }
    if (retryAt_ && now >= *retryAt_ && state_.screen == Screen::ServiceUnavailable && !job_) {
        retryAt_.reset();
        if (cardIn()) {
            logger_.info("usos_retry");
            start(JobKind::Check); // a silent check: the screen stays until its answer
        }
    }
}

} // namespace els::kiosk
