#pragma once

#include "els/kiosk/screen-state.hpp"
#include "els/platform/usos-types.hpp"
#include "els/smartcard/verify.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Whether a student may order an mLegitymacja: the card's own checks first (signature, chip
// extended), then the card and the person as USOS knows them, then USOS's own verdict. Pure
// logic on values; no I/O.
namespace els::kiosk {

// What USOS says about one student (services/users/user, cards/user, cards/mcard).
struct UsosStudent {
    platform::UsosUser user;
    std::vector<platform::UsosCard> cards;
    platform::McardInfo mcard;
};

enum class Verdict {
    Refused,  // problem and reason say why and what to do
    MayOrder, // ask the student to confirm, then order
    HasOrder, // an active order exists: show it (or its QR) instead of ordering again
};

struct Eligibility {
    Verdict verdict = Verdict::Refused;
    Problem problem = Problem::None;
    LocalizedText reason; // for the student; USOS's own words when problem == UsosRefused
    std::optional<platform::McardOrder> activeOrder; // with HasOrder

    static Eligibility refused(Problem problem);
};

// The checks that need only the card: signature and chain, then validity date ≥ today
// (Europe/Warsaw). nullopt = passed, go on and ask USOS.
std::optional<Eligibility> checkCard(const smartcard::VerifiedEls& card,
                                     std::chrono::year_month_day today);

// Every rule, card checks included, in the order the student should fix them.
Eligibility checkEligibility(const smartcard::VerifiedEls& card, std::chrono::year_month_day today,
                             const UsosStudent& usos);

// The newest order that still counts (pending, in progress, ready, received), if any.
std::optional<platform::McardOrder> activeOrder(const platform::McardInfo& mcard);

// Chip UIDs compared as hex digits: case, spaces, colons and dashes ignored. Empty never matches.
bool sameChipUid(std::string_view a, std::string_view b);

// NFC, case-folded, every run of whitespace and hyphen-like dashes made one space, trimmed:
// "Żółkowska-Wąs", "ŻÓŁKOWSKA – WĄS" and "żółkowska wąs" compare equal.
std::string normalizeName(std::string_view text);

bool surnamesMatch(const std::vector<std::string>& chipSurnames, std::string_view usosLastName);
bool givenNamesMatch(const std::vector<std::string>& chipGivenNames, std::string_view usosFirstName,
                     std::string_view usosMiddleNames);

} // namespace els::kiosk
