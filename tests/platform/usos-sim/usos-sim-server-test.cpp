// The real usos-sim binary over HTTPS: OAuth checks, USOS shapes, the order clock and faults.
#include "els/platform/usossim/seed.hpp"
#include "sim-process.hpp"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QThread>
#include <QTimeZone>
#include <QtNetworkAuth/QOAuth1Signature>
#include <gtest/gtest.h>
#include <map>
#include <regex>

namespace els::platform::usossim::test {
namespace {

std::string str(const QJsonValue& value) {
    return value.toString().toStdString();
}

class UsosSim : public ::testing::Test {
protected:
    explicit UsosSim(const QStringList& arguments = {"--advance", "manual"})
        : sim(arguments), client(sim.port(), sim.caPem()) {}

    Response as(const std::string& scenario, const std::string& method, Fields extra = {}) {
        extra.emplace_back("as_user_id", idOf(scenario));
        extra.emplace_back("format", "json");
        return client.call(method, extra);
    }
    QJsonObject mcard(const std::string& scenario) {
        const auto r = as(scenario, "cards/mcard",
                          {{"fields", "why_cannot_order|why_cannot_revoke|orders[id|status]"}});
        EXPECT_EQ(r.status, 200) << r.body;
        return r.object();
    }
    int ordersInSim(const std::string& scenario) {
        return client.control("GET", "/_sim/orders", {{"user_id", idOf(scenario)}})
            .object()["count"]
            .toInt();
    }
    std::string lastOrderId(const std::string& scenario) {
        const auto orders = mcard(scenario)["orders"].toArray();
        return orders.isEmpty() ? std::string{} : str(orders.last().toObject()["id"]);
    }

    SimProcess sim;
    Client client;
};

TEST_F(UsosSim, startup_printsPortWritesPortFileAndServesTlsTrustedByTheCa) {
    EXPECT_EQ(sim.portFileContent().trimmed().toUInt(), sim.port());
    const auto r = client.anonymous("apisrv/installation", {{"format", "json"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.object()["mcards_support"].toBool());
    Client byName(sim.port(), sim.caPem(), "localhost"); // SAN DNS:localhost
    EXPECT_EQ(byName.anonymous("apisrv/installation", {}).status, 200);
}

TEST_F(UsosSim, correctSignature_acceptedForGetPostAndQueryStyle) {
    const Fields params{{"as_user_id", idOf("happy")}, {"fields", "id|first_name|middle_names"}};
    const auto get = client.call("users/user", params);
    ASSERT_EQ(get.status, 200) << get.body;
    EXPECT_EQ(str(get.object()["first_name"]), "Zofia");
    EXPECT_EQ(str(get.object()["middle_names"]), "Łucja");
    EXPECT_EQ(client.call("users/user", params, {}, "POST").status, 200);
    Signing query;
    query.inQuery = true;
    EXPECT_EQ(client.call("users/user", params, query).status, 200);
}

TEST_F(UsosSim, signatureFromQtNetworkAuth_accepted) {
    // An independent signer: Qt's QOAuth1Signature, not our oauth1.cpp.
    const QUrl url(QString("https://127.0.0.1:%1/services/users/user").arg(sim.port()));
    QMultiMap<QString, QVariant> parameters{
        {"oauth_consumer_key", QString::fromStdString(consumerKey)},
        {"oauth_nonce", "qt-nonce-1"},
        {"oauth_signature_method", "HMAC-SHA1"},
        {"oauth_timestamp", QString::number(QDateTime::currentSecsSinceEpoch())},
        {"oauth_version", "1.0"},
        {"as_user_id", QString::fromStdString(idOf("happy"))},
        {"fields", "id|last_name"}};
    QOAuth1Signature signature(url, QString::fromStdString(consumerSecret), {},
                               QOAuth1Signature::HttpRequestMethod::Get, parameters);
    std::string header = "OAuth ";
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it)
        if (it.key().startsWith("oauth_"))
            header += it.key().toStdString() + "=\"" +
                      QUrl::toPercentEncoding(it.value().toString()).toStdString() + "\", ";
    header += "oauth_signature=\"" +
              QUrl::toPercentEncoding(QString::fromLatin1(signature.hmacSha1().toBase64()))
                  .toStdString() +
              "\"";
    const auto r = client.raw(
        "GET", "/services/users/user?as_user_id=" + idOf("happy") + "&fields=id%7Clast_name", {},
        {{"Authorization", header}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(str(r.object()["last_name"]), "Żółkowska-Wąs");
}

TEST_F(UsosSim, forgedStaleReplayedOrUnknownKey_refusedWith401AndUsosErrorBody) {
    const Fields params{{"as_user_id", idOf("happy")}};
    Signing forged;
    forged.forge = true;
    Signing stale;
    stale.timestampOffset = -400;
    Signing otherKey;
    otherKey.key = "someone-else";
    Signing wrongSecret;
    wrongSecret.secret = "guess";
    for (const auto& [name, signing] :
         std::map<std::string, Signing>{{"signature_invalid", forged},
                                        {"timestamp_refused", stale},
                                        {"consumer_key_unknown", otherKey},
                                        {"signature_invalid ", wrongSecret}}) {
        const auto r = client.call("users/user", params, signing);
        EXPECT_EQ(r.status, 401) << name;
        EXPECT_EQ(str(r.object()["error"]) + (name.back() == ' ' ? " " : ""), name);
        EXPECT_FALSE(str(r.object()["message"]).empty());
    }
    Signing replay;
    replay.nonce = "the-same-nonce";
    replay.timestamp = QDateTime::currentSecsSinceEpoch();
    EXPECT_EQ(client.call("users/user", params, replay).status, 200);
    const auto again = client.call("users/user", params, replay);
    EXPECT_EQ(again.status, 401);
    EXPECT_EQ(str(again.object()["error"]), "nonce_used");
    EXPECT_EQ(client.anonymous("users/user", params).status, 401);
}

TEST_F(UsosSim, fieldsSelector_filtersNestedResultsAndRefusesUnknownFields) {
    const auto search = client.call(
        "users/search2", {{"query", "412001"}, {"fields", "items[user[id|student_number]]"}});
    ASSERT_EQ(search.status, 200) << search.body;
    const auto items = search.object()["items"].toArray();
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(search.object().keys(), QStringList{"items"});
    const auto user = items[0].toObject()["user"].toObject();
    EXPECT_EQ(user.keys(), (QStringList{"id", "student_number"}));
    EXPECT_EQ(str(user["student_number"]), "412001");

    const auto byName = client.call("users/search2", {{"query", "żółkowska"}});
    EXPECT_EQ(byName.object()["items"].toArray().size(), 1) << byName.body;

    const auto bad = as("happy", "users/user", {{"fields", "id|shoe_size"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(str(bad.object()["error"]), "field_not_found");
    EXPECT_EQ(str(bad.object()["field_name"]), "shoe_size");
    EXPECT_EQ(str(bad.object()["method_name"]), "services/users/user");
    const auto noSub = as("happy", "users/user", {{"fields", "id[x]"}});
    EXPECT_EQ(noSub.status, 400);
    EXPECT_EQ(str(noSub.object()["error"]), "field_invalid");
    EXPECT_EQ(as("happy", "users/user", {{"format", "xml"}}).status, 400);
    // USOS ignores unknown parameters, so a misspelt one is not an error: it is simply lost.
    const auto unknown = as("happy", "users/user", {{"colour", "red"}, {"fields", "id"}});
    EXPECT_EQ(unknown.status, 200) << unknown.body;
    const auto misspelt = as("ready_order", "cards/mcard_order", {{"orderid", "1"}});
    EXPECT_EQ(misspelt.status, 400);
    EXPECT_EQ(str(misspelt.object()["error"]), "param_missing");
    EXPECT_EQ(str(misspelt.object()["param_name"]), "order_id");
}

TEST_F(UsosSim, cardsCard_findsTheOwnerByExactlyOneCardNumber) {
    const auto found = client.call(
        "cards/card", {{"contact_chip_uid", "3B015A17C0FFEE01"}, {"fields", "user[id]|type"}});
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(found.object().keys(), (QStringList{"type", "user"}));
    EXPECT_EQ(str(found.object()["user"].toObject()["id"]), idOf("happy"));
    EXPECT_EQ(str(found.object()["type"]), "student");

    const auto unknown = client.call("cards/card", {{"contact_chip_uid", "00"}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(str(unknown.object()["error"]), "object_not_found");
    EXPECT_EQ(client.call("cards/card", {}).status, 400);
    const auto two = client.call(
        "cards/card", {{"contact_chip_uid", "3B015A17C0FFEE01"}, {"barcode_number", "1"}});
    EXPECT_EQ(str(two.object()["error"]), "param_invalid");
}

TEST_F(UsosSim, userContext_missingOrUnknownUser_usosLikeErrors) {
    const auto missing = client.call("cards/mcard", {});
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(str(missing.object()["error"]), "param_missing");
    EXPECT_EQ(str(missing.object()["param_name"]), "as_user_id");
    const auto unknown = client.call("cards/mcard", {{"as_user_id", "999999"}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(str(unknown.object()["error"]), "object_not_found");
    EXPECT_EQ(client.call("services/nope", {}).status, 404);
}

TEST_F(UsosSim, everySeededStudent_getsTheWhyCannotOrderOfTheRules) {
    const std::map<std::string, std::string> expected{
        {"happy", ""},
        {"happy_second", ""},
        {"inactive", "not an active student"},
        {"no_photo", "photo"},
        {"no_pesel", "PESEL"},
        {"card_not_extended_in_usos", "valid (extended)"},
        {"chip_not_extended", ""},
        {"changed_surname", ""},
        {"changed_given_names", ""},
        {"chip_uid_unknown", ""},
        {"pending_order", "already"},
        {"ready_order", "already"},
        {"revoked_order", ""}};
    for (const auto& [scenario, reason] : expected) {
        const QJsonValue why = mcard(scenario)["why_cannot_order"];
        if (reason.empty()) {
            EXPECT_TRUE(why.isNull()) << scenario;
        } else {
            EXPECT_NE(str(why["en"]).find(reason), std::string::npos)
                << scenario << ": " << str(why["en"]);
            EXPECT_FALSE(str(why["pl"]).empty()) << scenario;
        }
    }
}

// A university's own rule (not one the kiosk's card checks know): why_cannot_order carries it,
// make_mcard_order is refused with it as the user message, and lifting it allows the order.
TEST_F(UsosSim, universityRule_refusesWithItsReason_untilLifted) {
    const std::string pl = "Masz zaległe opłaty w kwesturze.";
    const std::string en = "You have unpaid fees at the bursar's office.";
    ASSERT_EQ(client
                  .control("POST", "/_sim/university_rule",
                           {{"user_id", idOf("happy")}, {"pl", pl}, {"en", en}})
                  .status,
              200);
    const QJsonValue why = mcard("happy")["why_cannot_order"];
    EXPECT_EQ(str(why["pl"]), pl);
    EXPECT_EQ(str(why["en"]), en);
    EXPECT_TRUE(mcard("happy_second")["why_cannot_order"].isNull()) << "only that user";
    const auto refused = as("happy", "cards/make_mcard_order");
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(str(QJsonValue(refused.object())["user_messages"]["generic_message"]["en"]), en);
    EXPECT_EQ(ordersInSim("happy"), 0);

    client.control("POST", "/_sim/university_rule", {{"user_id", idOf("happy")}});
    EXPECT_TRUE(mcard("happy")["why_cannot_order"].isNull());
    EXPECT_EQ(as("happy", "cards/make_mcard_order").status, 200);
}

TEST_F(UsosSim, cardsAndUserShapes_matchTheSeed) {
    const auto cards = as("card_not_extended_in_usos", "cards/user");
    ASSERT_EQ(cards.status, 200);
    const auto list = QJsonDocument::fromJson(QByteArray::fromStdString(cards.body)).array();
    ASSERT_EQ(list.size(), 1);
    EXPECT_EQ(str(list[0].toObject()["contact_chip_uid"]), "3B065A17C0FFEE06");
    EXPECT_EQ(str(list[0].toObject()["expiration_date"]),
              QDate::currentDate().addDays(-20).toString(Qt::ISODate).toStdString());
    const auto user =
        as("no_pesel", "users/user", {{"fields", "pesel|student_status|has_photo|photo_urls"}})
            .object();
    EXPECT_TRUE(user["pesel"].isNull());
    EXPECT_EQ(user["student_status"].toInt(), 2);
    EXPECT_TRUE(user["has_photo"].toBool());
    EXPECT_FALSE(user.contains("email")); // not a default field
    const auto mail = as("no_pesel", "users/user", {{"fields", "id|email"}}).object();
    EXPECT_EQ(str(mail["email"]), "s100005@student.udk.example");
}

TEST_F(UsosSim, orderLifecycle_manualSteps_pendingInProgressReady_andNeverTwice) {
    ASSERT_EQ(as("happy", "cards/make_mcard_order").object()["success"].toBool(), true);
    const std::string id = lastOrderId("happy");
    const auto order = [&] {
        return as("happy", "cards/mcard_order", {{"order_id", id}}).object();
    };
    EXPECT_EQ(str(order()["status"]), "pending");
    EXPECT_TRUE(order()["token"].isNull());
    EXPECT_TRUE(order()["distribution_pass"].isNull());
    EXPECT_EQ(str(order()["student_number"]), "412001");

    client.control("POST", "/_sim/step");
    EXPECT_EQ(str(order()["status"]), "in_progress");
    client.control("POST", "/_sim/step");
    const auto ready = order();
    EXPECT_EQ(str(ready["status"]), "ready");
    EXPECT_EQ(str(ready["token"]).size(), 64u);
    EXPECT_TRUE(std::regex_match(str(ready["distribution_pass"]), std::regex("[0-9]{8}")));
    EXPECT_FALSE(mcard("happy")["why_cannot_order"].isNull());

    const auto second = as("happy", "cards/make_mcard_order");
    EXPECT_EQ(second.status, 400);
    EXPECT_EQ(str(second.object()["error"]), "user_error");
    EXPECT_FALSE(
        str(QJsonValue(second.object())["user_messages"]["generic_message"]["pl"]).empty());
    EXPECT_EQ(ordersInSim("happy"), 1);

    const auto foreign = as("happy_second", "cards/mcard_order", {{"order_id", id}});
    EXPECT_EQ(str(foreign.object()["error"]), "object_not_found");
}

TEST_F(UsosSim, revoke_cancelsPendingRevokesReady_refusesFinished_thenMayOrderAgain) {
    const std::string pending = lastOrderId("pending_order");
    ASSERT_EQ(as("pending_order", "cards/revoke_mcard", {{"order_id", pending}}).status, 200);
    EXPECT_EQ(
        str(as("pending_order", "cards/mcard_order", {{"order_id", pending}}).object()["status"]),
        "cancelled");
    const auto twice = as("pending_order", "cards/revoke_mcard", {{"order_id", pending}});
    EXPECT_EQ(twice.status, 400);
    EXPECT_EQ(str(twice.object()["error"]), "user_error");

    const std::string ready = lastOrderId("ready_order");
    ASSERT_EQ(as("ready_order", "cards/revoke_mcard", {{"order_id", ready}}).status, 200);
    const auto revoked = as("ready_order", "cards/mcard_order", {{"order_id", ready}}).object();
    EXPECT_EQ(str(revoked["status"]), "revoked");
    EXPECT_TRUE(revoked["token"].isNull());
    EXPECT_TRUE(mcard("ready_order")["why_cannot_order"].isNull());
    EXPECT_FALSE(mcard("ready_order")["why_cannot_revoke"].isNull());
    EXPECT_EQ(as("ready_order", "cards/make_mcard_order").status, 200);
    EXPECT_EQ(ordersInSim("ready_order"), 2);
}

TEST_F(UsosSim, faults_dropErrorGarbageLatency_thenResetRestoresService) {
    const Fields params{{"as_user_id", idOf("happy")}};
    client.control("POST", "/_sim/faults", {{"drop_rate", "1"}});
    EXPECT_TRUE(client.call("users/user", params).dropped);
    client.control("POST", "/_sim/faults", {{"drop_rate", "0"}, {"error_rate", "1"}});
    EXPECT_EQ(client.call("users/user", params).status, 503);
    client.control("POST", "/_sim/faults", {{"error_rate", "0"}, {"garbage_rate", "1"}});
    const auto garbage = client.call("users/user", params);
    EXPECT_EQ(garbage.status, 200);
    EXPECT_FALSE(garbage.isJson());
    client.control("POST", "/_sim/faults", {{"garbage_rate", "0"}, {"latency_ms", "300"}});
    QElapsedTimer timer;
    timer.start();
    EXPECT_EQ(client.call("users/user", params).status, 200);
    EXPECT_GE(timer.elapsed(), 300);
    EXPECT_EQ(client.control("POST", "/_sim/faults", {{"error_rate", "2"}}).status, 400);
    client.control("POST", "/_sim/reset");
    EXPECT_EQ(client.control("GET", "/_sim/faults").object()["latency_ms"].toInt(), 0);
    const auto fine = client.call("users/user", params);
    EXPECT_EQ(fine.status, 200);
    EXPECT_TRUE(fine.isJson());
}

TEST_F(UsosSim, lostOrderResponse_orderExistsOnceAndReorderIsRefused) {
    client.control("POST", "/_sim/faults", {{"lose_order_response", "1"}});
    EXPECT_TRUE(as("happy", "cards/make_mcard_order").dropped);
    EXPECT_EQ(ordersInSim("happy"), 1);
    EXPECT_EQ(as("happy", "cards/make_mcard_order").status, 400); // the client must look first
    EXPECT_EQ(ordersInSim("happy"), 1);
    EXPECT_EQ(client.control("GET", "/_sim/faults").object()["lose_order_response"].toInt(), 0);
}

TEST_F(UsosSim, keepAlive_reusesOneConnection_andCountsServicesRequests) {
    const int before = client.control("GET", "/_sim/requests").object()["count"].toInt();
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(as("happy", "users/user").status, 200);
    EXPECT_EQ(client.control("GET", "/_sim/requests").object()["count"].toInt(), before + 5);
    EXPECT_EQ(client.connectionsOpened(), 1);
}

// The Date header as seconds since the epoch (strict IMF-fixdate), or -1.
std::int64_t dateSeconds(const Response& r) {
    const auto date = r.header("date");
    if (!date)
        return -1;
    QDateTime at =
        QDateTime::fromString(QString::fromStdString(*date), "ddd, dd MMM yyyy hh:mm:ss 'GMT'");
    at.setTimeZone(QTimeZone::utc());
    return at.isValid() ? at.toSecsSinceEpoch() : -1;
}

TEST_F(UsosSim, everyAnswer_carriesAnImfFixdateOfNow) {
    const std::int64_t before = QDateTime::currentSecsSinceEpoch();
    const std::vector<Response> answers{
        as("happy", "users/user"),                              // 200
        client.anonymous("users/user", {}),                     // 401
        client.control("GET", "/_sim/health"),                  // control
        client.raw("GET", "/elsewhere"),                        // 404
        client.raw("GET", "/x", {}, {{"Content-Length", "x"}}), // 400 from the parser
    };
    const std::int64_t after = QDateTime::currentSecsSinceEpoch();
    for (const auto& r : answers) {
        EXPECT_TRUE(std::regex_match(r.header("date").value_or(""),
                                     std::regex(R"([A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} )"
                                                R"(\d{2}:\d{2}:\d{2} GMT)")))
            << r.status << ' ' << r.header("date").value_or("no Date");
        EXPECT_GE(dateSeconds(r), before) << r.status;
        EXPECT_LE(dateSeconds(r), after) << r.status;
    }
}

TEST_F(UsosSim, sigterm_exitsCleanly) {
    EXPECT_EQ(sim.terminate(), 0);
}

class UsosSimTimed : public UsosSim {
protected:
    UsosSimTimed() : UsosSim({"--advance", "timed", "--advance-seconds", "0.2"}) {}
};

TEST_F(UsosSimTimed, orders_becomeReadyOnTheClock_seededPendingOrderStays) {
    ASSERT_EQ(as("happy", "cards/make_mcard_order").status, 200);
    const std::string id = lastOrderId("happy");
    QThread::msleep(500);
    EXPECT_EQ(str(as("happy", "cards/mcard_order", {{"order_id", id}}).object()["status"]),
              "ready");
    EXPECT_EQ(str(QJsonValue(mcard("pending_order"))["orders"][0]["status"]), "pending");
}

class UsosSimInstant : public UsosSim {
protected:
    UsosSimInstant() : UsosSim({"--advance", "instant", "--act-as-param", "user_context"}) {}
};

TEST_F(UsosSimInstant, orders_readyAtCreation_withConfiguredActAsParameter) {
    const Fields happy{{"user_context", idOf("happy")}};
    ASSERT_EQ(client.call("cards/make_mcard_order", happy).status, 200);
    auto params = happy;
    params.emplace_back("fields", "orders[status|token]");
    const auto orders = client.call("cards/mcard", params).object()["orders"].toArray();
    ASSERT_EQ(orders.size(), 1);
    EXPECT_EQ(str(QJsonValue(orders)[0]["status"]), "ready");
    EXPECT_FALSE(str(QJsonValue(orders)[0]["token"]).empty());
    EXPECT_EQ(as("happy", "cards/mcard").status, 400); // as_user_id is unknown here
}

class UsosSimClockAhead : public UsosSim {
protected:
    UsosSimClockAhead() : UsosSim({"--clock-offset-s", "600"}) {}
};

TEST_F(UsosSimClockAhead, dateAndOAuthWindowFollowTheShiftedClock) {
    const auto refused = as("happy", "users/user"); // signed with this machine's clock
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(str(refused.object()["error"]), "timestamp_refused");
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    EXPECT_GE(dateSeconds(refused), now + 600 - 2);
    EXPECT_LE(dateSeconds(refused), now + 600);
    Signing inStep; // a client whose clock agrees with the server's
    inStep.timestampOffset = 600;
    EXPECT_EQ(client.call("users/user", {{"as_user_id", idOf("happy")}}, inStep).status, 200);
}

class UsosSimDropping : public UsosSim {
protected:
    UsosSimDropping() : UsosSim({"--drop-rate", "1", "--random-seed", "7"}) {}
};

TEST_F(UsosSimDropping, faultFromTheCommandLine_dropsServicesButNotControl) {
    EXPECT_TRUE(as("happy", "users/user").dropped);
    EXPECT_EQ(client.control("GET", "/_sim/health").status, 200);
}

} // namespace
} // namespace els::platform::usossim::test

namespace els::platform::usossim::test {
namespace {

TEST_F(UsosSim, mcardOrderSubSelector_returnsExactlyTheAskedOrderFields_unknownOneRefused) {
    const auto r = as("ready_order", "cards/mcard",
                      {{"fields", "why_cannot_order|orders[id|order_date|status|token|"
                                  "distribution_pass|expiration_date]"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.object().keys(), (QStringList{"orders", "why_cannot_order"}));
    const auto orders = r.object()["orders"].toArray();
    ASSERT_FALSE(orders.isEmpty());
    const auto order = orders.last().toObject();
    EXPECT_EQ(order.keys(), (QStringList{"distribution_pass", "expiration_date", "id", "order_date",
                                         "status", "token"}));
    EXPECT_EQ(str(order["status"]), "ready");
    EXPECT_FALSE(str(order["token"]).empty());

    const auto bad = as("ready_order", "cards/mcard", {{"fields", "orders[id|shoe_size]"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(str(bad.object()["error"]), "field_not_found");
    EXPECT_EQ(str(bad.object()["field_name"]), "shoe_size");
    EXPECT_EQ(str(bad.object()["method_name"]), "services/cards/mcard");
    EXPECT_FALSE(str(bad.object()["message"]).empty());
}

TEST_F(UsosSim, requestRecord_startAndEndOfEachServicesRequest_clearable) {
    ASSERT_EQ(as("happy", "users/user").status, 200);
    ASSERT_EQ(client.control("GET", "/_sim/health").status, 200); // control: not recorded
    const auto record = client.control("GET", "/_sim/requests").object();
    const auto requests = record["requests"].toArray();
    ASSERT_EQ(requests.size(), 1);
    const auto one = requests[0].toObject();
    EXPECT_EQ(str(one["method"]), "services/users/user");
    EXPECT_LE(one["start_ms"].toInteger(), one["end_ms"].toInteger());
    EXPECT_EQ(record["in_flight"].toInt(), 0);
    EXPECT_EQ(record["max_in_flight"].toInt(), 1); // one connection: never two at once

    EXPECT_EQ(client.control("POST", "/_sim/requests/clear").status, 200);
    const auto cleared = client.control("GET", "/_sim/requests").object();
    EXPECT_TRUE(cleared["requests"].toArray().isEmpty());
    EXPECT_EQ(cleared["max_in_flight"].toInt(), 0);
    EXPECT_EQ(cleared["count"].toInt(), 1); // the running total stays
}

} // namespace
} // namespace els::platform::usossim::test

namespace els::platform::usossim::test {
namespace {

TEST(UsosSimRestart, oauthNonceSeenBeforeARestart_isStillRefused) {
    QTemporaryDir dir;
    const QStringList arguments{"--advance", "manual", "--db", dir.filePath("sim.db")};
    Signing replay;
    replay.nonce = "nonce-across-restart";
    replay.timestamp = QDateTime::currentSecsSinceEpoch();
    const Fields params{{"as_user_id", idOf("happy")}};
    {
        SimProcess first(arguments);
        Client client(first.port(), first.caPem());
        EXPECT_EQ(client.call("users/user", params, replay).status, 200);
        EXPECT_EQ(first.terminate(), 0);
    }
    SimProcess second(arguments);
    Client client(second.port(), second.caPem());
    const auto again = client.call("users/user", params, replay);
    EXPECT_EQ(again.status, 401) << again.body;
    EXPECT_EQ(str(again.object()["error"]), "nonce_used");
}

TEST(UsosSimOptions, holdBeforeEffectFromTheCommandLine_showsInFaults) {
    SimProcess sim({"--hold-before-effect-ms", "2500", "--hold-methods",
                    "services/cards/make_mcard_order,services/cards/revoke_mcard"});
    Client client(sim.port(), sim.caPem());
    const auto faults = client.control("GET", "/_sim/faults").object();
    EXPECT_EQ(faults["hold_before_effect_ms"].toInt(), 2500);
    EXPECT_EQ(str(faults["hold_methods"]),
              "services/cards/make_mcard_order,services/cards/revoke_mcard");
    EXPECT_EQ(client.call("users/user", {{"as_user_id", idOf("happy")}}).status, 200); // not held
    EXPECT_EQ(client.control("POST", "/_sim/reset").object()["hold_before_effect_ms"].toInt(), 0);
}

} // namespace
} // namespace els::platform::usossim::test
