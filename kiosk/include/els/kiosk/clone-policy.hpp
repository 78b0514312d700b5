#pragma once

#include "els/platform/mail-config.hpp"
#include "els/platform/usos-types.hpp"
#include "els/smartcard/apdu.hpp"
#include "els/smartcard/chip-serial.hpp"

#include <chrono>
#include <optional>
#include <vector>

// What the kiosk does against a copied card (README "Security: threat model"): which
// protections are on, and the pure decisions that apply them. No Qt, no I/O: the session
// engine calls these at the points listed next to each function.
namespace els::platform {
struct Config;
}

namespace els::kiosk {

struct ClonePolicy {
    platform::ActivationCodeChannel activationCode = platform::ActivationCodeChannel::Screen;
    bool notify = false;       // e-mail the student after every order, cancel and revoke
    int maxReordersPerDay = 1; // orders on a day that already has one (revoke and reorder)
    // Set: the command whose answer must be the signed chip serial (ReadOptions).
    std::optional<smartcard::CommandApdu> chipSerialCommand;

    // From [mail] and [clone]. Throws smartcard::Error(MalformedData) on an APDU that is no
    // short command APDU (the configuration has already checked it is hex of a sane length).
    static ClonePolicy fromConfig(const platform::Config& config);

    bool operator==(const ClonePolicy&) const = default;
};

// --- activation code (checked when the order is ready, before showing the ready screen) ---

enum class ActivationDelivery {
    Screen, // shown beside the QR, as before
    Email,  // e-mailed to the student's USOS address; the screen says where it went
    Refuse, // e-mail only, and USOS has no address: the student orders in USOSweb instead
};
const char* toString(ActivationDelivery delivery) noexcept;

// `hasEmail`: USOS users/user gave a non-empty `email` for the student.
ActivationDelivery deliveryFor(const ClonePolicy& policy, bool hasEmail) noexcept;

// Whether the activation code may appear on the screen (and in kioskctl's output and JSON).
inline bool showsCodeOnScreen(ActivationDelivery delivery) noexcept {
    return delivery == ActivationDelivery::Screen;
}

// --- notices (after USOS confirmed an order, cancel or revoke) ---

enum class Operation { Order, Cancel, Revoke };
const char* toString(Operation operation) noexcept;

// An e-mail notice is due when the policy asks for it and USOS has an address. When the
// activation code is e-mailed for a new order, that e-mail is the order's notice: no second one.
bool noticeDue(const ClonePolicy& policy, Operation operation, bool hasEmail) noexcept;

// --- revoke-and-reorder limit (before offering "Order", with USOS's own order list) ---

// Orders the student placed on `day` (Europe/Warsaw), counted from USOS's list (fleet-wide,
// no server of ours). Orders USOS marks as failed (Error) are not the student's doing and do
// not count. An order without a date counts as placed on `day`: a list that hides dates must
// not lift the limit (the caller fetches services/cards/mcard_order for the dates first).
int ordersPlacedOn(const std::vector<platform::McardOrder>& orders,
                   std::chrono::year_month_day day) noexcept;

// True when the orders the list lacks dates for would change the count: fetch them first.
bool needsOrderDates(const std::vector<platform::McardOrder>& orders) noexcept;

// May the student place one more order today? The first order of a day is always allowed;
// after it, `maxReordersPerDay` more (0: none until tomorrow).
bool mayReorder(const std::vector<platform::McardOrder>& orders, std::chrono::year_month_day today,
                int maxReordersPerDay) noexcept;

// --- chip binding (after verifying the card, before any USOS lookup) ---

// Only a chip that answered with the signed serial passes; a refusal counts as a clone, since a
// blank card onto which the files were copied cannot answer for the original chip.
inline bool chipBindingAccepts(smartcard::ChipBinding binding) noexcept {
    return binding == smartcard::ChipBinding::Matches;
}

} // namespace els::kiosk
