// kioskctl's Qt-free Warsaw date must agree with platform's (Qt) one: read-card and the kiosk
// must never disagree on whether a card is extended "today".
#include "calendar.hpp"
#include "command.hpp"
#include "els/platform/clock.hpp"

#include <gtest/gtest.h>

using namespace std::chrono;
namespace ctl = els::kiosk::kioskctl;

namespace {
sys_seconds utc(int y, unsigned m, unsigned d, int h, int min) {
    return sys_days{year{y} / m / d} + hours{h} + minutes{min};
}
} // namespace

TEST(KioskctlCalendar, warsawDate_aroundMidnightInWinterAndSummer) {
    EXPECT_EQ(ctl::warsawDate(utc(2024, 1, 15, 22, 59)), year{2024} / January / 15);
    EXPECT_EQ(ctl::warsawDate(utc(2024, 1, 15, 23, 0)), year{2024} / January / 16);
    EXPECT_EQ(ctl::warsawDate(utc(2024, 6, 30, 21, 59)), year{2024} / June / 30);
    EXPECT_EQ(ctl::warsawDate(utc(2024, 6, 30, 22, 0)), year{2024} / July / 1);
}

TEST(KioskctlCalendar, warsawDate_equalsPlatformWarsawDate_everyHalfHourOfSeveralYears) {
    for (auto at = utc(2023, 1, 1, 0, 0); at < utc(2028, 1, 1, 0, 0); at += minutes{30}) {
        ASSERT_EQ(ctl::warsawDate(at), els::platform::warsawDate(at))
            << "at " << at.time_since_epoch().count() << " s since the epoch";
    }
}

TEST(KioskctlCalendar, parseDate_strict) {
    EXPECT_EQ(ctl::parseDate("2025-09-30"), year{2025} / September / 30);
    EXPECT_THROW(ctl::parseDate("2025-9-30"), ctl::UsageError);
    EXPECT_THROW(ctl::parseDate("2025-02-30"), ctl::UsageError);
}
