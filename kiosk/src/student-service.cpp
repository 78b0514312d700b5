#include "els/kiosk/student-service.hpp"

#include "els/kiosk/mcard-service.hpp"
#include "els/kiosk/problem-text.hpp"
#include "els/platform/error.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"

#include <utility>

namespace els::kiosk {

using platform::McardOrder;
using platform::OperationKind;
using platform::UsosError;
using platform::UsosErrorKind;
using smartcard::ErrorCode;

namespace {

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

StudentResult with(StudentOutcome outcome, Problem problem = Problem::None) {
    StudentResult result;
    result.outcome = outcome;
    result.problem = problem;
    return result;
}

StudentResult refused(Problem problem, LocalizedText reason = {}) {
    auto result = with(StudentOutcome::Refused, problem);
    result.reason = std::move(reason);
    return result;
}

template <typename Step> StudentResult guarded(const platform::log::Logger& logger, Step&& step) {
    try {
        return step();
    } catch (const UsosError& e) {
        if (e.kind() == UsosErrorKind::Cancelled)
            return with(StudentOutcome::Stopped);
        logger.warning("usos_failed", {{"error", e.kind()}});
        return with(StudentOutcome::Failed, Problem::ServiceUnavailable);
    } catch (const smartcard::Error& e) {
        logger.warning("card_read_failed", {{"error", e.code()}});
        return with(StudentOutcome::Failed, problemOf(e.code()));
    } catch (const std::exception&) {
        // The journal (disk) or a bug: nothing the student can fix.
        logger.error("student_step_failed", {{"error", "internal"}});
        return with(StudentOutcome::Failed, Problem::Internal);
    }
}

// The revoke-and-reorder limit, on USOS's own order list (fleet-wide). Orders listed without a
// date are read in full first: a list that hides dates must neither lift the limit nor count
// every order as today's.
bool withinReorderLimit(McardService& usos, std::vector<McardOrder> orders,
                        std::chrono::year_month_day today, int maxReordersPerDay,
                        std::stop_token stop) {
    if (needsOrderDates(orders))
        for (auto& order : orders)
            if (!order.orderDate)
                order = usos.mcardOrder(order.id, stop);
    return mayReorder(orders, today, maxReordersPerDay);
}

template <typename Make> auto stage(platform::log::Code code, Make&& make) {
    try {
        return make();
    } catch (const std::exception& e) {
        throw BackendFailure(std::string(code.text()), e.what());
    }
}

} // namespace

// --- Backend ---

Backend::Backend(smartcard::TrustStore anchors, platform::UsosClientSettings usos,
                 const std::filesystem::path& journal, Settings settings,
                 platform::log::Logger logger)
    : anchors_(std::move(anchors)),
      usos_(stage("usos_client_failed",
                  [&] { return platform::UsosClient(std::move(usos), logger); })),
      journal_(stage("journal_unwritable",
                     [&] {
                         return settings.journalKey.empty()
                                    ? platform::Journal(journal, clock_)
                                    : platform::Journal(journal, clock_, settings.journalKey);
                     })),
      settings_(std::move(settings)), logger_(std::move(logger)) {}

std::shared_ptr<Backend> Backend::fromConfig(const platform::Config& config,
                                             platform::log::Logger logger,
                                             std::optional<std::chrono::year_month_day> today) {
    // What doctor would name first (an unreadable secret, a missing CA file, ...) is also what
    // the technician's screen and the error-priority journal entry name.
    if (const auto problems = platform::checkConfigUsable(config); !problems.empty())
        throw BackendFailure(problems.front().code, problems.front().message);
    auto anchors = stage("trust_anchors_invalid",
                         [&] { return smartcard::TrustStore::load(config.trustAnchors); });
    auto usos = stage("usos_settings_invalid",
                      [&] { return platform::UsosClientSettings::fromConfig(config); });
    Settings settings;
    settings.lookupMethod = config.usos.lookupMethod;
    settings.workflow.pollInitial = config.timing.pollInitial;
    settings.workflow.pollMax = config.timing.pollMax;
    settings.workflow.deadline = config.timing.orderDeadline;
    settings.workflow.settleAfter = WorkflowSettings::settleAfterFor(config.timing.requestTimeout);
    settings.today = today;
    settings.journalKey =
        stage("journal_key_unreadable", [&] { return platform::journalStudentKey(config); });
    settings.clone = stage("config_invalid", [&] { return ClonePolicy::fromConfig(config); });
    // The relay's password is read now: a broken mail setup fails at start, not at a student.
    settings.mail = stage("mail_settings_invalid", [&] { return StudentMail::fromConfig(config); });
    return std::make_shared<Backend>(std::move(anchors), std::move(usos), config.journalPath,
                                     std::move(settings), std::move(logger));
}

std::chrono::year_month_day Backend::today() const {
    return settings_.today ? *settings_.today : clock_.todayInWarsaw();
}

// --- StudentService ---

StudentResult StudentService::check(StudentFile& file, const std::string& reader,
                                    std::stop_token stop) {
    std::optional<smartcard::VerifiedEls> verified;
    const auto& policy = backend_.settings().clone;
    auto failed = guarded(backend_.logger(), [&] {
        const smartcard::Context context;
        auto card = context.connect(reader);
        smartcard::ReadOptions options;
        options.chipSerialCommand = policy.chipSerialCommand;
        const auto files = smartcard::readElsFiles(card, options);
        verified = smartcard::verifyEls(files.els, files.certificate, backend_.anchors(),
                                        backend_.clock().now());
        // The chip's own answer against the signed serial, before USOS learns of this card: a
        // copy of a student's files on another chip gets nothing of theirs. An unverified card
        // is refused by decide() for its signature, which says more than a chip mismatch.
        if (policy.chipSerialCommand && verified->verified()) {
            const auto binding =
                files.chipSerial
                    ? smartcard::chipBinding(*files.chipSerial, verified->data.chipSerial)
                    : smartcard::ChipBinding::NotAnswered;
            if (!chipBindingAccepts(binding)) {
                backend_.logger().warning("chip_binding_refused", {{"binding", binding}});
                verified.reset();
                return refused(Problem::ChipMismatch);
            }
        }
        return with(StudentOutcome::Stopped);
    });
    if (!verified) {
        count(failed, true);
        return failed;
    }
    return decide(file, *verified, stop);
}

StudentResult StudentService::decide(StudentFile& file, const smartcard::VerifiedEls& card,
                                     std::stop_token stop) {
    auto result = guarded(backend_.logger(), [&] {
        file = StudentFile{};
        if (const auto refusal = checkCard(card, backend_.today()))
            return refused(refusal->problem);
        platform::StudentLookup lookup(backend_.usos(), backend_.settings().lookupMethod);
        const auto userId = lookup.findUserId(card.data.albumNumber, card.data.chipSerial, stop);
        if (!userId)
            return refused(Problem::CardUnknown);
        file.userId = *userId;
        file.hash = backend_.journal().hashStudent(*userId);
        // users/user, cards/user and cards/mcard (complete orders) at once: one round trip.
        auto record = backend_.usos().student(*userId, stop);
        UsosStudent usos{std::move(record.user), std::move(record.cards), std::move(record.mcard)};
        // Open operations of this student (a crash, a lost answer) are settled before deciding.
        UsosMcardService service(backend_.usos(), file.userId);
        OrderWorkflow(service, backend_.journal(), backend_.clock(), file.hash,
                      backend_.settings().workflow, backend_.pacer(), backend_.logger())
            .settle(usos.mcard);
        file.whyCannotRevoke = usos.mcard.whyCannotRevoke;
        file.checkedMcard = usos.mcard;
        file.email = usos.user.email;
        const auto eligibility = checkEligibility(card, backend_.today(), usos);
        switch (eligibility.verdict) {
        case Verdict::Refused:
            // No name: a refused student is told what to fix, nothing more.
            return refused(eligibility.problem, eligibility.reason);
        case Verdict::MayOrder: {
            // "Order" is not offered past the limit (a clone revoking and reordering).
            if (!withinReorderLimit(service, usos.mcard.orders, backend_.today(),
                                    backend_.settings().clone.maxReordersPerDay, stop))
                return refused(Problem::ReorderLimit);
            // The code would have nowhere to go: USOSweb (password) is the student's way.
            if (deliveryFor(backend_.settings().clone, !file.email.empty()) ==
                ActivationDelivery::Refuse)
                return refused(Problem::CodeNeedsEmail);
            auto may = with(StudentOutcome::MayOrder);
            may.firstName = usos.user.firstName;
            return may;
        }
        case Verdict::HasOrder: {
            file.activeOrder = eligibility.activeOrder;
            auto has = with(StudentOutcome::HasOrder);
            has.firstName = usos.user.firstName;
            has.order = eligibility.activeOrder;
            return deliverCode(file, std::move(has), stop);
        }
        }
        return with(StudentOutcome::Failed, Problem::Internal);
    });
    count(result, true);
    return result;
}

StudentResult StudentService::fromWorkflow(StudentFile& file, const WorkflowResult& result) {
    if (result.order)
        file.activeOrder = result.order;
    StudentResult out;
    out.order = result.order;
    switch (result.outcome) {
    case WorkflowOutcome::Ready:
        out.outcome = StudentOutcome::Ready;
        break;
    case WorkflowOutcome::InProgress:
        out.outcome = StudentOutcome::InProgress;
        break;
    case WorkflowOutcome::Cancelled:
        out.outcome = StudentOutcome::Cancelled;
        break;
    case WorkflowOutcome::Revoked:
        out.outcome = StudentOutcome::Revoked;
        break;
    case WorkflowOutcome::Refused:
        out.outcome = StudentOutcome::Refused;
        out.problem = result.problem == Problem::None ? Problem::UsosRefused : result.problem;
        if (result.usosReason)
            out.reason = {result.usosReason->pl, result.usosReason->en};
        break;
    case WorkflowOutcome::Stopped:
        out.outcome = StudentOutcome::Stopped;
        break;
    case WorkflowOutcome::Failed:
        out.outcome = StudentOutcome::Failed;
        out.problem = result.problem == Problem::None ? Problem::OrderFailed : result.problem;
        break;
    }
    return out;
}

StudentResult StudentService::order(StudentFile& file, std::stop_token stop, const Report& report) {
    auto result = guarded(backend_.logger(), [&] {
        if (file.userId.empty())
            return with(StudentOutcome::Failed, Problem::Internal);
        UsosMcardService service(backend_.usos(), file.userId);
        OrderWorkflow workflow(service, backend_.journal(), backend_.clock(), file.hash,
                               backend_.settings().workflow, backend_.pacer(), backend_.logger());
        const auto known = std::exchange(file.checkedMcard, std::nullopt);
        // Asked again on the list the request rests on, right before it is sent.
        const OrderGate mayOrder = [&](const platform::McardInfo& mcard) {
            return withinReorderLimit(service, mcard.orders, backend_.today(),
                                      backend_.settings().clone.maxReordersPerDay, stop);
        };
        auto out = fromWorkflow(
            file, workflow.placeOrder(
                      stop, [&](const McardOrder& order) { reportProgress(file, report, order); },
                      known ? &*known : nullptr, mayOrder));
        // A ready order's code e-mail is its notice; one still in progress gets no code yet,
        // so its owner is told now.
        if (out.outcome == StudentOutcome::Ready)
            notify(file, Operation::Order);
        else if (out.outcome == StudentOutcome::InProgress)
            notify(file, Operation::Order, false);
        return deliverCode(file, std::move(out), stop);
    });
    count(result, false);
    return result;
}

StudentResult StudentService::follow(StudentFile& file, std::stop_token stop,
                                     const Report& report) {
    auto result = guarded(backend_.logger(), [&] {
        if (file.userId.empty() || !file.activeOrder)
            return with(StudentOutcome::Failed, Problem::Internal);
        UsosMcardService service(backend_.usos(), file.userId);
        OrderWorkflow workflow(service, backend_.journal(), backend_.clock(), file.hash,
                               backend_.settings().workflow, backend_.pacer(), backend_.logger());
        return deliverCode(file,
                           fromWorkflow(file, workflow.follow(*file.activeOrder, stop,
                                                              [&](const McardOrder& order) {
                                                                  reportProgress(file, report,
                                                                                 order);
                                                              })),
                           stop);
    });
    count(result, false);
    return result;
}

StudentResult StudentService::withdraw(StudentFile& file, OperationKind kind,
                                       std::stop_token stop) {
    auto result = guarded(backend_.logger(), [&] {
        const auto& active = file.activeOrder;
        if (file.userId.empty() || !active || withdrawalKind(active->status) != kind) {
            const auto& why = file.whyCannotRevoke;
            LocalizedText reason =
                !active && why ? LocalizedText{why->pl, why->en}
                : kind == OperationKind::Cancel
                    ? LocalizedText{"Nie ma zamówienia, które można anulować (wydaną mLegitymację "
                                    "można tylko unieważnić).",
                                    "There is no order to cancel (an issued mLegitymacja can only "
                                    "be revoked)."}
                    : LocalizedText{"Nie ma wydanej mLegitymacji, którą można unieważnić.",
                                    "There is no issued mLegitymacja to revoke."};
            auto no = refused(Problem::UsosRefused, std::move(reason));
            no.order = active;
            return no;
        }
        UsosMcardService service(backend_.usos(), file.userId);
        OrderWorkflow workflow(service, backend_.journal(), backend_.clock(), file.hash,
                               backend_.settings().workflow, backend_.pacer(), backend_.logger());
        auto out = fromWorkflow(file, workflow.withdraw(*active, stop));
        if (out.outcome == StudentOutcome::Cancelled)
            notify(file, Operation::Cancel);
        else if (out.outcome == StudentOutcome::Revoked)
            notify(file, Operation::Revoke);
        return out;
    });
    count(result, false);
    return result;
}

bool StudentService::codeOnScreen(const StudentFile& file) const noexcept {
    return showsCodeOnScreen(deliveryFor(backend_.settings().clone, !file.email.empty()));
}

void StudentService::reportProgress(const StudentFile& file, const Report& report,
                                    McardOrder order) const {
    if (!report)
        return;
    // A ready order without its code is not shown until deliverCode said where the code went.
    if (!codeOnScreen(file))
        order.distributionPass.reset();
    StudentResult progress;
    progress.outcome = StudentOutcome::Progress;
    progress.order = std::move(order);
    report(progress);
}

StudentResult StudentService::deliverCode(StudentFile& file, StudentResult result,
                                          std::stop_token stop) {
    if (!result.order || !result.order->distributionPass || codeOnScreen(file))
        return result;
    // Off the screen (and kioskctl's output) from here on, whatever happens to the e-mail.
    const auto code = *std::exchange(result.order->distributionPass, std::nullopt);
    if (file.email.empty()) { // Refuse: an order placed elsewhere (USOSweb) shown again
        result.codeNote = problemText(Problem::CodeNeedsEmail).advice;
        return result;
    }
    // Once per order: a session that shows it again (or comes to revoke it) sends nothing.
    if (!backend_.journal().codeMailed(result.order->id)) {
        const auto& mail = backend_.settings().mail;
        // Never a fallback to the screen: a clone must not get the code by breaking the mail.
        if (!mail || !mail->sendActivationCode(file.email, code, backend_.clock().now(),
                                               backend_.logger(), stop)) {
            result.codeNote = codeMailFailedText();
            return result;
        }
        try {
            backend_.journal().recordCodeMailed(result.order->id);
        } catch (const platform::Error&) {
            // Sent: a disk that cannot record it means at worst one more e-mail to the owner.
        }
    }
    result.codeNote = codeSentText(maskedAddress(file.email));
    return result;
}

void StudentService::notify(const StudentFile& file, Operation operation, bool codeFollows) {
    const auto& mail = backend_.settings().mail;
    const auto& policy = backend_.settings().clone;
    const bool hasEmail = !file.email.empty();
    const bool due =
        codeFollows ? noticeDue(policy, operation, hasEmail) : policy.notify && hasEmail;
    if (!mail || !due)
        return;
    // No stop token: pulling the card must not keep the notice from the card's owner. The send
    // is bounded by [mail] timeout_ms; a failure is logged by StudentMail and changes nothing.
    mail->sendNotice(file.email, operation, backend_.clock().now(), backend_.logger());
}

StudentResult StudentService::run(JobKind kind, StudentFile& file, const std::string& reader,
                                  std::stop_token stop, const Report& report) {
    switch (kind) {
    case JobKind::Check:
        return check(file, reader, stop);
    case JobKind::Order:
        return order(file, stop, report);
    case JobKind::Follow:
        return follow(file, stop, report);
    case JobKind::Cancel:
        return withdraw(file, OperationKind::Cancel, stop);
    case JobKind::Revoke:
        return withdraw(file, OperationKind::Revoke, stop);
    }
    return with(StudentOutcome::Failed, Problem::Internal);
}

void StudentService::count(const StudentResult& result, bool sessionStart) {
    try {
        auto& journal = backend_.journal();
        if (sessionStart)
            journal.recordSession();
        if (result.outcome != StudentOutcome::MayOrder &&
            result.outcome != StudentOutcome::HasOrder)
            journal.recordOutcome(
                result.outcome == StudentOutcome::Failed ? "error" : toString(result.outcome));
        if (result.problem != Problem::None)
            journal.recordError(toString(result.problem));
    } catch (const platform::Error&) {
        // Counters are metrics: a full disk must not hide the student's result.
    }
}

} // namespace els::kiosk
