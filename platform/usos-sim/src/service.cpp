#include "els/platform/usossim/service.hpp"

#include "els/platform/usossim/api-error.hpp"
#include "els/platform/usossim/eligibility.hpp"
#include "els/platform/usossim/orders.hpp"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <algorithm>
#include <array>
#include <charconv>

namespace els::platform::usossim {
namespace {

QJsonValue text(const std::optional<std::string>& value) {
    return value ? QJsonValue(QString::fromStdString(*value)) : QJsonValue(QJsonValue::Null);
}
QString qs(const std::string& value) {
    return QString::fromStdString(value);
}

std::int64_t nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

HttpResponse json(int status, const QJsonValue& value) {
    const QByteArray body = value.isArray()
                                ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return {status, "application/json; charset=utf-8", body.toStdString(), {}};
}

HttpResponse errorResponse(const ApiError& error) {
    return json(error.httpStatus(), error.toJson());
}

std::optional<std::int64_t> parseId(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

// --- result schemas (what `fields` may select) ---

const Schema langDictSchema{{"pl"}, {"en"}};

const Schema userSchema{{"id"},
                        {"first_name"},
                        {"middle_names", false},
                        {"last_name"},
                        {"student_number", false},
                        {"pesel", false},
                        {"student_status", false},
                        {"has_photo", false},
                        {"photo_urls", false},
                        {"email", false}};

const Schema installationSchema{{"base_url"},
                                {"version"},
                                {"machine_version"},
                                {"usos_schema_version"},
                                {"contact_emails"},
                                {"name", true, langDictSchema},
                                {"institution_name", true, langDictSchema},
                                {"mcards_support"}};

const Schema searchSchema{{"items", true, Schema{{"user", true, userSchema}, {"match"}}},
                          {"next_page"}};

const Schema cardSchema{{"id"},
                        {"type"},
                        {"barcode_number"},
                        {"contact_chip_uid"},
                        {"contactless_chip_uid"},
                        {"date_of_issue"},
                        {"expiration_date"}};

// services/cards/card (administrative): the owner comes as the "primary" users/user fields.
const Schema cardInfoSchema{{"user", true, Schema{{"id"}, {"first_name"}, {"last_name"}}},
                            {"contact_chip_uid"},
                            {"contactless_chip_uid"},
                            {"barcode_number"},
                            {"type"},
                            {"expiration_date"}};

Schema orderSchema(bool allByDefault) {
    return {{"id"},
            {"order_date"},
            {"status"},
            {"token", allByDefault},
            {"distribution_pass", allByDefault},
            {"student_number", allByDefault},
            {"expiration_date", allByDefault}};
}
const Schema mcardOrderSchema = orderSchema(true);
const Schema mcardSchema{{"why_cannot_order", true, langDictSchema},
                         {"why_cannot_revoke", true, langDictSchema},
                         {"orders", true, orderSchema(false)}};

QJsonObject userJson(const User& u, const std::string& host) {
    QJsonObject photos;
    if (u.hasPhoto)
        photos.insert("50x50", qs("https://" + host + "/photos/50x50/" + u.id + ".jpg"));
    return {{"id", qs(u.id)},
            {"first_name", qs(u.firstName)},
            {"middle_names", text(u.middleNames)},
            {"last_name", qs(u.lastName)},
            {"student_number", text(u.studentNumber)},
            {"pesel", text(u.pesel)},
            {"student_status", u.studentStatus},
            {"has_photo", u.hasPhoto},
            {"photo_urls", photos},
            {"email", text(u.email)}};
}

QJsonObject orderJson(const Order& o, const User& u) {
    const bool issued = o.status == status::ready || o.status == status::received;
    return {{"id", QString::number(o.id)},
            {"order_date", qs(o.orderDate)},
            {"status", qs(o.status)},
            {"token", issued ? text(o.token) : QJsonValue(QJsonValue::Null)},
            {"distribution_pass", issued ? text(o.distributionPass) : QJsonValue(QJsonValue::Null)},
            {"student_number", text(u.studentNumber)},
            {"expiration_date", text(o.expirationDate)}};
}

QJsonValue langDictOrNull(const std::optional<LangDict>& value) {
    return value ? QJsonValue(value->toJson()) : QJsonValue(QJsonValue::Null);
}

std::string joinMethods(const std::vector<std::string>& methods) {
    std::string out;
    for (const auto& m : methods)
        out += (out.empty() ? "" : ",") + m;
    return out;
}

std::string corrupt(std::string body) {
    body.resize(body.size() / 2);
    return body + "<!-- upstream error -->\x01";
}

} // namespace

QJsonObject Faults::toJson() const {
    return {{"latency_ms", static_cast<qint64>(latency.count())},
            {"error_rate", errorRate},
            {"drop_rate", dropRate},
            {"garbage_rate", garbageRate},
            {"lose_order_response", loseOrderResponses},
            {"hold_before_effect_ms", static_cast<qint64>(holdBeforeEffect.count())},
            {"hold_methods", qs(joinMethods(holdMethods))}};
}

std::vector<std::string> splitMethods(std::string_view list) {
    std::vector<std::string> out;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = list.substr(0, comma);
        if (!item.empty())
            out.emplace_back(item);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    return out;
}

std::chrono::milliseconds Service::holdBeforeEffect(const HttpRequest& request) const {
    const auto& f = settings_.faults;
    if (f.holdBeforeEffect.count() <= 0 || !request.path.starts_with("/services/"))
        return {};
    const std::string_view method = std::string_view(request.path).substr(1);
    const bool listed =
        f.holdMethods.empty() ||
        std::find(f.holdMethods.begin(), f.holdMethods.end(), method) != f.holdMethods.end();
    return listed ? f.holdBeforeEffect : std::chrono::milliseconds{};
}

std::optional<std::size_t> Service::requestArrived(const HttpRequest& request) {
    if (!request.path.starts_with("/services/"))
        return std::nullopt;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started_)
                         .count();
    records_.push_back({request.path.substr(1), now, std::nullopt});
    const std::size_t id = firstRecord_ + records_.size() - 1;
    inFlight_.insert(id);
    maxInFlight_ = std::max(maxInFlight_, inFlight_.size());
    return id;
}

void Service::requestEnded(std::size_t record) {
    if (inFlight_.erase(record) == 0)
        return; // already ended
    if (record >= firstRecord_ && record - firstRecord_ < records_.size())
        records_[record - firstRecord_].endMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  started_)
                .count();
}

// The decoded request parameters without the OAuth protocol ones.
class Service::Params {
public:
    explicit Params(Fields fields) : fields_(std::move(fields)) {}

    std::optional<std::string> get(std::string_view name) const {
        for (const auto& [key, value] : fields_)
            if (key == name)
                return value;
        return std::nullopt;
    }
    std::string require(std::string_view name) const {
        auto value = get(name);
        if (!value || value->empty())
            throw std::move(ApiError(400, "param_missing",
                                     "Required parameter '" + std::string(name) + "' is missing.")
                                .withParam(std::string(name)));
        return *value;
    }
    const Fields& all() const { return fields_; }

private:
    Fields fields_;
};

Service::Service(Store& store, ServiceSettings settings)
    : store_(store), settings_(std::move(settings)),
      verifier_(settings_.oauth,
                [&store](const std::string& consumer, std::int64_t timestamp,
                         const std::string& nonce, std::int64_t oldestKept) {
                    return store.rememberNonce(consumer, timestamp, nonce, oldestKept);
                }),
      random_(settings_.randomSeed) {}

const std::vector<Service::Method>& Service::methods() {
    static const std::vector<Method> table{
        {"services/apisrv/installation", true, {}, &installationSchema, &Service::installation},
        {"services/users/search2",
         false,
         {"query", "lang", "num", "start"},
         &searchSchema,
         &Service::search},
        {"services/users/user", false, {"user_id"}, &userSchema, &Service::userInfo},
        {"services/cards/user", false, {}, &cardSchema, &Service::userCards},
        {"services/cards/card",
         false,
         {"contact_chip_uid", "contactless_chip_uid", "barcode_number"},
         &cardInfoSchema,
         &Service::cardInfo},
        {"services/cards/mcard", false, {}, &mcardSchema, &Service::mcard},
        {"services/cards/make_mcard_order", false, {}, nullptr, &Service::makeOrder},
        {"services/cards/mcard_order", false, {"order_id"}, &mcardOrderSchema, &Service::orderInfo},
        {"services/cards/revoke_mcard", false, {"order_id"}, nullptr, &Service::revoke},
    };
    return table;
}

bool Service::chance(double rate) {
    return rate > 0 && std::uniform_real_distribution<double>(0, 1)(random_) < rate;
}

Reply Service::handle(const HttpRequest& request) {
    if (request.path.starts_with("/services/"))
        return handleApi(request);
    if (request.method == "POST" && request.path == "/_sim/release_held") {
        Reply reply{json(200, QJsonObject{}), {}, false};
        reply.releaseHeld = true; // the body, with the count, comes from the server
        return reply;
    }
    if (request.path.starts_with("/_sim/"))
        return {handleControl(request), {}, false};
    return {errorResponse(ApiError(404, "method_not_found", "No such path.")), {}, false};
}

std::chrono::system_clock::time_point Service::now() const {
    return std::chrono::system_clock::now() + settings_.clockOffset;
}

Reply Service::handleApi(const HttpRequest& request) {
    ++servicesRequests_;
    Reply reply;
    reply.delay = settings_.faults.latency;
    if (chance(settings_.faults.dropRate)) {
        reply.drop = true;
        return reply;
    }
    if (chance(settings_.faults.errorRate)) {
        reply.response = {503,
                          "text/html; charset=utf-8",
                          "<html><body><h1>503 Service Unavailable</h1></body></html>",
                          {}};
        return reply;
    }

    const std::string name = request.path.substr(1);
    const auto& table = methods();
    const auto method =
        std::find_if(table.begin(), table.end(), [&](const Method& m) { return m.name == name; });
    if (method == table.end()) {
        reply.response =
            errorResponse(ApiError(404, "method_not_found", "Method not found: " + name));
        return reply;
    }

    Fields parameters = parseForm(request.query);
    const std::string contentType = request.header("content-type").value_or("");
    if (request.method == "POST" && contentType.starts_with("application/x-www-form-urlencoded")) {
        auto form = parseForm(request.body);
        parameters.insert(parameters.end(), form.begin(), form.end());
    }
    if (request.method != "GET" && request.method != "POST") {
        reply.response = errorResponse(ApiError(405, "method_not_allowed", "Use GET or POST."));
        reply.response.extraHeaders.emplace_back("Allow", "GET, POST");
        return reply;
    }

    reply.response = callMethod(request, *method, parameters);
    if (reply.response.status == 200 && method->name == "services/cards/make_mcard_order" &&
        settings_.faults.loseOrderResponses > 0) {
        --settings_.faults.loseOrderResponses;
        reply.drop = true;
    } else if (chance(settings_.faults.garbageRate)) {
        reply.response.body = corrupt(std::move(reply.response.body));
    }
    return reply;
}

HttpResponse Service::callMethod(const HttpRequest& request, const Method& method,
                                 const Fields& parameters) {
    try {
        const auto host = request.header("host");
        if (!host || host->empty())
            throw ApiError(400, "bad_request", "HTTP/1.1 requests need a Host header.");
        host_ = *host;
        const auto nowSeconds =
            std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
        const Caller caller =
            verifier_.verify(request.method, "https://" + host_ + request.path,
                             request.header("authorization"), parameters, nowSeconds);
        if (caller == Caller::Anonymous && !method.anonymousAllowed)
            throw ApiError(401, "consumer_key_required",
                           "This method requires a consumer key (an OAuth-signed request).");

        // "Methods ignore any unknown parameters you supply"
        // (https://apps.usos.edu.pl/developers/api/definitions/rules/): so a misspelt parameter
        // is dropped here exactly as USOS drops it, and the method then misses it.
        Fields own;
        for (const auto& [key, value] : parameters) {
            const bool known = key == "format" || key == "fields" || key == settings_.actAsParam ||
                               std::find(method.parameters.begin(), method.parameters.end(), key) !=
                                   method.parameters.end();
            if (known)
                own.emplace_back(key, value);
        }
        const Params params(std::move(own));
        if (const auto format = params.get("format"); format && *format != "json")
            throw std::move(ApiError(400, "param_invalid",
                                     "Unsupported format (this installation answers json only).")
                                .withParam("format"));
        const auto selection = parseSelectors(params.get("fields").value_or(""));

        advanceDueOrders();
        QJsonValue result = (this->*method.handler)(params);
        if (method.schema) {
            try {
                result = selectFields(result, selection, *method.schema);
            } catch (ApiError& error) {
                if (error.code().starts_with("field_"))
                    error.withMethod(method.name);
                throw;
            }
        }
        return json(200, result);
    } catch (const ApiError& error) {
        return errorResponse(error);
    } catch (const std::exception& error) {
        return errorResponse(ApiError(500, "internal_error", error.what()));
    }
}

// --- the methods ---

QJsonValue Service::installation(const Params&) {
    return QJsonObject{
        {"base_url", qs("https://" + host_ + "/")},
        {"version", "7.1.0.0-sim"},
        {"machine_version", "7.1.0.0-sim"},
        {"usos_schema_version", 7},
        {"contact_emails", QJsonArray{"usos-sim@localhost"}},
        {"name",
         LangDict{"Symulator USOS API (els-kiosk)", "USOS API simulator (els-kiosk)"}.toJson()},
        {"institution_name",
         LangDict{"Uniwersytet Demonstracyjny w Krakowie", "Demonstration University in Krakow"}
             .toJson()},
        {"mcards_support", true}};
}

QJsonValue Service::search(const Params& p) {
    const QString query = QString::fromStdString(p.require("query")).simplified();
    const auto number = [&](std::string_view name, int fallback, int max) {
        const auto value = p.get(name);
        if (!value)
            return fallback;
        const auto parsed = parseId(*value);
        if (!parsed || *parsed < 0 || *parsed > max)
            throw std::move(
                ApiError(400, "param_invalid", "Invalid value of '" + std::string(name) + "'.")
                    .withParam(std::string(name)));
        return static_cast<int>(*parsed);
    };
    const int num = number("num", 6, 20);
    const int start = number("start", 0, 1000000);
    const QStringList words = query.toCaseFolded().split(' ', Qt::SkipEmptyParts);

    std::vector<QJsonObject> items;
    for (const auto& user : store_.users()) {
        const QString fullName =
            qs(user.firstName) + ' ' + qs(user.middleNames.value_or("")) + ' ' + qs(user.lastName);
        const bool byNumber = user.studentNumber && qs(*user.studentNumber) == query;
        const bool byName =
            !words.isEmpty() && std::all_of(words.begin(), words.end(), [&](const QString& w) {
                return fullName.toCaseFolded().contains(w);
            });
        if (!byNumber && !byName)
            continue;
        const QString match =
            qs(user.firstName + " " + user.lastName) +
            (user.studentNumber ? " (" + qs(*user.studentNumber) + ")" : QString());
        items.push_back({{"user", userJson(user, host_)}, {"match", match}});
    }
    QJsonArray page;
    for (std::size_t i = static_cast<std::size_t>(start); i < items.size() && page.size() < num;
         ++i)
        page.append(items[i]);
    return QJsonObject{{"items", page},
                       {"next_page", static_cast<std::size_t>(start + num) < items.size()}};
}

QJsonValue Service::userInfo(const Params& p) {
    if (const auto id = p.get("user_id"); id && !id->empty()) {
        const auto user = store_.user(*id);
        if (!user)
            throw ApiError(400, "object_not_found", "User " + *id + " not found.");
        return userJson(*user, host_);
    }
    return userJson(actingUser(p), host_);
}

QJsonValue Service::userCards(const Params& p) {
    const User user = actingUser(p);
    QJsonArray out;
    for (const auto& c : store_.cards(user.id))
        out.append(QJsonObject{{"id", qs(c.id)},
                               {"type", qs(c.type)},
                               {"barcode_number", qs(c.barcodeNumber)},
                               {"contact_chip_uid", qs(c.contactChipUid)},
                               {"contactless_chip_uid", qs(c.contactlessChipUid)},
                               {"date_of_issue", qs(c.dateOfIssue)},
                               {"expiration_date", qs(c.expirationDate)}});
    return out;
}

QJsonValue Service::cardInfo(const Params& p) {
    // "specified by exactly one parameter of the following: contact_chip_uid,
    // contactless_chip_uid, barcode_number" (USOS API reference, services/cards/card).
    static constexpr std::array<std::string_view, 3> keys{"contact_chip_uid",
                                                          "contactless_chip_uid", "barcode_number"};
    std::optional<std::pair<std::string_view, std::string>> by;
    for (const auto key : keys)
        if (const auto value = p.get(key); value && !value->empty()) {
            if (by)
                throw std::move(ApiError(400, "param_invalid",
                                         "Give exactly one of contact_chip_uid, "
                                         "contactless_chip_uid, barcode_number.")
                                    .withParam(std::string(key)));
            by.emplace(key, *value);
        }
    if (!by)
        throw std::move(ApiError(400, "param_missing",
                                 "One of contact_chip_uid, contactless_chip_uid, barcode_number "
                                 "is required.")
                            .withParam("contact_chip_uid"));
    for (const auto& user : store_.users())
        for (const auto& c : store_.cards(user.id)) {
            const std::string& value = by->first == "contact_chip_uid"       ? c.contactChipUid
                                       : by->first == "contactless_chip_uid" ? c.contactlessChipUid
                                                                             : c.barcodeNumber;
            if (value != by->second)
                continue;
            return QJsonObject{{"user", userJson(user, host_)},
                               {"contact_chip_uid", qs(c.contactChipUid)},
                               {"contactless_chip_uid", qs(c.contactlessChipUid)},
                               {"barcode_number", qs(c.barcodeNumber)},
                               {"type", qs(c.type)},
                               {"expiration_date", qs(c.expirationDate)}};
        }
    throw std::move(
        ApiError(400, "object_not_found", "Card not found.").withParam(std::string(by->first)));
}

std::optional<LangDict> Service::whyCannotOrderNow(const User& user,
                                                   const std::vector<Order>& orders) {
    if (auto why = whyCannotOrder(user, store_.cards(user.id), orders, QDate::currentDate()))
        return why;
    if (const auto rule = universityRules_.find(user.id); rule != universityRules_.end())
        return rule->second;
    return std::nullopt;
}

QJsonValue Service::mcard(const Params& p) {
    const User user = actingUser(p);
    const auto orders = store_.orders(user.id);
    QJsonArray list;
    for (const auto& o : orders)
        list.append(orderJson(o, user));
    return QJsonObject{{"why_cannot_order", langDictOrNull(whyCannotOrderNow(user, orders))},
                       {"why_cannot_revoke", langDictOrNull(whyCannotRevoke(orders))},
                       {"orders", list}};
}

QJsonValue Service::makeOrder(const Params& p) {
    const User user = actingUser(p);
    const auto cards = store_.cards(user.id);
    if (const auto why = whyCannotOrderNow(user, store_.orders(user.id)))
        throw std::move(ApiError(400, "user_error", why->en).withUserMessage(*why));
    std::optional<std::string> expiry;
    for (const auto& c : cards)
        if (!expiry || c.expirationDate > *expiry)
            expiry = c.expirationDate;
    const std::int64_t now = nowMs();
    Order order{0,
                user.id,
                QDateTime::currentDateTime().toString("yyyy-MM-dd HH:mm:ss").toStdString(),
                std::string(status::pending),
                std::nullopt,
                std::nullopt,
                expiry,
                true,
                now};
    if (settings_.advance == AdvanceMode::Instant) {
        order.status = status::ready;
        std::tie(order.token, order.distributionPass) = makeCredentials();
    }
    store_.insertOrder(order);
    return QJsonObject{{"success", true}};
}

QJsonValue Service::orderInfo(const Params& p) {
    const User user = actingUser(p);
    return orderJson(ownOrder(p, user), user);
}

QJsonValue Service::revoke(const Params& p) {
    const User user = actingUser(p);
    Order order = ownOrder(p, user);
    const auto next = statusAfterRevoke(order.status);
    if (!next)
        throw std::move(
            ApiError(400, "user_error", "This order can be neither cancelled nor revoked.")
                .withUserMessage({"Tego zamówienia nie można anulować ani unieważnić.",
                                  "This order can be neither cancelled nor revoked."}));
    becomeStatus(order, *next, nowMs());
    return QJsonObject{{"success", true}};
}

// --- helpers ---

User Service::actingUser(const Params& p) {
    const auto id = p.get(settings_.actAsParam);
    if (!id || id->empty())
        throw std::move(ApiError(400, "param_missing",
                                 "This method needs a user: pass '" + settings_.actAsParam +
                                     "' (administrative consumer acting as a user).")
                            .withParam(settings_.actAsParam));
    auto user = store_.user(*id);
    if (!user)
        throw std::move(ApiError(400, "object_not_found", "User " + *id + " not found.")
                            .withParam(settings_.actAsParam));
    return *user;
}

Order Service::ownOrder(const Params& p, const User& user) {
    const std::string text = p.require("order_id");
    const auto id = parseId(text);
    const auto order = id ? store_.order(*id) : std::nullopt;
    if (!order || order->userId != user.id)
        throw std::move(ApiError(400, "object_not_found", "Order " + text + " not found.")
                            .withParam("order_id"));
    return *order;
}

void Service::becomeStatus(Order& order, std::string_view next, std::int64_t at) {
    order.status = std::string(next);
    order.statusSinceMs = at;
    if (next == status::ready && !order.token)
        std::tie(order.token, order.distributionPass) = makeCredentials();
    store_.updateOrder(order);
}

void Service::advanceDueOrders() {
    if (settings_.advance != AdvanceMode::Timed)
        return;
    const std::int64_t now = nowMs();
    const std::int64_t interval = settings_.advanceInterval.count();
    for (auto& order : store_.allOrders()) {
        if (!order.autoAdvance)
            continue;
        bool changed = false;
        // Catch up on every step that fell due since the last request.
        while (nextStatus(order.status) && now - order.statusSinceMs >= interval) {
            order.status = std::string(*nextStatus(order.status));
            order.statusSinceMs += interval;
            changed = true;
        }
        if (changed)
            becomeStatus(order, order.status, order.statusSinceMs);
    }
}

int Service::stepAllOrders() {
    int stepped = 0;
    const std::int64_t now = nowMs();
    for (auto& order : store_.allOrders())
        if (const auto next = nextStatus(order.status)) {
            becomeStatus(order, *next, now);
            ++stepped;
        }
    return stepped;
}

// --- control endpoints (tests and the demo; loopback only, no OAuth, no faults) ---

HttpResponse Service::handleControl(const HttpRequest& request) {
    try {
        Fields parameters = parseForm(request.query);
        auto form = parseForm(request.body);
        parameters.insert(parameters.end(), form.begin(), form.end());
        const Params p(std::move(parameters));
        const auto route = request.method + " " + request.path;

        if (route == "GET /_sim/health")
            return json(200, QJsonObject{{"status", "ok"}});
        if (route == "GET /_sim/requests") {
            QJsonArray list;
            for (const auto& r : records_)
                list.append(
                    QJsonObject{{"method", qs(r.method)},
                                {"start_ms", static_cast<qint64>(r.startMs)},
                                {"end_ms", r.endMs ? QJsonValue(static_cast<qint64>(*r.endMs))
                                                   : QJsonValue(QJsonValue::Null)}});
            return json(200, QJsonObject{{"count", static_cast<qint64>(servicesRequests_)},
                                         {"in_flight", static_cast<qint64>(inFlight_.size())},
                                         {"max_in_flight", static_cast<qint64>(maxInFlight_)},
                                         {"requests", list}});
        }
        if (route == "POST /_sim/requests/clear") {
            // Requests still in flight stay counted in in_flight; their records are gone.
            firstRecord_ += records_.size();
            records_.clear();
            maxInFlight_ = inFlight_.size();
            return json(200, QJsonObject{{"success", true}});
        }
        if (route == "POST /_sim/step") {
            advanceDueOrders();
            return json(200, QJsonObject{{"advanced", stepAllOrders()}});
        }
        if (route == "GET /_sim/orders") {
            advanceDueOrders();
            const auto userId = p.get("user_id");
            QJsonArray list;
            int active = 0;
            for (const auto& o : userId ? store_.orders(*userId) : store_.allOrders()) {
                list.append(QJsonObject{{"id", QString::number(o.id)},
                                        {"user_id", qs(o.userId)},
                                        {"status", qs(o.status)}});
                active += isActiveStatus(o.status) ? 1 : 0;
            }
            return json(200,
                        QJsonObject{{"count", list.size()}, {"active", active}, {"orders", list}});
        }
        if (route == "POST /_sim/order_status") {
            const auto id = parseId(p.require("order_id"));
            auto order = id ? store_.order(*id) : std::nullopt;
            const std::string next = p.require("status");
            if (!order || !isKnownStatus(next))
                throw ApiError(400, "param_invalid", "Unknown order or status.");
            becomeStatus(*order, next, nowMs());
            return json(200, QJsonObject{{"success", true}});
        }
        if (route == "POST /_sim/university_rule") {
            // user_id with pl and en: that user may not order, for this reason; without pl:
            // the rule is lifted.
            const auto user = p.require("user_id");
            const auto pl = p.get("pl");
            if (pl && !pl->empty())
                universityRules_[user] = LangDict{*pl, p.get("en").value_or(*pl)};
            else
                universityRules_.erase(user);
            return json(200, QJsonObject{{"success", true}});
        }
        if (route == "GET /_sim/faults")
            return json(200, settings_.faults.toJson());
        if (route == "POST /_sim/faults") {
            Faults f = settings_.faults;
            const auto rate = [&](const char* name, double& target) {
                if (const auto v = p.get(name)) {
                    bool ok = false;
                    const double parsed = QString::fromStdString(*v).toDouble(&ok);
                    if (!ok || parsed < 0 || parsed > 1)
                        throw std::move(
                            ApiError(400, "param_invalid", std::string(name) + " must be 0..1")
                                .withParam(name));
                    target = parsed;
                }
            };
            const auto count = [&](const char* name) -> std::optional<std::int64_t> {
                const auto v = p.get(name);
                if (!v)
                    return std::nullopt;
                const auto parsed = parseId(*v);
                if (!parsed || *parsed < 0)
                    throw std::move(
                        ApiError(400, "param_invalid", std::string(name) + " must be a count")
                            .withParam(name));
                return parsed;
            };
            rate("error_rate", f.errorRate);
            rate("drop_rate", f.dropRate);
            rate("garbage_rate", f.garbageRate);
            if (const auto ms = count("latency_ms"))
                f.latency = std::chrono::milliseconds(*ms);
            if (const auto n = count("lose_order_response"))
                f.loseOrderResponses = static_cast<int>(*n);
            if (const auto ms = count("hold_before_effect_ms"))
                f.holdBeforeEffect = std::chrono::milliseconds(*ms);
            if (const auto methods = p.get("hold_methods"))
                f.holdMethods = splitMethods(*methods);
            settings_.faults = f;
            return json(200, f.toJson());
        }
        if (route == "POST /_sim/reset") {
            settings_.faults = Faults{};
            return json(200, settings_.faults.toJson());
        }
        throw ApiError(404, "method_not_found", "Unknown control endpoint: " + route);
    } catch (const ApiError& error) {
        return errorResponse(error);
    }
}

} // namespace els::platform::usossim
