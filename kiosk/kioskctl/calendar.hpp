#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace els::kiosk::kioskctl {

// Strict YYYY-MM-DD (the --today option); throws UsageError.
std::chrono::year_month_day parseDate(std::string_view text);

} // namespace els::kiosk::kioskctl
