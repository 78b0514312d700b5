#include "els/platform/error.hpp"
#include "els/platform/usos-json.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace els::platform;
using namespace std::chrono;

namespace {

QJsonValue json(const char* text) {
    const auto document = QJsonDocument::fromJson(QByteArray(text));
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

void expectBad(const std::function<void()>& parse) {
    try {
        parse();
        ADD_FAILURE() << "accepted";
    } catch (const UsosError& e) {
        EXPECT_EQ(e.kind(), UsosErrorKind::BadResponse);
    }
}

} // namespace

TEST(UsosJson, statusStrings_mapInOnePlace_unknownKeepsRaw) {
    EXPECT_EQ(mcardStatusFromApi("pending"), McardStatus::Pending);
    EXPECT_EQ(mcardStatusFromApi("in_progress"), McardStatus::InProgress);
    EXPECT_EQ(mcardStatusFromApi("ready"), McardStatus::Ready);
    EXPECT_EQ(mcardStatusFromApi("received"), McardStatus::Received);
    EXPECT_EQ(mcardStatusFromApi("error"), McardStatus::Error);
    EXPECT_EQ(mcardStatusFromApi("cancelled"), McardStatus::Cancelled);
    EXPECT_EQ(mcardStatusFromApi("revoked"), McardStatus::Revoked);
    EXPECT_EQ(mcardStatusFromApi("Ready"), McardStatus::Unknown);
    for (const auto status :
         {McardStatus::Pending, McardStatus::InProgress, McardStatus::Ready, McardStatus::Received,
          McardStatus::Error, McardStatus::Cancelled, McardStatus::Revoked})
        EXPECT_EQ(mcardStatusFromApi(toString(status)), status);
    EXPECT_STREQ(toString(McardStatus::Unknown), "unknown");
    const auto order = usosjson::parseMcardOrder(json(R"({"id": "1", "status": "shipped"})"));
    EXPECT_EQ(order.status, McardStatus::Unknown);
    EXPECT_EQ(order.rawStatus, "shipped");
    EXPECT_FALSE(order.token);
}

TEST(UsosJson, cards_datesAndNullUids_parse) {
    const auto cards = usosjson::parseCards(json(R"([
        {"id": 3, "type": "student", "barcode_number": "B1", "contact_chip_uid": "04A1B2",
         "contactless_chip_uid": null, "date_of_issue": "2023-10-01",
         "expiration_date": "2026-03-31"},
        {"id": "4", "type": "student", "barcode_number": null, "contact_chip_uid": null,
         "contactless_chip_uid": null, "date_of_issue": null, "expiration_date": null}])"));
    ASSERT_EQ(cards.size(), 2u);
    EXPECT_EQ(cards[0].id, "3");
    EXPECT_EQ(cards[0].contactChipUid, "04A1B2");
    EXPECT_EQ(cards[0].dateOfIssue, year{2023} / October / 1);
    EXPECT_EQ(cards[0].expirationDate, year{2026} / March / 31);
    EXPECT_TRUE(cards[1].contactChipUid.empty());
    EXPECT_FALSE(cards[1].expirationDate);
}

TEST(UsosJson, badDates_areBadResponses) {
    expectBad(
        [] { usosjson::parseCards(json(R"([{"id": 1, "expiration_date": "31.03.2026"}])")); });
    expectBad(
        [] { usosjson::parseCards(json(R"([{"id": 1, "expiration_date": "2026-02-30"}])")); });
    expectBad([] { usosjson::parseCards(json(R"({"id": 1})")); });
}

TEST(UsosJson, user_statusAsStringAndMissingId) {
    const auto user = usosjson::parseUser(json(R"({"id": 9, "student_status": "1",
        "pesel": "02070803628", "has_photo": false, "first_name": "Jan"})"));
    EXPECT_EQ(user.studentStatus, 1);
    EXPECT_FALSE(user.isActiveStudent());
    EXPECT_EQ(user.pesel, "02070803628");
    EXPECT_EQ(user.email, ""); // absent: no address, not an error
    EXPECT_EQ(usosjson::parseUser(json(R"({"id": 9, "email": "j@x.example"})")).email,
              "j@x.example");
    EXPECT_EQ(usosjson::parseUser(json(R"({"id": 9, "email": null})")).email, "");
    expectBad([] { usosjson::parseUser(json(R"({"id": 1, "email": true})")); });
    expectBad([] { usosjson::parseUser(json(R"({"first_name": "Jan"})")); });
    expectBad([] { usosjson::parseUser(json(R"({"id": 1, "student_status": "active"})")); });
}

TEST(UsosJson, langText_nullStringDictAndOneLanguage) {
    EXPECT_FALSE(usosjson::parseLangText(QJsonValue::Null));
    EXPECT_EQ(usosjson::parseLangText(QJsonValue(QStringLiteral("x"))), (LangText{"x", "x"}));
    EXPECT_EQ(usosjson::parseLangText(json(R"({"pl": "Brak karty", "en": null})")),
              (LangText{"Brak karty", "Brak karty"}));
}

TEST(UsosJson, mcard_ordersAsIdsOrObjects) {
    const auto info = usosjson::parseMcard(json(R"({"why_cannot_order": null,
        "why_cannot_revoke": null, "orders": [17, "18", {"id": 19, "status": "revoked"}]})"));
    ASSERT_EQ(info.orders.size(), 3u);
    EXPECT_EQ(info.orders[0].id, "17");
    EXPECT_EQ(info.orders[1].id, "18");
    EXPECT_EQ(info.orders[2].status, McardStatus::Revoked);
    expectBad([] { usosjson::parseMcard(json(R"({"orders": "none"})")); });
}

TEST(UsosJson, lookup_picksExactAlbumNumberOnly) {
    const auto answer = json(R"({"items": [
        {"user": {"id": "1", "student_number": "1000011"}},
        {"user": {"id": "2", "student_number": "100001"}},
        {"user": {"id": "3", "student_number": null}}], "next_page": false})");
    EXPECT_EQ(usosjson::parseLookup(answer, "100001"), "2");
    EXPECT_FALSE(usosjson::parseLookup(answer, "10000"));
    expectBad([] {
        usosjson::parseLookup(json(R"({"items": [{"user": {"id": "1", "student_number": "5"}},
            {"user": {"id": "2", "student_number": "5"}}]})"),
                              "5");
    });
}

TEST(UsosJson, success_missingOrFalse) {
    EXPECT_TRUE(usosjson::parseSuccess(json(R"({"success": true})")));
    EXPECT_FALSE(usosjson::parseSuccess(json(R"({"success": false})")));
    expectBad([] { usosjson::parseSuccess(json(R"({})")); });
}
