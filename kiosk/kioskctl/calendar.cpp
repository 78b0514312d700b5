#include "calendar.hpp"

#include "command.hpp"

#include <QDateTime>
#include <QTimeZone>
#include <cstdio>

namespace els::kiosk::kioskctl {

std::chrono::year_month_day todayInWarsaw() {
    const QTimeZone warsaw("Europe/Warsaw");
    if (!warsaw.isValid()) {
        throw std::runtime_error("time zone Europe/Warsaw unknown (is tzdata installed?)");
    }
    const QDate date = QDateTime::currentDateTimeUtc().toTimeZone(warsaw).date();
    return std::chrono::year_month_day{std::chrono::year{date.year()},
                                       std::chrono::month{static_cast<unsigned>(date.month())},
                                       std::chrono::day{static_cast<unsigned>(date.day())}};
}

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

std::string formatDate(std::chrono::year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

} // namespace els::kiosk::kioskctl
