// kioskctl session: one whole headless kiosk session for the card in a reader.
#include "arg-reader.hpp"
#include "calendar.hpp"
#include "command.hpp"
#include "els/kiosk/problem-text.hpp"
#include "els/kiosk/session-engine.hpp"
#include "els/kiosk/student-service.hpp"
#include "els/platform/config.hpp"
#include "els/smartcard/pcsc.hpp"
#include "reader-choice.hpp"
#include "signal-stop.hpp"
#include "terminal-qr.hpp"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <iostream>
#include <optional>
#include <poll.h>
#include <string>
#include <unistd.h>

namespace els::kiosk::kioskctl {

namespace {

// Exit statuses of `kioskctl session` beyond the shared ones (see sessionHelp).
constexpr int exitRefused = 8;
constexpr int exitInProgress = 9;
constexpr int exitSessionError = 10;

constexpr const char* sessionHelp =
    R"(usage: kioskctl session [--reader NAME] [--config FILE] [--yes] [--json]
                        [--cancel | --revoke] [--today YYYY-MM-DD]
One headless kiosk session for the card in the reader: read and verify the card, check it
and the student in USOS, then (after a y/N confirmation unless --yes) order the mLegitymacja
and follow it until it is ready, printing the QR code, the activation code and the mObywatel
steps. An existing order is shown (or followed) instead of ordering again. --cancel cancels
a pending order, --revoke revokes an issued mLegitymacja. --json prints one JSON object at
the end; the questions then go to stderr. --reader defaults to [reader] name of the config,
else the first reader with a card. The same session engine as the kiosk screen decides.
SIGINT/SIGTERM stop the session after the current step (an order already placed stays in
USOS and is shown by the next session); a second one quits at once.
exit status: 0 ready, cancelled, revoked or declined; 8 refused (the reason says what to do);
  9 still in progress when [timing] order_deadline_s passed; 10 session error (card removed,
  reader missing, USOS unavailable, order failed); 130 / 143 stopped by SIGINT / SIGTERM;
  1 other failure (e.g. configuration); 2 usage
)";

enum class SessionAction { Order, Cancel, Revoke };

// How a CLI session ended (the JSON `outcome`, the exit status).
enum class SessionOutcome {
    Ready,
    InProgress,
    Refused,
    Cancelled,
    Revoked,
    Declined,
    Stopped,
    Error
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

struct SessionResult {
    SessionOutcome outcome = SessionOutcome::Error;
    Problem problem = Problem::None;
    LocalizedText reason;
    std::optional<platform::McardOrder> order;
    LocalizedText codeNote; // where the activation code went, when it is not shown
};

SessionResult sessionResultOf(const StudentResult& result) {
    SessionResult out;
    out.problem = result.problem;
    out.order = result.order;
    out.codeNote = result.codeNote;
    switch (result.outcome) {
    case StudentOutcome::HasOrder:
    case StudentOutcome::Ready:
        out.outcome = SessionOutcome::Ready;
        break;
    case StudentOutcome::InProgress:
        out.outcome = SessionOutcome::InProgress;
        break;
    case StudentOutcome::Refused:
        out.outcome = SessionOutcome::Refused;
        break;
    case StudentOutcome::Cancelled:
        out.outcome = SessionOutcome::Cancelled;
        break;
    case StudentOutcome::Revoked:
        out.outcome = SessionOutcome::Revoked;
        break;
    case StudentOutcome::Stopped:
        out.outcome = SessionOutcome::Stopped;
        break;
    case StudentOutcome::MayOrder:
    case StudentOutcome::Progress:
    case StudentOutcome::Failed:
        out.outcome = SessionOutcome::Error;
        break;
    }
    if (out.problem != Problem::None)
        out.reason = result.problem == Problem::UsosRefused ? result.reason
                                                            : problemSentence(result.problem);
    return out;
}

struct SessionOptions {
    std::optional<std::string> reader;
    std::string config{platform::defaultConfigPath};
    bool yes = false;
    bool json = false;
    SessionAction action = SessionAction::Order;
    std::optional<std::chrono::year_month_day> today;
    bool help = false;
};

SessionOptions parse(const Args& args) {
    SessionOptions options;
    bool actionGiven = false;
    for (ArgReader in(args); in.next();) {
        const auto& arg = in.current();
        if (arg == "--reader") {
            options.reader = in.value();
        } else if (arg == "--config") {
            options.config = in.value();
        } else if (arg == "--yes") {
            options.yes = true;
        } else if (arg == "--json") {
            options.json = true;
        } else if (arg == "--today") {
            options.today = parseDate(in.value());
        } else if (arg == "--cancel" || arg == "--revoke") {
            if (actionGiven)
                throw UsageError("session: --cancel and --revoke exclude each other");
            actionGiven = true;
            options.action = arg == "--cancel" ? SessionAction::Cancel : SessionAction::Revoke;
        } else if (arg == "--help" || arg == "-h") {
            options.help = true;
        } else {
            throw UsageError("session: unknown argument " + arg);
        }
    }
    return options;
}

const char* question(Screen screen) {
    switch (screen) {
    case Screen::ConfirmCancel:
        return "Anulować zamówienie? / Cancel the order?";
    case Screen::ConfirmRevoke:
        return "Unieważnić mLegitymację? / Revoke the mLegitymacja?";
    default:
        return "Zamówić mLegitymację? / Order the mLegitymacja?";
    }
}

// No answer (end of input, or a stop while waiting) is a no.
bool askOnStdin(const ScreenState& state, std::FILE* out, std::stop_token stop) {
    std::fprintf(out, "%s [y/N] ", question(state.screen));
    std::fflush(out);
    pollfd input{STDIN_FILENO, POLLIN, 0};
    for (;;) { // until a line (or end of input) is there; getline then reads it
        if (stop.stop_requested())
            return false;
        if (::poll(&input, 1, 100) > 0)
            break;
    }
    std::string answer;
    if (!std::getline(std::cin, answer))
        return false;
    return answer == "y" || answer == "Y" || answer == "yes" || answer == "t" || answer == "tak";
}

// Prints what changed, one line each; never more personal data than the first name, and that
// only to a student the kiosk serves (never on a refusal).
class ProgressPrinter {
public:
    void operator()(const ScreenState& state) {
        if (state.screen == Screen::Reading && last_.screen != Screen::Reading)
            std::printf("Czytam legitymację… / Reading the card…\n");
        const bool served =
            state.screen == Screen::ConfirmOrder || state.screen == Screen::ExistingOrder ||
            state.screen == Screen::Ready || state.screen == Screen::OrderInProgress;
        if (served && !state.firstName.empty() && state.firstName != last_.firstName)
            std::printf("Dzień dobry, %s! / Hello, %s!\n", state.firstName.c_str(),
                        state.firstName.c_str());
        if (!state.orderStatus.empty() && state.orderStatus != last_.orderStatus)
            std::printf("Status zamówienia / order status: %s\n", state.orderStatus.c_str());
        std::fflush(stdout);
        last_ = state;
    }

private:
    ScreenState last_;
};

int exitCodeOf(SessionOutcome outcome) {
    switch (outcome) {
    case SessionOutcome::Ready:
    case SessionOutcome::Cancelled:
    case SessionOutcome::Revoked:
    case SessionOutcome::Declined:
        return exitOk;
    case SessionOutcome::Refused:
        return exitRefused;
    case SessionOutcome::InProgress:
        return exitInProgress;
    case SessionOutcome::Stopped: // without a signal: nothing stops a CLI session
    case SessionOutcome::Error:
        break;
    }
    return exitSessionError;
}

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

void printJson(const SessionResult& result, std::uint64_t requests, int signal) {
    QJsonObject json{{"outcome", toString(result.outcome)},
                     {"usos_requests", static_cast<qint64>(requests)}};
    if (signal != 0)
        json.insert("signal", signal == SIGINT ? "SIGINT" : "SIGTERM");
    if (result.problem != Problem::None) {
        json.insert("reason_code", toString(result.problem));
        json.insert("reason",
                    QJsonObject{{"pl", q(result.reason.pl)}, {"en", q(result.reason.en)}});
    }
    if (result.order) {
        json.insert("order_id", q(result.order->id));
        json.insert("status", platform::toString(result.order->status));
        if (result.outcome == SessionOutcome::Ready) {
            json.insert("token", q(result.order->token.value_or("")));
            // Absent when the clone policy sends the code by e-mail: then the note says where.
            if (result.order->distributionPass)
                json.insert("activation_code", q(*result.order->distributionPass));
            if (!result.codeNote.en.empty())
                json.insert("activation_code_note", QJsonObject{{"pl", q(result.codeNote.pl)},
                                                                {"en", q(result.codeNote.en)}});
        }
    }
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
}

void printHuman(const SessionResult& result, const ScreenState& state) {
    switch (result.outcome) {
    case SessionOutcome::Ready: {
        // From the order: the kiosk screen shows no QR for an order already activated
        // (received), the operator's terminal still does.
        const auto token = result.order ? result.order->token.value_or("") : state.token;
        const auto code =
            result.order ? result.order->distributionPass.value_or("") : state.activationCode;
        std::printf("\n%s\n", terminalQr(token).c_str());
        if (!code.empty())
            std::printf("Kod aktywacyjny / activation code: %s\n", code.c_str());
        else
            std::printf("%s\n%s\n", result.codeNote.pl.c_str(), result.codeNote.en.c_str());
        if (!state.orderDate.empty())
            std::printf("Data zamówienia / order date: %s\n", state.orderDate.c_str());
        if (!state.expirationDate.empty())
            std::printf("Termin ważności / valid until: %s\n", state.expirationDate.c_str());
        int step = 1;
        for (const auto& text : mObywatelSteps()) {
            std::printf("%d. %s\n   %s\n", step++, text.pl.c_str(), text.en.c_str());
        }
        break;
    }
    case SessionOutcome::InProgress:
        std::printf(
            "Zamówienie jest w trakcie realizacji; sprawdź później. / The order is still being "
            "processed; check again later.\n");
        break;
    case SessionOutcome::Cancelled:
        std::printf("Zamówienie anulowane. / The order was cancelled.\n");
        break;
    case SessionOutcome::Revoked:
        std::printf("mLegitymacja unieważniona. / The mLegitymacja was revoked.\n");
        break;
    case SessionOutcome::Declined:
        std::printf("Nic nie zrobiono. / Nothing was done.\n");
        break;
    case SessionOutcome::Stopped:
        std::printf("Sesja przerwana; niczego więcej nie wysłano. / Session stopped; nothing more "
                    "was sent.\n");
        if (result.order)
            std::printf("Status zamówienia / order status: %s\n",
                        platform::toString(result.order->status));
        break;
    case SessionOutcome::Refused:
    case SessionOutcome::Error:
        std::printf("%s\n%s\n", result.reason.pl.c_str(), result.reason.en.c_str());
        break;
    }
}

// Drives the session engine for one card: the engine decides, this carries out its commands
// on this thread (one job at a time) and answers its questions from the terminal.
class CliSession {
public:
    CliSession(Backend& backend, std::string reader, SessionTimings timings,
               platform::log::Logger logger, std::function<void(const ScreenState&)> progress)
        : backend_(backend), service_(backend), reader_(std::move(reader)),
          engine_(EngineSettings{reader_, timings}, Clock::now(), std::move(logger)),
          progress_(std::move(progress)) {}

    SessionResult run(SessionAction action, const std::function<bool(const ScreenState&)>& ask,
                      std::stop_token stop) {
        apply(engine_.handle(event::ReaderAdded{reader_}, Clock::now()));
        apply(engine_.handle(event::CardInserted{reader_}, Clock::now()));
        bool decided = false; // the student's one question was asked (or not needed)
        for (;;) {
            if (stop.stop_requested())
                return stopped();
            const auto& state = engine_.screen();
            const bool atDecision = state.screen == Screen::ConfirmOrder ||
                                    state.screen == Screen::ExistingOrder ||
                                    state.screen == Screen::Ready;
            if (!decided && atDecision && action != SessionAction::Order) {
                decided = true;
                const bool cancel = action == SessionAction::Cancel;
                const bool offered = cancel ? state.offer.cancel : state.offer.revoke;
                if (!offered) // nothing of that kind to withdraw: the service says why
                    return sessionResultOf(service_.withdraw(
                        file_,
                        cancel ? platform::OperationKind::Cancel : platform::OperationKind::Revoke,
                        stop));
                tap(cancel ? event::Tap::Cancel : event::Tap::Revoke);
                if (!ask(engine_.screen()))
                    return unconfirmed(true, stop);
                tap(event::Tap::Confirm);
                continue;
            }
            if (!decided && state.screen == Screen::ConfirmOrder) {
                decided = true;
                if (!ask(state))
                    return unconfirmed(false, stop);
                tap(event::Tap::Order);
                continue;
            }
            if (!pending_)
                break;
            runJob(stop);
            // The kiosk checks the card again after a withdrawal (to offer a new order); a
            // CLI session ends with the withdrawal.
            if (last_ && (last_->outcome == StudentOutcome::Cancelled ||
                          last_->outcome == StudentOutcome::Revoked))
                break;
        }
        if (!last_)
            return SessionResult{SessionOutcome::Error,
                                 Problem::Internal,
                                 problemSentence(Problem::Internal),
                                 std::nullopt,
                                 {}};
        return sessionResultOf(*last_);
    }

    const ScreenState& state() const noexcept { return engine_.screen(); }

private:
    void apply(const Transition& transition) {
        for (const auto& command : transition.commands) {
            switch (command.type) {
            case els::kiosk::Command::Type::StartJob:
                pending_ = command;
                break;
            case els::kiosk::Command::Type::StopJob:
                if (pending_ && pending_->job == command.job)
                    pending_.reset();
                break;
            case els::kiosk::Command::Type::WarmUp:
                backend_.usos().warmUp();
                break;
            case els::kiosk::Command::Type::ForgetStudent:
                break; // the process ends with the session
            }
        }
        if (transition.screenChanged && progress_)
            progress_(engine_.screen());
    }
    void tap(event::Tap tap) { apply(engine_.handle(event::StudentTap{tap}, Clock::now())); }

    void runJob(std::stop_token stop) {
        const auto job = *pending_;
        pending_.reset();
        const Report report = [&](const StudentResult& update) {
            apply(engine_.handle(event::JobUpdate{job.job, update}, Clock::now()));
        };
        auto result = service_.run(job.kind, file_, job.reader, stop, report);
        last_ = result;
        apply(engine_.handle(event::JobUpdate{job.job, std::move(result)}, Clock::now()));
    }

    SessionResult stopped() const {
        return SessionResult{SessionOutcome::Stopped, Problem::None, {}, file_.activeOrder, {}};
    }
    // Declining or stopping at the question sends nothing.
    SessionResult unconfirmed(bool withOrder, std::stop_token stop) const {
        if (stop.stop_requested())
            return stopped();
        SessionResult declined{SessionOutcome::Declined, Problem::None, {}, {}, {}};
        if (withOrder)
            declined.order = file_.activeOrder;
        return declined;
    }

    Backend& backend_;
    StudentService service_;
    std::string reader_;
    SessionEngine engine_;
    std::function<void(const ScreenState&)> progress_;
    StudentFile file_;
    std::optional<els::kiosk::Command> pending_;
    std::optional<StudentResult> last_;
};

} // namespace

int runSession(const Args& args) {
    const auto options = parse(args);
    if (options.help) {
        std::fputs(sessionHelp, stdout);
        return exitOk;
    }
    // Before Qt starts a thread: every thread inherits the blocked signals.
    const SignalStop interrupts;
    int argc = 1;
    char name[] = "kioskctl";
    char* argv[] = {name, nullptr};
    const QCoreApplication app(argc, argv);

    const auto config = platform::Config::load(options.config);
    const platform::log::Logger logger;
    const auto backend = Backend::fromConfig(config, logger, options.today);
    backend->usos().warmUp(); // the handshake overlaps the chip read
    // The named reader (option, then config), else the first that holds a card, as read-card.
    const auto reader =
        chooseReader(smartcard::Context{}, options.reader.value_or(config.readerName));

    ProgressPrinter printer;
    std::function<void(const ScreenState&)> progress;
    if (!options.json)
        progress = [&printer](const ScreenState& state) { printer(state); };
    const auto requestsBefore = backend->usos().requestCount();
    CliSession session(*backend, reader, SessionTimings::fromConfig(config.timing), logger,
                       progress);
    const auto ask = [&](const ScreenState& state) {
        return options.yes || askOnStdin(state, options.json ? stderr : stdout, interrupts.token());
    };
    const auto result = session.run(options.action, ask, interrupts.token());
    logger.info("session_finished", {{"outcome", result.outcome}, {"problem", result.problem}});
    if (options.json) {
        printJson(result, backend->usos().requestCount() - requestsBefore, interrupts.signal());
    } else {
        printHuman(result, session.state());
    }
    // A signal decides the status even if the session could still finish its step.
    return interrupts.signal() != 0 ? 128 + interrupts.signal() : exitCodeOf(result.outcome);
}

} // namespace els::kiosk::kioskctl
