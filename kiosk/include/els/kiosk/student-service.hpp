#pragma once

#include "els/kiosk/clone-policy.hpp"
#include "els/kiosk/eligibility.hpp"
#include "els/kiosk/order-workflow.hpp"
#include "els/kiosk/session-engine.hpp"
#include "els/kiosk/student-mail.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/config.hpp"
#include "els/platform/journal.hpp"
#include "els/platform/log.hpp"
#include "els/platform/usos-client.hpp"
#include "els/smartcard/verify.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

// The student's side of a session, without a screen: read and verify the card, ask USOS, decide;
// then order / follow / cancel / revoke. Every step takes the job's stop token and returns a
// domain result (StudentResult) for the session engine. A job owns what it uses: the Backend and
// the StudentFile are shared, so a job that is still unwinding after its session ended touches
// nothing that is gone.
namespace els::kiosk {

// What outlives one student: built once, at start, in the background. Use it from one thread at
// a time (the journal is one SQLite connection); the USOS client's own calls are thread-safe.
class Backend {
public:
    struct Settings {
        std::string lookupMethod = "services/users/search2";
        WorkflowSettings workflow;
        std::optional<std::chrono::year_month_day> today; // overrides the clock's date (tests)
        std::string journalKey; // hashStudent's per-kiosk key; empty: the key next to the journal
        ClonePolicy clone;      // [clone] and [mail]: what the kiosk does against a copied card
        std::optional<StudentMail> mail; // [mail]: empty when no relay is configured
    };

    Backend(smartcard::TrustStore anchors, platform::UsosClientSettings usos,
            const std::filesystem::path& journal, Settings settings,
            platform::log::Logger logger = platform::log::Logger{});
    // Loads the trust anchors and the consumer secret, opens the journal, makes the USOS client
    // (its CA list is parsed here, not on the first student). Throws BackendFailure.
    static std::shared_ptr<Backend> fromConfig(const platform::Config& config,
                                               platform::log::Logger logger,
                                               std::optional<std::chrono::year_month_day> today);

    const smartcard::TrustStore& anchors() const noexcept { return anchors_; }
    platform::UsosClient& usos() noexcept { return usos_; }
    platform::Journal& journal() noexcept { return journal_; }
    const platform::Clock& clock() const noexcept { return clock_; }
    Pacer& pacer() noexcept { return pacer_; }
    const Settings& settings() const noexcept { return settings_; }
    const platform::log::Logger& logger() const noexcept { return logger_; }
    std::chrono::year_month_day today() const;

private:
    smartcard::TrustStore anchors_;
    platform::SystemClock clock_;
    platform::UsosClient usos_;
    platform::Journal journal_;
    SteadyPacer pacer_;
    Settings settings_;
    platform::log::Logger logger_;
};

// Why the backend could not be built, with a stable code for the technician's out-of-service
// screen and the error log: "config_invalid", "usos_settings_invalid" (e.g. the consumer secret
// unreadable), "trust_anchors_invalid", "usos_client_failed", "journal_unwritable".
class BackendFailure : public platform::Error {
public:
    BackendFailure(std::string code, const std::string& what)
        : platform::Error(what), code_(std::move(code)) {}
    const std::string& code() const noexcept { return code_; }

private:
    std::string code_;
};

// One student: what the check learned, for the later steps. Personal; dropped with the session.
struct StudentFile {
    std::string userId;
    std::string hash; // the journal's key for this student
    std::optional<platform::McardOrder> activeOrder;
    std::optional<platform::LangText> whyCannotRevoke;
    // The check's services/cards/mcard, used once by the order that follows the student's tap.
    std::optional<platform::McardInfo> checkedMcard;
    std::string email; // USOS users/user `email`; empty when none
};

// Progress of a long step (the order's status as it changes); called on the job's thread.
using Report = std::function<void(const StudentResult&)>;

// The steps. Each is blocking and runs on a job thread; none throws (failures are results).
class StudentService {
public:
    explicit StudentService(Backend& backend) : backend_(backend) {}

    // Reads and verifies the card in `reader` (one PC/SC transaction), then decides().
    StudentResult check(StudentFile& file, const std::string& reader, std::stop_token stop);
    // The card checks, then lookup → {users/user, cards/user, cards/mcard} at once → decision.
    StudentResult decide(StudentFile& file, const smartcard::VerifiedEls& card,
                         std::stop_token stop);
    // After MayOrder: make_mcard_order at most once, then follow to ready or the deadline.
    StudentResult order(StudentFile& file, std::stop_token stop, const Report& report);
    // After HasOrder: follow the order until ready, failed or the deadline.
    StudentResult follow(StudentFile& file, std::stop_token stop, const Report& report);
    // Cancel a pending order or revoke an issued one (the kind must match the order's status).
    StudentResult withdraw(StudentFile& file, platform::OperationKind kind, std::stop_token stop);

    // The job for a StartJob command of the engine.
    StudentResult run(JobKind kind, StudentFile& file, const std::string& reader,
                      std::stop_token stop, const Report& report);

private:
    StudentResult fromWorkflow(StudentFile& file, const WorkflowResult& result);
    // Whether this student's activation code may be on the screen (ClonePolicy).
    bool codeOnScreen(const StudentFile& file) const noexcept;
    // An issued order's activation code, by the policy: left on screen, or taken off it and
    // e-mailed (once per order, recorded in the journal), the result saying where it went.
    StudentResult deliverCode(StudentFile& file, StudentResult result, std::stop_token stop);
    // The e-mail notice of a confirmed order, cancel or revoke, when the policy asks for one.
    // `codeFollows` false: an order whose code e-mail (its usual notice) is not sent now.
    void notify(const StudentFile& file, Operation operation, bool codeFollows = true);
    // A progress report of the order as the policy lets the screen show it.
    void reportProgress(const StudentFile& file, const Report& report,
                        platform::McardOrder order) const;
    // The journal's counters, after the student has the answer (off the critical path).
    void count(const StudentResult& result, bool sessionStart);

    Backend& backend_;
};

} // namespace els::kiosk
