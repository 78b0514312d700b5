#include "els/platform/service-notifier.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace els::platform {
namespace {

// A real AF_UNIX datagram socket standing in for systemd's notification socket.
class NotifySocket {
public:
    NotifySocket() {
        char dirTemplate[] = "/tmp/els-notify-XXXXXX";
        dir_ = ::mkdtemp(dirTemplate);
        path_ = dir_ / "notify";
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path_.native().copy(addr.sun_path, sizeof(addr.sun_path) - 1);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
            ADD_FAILURE() << "bind " << path_;
        }
    }
    ~NotifySocket() {
        ::close(fd_);
        std::filesystem::remove_all(dir_);
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Every message received so far, without waiting.
    std::vector<std::string> drain() {
        std::vector<std::string> messages;
        char buffer[4096];
        for (;;) {
            const auto n = ::recv(fd_, buffer, sizeof(buffer), 0);
            if (n < 0)
                return messages;
            messages.emplace_back(buffer, static_cast<std::size_t>(n));
        }
    }

private:
    std::filesystem::path dir_;
    std::filesystem::path path_;
    int fd_ = -1;
};

int count(const std::vector<std::string>& messages, const std::string& what) {
    return static_cast<int>(std::count(messages.begin(), messages.end(), what));
}

void runEventLoopFor(std::chrono::milliseconds duration) {
    QElapsedTimer elapsed;
    elapsed.start();
    while (elapsed.elapsed() < duration.count()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    }
}

class ServiceNotifierTest : public ::testing::Test {
protected:
    void SetUp() override {
        ::setenv("NOTIFY_SOCKET", socket_.path().c_str(), 1);
        ::setenv("WATCHDOG_USEC", "100000", 1);
        ::unsetenv("WATCHDOG_PID");
    }
    void TearDown() override {
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
    }

    NotifySocket socket_;
};

TEST_F(ServiceNotifierTest, readyAndStatus_underSystemd_arriveOnTheSocket) {
    ServiceNotifier notifier;
    notifier.ready();
    notifier.status("waiting_for_card\nREADY=0");
    notifier.stopping();

    const auto messages = socket_.drain();
    ASSERT_EQ(messages.size(), 3u);
    EXPECT_EQ(messages[0], "READY=1");
    EXPECT_EQ(messages[1], "STATUS=waiting_for_card READY=0");
    EXPECT_EQ(messages[2], "STOPPING=1");
}

TEST_F(ServiceNotifierTest, watchdogInterval_fromWatchdogUsec) {
    EXPECT_EQ(ServiceNotifier{}.watchdogInterval(), std::chrono::microseconds(100000));
}

TEST_F(ServiceNotifierTest, watchdogInterval_watchdogMeantForAnotherProcess_isOff) {
    ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
    EXPECT_FALSE(ServiceNotifier{}.watchdogInterval());
    ::unsetenv("WATCHDOG_PID");
}

TEST_F(ServiceNotifierTest, pinger_runningEventLoop_pingsPeriodically_blockedLoop_stops) {
    WatchdogPinger pinger;
    ASSERT_TRUE(pinger.active());

    // 100 ms watchdog → a ping every 50 ms; 400 ms of event loop gives several.
    runEventLoopFor(std::chrono::milliseconds(400));
    const auto whileRunning = socket_.drain();
    EXPECT_GE(count(whileRunning, "WATCHDOG=1"), 4);
    EXPECT_EQ(count(whileRunning, "WATCHDOG=1"), static_cast<int>(whileRunning.size()));

    // A frozen GUI thread: three watchdog intervals without the event loop.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(count(socket_.drain(), "WATCHDOG=1"), 0);

    // The loop comes back: so do the pings.
    runEventLoopFor(std::chrono::milliseconds(200));
    EXPECT_GE(count(socket_.drain(), "WATCHDOG=1"), 1);
}

TEST(ServiceNotifierWithoutSystemd, noNotifySocket_everythingIsANoOp) {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ServiceNotifier notifier;
    notifier.ready();
    notifier.ping();
    EXPECT_FALSE(notifier.watchdogInterval());
    EXPECT_FALSE(WatchdogPinger{}.active());
}

} // namespace
} // namespace els::platform

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
