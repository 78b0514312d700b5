#include "els/kiosk/headless-session.hpp"

#include "els/kiosk/mcard-service.hpp"
#include "els/kiosk/problem-text.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/error.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"

namespace els::kiosk {

using platform::McardOrder;
using platform::McardStatus;
using smartcard::ErrorCode;

namespace {

std::string isoDate(const std::optional<std::chrono::year_month_day>& date) {
    if (!date || !date->ok())
        return {};
    return platform::isoDate(*date);
}

Problem problemOf(ErrorCode code) {
    switch (code) {
    case ErrorCode::ServiceUnavailable:
    case ErrorCode::NoReaders:
    case ErrorCode::ReaderUnavailable:
        return Problem::ReaderMissing;
    case ErrorCode::NoCard:
    case ErrorCode::CardRemoved:
    case ErrorCode::CardReset:
    case ErrorCode::Cancelled:
        return Problem::CardRemoved;
    case ErrorCode::NotElsCard:
    case ErrorCode::MalformedData:
        return Problem::NotElsCard;
    default:
        return Problem::CardUnreadable;
    }
}

ScreenState screenOf(Screen screen) {
    ScreenState state;
    state.screen = screen;
    return state;
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

bool isError(Problem problem) {
    switch (problem) {
    case Problem::CardRemoved:
    case Problem::CardUnreadable:
    case Problem::OrderFailed:
    case Problem::ReaderMissing:
    case Problem::ServiceUnavailable:
    case Problem::Internal:
        return true;
    default:
        return false;
    }
}

} // namespace

// Everything personal about the student in the reader; destroyed with the session.
struct HeadlessSession::Student {
    Student(platform::UsosClient& usos, std::string userId, platform::Journal& journal,
            std::string hash, const SessionEnvironment& env)
        : service(usos, std::move(userId)), workflow(service, journal, env.clock, std::move(hash),
                                                     env.workflow, env.pacer, env.logger) {}

    UsosMcardService service;
    OrderWorkflow workflow;
    std::optional<McardOrder> activeOrder;
    std::optional<platform::LangText> whyCannotRevoke;
};

const char* toString(SessionOutcome outcome) noexcept {
    switch (outcome) {
    case SessionOutcome::Ready:
        return "ready";
    case SessionOutcome::InProgress:
        return "in_progress";
    case SessionOutcome::Refused:
        return "refused";
    case SessionOutcome::Cancelled:
        return "cancelled";
    case SessionOutcome::Revoked:
        return "revoked";
    case SessionOutcome::Declined:
        return "declined";
    case SessionOutcome::Stopped:
        return "stopped";
    case SessionOutcome::Error:
        return "error";
    }
    return "error";
}

HeadlessSession::HeadlessSession(SessionEnvironment environment, ProgressCallback progress)
    : env_(std::move(environment)), progress_(std::move(progress)),
      requestsAtStart_(env_.usos.requestCount()) {}

HeadlessSession::~HeadlessSession() = default;

std::uint64_t HeadlessSession::usosRequests() const noexcept {
    return env_.usos.requestCount() - requestsAtStart_;
}

void HeadlessSession::show(ScreenState state) {
    state_ = std::move(state);
    if (progress_)
        progress_(state_);
}

SessionResult HeadlessSession::finish(SessionResult result) {
    try {
        env_.journal.recordOutcome(toString(result.outcome));
        if (result.problem != Problem::None)
            env_.journal.recordError(toString(result.problem));
    } catch (const platform::Error&) {
        // Counters are metrics: a full disk must not hide the student's result.
    }
    env_.logger.info("session_finished",
                     {{"outcome", result.outcome}, {"problem", result.problem}});
    result_ = result;
    return result;
}

SessionResult HeadlessSession::fail(Problem problem) {
    ScreenState next = state_;
    next.screen = screenOf(problem);
    next.problem = problem;
    next.token.clear();
    next.activationCode.clear();
    show(std::move(next));
    return finish({isError(problem) ? SessionOutcome::Error : SessionOutcome::Refused, problem,
                   problemSentence(problem), std::nullopt});
}

void HeadlessSession::showOrder(const McardOrder& order, Screen screen) {
    ScreenState next = state_;
    next.screen = screen;
    next.problem = Problem::None;
    next.orderStatus = platform::toString(order.status);
    next.orderDate = isoDate(order.orderDate);
    next.expirationDate = isoDate(order.expirationDate);
    next.token = order.token.value_or("");
    next.activationCode = order.distributionPass.value_or("");
    next.offer.cancel = withdrawalKind(order.status) == platform::OperationKind::Cancel;
    next.offer.revoke = withdrawalKind(order.status) == platform::OperationKind::Revoke;
    show(std::move(next));
}

const ScreenState& HeadlessSession::inspect(const std::string& reader) {
    show(screenOf(Screen::Reading));
    try {
        const smartcard::Context context;
        auto card = context.connect(reader);
        const auto files = smartcard::readElsFiles(card);
        const auto verified =
            smartcard::verifyEls(files.els, files.certificate, env_.anchors, env_.clock.now());
        return inspect(verified);
    } catch (const smartcard::Error& e) {
        env_.logger.warning("card_read_failed", {{"error", e.code()}});
        fail(problemOf(e.code()));
    }
    return state_;
}

const ScreenState& HeadlessSession::inspect(const smartcard::VerifiedEls& card) {
    student_.reset();
    result_.reset();
    show(screenOf(Screen::Reading));
    try {
        env_.journal.recordSession();
        const auto today = env_.today ? *env_.today : env_.clock.todayInWarsaw();
        if (const auto refusal = checkCard(card, today)) {
            fail(refusal->problem);
            return state_;
        }
        platform::StudentLookup lookup(env_.usos, env_.lookupMethod);
        const auto userId = lookup.findUserId(card.data.albumNumber, card.data.chipSerial);
        if (!userId) {
            fail(Problem::CardUnknown);
            return state_;
        }
        student_ = std::make_unique<Student>(env_.usos, *userId, env_.journal,
                                             env_.journal.hashStudent(*userId), env_);
        // users/user, cards/user and cards/mcard (complete orders) at once.
        auto record = env_.usos.student(*userId);
        UsosStudent usos{std::move(record.user), std::move(record.cards), std::move(record.mcard)};
        student_->workflow.settle(usos.mcard);
        const auto eligibility = checkEligibility(card, today, usos);

        auto named = screenOf(Screen::Reading);
        named.firstName = usos.user.firstName;
        show(std::move(named));
        student_->whyCannotRevoke = usos.mcard.whyCannotRevoke;
        switch (eligibility.verdict) {
        case Verdict::Refused:
            if (eligibility.problem == Problem::UsosRefused) {
                ScreenState refused = state_;
                refused.screen = Screen::Problem;
                refused.problem = Problem::UsosRefused;
                refused.usosReason = eligibility.reason;
                show(std::move(refused));
                finish({SessionOutcome::Refused, Problem::UsosRefused, eligibility.reason,
                        std::nullopt});
            } else {
                fail(eligibility.problem);
            }
            break;
        case Verdict::MayOrder: {
            ScreenState confirm = state_;
            confirm.screen = Screen::ConfirmOrder;
            show(std::move(confirm));
            break;
        }
        case Verdict::HasOrder:
            student_->activeOrder = eligibility.activeOrder;
            showOrder(*eligibility.activeOrder,
                      eligibility.activeOrder->token ? Screen::Ready : Screen::ExistingOrder);
            break;
        }
    } catch (const platform::UsosError& e) {
        env_.logger.warning("usos_failed", {{"error", e.kind()}});
        fail(Problem::ServiceUnavailable);
    } catch (const platform::Error&) {
        env_.logger.error("kiosk_failed", {{"error", "platform"}});
        fail(Problem::Internal);
    }
    return state_;
}

SessionResult HeadlessSession::fromWorkflow(const WorkflowResult& result) {
    if (result.order)
        student_->activeOrder = result.order;
    switch (result.outcome) {
    case WorkflowOutcome::Ready:
        showOrder(*result.order, Screen::Ready);
        return finish({SessionOutcome::Ready, Problem::None, {}, result.order});
    case WorkflowOutcome::InProgress:
        showOrder(*result.order, Screen::OrderInProgress);
        return finish({SessionOutcome::InProgress, Problem::None, {}, result.order});
    case WorkflowOutcome::Cancelled:
    case WorkflowOutcome::Revoked: {
        showOrder(*result.order, Screen::Goodbye);
        const bool cancelled = result.outcome == WorkflowOutcome::Cancelled;
        return finish({cancelled ? SessionOutcome::Cancelled : SessionOutcome::Revoked,
                       Problem::None,
                       {},
                       result.order});
    }
    case WorkflowOutcome::Refused: {
        ScreenState refused = state_;
        refused.screen = Screen::Problem;
        refused.problem = Problem::UsosRefused;
        refused.usosReason = {result.usosReason->pl, result.usosReason->en};
        show(refused);
        return finish(
            {SessionOutcome::Refused, Problem::UsosRefused, refused.usosReason, std::nullopt});
    }
    case WorkflowOutcome::Stopped:
        // Whoever stopped the session decides what to show; its screen stays as it was.
        return finish({SessionOutcome::Stopped, Problem::None, {}, student_->activeOrder});
    case WorkflowOutcome::Failed:
        break;
    }
    auto failed = fail(result.problem == Problem::None ? Problem::OrderFailed : result.problem);
    failed.order = result.order;
    result_ = failed;
    return failed;
}

SessionResult HeadlessSession::order(std::stop_token stop) {
    if (!student_ || state_.screen != Screen::ConfirmOrder)
        return fail(Problem::Internal);
    ScreenState waiting = state_;
    waiting.screen = Screen::OrderInProgress;
    waiting.orderStatus = platform::toString(McardStatus::Pending);
    show(std::move(waiting));
    try {
        return fromWorkflow(student_->workflow.placeOrder(
            stop, [this](const McardOrder& order) { showOrder(order, Screen::OrderInProgress); }));
    } catch (const platform::Error&) {
        return fail(Problem::Internal);
    }
}

SessionResult HeadlessSession::follow(std::stop_token stop) {
    if (!student_ || !student_->activeOrder)
        return fail(Problem::Internal);
    return fromWorkflow(
        student_->workflow.follow(*student_->activeOrder, stop, [this](const McardOrder& order) {
            showOrder(order, Screen::OrderInProgress);
        }));
}

SessionResult HeadlessSession::withdraw() {
    if (!student_ || !student_->activeOrder)
        return fail(Problem::Internal);
    try {
        return fromWorkflow(student_->workflow.withdraw(*student_->activeOrder, {}));
    } catch (const platform::Error&) {
        return fail(Problem::Internal);
    }
}

SessionResult HeadlessSession::run(const std::string& reader, SessionAction action,
                                   const ConfirmCallback& confirm, std::stop_token stop) {
    inspect(reader);
    if (result_)
        return *result_;
    const auto stopped = [&] {
        return finish({SessionOutcome::Stopped,
                       Problem::None,
                       {},
                       student_ ? student_->activeOrder : std::nullopt});
    };
    if (stop.stop_requested())
        return stopped();
    const auto ask = [&](Screen screen) {
        ScreenState question = state_;
        question.screen = screen;
        show(question);
        return !confirm || confirm(state_);
    };
    // Declining or stopping at the question sends nothing.
    const auto unconfirmed = [&](std::optional<McardOrder> order) {
        if (stop.stop_requested())
            return stopped();
        return finish({SessionOutcome::Declined, Problem::None, {}, std::move(order)});
    };
    if (action == SessionAction::Order) {
        if (state_.screen == Screen::ConfirmOrder) {
            if (!ask(Screen::ConfirmOrder))
                return unconfirmed(std::nullopt);
            return order(stop);
        }
        return follow(stop);
    }

    const auto wanted = action == SessionAction::Cancel ? platform::OperationKind::Cancel
                                                        : platform::OperationKind::Revoke;
    const auto active = student_ ? student_->activeOrder : std::nullopt;
    if (!active || withdrawalKind(active->status) != wanted) {
        ScreenState refused = state_;
        refused.screen = Screen::Problem;
        refused.problem = Problem::UsosRefused;
        const auto why = student_ ? student_->whyCannotRevoke : std::nullopt;
        refused.usosReason =
            !active && why ? LocalizedText{why->pl, why->en}
            : wanted == platform::OperationKind::Cancel
                ? LocalizedText{"Nie ma zamówienia, które można anulować (wydaną mLegitymację "
                                "można tylko unieważnić).",
                                "There is no order to cancel (an issued mLegitymacja can only be "
                                "revoked)."}
                : LocalizedText{"Nie ma wydanej mLegitymacji, którą można unieważnić.",
                                "There is no issued mLegitymacja to revoke."};
        show(refused);
        return finish({SessionOutcome::Refused, Problem::UsosRefused, refused.usosReason, active});
    }
    if (!ask(wanted == platform::OperationKind::Cancel ? Screen::ConfirmCancel
                                                       : Screen::ConfirmRevoke))
        return unconfirmed(active);
    return withdraw();
}

} // namespace els::kiosk
