#include "calendar.hpp"

#include "command.hpp"

#include <cstdlib>
#include <ctime>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace els::kiosk::kioskctl {

std::chrono::year_month_day parseDate(std::string_view text) {
    const std::string copy(text);
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    int fields[3] = {0, 0, 0};
    for (std::size_t i = 0, field = 0; shaped && i < text.size(); ++i) {
        if (i == 4 || i == 7) {
            ++field;
        } else if (text[i] >= '0' && text[i] <= '9') {
            fields[field] = fields[field] * 10 + (text[i] - '0');
        } else {
            throw UsageError("date \"" + copy + "\" is not YYYY-MM-DD");
        }
    }
    if (!shaped)
        throw UsageError("date \"" + copy + "\" is not YYYY-MM-DD");
    const std::chrono::year_month_day date{std::chrono::year{fields[0]},
                                           std::chrono::month{static_cast<unsigned>(fields[1])},
                                           std::chrono::day{static_cast<unsigned>(fields[2])}};
    if (!date.ok())
        throw UsageError("date \"" + copy + "\" does not exist");
    return date;
}

std::chrono::year_month_day warsawDate(std::chrono::system_clock::time_point at) {
    // glibc silently falls back to UTC for a zone it cannot find, which would make a card
    // expire an hour or two early or late: insist on the zone file.
    constexpr auto zoneFile = "/usr/share/zoneinfo/Europe/Warsaw";
    if (::access(zoneFile, R_OK) != 0)
        throw std::runtime_error("time zone Europe/Warsaw is unknown: install the tzdata package");
    ::setenv("TZ", zoneFile, 1);
    ::tzset();
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(at));
    std::tm local{};
    if (!::localtime_r(&seconds, &local))
        throw std::runtime_error("cannot convert the time to Europe/Warsaw");
    return std::chrono::year_month_day{std::chrono::year{local.tm_year + 1900},
                                       std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                                       std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

} // namespace els::kiosk::kioskctl
