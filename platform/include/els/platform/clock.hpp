#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace els::platform {

// Wall-clock time behind an interface so that "extended until today" and journal timestamps
// can be tested at any date. Dates that matter to students are in Europe/Warsaw.
class Clock {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    std::chrono::year_month_day todayInWarsaw() const;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override;
};

// A clock that moves only when told to. Single-threaded tests only.
class FixedClock final : public Clock {
public:
    explicit FixedClock(TimePoint at) : at_(at) {}
    TimePoint now() const override { return at_; }
    void set(TimePoint at) { at_ = at; }
    void advance(std::chrono::system_clock::duration by) { at_ += by; }

private:
    TimePoint at_;
};

// The calendar date in Europe/Warsaw at a given instant (DST-aware, via the tz database).
std::chrono::year_month_day warsawDate(Clock::TimePoint at);

// "YYYY-MM-DD HH:MM" wall-clock time in Europe/Warsaw, as e-mails to students give it.
std::string warsawDateTime(Clock::TimePoint at);

// YYYY-MM-DD, as USOS and the kiosk's JSON write dates. Inline so that kioskctl's Qt-free card
// commands share it without linking this (Qt) library.
inline std::string isoDate(std::chrono::year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

} // namespace els::platform
