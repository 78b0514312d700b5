#pragma once

#include "els/platform/clock.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

// The kiosk's only persistent state: what it asked USOS to do, so that a crash or a lost answer
// never orders twice or loses an order, plus counters for `kioskctl status`. Students appear only
// as keyed hashes (HMAC with a per-kiosk key kept outside the file); no name, PESEL, album number,
// token or activation code is ever stored.
namespace els::platform {

enum class OperationKind { Order, Cancel, Revoke };
enum class OperationState {
    Started,   // decided, request not yet sent
    Sent,      // request sent, answer not yet recorded
    Confirmed, // USOS confirmed (order id known for orders)
    Failed,    // USOS certainly did not do it
    Unknown,   // the answer was lost: reconcile with USOS before doing anything else
};

const char* toString(OperationKind kind) noexcept;
const char* toString(OperationState state) noexcept;

struct Operation {
    std::int64_t id = 0;
    OperationKind kind = OperationKind::Order;
    std::string idempotencyKey;
    std::string studentHash;
    OperationState state = OperationState::Started;
    int attempts = 0; // how many times the request was sent
    std::optional<std::string> usosOrderId;
    Clock::TimePoint createdAt;
    Clock::TimePoint updatedAt;
    std::string errorCode; // empty unless failed/unknown

    bool isOpen() const noexcept {
        return state == OperationState::Started || state == OperationState::Sent ||
               state == OperationState::Unknown;
    }
};

struct JournalCounters {
    std::int64_t sessions = 0;
    std::map<std::string, std::int64_t> sessionOutcomes; // outcome code → count
    std::map<std::string, std::int64_t> errors;          // error code → count
    // "<kind>.<state>" (e.g. "order.confirmed") → count, from the operations table.
    std::map<std::string, std::int64_t> operations;
};

// Durability: the file is in WAL mode with synchronous=NORMAL, so most writes cost no fsync
// (a power cut may lose the last ones, a crashed process loses none). Only the record written
// right before make_mcard_order/revoke_mcard is sent (recordIntent, markSent) is fsynced before
// it returns: losing it could let a restarted kiosk send a second order. Everything else can be
// lost without a double or lost order: an operation left "started" was never sent, one left
// "sent" is reconciled with USOS, and counters are statistics.
class Journal {
public:
    // Opens or creates the file (and its folder). Several Journal objects (also in other
    // processes) may use one file. Use each object from one thread.
    // Throws Error naming the file when it is not writable, corrupt or from a newer version.
    // studentKey: the per-kiosk key of hashStudent (journalStudentKey), never stored in the file.
    Journal(const std::filesystem::path& file, const Clock& clock, std::string studentKey);
    // Without a key: hashStudent takes it from <file>.key (0600), created at its first use;
    // counters and the rest need none.
    Journal(const std::filesystem::path& file, const Clock& clock);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // HMAC-SHA256 of a stable student id (e.g. the USOS user id) under the kiosk's student key,
    // hex. The key is not in the file, so the file alone re-identifies no one (USOS ids are
    // small enough to try them all against an unkeyed or salted hash).
    std::string hashStudent(std::string_view stableId) const;

    // Records the intent; with a key already known, returns that operation unchanged (the
    // caller then continues or reconciles it instead of starting a second one).
    Operation begin(OperationKind kind, std::string_view studentHash,
                    std::string_view idempotencyKey);

    struct Intent {
        Operation operation;
        bool maySend = false; // true: recorded as sent just now; send the request exactly once
    };
    // The durable record before sending: creates the operation (or takes the started one with
    // this key) as Sent with attempts += 1 in one fsynced transaction. An operation already
    // sent, unknown or finished is returned unchanged with maySend false: reconcile it with
    // USOS, never send again.
    Intent recordIntent(OperationKind kind, std::string_view studentHash,
                        std::string_view idempotencyKey);
    void markSent(std::int64_t operationId); // attempts += 1; durable like recordIntent
    void markConfirmed(std::int64_t operationId, std::string_view usosOrderId = {});
    void markFailed(std::int64_t operationId, std::string_view errorCode);
    void markUnknown(std::int64_t operationId, std::string_view errorCode);

    std::optional<Operation> find(std::string_view idempotencyKey) const;
    // Started, sent and unknown operations of one student, oldest first: crash recovery.
    std::vector<Operation> openOperationsFor(std::string_view studentHash) const;

    // The clone policy e-mails an order's activation code once (kiosk::StudentMail): whether
    // it was, and the record that it was. Keyed by the HMAC of the order id, like students.
    bool codeMailed(std::string_view orderId) const;
    void recordCodeMailed(std::string_view orderId);

    // Counters (codes, never personal data): a session began; how it ended; an error code.
    void recordSession();
    void recordOutcome(std::string_view outcomeCode);
    void recordError(std::string_view errorCode);
    JournalCounters counters() const;

    const std::filesystem::path& file() const noexcept { return file_; }

private:
    void insertStarted(OperationKind kind, std::string_view studentHash,
                       std::string_view idempotencyKey, std::int64_t now);
    Operation insertedOperation(OperationKind kind, std::string_view studentHash,
                                std::string_view idempotencyKey) const;
    void setState(std::int64_t operationId, OperationState state, std::string_view errorCode,
                  std::string_view usosOrderId, bool countAttempt);
    void bump(std::string_view kind, std::string_view code);

    std::filesystem::path file_;
    const Clock& clock_;
    std::unique_ptr<SQLite::Database> db_;
    mutable std::optional<std::string> studentKey_; // loaded from <file>.key when first needed
};

struct Config;

// The kiosk's journal student key: the systemd credential $CREDENTIALS_DIRECTORY/journal-key
// when the program runs with one, else the file [journal] key_file (private, like the consumer
// secret; `kioskctl provision` writes it), else <journal path>.key, created on first use.
// Throws Error naming the file when it is missing or not private.
std::string journalStudentKey(const Config& config);

// A fresh random key for journalStudentKey: 64 hex digits (256 bits).
std::string newJournalKey();

} // namespace els::platform
