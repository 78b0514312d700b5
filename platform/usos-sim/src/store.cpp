#include "els/platform/usossim/store.hpp"

#include "els/platform/usossim/orders.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace els::platform::usossim {
namespace {

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS students (
  id TEXT PRIMARY KEY, first_name TEXT NOT NULL, middle_names TEXT, last_name TEXT NOT NULL,
  student_number TEXT, pesel TEXT, student_status INTEGER NOT NULL, has_photo INTEGER NOT NULL,
  email TEXT);
CREATE TABLE IF NOT EXISTS cards (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES students(id), type TEXT NOT NULL,
  barcode_number TEXT NOT NULL, contact_chip_uid TEXT NOT NULL, contactless_chip_uid TEXT NOT NULL,
  date_of_issue TEXT NOT NULL, expiration_date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL REFERENCES students(id),
  order_date TEXT NOT NULL, status TEXT NOT NULL, token TEXT, distribution_pass TEXT,
  expiration_date TEXT, auto_advance INTEGER NOT NULL, status_since_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS orders_by_user ON orders(user_id);
CREATE TABLE IF NOT EXISTS nonces (
  consumer TEXT NOT NULL, timestamp INTEGER NOT NULL, nonce TEXT NOT NULL,
  PRIMARY KEY (consumer, timestamp, nonce)) WITHOUT ROWID;
)sql";

constexpr const char* orderColumns =
    "id, user_id, order_date, status, token, distribution_pass, expiration_date, auto_advance, "
    "status_since_ms";

std::optional<std::string> optionalText(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getString();
}

void bindOptional(SQLite::Statement& statement, int index,
                  const std::optional<std::string>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

User readUser(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getString(),   optionalText(q.getColumn(2)),
            q.getColumn(3).getString(), optionalText(q.getColumn(4)), optionalText(q.getColumn(5)),
            q.getColumn(6).getInt(),    q.getColumn(7).getInt() != 0, optionalText(q.getColumn(8))};
}

Order readOrder(SQLite::Statement& q) {
    return {
        q.getColumn(0).getInt64(),    q.getColumn(1).getString(),   q.getColumn(2).getString(),
        q.getColumn(3).getString(),   optionalText(q.getColumn(4)), optionalText(q.getColumn(5)),
        optionalText(q.getColumn(6)), q.getColumn(7).getInt() != 0, q.getColumn(8).getInt64()};
}

std::string isoDate(const QDate& date) {
    return date.toString(Qt::ISODate).toStdString();
}

} // namespace

Store::Store(const std::string& path)
    : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX) {
    db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    db_.exec(schema);
    // A store written before students had an e-mail column (it is created with one now).
    if (db_.execAndGet("SELECT COUNT(*) FROM pragma_table_info('students') WHERE name = 'email'")
            .getInt() == 0)
        db_.exec("ALTER TABLE students ADD COLUMN email TEXT");
}

bool Store::hasStudents() {
    return db_.execAndGet("SELECT COUNT(*) FROM students").getInt64() > 0;
}

void Store::seed(const std::vector<SeedStudent>& students,
                 const std::function<std::pair<std::string, std::string>()>& makeCredentials,
                 std::int64_t nowMs) {
    SQLite::Transaction transaction(db_);
    // Order ids of a realistic size rather than 1, 2, 3.
    db_.exec("INSERT INTO sqlite_sequence(name, seq) SELECT 'orders', 52000 "
             "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'orders')");
    for (const auto& s : students) {
        SQLite::Statement user(db_, "INSERT INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        user.bind(1, s.id);
        user.bind(2, s.firstName);
        bindOptional(user, 3, s.middleNames);
        user.bind(4, s.lastName);
        bindOptional(user, 5, s.studentNumber);
        bindOptional(user, 6, s.pesel);
        user.bind(7, s.studentStatus);
        user.bind(8, s.hasPhoto ? 1 : 0);
        bindOptional(user, 9, s.email);
        user.exec();
        std::optional<std::string> latestExpiry;
        for (const auto& c : s.cards) {
            SQLite::Statement card(db_, "INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            card.bind(1, c.id);
            card.bind(2, s.id);
            card.bind(3, c.type);
            card.bind(4, c.barcodeNumber);
            card.bind(5, c.contactChipUid);
            card.bind(6, c.contactlessChipUid);
            card.bind(7, isoDate(c.dateOfIssue));
            card.bind(8, isoDate(c.expirationDate));
            card.exec();
            if (!latestExpiry || isoDate(c.expirationDate) > *latestExpiry)
                latestExpiry = isoDate(c.expirationDate);
        }
        for (const auto& o : s.orders) {
            Order order{0,
                        s.id,
                        o.orderDate.toString("yyyy-MM-dd HH:mm:ss").toStdString(),
                        o.status,
                        o.token,
                        o.distributionPass,
                        latestExpiry,
                        o.advance,
                        nowMs};
            const bool issued = o.status == status::ready || o.status == status::received;
            if (issued && (!order.token || !order.distributionPass)) {
                auto [token, pass] = makeCredentials();
                order.token = order.token.value_or(token);
                order.distributionPass = order.distributionPass.value_or(pass);
            }
            insertOrder(order);
        }
    }
    transaction.commit();
}

std::optional<User> Store::user(const std::string& id) {
    SQLite::Statement q(db_, "SELECT * FROM students WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    return readUser(q);
}

std::vector<User> Store::users() {
    SQLite::Statement q(db_, "SELECT * FROM students ORDER BY id");
    std::vector<User> out;
    while (q.executeStep())
        out.push_back(readUser(q));
    return out;
}

std::vector<Card> Store::cards(const std::string& userId) {
    SQLite::Statement q(db_,
                        "SELECT id, type, barcode_number, contact_chip_uid, contactless_chip_uid, "
                        "date_of_issue, expiration_date FROM cards WHERE user_id = ? ORDER BY id");
    q.bind(1, userId);
    std::vector<Card> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString(),
                       q.getColumn(4).getString(), q.getColumn(5).getString(),
                       q.getColumn(6).getString()});
    return out;
}

std::vector<Order> Store::orders(const std::string& userId) {
    SQLite::Statement q(db_, std::string("SELECT ") + orderColumns +
                                 " FROM orders WHERE user_id = ? ORDER BY id");
    q.bind(1, userId);
    std::vector<Order> out;
    while (q.executeStep())
        out.push_back(readOrder(q));
    return out;
}

std::vector<Order> Store::allOrders() {
    SQLite::Statement q(db_, std::string("SELECT ") + orderColumns + " FROM orders ORDER BY id");
    std::vector<Order> out;
    while (q.executeStep())
        out.push_back(readOrder(q));
    return out;
}

std::optional<Order> Store::order(std::int64_t id) {
    SQLite::Statement q(db_, std::string("SELECT ") + orderColumns + " FROM orders WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    return readOrder(q);
}

std::int64_t Store::insertOrder(const Order& o) {
    SQLite::Statement q(
        db_, "INSERT INTO orders (user_id, order_date, status, token, distribution_pass, "
             "expiration_date, auto_advance, status_since_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, o.userId);
    q.bind(2, o.orderDate);
    q.bind(3, o.status);
    bindOptional(q, 4, o.token);
    bindOptional(q, 5, o.distributionPass);
    bindOptional(q, 6, o.expirationDate);
    q.bind(7, o.autoAdvance ? 1 : 0);
    q.bind(8, o.statusSinceMs);
    q.exec();
    return db_.getLastInsertRowid();
}

void Store::updateOrder(const Order& o) {
    SQLite::Statement q(db_, "UPDATE orders SET status = ?, token = ?, distribution_pass = ?, "
                             "status_since_ms = ? WHERE id = ?");
    q.bind(1, o.status);
    bindOptional(q, 2, o.token);
    bindOptional(q, 3, o.distributionPass);
    q.bind(4, o.statusSinceMs);
    q.bind(5, o.id);
    q.exec();
}

bool Store::rememberNonce(const std::string& consumer, std::int64_t timestamp,
                          const std::string& nonce, std::int64_t oldestKept) {
    SQLite::Statement prune(db_, "DELETE FROM nonces WHERE timestamp < ?");
    prune.bind(1, oldestKept);
    prune.exec();
    SQLite::Statement insert(
        db_, "INSERT OR IGNORE INTO nonces(consumer, timestamp, nonce) VALUES (?, ?, ?)");
    insert.bind(1, consumer);
    insert.bind(2, timestamp);
    insert.bind(3, nonce);
    return insert.exec() == 1;
}

} // namespace els::platform::usossim
