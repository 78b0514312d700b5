#include "els/platform/error.hpp"
#include "els/platform/oauth1.hpp"
#include "els/platform/usos-client.hpp"
#include "tls-test-server.hpp"

#include <QEventLoop>
#include <QJsonObject>
#include <QThread>
#include <QTimer>
#include <chrono>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <set>
#include <stop_token>
#include <thread>

using namespace els::platform;
using testing::HasSubstr;
using Reply = TlsTestServer::Reply;

namespace {

constexpr const char* secret = "kiosk|secret ż";

// Decodes an application/x-www-form-urlencoded body ('+' is a space there).
oauth1::Parameters formDecode(const QByteArray& body) {
    oauth1::Parameters out;
    for (const auto& pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        auto text = pair.toStdString();
        std::replace(text.begin(), text.end(), '+', ' ');
        const auto equals = text.find('=');
        out.emplace_back(
            oauth1::percentDecode(text.substr(0, equals)),
            equals == std::string::npos ? "" : oauth1::percentDecode(text.substr(equals + 1)));
    }
    return out;
}

std::string parameter(const oauth1::Parameters& parameters, const std::string& name) {
    for (const auto& [key, value] : parameters)
        if (key == name)
            return value;
    return "<absent>";
}

// What a standard OAuth 1.0a server does with the request.
bool signatureVerifies(const TlsTestServer& server, const TlsTestServer::Request& request) {
    const auto protocol =
        oauth1::parseAuthorizationHeader(request.headers.value("authorization").toStdString());
    auto all = formDecode(request.body);
    std::string signature;
    for (const auto& [name, value] : protocol) {
        if (name == "oauth_signature")
            signature = value;
        else
            all.emplace_back(name, value);
    }
    const auto base =
        oauth1::signatureBaseString("POST", server.baseUrl() + request.path.toStdString(), all);
    return !signature.empty() && oauth1::hmacSha1Signature(base, secret, "") == signature;
}

class UsosClientTest : public testing::Test {
protected:
    UsosClientSettings settings() const {
        UsosClientSettings s;
        s.baseUrl = server.baseUrl() + "/";
        s.consumerKey = "kioskKey1";
        s.consumerSecret = secret;
        s.caFile = server.caFile();
        s.requestTimeout = std::chrono::milliseconds(1500);
        s.retryBackoff = std::chrono::milliseconds(10);
        return s;
    }

    TempDir dir;
    TlsTestServer server{dir};
};

} // namespace

TEST_F(UsosClientTest, installation_signedFormPost_returnsTypedResult) {
    server.setHandler(
        [](const auto&) { return TlsTestServer::json(R"({"mcards_support": true})"); });
    UsosClient client(settings());
    EXPECT_TRUE(client.installation().mcardsSupport);
    ASSERT_EQ(server.requests().size(), 1u);
    const auto& request = server.requests().front();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.path, "/services/apisrv/installation");
    EXPECT_EQ(request.headers.value("content-type"), "application/x-www-form-urlencoded");
    const auto form = formDecode(request.body);
    EXPECT_EQ(parameter(form, "format"), "json");
    EXPECT_EQ(parameter(form, "fields"), "mcards_support");
    EXPECT_EQ(parameter(form, "as_user_id"), "<absent>");
    const auto protocol =
        oauth1::parseAuthorizationHeader(request.headers.value("authorization").toStdString());
    EXPECT_EQ(parameter(protocol, "oauth_consumer_key"), "kioskKey1");
    EXPECT_EQ(parameter(protocol, "oauth_signature_method"), "HMAC-SHA1");
    EXPECT_EQ(parameter(protocol, "oauth_token"), "<absent>");
    EXPECT_TRUE(signatureVerifies(server, request));
    EXPECT_EQ(client.requestCount(), 1u);
}

TEST_F(UsosClientTest, actingAsStudent_addsConfiguredParameter) {
    server.setHandler([](const auto&) {
        return TlsTestServer::json(R"({"id": "42", "first_name": "Anna", "middle_names": null,
            "last_name": "Testowa", "student_number": "100001", "pesel": null,
            "student_status": 2, "has_photo": true, "email": "a***@student.udk.example"})");
    });
    auto s = settings();
    s.actAsParam = "user_id";
    UsosClient client(s);
    const auto user = client.user("42");
    EXPECT_EQ(user.id, "42");
    EXPECT_TRUE(user.isActiveStudent());
    EXPECT_FALSE(user.pesel);
    EXPECT_EQ(user.email, "a***@student.udk.example");
    const auto form = formDecode(server.requests().front().body);
    EXPECT_EQ(parameter(form, "user_id"), "42");
    EXPECT_THAT(parameter(form, "fields"), HasSubstr("student_number|pesel"));
    EXPECT_THAT(parameter(form, "fields"), HasSubstr("|email"));
}

TEST_F(UsosClientTest, polishLettersAndReservedCharacters_areSignedVerifiably) {
    server.setHandler([](const auto&) {
        return TlsTestServer::json(
            R"({"items": [{"user": {"id": 7, "student_number": "Łódź|a b+c~"}}], "next_page": false})");
    });
    UsosClient client(settings());
    StudentLookup lookup(client);
    EXPECT_EQ(lookup.findUserId("Łódź|a b+c~"), "7");
    const auto& request = server.requests().front();
    EXPECT_EQ(request.path, "/services/users/search2");
    EXPECT_EQ(parameter(formDecode(request.body), "query"), "Łódź|a b+c~");
    EXPECT_EQ(parameter(formDecode(request.body), "fields"), "items[user[id|student_number]]");
    EXPECT_TRUE(signatureVerifies(server, request));
}

TEST_F(UsosClientTest, cardsCardLookup_asksByChipSerialAndMapsNotFoundToNone) {
    server.setHandler([](const auto& request) {
        if (parameter(formDecode(request.body), "contact_chip_uid") == "3B01")
            return TlsTestServer::json(R"({"user": {"id": "100001"}})");
        return TlsTestServer::json(R"({"message": "Card not found.", "error": "object_not_found"})",
                                   400);
    });
    UsosClient client(settings());
    StudentLookup lookup(client, "services/cards/card");
    EXPECT_EQ(lookup.findUserId("412001", "3B01"), "100001");
    EXPECT_EQ(lookup.findUserId("412001", "3B02"), std::nullopt);
    const auto& request = server.requests().front();
    EXPECT_EQ(request.path, "/services/cards/card");
    EXPECT_EQ(parameter(formDecode(request.body), "fields"), "user[id]");
    EXPECT_EQ(parameter(formDecode(request.body), "query"), "<absent>");
    EXPECT_TRUE(signatureVerifies(server, request));
}

TEST_F(UsosClientTest, consecutiveCalls_reuseOneConnection) {
    server.setHandler(
        [](const auto&) { return TlsTestServer::json(R"({"mcards_support": false})"); });
    UsosClient client(settings());
    for (int i = 0; i < 4; ++i)
        EXPECT_FALSE(client.installation().mcardsSupport);
    EXPECT_EQ(client.requestCount(), 4u);
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(UsosClientTest, usosErrorBody_becomesUsosErrorWithoutRetry) {
    server.setHandler([](const auto&) {
        return TlsTestServer::json(R"({"message": "Invalid order_id", "error": "param_invalid"})",
                                   400);
    });
    UsosClient client(settings());
    try {
        client.mcardOrder("42", "999");
        FAIL() << "no error";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::Usos);
        EXPECT_EQ(e.httpStatus(), 400);
        EXPECT_EQ(e.usosCode(), "param_invalid");
        EXPECT_THAT(e.what(), HasSubstr("Invalid order_id"));
        EXPECT_FALSE(e.mayHaveReachedServer());
    }
    EXPECT_EQ(client.requestCount(), 1u);
}

TEST_F(UsosClientTest, serverErrorOnRead_isRetriedThenSucceeds) {
    int calls = 0;
    server.setHandler([&](const auto&) {
        return ++calls < 3 ? TlsTestServer::json("oops", 503)
                           : TlsTestServer::json(R"({"why_cannot_order": null,
                                 "why_cannot_revoke": {"pl": "Brak", "en": "None"}, "orders": []})");
    });
    UsosClient client(settings());
    const auto info = client.mcard("42");
    EXPECT_FALSE(info.whyCannotOrder);
    EXPECT_EQ(info.whyCannotRevoke, (LangText{"Brak", "None"}));
    EXPECT_EQ(client.requestCount(), 3u);
}

TEST_F(UsosClientTest, serverErrorOnRead_givesUpAfterBoundedAttempts) {
    server.setHandler([](const auto&) { return TlsTestServer::json("<html>", 500); });
    UsosClient client(settings());
    try {
        client.cards("42");
        FAIL() << "no error";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::Http);
        EXPECT_EQ(e.httpStatus(), 500);
    }
    EXPECT_EQ(client.requestCount(), 3u);
}

TEST_F(UsosClientTest, serverErrorOnOrder_isNeverResent) {
    server.setHandler([](const auto&) { return TlsTestServer::json("", 500); });
    UsosClient client(settings());
    EXPECT_THROW(client.makeMcardOrder("42"), UsosError);
    EXPECT_THROW(client.revokeMcard("42", "7"), UsosError);
    EXPECT_EQ(client.requestCount(), 2u);
    EXPECT_EQ(server.requests().size(), 2u);
    EXPECT_EQ(parameter(formDecode(server.requests()[1].body), "order_id"), "7");
}

TEST_F(UsosClientTest, silentServer_timesOutWithinTheLimit) {
    server.setHandler([](const auto&) { return Reply{Reply::Kind::Hang, 0, {}}; });
    auto s = settings();
    s.requestTimeout = std::chrono::milliseconds(300);
    s.readAttempts = 1;
    UsosClient client(s);
    const auto started = std::chrono::steady_clock::now();
    try {
        client.installation();
        FAIL() << "no error";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::Timeout);
        EXPECT_TRUE(e.mayHaveReachedServer());
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

TEST_F(UsosClientTest, droppedConnectionOnOrder_isNetworkErrorThatMayHaveArrived) {
    server.setHandler([](const auto&) { return Reply{Reply::Kind::Drop, 0, {}}; });
    UsosClient client(settings());
    try {
        client.makeMcardOrder("42");
        FAIL() << "no error";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::Network);
        EXPECT_TRUE(e.mayHaveReachedServer());
    }
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(UsosClientTest, garbageJson_isBadResponseAfterRetries) {
    server.setHandler([](const auto&) { return TlsTestServer::json("{\"id\": 4"); });
    UsosClient client(settings());
    try {
        client.user("42");
        FAIL() << "no error";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::BadResponse);
    }
    EXPECT_EQ(client.requestCount(), 3u);
}

TEST_F(UsosClientTest, wrongShape_isBadResponse) {
    server.setHandler([](const auto&) { return TlsTestServer::json(R"({"success": "maybe"})"); });
    UsosClient client(settings());
    try {
        client.cards("42");
        FAIL() << "no error";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::BadResponse);
    }
}

TEST_F(UsosClientTest, untrustedCertificate_isTlsErrorAndNothingSent) {
    server.setHandler([](const auto&) { return TlsTestServer::json("{}"); });
    auto s = settings();
    s.caFile.clear();
    UsosClient client(s);
    try {
        client.installation();
        FAIL() << "no error";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::Tls);
        EXPECT_FALSE(e.mayHaveReachedServer());
    }
    EXPECT_TRUE(server.requests().empty());
    EXPECT_EQ(client.requestCount(), 1u); // tried once: TLS failures are not retried
}

TEST_F(UsosClientTest, refusedConnection_isNetworkErrorThatNeverArrived) {
    auto s = settings();
    s.baseUrl = "https://127.0.0.1:1";
    s.readAttempts = 1;
    UsosClient client(s);
    try {
        client.installation();
        FAIL() << "no error";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::Network);
        EXPECT_FALSE(e.mayHaveReachedServer());
    }
}

TEST_F(UsosClientTest, missingCaFile_isRefusedAtConstruction) {
    auto s = settings();
    s.caFile = dir / "absent.pem";
    EXPECT_THROW(UsosClient client(s), Error);
}

TEST_F(UsosClientTest, fullOrderFlow_typedResults) {
    server.setHandler([](const TlsTestServer::Request& request) {
        if (request.path.endsWith("/make_mcard_order"))
            return TlsTestServer::json(R"({"success": true})");
        if (request.path.endsWith("/mcard_order"))
            return TlsTestServer::json(R"({"id": 5512, "order_date": "2025-10-01 10:15:00",
                "status": "ready", "token": "QR-TEXT", "distribution_pass": "AB12CD",
                "student_number": "100001", "expiration_date": "2026-03-31"})");
        return TlsTestServer::json(R"({"why_cannot_order": {"pl": "Masz już zamówienie",
            "en": "You already have an order"}, "why_cannot_revoke": null,
            "orders": [{"id": "5512", "status": "in_progress"}]})");
    });
    UsosClient client(settings());
    EXPECT_TRUE(client.makeMcardOrder("42"));
    const auto info = client.mcard("42");
    ASSERT_EQ(info.orders.size(), 1u);
    EXPECT_EQ(info.orders[0].status, McardStatus::InProgress);
    ASSERT_TRUE(info.whyCannotOrder);
    EXPECT_EQ(info.whyCannotOrder->en, "You already have an order");
    const auto order = client.mcardOrder("42", info.orders[0].id);
    EXPECT_EQ(order.id, "5512");
    EXPECT_EQ(order.status, McardStatus::Ready);
    EXPECT_EQ(order.token, "QR-TEXT");
    EXPECT_EQ(order.distributionPass, "AB12CD");
    EXPECT_EQ(order.orderDate, std::chrono::year{2025} / 10 / 1);
    EXPECT_EQ(order.expirationDate, std::chrono::year{2026} / 3 / 31);
    EXPECT_EQ(client.requestCount(), 3u);
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(UsosClientTest, clientOnWorkerThread_worksWhileMainThreadServes) {
    server.setHandler(
        [](const auto&) { return TlsTestServer::json(R"({"mcards_support": true})"); });
    const auto s = settings();
    bool supported = false;
    std::uint64_t count = 0;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        UsosClient client(s);
        supported = client.installation().mcardsSupport && client.installation().mcardsSupport;
        count = client.requestCount();
    }));
    QEventLoop loop;
    QObject::connect(worker.get(), &QThread::finished, &loop, &QEventLoop::quit);
    worker->start();
    loop.exec();
    worker->wait();
    EXPECT_TRUE(supported);
    EXPECT_EQ(count, 2u);
    EXPECT_EQ(server.connections(), 1);
}

namespace {

// Runs the test thread's event loop (which serves the TLS test server) until `done` holds; the
// 10 s guard only turns a hang into a failure.
template <typename Predicate> bool serveUntil(Predicate done) {
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(1);
    guard.start(10000);
    if (!done())
        loop.exec();
    return done();
}

UsosError catchUsosError(const std::function<void()>& action) {
    try {
        action();
    } catch (const UsosError& e) {
        return e;
    }
    ADD_FAILURE() << "no UsosError";
    return UsosError(UsosErrorKind::BadResponse, "none");
}

} // namespace

TEST_F(UsosClientTest, stopWhileRequestHangs_abortsAtOnceWithCancelled) {
    std::stop_source stop;
    server.setHandler([&](const auto&) {
        stop.request_stop(); // the request reached the server; now give up on it
        return Reply{Reply::Kind::Hang, 0, {}};
    });
    auto s = settings();
    s.requestTimeout = std::chrono::minutes(10); // only the stop can end the call
    UsosClient client(s);
    const auto e = catchUsosError([&] { client.user("42", stop.get_token()); });
    EXPECT_EQ(e.kind(), UsosErrorKind::Cancelled);
    EXPECT_STREQ(toString(e.kind()), "usos_cancelled");
    EXPECT_TRUE(e.mayHaveReachedServer());
    EXPECT_EQ(client.requestCount(), 1u); // not retried
}

TEST_F(UsosClientTest, stopDuringRetryWait_cancelsTheWaitWithoutAnotherRequest) {
    std::stop_source stop;
    server.setHandler([](const auto&) { return TlsTestServer::json("<html>busy</html>", 503); });
    auto s = settings();
    s.retryBackoff = std::chrono::minutes(10); // only the stop can end the wait
    // The client logs a failed attempt right before it starts waiting to retry.
    UsosClient client(s, log::Logger(log::Level::Info, [&](std::string_view line) {
                          if (line.find("usos.request_failed") != std::string_view::npos)
                              stop.request_stop();
                      }));
    const auto e = catchUsosError([&] { client.mcard("42", stop.get_token()); });
    EXPECT_EQ(e.kind(), UsosErrorKind::Cancelled);
    EXPECT_FALSE(e.mayHaveReachedServer()); // a read; nothing of it is on the way
    EXPECT_EQ(server.requests().size(), 1u);
    EXPECT_EQ(client.requestCount(), 1u);
}

TEST_F(UsosClientTest, stoppedBeforeTheCall_sendsNothing) {
    std::stop_source stop;
    stop.request_stop();
    UsosClient client(settings());
    const auto e = catchUsosError([&] { client.makeMcardOrder("42", stop.get_token()); });
    EXPECT_EQ(e.kind(), UsosErrorKind::Cancelled);
    EXPECT_FALSE(e.mayHaveReachedServer());
    EXPECT_EQ(client.requestCount(), 0u);
    EXPECT_TRUE(server.requests().empty());
}

TEST_F(UsosClientTest, orderStoppedAfterSending_isCancelledMayHaveArrived_neverResent) {
    std::stop_source stop;
    server.setHandler([&](const auto&) {
        stop.request_stop();
        return Reply{Reply::Kind::Hang, 0, {}};
    });
    auto s = settings();
    s.requestTimeout = std::chrono::minutes(10);
    UsosClient client(s);
    const auto e = catchUsosError([&] { client.makeMcardOrder("42", stop.get_token()); });
    EXPECT_EQ(e.kind(), UsosErrorKind::Cancelled);
    EXPECT_TRUE(e.mayHaveReachedServer()); // the caller must reconcile, not resend
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(UsosClientTest, callAll_sendsEveryCallBeforeAnyAnswer_onSeparateConnections) {
    // The server answers none of them: all three can arrive only if they were sent at once.
    std::stop_source stop;
    server.setHandler([&](const auto&) {
        if (server.requests().size() == 3)
            stop.request_stop();
        return Reply{Reply::Kind::Hang, 0, {}};
    });
    auto s = settings();
    s.requestTimeout = std::chrono::minutes(10);
    UsosClient client(s);
    const std::vector<UsosClient::Call> calls{
        {"services/users/user", {}, "42", true},
        {"services/cards/user", {}, "42", true},
        {"services/cards/mcard", {}, "42", true},
    };
    const auto e = catchUsosError([&] { client.callAll(calls, stop.get_token()); });
    EXPECT_EQ(e.kind(), UsosErrorKind::Cancelled);
    ASSERT_EQ(server.requests().size(), 3u);
    std::set<int> connections;
    std::set<QByteArray> paths;
    for (const auto& request : server.requests()) {
        connections.insert(request.connection);
        paths.insert(request.path);
    }
    EXPECT_EQ(connections.size(), 3u);
    EXPECT_EQ(paths, (std::set<QByteArray>{"/services/users/user", "/services/cards/user",
                                           "/services/cards/mcard"}));
}

TEST_F(UsosClientTest, callAll_resultsInCallOrder_eachFailureItsOwn) {
    server.setHandler([](const TlsTestServer::Request& request) {
        if (request.path.endsWith("/cards/user"))
            return TlsTestServer::json(R"({"message": "no", "error": "object_not_found"})", 400);
        return TlsTestServer::json(R"({"path": ")" + request.path + R"("})");
    });
    UsosClient client(settings());
    const std::vector<UsosClient::Call> calls{
        {"services/users/user", {}, "42", true},
        {"services/cards/user", {}, "42", true},
        {"services/cards/mcard", {}, "42", true},
    };
    const auto results = client.callAll(calls);
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0].value().toObject().value("path").toString(), "/services/users/user");
    ASSERT_FALSE(results[1].ok());
    EXPECT_EQ(results[1].error->usosCode(), "object_not_found");
    EXPECT_THROW((void)results[1].value(), UsosError);
    EXPECT_EQ(results[2].value().toObject().value("path").toString(), "/services/cards/mcard");
}

TEST_F(UsosClientTest, student_fetchesUserCardsAndMcardWithOrderSubfields) {
    server.setHandler([](const TlsTestServer::Request& request) {
        if (request.path.endsWith("/users/user"))
            return TlsTestServer::json(R"({"id": "42", "first_name": "A", "last_name": "B",
                "student_number": "100001", "student_status": 2, "has_photo": true})");
        if (request.path.endsWith("/cards/user"))
            return TlsTestServer::json(R"([{"id": "7", "contact_chip_uid": "0A0B"}])");
        return TlsTestServer::json(R"({"why_cannot_order": null, "why_cannot_revoke": null,
            "orders": [{"id": "5512", "order_date": "2025-10-01 10:15:00", "status": "ready",
            "token": "QR", "distribution_pass": "12345678", "expiration_date": "2026-03-31"}]})");
    });
    UsosClient client(settings());
    const auto record = client.student("42");
    EXPECT_EQ(record.user.studentNumber, "100001");
    ASSERT_EQ(record.cards.size(), 1u);
    EXPECT_EQ(record.cards[0].contactChipUid, "0A0B");
    ASSERT_EQ(record.mcard.orders.size(), 1u);
    EXPECT_EQ(record.mcard.orders[0].status, McardStatus::Ready);
    EXPECT_EQ(record.mcard.orders[0].token, "QR");
    EXPECT_EQ(record.mcard.orders[0].distributionPass, "12345678");
    EXPECT_EQ(client.requestCount(), 3u);
    for (const auto& request : server.requests()) {
        if (!request.path.endsWith("/cards/mcard"))
            continue;
        EXPECT_EQ(parameter(formDecode(request.body), "fields"),
                  "why_cannot_order|why_cannot_revoke|orders[id|order_date|status|token|"
                  "distribution_pass|expiration_date]");
    }
}

TEST_F(UsosClientTest, warmUp_opensTheConnectionBeforeTheFirstCall_whichReusesIt) {
    server.setHandler(
        [](const auto&) { return TlsTestServer::json(R"({"mcards_support": true})"); });
    auto s = settings();
    s.warmConnections = 1;
    UsosClient client(s);
    EXPECT_TRUE(client.warmUp());
    ASSERT_TRUE(serveUntil([&] { return server.connections() == 1; }));
    EXPECT_TRUE(server.requests().empty()); // a connection, no request
    EXPECT_TRUE(client.installation().mcardsSupport);
    EXPECT_EQ(server.connections(), 1);
    EXPECT_EQ(client.requestCount(), 1u);
}

TEST_F(UsosClientTest, warmUp_opensOneConnectionPerParallelRequest_studentNeedsNoNewOne) {
    server.setHandler([](const TlsTestServer::Request& request) {
        if (request.path.endsWith("/users/user"))
            return TlsTestServer::json(R"({"id": "42"})");
        if (request.path.endsWith("/cards/user"))
            return TlsTestServer::json("[]");
        return TlsTestServer::json(R"({"orders": []})");
    });
    UsosClient client(settings()); // warmConnections: 3 by default, student()'s fan-out
    EXPECT_TRUE(client.warmUp());
    ASSERT_TRUE(serveUntil([&] { return server.connections() == 3; }));
    EXPECT_EQ(client.student("42").user.id, "42");
    EXPECT_EQ(server.connections(), 3);
}

TEST_F(UsosClientTest, warmUp_skipsAConnectionUsedRecently) {
    server.setHandler(
        [](const auto&) { return TlsTestServer::json(R"({"mcards_support": true})"); });
    auto s = settings();
    s.warmFreshFor = std::chrono::minutes(10);
    UsosClient client(s);
    EXPECT_TRUE(client.installation().mcardsSupport);
    EXPECT_FALSE(client.warmUp());
    EXPECT_FALSE(client.warmUp());
    EXPECT_EQ(client.warmUpCount(), 0u);

    s.warmFreshFor = std::chrono::milliseconds(0);
    UsosClient eager(s);
    EXPECT_TRUE(eager.warmUp());
    EXPECT_TRUE(eager.warmUp());
    EXPECT_EQ(eager.warmUpCount(), 2u);
}

TEST_F(UsosClientTest, warmUpFromAnotherThread_whileCallerIsBusy_completesTheHandshake) {
    // The client's own network thread does the handshake: nothing of the caller's thread (here
    // the test thread, which only serves the server) is needed besides the server itself.
    UsosClient client(settings());
    std::thread other([&] { EXPECT_TRUE(client.warmUp()); });
    other.join();
    ASSERT_TRUE(serveUntil([&] { return server.connections() == 3; }));
}
