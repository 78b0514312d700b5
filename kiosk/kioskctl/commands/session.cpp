// kioskctl session: one whole headless kiosk session for the card in a reader.
#include "arg-reader.hpp"
#include "calendar.hpp"
#include "command.hpp"
#include "els/kiosk/headless-session.hpp"
#include "els/kiosk/problem-text.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/config.hpp"
#include "els/platform/journal.hpp"
#include "els/platform/usos-client.hpp"
#include "els/smartcard/verify.hpp"
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
the end; the questions then go to stderr. --reader defaults to [reader] name of the config.
SIGINT/SIGTERM stop the session after the current step (an order already placed stays in
USOS and is shown by the next session); a second one quits at once.
exit status: 0 ready, cancelled, revoked or declined; 8 refused (the reason says what to do);
  9 still in progress when [timing] order_deadline_s passed; 10 session error (card removed,
  reader missing, USOS unavailable, order failed); 130 / 143 stopped by SIGINT / SIGTERM;
  1 other failure (e.g. configuration); 2 usage
)";

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

// Prints what changed, one line each; never more personal data than the first name.
class ProgressPrinter {
public:
    void operator()(const ScreenState& state) {
        if (state.screen == Screen::Reading && last_.screen != Screen::Reading)
            std::printf("Czytam legitymację… / Reading the card…\n");
        if (!state.firstName.empty() && state.firstName != last_.firstName)
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
            json.insert("activation_code", q(result.order->distributionPass.value_or("")));
        }
    }
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
}

void printHuman(const SessionResult& result, const ScreenState& state) {
    switch (result.outcome) {
    case SessionOutcome::Ready: {
        std::printf("\n%s\n", terminalQr(state.token).c_str());
        std::printf("Kod aktywacyjny / activation code: %s\n", state.activationCode.c_str());
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
    const auto reader = options.reader ? *options.reader : config.readerName;
    if (reader.empty())
        throw UsageError("session needs --reader NAME (or [reader] name in the config)");
    const auto anchors = smartcard::TrustStore::load(config.trustAnchors);
    const platform::log::Logger logger;
    platform::UsosClient usos(platform::UsosClientSettings::fromConfig(config), logger);
    const platform::SystemClock clock;
    platform::Journal journal(config.journalPath, clock);
    SteadyPacer pacer;

    WorkflowSettings workflow;
    workflow.pollInitial = config.timing.pollInitial;
    workflow.pollMax = config.timing.pollMax;
    workflow.deadline = config.timing.orderDeadline;

    ProgressPrinter printer;
    ProgressCallback progress;
    if (!options.json)
        progress = [&printer](const ScreenState& state) { printer(state); };
    HeadlessSession session(SessionEnvironment{anchors, usos, journal, clock, pacer,
                                               config.usos.lookupMethod, workflow, logger,
                                               options.today},
                            progress);
    const ConfirmCallback confirm = [&](const ScreenState& state) {
        return options.yes || askOnStdin(state, options.json ? stderr : stdout, interrupts.token());
    };
    const auto result = session.run(reader, options.action, confirm, interrupts.token());
    if (options.json) {
        printJson(result, session.usosRequests(), interrupts.signal());
    } else {
        printHuman(result, session.state());
    }
    // A signal decides the status even if the session could still finish its step.
    return interrupts.signal() != 0 ? 128 + interrupts.signal() : exitCodeOf(result.outcome);
}

} // namespace els::kiosk::kioskctl
