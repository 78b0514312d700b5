#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The seed file of fake students (format in seed/demo-students.json and the README):
// what USOS knows about each student, and what the chip of their plastic card says.
namespace els::platform::usossim {

struct SeedCard {
    std::string id;
    std::string type;
    std::string barcodeNumber;
    std::string contactChipUid;
    std::string contactlessChipUid;
    QDate dateOfIssue;
    QDate expirationDate;
};

struct SeedOrder {
    std::string status;
    QDateTime orderDate;
    std::optional<std::string> token;            // generated at load for ready/received orders
    std::optional<std::string> distributionPass; // likewise
    bool advance = false; // seeded orders keep their status on the timed clock unless true
};

struct SeedChip {
    std::string chipSerial;
    std::string university;
    std::string universityCode;
    std::vector<std::string> surnames;
    std::vector<std::string> givenNames;
    std::string albumNumber;
    std::optional<std::string> pesel;
    QDate validUntil;
};

struct SeedStudent {
    std::string id;
    std::string scenario; // a stable name tests use to pick a student
    std::string firstName;
    std::optional<std::string> middleNames;
    std::string lastName;
    std::optional<std::string> studentNumber;
    std::optional<std::string> pesel;
    int studentStatus = 2; // USOS: 2 = active
    bool hasPhoto = true;
    std::optional<std::string> email; // the university address (fake domains only)
    std::vector<SeedCard> cards;
    std::vector<SeedOrder> orders;
    std::optional<SeedChip> chip;
};

// "YYYY-MM-DD", "today", "today+N", "today-N" (days). Throws SimError.
QDate resolveDate(std::string_view text, QDate today);
// A date as above, optionally followed by " HH:MM:SS" (default 10:00:00), local time.
QDateTime resolveDateTime(std::string_view text, QDate today);

// Throws SimError with the student and field at fault.
std::vector<SeedStudent> parseSeed(const QByteArray& json, QDate today);

} // namespace els::platform::usossim
