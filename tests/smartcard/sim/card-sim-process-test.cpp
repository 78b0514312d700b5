// els-card-sim as a process against a stand-in for the vpcd driver (a TCP listener speaking its
// framing): it keeps its slot when pcscd comes late, when the reader resets or powers the card
// off and on, and when the driver goes away (unless --once).
#include "child-process.hpp"
#include "els/smartcard/bytes.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace els::testing;
using els::smartcard::Bytes;
using els::smartcard::fromHex;
using els::smartcard::toHex;
using namespace std::chrono_literals;

namespace {

class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        std::swap(fd_, other.fd_);
        return *this;
    }
    ~Fd() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// The driver's side of a vpcd slot: listens, accepts the card, frames messages.
class FakeDriver {
public:
    explicit FakeDriver(std::uint16_t port = 0) : listener_(::socket(AF_INET, SOCK_STREAM, 0)) {
        const int on = 1;
        ::setsockopt(listener_.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        auto address = loopback(port);
        if (::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_.get(), 1) != 0)
            throw std::runtime_error("cannot listen");
        socklen_t length = sizeof address;
        ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    std::uint16_t port() const { return port_; }

    // True when a card connected within `timeout`.
    bool accept(std::chrono::milliseconds timeout) {
        if (!readable(listener_.get(), timeout))
            return false;
        card_ = Fd(::accept(listener_.get(), nullptr, nullptr));
        return card_.get() >= 0;
    }
    void closeCard() { card_ = Fd(); }

    void send(const Bytes& message) {
        Bytes frame{static_cast<std::uint8_t>(message.size() >> 8),
                    static_cast<std::uint8_t>(message.size())};
        frame.insert(frame.end(), message.begin(), message.end());
        ASSERT_EQ(::send(card_.get(), frame.data(), frame.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(frame.size()));
    }
    // The card's answer; nullopt when it closed the connection or said nothing in 5 s.
    std::optional<Bytes> receive() {
        std::uint8_t header[2];
        if (!receiveExactly(header, 2))
            return std::nullopt;
        Bytes message(static_cast<std::size_t>(header[0] << 8 | header[1]));
        if (!receiveExactly(message.data(), message.size()))
            return std::nullopt;
        return message;
    }
    std::optional<Bytes> exchange(const Bytes& message) {
        send(message);
        return receive();
    }

private:
    static bool readable(int fd, std::chrono::milliseconds timeout) {
        pollfd p{fd, POLLIN, 0};
        return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
    }
    bool receiveExactly(std::uint8_t* buffer, std::size_t size) {
        while (size > 0) {
            if (!readable(card_.get(), 5s))
                return false;
            const ssize_t got = ::recv(card_.get(), buffer, size, 0);
            if (got <= 0)
                return false;
            buffer += got;
            size -= static_cast<std::size_t>(got);
        }
        return true;
    }

    Fd listener_;
    Fd card_;
    std::uint16_t port_ = 0;
};

const Bytes powerOff{0x00};
const Bytes powerOn{0x01};
const Bytes reset{0x02};
const Bytes getAtr{0x04};
const Bytes selectAid = fromHex("00A4040C07D6160000300101");

class CardSimProcess : public ::testing::Test {
protected:
    void SetUp() override {
        std::ofstream(image_ / "0002", std::ios::binary) << std::string("\x30\x03\x02\x01\x01", 5);
    }
    void TearDown() override { std::filesystem::remove_all(image_); }

    ChildProcess start(std::uint16_t port, std::vector<std::string> options = {}) {
        std::vector<std::string> args{ELS_CARD_SIM_PATH, "--image", image_.string(), "--port",
                                      std::to_string(port)};
        args.insert(args.end(), options.begin(), options.end());
        return ChildProcess(spawnProcess(args, "/dev/null", image_ / "out", image_ / "err"));
    }

    std::filesystem::path image_ = [] {
        auto dir = std::filesystem::temp_directory_path() /
                   ("els-card-sim-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return dir;
    }();
};

} // namespace

TEST_F(CardSimProcess, driverLateByMoreThan5s_cardWaitsAndThenServes) {
    const std::uint16_t port = FakeDriver().port(); // a free port, closed again: no driver yet
    auto sim = start(port);
    // Before, the card gave up after 5 s. Nothing to wait for but time: the driver is "down".
    EXPECT_FALSE(waitUntil(6500ms, [&] { return !sim.running(); })) << "the card left its slot";
    FakeDriver driver(port);
    ASSERT_TRUE(driver.accept(5s));
    const auto atr = driver.exchange(getAtr);
    ASSERT_TRUE(atr);
    EXPECT_EQ(atr->at(0), 0x3B);
    ::kill(sim.pid(), SIGTERM);
    EXPECT_EQ(sim.wait(5s), 0);
}

TEST_F(CardSimProcess, resetAndPowerCycles_keepTheCardInItsSlot) {
    for (const auto& options : {std::vector<std::string>{}, std::vector<std::string>{"--once"}}) {
        SCOPED_TRACE(options.empty() ? "plain" : "--once");
        FakeDriver driver;
        auto sim = start(driver.port(), options);
        ASSERT_TRUE(driver.accept(5s));
        driver.send(powerOn);
        EXPECT_EQ(driver.exchange(selectAid), fromHex("9000"));
        // SCARD_RESET_CARD and SCARD_UNPOWER_CARD, and pcscd's idle power-off.
        for (const auto& control : {reset, powerOff, powerOn, powerOff, powerOn})
            driver.send(control);
        const auto answer = driver.exchange(selectAid);
        ASSERT_TRUE(answer) << "the card left after a power cycle";
        EXPECT_EQ(toHex(*answer), "9000");
        EXPECT_TRUE(sim.running());
        ::kill(sim.pid(), SIGTERM);
        EXPECT_EQ(sim.wait(5s), 0);
    }
}

TEST_F(CardSimProcess, driverClosing_cardComesBackUnlessOnce) {
    {
        FakeDriver driver;
        auto sim = start(driver.port());
        ASSERT_TRUE(driver.accept(5s));
        driver.closeCard(); // pcscd restarted
        ASSERT_TRUE(driver.accept(5s)) << "the card did not come back";
        EXPECT_TRUE(driver.exchange(getAtr));
        ::kill(sim.pid(), SIGTERM);
        EXPECT_EQ(sim.wait(5s), 0);
    }
    FakeDriver driver;
    auto sim = start(driver.port(), {"--once"});
    ASSERT_TRUE(driver.accept(5s));
    driver.closeCard();
    EXPECT_EQ(sim.wait(5s), 0);
}
