#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace els::kiosk::kioskctl {

// Strict YYYY-MM-DD (the --today option); throws UsageError.
std::chrono::year_month_day parseDate(std::string_view text);

// The calendar date in Europe/Warsaw at `at`, from the tz database through the C library, so
// that read-card needs no Qt (platform::warsawDate is the Qt one; a test keeps them equal).
// Points this process's TZ at Europe/Warsaw: only kioskctl's card commands call it, and they
// read no other local time. Throws std::runtime_error without tzdata.
std::chrono::year_month_day warsawDate(std::chrono::system_clock::time_point at);

} // namespace els::kiosk::kioskctl
