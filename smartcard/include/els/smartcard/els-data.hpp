#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace els::smartcard {

// The signed content of EF.ELS (els-card.md, "The data file"). Strings are UTF-8.
struct ElsData {
    long version = 0;
    std::string chipSerial;
    std::string university;
    std::vector<std::string> surnames;
    std::vector<std::string> givenNames;
    std::string albumNumber;
    std::string universityCode;
    std::string pesel;
    std::chrono::year_month_day validUntil{};

    bool operator==(const ElsData&) const = default;
};

// Valid through the whole validity day: extended when validUntil >= today (today taken in
// Europe/Warsaw by the caller, which owns the clock).
inline bool isExtended(const ElsData& data, std::chrono::year_month_day today) noexcept {
    return data.validUntil >= today;
}

} // namespace els::smartcard
