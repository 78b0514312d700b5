#include "els/platform/usossim/seed.hpp"

#include "els/platform/usossim/api-error.hpp"
#include "els/platform/usossim/orders.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTime>
#include <charconv>

namespace els::platform::usossim {
namespace {

// Reads one JSON object with errors that name the place in the file.
class Reader {
public:
    Reader(QJsonObject object, std::string where)
        : object_(std::move(object)), where_(std::move(where)) {}

    std::string string(const char* key) const {
        const auto value = object_.value(key);
        if (!value.isString())
            throw SimError(where_ + ": '" + key + "' must be a string");
        return value.toString().toStdString();
    }
    std::optional<std::string> optionalString(const char* key) const {
        const auto value = object_.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        return string(key);
    }
    int integer(const char* key, int fallback) const {
        const auto value = object_.value(key);
        if (value.isUndefined())
            return fallback;
        if (!value.isDouble())
            throw SimError(where_ + ": '" + key + "' must be a number");
        return value.toInt();
    }
    bool boolean(const char* key, bool fallback) const {
        const auto value = object_.value(key);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool())
            throw SimError(where_ + ": '" + key + "' must be true or false");
        return value.toBool();
    }
    QDate date(const char* key, QDate today) const {
        try {
            return resolveDate(string(key), today);
        } catch (const SimError& e) {
            throw SimError(where_ + ": '" + key + "': " + e.what());
        }
    }
    std::vector<std::string> strings(const char* key) const {
        std::vector<std::string> out;
        for (const auto& value : array(key)) {
            if (!value.isString())
                throw SimError(where_ + ": '" + key + "' must hold strings");
            out.push_back(value.toString().toStdString());
        }
        return out;
    }
    QJsonArray array(const char* key) const {
        const auto value = object_.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isArray())
            throw SimError(where_ + ": '" + key + "' must be a list");
        return value.toArray();
    }
    Reader child(const QJsonValue& value, const std::string& name) const {
        if (!value.isObject())
            throw SimError(where_ + ": " + name + " must be an object");
        return Reader(value.toObject(), where_ + "/" + name);
    }
    const QJsonObject& object() const { return object_; }
    const std::string& where() const { return where_; }

private:
    QJsonObject object_;
    std::string where_;
};

SeedCard readCard(const Reader& r, QDate today) {
    return {r.string("id"),
            r.optionalString("type").value_or("student"),
            r.optionalString("barcode_number").value_or(""),
            r.string("contact_chip_uid"),
            r.optionalString("contactless_chip_uid").value_or(""),
            r.date("date_of_issue", today),
            r.date("expiration_date", today)};
}

SeedOrder readOrder(const Reader& r, QDate today) {
    SeedOrder order;
    order.status = r.string("status");
    if (!isKnownStatus(order.status))
        throw SimError(r.where() + ": unknown order status '" + order.status + "'");
    try {
        order.orderDate = resolveDateTime(r.optionalString("order_date").value_or("today"), today);
    } catch (const SimError& e) {
        throw SimError(r.where() + ": 'order_date': " + e.what());
    }
    order.token = r.optionalString("token");
    order.distributionPass = r.optionalString("distribution_pass");
    order.advance = r.boolean("advance", false);
    return order;
}

SeedChip readChip(const Reader& r, QDate today) {
    return {r.string("chip_serial"),   r.string("university"),      r.string("university_code"),
            r.strings("surnames"),     r.strings("given_names"),    r.string("album_number"),
            r.optionalString("pesel"), r.date("valid_until", today)};
}

SeedStudent readStudent(const Reader& r, QDate today) {
    SeedStudent s;
    s.id = r.string("id");
    s.scenario = r.optionalString("scenario").value_or("");
    s.firstName = r.string("first_name");
    s.middleNames = r.optionalString("middle_names");
    s.lastName = r.string("last_name");
    s.studentNumber = r.optionalString("student_number");
    s.pesel = r.optionalString("pesel");
    s.studentStatus = r.integer("student_status", 2);
    s.hasPhoto = r.boolean("has_photo", true);
    s.email = r.optionalString("email");
    int i = 0;
    for (const auto& card : r.array("cards"))
        s.cards.push_back(readCard(r.child(card, "cards[" + std::to_string(i++) + "]"), today));
    i = 0;
    for (const auto& order : r.array("orders"))
        s.orders.push_back(readOrder(r.child(order, "orders[" + std::to_string(i++) + "]"), today));
    if (const auto chip = r.object().value("chip"); !chip.isUndefined() && !chip.isNull())
        s.chip = readChip(r.child(chip, "chip"), today);
    return s;
}

} // namespace

QDate resolveDate(std::string_view text, QDate today) {
    if (text.starts_with("today")) {
        const std::string_view offset = text.substr(5);
        if (offset.empty())
            return today;
        int days = 0;
        const char* begin = offset.data() + 1;
        const char* end = offset.data() + offset.size();
        const auto [ptr, error] = std::from_chars(begin, end, days);
        if ((offset[0] != '+' && offset[0] != '-') || error != std::errc{} || ptr != end)
            throw SimError("bad relative date '" + std::string(text) + "'");
        return today.addDays(offset[0] == '+' ? days : -days);
    }
    const QDate date = QDate::fromString(
        QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())), Qt::ISODate);
    if (!date.isValid() || text.size() != 10)
        throw SimError("bad date '" + std::string(text) + "' (YYYY-MM-DD or today±N)");
    return date;
}

QDateTime resolveDateTime(std::string_view text, QDate today) {
    const auto space = text.find(' ');
    const QDate date = resolveDate(text.substr(0, space), today);
    QTime time(10, 0, 0);
    if (space != std::string_view::npos) {
        const std::string_view clock = text.substr(space + 1);
        time = QTime::fromString(
            QString::fromUtf8(clock.data(), static_cast<qsizetype>(clock.size())), "HH:mm:ss");
        if (!time.isValid())
            throw SimError("bad time in '" + std::string(text) + "' (HH:MM:SS)");
    }
    return QDateTime(date, time);
}

std::vector<SeedStudent> parseSeed(const QByteArray& json, QDate today) {
    QJsonParseError error{};
    const auto document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw SimError("seed: " + error.errorString().toStdString() + " at offset " +
                       std::to_string(error.offset));
    if (!document.isObject())
        throw SimError("seed: the top level must be an object with \"students\"");
    const Reader top(document.object(), "seed");
    std::vector<SeedStudent> out;
    int i = 0;
    for (const auto& student : top.array("students")) {
        out.push_back(
            readStudent(top.child(student, "students[" + std::to_string(i++) + "]"), today));
        for (std::size_t j = 0; j + 1 < out.size(); ++j)
            if (out[j].id == out.back().id)
                throw SimError("seed: duplicate student id " + out.back().id);
    }
    return out;
}

} // namespace els::platform::usossim
