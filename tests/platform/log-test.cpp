#include "els/platform/error.hpp"
#include "els/platform/log.hpp"

#include <gtest/gtest.h>
#include <vector>

namespace log = els::platform::log;

TEST(Log, format_fieldsOfEveryType_printAsKeyValue) {
    EXPECT_EQ(
        log::Logger::format("usos.request", {{"method", "services/cards/mcard"},
                                             {"attempt", 2},
                                             {"retry", false},
                                             {"duration", std::chrono::microseconds{12'345}},
                                             {"kind", els::platform::UsosErrorKind::Timeout}}),
        "event=usos.request method=services/cards/mcard attempt=2 retry=false "
        "duration_ms=12 kind=usos_timeout");
}

TEST(Log, logger_belowMinimumLevel_isDropped_andPriorityPrefixed) {
    std::vector<std::string> lines;
    const log::Logger logger(log::Level::Info,
                             [&](std::string_view line) { lines.emplace_back(line); });
    logger.event(log::Level::Debug, "noise");
    logger.warning("journal.retry", {{"attempt", 3}});
    logger.error("usos.failed");
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "<4>event=journal.retry attempt=3");
    EXPECT_EQ(lines[1], "<3>event=usos.failed");
}

TEST(Log, codeFromConfiguration_keepsText) {
    const std::string method = "services/users/search2";
    EXPECT_EQ(log::Code::fromConfiguration(method).text(), method);
}
