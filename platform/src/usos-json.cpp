#include "els/platform/usos-json.hpp"

#include "els/platform/error.hpp"

#include <QJsonArray>
#include <QJsonObject>
#include <array>
#include <charconv>

namespace els::platform {

namespace {

// The API spelling of each status, read in both directions so they cannot drift apart.
constexpr std::array<std::pair<const char*, McardStatus>, 7> mcardStatusNames{{
    {"pending", McardStatus::Pending},
    {"in_progress", McardStatus::InProgress},
    {"ready", McardStatus::Ready},
    {"received", McardStatus::Received},
    {"error", McardStatus::Error},
    {"cancelled", McardStatus::Cancelled},
    {"revoked", McardStatus::Revoked},
}};

} // namespace

McardStatus mcardStatusFromApi(std::string_view text) noexcept {
    for (const auto& [name, status] : mcardStatusNames)
        if (text == name)
            return status;
    return McardStatus::Unknown;
}

const char* toString(McardStatus status) noexcept {
    for (const auto& [name, known] : mcardStatusNames)
        if (known == status)
            return name;
    return "unknown";
}

namespace usosjson {
namespace {

[[noreturn]] void bad(const std::string& what) {
    throw UsosError(UsosErrorKind::BadResponse, "USOS answer not understood: " + what);
}

QJsonObject object(const QJsonValue& json, const char* what) {
    if (!json.isObject())
        bad(std::string(what) + " is not a JSON object");
    return json.toObject();
}

// Strings as they come; integral numbers (ids) as decimal text; null/absent as "".
std::string text(const QJsonObject& o, const char* key) {
    const auto v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString().toStdString();
    if (v.isDouble())
        return std::to_string(v.toInteger());
    if (v.isNull() || v.isUndefined())
        return {};
    bad(std::string("field ") + key + " has an unexpected type");
}

std::string requiredText(const QJsonObject& o, const char* key) {
    auto value = text(o, key);
    if (value.empty())
        bad(std::string("field ") + key + " is missing");
    return value;
}

std::optional<std::string> optionalText(const QJsonObject& o, const char* key) {
    auto value = text(o, key);
    return value.empty() ? std::nullopt : std::optional(std::move(value));
}

bool flag(const QJsonObject& o, const char* key) {
    const auto v = o.value(QLatin1String(key));
    if (v.isBool())
        return v.toBool();
    if (v.isDouble())
        return v.toInteger() != 0;
    if (v.isNull() || v.isUndefined())
        return false;
    if (v.isString())
        return v.toString() == QLatin1String("true");
    bad(std::string("field ") + key + " is not a boolean");
}

// "YYYY-MM-DD", optionally followed by a time ("YYYY-MM-DD HH:MM:SS").
std::optional<std::chrono::year_month_day> date(const QJsonObject& o, const char* key) {
    const auto value = text(o, key);
    if (value.empty())
        return std::nullopt;
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    const auto parse = [&](std::size_t from, std::size_t length, auto& out) {
        const char* begin = value.data() + from;
        const auto [ptr, ec] = std::from_chars(begin, begin + length, out);
        return ec == std::errc{} && ptr == begin + length;
    };
    const bool shaped = value.size() >= 10 && value[4] == '-' && value[7] == '-' &&
                        (value.size() == 10 || value[10] == ' ' || value[10] == 'T');
    if (!shaped || !parse(0, 4, y) || !parse(5, 2, m) || !parse(8, 2, d))
        bad(std::string("field ") + key + " is not a date");
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                          std::chrono::day{d}};
    if (!ymd.ok())
        bad(std::string("field ") + key + " is not a valid date");
    return ymd;
}

McardOrder order(const QJsonValue& json) {
    McardOrder out;
    if (json.isString() || json.isDouble()) { // mcard may list bare order ids
        out.id = json.isString() ? json.toString().toStdString() : std::to_string(json.toInteger());
        return out;
    }
    const auto o = object(json, "an order");
    out.id = requiredText(o, "id");
    out.orderDate = date(o, "order_date");
    out.rawStatus = text(o, "status");
    out.status = mcardStatusFromApi(out.rawStatus);
    out.token = optionalText(o, "token");
    out.distributionPass = optionalText(o, "distribution_pass");
    out.studentNumber = text(o, "student_number");
    out.expirationDate = date(o, "expiration_date");
    return out;
}

} // namespace

std::optional<LangText> parseLangText(const QJsonValue& json) {
    if (json.isNull() || json.isUndefined())
        return std::nullopt;
    if (json.isString()) {
        const auto both = json.toString().toStdString();
        return LangText{both, both};
    }
    const auto o = object(json, "a LangDict");
    LangText out{text(o, "pl"), text(o, "en")};
    // One language missing: show the other rather than nothing.
    if (out.pl.empty())
        out.pl = out.en;
    if (out.en.empty())
        out.en = out.pl;
    return out;
}

Installation parseInstallation(const QJsonValue& json) {
    return Installation{flag(object(json, "installation"), "mcards_support")};
}

UsosUser parseUser(const QJsonValue& json) {
    const auto o = object(json, "user");
    UsosUser out;
    out.id = requiredText(o, "id");
    out.firstName = text(o, "first_name");
    out.middleNames = text(o, "middle_names");
    out.lastName = text(o, "last_name");
    out.studentNumber = text(o, "student_number");
    out.pesel = optionalText(o, "pesel");
    const auto status = text(o, "student_status");
    if (!status.empty()) {
        const auto [ptr, ec] =
            std::from_chars(status.data(), status.data() + status.size(), out.studentStatus);
        if (ec != std::errc{} || ptr != status.data() + status.size())
            bad("field student_status is not a number");
    }
    out.hasPhoto = flag(o, "has_photo");
    out.email = text(o, "email");
    return out;
}

std::vector<UsosCard> parseCards(const QJsonValue& json) {
    if (!json.isArray())
        bad("cards is not a JSON array");
    std::vector<UsosCard> out;
    for (const auto& item : json.toArray()) {
        const auto o = object(item, "a card");
        UsosCard card;
        card.id = requiredText(o, "id");
        card.type = text(o, "type");
        card.barcodeNumber = text(o, "barcode_number");
        card.contactChipUid = text(o, "contact_chip_uid");
        card.contactlessChipUid = text(o, "contactless_chip_uid");
        card.dateOfIssue = date(o, "date_of_issue");
        card.expirationDate = date(o, "expiration_date");
        out.push_back(std::move(card));
    }
    return out;
}

McardInfo parseMcard(const QJsonValue& json) {
    const auto o = object(json, "mcard");
    McardInfo out;
    out.whyCannotOrder = parseLangText(o.value(QLatin1String("why_cannot_order")));
    out.whyCannotRevoke = parseLangText(o.value(QLatin1String("why_cannot_revoke")));
    const auto orders = o.value(QLatin1String("orders"));
    if (orders.isArray()) {
        for (const auto& item : orders.toArray())
            out.orders.push_back(order(item));
    } else if (!orders.isNull() && !orders.isUndefined()) {
        bad("field orders is not a list");
    }
    return out;
}

McardOrder parseMcardOrder(const QJsonValue& json) {
    if (!json.isObject())
        bad("mcard_order is not a JSON object");
    return order(json);
}

bool parseSuccess(const QJsonValue& json) {
    const auto o = object(json, "the answer");
    if (!o.contains(QLatin1String("success")))
        bad("field success is missing");
    return flag(o, "success");
}

std::string parseCardOwner(const QJsonValue& json) {
    return requiredText(
        object(object(json, "the card").value(QLatin1String("user")), "the card's user"), "id");
}

std::optional<std::string> parseLookup(const QJsonValue& json, std::string_view albumNumber) {
    const auto items = object(json, "the search answer").value(QLatin1String("items"));
    if (!items.isArray())
        bad("field items is not a list");
    std::optional<std::string> found;
    for (const auto& item : items.toArray()) {
        const auto user = object(object(item, "a search item").value(QLatin1String("user")),
                                 "a search item's user");
        if (text(user, "student_number") != albumNumber)
            continue;
        if (found)
            bad("two users share one album number");
        found = requiredText(user, "id");
    }
    return found;
}

} // namespace usosjson
} // namespace els::platform
