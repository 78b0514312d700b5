#include "els/platform/error.hpp"
#include "els/platform/log.hpp"

#include <cstdio>
#include <gtest/gtest.h>
#include <memory>
#include <sys/stat.h>
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

TEST(Log, journal_entryCarriesMessagePriorityAndStructuredFields) {
    std::vector<std::vector<std::string>> entries;
    const auto logger = log::Logger::toJournal(
        log::Level::Info,
        [&](const std::vector<std::string>& fields) { entries.push_back(fields); }, "els-kiosk");
    logger.event(log::Level::Debug, "noise");
    logger.warning("usos.request_failed", {{"attempt", 2},
                                           {"error", els::platform::UsosErrorKind::Timeout},
                                           {"duration", std::chrono::milliseconds{1500}}});
    logger.info("session_finished", {{"outcome", "ready"}});
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0], (std::vector<std::string>{
                              "MESSAGE=event=usos.request_failed attempt=2 error=usos_timeout "
                              "duration_ms=1500",
                              "PRIORITY=4",
                              "SYSLOG_IDENTIFIER=els-kiosk",
                              "ELS_EVENT=usos.request_failed",
                              "ELS_ERROR_CODE=usos_timeout",
                              "ELS_DURATION_MS=1500",
                          }));
    EXPECT_EQ(entries[1], (std::vector<std::string>{"MESSAGE=event=session_finished outcome=ready",
                                                    "PRIORITY=6", "SYSLOG_IDENTIFIER=els-kiosk",
                                                    "ELS_EVENT=session_finished"}));
}

// The journal only when stderr is the very stream JOURNAL_STREAM names and libsystemd is there.
TEST(Log, chooseDestination_matchesStderrDeviceAndInode) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::tmpfile(), std::fclose);
    ASSERT_TRUE(file);
    const int fd = ::fileno(file.get());
    struct stat st {};
    ASSERT_EQ(::fstat(fd, &st), 0);
    const auto stream = std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino);
    const auto otherInode = std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino + 1);
    using log::Destination;
    EXPECT_EQ(log::chooseDestination(stream.c_str(), fd, true), Destination::Journal);
    EXPECT_EQ(log::chooseDestination(stream.c_str(), fd, false), Destination::Stderr);
    EXPECT_EQ(log::chooseDestination(nullptr, fd, true), Destination::Stderr);
    EXPECT_EQ(log::chooseDestination(otherInode.c_str(), fd, true), Destination::Stderr);
    for (const char* garbage : {"", ":", "12", "12:", ":34", "x:y", "1:2:3"})
        EXPECT_EQ(log::chooseDestination(garbage, fd, true), Destination::Stderr) << garbage;
    EXPECT_EQ(log::chooseDestination(stream.c_str(), -1, true), Destination::Stderr);
}
