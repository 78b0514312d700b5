#include "els/platform/clock.hpp"

#include "els/platform/error.hpp"

#include <QDateTime>
#include <QTimeZone>

namespace els::platform {

std::chrono::year_month_day Clock::todayInWarsaw() const {
    return warsawDate(now());
}

Clock::TimePoint SystemClock::now() const {
    return std::chrono::system_clock::now();
}

std::chrono::year_month_day warsawDate(Clock::TimePoint at) {
    const QTimeZone zone(QByteArrayLiteral("Europe/Warsaw"));
    if (!zone.isValid())
        throw Error("time zone Europe/Warsaw is unknown: install the tzdata package");
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
    const QDate date = QDateTime::fromMSecsSinceEpoch(ms, zone).date();
    return std::chrono::year_month_day{std::chrono::year{date.year()},
                                       std::chrono::month{static_cast<unsigned>(date.month())},
                                       std::chrono::day{static_cast<unsigned>(date.day())}};
}

std::string warsawDateTime(Clock::TimePoint at) {
    const QTimeZone zone(QByteArrayLiteral("Europe/Warsaw"));
    if (!zone.isValid())
        throw Error("time zone Europe/Warsaw is unknown: install the tzdata package");
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
    return QDateTime::fromMSecsSinceEpoch(ms, zone)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
        .toStdString();
}

} // namespace els::platform
