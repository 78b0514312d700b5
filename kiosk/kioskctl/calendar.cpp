#include "calendar.hpp"

#include "command.hpp"

#include <string>

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

} // namespace els::kiosk::kioskctl
