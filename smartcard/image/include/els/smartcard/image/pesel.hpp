#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace els::smartcard::image {

enum class Sex { Female, Male };

// A checksum-valid PESEL for a fake person. `serial` (0..4999) picks the three serial digits
// and, with `sex`, the sex digit, so 5000 distinct numbers exist per birth date and sex.
// Birth years 1800..2299 (the century is encoded in the month). Throws std::invalid_argument
// outside these ranges.
std::string fakePesel(std::chrono::year_month_day birthDate, unsigned serial, Sex sex);

// 11 digits, a real calendar birth date and the right check digit.
bool isValidPesel(std::string_view pesel) noexcept;

} // namespace els::smartcard::image
