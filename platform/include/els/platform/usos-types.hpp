#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

// Typed results of the USOS API methods the kiosk uses (see usos-api.md). Plain values: they
// hold personal data, so they live in memory for one session and are never logged or stored.
namespace els::platform {

// A USOS LangDict.
struct LangText {
    std::string pl;
    std::string en;
    bool operator==(const LangText&) const = default;
};

struct Installation {
    bool mcardsSupport = false;
};

struct UsosUser {
    std::string id;
    std::string firstName;
    std::string middleNames; // empty when none
    std::string lastName;
    std::string studentNumber;        // album number; empty when none
    std::optional<std::string> pesel; // absent for foreigners without one
    int studentStatus = 0;            // 2 = active student
    bool hasPhoto = false;
    // The university address (users/user `email`); empty when USOS has none or hides it. Where
    // the clone policy sends the activation code and the notices.
    std::string email;

    bool isActiveStudent() const noexcept { return studentStatus == 2; }
};

struct UsosCard {
    std::string id;
    std::string type;
    std::string barcodeNumber;
    std::string contactChipUid; // empty when unknown
    std::string contactlessChipUid;
    std::optional<std::chrono::year_month_day> dateOfIssue;
    std::optional<std::chrono::year_month_day> expirationDate;
};

// USOSweb labels: Oczekuje, W trakcie, Do odbioru, Odebrana, Błąd, Anulowane, Unieważnione.
enum class McardStatus { Pending, InProgress, Ready, Received, Error, Cancelled, Revoked, Unknown };

// The one place where API status strings become McardStatus ("pending", "in_progress", "ready",
// "received", "error", "cancelled", "revoked"; anything else is Unknown).
McardStatus mcardStatusFromApi(std::string_view text) noexcept;
const char* toString(McardStatus status) noexcept; // the API spelling; "unknown" for Unknown

struct McardOrder {
    std::string id;
    std::optional<std::chrono::year_month_day> orderDate;
    McardStatus status = McardStatus::Unknown;
    std::string rawStatus;                       // as USOS sent it
    std::optional<std::string> token;            // QR text, when ready
    std::optional<std::string> distributionPass; // activation code, when ready
    std::string studentNumber;
    std::optional<std::chrono::year_month_day> expirationDate;
};

struct McardInfo {
    std::optional<LangText> whyCannotOrder;  // absent = may order
    std::optional<LangText> whyCannotRevoke; // absent = may revoke
    // As listed by services/cards/mcard. UsosClient asks for the order fields through the
    // `orders[...]` sub-selector, so each order is complete (no mcard_order call needed); an
    // installation that lists bare ids yields orders with only the id set.
    std::vector<McardOrder> orders;
};

// What the kiosk needs to decide about one student: services/users/user, services/cards/user
// and services/cards/mcard (with its orders), fetched concurrently by UsosClient::student.
struct StudentRecord {
    UsosUser user;
    std::vector<UsosCard> cards;
    McardInfo mcard;
};

} // namespace els::platform
