// The simulator's pieces without sockets: HTTP parsing, `fields`, the seed, the rules, OAuth.
#include "els/platform/oauth1.hpp"
#include "els/platform/usossim/api-error.hpp"
#include "els/platform/usossim/eligibility.hpp"
#include "els/platform/usossim/fields.hpp"
#include "els/platform/usossim/http-message.hpp"
#include "els/platform/usossim/oauth-verifier.hpp"
#include "els/platform/usossim/orders.hpp"
#include "els/platform/usossim/seed.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <chrono>
#include <gtest/gtest.h>
#include <regex>
#include <set>

namespace els::platform::usossim {
namespace {

using State = HttpRequestParser::State;

TEST(HttpRequestParser, pipelinedRequestsInPieces_parsedInOrderWithBodies) {
    HttpRequestParser parser;
    const std::string wire =
        "GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\n"
        "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
    parser.feed(wire.substr(0, 20));
    EXPECT_EQ(parser.parse(), State::NeedMore);
    parser.feed(wire.substr(20));
    ASSERT_EQ(parser.parse(), State::Complete);
    const auto first = parser.takeRequest();
    EXPECT_EQ(first.method, "GET");
    EXPECT_EQ(first.path, "/a");
    EXPECT_EQ(first.query, "x=1");
    EXPECT_TRUE(first.keepAlive);
    ASSERT_EQ(parser.parse(), State::Complete);
    const auto second = parser.takeRequest();
    EXPECT_EQ(second.body, "hello");
    EXPECT_EQ(second.header("host"), "h");
    EXPECT_FALSE(second.keepAlive);
    EXPECT_EQ(parser.parse(), State::NeedMore);
}

TEST(HttpRequestParser, malformedOrOversized_invalidWithStatus) {
    HttpRequestParser garbage;
    garbage.feed("\x16\x03\x01 nonsense\r\n\r\n");
    EXPECT_EQ(garbage.parse(), State::Invalid);
    EXPECT_EQ(garbage.errorStatus(), 400);

    HttpRequestParser huge;
    huge.feed("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n");
    EXPECT_EQ(huge.parse(), State::Invalid);
    EXPECT_EQ(huge.errorStatus(), 413);

    HttpRequestParser endless;
    endless.feed("GET / HTTP/1.1\r\n" + std::string(HttpRequestParser::maxHeaderBytes + 1, 'a'));
    EXPECT_EQ(endless.parse(), State::Invalid);
    EXPECT_EQ(endless.errorStatus(), 431);
}

TEST(HttpDate, imfFixdate_englishNamesGmt_zeroPadded) {
    using namespace std::chrono;
    EXPECT_EQ(httpDate(system_clock::time_point(seconds(784111777))),
              "Sun, 06 Nov 1994 08:49:37 GMT"); // RFC 9110's own example
    EXPECT_EQ(httpDate(sys_days(2028y / February / 29) + hours(23) + minutes(5) + seconds(9) +
                       milliseconds(999)),
              "Tue, 29 Feb 2028 23:05:09 GMT");
}

TEST(HttpResponse, serialize_carriesTheDateHeader) {
    const HttpResponse response{404, "text/plain", "no", {}};
    EXPECT_EQ(response.serialize(false, "Sun, 06 Nov 1994 08:49:37 GMT"),
              "HTTP/1.1 404 Not Found\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
              "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno");
}

TEST(ParseForm, plusAndPercentEscapes_decodedLikeHtmlForms) {
    const auto fields = parseForm("q=Zofia+%C5%81ucja&fields=a%7Cb&empty=&flag");
    ASSERT_EQ(fields.size(), 4u);
    EXPECT_EQ(fields[0].second, "Zofia Łucja");
    EXPECT_EQ(fields[1].second, "a|b");
    EXPECT_EQ(fields[2].second, "");
    EXPECT_EQ(fields[3].first, "flag");
}

const Schema user{{"id"}, {"name"}, {"secret", false}};
const Schema search{{"items", true, Schema{{"user", true, user}, {"match"}}}, {"next_page"}};

QJsonObject searchResult() {
    return {{"items", QJsonArray{QJsonObject{
                          {"user", QJsonObject{{"id", "1"}, {"name", "A"}, {"secret", "s"}}},
                          {"match", "A"}}}},
            {"next_page", false}};
}

TEST(Fields, nestedSelection_keepsOnlySelectedFields) {
    const auto out =
        selectFields(searchResult(), parseSelectors("items[user[id|secret]]"), search).toObject();
    EXPECT_EQ(out.keys(), QStringList{"items"});
    const auto item = out["items"].toArray()[0].toObject();
    EXPECT_EQ(item.keys(), QStringList{"user"});
    EXPECT_EQ(item["user"].toObject().keys(), (QStringList{"id", "secret"}));
}

TEST(Fields, noSelection_givesDefaultsOnly) {
    const auto out = selectFields(searchResult(), {}, search).toObject();
    const auto userObject = out["items"].toArray()[0].toObject()["user"].toObject();
    EXPECT_EQ(userObject.keys(), (QStringList{"id", "name"}));
    EXPECT_TRUE(out.contains("next_page"));
}

TEST(Fields, unknownFieldOrBadSyntax_usosErrorCodes) {
    const std::pair<const char*, const char*> cases[] = {{"items[user[nope]]", "field_not_found"},
                                                         {"bogus", "field_not_found"},
                                                         {"next_page[x]", "field_invalid"},
                                                         {"items[", "param_invalid"},
                                                         {"a||b", "param_invalid"},
                                                         {"items]", "param_invalid"}};
    for (const auto& [bad, code] : cases) {
        try {
            selectFields(searchResult(), parseSelectors(bad), search);
            ADD_FAILURE() << bad << " was accepted";
        } catch (const ApiError& e) {
            EXPECT_EQ(e.httpStatus(), 400) << bad;
            EXPECT_EQ(e.code(), code) << bad;
        }
    }
}

TEST(Seed, relativeDates_resolvedAgainstToday) {
    const QDate today(2025, 3, 1);
    EXPECT_EQ(resolveDate("today", today), today);
    EXPECT_EQ(resolveDate("today+31", today), QDate(2025, 4, 1));
    EXPECT_EQ(resolveDate("today-1", today), QDate(2025, 2, 28));
    EXPECT_EQ(resolveDate("2024-02-29", today), QDate(2024, 2, 29));
    EXPECT_EQ(resolveDateTime("today-1 12:30:00", today),
              QDateTime(QDate(2025, 2, 28), QTime(12, 30)));
    EXPECT_THROW(resolveDate("today*2", today), SimError);
    EXPECT_THROW(resolveDate("2024-02-30", today), SimError);
    EXPECT_THROW(resolveDate("tomorrow", today), SimError);
}

std::vector<SeedStudent> demoSeed() {
    QFile file(USOS_SIM_SEED);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    return parseSeed(file.readAll(), QDate::currentDate());
}

bool peselChecksumValid(const std::string& pesel) {
    if (!std::regex_match(pesel, std::regex("[0-9]{11}")))
        return false;
    constexpr int weights[] = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
    int sum = 0;
    for (int i = 0; i < 10; ++i)
        sum += weights[i] * (pesel[static_cast<std::size_t>(i)] - '0');
    return (10 - sum % 10) % 10 == pesel[10] - '0';
}

TEST(Seed, demoSeed_coversEveryScenarioWithValidFakeData) {
    const auto students = demoSeed();
    std::set<std::string> scenarios;
    for (const auto& s : students) {
        scenarios.insert(s.scenario);
        ASSERT_TRUE(s.chip.has_value()) << s.scenario;
        if (s.pesel) {
            EXPECT_TRUE(peselChecksumValid(*s.pesel)) << s.scenario;
        }
        if (s.chip->pesel) {
            EXPECT_TRUE(peselChecksumValid(*s.chip->pesel)) << s.scenario;
        }
    }
    for (const char* wanted :
         {"happy", "inactive", "no_photo", "no_pesel", "card_not_extended_in_usos",
          "chip_not_extended", "changed_surname", "changed_given_names", "chip_uid_unknown",
          "pending_order", "ready_order", "revoked_order"})
        EXPECT_TRUE(scenarios.count(wanted)) << wanted;

    const auto happy = std::find_if(students.begin(), students.end(),
                                    [](const auto& s) { return s.scenario == "happy"; });
    EXPECT_EQ(happy->chip->givenNames.size(), 2u);
    EXPECT_EQ(happy->chip->chipSerial, happy->cards.at(0).contactChipUid);
}

TEST(Seed, malformedSeed_errorNamesThePlace) {
    try {
        parseSeed(
            R"({"students":[{"id":"1","first_name":"A","last_name":"B","cards":[{"id":"c"}]}]})",
            QDate::currentDate());
        FAIL() << "accepted";
    } catch (const SimError& e) {
        EXPECT_NE(std::string(e.what()).find("students[0]/cards[0]"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(
        parseSeed(
            R"({"students":[{"id":"1","first_name":"A","last_name":"B","orders":[{"status":"shipped"}]}]})",
            QDate::currentDate()),
        SimError);
}

struct Eligibility : ::testing::Test {
    QDate today{2025, 3, 1};
    User user{"1", "Ada", std::nullopt, "Nowak", "4001", "03241248189", 2, true, std::nullopt};
    std::vector<Card> cards{{"c1", "student", "", "AA", "", "2024-03-01", "2025-03-01"}};
    std::vector<Order> orders;

    std::string reason() {
        const auto why = whyCannotOrder(user, cards, orders, today);
        return why ? why->en : "";
    }
};

TEST_F(Eligibility, everythingInOrder_mayOrder) {
    EXPECT_EQ(reason(), "");
}

TEST_F(Eligibility, eachBrokenRule_givesItsReason) {
    user.studentStatus = 1;
    EXPECT_NE(reason().find("not an active student"), std::string::npos);
    user.studentStatus = 2;
    user.pesel.reset();
    EXPECT_NE(reason().find("PESEL"), std::string::npos);
    user.pesel = "03241248189";
    user.studentNumber.reset();
    EXPECT_NE(reason().find("student number"), std::string::npos);
    user.studentNumber = "4001";
    user.hasPhoto = false;
    EXPECT_NE(reason().find("photo"), std::string::npos);
    user.hasPhoto = true;
    cards[0].expirationDate = "2025-02-28";
    EXPECT_NE(reason().find("valid"), std::string::npos);
    cards[0].expirationDate = "2025-03-01";
    orders.push_back({1, "1", "", "received", {}, {}, {}, true, 0});
    EXPECT_NE(reason().find("already"), std::string::npos);
    EXPECT_FALSE(whyCannotRevoke(orders).has_value());
    orders[0].status = "revoked";
    EXPECT_EQ(reason(), "");
    EXPECT_TRUE(whyCannotRevoke(orders).has_value());
}

TEST(OrderStatus, clockAndRevokeTransitions) {
    EXPECT_EQ(nextStatus("pending"), "in_progress");
    EXPECT_EQ(nextStatus("in_progress"), "ready");
    EXPECT_FALSE(nextStatus("ready"));
    EXPECT_EQ(statusAfterRevoke("in_progress"), "cancelled");
    EXPECT_EQ(statusAfterRevoke("received"), "revoked");
    EXPECT_FALSE(statusAfterRevoke("cancelled"));
    EXPECT_FALSE(statusAfterRevoke("error"));
    const auto [token, pass] = makeCredentials();
    EXPECT_EQ(token.size(), 64u);
    EXPECT_TRUE(std::regex_match(pass, std::regex("[0-9]{8}")));
    EXPECT_NE(makeCredentials().first, token);
}

// Signs like a client would (query parameters + oauth_* in the header).
struct Verifier : ::testing::Test {
    OAuthVerifier verifier{{"key", "secret", std::chrono::seconds(300)}};
    const std::string url = "https://127.0.0.1:8443/services/users/user";
    Fields query{{"as_user_id", "100001"}, {"fields", "id|first_name"}};
    std::int64_t now = 1'700'000'000;

    std::string header(std::int64_t timestamp, const std::string& nonce,
                       const std::string& secret = "secret") {
        const std::chrono::system_clock::time_point at{std::chrono::seconds(timestamp)};
        return oauth1::authorizationHeader(
            oauth1::signRequest("GET", url, query, "key", secret, at, nonce));
    }
    std::string refusal(const std::string& authorization, const std::string& requestUrl) {
        try {
            verifier.verify("GET", requestUrl, authorization, query, now);
            return "accepted";
        } catch (const ApiError& e) {
            EXPECT_EQ(e.httpStatus(), 401);
            return e.code();
        }
    }
};

TEST_F(Verifier, goodSignature_acceptedOnce_thenNonceRefused) {
    const auto h = header(now, "n1");
    EXPECT_EQ(refusal(h, url), "accepted");
    EXPECT_EQ(refusal(h, url), "nonce_used");
}

TEST_F(Verifier, wrongSecretHostOrParameters_signatureInvalid) {
    EXPECT_EQ(refusal(header(now, "n2", "other"), url), "signature_invalid");
    EXPECT_EQ(refusal(header(now, "n3"), "https://localhost:8443/services/users/user"),
              "signature_invalid");
    const auto h = header(now, "n4");
    query[0].second = "100002";
    EXPECT_EQ(refusal(h, url), "signature_invalid");
}

TEST_F(Verifier, timestampOutsideWindow_refusedBothWays) {
    EXPECT_EQ(refusal(header(now - 301, "n5"), url), "timestamp_refused");
    EXPECT_EQ(refusal(header(now + 301, "n6"), url), "timestamp_refused");
    EXPECT_EQ(refusal(header(now - 299, "n7"), url), "accepted");
}

TEST_F(Verifier, noOAuthAtAll_anonymous) {
    EXPECT_EQ(verifier.verify("GET", url, std::nullopt, query, now), Caller::Anonymous);
}

} // namespace
} // namespace els::platform::usossim
