#pragma once

#include "els/platform/usossim/seed.hpp"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// Students, cards and orders of the simulator in one SQLite file.
namespace els::platform::usossim {

struct User {
    std::string id;
    std::string firstName;
    std::optional<std::string> middleNames;
    std::string lastName;
    std::optional<std::string> studentNumber;
    std::optional<std::string> pesel;
    int studentStatus = 0;
    bool hasPhoto = false;
    std::optional<std::string> email;
};

struct Card {
    std::string id;
    std::string type;
    std::string barcodeNumber;
    std::string contactChipUid;
    std::string contactlessChipUid;
    std::string dateOfIssue;    // YYYY-MM-DD
    std::string expirationDate; // YYYY-MM-DD
};

struct Order {
    std::int64_t id = 0;
    std::string userId;
    std::string orderDate; // "YYYY-MM-DD HH:MM:SS", local time
    std::string status;
    std::optional<std::string> token;
    std::optional<std::string> distributionPass;
    std::optional<std::string> expirationDate;
    bool autoAdvance = true;
    std::int64_t statusSinceMs = 0; // when the status last changed (ms since the epoch)
};

class Store {
public:
    explicit Store(const std::string& path);

    bool hasStudents();
    // Credentials for ready orders that the seed leaves out come from `makeCredentials`.
    void seed(const std::vector<SeedStudent>& students,
              const std::function<std::pair<std::string, std::string>()>& makeCredentials,
              std::int64_t nowMs);

    std::optional<User> user(const std::string& id);
    std::vector<User> users();
    std::vector<Card> cards(const std::string& userId);
    std::vector<Order> orders(const std::string& userId); // oldest first
    std::vector<Order> allOrders();
    std::optional<Order> order(std::int64_t id);

    std::int64_t insertOrder(const Order& order);
    void updateOrder(const Order& order);
    // OAuth nonces, kept in the file so that a restarted simulator still refuses a replay:
    // false when (consumer, timestamp, nonce) was seen; forgets timestamps before oldestKept.
    bool rememberNonce(const std::string& consumer, std::int64_t timestamp,
                       const std::string& nonce, std::int64_t oldestKept);

private:
    SQLite::Database db_;
};

} // namespace els::platform::usossim
