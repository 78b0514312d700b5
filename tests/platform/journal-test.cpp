#include "els/platform/config.hpp"
#include "els/platform/error.hpp"
#include "els/platform/journal.hpp"
#include "temp-dir.hpp"

#include <functional>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace els::platform;
using testing::HasSubstr;

namespace {

const FixedClock::TimePoint start{std::chrono::sys_days{std::chrono::year{2025} / 10 / 1}};

std::string errorOf(const std::filesystem::path& file) {
    const FixedClock clock(start);
    try {
        Journal journal(file, clock);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST(Journal, orderLifecycle_recordsStatesAttemptsAndTimes) {
    const TempDir dir;
    FixedClock clock(start);
    Journal journal(dir / "journal.db", clock);
    const auto student = journal.hashStudent("100001");

    const auto op = journal.begin(OperationKind::Order, student, "order-1");
    EXPECT_EQ(op.state, OperationState::Started);
    EXPECT_EQ(op.attempts, 0);
    clock.advance(std::chrono::seconds(2));
    journal.markSent(op.id);
    journal.markConfirmed(op.id, "5512");

    const auto done = journal.find("order-1");
    ASSERT_TRUE(done);
    EXPECT_EQ(done->state, OperationState::Confirmed);
    EXPECT_EQ(done->attempts, 1);
    EXPECT_EQ(done->usosOrderId, "5512");
    EXPECT_EQ(done->createdAt, start);
    EXPECT_EQ(done->updatedAt, start + std::chrono::seconds(2));
    EXPECT_FALSE(done->isOpen());
    EXPECT_TRUE(journal.openOperationsFor(student).empty());
}

TEST(Journal, beginWithKnownKey_returnsExistingOperation) {
    const TempDir dir;
    const FixedClock clock(start);
    Journal journal(dir / "journal.db", clock);
    const auto student = journal.hashStudent("100001");
    const auto first = journal.begin(OperationKind::Order, student, "k1");
    journal.markSent(first.id);
    const auto again = journal.begin(OperationKind::Order, student, "k1");
    EXPECT_EQ(again.id, first.id);
    EXPECT_EQ(again.state, OperationState::Sent);
    EXPECT_THROW(journal.begin(OperationKind::Revoke, student, "k1"), Error);
}

TEST(Journal, reopenAfterCrash_findsOpenOperationsOfThatStudentOnly) {
    const TempDir dir;
    const FixedClock clock(start);
    std::string alice;
    {
        Journal journal(dir / "journal.db", clock);
        alice = journal.hashStudent("100001");
        const auto bob = journal.hashStudent("100002");
        journal.markSent(journal.begin(OperationKind::Order, alice, "a-order").id);
        const auto revoke = journal.begin(OperationKind::Revoke, alice, "a-revoke");
        journal.markSent(revoke.id);
        journal.markUnknown(revoke.id, "usos_timeout");
        journal.begin(OperationKind::Order, bob, "b-order");
        const auto failed = journal.begin(OperationKind::Cancel, alice, "a-cancel");
        journal.markFailed(failed.id, "usos_error");
    } // the process "dies" here: nothing else is written

    Journal reopened(dir / "journal.db", clock);
    EXPECT_EQ(reopened.hashStudent("100001"), alice);
    const auto open = reopened.openOperationsFor(alice);
    ASSERT_EQ(open.size(), 2u);
    EXPECT_EQ(open[0].idempotencyKey, "a-order");
    EXPECT_EQ(open[0].state, OperationState::Sent);
    EXPECT_EQ(open[1].idempotencyKey, "a-revoke");
    EXPECT_EQ(open[1].state, OperationState::Unknown);
    EXPECT_EQ(open[1].errorCode, "usos_timeout");
}

TEST(Journal, killedChildProcess_leavesCommittedOperationVisible) {
    const TempDir dir;
    const auto file = dir / "journal.db";
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        const FixedClock clock(start);
        Journal journal(file, clock);
        const auto op = journal.begin(OperationKind::Order, journal.hashStudent("7"), "k");
        journal.markSent(op.id);
        ::kill(::getpid(), SIGKILL);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    const FixedClock clock(start);
    Journal journal(file, clock);
    const auto open = journal.openOperationsFor(journal.hashStudent("7"));
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].state, OperationState::Sent);
    EXPECT_EQ(open[0].attempts, 1);
}

TEST(Journal, terminalStates_cannotChangeAgain) {
    const TempDir dir;
    const FixedClock clock(start);
    Journal journal(dir / "journal.db", clock);
    const auto op = journal.begin(OperationKind::Order, journal.hashStudent("1"), "k");
    journal.markConfirmed(op.id, "9");
    EXPECT_THROW(journal.markFailed(op.id, "usos_error"), Error);
    EXPECT_THROW(journal.markSent(op.id), Error);
    EXPECT_THROW(journal.markSent(op.id + 100), Error);
}

TEST(Journal, freeTextInsteadOfCodes_isRefused) {
    const TempDir dir;
    const FixedClock clock(start);
    Journal journal(dir / "journal.db", clock);
    const auto student = journal.hashStudent("1");
    EXPECT_THROW(journal.begin(OperationKind::Order, "100001", "k"), Error); // not a hash
    const auto op = journal.begin(OperationKind::Order, student, "k");
    EXPECT_THROW(journal.markFailed(op.id, "Jan Kowalski has no card"), Error);
    EXPECT_THROW(journal.recordOutcome("refused: Kowalski"), Error);
}

TEST(Journal, hashStudent_withoutKey_usesAKeyFilePerJournalAndIsStable) {
    const TempDir dir;
    const FixedClock clock(start);
    Journal a(dir / "a.db", clock);
    Journal b(dir / "b.db", clock);
    EXPECT_EQ(a.hashStudent("100001"), a.hashStudent("100001"));
    EXPECT_NE(a.hashStudent("100001"), a.hashStudent("100002"));
    EXPECT_NE(a.hashStudent("100001"), b.hashStudent("100001"));
    EXPECT_EQ(a.hashStudent("100001").size(), 64u);
}

TEST(Journal, twoHandlesOnOneFile_seeEachOthersWrites) {
    const TempDir dir;
    const FixedClock clock(start);
    Journal kiosk(dir / "journal.db", clock);
    Journal status(dir / "journal.db", clock);
    EXPECT_EQ(kiosk.hashStudent("5"), status.hashStudent("5"));
    kiosk.recordSession();
    status.recordSession();
    kiosk.recordOutcome("ready");
    const auto op = status.begin(OperationKind::Order, status.hashStudent("5"), "k");
    EXPECT_EQ(kiosk.begin(OperationKind::Order, kiosk.hashStudent("5"), "k").id, op.id);
    EXPECT_EQ(kiosk.counters().sessions, 2);
}

TEST(Journal, concurrentProcesses_creatingOneFile_agreeOnSalt) {
    const TempDir dir;
    const auto file = dir / "journal.db";
    std::vector<pid_t> children;
    for (int i = 0; i < 4; ++i) {
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            const FixedClock clock(start);
            Journal journal(file, clock);
            for (int n = 0; n < 20; ++n)
                journal.recordSession();
            ::_exit(0);
        }
        children.push_back(child);
    }
    for (const auto child : children) {
        int status = 0;
        ::waitpid(child, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    const FixedClock clock(start);
    Journal journal(file, clock);
    EXPECT_EQ(journal.counters().sessions, 80);
}

TEST(Journal, counters_countSessionsOutcomesErrorsAndOperations) {
    const TempDir dir;
    const FixedClock clock(start);
    Journal journal(dir / "journal.db", clock);
    journal.recordSession();
    journal.recordOutcome("ready");
    journal.recordOutcome("ready");
    journal.recordOutcome("refused");
    journal.recordError("usos_timeout");
    const auto student = journal.hashStudent("1");
    journal.markConfirmed(journal.begin(OperationKind::Order, student, "a").id, "1");
    journal.markFailed(journal.begin(OperationKind::Order, student, "b").id, "usos_http");
    journal.begin(OperationKind::Revoke, student, "c");

    const auto counters = journal.counters();
    EXPECT_EQ(counters.sessions, 1);
    EXPECT_EQ(counters.sessionOutcomes.at("ready"), 2);
    EXPECT_EQ(counters.sessionOutcomes.at("refused"), 1);
    EXPECT_EQ(counters.errors.at("usos_timeout"), 1);
    EXPECT_EQ(counters.operations.at("order.confirmed"), 1);
    EXPECT_EQ(counters.operations.at("order.failed"), 1);
    EXPECT_EQ(counters.operations.at("revoke.started"), 1);
}

TEST(Journal, fileHoldsNoStudentIdentifiers) {
    const TempDir dir;
    const FixedClock clock(start);
    {
        Journal journal(dir / "journal.db", clock);
        const auto op = journal.begin(OperationKind::Order, journal.hashStudent("987654"), "k");
        journal.markConfirmed(op.id, "42");
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        EXPECT_EQ(readAll(entry.path()).find("987654"), std::string::npos) << entry.path();
}

TEST(Journal, corruptFile_isReportedAsCorrupt) {
    const TempDir dir;
    const auto file = dir.write("journal.db", std::string(4096, 'x'));
    EXPECT_THAT(errorOf(file), HasSubstr("is corrupt or not a journal"));
    EXPECT_THAT(errorOf(file), HasSubstr(file.string()));
}

TEST(Journal, unwritableLocation_isReportedAsNotWritable) {
    const TempDir dir;
    const auto blocker = dir.write("not-a-folder", "x");
    EXPECT_THAT(errorOf(blocker / "journal.db"), HasSubstr("is not writable"));
}

TEST(Journal, newerSchema_isRefused) {
    const TempDir dir;
    const FixedClock clock(start);
    { Journal journal(dir / "journal.db", clock); }
    ASSERT_EQ(
        std::system(
            ("sqlite3 " + (dir / "journal.db").string() + " 'PRAGMA user_version = 7'").c_str()),
        0);
    EXPECT_THAT(errorOf(dir / "journal.db"), HasSubstr("schema version 7"));
}

namespace {

std::string allFilesOf(const TempDir& dir, const std::string& prefix) {
    std::string content;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        if (entry.path().filename().string().starts_with(prefix))
            content += readAll(entry.path());
    return content;
}

// HMAC-SHA256(key, "100001"), computed independently: `printf 100001 | openssl dgst -sha256
// -hmac kiosk-one-key`.
std::string opensslHmac(const std::string& key, const std::string& message) {
    const auto out = std::string(::testing::TempDir()) + "/els-hmac.txt";
    const auto command = "printf %s '" + message + "' | openssl dgst -sha256 -hmac '" + key +
                         "' | sed 's/.*= //' > " + out;
    if (std::system(command.c_str()) != 0)
        return "openssl failed";
    auto text = readAll(out);
    std::filesystem::remove(out);
    return text.substr(0, text.find('\n'));
}

} // namespace

TEST(Journal, hashStudent_isHmacSha256UnderTheKioskKey) {
    const TempDir dir;
    const FixedClock clock(start);
    Journal one(dir / "one.db", clock, "kiosk-one-key");
    Journal two(dir / "two.db", clock, "kiosk-two-key");
    EXPECT_EQ(one.hashStudent("100001"), opensslHmac("kiosk-one-key", "100001"));
    // Two kiosks' keys give two different keys for the same student.
    EXPECT_NE(one.hashStudent("100001"), two.hashStudent("100001"));
    Journal sameKey(dir / "two.db", clock, "kiosk-one-key");
    EXPECT_EQ(sameKey.hashStudent("100001"), one.hashStudent("100001"));
}

TEST(Journal, fileHoldsNoKeyNorSalt) {
    const TempDir dir;
    const FixedClock clock(start);
    const std::string key = "5f0c4e1d9a7b3c2e8f6a1b0d4c3e2f1a";
    {
        Journal journal(dir / "journal.db", clock, key);
        journal.markConfirmed(journal.begin(OperationKind::Order, journal.hashStudent("7"), "k").id,
                              "1");
    }
    const auto files = allFilesOf(dir, "journal.db");
    EXPECT_EQ(files.find(key), std::string::npos);
    EXPECT_EQ(files.find("salt"), std::string::npos);              // no salt table either
    EXPECT_FALSE(std::filesystem::exists(dir / "journal.db.key")); // the given key is used
}

// A version 1 journal (salted SHA-256, salt in the file) loses its salt on the first open.
TEST(Journal, version1Journal_migratesAndTheSaltIsErased) {
    const TempDir dir;
    const auto file = dir / "journal.db";
    const std::string salt = "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90";
    const auto create =
        "sqlite3 " + file.string() +
        " \"PRAGMA journal_mode = WAL; CREATE TABLE salt (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "value BLOB NOT NULL); INSERT INTO salt VALUES (1, X'" +
        salt +
        "'); CREATE TABLE operations (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "
        "idempotency_key TEXT NOT NULL UNIQUE, student_hash TEXT NOT NULL, state TEXT NOT NULL, "
        "attempts INTEGER NOT NULL DEFAULT 0, usos_order_id TEXT, created_at INTEGER NOT NULL, "
        "updated_at INTEGER NOT NULL, error_code TEXT); CREATE TABLE counters (kind TEXT NOT "
        "NULL, code TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kind, code)); INSERT INTO "
        "counters VALUES ('session', '', 3); PRAGMA user_version = 1;\" > /dev/null";
    ASSERT_EQ(std::system(create.c_str()), 0);
    std::string saltBytes;
    for (std::size_t i = 0; i < salt.size(); i += 2)
        saltBytes += static_cast<char>(std::stoi(salt.substr(i, 2), nullptr, 16));
    ASSERT_NE(allFilesOf(dir, "journal.db").find(saltBytes), std::string::npos);
    const FixedClock clock(start);
    {
        Journal journal(file, clock, "kiosk-key");
        EXPECT_EQ(journal.counters().sessions, 3); // the rest is kept
    }
    EXPECT_EQ(allFilesOf(dir, "journal.db").find(saltBytes), std::string::npos);
}

// Issue 11: the activation code of an order is e-mailed once, across sessions and processes;
// the file holds no order id in clear.
TEST(Journal, codeMailed_recordedOncePerOrder_keyedWithoutTheOrderId) {
    const TempDir dir;
    const FixedClock clock(start);
    {
        Journal journal(dir / "journal.db", clock, "kiosk-key");
        EXPECT_FALSE(journal.codeMailed("52001"));
        journal.recordCodeMailed("52001");
        journal.recordCodeMailed("52001"); // idempotent
        EXPECT_TRUE(journal.codeMailed("52001"));
        EXPECT_FALSE(journal.codeMailed("52002"));
    }
    Journal reopened(dir / "journal.db", clock, "kiosk-key");
    EXPECT_TRUE(reopened.codeMailed("52001"));
    EXPECT_EQ(allFilesOf(dir, "journal.db").find("52001"), std::string::npos);
}

// A version 2 journal gains the table on its first open and keeps the rest.
TEST(Journal, version2Journal_gainsMailedCodes) {
    const TempDir dir;
    const auto file = dir / "journal.db";
    const auto create =
        "sqlite3 " + file.string() +
        " \"PRAGMA journal_mode = WAL; CREATE TABLE operations (id INTEGER PRIMARY KEY "
        "AUTOINCREMENT, kind TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE, student_hash "
        "TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, usos_order_id "
        "TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, error_code TEXT); "
        "CREATE TABLE counters (kind TEXT NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL, "
        "PRIMARY KEY (kind, code)); INSERT INTO counters VALUES ('session', '', 2); PRAGMA "
        "user_version = 2;\" > /dev/null";
    ASSERT_EQ(std::system(create.c_str()), 0);
    const FixedClock clock(start);
    Journal journal(file, clock, "kiosk-key");
    EXPECT_EQ(journal.counters().sessions, 2);
    EXPECT_FALSE(journal.codeMailed("7"));
    journal.recordCodeMailed("7");
    EXPECT_TRUE(journal.codeMailed("7"));
}

TEST(Journal, journalStudentKey_credentialThenKeyFileThenNextToTheJournal) {
    const TempDir dir;
    Config config;
    config.journalPath = dir / "journal.db";
    ::unsetenv("CREDENTIALS_DIRECTORY");
    const auto created = journalStudentKey(config); // created next to the journal, 0600
    EXPECT_EQ(created.size(), 64u);
    EXPECT_EQ(std::filesystem::status(dir / "journal.db.key").permissions(),
              std::filesystem::perms(0600));
    EXPECT_EQ(journalStudentKey(config), created);

    config.journalKeyFile = dir.write("etc/journal-key", "from-the-key-file\n");
    EXPECT_EQ(journalStudentKey(config), "from-the-key-file");

    dir.write("credentials/journal-key", "from-the-credential\n", std::filesystem::perms(0400));
    ::setenv("CREDENTIALS_DIRECTORY", (dir / "credentials").c_str(), 1);
    EXPECT_EQ(journalStudentKey(config), "from-the-credential");
    ::unsetenv("CREDENTIALS_DIRECTORY");

    config.journalKeyFile = dir / "etc/missing-key";
    EXPECT_THROW(journalStudentKey(config), Error); // a configured key is never made up
}

namespace {

// A VFS that forwards to the default one and counts the fsyncs (xSync) of the files it opens.
// Registered as the default while it lives, so the Journal opened meanwhile uses it.
class SyncCountingVfs {
public:
    SyncCountingVfs() {
        base_ = sqlite3_vfs_find(nullptr);
        vfs_ = *base_;
        vfs_.zName = "els-sync-counting";
        vfs_.szOsFile = static_cast<int>(sizeof(File)) + base_->szOsFile;
        vfs_.pAppData = this;
        vfs_.xOpen = &open;
        wrapAll();
        sqlite3_vfs_register(&vfs_, 1);
    }
    ~SyncCountingVfs() {
        sqlite3_vfs_unregister(&vfs_);
        sqlite3_vfs_register(base_, 1);
    }
    SyncCountingVfs(const SyncCountingVfs&) = delete;
    SyncCountingVfs& operator=(const SyncCountingVfs&) = delete;

    int syncs() const { return syncs_; }

private:
    struct File {
        sqlite3_file base; // our methods
        SyncCountingVfs* owner;
        const sqlite3_io_methods* real_; // this file's own methods (they differ per file kind)
        sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
    };

    static int open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
                    int* outFlags) {
        auto* self = static_cast<SyncCountingVfs*>(vfs->pAppData);
        auto* wrapped = reinterpret_cast<File*>(file);
        wrapped->owner = self;
        const int rc = self->base_->xOpen(self->base_, name, wrapped->real(), flags, outFlags);
        if (rc != SQLITE_OK || !wrapped->real()->pMethods) {
            file->pMethods = nullptr;
            return rc;
        }
        wrapped->real_ = wrapped->real()->pMethods;
        file->pMethods = &self->methods_;
        return rc;
    }

    // Every method forwards to the real file; xSync also counts.
    void wrapAll() {
        methods_.iVersion = 2; // no xFetch/xUnfetch: SQLite then reads without mmap
        methods_.xClose = [](sqlite3_file* f) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xClose(w->real());
        };
        methods_.xRead = [](sqlite3_file* f, void* b, int n, sqlite3_int64 o) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xRead(w->real(), b, n, o);
        };
        methods_.xWrite = [](sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xWrite(w->real(), b, n, o);
        };
        methods_.xTruncate = [](sqlite3_file* f, sqlite3_int64 s) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xTruncate(w->real(), s);
        };
        methods_.xSync = [](sqlite3_file* f, int flags) {
            auto* w = reinterpret_cast<File*>(f);
            ++w->owner->syncs_;
            return w->real_->xSync(w->real(), flags);
        };
        methods_.xFileSize = [](sqlite3_file* f, sqlite3_int64* s) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xFileSize(w->real(), s);
        };
        methods_.xLock = [](sqlite3_file* f, int l) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xLock(w->real(), l);
        };
        methods_.xUnlock = [](sqlite3_file* f, int l) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xUnlock(w->real(), l);
        };
        methods_.xCheckReservedLock = [](sqlite3_file* f, int* r) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xCheckReservedLock(w->real(), r);
        };
        methods_.xFileControl = [](sqlite3_file* f, int op, void* a) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xFileControl(w->real(), op, a);
        };
        methods_.xSectorSize = [](sqlite3_file* f) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xSectorSize(w->real());
        };
        methods_.xDeviceCharacteristics = [](sqlite3_file* f) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xDeviceCharacteristics(w->real());
        };
        methods_.xShmMap = [](sqlite3_file* f, int p, int s, int e, void volatile** m) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xShmMap(w->real(), p, s, e, m);
        };
        methods_.xShmLock = [](sqlite3_file* f, int o, int n, int fl) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xShmLock(w->real(), o, n, fl);
        };
        methods_.xShmBarrier = [](sqlite3_file* f) {
            auto* w = reinterpret_cast<File*>(f);
            w->real_->xShmBarrier(w->real());
        };
        methods_.xShmUnmap = [](sqlite3_file* f, int d) {
            auto* w = reinterpret_cast<File*>(f);
            return w->real_->xShmUnmap(w->real(), d);
        };
    }

    sqlite3_vfs* base_ = nullptr;
    sqlite3_vfs vfs_{};
    sqlite3_io_methods methods_{};
    int syncs_ = 0;
};

} // namespace

TEST(JournalDurability, onlyTheRecordBeforeSendingIsFsynced) {
    const TempDir dir;
    const FixedClock clock(start);
    SyncCountingVfs vfs;
    Journal journal(dir / "journal.db", clock);
    const auto student = journal.hashStudent("100001");
    const auto syncsOf = [&](const std::function<void()>& write) {
        const int before = vfs.syncs();
        write();
        return vfs.syncs() - before;
    };

    EXPECT_EQ(syncsOf([&] { journal.recordSession(); }), 0);
    EXPECT_EQ(syncsOf([&] { journal.recordError("usos_timeout"); }), 0);
    Journal::Intent intent;
    EXPECT_GE(
        syncsOf([&] { intent = journal.recordIntent(OperationKind::Order, student, "order-1"); }),
        1);
    EXPECT_TRUE(intent.maySend);
    EXPECT_EQ(syncsOf([&] { journal.markConfirmed(intent.operation.id, "5512"); }), 0);
    EXPECT_EQ(syncsOf([&] { journal.recordOutcome("ready"); }), 0);

    std::int64_t revoke = 0;
    EXPECT_EQ(
        syncsOf([&] { revoke = journal.begin(OperationKind::Revoke, student, "revoke-1").id; }),
        0); // nothing sent yet: losing it loses nothing
    EXPECT_GE(syncsOf([&] { journal.markSent(revoke); }), 1);
    EXPECT_EQ(syncsOf([&] { journal.markUnknown(revoke, "usos_timeout"); }), 0);
}

TEST(Journal, recordIntent_sendsOnce_thenOnlyReconciles) {
    const TempDir dir;
    const FixedClock clock(start);
    Journal journal(dir / "journal.db", clock);
    const auto student = journal.hashStudent("100001");

    const auto first = journal.recordIntent(OperationKind::Order, student, "order-1");
    EXPECT_TRUE(first.maySend);
    EXPECT_EQ(first.operation.state, OperationState::Sent);
    EXPECT_EQ(first.operation.attempts, 1);

    // The same key again (e.g. after a crash): the request may have left; never send again.
    const auto again = journal.recordIntent(OperationKind::Order, student, "order-1");
    EXPECT_FALSE(again.maySend);
    EXPECT_EQ(again.operation.id, first.operation.id);
    EXPECT_EQ(again.operation.attempts, 1);

    // A started operation (begin) becomes sent through recordIntent.
    const auto started = journal.begin(OperationKind::Revoke, student, "revoke-1");
    const auto revoke = journal.recordIntent(OperationKind::Revoke, student, "revoke-1");
    EXPECT_TRUE(revoke.maySend);
    EXPECT_EQ(revoke.operation.id, started.id);

    EXPECT_THROW(journal.recordIntent(OperationKind::Cancel, student, "order-1"), Error);
}

TEST(Journal, walWithNormalSynchronous_outsideTheDurableWrites) {
    const TempDir dir;
    const FixedClock clock(start);
    { Journal journal(dir / "journal.db", clock); }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "journal.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)), "wal");
    sqlite3_finalize(statement);
    sqlite3_close(db);
}
