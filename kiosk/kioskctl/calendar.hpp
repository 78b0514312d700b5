#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace els::kiosk::kioskctl {

// Today's calendar date in Europe/Warsaw (from the system tz database through Qt).
std::chrono::year_month_day todayInWarsaw();
// Strict YYYY-MM-DD; throws UsageError.
std::chrono::year_month_day parseDate(std::string_view text);
std::string formatDate(std::chrono::year_month_day date);

} // namespace els::kiosk::kioskctl
