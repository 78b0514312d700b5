#include "els/platform/clock.hpp"

#include <gtest/gtest.h>

using namespace std::chrono;
using els::platform::FixedClock;
using els::platform::warsawDate;

namespace {
sys_seconds utc(int y, unsigned m, unsigned d, int h, int min) {
    return sys_days{year{y} / m / d} + hours{h} + minutes{min};
}
} // namespace

TEST(Clock, warsawDate_winterEvening_isNextDayAfter23Utc) {
    EXPECT_EQ(warsawDate(utc(2024, 1, 15, 22, 59)), year{2024} / January / 15);
    EXPECT_EQ(warsawDate(utc(2024, 1, 15, 23, 0)), year{2024} / January / 16);
}

TEST(Clock, warsawDate_summerEvening_isNextDayAfter22Utc) {
    EXPECT_EQ(warsawDate(utc(2024, 6, 30, 21, 59)), year{2024} / June / 30);
    EXPECT_EQ(warsawDate(utc(2024, 6, 30, 22, 0)), year{2024} / July / 1);
}

TEST(Clock, fixedClock_advance_movesTodayInWarsaw) {
    FixedClock clock(utc(2025, 9, 30, 12, 0));
    EXPECT_EQ(clock.todayInWarsaw(), year{2025} / September / 30);
    clock.advance(hours{12});
    EXPECT_EQ(clock.todayInWarsaw(), year{2025} / October / 1);
}

TEST(Clock, systemClock_now_isCloseToSystemClock) {
    const els::platform::SystemClock clock;
    EXPECT_LT(abs(clock.now() - system_clock::now()), seconds{1});
}
