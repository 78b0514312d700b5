#include "els/platform/journal.hpp"

#include "els/platform/config.hpp"
#include "els/platform/error.hpp"
#include "hex.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <optional>
#include <sqlite3.h>
#include <system_error>
#include <unistd.h>

namespace els::platform {
namespace {

// 2: the student hash is an HMAC under a key outside the file; version 1's salt table is gone.
// 3: mailed_codes (the clone policy e-mails an order's activation code once).
constexpr int schemaVersion = 3;
constexpr int busyTimeoutMs = 5000;

constexpr const char* schema = R"sql(
CREATE TABLE operations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL CHECK (kind IN ('order', 'cancel', 'revoke')),
    idempotency_key TEXT NOT NULL UNIQUE,
    student_hash    TEXT NOT NULL,
    state           TEXT NOT NULL
                    CHECK (state IN ('started', 'sent', 'confirmed', 'failed', 'unknown')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    usos_order_id   TEXT,
    created_at      INTEGER NOT NULL, -- Unix time, milliseconds
    updated_at      INTEGER NOT NULL,
    error_code      TEXT
);
CREATE INDEX operations_by_student ON operations (student_hash, state);
CREATE TABLE counters (
    kind  TEXT NOT NULL,   -- session, outcome, error
    code  TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (kind, code)
);
)sql";

// Orders whose activation code was e-mailed, by an HMAC of the order id (no USOS id in clear).
constexpr const char* mailedCodesSchema = R"sql(
CREATE TABLE IF NOT EXISTS mailed_codes (
    order_hash TEXT PRIMARY KEY,
    mailed_at  INTEGER NOT NULL -- Unix time, milliseconds
) WITHOUT ROWID;
)sql";

constexpr std::array kindNames{"order", "cancel", "revoke"};
constexpr std::array stateNames{"started", "sent", "confirmed", "failed", "unknown"};

template <typename Enum, std::size_t N>
Enum fromName(const std::array<const char*, N>& names, const std::string& name) {
    for (std::size_t i = 0; i < N; ++i)
        if (name == names[i])
            return static_cast<Enum>(i);
    throw Error("journal holds an unknown value '" + name + "'");
}

std::filesystem::path defaultKeyFile(const std::filesystem::path& journal) {
    return journal.string() + ".key";
}

// The key file next to the journal: read, or created (0600, exclusively: two processes starting
// together agree on one key).
std::string loadOrCreateKey(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        const auto key = newJournalKey() + "\n";
        const bool written =
            ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
        const bool synced = ::fsync(fd) == 0;
        ::close(fd);
        if (!written || !synced) {
            ::unlink(file.c_str());
            throw Error("cannot write the journal key " + file.string());
        }
    } else if (errno != EEXIST) {
        throw Error("cannot create the journal key " + file.string() + ": " +
                    std::error_code(errno, std::generic_category()).message());
    }
    return readSecretFile(file);
}

std::int64_t toMillis(Clock::TimePoint at) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

Clock::TimePoint fromMillis(std::int64_t ms) {
    return Clock::TimePoint(
        std::chrono::duration_cast<Clock::TimePoint::duration>(std::chrono::milliseconds(ms)));
}

// Codes are short machine tokens; refusing anything else keeps free text (and with it
// personal data) out of the file by construction.
void requireCode(std::string_view code, std::string_view what) {
    const bool ok = !code.empty() && code.size() <= 64 &&
                    std::all_of(code.begin(), code.end(), [](unsigned char c) {
                        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                               (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
                    });
    if (!ok)
        throw Error("journal: " + std::string(what) +
                    " must be a code ([A-Za-z0-9_.-], at most 64)");
}

Operation readOperation(SQLite::Statement& row) {
    Operation op;
    op.id = row.getColumn(0).getInt64();
    op.kind = fromName<OperationKind>(kindNames, row.getColumn(1).getString());
    op.idempotencyKey = row.getColumn(2).getString();
    op.studentHash = row.getColumn(3).getString();
    op.state = fromName<OperationState>(stateNames, row.getColumn(4).getString());
    op.attempts = row.getColumn(5).getInt();
    if (!row.getColumn(6).isNull())
        op.usosOrderId = row.getColumn(6).getString();
    op.createdAt = fromMillis(row.getColumn(7).getInt64());
    op.updatedAt = fromMillis(row.getColumn(8).getInt64());
    op.errorCode = row.getColumn(9).isNull() ? "" : row.getColumn(9).getString();
    return op;
}

constexpr const char* selectOperation =
    "SELECT id, kind, idempotency_key, student_hash, state, attempts, usos_order_id, "
    "created_at, updated_at, error_code FROM operations ";

// Makes the writes of its lifetime durable: in WAL mode synchronous=FULL fsyncs the log at each
// commit, NORMAL only at checkpoints. Per connection; switched outside transactions only.
class DurableWrites {
public:
    explicit DurableWrites(SQLite::Database& db) : db_(db) {
        db_.exec("PRAGMA synchronous = FULL");
    }
    ~DurableWrites() {
        try {
            db_.exec("PRAGMA synchronous = NORMAL");
        } catch (const SQLite::Exception&) {
            // Stays FULL: slower, never less safe.
        }
    }
    DurableWrites(const DurableWrites&) = delete;
    DurableWrites& operator=(const DurableWrites&) = delete;

private:
    SQLite::Database& db_;
};

Error describe(const std::filesystem::path& file, const SQLite::Exception& e) {
    const int code = e.getErrorCode() & 0xFF;
    std::string why;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        why = " is corrupt or not a journal; move it aside and restart";
    else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM ||
             code == SQLITE_IOERR)
        why = " is not writable; check the path and the owner of the file and its folder";
    else
        why = " failed";
    return Error("journal " + file.string() + why + " (" + e.what() + ")");
}

} // namespace

const char* toString(OperationKind kind) noexcept {
    return kindNames[static_cast<std::size_t>(kind)];
}

const char* toString(OperationState state) noexcept {
    return stateNames[static_cast<std::size_t>(state)];
}

Journal::Journal(const std::filesystem::path& file, const Clock& clock)
    : file_(file), clock_(clock) {
    try {
        std::error_code ec;
        if (file.has_parent_path())
            std::filesystem::create_directories(file.parent_path(), ec);
        db_ = std::make_unique<SQLite::Database>(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                                 busyTimeoutMs);
        if (sqlite3_db_readonly(db_->getHandle(), "main") == 1)
            throw Error("journal " + file.string() +
                        " is not writable; check the owner and mode of the file and its folder");
        db_->execAndGet("PRAGMA journal_mode = WAL");
        db_->exec("PRAGMA synchronous = NORMAL");
        db_->exec("PRAGMA foreign_keys = ON");

        SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        const int version = db_->execAndGet("PRAGMA user_version").getInt();
        if (version > schemaVersion)
            throw Error("journal " + file.string() + " has schema version " +
                        std::to_string(version) + ", newer than this program's " +
                        std::to_string(schemaVersion));
        if (version == 0) {
            db_->exec(schema);
        } else if (version == 1) {
            // The salt goes, overwritten on disk: hashes written under it no longer match
            // anyone (operations still open then are reconciled from USOS's order list,
            // which the workflow reads before any new order).
            db_->exec("PRAGMA secure_delete = ON");
            db_->exec("DROP TABLE salt");
        }
        if (version < 3)
            db_->exec(mailedCodesSchema);
        if (version != schemaVersion)
            db_->exec("PRAGMA user_version = " + std::to_string(schemaVersion));
        transaction.commit();
    } catch (const SQLite::Exception& e) {
        throw describe(file, e);
    }
}

Journal::Journal(const std::filesystem::path& file, const Clock& clock, std::string studentKey)
    : Journal(file, clock) {
    if (studentKey.empty())
        throw Error("journal: the student key is empty");
    studentKey_ = std::move(studentKey);
}

Journal::~Journal() = default;

std::string Journal::hashStudent(std::string_view stableId) const {
    if (!studentKey_)
        studentKey_ = loadOrCreateKey(defaultKeyFile(file_));
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (HMAC(EVP_sha256(), studentKey_->data(), static_cast<int>(studentKey_->size()),
             reinterpret_cast<const unsigned char*>(stableId.data()), stableId.size(),
             digest.data(), &size) == nullptr)
        throw Error("journal: HMAC-SHA256 failed");
    return detail::lowerHex({digest.data(), size});
}

std::string newJournalKey() {
    std::array<unsigned char, 32> key{};
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
        throw Error("journal: no randomness for the student key");
    return detail::lowerHex(key);
}

std::string journalStudentKey(const Config& config) {
    if (credentialFromSystemd("journal-key") || !config.journalKeyFile.empty())
        return readSecret(config.journalKeyFile, "journal-key");
    return loadOrCreateKey(defaultKeyFile(config.journalPath));
}

// begin and recordIntent: the row of a new operation (kept as it is when the key exists).
void Journal::insertStarted(OperationKind kind, std::string_view studentHash,
                            std::string_view idempotencyKey, std::int64_t now) {
    if (studentHash.size() != 64)
        throw Error("journal: the student must be given as hashStudent()'s hash");
    requireCode(idempotencyKey, "an idempotency key");
    SQLite::Statement insert(*db_, "INSERT OR IGNORE INTO operations (kind, idempotency_key, "
                                   "student_hash, state, created_at, updated_at) "
                                   "VALUES (?, ?, ?, 'started', ?, ?)");
    insert.bind(1, toString(kind));
    insert.bind(2, std::string(idempotencyKey));
    insert.bind(3, std::string(studentHash));
    insert.bind(4, static_cast<int64_t>(now));
    insert.bind(5, static_cast<int64_t>(now));
    insert.exec();
}

// The operation with this key after insertStarted: it must be the same kind and student.
Operation Journal::insertedOperation(OperationKind kind, std::string_view studentHash,
                                     std::string_view idempotencyKey) const {
    auto op = find(idempotencyKey);
    if (!op)
        throw Error("journal: operation vanished after insert");
    if (op->kind != kind || op->studentHash != studentHash)
        throw Error("journal: idempotency key reused for a different operation");
    return std::move(*op);
}

Operation Journal::begin(OperationKind kind, std::string_view studentHash,
                         std::string_view idempotencyKey) {
    try {
        insertStarted(kind, studentHash, idempotencyKey, toMillis(clock_.now()));
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
    return insertedOperation(kind, studentHash, idempotencyKey);
}

void Journal::setState(std::int64_t operationId, OperationState state, std::string_view errorCode,
                       std::string_view usosOrderId, bool countAttempt) {
    try {
        SQLite::Statement update(
            *db_, "UPDATE operations SET state = ?, error_code = ?, "
                  "usos_order_id = COALESCE(?, usos_order_id), attempts = attempts + ?, "
                  "updated_at = ? WHERE id = ? AND state IN ('started', 'sent', 'unknown')");
        update.bind(1, toString(state));
        if (errorCode.empty())
            update.bind(2);
        else
            update.bind(2, std::string(errorCode));
        if (usosOrderId.empty())
            update.bind(3);
        else
            update.bind(3, std::string(usosOrderId));
        update.bind(4, countAttempt ? 1 : 0);
        update.bind(5, static_cast<int64_t>(toMillis(clock_.now())));
        update.bind(6, static_cast<int64_t>(operationId));
        if (update.exec() == 1)
            return;
        SQLite::Statement current(*db_, "SELECT state FROM operations WHERE id = ?");
        current.bind(1, static_cast<int64_t>(operationId));
        if (!current.executeStep())
            throw Error("journal: no operation " + std::to_string(operationId));
        throw Error("journal: operation " + std::to_string(operationId) + " is already " +
                    current.getColumn(0).getString() + " and cannot become " + toString(state));
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
}

Journal::Intent Journal::recordIntent(OperationKind kind, std::string_view studentHash,
                                      std::string_view idempotencyKey) {
    try {
        const DurableWrites durable(*db_);
        SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        const auto now = static_cast<int64_t>(toMillis(clock_.now()));
        insertStarted(kind, studentHash, idempotencyKey, now);
        SQLite::Statement send(*db_,
                               "UPDATE operations SET state = 'sent', attempts = attempts + 1, "
                               "updated_at = ? WHERE idempotency_key = ? AND kind = ? AND "
                               "student_hash = ? AND state = 'started'");
        send.bind(1, now);
        send.bind(2, std::string(idempotencyKey));
        send.bind(3, toString(kind));
        send.bind(4, std::string(studentHash));
        const bool maySend = send.exec() == 1;
        transaction.commit();
        return Intent{insertedOperation(kind, studentHash, idempotencyKey), maySend};
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
}

void Journal::markSent(std::int64_t operationId) {
    std::optional<DurableWrites> durable;
    try {
        durable.emplace(*db_);
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
    setState(operationId, OperationState::Sent, {}, {}, true);
}

void Journal::markConfirmed(std::int64_t operationId, std::string_view usosOrderId) {
    if (!usosOrderId.empty())
        requireCode(usosOrderId, "a USOS order id");
    setState(operationId, OperationState::Confirmed, {}, usosOrderId, false);
}

void Journal::markFailed(std::int64_t operationId, std::string_view errorCode) {
    requireCode(errorCode, "an error code");
    setState(operationId, OperationState::Failed, errorCode, {}, false);
}

void Journal::markUnknown(std::int64_t operationId, std::string_view errorCode) {
    requireCode(errorCode, "an error code");
    setState(operationId, OperationState::Unknown, errorCode, {}, false);
}

std::optional<Operation> Journal::find(std::string_view idempotencyKey) const {
    try {
        SQLite::Statement query(*db_, std::string(selectOperation) + "WHERE idempotency_key = ?");
        query.bind(1, std::string(idempotencyKey));
        if (!query.executeStep())
            return std::nullopt;
        return readOperation(query);
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
}

std::vector<Operation> Journal::openOperationsFor(std::string_view studentHash) const {
    try {
        SQLite::Statement query(*db_, std::string(selectOperation) +
                                          "WHERE student_hash = ? AND state IN ('started', "
                                          "'sent', 'unknown') ORDER BY id");
        query.bind(1, std::string(studentHash));
        std::vector<Operation> out;
        while (query.executeStep())
            out.push_back(readOperation(query));
        return out;
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
}

void Journal::bump(std::string_view kind, std::string_view code) {
    try {
        SQLite::Statement upsert(*db_, "INSERT INTO counters (kind, code, count) VALUES (?, ?, 1) "
                                       "ON CONFLICT (kind, code) DO UPDATE SET count = count + 1");
        upsert.bind(1, std::string(kind));
        upsert.bind(2, std::string(code));
        upsert.exec();
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
}

namespace {
std::string orderKey(std::string_view orderId) {
    return "mcard_order:" + std::string(orderId);
}
} // namespace

bool Journal::codeMailed(std::string_view orderId) const {
    try {
        SQLite::Statement q(*db_, "SELECT 1 FROM mailed_codes WHERE order_hash = ?");
        q.bind(1, hashStudent(orderKey(orderId)));
        return q.executeStep();
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
}

void Journal::recordCodeMailed(std::string_view orderId) {
    try {
        SQLite::Statement q(*db_, "INSERT OR IGNORE INTO mailed_codes VALUES (?, ?)");
        q.bind(1, hashStudent(orderKey(orderId)));
        q.bind(2, toMillis(clock_.now()));
        q.exec();
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
}

void Journal::recordSession() {
    bump("session", "started");
}

void Journal::recordOutcome(std::string_view outcomeCode) {
    requireCode(outcomeCode, "an outcome");
    bump("outcome", outcomeCode);
}

void Journal::recordError(std::string_view errorCode) {
    requireCode(errorCode, "an error code");
    bump("error", errorCode);
}

JournalCounters Journal::counters() const {
    try {
        JournalCounters out;
        SQLite::Statement counters(*db_, "SELECT kind, code, count FROM counters");
        while (counters.executeStep()) {
            const auto kind = counters.getColumn(0).getString();
            const auto code = counters.getColumn(1).getString();
            const auto count = counters.getColumn(2).getInt64();
            if (kind == "session")
                out.sessions += count;
            else if (kind == "outcome")
                out.sessionOutcomes[code] = count;
            else if (kind == "error")
                out.errors[code] = count;
        }
        SQLite::Statement operations(
            *db_, "SELECT kind, state, COUNT(*) FROM operations GROUP BY kind, state");
        while (operations.executeStep())
            out.operations[operations.getColumn(0).getString() + "." +
                           operations.getColumn(1).getString()] =
                operations.getColumn(2).getInt64();
        return out;
    } catch (const SQLite::Exception& e) {
        throw describe(file_, e);
    }
}

} // namespace els::platform
